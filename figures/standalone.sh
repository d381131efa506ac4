#!/bin/sh
# standalone.sh BUILDDIR OUTDIR FIGURE...: every figure on its own.
# Each FIGURE is a name (fig1) or the path of its cairolatex part
# (figures/build/fig1.tex).
#
# The report's figures are cairolatex pairs (figures/build/NAME.tex with
# the labels, NAME.pdf with the lines only).  This sets each pair, with every
# label, on a page of its own in one LaTeX run (the same 11pt class and 8pt
# label size as the report) and splits the result into OUTDIR/NAME.pdf and
# OUTDIR/NAME.png (150 dpi), NAME being the paper's figure number (fig1,
# figC3a, ...).  Each page carries a one-line title naming the paper's figure.
# Outputs are written in a temporary directory and moved into OUTDIR only
# when all are complete.  Needs pdflatex, pdfseparate and pdftoppm.
set -e
build=$1
out=$2
shift 2
[ $# -gt 0 ] || { echo "standalone.sh: no figure names" >&2; exit 2; }
names=
for f in "$@"; do names="$names $(basename "$f" .tex)"; done
set -- $names
for tool in pdflatex pdfseparate pdftoppm; do
  command -v $tool >/dev/null 2>&1 || { echo "standalone.sh: $tool not found (texlive, poppler-utils)" >&2; exit 1; }
done
build=$(cd "$build" && pwd)
mkdir -p "$out"
tmp=$(mktemp -d "$out/.standalone.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# label NAME: fig1 -> Fig. 1, figC3a -> Fig. C.3a, figH1 -> Fig. H.1.
label() { printf '%s\n' "$1" | sed 's/^fig\([A-Z]\)\([0-9]\)/Fig.~\1.\2/; s/^fig/Fig.~/'; }
{
  printf '%s\n' '\documentclass[11pt,multi=sapage,border=6pt]{standalone}' \
    '\usepackage{amsmath,amssymb,graphicx,xcolor}' \
    "\\graphicspath{{$build/}}" \
    '\newcommand{\bbeta}{\boldsymbol\beta}' '\begin{document}'
  for name in "$@"; do
    [ -f "$build/$name.tex" ] || { echo "standalone.sh: $build/$name.tex missing (make figures)" >&2; exit 1; }
    printf '\\begin{sapage}\\begin{tabular}{@{}l@{}}\\footnotesize\\textbf{%s} (silent-align reproduction; the report, doc/report.pdf, gives the setting)\\\\[2pt]\n' \
      "$(label "$name")"
    printf '\\scriptsize\\input{%s/%s.tex}\\end{tabular}\\end{sapage}\n' "$build" "$name"
  done
  printf '%s\n' '\end{document}'
} > "$tmp/all.tex"
(cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error all.tex >/dev/null) \
  || { echo "standalone.sh: LaTeX failed (see $tmp/all.log)" >&2; cp "$tmp/all.log" "$out/standalone.log"; exit 1; }
pdfseparate "$tmp/all.pdf" "$tmp/page-%d.pdf"
i=0
for name in "$@"; do
  i=$((i + 1))
  mv "$tmp/page-$i.pdf" "$tmp/$name.pdf"
  pdftoppm -png -r 150 -singlefile "$tmp/$name.pdf" "$tmp/$name"
done
for name in "$@"; do
  mv "$tmp/$name.pdf" "$tmp/$name.png" "$out/"
done
