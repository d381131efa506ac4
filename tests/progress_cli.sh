#!/bin/sh
# TAP: the progress line of long subcommands (src/core/sa_progress.h) and the
# end-of-options marker.  `script` runs silentalign on a pseudo-terminal, as a
# user at a terminal would: the line appears there, is redrawn at most
# SA_PROGRESS_HZ = 4 times a second and is erased at the end; with --quiet,
# or when stderr is a file or a pipe, nothing is written to stderr; the data
# written to -o is the same either way.
: "${SILENTALIGN:?SILENTALIGN must point at the silentalign binary}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/progress_cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..10"
. "$(dirname "$0")/tap.sh"
if ! command -v script >/dev/null 2>&1; then
  for i in 1 2 3 4 5 6 7 8 9 10; do echo "ok $i # SKIP script(1) not found"; done
  exit 0
fi
# A flow run of about a second: enough for a few redraws.
FLOW="flow --L=2 --D=25 --N=10 --P=100 --sigma=1e-3 --s=1 --t-end=15 --samples=1501"

start=$(date +%s.%N)
script -qec "$SILENTALIGN $FLOW -o $tmp/tty.tsv" "$tmp/tty.log" >/dev/null 2>&1
st=$?
end=$(date +%s.%N)
[ "$st" -eq 0 ] && grep -q 'silentalign flow: t = .*elapsed' "$tmp/tty.log"
ok $? "flow on a terminal shows 'silentalign flow: t = ... elapsed' (exit $st)"

grep -q 'L/L0' "$tmp/tty.log" && grep -q 'left' "$tmp/tty.log"
ok $? "the line gives the loss ratio and the time left"

# Redraws: each starts with a carriage return followed by text; the final
# erase is a bare "\r ESC[K".  At most 4 a second over the wall time, plus
# the first draw and the last (fraction 1 bypasses the rate limit).
draws=$(tr '\r' '\n' < "$tmp/tty.log" | grep -c '^silentalign flow:')
limit=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%d", 4 * (b - a) + 2 }')
[ "$draws" -ge 1 ] && [ "$draws" -le "$limit" ]
ok $? "redrawn $draws times in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s (at most $limit)"

esc=$(printf '\033')
last=$(tr '\r' '\n' < "$tmp/tty.log" | sed -n '/^Script done/q;p' | tail -n 1)
[ "$last" = "$esc[K" ]
ok $? "the line is erased when the run ends (last output: CR ESC[K)"

script -qec "$SILENTALIGN $FLOW --quiet -o $tmp/quiet.tsv" "$tmp/quiet.log" >/dev/null 2>&1
! grep -q 'elapsed' "$tmp/quiet.log"
ok $? "--quiet: no progress line on a terminal"

"$SILENTALIGN" $FLOW -o "$tmp/file.tsv" 2>"$tmp/file.err"
[ $? -eq 0 ] && [ ! -s "$tmp/file.err" ]
ok $? "stderr redirected to a file: nothing written to it"

"$SILENTALIGN" $FLOW 2>&1 >"$tmp/pipe.tsv" | cat > "$tmp/pipe.err"
[ ! -s "$tmp/pipe.err" ]
ok $? "stderr into a pipe: nothing written to it"

# Same data (only the '# command' and '# param output' lines name the file).
grep -v '^# command\|^# param output' "$tmp/tty.tsv" > "$tmp/a" &&
  grep -v '^# command\|^# param output' "$tmp/file.tsv" > "$tmp/b" &&
  cmp -s "$tmp/a" "$tmp/b"
ok $? "the -o file from the terminal run equals the one from the redirected run"

"$SILENTALIGN" flow --samples=3 --t-end=1 -o "$tmp/dd.tsv" -- 2>"$tmp/dd.err"
ok $? "'--' at the end of the options is accepted ($(cat "$tmp/dd.err"))"

"$SILENTALIGN" flow --samples=3 -- --t-end=1 >/dev/null 2>"$tmp/dd2.err"
st=$?
[ "$st" -eq 2 ] && grep -q "unexpected argument '--t-end=1' after '--'" "$tmp/dd2.err"
ok $? "an option after '--' is an operand: exit 2 naming it (got $st)"
