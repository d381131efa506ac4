#!/bin/sh
# silence-table.sh LABEL=FILE...: a LaTeX table of the silence metrics of
# `silentalign train` runs (src/train/silence.h), one row per run: the data
# set, P, the whitening rank r, sigma, the optimiser, the alignment at t = 0,
# at the end of Phase I (last record with L/L0 > 0.9), at the time |K| first
# reaches 10% of its final norm and at the end, |K| at the end of Phase I over
# its final value, and the test discrepancies of kernel regression with K_0
# and K_inf.  Every number is read from the run's header and '# result'
# lines; nothing is computed but the ratio of the two discrepancies.  A run
# without a needed line is an error (exit 1).
set -e
printf '%s\n' '\begin{tabular}{@{}lrrlrrrrrrrr@{}}' '\toprule' \
  'Run & $P$ & $r$ & $\sigma$, opt. & $A(0)$ & $A(\mathrm{I})$ & $A(t_{10})$ & $A_\infty$ & $\frac{|K(\mathrm{I})|}{|K_\infty|}$ & $K_0$ disc. & $K_\infty$ disc. & ratio\\' \
  '\midrule'
for run in "$@"; do
  label=${run%=*}  # the label may contain '=' (LaTeX), the file name does not
  file=${run##*=}
  awk -v label="$label" '
    function need(k) { if (!(k in v)) { print "silence-table.sh: no " k " in " FILENAME > "/dev/stderr"; bad = 1; exit 1 } return v[k] }
    function num(x) { x = sprintf("%.3g", x); if (x ~ /e/) { split(x, a, "e"); x = sprintf("%s\\times10^{%d}", a[1], a[2] + 0) } return "$" x "$" }
    /^# result / { v[$3] = $5 }
    /^# param sigma = / { v["sigma"] = $5 }
    /^# param optimizer = / { v["opt"] = $5 }
    /^# param lr = / { v["lr"] = $5 }
    /^# data / { for (i = 3; i < NF; i++) if ($(i + 1) == "=") v["data_" $i] = $(i + 2) }
    END {
      if (bad) exit 1
      s = need("sigma"); o = need("opt")
      printf "%s & %s & %s & %s, %s & %.3f & %.3f & %.3f & %.3f & %s & %s & %s & %.3g\\\\\n", label,
        need("data_P"), need("data_rank"), num(s), o, need("align0"), need("align_phase1"),
        need("align_knorm10"), need("align_final"), num(need("knorm_phase1_ratio")),
        num(need("disc_k0")), num(need("disc_kinf")), need("disc_k0") / need("disc_kinf") }' "$file"
done
printf '%s\n' '\bottomrule' '\end{tabular}'
