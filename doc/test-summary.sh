#!/bin/sh
# Writes a LaTeX longtable of every TAP assertion of the last `make check`
# (one row per "ok"/"not ok" line of tests/*.log), with the measured values
# that the tests print as "# measured: ..." diagnostics right after a line.
# usage: test-summary.sh BUILDDIR
dir=$1
printf '%s\n' '\begin{longtable}{p{0.10\linewidth}p{0.62\linewidth}p{0.18\linewidth}}'
printf '%s\n' '\toprule test & assertion (with its equation) & result \\ \midrule \endhead'
found=0
for log in "$dir"/tests/*.log; do
  [ -f "$log" ] || continue
  found=1
  name=$(basename "$log" .log)
  awk -v name="$name" '
    # TeX-safe text in the OT1 encoding of the report, where "<", ">", "|"
    # print as other glyphs and "--" joins into a dash: relations and bars
    # go to math, "^" to a typewriter caret, "--" keeps both hyphens.
    function esc(s,   bs) { bs = "\\"
      gsub(/\\/, "\001", s); gsub(/->/, "\002", s); gsub(/<=/, "\003", s); gsub(/>=/, "\004", s)
      gsub(/[_&%#${}]/, "\\\\&", s)
      gsub(/</, "$<$", s); gsub(/>/, "$>$", s); gsub(/\|/, "$|$", s); gsub(/--/, "-{}-", s)
      gsub(/\^/, bs "texttt{" bs "char94}", s); gsub(/~/, "$" bs "sim$", s)
      gsub(/\001/, bs "textbackslash{}", s); gsub(/\002/, "$" bs "to$", s)
      gsub(/\003/, "$" bs "le$", s); gsub(/\004/, "$" bs "ge$", s)
      return s }
    /^(ok|not ok) [0-9]+/ {
      res = ($1 == "ok") ? "pass" : "\\textbf{FAIL}"
      if ($0 ~ /# SKIP/) res = "skipped"
      d = $0; sub(/^(not )?ok [0-9]+ - ?/, "", d); sub(/ # SKIP.*/, "", d)
      printf "\\texttt{%s} & %s & %s \\\\\n", esc(name), esc(d), res
    }
    /^# measured: / { m = $0; sub(/^# measured: /, "", m); printf " & \\quad\\emph{measured:} %s & \\\\\n", esc(m) }
  ' "$log"
done
[ "$found" = 1 ] || printf '%s\n' '\multicolumn{3}{l}{no test logs: run \texttt{make check} first} \\'
printf '%s\n' '\bottomrule\end{longtable}'
