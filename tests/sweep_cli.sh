#!/bin/sh
# TAP tests of `silentalign sweep` (issue 11): bad grid syntax exits 2
# naming it; a point runs in-process exactly as the standalone subcommand
# (no state kept between points); a point with an invalid value is
# reported failed with the reason and the rest complete; the same 16-point
# sweep gives a byte-identical summary serially, on 2 MPI ranks and on 6
# ranks oversubscribed on this machine; a 2-rank sweep killed part-way
# (SIGTERM to mpirun) and run again runs only the missing points, leaves
# the finished point files untouched and ends with the same summary.
# Without MPI (or mpirun) the kill-and-resume test runs serially and the
# MPI comparisons are skipped.
SA=${SILENTALIGN:-src/cli/silentalign}
case $SA in /*) ;; *) SA=$(pwd)/$SA ;; esac # the runs below cd
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sweep_cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
# Open MPI refuses root unless told; CI runs as root.
OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
. "$(dirname "$0")/tap.sh"
# "K run now" from the sweep's last stderr line
ran() { sed -n 's/.*points: \([0-9]*\) run now.*/\1/p' "$1" | tail -n 1; }

# ---- bad syntax --------------------------------------------------------
check_bad() { # WHAT-THE-MESSAGE-NAMES ARGS...
  what=$1
  shift
  "$SA" sweep "$@" > /dev/null 2> "$TMP/err"
  rc=$?
  [ $rc -eq 2 ] && grep -q -F -- "$what" "$TMP/err" && [ ! -e "$TMP/bad" ]
  ok $? "sweep $*: exit 2 naming '$what', nothing written"
}
TINY="--D=6 --P=12 --P-test=5 --N=4 --steps=20 --records=5 --eigs=2"
check_bad "--grid: malformed grid axis 'sigma1e-3'" --grid=sigma1e-3 --out="$TMP/bad" -- train $TINY
check_bad "--grid: malformed grid axis 'sigma:1e-3,,1e-2'" --grid=sigma:1e-3,,1e-2 --out="$TMP/bad" -- train $TINY
check_bad "--grid: malformed grid axis 'sigma:'" --grid=sigma: --out="$TMP/bad" -- train $TINY
check_bad "--grid: grid axis 'sigma:2': option 'sigma' is already an axis" --grid=sigma:1 --grid=sigma:2 --out="$TMP/bad" -- train $TINY
check_bad "--sigma" --grid=sigma:1 --out="$TMP/bad" -- train $TINY --sigma=0.1
check_bad "nosuch" --grid=sigma:1 --out="$TMP/bad" -- nosuch
check_bad "--out" --grid=sigma:1 -- train $TINY
check_bad "--points: cannot open points file '$TMP/missing.tsv'" --points="$TMP/missing.tsv" --out="$TMP/bad" -- train $TINY

# ---- in-process = standalone; an invalid point fails, the rest go on ----
"$SA" sweep --quiet --grid=sigma:1e-3,-1,1e-2 --grid=arch:relu,tanh --out="$TMP/inv" \
  -- train $TINY --optimizer=adam > /dev/null 2> "$TMP/inv.err"
rc=$?
S="$TMP/inv/summary.tsv"
nfail=$(grep -c -P '\tfailed\texit 2: .*--sigma' "$S")
nok=$(grep -c -P '\tok\t-$' "$S")
[ $rc -eq 1 ] && [ "$nfail" -eq 2 ] && [ "$nok" -eq 4 ] &&
  [ -e "$TMP/inv/point-0003.failed" ] && [ ! -e "$TMP/inv/point-0003.tsv" ]
ok $? "sigma=-1 points reported failed (exit 2 naming --sigma), the 4 others ok; sweep exits 1"
# Point 6 (sigma 1e-2, tanh) ran after five other runs in the same
# process: its rows and results must equal a fresh process's (both with
# one BLAS thread: train's synthetic test set depends on the thread count).
"$SA" train $TINY --optimizer=adam --sigma=1e-2 --arch=tanh -o "$TMP/alone.tsv" 2> /dev/null
grep -v -e '^# command' -e '^# param output' "$TMP/inv/point-0006.tsv" > "$TMP/a"
grep -v -e '^# command' -e '^# param output' "$TMP/alone.tsv" > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b"
ok $? "6th point in one process = the same train run alone (no state kept between points)"
# Resuming: nothing left to run; with --retry-failed only the 2 failed.
"$SA" sweep --quiet --grid=sigma:1e-3,-1,1e-2 --grid=arch:relu,tanh --out="$TMP/inv" \
  -- train $TINY --optimizer=adam > /dev/null 2> "$TMP/inv2.err"
"$SA" sweep --quiet --retry-failed --grid=sigma:1e-3,-1,1e-2 --grid=arch:relu,tanh \
  --out="$TMP/inv" -- train $TINY --optimizer=adam > /dev/null 2> "$TMP/inv3.err"
