## doc: the PDF report.  `make report` builds doc/report.pdf from report.tex,
## the derivations in proofs/ and fragments generated into doc/gen/.
REPORT_GEN = doc/gen/provenance.tex doc/gen/test-summary.tex doc/gen/proofs.tex \
	doc/gen/figure-provenance.tex
EXTRA_DIST += doc/report.tex doc/provenance.sh doc/test-summary.sh doc/figure-provenance.sh \
	doc/sections/errata.tex doc/sections/not-reproduced.tex

## The program itself ($(SA_PROGRAM)), not the timing wrapper $(SA) of the
## figure rules: provenance.sh takes exactly two arguments.
doc/gen/provenance.tex: src/cli/silentalign$(EXEEXT) $(srcdir)/doc/provenance.sh FORCE
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)CC='$(CC)' $(SHELL) $(srcdir)/doc/provenance.sh $(SA_PROGRAM) $(abs_top_srcdir) > $@.tmp && mv $@.tmp $@

doc/gen/figure-provenance.tex: $(srcdir)/doc/figure-provenance.sh $(FIGURES)
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)$(SHELL) $(srcdir)/doc/figure-provenance.sh figures/data $(FIGURE_TIMES) > $@.tmp && mv $@.tmp $@

## The summary quotes the logs of a `make check` run after the figures exist
## (so that the figure checks run too); a failing test does not stop the
## report, which lists it as FAIL.
doc/gen/test-summary.tex: $(srcdir)/doc/test-summary.sh $(FIGURES) FORCE
	@$(MKDIR_P) doc/gen
	@$(MAKE) $(AM_MAKEFLAGS) check >/dev/null 2>&1 || echo "report: some tests failed; the summary table lists them" >&2
	$(AM_V_GEN)$(SHELL) $(srcdir)/doc/test-summary.sh $(abs_top_builddir) > $@.tmp && mv $@.tmp $@

doc/gen/proofs.tex: FORCE
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)for f in $(abs_top_srcdir)/proofs/*.tex; do \
	  if test -f "$$f"; then printf '\\input{%s}\n' "$$f"; fi; done > $@.tmp; mv $@.tmp $@

report: doc/report.pdf figures/out/stamp
doc/report.pdf: $(srcdir)/doc/report.tex $(REPORT_GEN) $(FIGURES) $(FIGURE_TABLES)
	@test "$(LATEXMK)" != no || { echo "latexmk not found: install latexmk" >&2; exit 1; }
	@if [ "$(srcdir)" != . ]; then cp $(srcdir)/doc/report.tex doc/report.tex; fi
	$(AM_V_GEN)cd doc && $(LATEXMK) -pdf -interaction=nonstopmode -halt-on-error -quiet report.tex >/dev/null \
	  || { echo "LaTeX failed: see doc/report.log" >&2; exit 1; }

clean-local: clean-report
clean-report:
	rm -rf doc/gen figures/out
	cd doc && $(LATEXMK) -C report.tex >/dev/null 2>&1 || true

FORCE:
.PHONY: report clean-report FORCE

## After `make report`, `make check` also checks the PDF (captions, pages).
dist_check_SCRIPTS += tests/report_check.sh

## Each figure on its own (figures/standalone.sh): figures/out/NAME.pdf, a
## standalone PDF with every label set, and NAME.png, for every gnuplot figure
## of the report, NAME being the paper's figure number (fig1, figC3a, ...).
## One LaTeX run for all of them.  Here, after every fragment has added to
## FIGURES.
figures/out/stamp: $(srcdir)/figures/standalone.sh $(FIGURES)
	$(AM_V_GEN)$(SHELL) $(srcdir)/figures/standalone.sh figures/build figures/out $(FIGURES) && touch $@
figures: figures/out/stamp
EXTRA_DIST += figures/standalone.sh
