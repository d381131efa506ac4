## doc: the PDF report.  `make report` builds doc/report.pdf from report.tex,
## the derivations in proofs/ and fragments generated into doc/gen/.
REPORT_GEN = doc/gen/provenance.tex doc/gen/test-summary.tex doc/gen/proofs.tex
EXTRA_DIST += doc/report.tex doc/provenance.sh doc/test-summary.sh

doc/gen/provenance.tex: src/cli/silentalign$(EXEEXT) $(srcdir)/doc/provenance.sh
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)CC='$(CC)' $(SHELL) $(srcdir)/doc/provenance.sh $(SA) $(abs_top_srcdir) > $@.tmp && mv $@.tmp $@

## The summary quotes the logs of the last `make check`; it is rebuilt on every
## `make report` so that it never lags behind them.
doc/gen/test-summary.tex: $(srcdir)/doc/test-summary.sh FORCE
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)$(SHELL) $(srcdir)/doc/test-summary.sh $(abs_top_builddir) > $@.tmp && mv $@.tmp $@

doc/gen/proofs.tex: FORCE
	@$(MKDIR_P) doc/gen
	$(AM_V_GEN)for f in $(abs_top_srcdir)/proofs/*.tex; do \
	  if test -f "$$f"; then printf '\\input{%s}\n' "$$f"; fi; done > $@.tmp; mv $@.tmp $@

report: doc/report.pdf
doc/report.pdf: $(srcdir)/doc/report.tex $(REPORT_GEN)
	@test "$(LATEXMK)" != no || { echo "latexmk not found: install latexmk" >&2; exit 1; }
	@if [ ! -f doc/report.tex ]; then cp $(srcdir)/doc/report.tex doc/report.tex; fi
	$(AM_V_GEN)cd doc && $(LATEXMK) -pdf -interaction=nonstopmode -halt-on-error -quiet report.tex >/dev/null \
	  || { echo "LaTeX failed: see doc/report.log" >&2; exit 1; }

clean-local: clean-report
clean-report:
	rm -rf doc/gen
	cd doc && $(LATEXMK) -C report.tex >/dev/null 2>&1 || true

FORCE:
.PHONY: report clean-report FORCE
