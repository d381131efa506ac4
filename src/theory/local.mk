## src/theory: closed forms and gradient-flow ODEs (included by the top Makefile.am)

## The deep linear network in population form, its gradient flow, the
## observables recorded along it (shared by all linear models) and the set-up
## of a flow problem from options.
src_libsilentalign_la_SOURCES += \
	src/theory/linear_net.c src/theory/linear_net.h \
	src/theory/linear_flow.c src/theory/linear_flow.h \
	src/theory/linear_flow_lowrank.c src/theory/linear_flow_lowrank.h \
	src/theory/linear_observables.c src/theory/linear_observables.h \
	src/theory/linear_setup.c src/theory/linear_setup.h

## Two layers (App. C): closed forms and reduced ODEs; unwhitened data
## (Sec. 3.2, App. C.3).
src_libsilentalign_la_SOURCES += \
	src/theory/twolayer.c src/theory/twolayer.h \
	src/theory/twolayer_ode.c src/theory/twolayer_ode.h \
	src/theory/unwhitened.c src/theory/unwhitened.h

## Deep linear networks (App. D, E) and multiple outputs (App. H): balanced
## ODE with its closed form, full-flow time scales, multi-output modes.
src_libsilentalign_la_SOURCES += \
	src/theory/deepbal.c src/theory/deepbal.h \
	src/theory/deeptimes.c src/theory/deeptimes.h \
	src/theory/multiout.c src/theory/multiout.h

## Transfer learning curves (App. F) and the kernel-regression theorem (App. B).
src_libsilentalign_la_SOURCES += \
	src/theory/transfer.c src/theory/transfer.h \
	src/theory/kernel_theorem.c src/theory/kernel_theorem.h

## For figures: the 2-D kernel pictures of Figs. 2 and C.1 (kernel2d) and
## |K(t)|_F and the alignment plateau along a flow (ktrace, Figs. C.2c, E.1).
src_libsilentalign_la_SOURCES += \
	src/theory/kernel2d.c src/theory/kernel2d.h \
	src/theory/ktrace.c src/theory/ktrace.h
## and the balanced-network theory of the linear phase diagram (figures/phase.mk).
src_libsilentalign_la_SOURCES += \
	src/theory/phase_theory.c src/theory/phase_theory.h
