#!/bin/sh
# TAP: the PDF report built by `make report` holds every figure section.
# For each figure caption "Fig.~X reproduced" in doc/sections/*.tex (after an
# optional short caption for the list of figures), the text
# of doc/report.pdf (pdftotext) must contain "Fig. X reproduced", and the PDF
# must have at least one page per figure section (pdfinfo).  Skips when the
# report has not been built or poppler-utils are missing.
src=${SA_TOP_SRCDIR:-.}
pdf=doc/report.pdf
if [ ! -f "$pdf" ] || ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  echo "1..0 # SKIP report not built (make report) or poppler-utils missing"
  exit 0
fi
txt=$(mktemp)
trap 'rm -f "$txt" "$txt.caps"' EXIT
# Non-breaking spaces (from ~) and line breaks become plain spaces.
pdftotext -layout "$pdf" - | sed 's/\xc2\xa0/ /g' | tr -s ' \n' '  ' > "$txt"
cat "$src"/doc/sections/fig*.tex | tr '\n' ' ' |
  grep -o '\\caption\(\[[^]]*\]\)\{0,1\}{Fig\.~[A-Z]*\.\{0,1\}[0-9][0-9a-z,]*[a-z-]* reproduced' |
  sed 's/.*{Fig\.~//; s/ reproduced//' > "$txt.caps"
ncap=$(wc -l < "$txt.caps")
nsec=$(ls "$src"/doc/sections/fig*.tex | wc -l)
echo "1..$((ncap + 10))"
n=0
while read -r fig; do
  n=$((n + 1))
  if grep -q "Fig\. $fig reproduced" "$txt"; then
    echo "ok $n - report.pdf shows the caption of Fig. $fig"
  else
    echo "not ok $n - report.pdf shows the caption of Fig. $fig"
  fi
done < "$txt.caps"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
n=$((n + 1))
if [ "${pages:-0}" -ge "$nsec" ]; then
  echo "ok $n - report.pdf has at least one page per figure section ($pages pages, $nsec sections)"
else
  echo "not ok $n - report.pdf has at least one page per figure section ($pages pages, $nsec sections)"
fi
echo "# measured: $pages pages, $nsec figure sections, $ncap figure captions"
n=$((n + 1))
if grep -q "Errata" "$txt" && grep -q "Provenance" "$txt"; then
  echo "ok $n - report.pdf has the errata and provenance sections"
else
  echo "not ok $n - report.pdf has the errata and provenance sections"
fi
# Code listings (doc/sections/*.tex, \lstinputlisting by ANCHOR name): every
# anchor is quoted at most once in the report, and exists in the file it is
# quoted from (a missing marker would print nothing, or the whole file).
n=$((n + 1))
dups=$(cat "$src"/doc/sections/*.tex | grep -o 'linerange=[A-Za-z_0-9]*' | sort | uniq -d | tr '\n' ' ')
if [ -z "$dups" ]; then
  echo "ok $n - every code listing of the report appears once"
else
  echo "not ok $n - code listings quoted twice: $dups"
fi
n=$((n + 1))
missing=$(cat "$src"/doc/sections/*.tex | tr '\n' ' ' |
  grep -o 'linerange=[A-Za-z_0-9]*-[A-Za-z_0-9]*\]{\\sasrcdir/[^}]*}' |
  sed 's/^linerange=\([A-Za-z_0-9]*\)-.*sasrcdir\/\([^}]*\)}/\1 \2/' |
  while read -r a file; do
    if ! grep -q "/\* ANCHOR: $a \*/" "$src/$file" || ! grep -q "/\* END: $a \*/" "$src/$file"; then
      printf '%s ' "$a($file)"
    fi
  done)
if [ -z "$missing" ]; then
  echo "ok $n - every code listing names an ANCHOR/END pair of its source file"
else
  echo "not ok $n - listings without ANCHOR/END markers: $missing"
fi
# Provenance (doc/gen/provenance.tex): no blank row, and the commit is known
# when the source tree is a git checkout (as in a fresh clone).
n=$((n + 1))
prov=doc/gen/provenance.tex
if [ ! -f "$prov" ]; then
  echo "not ok $n - provenance table doc/gen/provenance.tex exists"
