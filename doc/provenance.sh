#!/bin/sh
# Writes the report's provenance appendix (LaTeX) to stdout: versions of the
# program, libraries and tools, the BLAS core, the compiler and the commit.
# usage: provenance.sh SILENTALIGN SRCDIR
sa=$1
src=$2
esc() { sed -e 's/\\/\\textbackslash{}/g' -e 's/[_&%#$]/\\&/g' -e 's/[{}]/\\&/g'; }
row() { printf '%s & \\texttt{%s} \\\\\n' "$1" "$(printf '%s' "$2" | esc)"; }
printf '%s\n' '\begin{tabular}{ll}\toprule'
printf '%s\n' 'item & version \\ \midrule'
row 'silentalign' "$("$sa" info | sed -n 's/^# version //p')"
row 'libraries' "$("$sa" info | sed -n 's/^# libs //p')"
row 'compiler' "$(${CC:-cc} --version 2>/dev/null | head -n 1)"
row 'gnuplot' "$(gnuplot --version 2>/dev/null)"
row 'maxima' "$(maxima --version 2>/dev/null | head -n 1)"
row 'latexmk' "$(latexmk --version 2>/dev/null | grep -m 1 Version)"
row 'git describe' "$(git -C "$src" describe --always --dirty 2>/dev/null || echo 'not a git checkout')"
row 'build date (UTC)' "$(date -u '+%Y-%m-%d %H:%M')"
row 'machine' "$(nproc) cores, $(uname -m), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
printf '%s\n' '\bottomrule\end{tabular}'
