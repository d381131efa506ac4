#!/bin/sh
# The report's summaries of the last `make check` (tests/*.log of BUILDDIR),
# read against the paper's predictions listed in PREDICTIONS
# (doc/predictions.tsv, whose header explains the fields):
#   MODE appendix     a longtable of every TAP assertion with its result and
#                     the values the tests print as '# measured:' lines,
#                     grouped by the prediction it checks, then the other
#                     scientific checks (implementation, numerics), then the
#                     format and command-line checks;
#   MODE predictions  the one-page table of the predictions: what checks each,
#                     the measured value, the paper's value and the verdict,
#                     with the verdict counts;
#   MODE verdicts     \saverdict@SECTION macros: the verdict line that ends
#                     each figure section (the same words as the table).
# Verdicts are computed: no assertion matched: not tested; one fails, or an
# expected failure (TAP TODO) whose reason starts "does not hold": does not
# hold; another expected failure or a "known departure" assertion, or a
# difference stated in PREDICTIONS: holds with a stated difference; else
# holds.
# usage: test-summary.sh BUILDDIR PREDICTIONS MODE
[ $# -eq 3 ] || { echo "usage: test-summary.sh BUILDDIR PREDICTIONS appendix|predictions|verdicts" >&2; exit 2; }
dir=$1
pred=$2
mode=$3
case "$mode" in appendix|predictions|verdicts) ;; *) echo "test-summary.sh: unknown mode '$mode'" >&2; exit 2 ;; esac
[ -f "$pred" ] || { echo "test-summary.sh: $pred not found" >&2; exit 2; }
logs=
for log in "$dir"/tests/*.log; do [ -f "$log" ] && logs="$logs $log"; done
if [ -z "$logs" ]; then
  case "$mode" in
    verdicts) ;;
    *) printf '%s\n' 'No test logs: run \texttt{make check} first.' ;;
  esac
  exit 0
fi
# shellcheck disable=SC2086
awk -v mode="$mode" -F '\t' '
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
  # Paths and option values may break after "/" (a long one would stick
  # out of its column).
  # A temporary directory made by mktemp (/tmp/NAME.XXXXXX) prints as $TMP,
  # so that the report does not change from run to run.
  function breakpaths(s) {
    gsub(/\/tmp\/[A-Za-z0-9\\_-]+\.[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]/, "\\$TMP", s)
    gsub(/\//, "/" "\\" "allowbreak{}", s); return s }
  function esc_keep(s) { gsub(/_/, "\\_", s); return s }
  function short(s) { sub(/^# (measured: )?/, "", s); sub(/ \((relative|absolute) tolerance.*/, "", s)
    return s }
  function cut(s, w) { return length(s) > w ? substr(s, 1, w - 3) "..." : s }
  # Format and command-line checks: the CLI scripts, the report and output
  # checks, and assertions about columns, exit statuses and messages.
  function isfmt(t, d) {
    return t ~ /_cli$/ || t == "report_check" || t == "output_cli" ||
      d ~ /declares? (its )?columns|declared columns|exit [0-9]|status [0-9]|no output file|usage|--help|rejects|refused|names --|message|error message|header has/ }
  # The measured value of a spec "TEST WHICH ERE".
  function measure(spec,   t, w, re, p, j, found, v) {
    t = spec; sub(/ .*/, "", t); w = spec; sub(/^[^ ]* /, "", w); re = w; sub(/^[^ ]* /, "", re); sub(/ .*/, "", w)
    for (j = 1; j <= nl[t]; j++) {
      if (w == "match" && match(ln[t, j], re)) return substr(ln[t, j], RSTART, RLENGTH)
      if ((w == "next" || w == "prev") && isok[t, j] && ln[t, j] ~ re) {
        if (w == "next") { for (p = j + 1; p <= nl[t] && !isok[t, p]; p++) if (ln[t, p] ~ /^#/) return short(ln[t, p]); return "" }
        for (p = j - 1; p >= 1 && !isok[t, p]; p--) if (ln[t, p] ~ /^# measured:/) return short(ln[t, p])
        return "" } }
    return "" }
  FNR == NR {
    if ($0 ~ /^#/ || NF < 8) next
    np++; num[np] = $1; ptxt[np] = $2; pfig[np] = $3; psec[np] = $4; pre[np] = $5; pmeas[np] = $6
    ppaper[np] = $7; pdiff[np] = $8; next }
  FNR == 1 { t = FILENAME; sub(/.*\//, "", t); sub(/\.log$/, "", t); ntest++; tname[ntest] = t }
  /^(ok|not ok) [0-9]+/ {
    d = $0; sub(/^(not )?ok [0-9]+ - ?/, "", d)
    todo = (d ~ /# TODO/); skip = (d ~ /# SKIP/); sub(/ # (SKIP|TODO).*/, "", d)
    reason = $0; if (todo) { sub(/.*# TODO ?/, "", reason) } else reason = ""
    n++; atest[n] = t; adesc[n] = d
    if (skip) ares[n] = "skipped"
    else if (todo) ares[n] = ($0 ~ /^ok/) ? "XPASS" : "xfail"
    else ares[n] = ($0 ~ /^ok/) ? "pass" : "FAIL"
    g = isfmt(t, d) ? "fmt" : ""
    key = t ": " d
    for (i = 1; i <= np && g == ""; i++) if (key ~ pre[i]) g = i
    if (g == "") g = "impl"
    agrp[n] = g; akey[n] = key; areason[n] = reason
    if (g ~ /^[0-9]+$/ && !skip) {
      nchk[g]++; tests[g] = tests[g] (index(" " tests[g] " ", " " t " ") ? "" : " " t)
      if (ares[n] == "FAIL" || ares[n] == "XPASS") nfail[g]++
      else if (ares[n] == "xfail" && reason ~ /^does not hold/) { nnot[g]++; if (notdep[g] == "") notdep[g] = reason }
      else if (ares[n] == "xfail") { ndep[g]++; if (dep[g] == "") dep[g] = reason }
      else if (d ~ /known departure/) { ndep[g]++; if (kdep[g] == "") { dd = d; sub(/^known departure, */, "", dd); kdep[g] = dd } }
    }
    nl[t]++; ln[t, nl[t]] = d; isok[t, nl[t]] = 1; alast[t] = n
    next }
  /^#/ { nl[t]++; ln[t, nl[t]] = $0
    if ($0 ~ /^# measured: / && alast[t]) ameas[alast[t]] = ameas[alast[t]] (ameas[alast[t]] == "" ? "" : "\n") substr($0, 13)
    next }
  function verdict(i) {
    if (!nchk[i]) return "not tested"
    if (nfail[i] || nnot[i]) return "does not hold"
    if (ndep[i] || pdiff[i] != "-") return "holds with a stated difference"
    return "holds" }
  # The verdict of prediction i in a section that restricts it to the
  # assertions whose "TEST: assertion" matches sre (a section token
  # LABEL=ERE of field 4): the same rules as verdict() and vdetail() over
  # those assertions only, so that a section quotes its own departures.
  function sverdict(i, sre, w,   a, c, bad, nn, nd, why, v, s) {
    c = bad = nn = nd = 0; why = ""
    for (a = 1; a <= n; a++) {
      if (agrp[a] != i || ares[a] == "skipped" || akey[a] !~ sre) continue
      c++
      if (ares[a] == "FAIL" || ares[a] == "XPASS") bad++
      else if (ares[a] == "xfail" && areason[a] ~ /^does not hold/) { if (!nn++) { why = areason[a]; sub(/^does not hold: */, "", why) } }
      else if (ares[a] == "xfail") { if (!nn && !nd++) why = areason[a] }
      else if (adesc[a] ~ /known departure/) { if (!nn && !nd++) { why = adesc[a]; sub(/^known departure, */, "", why) } } }
    if (!c) return "is \\emph{not tested} by the checks of this section"
    v = (bad || nn) ? "does not hold" : ((nd || pdiff[i] != "-") ? "holds with a stated difference" : "holds")
    s = (why == "") ? "" : esc(cut(why, w))
    if (v != "does not hold" && pdiff[i] != "-") s = s (s == "" ? "" : "; ") pdiff[i]
    return "\\emph{" v "} here (" c " " (c == 1 ? "check" : "checks") ")" (s == "" ? "" : ": " s) }
  function vshort(v) { return v == "holds with a stated difference" ? "differs" : v }
  function vdetail(i, w,   s) {
    s = ""
    # a verdict "does not hold" quotes why; else the first expected
    # failure, else the first "known departure" assertion
    if (nnot[i]) { s = notdep[i]; sub(/^does not hold: */, "", s); s = esc(cut(s, w)) }
    else if (ndep[i]) s = esc(cut(dep[i] != "" ? dep[i] : kdep[i], w))
    if (pdiff[i] != "-") s = s (s == "" ? "" : "; ") pdiff[i]
    return s }
  function measured(i,   k, m, parts, s, v) {
    if (pmeas[i] == "-") return "--"
    m = split(pmeas[i], parts, / ;; /); s = ""
    for (k = 1; k <= m; k++) { v = measure(parts[k]); if (v != "") s = s (s == "" ? "" : "; ") esc(cut(v, 50)) }
    return s == "" ? "--" : s }
  END {
    if (mode == "verdicts") {
      for (i = 1; i <= np; i++) {
        v = verdict(i); det = vdetail(i, 160)
        line = "prediction~" num[i] " " (v == "not tested" ? "is " : "") "\\emph{" v "}" (det == "" ? "" : " (" det ")")
        m = split(psec[i], secs, " ")
        for (k = 1; k <= m; k++) {
          if (secs[k] == "-") continue
          lab = secs[k]; e = index(lab, "=")
          if (e) { sre = substr(lab, e + 1); lab = substr(lab, 1, e - 1); sl = "prediction~" num[i] " " sverdict(i, sre, 160) }
          else sl = line
          vt[lab] = vt[lab] (vt[lab] == "" ? "" : "; ") sl }
      }
      for (s in vt) printf "\\expandafter\\def\\csname saverdict@%s\\endcsname{P%s.}\n", s, substr(vt[s], 2)
      exit }
    if (mode == "predictions") {
      printf "%s\n", "\\begin{longtable}{@{}r@{\\ }>{\\raggedright}p{0.30\\linewidth}>{\\raggedright}p{0.17\\linewidth}>{\\raggedright}p{0.21\\linewidth}>{\\raggedright}p{0.10\\linewidth}>{\\raggedright\\arraybackslash}p{0.17\\linewidth}@{}}"
      printf "%s\n", "\\toprule \\# & prediction & figure; checks & measured & paper & verdict \\\\ \\midrule \\endhead"
      for (i = 1; i <= np; i++) {
        v = verdict(i); c[vshort(v)]++
        tl = tests[i]; gsub(/ test_/, " ", tl); sub(/^ /, "", tl)
        m = split(tl, tw, " "); tl = tw[1]; for (k = 2; k <= m && k <= 2; k++) tl = tl ", " tw[k]; if (m > 2) tl = tl ", \\dots"
        chk = nchk[i] ? pfig[i] "; " nchk[i] " in " esc_keep(tl) : pfig[i] "; no check"
        det = vdetail(i, 48)
        printf "%s & %s & %s & %s & %s & \\textbf{%s}%s \\\\\n", num[i], ptxt[i], chk, measured(i), ppaper[i], vshort(v), (det == "" ? "" : ": " det)
      }
      printf "%s\n", "\\bottomrule\\end{longtable}"
      printf "\\def\\sacounts{%d %s, %d %s with a stated difference, %d %s, %d %s}\n", \
        c["holds"], c["holds"] == 1 ? "holds" : "hold", c["differs"], c["differs"] == 1 ? "holds" : "hold", \
        c["does not hold"], c["does not hold"] == 1 ? "does not hold" : "do not hold", \
        c["not tested"], c["not tested"] == 1 ? "is not tested" : "are not tested"
      exit }
    # appendix
    printf "%s\n", "\\begin{longtable}{@{}>{\\raggedright}p{0.19\\linewidth}>{\\raggedright}p{0.63\\linewidth}>{\\raggedright\\arraybackslash}p{0.13\\linewidth}@{}}"
    printf "%s\n", "\\toprule test & assertion (with its equation) & result \\\\ \\midrule \\endhead"
    for (i = 1; i <= np + 2; i++) {
      g = (i <= np) ? i : (i == np + 1 ? "impl" : "fmt")
      if (i <= np) head = "Prediction " num[i] ": " ptxt[i] " --- \\emph{" verdict(i) "}"
      else if (g == "impl") head = "Other scientific checks: implementation, numerics, solvers, data"
      else head = "Format and command-line checks: columns, exit statuses, messages, the report itself"
      printf "\\midrule\\multicolumn{3}{@{}p{0.97\\linewidth}@{}}{\\textbf{%s}}\\\\*\n", head
      any = 0
      for (k = 1; k <= n; k++) {
        if (agrp[k] != g) continue
        any = 1
        r = ares[k]; if (r == "FAIL" || r == "XPASS") r = "\\textbf{" r "}"; if (r == "xfail") r = "expected failure"
        tn = esc(atest[k]); gsub(/\\_/, "\\_\\allowbreak{}", tn) # long names break after "_"
        printf "\\texttt{%s} & %s & %s \\\\\n", tn, breakpaths(esc(adesc[k])), r
        if (ameas[k] != "") { m = split(ameas[k], ms, "\n"); for (j = 1; j <= m; j++) printf " & \\quad\\emph{measured:} %s & \\\\\n", breakpaths(esc(ms[j])) }
      }
      if (!any) printf " & \\emph{no assertion checks this prediction} & \\\\\n"
    }
    printf "%s\n", "\\bottomrule\\end{longtable}"
  }' "$pred" $logs
