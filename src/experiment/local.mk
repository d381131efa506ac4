## src/experiment: Monte-Carlo experiments (included by the top Makefile.am).
## What goes here and not in src/train or src/theory (README, "Layout"):
## sampling code that estimates a theory quantity from random draws (data,
## weights, teachers) without training a network, written independently of
## the theory it is compared with.  Networks trained by an optimiser live in
## src/train; deterministic closed forms and ODEs in src/theory.
src_libsilentalign_la_SOURCES += \
	src/experiment/transfer_mc.c src/experiment/transfer_mc.h \
	src/experiment/twolayer_mc.c src/experiment/twolayer_mc.h
