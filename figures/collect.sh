#!/bin/sh
# collect.sh XNAME KEY... -- X=FILE...: one TSV row per run, from the
# "# result KEY = value" lines that `silentalign train` writes at the end of
# its trace.  Used for the summary panels (Figs. 4f and E.2c: discrepancies
# against gamma or depth).  Copies numbers, computes nothing.  Output to
# stdout: a '#' header naming the runs, '# columns: XNAME KEY...', rows.
# A missing key is an error (exit 1), never a silent blank.
set -e
xname=$1
shift
keys=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do keys="$keys $1"; shift; done
[ "$1" = "--" ] || { echo "collect.sh: usage: XNAME KEY... -- X=FILE..." >&2; exit 2; }
shift
echo "# collect.sh: '# result' lines of silentalign train runs, one row per run"
for run in "$@"; do echo "# run ${run%%=*}: ${run#*=}"; done
echo "# columns: $xname$keys"
for run in "$@"; do
  x=${run%%=*}
  file=${run#*=}
  row=$x
  for k in $keys; do
    v=$(sed -n "s/^# result $k = //p" "$file" | head -n 1)
    [ -n "$v" ] || { echo "collect.sh: no '# result $k' in $file" >&2; exit 1; }
    row="$row	$v"
  done
  printf '%s\n' "$row"
done
