#!/bin/sh
# Writes the report's provenance appendix (LaTeX) to stdout: versions of the
# program, libraries and tools, the BLAS core, the compiler and the commit.
# usage: provenance.sh SILENTALIGN SRCDIR
# Exits 2 on a wrong call and 1 if the program does not report its version
# and libraries: a provenance table with blank rows is never written.
[ $# -eq 2 ] || { echo "usage: provenance.sh SILENTALIGN SRCDIR (got $# arguments)" >&2; exit 2; }
sa=$1
src=$2
[ -x "$sa" ] || { echo "provenance.sh: $sa is not an executable program" >&2; exit 2; }
[ -d "$src" ] || { echo "provenance.sh: source directory $src not found" >&2; exit 2; }
info=$("$sa" info) || { echo "provenance.sh: '$sa info' failed" >&2; exit 1; }
version=$(printf '%s\n' "$info" | sed -n 's/^# version //p')
libs=$(printf '%s\n' "$info" | sed -n 's/^# libs //p')
[ -n "$version" ] && [ -n "$libs" ] || { echo "provenance.sh: '$sa info' gave no '# version' or '# libs' line" >&2; exit 1; }
# The commit: from git when SRCDIR is a checkout (a fresh clone included),
# else from a file 'commit' that a release tarball may carry.
if commit=$(git -C "$src" rev-parse HEAD 2>/dev/null) && [ -n "$commit" ]; then
  desc=$(git -C "$src" describe --always --dirty 2>/dev/null)
  commit="$commit ($desc)"
elif [ -f "$src/commit" ]; then
  commit="$(cat "$src/commit") (release tarball)"
else
  commit="unknown: $src is neither a git checkout nor a release tarball with a commit file"
fi
esc() { sed -e 's/\\/\\textbackslash{}/g' -e 's/[_&%#$]/\\&/g' -e 's/[{}]/\\&/g'; }
row() { printf '%s & \\texttt{%s} \\\\\n' "$1" "$(printf '%s' "$2" | esc)"; }
printf '%s\n' '\begin{tabular}{ll}\toprule'
printf '%s\n' 'item & version \\ \midrule'
row 'silentalign' "$version"
row 'libraries' "$libs"
row 'compiler' "$(${CC:-cc} --version 2>/dev/null | head -n 1)"
row 'gnuplot' "$(gnuplot --version 2>/dev/null)"
row 'maxima' "$(maxima --version 2>/dev/null | head -n 1)"
row 'latexmk' "$(latexmk --version 2>/dev/null | grep -m 1 Version)"
row 'commit' "$commit"
row 'build date (UTC)' "$(date -u '+%Y-%m-%d %H:%M')"
row 'machine' "$(nproc) cores, $(uname -m), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
printf '%s\n' '\bottomrule\end{tabular}'
