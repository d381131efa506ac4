#!/bin/sh
# series_cli.sh: figures/series (the fits and crossings of the figure
# tables, figures/figW-fit.sh and doc/facts.sh) on a hand-made file whose
# answers are known: columns found by name in any order, --rows ranges,
# llfit (power law: slope and intercept), llreach (where it reaches a
# level), floor (y_inf + c/x over x >= XMIN),
# below (first passage, interpolated), interp (a value between records),
# a ratio of two columns as YCOL,
# lncross (a crossing interpolated in ln x), and refusals (status 2 for a
# malformed operation or range, 1 for a missing column or an empty range).
# The maths itself is checked in tests/test_series; here only the program's
# selection of rows and columns.  Values are compared to 1e-12 relative
# (printed with 17 digits; the fits lose at most ~2 digits, see test_series).
SERIES=${SERIES:-figures/series}
tmp=${TMPDIR:-/tmp}/series.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
# near GOT WANT: GOT within 1e-12 (relative) of WANT, field by field
near() { awk -v g="$1" -v w="$2" 'BEGIN { n = split(g, a, "\t"); if (n != split(w, b, " ")) exit 1
  for (i = 1; i <= n; i++) { d = a[i] - b[i]; if (d < 0) d = -d; s = b[i] < 0 ? -b[i] : b[i]
    if (!(d <= 1e-12 * s + 1e-300)) exit 1 } }'; }
# N = 1, 2, 4, 8 (d = 4 N^-2), then 16, 32, 64 (d = 0.5 N^-1.25); the
# loss column falls 1, 0.75, 0.25, 0.5, 0, ... against step.
{
  echo "# a hand-made series"
  echo "# columns: loss d step N"
  awk 'BEGIN { split("1 0.75 0.25 0.5 0 0 0", l, " ")
    for (i = 0; i < 7; i++) { N = 2 ^ i; d = i < 4 ? 4 * N ^ -2 : 0.5 * N ^ -1.25
      printf "%s\t%.17g\t%d\t%d\n", l[i + 1], d, 10 * i, N } }'
} > "$tmp/s.dat"
v=$("$SERIES" --rows=1:4 llfit:N:d "$tmp/s.dat")
near "$v" "-2 $(awk 'BEGIN { printf "%.17g", log(4) }')"; ok $? "llfit over rows 1:4: slope -2, intercept ln 4 ($v)"
v=$("$SERIES" --rows=1:4 llreach:N:d=1e-6 "$tmp/s.dat")
near "$v" "2000"; ok $? "llreach over rows 1:4: 4 N^-2 = 1e-6 at N = 2000 ($v)"
v=$("$SERIES" --rows=-3:-1 llslope:N:d "$tmp/s.dat")
near "$v" "-1.25"; ok $? "llslope over the last three rows (--rows=-3:-1): -1.25 ($v)"
v=$("$SERIES" --rows=5 llslope:N:d "$tmp/s.dat")
near "$v" "-1.25"; ok $? "--rows=5: from the fifth row to the last ($v)"
# d = 0.001 + 0.5/N for N >= 8 only in a second file
awk 'BEGIN { print "# columns: N d"; for (i = 0; i < 7; i++) { N = 2 ^ i
  printf "%d\t%.17g\n", N, (N >= 8 ? 0.001 + 0.5 / N : 1) } }' > "$tmp/f.dat"
