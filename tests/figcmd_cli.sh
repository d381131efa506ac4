#!/bin/sh
# figcmd_cli.sh: the figure subcommands kernel2d, kernel-trace and
# multiout-kernel on bad input (status 2, the option named, no file left)
# and on small good runs (columns declared, rows complete).
SA=${SILENTALIGN:-src/cli/silentalign}
tmp=${TMPDIR:-/tmp}/figcmd.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
bad() { # description expected-option args...
  d=$1; opt=$2; shift 2
  "$SA" "$@" -o "$tmp/bad.dat" 2> "$tmp/err"
  st=$?
  if [ $st -eq 2 ] && grep -q -- "$opt" "$tmp/err" && [ -z "$(ls "$tmp" | grep bad.dat)" ]; then
    pass "$d: status 2, names $opt, no output file"
  else
    notok "$d: status $st, stderr: $(cat "$tmp/err")"
  fi
}
bad "kernel2d --P=3" "--P" kernel2d --P=3
bad "kernel2d --lambda2=0" "--lambda2" kernel2d --P=2 --lambda2=0
bad "kernel2d --path with t-first >= t-end" "--t-first" kernel2d --path --t-first=5 --t-end=1
bad "kernel-trace --sigma=-1" "--sigma" kernel-trace --sigma=-1
bad "kernel-trace --stop-ratio=1" "--stop-ratio" kernel-trace --stop-ratio=1
bad "multiout-kernel: more singular values than outputs" "--s" multiout-kernel --C=2 --s=1,0.5,0.25
bad "multiout-kernel --t-first >= --t-end" "--t-first" multiout-kernel --log-time --t-first=10 --t-end=1

# Solver failure: one step allowed per output (TOO_MUCH_WORK): status 1, no file
"$SA" kernel-trace --L=2 --D=5 --N=4 --P=10 --t-end=5 --samples=3 --max-steps=1 -o "$tmp/fail.dat" 2> "$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q "silentalign kernel-trace:" "$tmp/err" && [ ! -f "$tmp/fail.dat" ]; then
  pass "kernel-trace solver failure: status 1, message, no file ($(head -c 80 "$tmp/err"))"
else
  notok "kernel-trace solver failure: status $st, $(cat "$tmp/err")"
fi

good() { # description columns args...
  d=$1; want=$2; shift 2
  if "$SA" "$@" -o "$tmp/good.dat" 2> "$tmp/err"; then
    res=$(awk -F '\t' -v want="$want" '/^# columns:/ { sub(/^# columns: */, ""); nc = split($0, c, " "); next }
      /^#/ || NF == 0 { next } { rows++; if (NF != nc) bad++ }
      END { print (nc == want && rows > 0 && !bad) ? "ok" : "bad " nc " " rows " " bad }' "$tmp/good.dat")
    if [ "$res" = ok ]; then pass "$d: $want columns on every row"; else notok "$d: $res"; fi
  else
    notok "$d: exit status $?, $(cat "$tmp/err")"
  fi
}
good "kernel2d contours" 3 kernel2d --time=2 --N=10 --ntheta=16
good "kernel2d --path" 12 kernel2d --P=2 --path --N=10 --t-end=5 --samples=20
good "kernel-trace" 7 kernel-trace --L=3 --D=6 --N=5 --P=12 --sigma=0.1 --t-end=20 --samples=20
good "multiout-kernel" 7 multiout-kernel --L=2 --D=6 --N=5 --C=3 --s=1,0.5 --sigma=0.05 --t-end=10 --samples=20
echo "1..$n"
