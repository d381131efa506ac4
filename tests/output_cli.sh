#!/bin/sh
# Interrupted and failing runs lose nothing (TAP; src/core/sa_output.c and the
# output-path check of sa_opts.c):
# - SIGTERM or SIGINT during a long `train` or `flow` with -o leaves neither
#   the output nor its temporary, and the process dies of that signal
#   (status 128 + signal number), saying it was interrupted;
# - an output path that cannot be created (missing or read-only directory,
#   a directory, an empty name, a name too long) is refused with status 2
#   and the option named, before any work (checked on runs that would
#   otherwise take minutes) and without creating anything;
# - a full file system (a 16 KiB tmpfs, when this user may mount one) and a
#   full standard output (/dev/full) give status 1, the reason, and no file.
SA=${SILENTALIGN:-src/cli/silentalign}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/output_cli.XXXXXX") || exit 1
mounts=
cleanup() {
  for m in $mounts; do umount "$m" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/tap.sh"


# Runs that take minutes unless interrupted (about 1 and 3 million steps).
long_train="train --steps=3000000 --records=2 --no-ntk"
long_flow="flow --D=100 --N=200 --P=200 --t-end=1e4 --samples=1000"

# interrupt SIGNAL STATUS ARGS...: start the run with -o, wait until its
# temporary exists (the run is under way), send the signal.
interrupt() {
  sig=$1 want=$2
  shift 2
  d="$tmp/int_$n"
  mkdir -p "$d"
  # A background job of a non-interactive shell starts with SIGINT ignored;
  # env --default-signal gives it the default disposition back.
  if [ "$sig" = INT ]; then
    if ! env --default-signal=INT true 2>/dev/null; then
      skip "env --default-signal (coreutils >= 8.31) missing: cannot deliver SIGINT to a background job"
      return
    fi
    env --default-signal=INT "$SA" "$@" -o "$d/run.tsv" >/dev/null 2>"$d.err" &
  else
    "$SA" "$@" -o "$d/run.tsv" >/dev/null 2>"$d.err" &
  fi
  pid=$!
  i=0
  while [ $i -lt 300 ] && [ -z "$(ls -A "$d")" ]; do
    sleep 0.1
    i=$((i + 1))
  done
  started=$(ls -A "$d")
  kill -"$sig" $pid
  wait $pid
  st=$?
  left=$(ls -A "$d")
  r=1
  if [ -n "$started" ] && [ $st -eq "$want" ] && [ -z "$left" ] && grep -q interrupted "$d.err"; then
    r=0
  else
    echo "# temporary seen: '$started', status $st, left: '$left', stderr: $(cat "$d.err")"
  fi
  ok $r "SIG$sig during '$1' with -o: status $want (killed by SIG$sig), 'interrupted' on stderr, neither output nor temporary left"
}

interrupt TERM 143 $long_train
interrupt INT 130 $long_train
interrupt TERM 143 $long_flow
interrupt INT 130 $long_flow

# refused OPTION PATH DESCRIPTION ARGS...: status 2 naming the option, at once, nothing created
refused() {
  opt=$1 path=$2 what=$3
  shift 3
  before=$(ls -A "$w")
  start=$(date +%s)
  "$SA" "$@" "--$opt=$path" >"$tmp/out" 2>"$tmp/err"
  st=$?
  took=$(($(date +%s) - start))
  after=$(ls -A "$w")
  r=1
  if [ $st -eq 2 ] && grep -q -F -e "--$opt" "$tmp/err" && [ "$before" = "$after" ] &&
     [ ! -s "$tmp/out" ] && [ $took -le 5 ]; then
    r=0
  else
    echo "# status $st after ${took}s, stderr: $(cat "$tmp/err")"
  fi
  ok $r "$1 --$opt $what: status 2 naming --$opt before the run (${took}s), no file created"
}

w="$tmp/w"
mkdir "$w"
refused output "$w/missing/run.tsv" "in a missing directory" $long_train
refused output "" "empty" $long_train
refused output "$w" "naming a directory" $long_flow
refused output "$w/$(printf '%0300d' 0)" "with a 300-character name" $long_flow
refused predictions "$w/missing/p.tsv" "in a missing directory" $long_train
refused gram "$w/missing/g.tsv" "in a missing directory" $long_train
refused output "$w/missing/run.tsv" "in a missing directory" twolayer

# A read-only directory: a read-only tmpfs (root ignores permission bits),
# else a directory without write permission (ordinary users).
ro="$w/ro"
mkdir "$ro"
if mount -t tmpfs -o ro,size=16k tmpfs "$ro" 2>/dev/null; then
  mounts="$mounts $ro"
  refused output "$ro/run.tsv" "on a read-only file system" $long_train
elif [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$ro"
  refused output "$ro/run.tsv" "in a directory without write permission" $long_train
  chmod 755 "$ro"
else
  skip "read-only directory: root may not mount a tmpfs here and ignores permission bits"
fi

# Full file system: the output (about 100 KB) does not fit in 16 KiB.
full="$tmp/full"
mkdir "$full"
if mount -t tmpfs -o size=16k tmpfs "$full" 2>/dev/null; then
  mounts="$mounts $full"
  "$SA" twolayer --samples=2000 -o "$full/out.tsv" >/dev/null 2>"$tmp/err"
  st=$?
  left=$(ls -A "$full")
  r=1
  if [ $st -eq 1 ] && grep -q "No space left on device" "$tmp/err" &&
     grep -q -F "$full/out.tsv" "$tmp/err" && [ -z "$left" ]; then
    r=0
  else
    echo "# status $st, left '$left', stderr: $(cat "$tmp/err")"
  fi
  ok $r "full file system (16 KiB tmpfs): status 1, 'No space left on device' naming the file, nothing left"
else
  skip "full file system: this user may not mount a tmpfs"
fi

if [ -w /dev/full ]; then
  "$SA" twolayer --samples=2000 >/dev/full 2>"$tmp/err"
  st=$?
  r=1
  if [ $st -eq 1 ] && grep -q "error writing to standard output" "$tmp/err"; then r=0; else
    echo "# status $st, stderr: $(cat "$tmp/err")"
  fi
  ok $r "standard output on /dev/full: status 1 and 'error writing to standard output'"
else
  skip "/dev/full not available"
fi

echo "1..$n"
exit $tap_failed
