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