[ "$(ran "$TMP/inv2.err")" = 0 ] && [ "$(ran "$TMP/inv3.err")" = 2 ]
ok $? "rerun: 0 points run; with --retry-failed the 2 failed ones"
# The same directory with another grid: refused, nothing run or removed.
check_bad "--out: the output directory '$TMP/inv' holds another sweep" --grid=sigma:1e-3 \
  --out="$TMP/inv" -- train $TINY --optimizer=adam
[ -e "$TMP/inv/point-0001.tsv" ] && [ -e "$TMP/inv/summary.tsv" ]
ok $? "the other sweep's directory keeps its files"

# ---- serial, 2 and 6 ranks, killed and resumed --------------------------
# 16 points of similar length (~1.2 s each on an idle core). mpirun takes
# ~1.5 s to stop its ranks after SIGTERM, during which both ranks finish
# further points: with 0.17 s points (15,000 steps) a fast machine finished
# all 16 before the ranks stopped and the kill check failed. At 1.2 s a
# point, the kill after 2 points leaves at most ~6 done, far from 16.
GRID="--grid=seed:1,2,3,4,5,6,7,8 --grid=sigma:1e-3,1e-2"
SUB="train --D=10 --P=20 --P-test=10 --N=50 --arch=relu --steps=200000 --records=5 --eigs=1"
run_in() { # DIR [launcher...]: runs the sweep with --out=S inside DIR
  d=$1
  shift
  mkdir -p "$d"
  (cd "$d" && "$@" "$SA" sweep --quiet $GRID --out=S -- $SUB > /dev/null 2> err)
}
run_in "$TMP/serial"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c -P '\tok\t-$' "$TMP/serial/S/summary.tsv")" -eq 16 ]
ok $? "serial sweep: 16 points ok"

MPIRUN=$(command -v mpirun)
if "$SA" sweep --help | grep -q 'MPI: built with MPI' && [ -n "$MPIRUN" ]; then
  MPI="$MPIRUN --oversubscribe"
  run_in "$TMP/np2" $MPI -np 2
  rc=$?
  [ $rc -eq 0 ] && cmp -s "$TMP/serial/S/summary.tsv" "$TMP/np2/S/summary.tsv"
  ok $? "mpirun -np 2: summary identical to the serial one"
  run_in "$TMP/np6" $MPI -np 6
  rc=$?
  [ $rc -eq 0 ] && cmp -s "$TMP/serial/S/summary.tsv" "$TMP/np6/S/summary.tsv"
  ok $? "mpirun -np 6 (oversubscribed on 2 cores): summary identical to the serial one"
  KILLCMD="$MPI -np 2"
else
  skip "built without MPI or no mpirun: 2-rank comparison"
  skip "built without MPI or no mpirun: 6-rank comparison"
  KILLCMD=
fi

# Kill part-way: SIGTERM once 2 points are done.
mkdir -p "$TMP/kill"
(cd "$TMP/kill" && exec $KILLCMD "$SA" sweep --quiet $GRID --out=S -- $SUB > /dev/null 2> err1) &
pid=$!
i=0
while [ $i -lt 600 ]; do
  done_now=$(ls "$TMP/kill/S" 2> /dev/null | grep -c '^point-[0-9]*\.tsv$')
  [ "$done_now" -ge 2 ] && break
  sleep 0.1
  i=$((i + 1))
done
kill -TERM $pid 2> /dev/null
wait $pid
ls "$TMP/kill/S" | grep '^point-[0-9]*\.tsv$' > "$TMP/done1"
ndone=$(wc -l < "$TMP/done1")
(cd "$TMP/kill/S" && stat -c '%n %i %Y' $(cat "$TMP/done1")) > "$TMP/inodes1"
echo "# killed with $ndone of 16 points done"
[ "$ndone" -ge 2 ] && [ "$ndone" -lt 16 ] && [ ! -e "$TMP/kill/S/summary.tsv" ]
ok $? "SIGTERM part-way: $ndone of 16 points done, the rest missing, no summary yet"
(cd "$TMP/kill" && $KILLCMD "$SA" sweep --quiet $GRID --out=S -- $SUB > /dev/null 2> err2)
rc=$?
nran=$(ran "$TMP/kill/err2")
echo "# rerun ran $nran points"
(cd "$TMP/kill/S" && stat -c '%n %i %Y' $(cat "$TMP/done1")) > "$TMP/inodes2"
[ $rc -eq 0 ] && [ "$nran" -eq $((16 - ndone)) ] && cmp -s "$TMP/inodes1" "$TMP/inodes2" &&
  [ -z "$(ls "$TMP/kill/S" | grep -e '\.tmp\.' -e '\.err\.')" ]
ok $? "rerun ran only the $((16 - ndone)) missing points, the finished files untouched, no temporaries"
cmp -s "$TMP/serial/S/summary.tsv" "$TMP/kill/S/summary.tsv"
ok $? "killed and resumed sweep: summary identical to the uninterrupted serial one"
echo "1..$n"
