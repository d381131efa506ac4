#!/bin/sh
# Benchmark of `silentalign sweep` (issue 11): the speed-up of 2 MPI ranks
# over the serial run on NPOINTS points of similar length (targets: >= 1.8x
# on a 2-core machine), and the sweep's own cost per point (target: < 1% of
# a 1-second point), from the serial run's report of the time spent inside
# the subcommand.  Each point is `train` (two-layer ReLU, synthetic data)
# with a different seed, about one second long on the 2-core machine.
# The load average is printed: other processes on the machine make both
# numbers worse.  Usage: bench_sweep.sh [SILENTALIGN [NPOINTS [STEPS]]]
SA=${1:-src/cli/silentalign}
case $SA in /*) ;; *) SA=$(pwd)/$SA ;; esac
NPOINTS=${2:-24}
STEPS=${3:-60000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bench_sweep.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OPENBLAS_NUM_THREADS=1
export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM OPENBLAS_NUM_THREADS
seeds=$(seq -s, 1 "$NPOINTS")
SUB="train --D=20 --P=40 --P-test=20 --N=50 --arch=relu --steps=$STEPS --records=21 --eigs=1"
now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
echo "== silentalign sweep: $NPOINTS points ($SUB, seeds 1..$NPOINTS)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"

mkdir "$TMP/serial"
t0=$(now)
(cd "$TMP/serial" && "$SA" sweep --serial --quiet --grid=seed:$seeds --out=S -- $SUB > /dev/null 2> err)
t1=$(now)
serial=$(calc "$t1 - $t0")
inside=$(sed -n 's/.*: \([0-9.]*\) s inside the subcommand.*/\1/p' "$TMP/serial/err")
ovh=$(sed -n 's/.*overhead \([0-9.]*\) ms per point.*/\1/p' "$TMP/serial/err")
per=$(calc "$inside / $NPOINTS")
printf 'serial: %.2f s wall, %.2f s inside the subcommand (%.3f s per point)\n' "$serial" "$inside" "$per"
printf 'sweep overhead per point: %.3f ms = %.4f%% of the mean point (%.3f%% of a 1-s point; target < 1%%)\n' \
  "$ovh" "$(calc "$ovh / 10 / $per")" "$(calc "$ovh / 10")"

if "$SA" sweep --help | grep -q 'MPI: built with MPI' && command -v mpirun > /dev/null; then
  mkdir "$TMP/np2"
  t0=$(now)
  (cd "$TMP/np2" && mpirun --oversubscribe -np 2 "$SA" sweep --quiet --grid=seed:$seeds --out=S \
    -- $SUB > /dev/null 2> err)
  t1=$(now)
  par=$(calc "$t1 - $t0")
  inner=$(sed -n 's/.*processes, \([0-9.]*\) s;.*/\1/p' "$TMP/np2/err")
  printf '2 ranks: %.2f s wall with mpirun start-up (speed-up %.2fx), %.2f s inside the sweep (speed-up %.2fx); target >= 1.8x\n' \
    "$par" "$(calc "$serial / $par")" "$inner" "$(calc "$serial / $inner")"
  if [ "$(grep -v "^# command" "$TMP/serial/S/summary.tsv")" = "$(grep -v "^# command" "$TMP/np2/S/summary.tsv")" ]; then
    echo "2-rank summary identical to the serial one (but for the command line: --serial)"
  else
    echo "2-rank summary DIFFERS from the serial one"
  fi
else
  echo "2 ranks: skipped (built without MPI or no mpirun)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