elif grep -q 'texttt{}' "$prov"; then
  echo "not ok $n - provenance table has blank rows: $(grep 'texttt{}' "$prov" | cut -d '&' -f 1 | tr -d '\n')"
elif [ -e "$src/.git" ] && ! grep -q '^commit & \\texttt{[0-9a-f]\{40\}' "$prov"; then
  echo "not ok $n - provenance names the commit of the git checkout $src"
else
  echo "ok $n - provenance table: version, libraries, tools and commit all filled in"
fi
echo "# measured: $(sed -n 's/^\(silentalign\|libraries\|commit\) & \\texttt{\(.*\)} \\\\$/\1: \2;/p' "$prov" 2>/dev/null | tr '\n' ' ')"
# The predictions table (doc/gen/predictions.tex): one row for each of the
# 22 predictions of doc/predictions.tsv, on one page of the PDF (the page
# that has its title also has the verdict counts that follow the table).
n=$((n + 1))
npred=$(grep -c '^[0-9][0-9]*	' "$src/doc/predictions.tsv")
nrow=$(grep -c '^[0-9][0-9]* & ' doc/gen/predictions.tex 2>/dev/null)
if [ "$npred" = 22 ] && [ "${nrow:-0}" = 22 ]; then
  echo "ok $n - predictions table: 22 predictions listed, 22 rows"
else
  echo "not ok $n - predictions table: 22 predictions listed, 22 rows (got $npred listed, ${nrow:-0} rows)"
fi
n=$((n + 1))
page=$(pdftotext -layout "$pdf" - | awk 'BEGIN { RS = "\f" } /Of the 22 predictions/ { print NR, (index($0, "predictions at a glance") > 0); exit }')
set -- $page
if [ "${2:-0}" = 1 ]; then
  echo "ok $n - predictions table fits on one page (page $1)"
else
  echo "not ok $n - predictions table fits on one page (the counts after it are on page ${1:-none}, without the title)"
fi
echo "# measured: predictions table on page ${1:-none}; $(sed -n 's/^\\def\\sacounts{\(.*\)}$/\1/p' doc/gen/predictions.tex 2>/dev/null)"
# Reading aids: every figure section opens with the paper's claim in one
# sentence (\saclaim) and ends with its verdict line (\saverdict).
n=$((n + 1))
miss=
for f in "$src"/doc/sections/fig*.tex; do
  grep -q '\\saclaim{' "$f" && grep -q '\\saverdict{' "$f" || miss="$miss $(basename "$f")"
done
if [ -z "$miss" ]; then
  echo "ok $n - every figure section states the paper's claim and ends with a verdict"
else
  echo "not ok $n - figure sections without \\saclaim or \\saverdict:$miss"
fi
# Facts in the figure texts (\safact, doc/facts.sh): every one is defined.
n=$((n + 1))
if pdftotext "$pdf" - | tr '\n' ' ' | grep -q '(fact [^)]* missing)'; then
  # (names only: this message itself is quoted in the report's appendix)
  echo "not ok $n - every fact a figure text quotes from its data is defined; undefined: $(pdftotext "$pdf" - | tr '\n' ' ' | grep -o '(fact [^)]* missing)' | sed 's/(fact \([^ ]*\) missing)/\1/' | sort -u | tr '\n' ' ')"
else
  echo "ok $n - every fact a figure text quotes from its data is defined"
fi
# Typesetting: no line sticks out into the margin.  LaTeX logs every
# overfull line (over \hfuzz = 0.1pt); more than 1pt is visible in print.
n=$((n + 1))
log=doc/report.log
if [ -f "$log" ]; then
  wide=$(sed -n 's/^Overfull \\hbox (\([0-9.]*\)pt too wide).*/\1/p' "$log" | awk '$1 > 1 { c++ } END { print c + 0 }')
  all=$(grep -c '^Overfull \\hbox' "$log")
  echo "# measured: $all overfull lines in doc/report.log, $wide of them wider than 1pt"
  if [ "$wide" = 0 ]; then
    echo "ok $n - no line of the report is more than 1pt wider than its column"
  else
    echo "not ok $n - no line of the report is more than 1pt wider than its column ($wide are)"
  fi
else
  echo "ok $n - no line of the report is more than 1pt wider than its column # SKIP no doc/report.log"
fi
