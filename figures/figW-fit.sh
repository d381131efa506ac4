#!/bin/sh
# figW-fit.sh FIGW_DAT: the width study's fit (doc/gen/figW-fit.tex), LaTeX
# macros \figW... on stdout.  The K_inf discrepancy d against the width N,
# one row per width (figures/data/figW.dat, columns by name):
#   - the power law d = e^a N^b by least squares in logs over all widths,
#     and the width where it would reach the paper's 1e-6 (series llreach,
#     used when b < 0: a law that does not decay never gets there);
#   - the local log-log slopes over the first and the last three widths;
#   - the floor model d = d_inf + c/N over the widths N >= 100;
#   - words: the decay "levels off" when the last local slope is above
#     half the overall one, and then d_inf > 0 is a floor.
# The fits are figures/series's ($SERIES), i.e. the library's
# core/sa_series.h; this script only reads rows and formats.
set -e
[ $# -eq 1 ] || { echo "usage: figW-fit.sh FIGW_DAT" >&2; exit 2; }
f=$1
s=${SERIES:?figW-fit.sh: set SERIES to the figures/series program}
here=$(dirname "$0")
ab=$("$s" llfit:N:disc_kinf "$f")
n6=$("$s" llreach:N:disc_kinf=1e-6 "$f") || n6=nan
bs=$("$s" --rows=1:3 llslope:N:disc_kinf "$f")
bl=$("$s" --rows=-3:-1 llslope:N:disc_kinf "$f")
fl=$("$s" floor:N:disc_kinf:100 "$f")
awk -F '\t' -v ab="$ab" -v n6="$n6" -v bs="$bs" -v bl="$bl" -v fl="$fl" "$(cat "$here/columns.awk")"'
  /^#/ || NF == 0 { next }
  { m++; N[m] = colval("N"); d[m] = colval("disc_kinf") }
  END { split(ab, u, "\t"); b = u[1] + 0; bs += 0; bl += 0; split(fl, u, "\t"); dinf = u[1] + 0; c = u[2] + 0
    printf "\\newcommand{\\figWslope}{%.2f}\n", b
    if (b < 0) printf "\\newcommand{\\figWNsix}{%.1e}\n", n6
    else printf "\\newcommand{\\figWNsix}{\\infty}\n"
    printf "\\newcommand{\\figWslopesmall}{%.2f}\n\\newcommand{\\figWslopelarge}{%.2f}\n", bs, bl
    printf "\\newcommand{\\figWNsmall}{$N=%d$--%d}\n\\newcommand{\\figWNlarge}{$N=%d$--%d}\n", N[1], N[3], N[m - 2], N[m]
    printf "\\newcommand{\\figWdinf}{%.1e}\n\\newcommand{\\figWc}{%.2g}\n", dinf, c
    printf "\\newcommand{\\figWdlast}{%.1e}\n\\newcommand{\\figWNlast}{%d}\n", d[m], N[m]
    printf "\\newcommand{\\figWword}{%s}\n", (bl > 0.5 * b) ? "levels off" : "keeps falling"
    floor = "a floor that a wider network does not remove: width alone does not bring the discrepancy to the paper'"'"'s $10^{-6}$"
    printf "\\newcommand{\\figWfloor}{%s}\n", (bl > 0.5 * b && dinf > 0) ? floor : "no floor within our widths" }' "$f" |
  sed 's/e\([-+]\)0*\([0-9][0-9]*\)}/\\times10^{\1\2}}/; s/\^{+/^{/'
