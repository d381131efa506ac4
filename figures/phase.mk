## Phase diagrams of silent alignment (report section "Beyond the paper"),
## run as `silentalign sweep`s.  `make report` runs the default grids below
## (about 3 minutes on the 2-core machine with make -j2, the sweeps running
## side by side); `make figures-full` reruns them on the finer PHASE_FULL_*
## grids into figures/data-full/, through MPI when built with it
## (SWEEP_NP ranks, default 2) and redraws the figures from those.
##
## Linear: the full flow (kernel-trace, D = 30, N = 50, P = 100 whitened as
## in Figs. 3 and E.1) over depth L and init scale sigma, with the refining
## second pass that resolves the final growth of |K|.  Nonlinear: two-layer
## ReLU on Fashion-MNIST T-shirt vs Shirt, P = 100 (<= the whitening rank),
## N = 100, GD lr 0.2, over partial whitening gamma and sigma; and ReLU depth
## L = 2..4 on whitened data over sigma.
PHASE_LIN_CMD = kernel-trace --D=30 --N=50 --P=100 --s=1 --log-time --t-first=1e-3 --t-end=1e18 \
	--stop-ratio=1e-6 --samples=200 --refine=60
PHASE_TRAIN_CMD = train --data=fashion --classes=0,6 --P=100 --P-test=100 --arch=relu --N=100 \
	--lr=0.2 --records=301 --eigs=0
PHASE_LIN_GRID = --grid=L:2,3,4,5,6 --grid=sigma:1e-3,3e-3,1e-2,3e-2,0.1,0.3,1
PHASE_GAMMA_GRID = --grid=gamma:0,0.25,0.5,0.75,1 --grid=sigma:1e-4,1e-3,1e-2,0.1,1
PHASE_DEPTH_GRID = --grid=L:2,3,4 --grid=sigma:0.03,0.1,0.3,1
PHASE_FULL_LIN_GRID = --grid=L:2,3,4,5,6 \
	--grid=sigma:1e-4,2e-4,5e-4,1e-3,2e-3,5e-3,1e-2,2e-2,5e-2,0.1,0.2,0.5,1
PHASE_FULL_GAMMA_GRID = --grid=gamma:0,0.125,0.25,0.375,0.5,0.625,0.75,0.875,1 \
	--grid=sigma:1e-4,3e-4,1e-3,3e-3,1e-2,3e-2,0.1,0.3,1
PHASE_FULL_DEPTH_GRID = --grid=L:2,3,4 --grid=sigma:0.02,0.03,0.05,0.1,0.2,0.3,0.5,1
## Steps: depth L needs ~sigma^{2-L} time to learn; 3000 steps of lr 0.2 reach
## L = 4 at sigma = 0.03.
PHASE_SWEEP = $(SAX) sweep --quiet
SWEEP_NP = 2
if HAVE_MPI
PHASE_SWEEP_FULL = OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
	$(MPIRUN) --oversubscribe -np $(SWEEP_NP) \
	$(SA_PROGRAM) sweep --quiet
else
PHASE_SWEEP_FULL = $(PHASE_SWEEP)
endif

$(FD)/phase-lin/summary.tsv: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(PHASE_SWEEP) $(PHASE_LIN_GRID) --out=$(FD)/phase-lin -- $(PHASE_LIN_CMD) \
	  2> $(FD)/phase-lin.log || { cat $(FD)/phase-lin.log >&2; exit 1; }
$(FD)/phase-gamma/summary.tsv: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(PHASE_SWEEP) $(PHASE_GAMMA_GRID) --out=$(FD)/phase-gamma -- $(PHASE_TRAIN_CMD) --L=2 --steps=600 \
	  2> $(FD)/phase-gamma.log || { cat $(FD)/phase-gamma.log >&2; exit 1; }
$(FD)/phase-depth/summary.tsv: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(PHASE_SWEEP) $(PHASE_DEPTH_GRID) --out=$(FD)/phase-depth -- $(PHASE_TRAIN_CMD) --gamma=0 --steps=3000 \
	  2> $(FD)/phase-depth.log || { cat $(FD)/phase-depth.log >&2; exit 1; }

