## figures/wrn.mk: the Wide ResNet figures (Figs. 1d,e, J.1, J.2, J.3; issue 8).
##
## Network: the Neural Tangents Wide ResNet without batch norm or biases
## (src/nets/wrn.h), standard parameterisation with sigma = 6 for the first
## convolution and 0.3 for every other layer (the paper's), full-batch Adam on
## the MSE loss.  Data: Fashion-MNIST T-shirt/top (0) vs Shirt (6), the
## stand-in for the paper's two CIFAR-10 classes, whitened (gamma = 0, cut-off
## 1e-2; Fig. J.1: gamma = 1, raw) on the training set and fed as 1-channel
## images.  Every run records the NTK (from per-sample gradients,
## src/nets/wrn_ntk.h) at each record and ends with K_0 / K_inf kernel
## regression on the test images.
##
## Two tiers (options in figures/wrn-args.sh).  WRN_TIER=scaled (the default, run by `make figures` and
## `make report`) shrinks every run so that the ten runs take about 200
## CPU-seconds (2.1 TFLOP); WRN_TIER=full is the paper's setting (4.6 PFLOP).  `make figures-full`
## deletes the WRN data and rebuilds the figures and the report at the full
## tier (measured/estimated times in the README).
##   scaled: 7 x 7 images (averages of 4 x 4 pixel blocks of the 28 x 28
##           images, --downsample=4, before whitening), P = 50 training and 50 test
##           images, Adam lr 2e-4 for 100 steps (the paper: lr 1e-5 for
##           1500-3000 steps), 21 records; Fig. 1d,e and J.1 at k = 2
##           (paper 4); J.2 at k = 1 (paper 4, presumably); J.3 at b = 1
##           (paper 2).
##   full:   28 x 28 images, P = 100, 100 test images, Adam lr 1e-5, 1500
##           steps (Fig. 1d), 2500 (J.1), 3000 (J.2, J.3), 31 records; k = 4,
##           b = 1 (Fig. 1d, J.1); J.2 k = 4; J.3 b = 2.
WRN_TIER = scaled
WRN_BASE = train --data=fashion --classes=0,6 --arch=wrn --sigma-first=6 --sigma=0.3 --optimizer=adam \
	--eigs=0 --seed=1
WRN_ARGS = $(SHELL) $(srcdir)/figures/wrn-args.sh $(WRN_TIER)
WRN = $(WRN_BASE) `$(WRN_ARGS) size` \
	--note='tier $(WRN_TIER): Fashion-MNIST T-shirt vs Shirt stands in for CIFAR-10 (figures/wrn.mk)'
WRN_DEPS = $(FIGDEPS) $(srcdir)/figures/wrn.mk $(srcdir)/figures/wrn-args.sh

$(FD)/fig1d.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) fig1d` \
	  --predictions=$(FD)/fig1e.dat -o $@
$(FD)/fig1e.dat: $(FD)/fig1d.dat
	@test -f $@ || { rm -f $(FD)/fig1d.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/fig1d.dat; }
$(FD)/figJ1a.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ1a` \
	  --predictions=$(FD)/figJ1b.dat -o $@
$(FD)/figJ1b.dat: $(FD)/figJ1a.dat
	@test -f $@ || { rm -f $(FD)/figJ1a.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/figJ1a.dat; }
