## figures: data files written by silentalign, and (later) the gnuplot figures.
##
## `make theory-data` writes the analytic solver's outputs to theory-data/.
## Each model appends its rules below: a target file under theory-data/ with
## the exact silentalign command that makes it, added to THEORY_FILES.
THEORY_FILES =
SA = $(builddir)/src/cli/silentalign

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

## Figures of the report (theory side: Figs. 2, 3, C.1, C.2, C.3a, E.1, F.1,
## H.1a,b).  Two small subcommands exist only for figures: kernel2d (the 2-D
## kernel pictures of Figs. 2 and C.1) and kernel-trace (|K(t)|_F and the
## alignment plateau along a flow, Figs. C.2c and E.1).
src_libsa_a_SOURCES += src/theory/kernel2d.c src/theory/kernel2d.h \
	src/theory/ktrace.c src/theory/ktrace.h
src_cli_silentalign_SOURCES += src/cli/cmd_kernel2d.c src/cli/cmd_kerneltrace.c

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