PHASE_DAT = $(FD)/phase-lin.dat $(FD)/phase-gamma.dat $(FD)/phase-depth.dat
## phase-lin.dat: the sweep's measurements beside the balanced-network theory
## for its D = 30, N = 50, s = 1 (figures/phase-lin.c, theory/phase_theory.h).
$(FD)/phase-lin.dat: $(FD)/phase-lin/summary.tsv figures/phase-lin$(EXEEXT)
	$(AM_V_GEN)figures/phase-lin$(EXEEXT) $(FD)/phase-lin/summary.tsv 30 50 1 > $@.tmp && mv $@.tmp $@
$(FD)/phase-gamma.dat: $(FD)/phase-gamma/summary.tsv $(srcdir)/figures/phase.sh
	$(AM_V_GEN)$(SHELL) $(srcdir)/figures/phase.sh train $(FD)/phase-gamma/summary.tsv gamma > $@.tmp && mv $@.tmp $@
$(FD)/phase-depth.dat: $(FD)/phase-depth/summary.tsv $(srcdir)/figures/phase.sh
	$(AM_V_GEN)$(SHELL) $(srcdir)/figures/phase.sh train $(FD)/phase-depth/summary.tsv L > $@.tmp && mv $@.tmp $@

figures/build/phase-lin.tex: $(srcdir)/figures/phase-lin.gp $(FIG_STYLE) $(FD)/phase-lin.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=phase-lin; $(FIG_GNUPLOT)
figures/build/phase-nonlin.tex: $(srcdir)/figures/phase-nonlin.gp $(FIG_STYLE) $(FD)/phase-gamma.dat $(FD)/phase-depth.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=phase-nonlin; $(FIG_GNUPLOT)
FIGURES += figures/build/phase-lin.tex figures/build/phase-nonlin.tex

## The section's statements, computed from the data (doc/sections/beyond.tex
## inputs it).
doc/gen/beyond-facts.tex: $(srcdir)/figures/phase-facts.sh $(PHASE_DAT)
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)$(SHELL) $(srcdir)/figures/phase-facts.sh $(FD) > $@.tmp && mv $@.tmp $@
FIGURE_TABLES += doc/gen/beyond-facts.tex

EXTRA_DIST += figures/phase.mk figures/phase.sh figures/phase-facts.sh figures/phase-lin.gp \
	figures/phase-nonlin.gp

## The finer grids: the same sweeps into figures/data-full, then the figures
## and facts redrawn from them (into figures/build-full, doc/gen-full).
FDF = figures/data-full
figures-full:
	@$(MKDIR_P) $(FDF)
	$(PHASE_SWEEP_FULL) $(PHASE_FULL_LIN_GRID) --out=$(FDF)/phase-lin -- $(PHASE_LIN_CMD) 2> $(FDF)/phase-lin.log
	$(PHASE_SWEEP_FULL) $(PHASE_FULL_GAMMA_GRID) --out=$(FDF)/phase-gamma -- $(PHASE_TRAIN_CMD) --L=2 --steps=600 \
	  2> $(FDF)/phase-gamma.log
	$(PHASE_SWEEP_FULL) $(PHASE_FULL_DEPTH_GRID) --out=$(FDF)/phase-depth -- $(PHASE_TRAIN_CMD) --gamma=0 --steps=3000 \
	  2> $(FDF)/phase-depth.log
	figures/phase-lin$(EXEEXT) $(FDF)/phase-lin/summary.tsv 30 50 1 > $(FDF)/phase-lin.dat
	$(SHELL) $(srcdir)/figures/phase.sh train $(FDF)/phase-gamma/summary.tsv gamma > $(FDF)/phase-gamma.dat
	$(SHELL) $(srcdir)/figures/phase.sh train $(FDF)/phase-depth/summary.tsv L > $(FDF)/phase-depth.dat
	@$(MKDIR_P) figures/build-full
	for name in phase-lin phase-nonlin; do \
	  (cd figures/build-full && $(GNUPLOT) -e "out='$$name'; datadir='../data-full'; styledir='$(abs_top_srcdir)/figures'; series='$(FIG_SERIES)'" \
	    $(abs_top_srcdir)/figures/$$name.gp) || exit 1; done
	$(SHELL) $(srcdir)/figures/phase-facts.sh $(FDF) > $(FDF)/beyond-facts.tex
.PHONY: figures-full