v=$("$SERIES" floor:N:d:8 "$tmp/f.dat")
near "$v" "0.001 0.5"; ok $? "floor over N >= 8: d_inf = 0.001, c = 0.5 ($v)"
v=$("$SERIES" below:step:loss=0.5 "$tmp/s.dat")
near "$v" "15"; ok $? "below 0.5: step 15, between the records at 10 and 20 ($v)"
v=$("$SERIES" below:step:loss=0.125 "$tmp/s.dat")
near "$v" "37.5"; ok $? "below 0.125: after the rise, step 37.5 ($v)"
v=$("$SERIES" interp:step=15:loss "$tmp/s.dat")
near "$v" "0.5"; ok $? "interp at step 15: loss 0.5, between 0.75 and 0.25 ($v)"
v=$("$SERIES" interp:step=32.5:loss "$tmp/s.dat")
near "$v" "0.375"; ok $? "interp at step 32.5: loss 0.375, a quarter of the way from 0.5 to 0 ($v)"
v=$("$SERIES" interp:step=-5:loss "$tmp/s.dat")
w=$("$SERIES" interp:step=1e3:loss "$tmp/s.dat")
near "$v	$w" "1 0"; ok $? "interp before the first / after the last record: its value ($v, $w)"
"$SERIES" interp:step=nan:loss "$tmp/s.dat" > "$tmp/out" 2> "$tmp/err"
st=$?
check "$([ $st -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q 'no value at x = nan' "$tmp/err" && echo 1)" \
  "interp at x = nan: status 1 ($st), nothing on stdout, says so"
"$SERIES" below:step:loss=-1 "$tmp/s.dat" > "$tmp/out" 2> "$tmp/err"
st=$?
check "$([ $st -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q 'never reaches' "$tmp/err" && echo 1)" \
  "never below: status 1 ($st), nothing on stdout, says so"
"$SERIES" llfit:N:nosuch "$tmp/s.dat" 2> "$tmp/err"
st=$?
check "$([ $st -eq 1 ] && grep -q 'no column nosuch' "$tmp/err" && echo 1)" "missing column: status 1 ($st), named"
"$SERIES" --rows=6:2 llfit:N:d "$tmp/s.dat" 2> "$tmp/err"
st=$?
check "$([ $st -eq 1 ] && grep -q 'rows 6:2' "$tmp/err" && echo 1)" "empty row range: status 1 ($st), named"
# a / b = log2(sigma) / 2 = 0, 0.5, 1, 1.5 on sigma = 1, 2, 4, 8: it crosses
# 0.75 at sigma = 3 interpolating in sigma, at 2^1.5 interpolating in ln sigma.
printf '# columns: a sigma b\n0\t1\t2\n1\t2\t2\n2\t4\t2\n3\t8\t2\n' > "$tmp/r.dat"
v=$("$SERIES" cross:sigma:a/b=0.75 "$tmp/r.dat")
near "$v" "3"; ok $? "cross of the ratio a/b at 0.75: sigma = 3 ($v)"
v=$("$SERIES" lncross:sigma:a/b=0.75 "$tmp/r.dat")
near "$v" "$(awk 'BEGIN { printf "%.17g", 2 ^ 1.5 }')"; ok $? "lncross: sigma = 2^1.5, geometric between 2 and 4 ($v)"
"$SERIES" lncross:sigma:a/nosuch=1 "$tmp/r.dat" 2> "$tmp/err"
st=$?
check "$([ $st -eq 1 ] && grep -q 'no column nosuch' "$tmp/err" && echo 1)" "missing denominator column: status 1 ($st), named"
for bad in --rows=0:3 --rows=1:x --rows=; do
  "$SERIES" "$bad" llfit:N:d "$tmp/s.dat" 2> "$tmp/err"
  st=$?
  check "$([ $st -eq 2 ] && grep -q 'malformed row range' "$tmp/err" && echo 1)" "$bad: status 2 ($st)"
done
for bad in llfit:N floor:N:d:1:2 below:step:loss fit:N:d lncross:N:d cross:N:d/=1 interp:step:loss interp:=1:loss interp:step=1:loss:x; do
  "$SERIES" "$bad" "$tmp/s.dat" 2> "$tmp/err"
  st=$?
  check "$([ $st -eq 2 ] && grep -q 'malformed operation' "$tmp/err" && echo 1)" "$bad: status 2 ($st)"
done
echo "1..$n"
