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
