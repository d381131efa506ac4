#!/bin/sh
# table.sh PAPER_TSV DATADIR: the LaTeX table "paper vs ours" of one figure.
# $SERIES names the program figures/series (built with the figures), which
# computes the crossings and slopes below with the library's
# core/sa_series.h; this script only selects values.
#
# PAPER_TSV rows (tab-separated; '#' lines are comments):
#   quantity(LaTeX)  paper-value  data-file  operation  note(LaTeX)  [compare]
# The operation extracts "ours" from DATADIR/data-file (columns by the names
# of its '# columns:' line):
#   result:KEY                  value of the header line "# result KEY = v"
#   resultfield:PREFIX:FIELD    in "# result PREFIX: ... FIELD = v", v
#   first:COL  last:COL  max:COL
#   at:XCOL=X:YCOL[:KCOL=K]     YCOL in the row whose XCOL is closest to X
#                               (relatively), among rows with KCOL == K
#   cross:XCOL:YCOL=V           first XCOL where YCOL crosses V (linear interp.)
#   llslope:XCOL:YCOL[:KCOL=K[:XMAX]]  least-squares slope of ln YCOL against
#                               ln XCOL over rows with KCOL == K (and XCOL <= XMAX)
#   lnslope:XCOL:YCOL:POW       least-squares slope of YCOL against ln(XCOL^POW)
# (the last three by $SERIES, figures/series.c).
# A paper value "-" prints as a dash and no comparison.
# The optional sixth field says how the two values compare (the column
# "Comparison"), so that no number compares quantities in different units:
#   (empty) or rel   same quantity, same unit: relative difference in %
#   time             the paper counts optimiser steps of an unstated step
#                    size, ours is a time (gradient-flow t, or t = lr*step):
#                    prints the step size that would make them equal,
#                    eta = ours/paper; equal values down a column mean the
#                    same dynamics up to a time unit
#   factor           values that span decades (discrepancies): ours/paper
#   shape:KEY        scales differ by convention (data normalisation):
#                    both values are divided by those of the first row with
#                    the same KEY (the reference), and the two ratios are
#                    printed side by side (paper vs ours)
#   nc               not comparable (different quantity or setting; the note
#                    says why): prints "not comparable"
set -e
# texnum X: 5e+04 -> $5\times10^{4}$, other values unchanged.
texnum() {
  case "$1" in
    *[eE]*) awk -v x="$1" 'BEGIN { split(tolower(x), a, "e"); e = a[2] + 0
      if (a[1] + 0 == 1) printf "$10^{%d}$", e; else printf "$%s\\times10^{%d}$", a[1], e }' ;;
    *) printf '%s' "$1" ;;
  esac
}
tsv=$1
dir=$2
printf '%s\n' '\begin{tabular}{@{}>{\raggedright}p{4.2cm}rrr>{\raggedright\arraybackslash}p{4.6cm}@{}}' '\toprule' \
  'Quantity & Paper & Ours & Comparison & Note\\' '\midrule'
refs=$(mktemp)
trap 'rm -f "$refs"' EXIT
# Fields are split at tabs turned into the (non-white) unit separator, so
# that an empty note field is kept as empty rather than merged away.
us=$(printf '\037')
grep -v '^#' "$tsv" | grep -v '^[[:space:]]*$' | tr '\t' "$us" | while IFS=$us read -r qty paper file op note cmp; do
  case $op in
  cross:* | llslope:* | lnslope:*)
    v=$("${SERIES:?table.sh: set SERIES to the figures/series program}" "$op" "$dir/$file") ||
      { echo "table.sh: failed on $file ($op)" >&2; exit 1; }
    ours=$(awk -v v="$v" 'BEGIN { printf "%.4g", v }') ;;
  *)
  ours=$(awk -v op="$op" -F '\t' '
    function colidx(name,   i) { for (i = 1; i <= ncol; i++) if (cols[i] == name) return i;
      print "table.sh: no column " name " in " FILENAME > "/dev/stderr"; exit 3 }
    BEGIN { n = split(op, a, ":"); kind = a[1] }
    /^# columns:/ { sub(/^# columns: */, ""); ncol = split($0, cols, " "); next }
    /^# result / {
      line = $0; sub(/^# result /, "", line)
      if (kind == "result") { split(line, kv, " = "); if (kv[1] == a[2]) { split(kv[2], v, " "); res = v[1]; found = 1 } }
      if (kind == "resultfield" && index(line, a[2] ":") == 1) {
        p = index(line, a[3] " = "); if (p > 0) { rest = substr(line, p + length(a[3]) + 3); split(rest, v, " "); res = v[1]; found = 1 } }
      next }
    /^#/ || NF == 0 { next }
    {
      if (kind == "first" && !found) { res = $(colidx(a[2])); found = 1 }
      if (kind == "last") { res = $(colidx(a[2])); found = 1 }
      if (kind == "max") { mv = $(colidx(a[2])) + 0; if (!found || mv > res) res = mv; found = 1 }
      if (kind == "at") {
        split(a[2], xv, "="); if (n >= 4) { split(a[4], kv, "="); if ($(colidx(kv[1])) + 0 != kv[2] + 0) next }
        x = $(colidx(xv[1])) + 0; d = (xv[2] + 0 == 0) ? x : (x - xv[2]) / xv[2]; if (d < 0) d = -d
        if (!found || d < best) { best = d; res = $(colidx(a[3])); found = 1 } }
    }
    END {
      if (!found) { print "table.sh: operation " op " found nothing in " FILENAME > "/dev/stderr"; exit 3 }
      printf "%.4g", res }' "$dir/$file") || { echo "table.sh: failed on $file ($op)" >&2; exit 1; } ;;
  esac
  if [ "$paper" = "-" ]; then
    rel='--'
  else
    case "$cmp" in
      ''|rel) rel=$(awk -v o="$ours" -v p="$paper" 'BEGIN { printf "%+.1f\\%%", 100 * (o - p) / p }') ;;
      time) rel=$(awk -v o="$ours" -v p="$paper" 'BEGIN { printf "$\\eta=%.3g$", o / p }') ;;
      nc) rel='not comparable' ;;
      factor) rel="ours/paper $(texnum "$(awk -v o="$ours" -v p="$paper" 'BEGIN { printf "%.2g", o / p }')")" ;;
      shape:*)
        key=${cmp#shape:}
        ref=$(awk -v k="$key" '$1 == k { print $2, $3; exit }' "$refs")
        if [ -z "$ref" ]; then
          printf '%s %s %s\n' "$key" "$paper" "$ours" >> "$refs"
          rel='reference'
        else
          rel=$(echo "$ref" | awk -v o="$ours" -v p="$paper" '{ rp = p / $1; ro = o / $2
            printf "rel.\\ to ref.: %.2g vs %.2g", rp, ro }')
        fi ;;
      *) echo "table.sh: unknown comparison '$cmp' in $tsv" >&2; exit 2 ;;
    esac
  fi
  printf '%s & %s & %s & %s & %s\\\\\n' "$qty" "$(texnum "$paper")" "$(texnum "$ours")" "$rel" "$note"
done
printf '%s\n' '\bottomrule' '\end{tabular}'