$(FD)/figJ2-b1.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ2-b1` -o $@
$(FD)/figJ2-b2.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ2-b2` -o $@
$(FD)/figJ2-b3.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ2-b3` -o $@
$(FD)/figJ2-b4.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ2-b4` -o $@
$(FD)/figJ3-k1.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ3-k1` -o $@
$(FD)/figJ3-k2.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ3-k2` -o $@
$(FD)/figJ3-k3.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ3-k3` -o $@
$(FD)/figJ3-k4.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN) `$(WRN_ARGS) figJ3-k4` -o $@
## Regime variants of Fig. 1d,e (the same at both tiers; options in
## figures/wrn-args.sh): the paper's init scales leave the scaled network's
## NTK only two decades below its final norm, outside the small-initialisation
## regime; these runs halve every init scale (sigma_first 3, sigma 0.15; five
## decades) and train the k = 1, b = 1 net on the scaled data with GD
## (fig1d-regime; lr 0.02, 2000 steps), by the gradient flow of the theory
## (fig1d-regime-flow, CVODE, on the same time grid: is GD at this rate
## flow-like?) and with Adam (fig1d-regime-adam; lr 2e-4, 200 steps).
## Measured CPU times: GD 62.5 s, flow 31.4 s (830 gradient evaluations),
## Adam 10.1 s.
WRN_REGIME = $(WRN_BASE) \
	--note='regime variant of Fig. 1d,e (both tiers): init scales halved; Fashion-MNIST stands in for CIFAR-10 (figures/wrn.mk)'
$(FD)/fig1d-regime.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN_REGIME) `$(WRN_ARGS) fig1d-regime` \
	  --predictions=$(FD)/fig1e-regime.dat -o $@
$(FD)/fig1e-regime.dat: $(FD)/fig1d-regime.dat
	@test -f $@ || { rm -f $(FD)/fig1d-regime.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/fig1d-regime.dat; }
$(FD)/fig1d-regime-flow.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN_REGIME) `$(WRN_ARGS) fig1d-regime-flow` -o $@
$(FD)/fig1d-regime-adam.dat: $(WRN_DEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(WRN_REGIME) `$(WRN_ARGS) fig1d-regime-adam` -o $@
WRN_REGIME_FILES = $(FD)/fig1d-regime.dat $(FD)/fig1e-regime.dat $(FD)/fig1d-regime-flow.dat \
	$(FD)/fig1d-regime-adam.dat
FIGDATA += $(WRN_REGIME_FILES)
WRN_J2_FILES = $(FD)/figJ2-b1.dat $(FD)/figJ2-b2.dat $(FD)/figJ2-b3.dat $(FD)/figJ2-b4.dat
WRN_J3_FILES = $(FD)/figJ3-k1.dat $(FD)/figJ3-k2.dat $(FD)/figJ3-k3.dat $(FD)/figJ3-k4.dat
$(FD)/figJ2d.dat: $(WRN_J2_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) b disc_k0 disc_kinf t_knorm10 -- 1=$(FD)/figJ2-b1.dat 2=$(FD)/figJ2-b2.dat \
	  3=$(FD)/figJ2-b3.dat 4=$(FD)/figJ2-b4.dat > $@.tmp && mv $@.tmp $@
$(FD)/figJ3d.dat: $(WRN_J3_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) k disc_k0 disc_kinf t_knorm10 -- 1=$(FD)/figJ3-k1.dat 2=$(FD)/figJ3-k2.dat \
	  3=$(FD)/figJ3-k3.dat 4=$(FD)/figJ3-k4.dat > $@.tmp && mv $@.tmp $@
WRN_DATFILES = $(FD)/fig1d.dat $(FD)/fig1e.dat $(FD)/figJ1a.dat $(FD)/figJ1b.dat $(WRN_J2_FILES) \
	$(WRN_J3_FILES) $(FD)/figJ2d.dat $(FD)/figJ3d.dat
FIGDATA += $(WRN_DATFILES)

## The figures (cairolatex, as in figures/local.mk).
figures/build/fig1de.tex: $(srcdir)/figures/fig1de.gp $(FIG_STYLE) $(srcdir)/figures/result.gp \
	$(FD)/fig1d.dat $(FD)/fig1e.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig1de; $(FIG_GNUPLOT)
figures/build/figJ1.tex: $(srcdir)/figures/figJ1.gp $(FIG_STYLE) $(srcdir)/figures/result.gp \
	$(FD)/figJ1a.dat $(FD)/figJ1b.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figJ1; $(FIG_GNUPLOT)
figures/build/figJ2.tex: $(srcdir)/figures/figJ2.gp $(FIG_STYLE) $(srcdir)/figures/result.gp $(srcdir)/figures/columns.gp \
	$(WRN_J2_FILES) $(FD)/figJ2d.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figJ2; $(FIG_GNUPLOT)
figures/build/figJ3.tex: $(srcdir)/figures/figJ3.gp $(FIG_STYLE) $(srcdir)/figures/result.gp $(srcdir)/figures/columns.gp \
	$(WRN_J3_FILES) $(FD)/figJ3d.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figJ3; $(FIG_GNUPLOT)
figures/build/fig1de-regime.tex: $(srcdir)/figures/fig1de-regime.gp $(FIG_STYLE) $(srcdir)/figures/result.gp \
	$(WRN_REGIME_FILES)
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig1de-regime; $(FIG_GNUPLOT)
FIGURES += figures/build/fig1de-regime.tex
FIGURES += figures/build/fig1de.tex figures/build/figJ1.tex figures/build/figJ2.tex figures/build/figJ3.tex

## Paper-vs-ours tables, and the numbers and sentences of the report text
## computed from the data (figures/wrn-claims.sh).
doc/gen/fig1de-table.tex: $(srcdir)/figures/paper-values/fig1de.tsv $(FIG_TABLE_DEPS) \
	$(FD)/fig1d.dat $(FD)/fig1e.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=fig1de; $(FIG_TABLE)
doc/gen/figJ1-table.tex: $(srcdir)/figures/paper-values/figJ1.tsv $(FIG_TABLE_DEPS) \
	$(FD)/figJ1a.dat $(FD)/figJ1b.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figJ1; $(FIG_TABLE)
doc/gen/figJ2-table.tex: $(srcdir)/figures/paper-values/figJ2.tsv $(FIG_TABLE_DEPS) \
	$(WRN_J2_FILES) $(FD)/figJ2d.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figJ2; $(FIG_TABLE)
doc/gen/figJ3-table.tex: $(srcdir)/figures/paper-values/figJ3.tsv $(FIG_TABLE_DEPS) \
	$(WRN_J3_FILES) $(FD)/figJ3d.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figJ3; $(FIG_TABLE)
doc/gen/wrn-claims.tex: $(srcdir)/figures/wrn-claims.sh figures/series$(EXEEXT) $(WRN_DATFILES) $(WRN_REGIME_FILES)
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)SERIES=figures/series$(EXEEXT) $(SHELL) $(srcdir)/figures/wrn-claims.sh $(FD) > $@.tmp && mv $@.tmp $@
FIGURE_TABLES += doc/gen/fig1de-table.tex doc/gen/figJ1-table.tex doc/gen/figJ2-table.tex \
	doc/gen/figJ3-table.tex doc/gen/wrn-claims.tex

## The paper's settings: delete the WRN data and remake figures and report
## (`make figures-full` runs this too, besides the phase diagrams of
## figures/phase.mk).
figures-full-wrn:
	rm -f $(WRN_DATFILES)
	$(MAKE) $(AM_MAKEFLAGS) WRN_TIER=full report
figures-full: figures-full-wrn
.PHONY: figures-full-wrn

EXTRA_DIST += figures/wrn.mk figures/wrn-args.sh figures/wrn-claims.sh figures/fig1de.gp \
	figures/fig1de-regime.gp figures/figJ1.gp figures/figJ2.gp \
	figures/figJ3.gp figures/paper-values/fig1de.tsv figures/paper-values/figJ1.tsv \
	figures/paper-values/figJ2.tsv figures/paper-values/figJ3.tsv

