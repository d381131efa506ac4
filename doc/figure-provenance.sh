#!/bin/sh
# Writes a LaTeX longtable with, for every figure data file, the figure it
# belongs to, the seed it was made with (its '# param seed' header line, if
# any) and the wall time of the command that wrote it (figures/timed.sh log;
# the last entry wins), with the total per figure.
# usage: figure-provenance.sh DATADIR TIMING_LOG
dir=$1
log=$2
printf '%s\n' '\begin{longtable}{llrr}\toprule'
printf '%s\n' 'figure & data file & seed & wall time (s) \\ \midrule \endhead'
for f in "$dir"/*.dat; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  seed=$(sed -n 's/^# param seed = //p' "$f" | head -n 1)
  t=$( [ -f "$log" ] && awk -F '\t' -v b="$b" '$1 == b { t = $2 } END { print t }' "$log")
  printf '%s\t%s\t%s\t%s\n' "$b" "${seed:--}" "${t:--}" \
    "$(echo "$b" | sed 's/^fig\([A-Z]\{0,1\}[0-9]*\).*/\1/')"
done | sort -t "$(printf '\t')" -k4,4 -k1,1 | awk -F '\t' '
  function esc(s) { gsub(/_/, "\\_", s); return s }
  function label(f) { return f ~ /^[A-Z]/ ? substr(f, 1, 1) "." substr(f, 2) : f }
  function flush() { if (cur != "") printf "Fig.~%s & \\emph{total} & & %.1f \\\\ \\midrule\n", label(cur), tot }
  $4 != cur { flush(); cur = $4; tot = 0 }
  { printf "Fig.~%s & \\texttt{%s} & %s & %s \\\\\n", label($4), esc($1), $2, $3; if ($3 != "-") tot += $3 }
  END { flush() }'
printf '%s\n' '\bottomrule\end{longtable}'
