#!/bin/sh
# TAP: the PDF report built by `make report` holds every figure section.
# For each figure caption "Fig.~X reproduced" in doc/sections/*.tex, the text
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
  grep -o '\\caption{Fig\.~[A-Z]*\.\{0,1\}[0-9][0-9a-z]*[a-z-]* reproduced' |
  sed 's/\\caption{Fig\.~//; s/ reproduced//' > "$txt.caps"
ncap=$(wc -l < "$txt.caps")
nsec=$(ls "$src"/doc/sections/fig*.tex | wc -l)
echo "1..$((ncap + 2))"
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
