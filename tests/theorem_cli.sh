#!/bin/sh
# TAP checks of `silentalign theorem` at the command line: bad options exit 2
# naming the option; a solver failure (tiny --max-steps) exits 1 with the integrator's
# flag name and leaves no output file; a good run writes a '# columns:' header.
: "${SILENTALIGN:?SILENTALIGN must point at the silentalign binary}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/theorem_cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..10"
. "$(dirname "$0")/tap.sh"

# bad_option ARG NAME: exit status 2 and --NAME in stderr
bad_option() {
  "$SILENTALIGN" theorem "$1" >"$tmp/out" 2>"$tmp/err"
  st=$?
  [ "$st" -eq 2 ] && grep -q -- "--$2" "$tmp/err"
  ok $? "theorem $1 exits 2 (got $st) naming --$2"
}
bad_option --tau=-1 tau
bad_option --P=0 P
bad_option --eps=abc eps
bad_option --unknown=1 unknown
bad_option --nfeat=5 nfeat

"$SILENTALIGN" theorem --eps=1e-3 --max-steps=3 -o "$tmp/fail.tsv" >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 1 ]
ok $? "theorem --max-steps=3: CVODE failure exits 1 (got $st)"
grep -q ARK_TOO_MUCH_WORK "$tmp/err"
ok $? "theorem --max-steps=3: stderr names ARKODE's flag ARK_TOO_MUCH_WORK (default --method=erk)"
"$SILENTALIGN" theorem --eps=1e-3 --max-steps=3 --method=adams -o "$tmp/fail.tsv" >"$tmp/out" 2>"$tmp/err"
grep -q CV_TOO_MUCH_WORK "$tmp/err"
ok $? "theorem --max-steps=3 --method=adams: stderr names CVODE's flag CV_TOO_MUCH_WORK"
[ -z "$(ls "$tmp" | grep fail.tsv)" ]
ok $? "theorem --max-steps=3: no -o file (nor temporary) left behind"

"$SILENTALIGN" theorem --eps=1e-4,1e-3 --P=8 --ntest=3 --nfeat=32 -o "$tmp/good.tsv" 2>"$tmp/err" &&
  grep -q '^# columns: eps tau eps_tau err_inf' "$tmp/good.tsv"
ok $? "theorem good run writes a file whose header has '# columns:'"
