#!/bin/sh
# timed.sh LOG PROGRAM ARGS...: runs PROGRAM ARGS and, if it succeeds, appends
# "output-file<TAB>wall-seconds" to LOG (the output is the file after -o or
# --output=).  The report's provenance appendix tabulates LOG.
log=$1
shift
start=$(date +%s.%N)
"$@"
status=$?
end=$(date +%s.%N)
out=
prev=
for a in "$@"; do
  [ "$prev" = -o ] && out=$a
  case $a in --output=*) out=${a#--output=} ;; esac
  prev=$a
done
if [ "$status" -eq 0 ] && [ -n "$out" ]; then
  mkdir -p "$(dirname "$log")"
  printf '%s\t%s\n' "$(basename "$out")" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')" >> "$log"
fi
exit "$status"
