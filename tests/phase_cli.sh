#!/bin/sh
# TAP tests of kernel-trace --refine (the phase diagram's linear runs): at
# depth L = 5, sigma = 1e-2 (t_1/2 ~ 4e5) the kernel grows from 10% to 100%
# of its final norm within a few time units around t_1/2, far below the
# spacing of a log grid there.  The refining second pass follows the same
# trajectory (same t_1/2 and t_align to the CVODE tolerance, rtol 1e-8: we
# allow 1e-6 relative) and records the growth: the two records that bracket
# the 10%-norm time then differ by less than a factor 3 in |K| (without
# refinement by orders of magnitude), and the alignment there is within 5%
# of the final one, as the silent alignment effect says for small sigma.
SA=${SILENTALIGN:-src/cli/silentalign}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/phase_cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/tap.sh"
res() { sed -n "s/^# result $2 = \([^ ]*\).*/\1/p" "$1"; }
# ratio of |K| across the 10%-norm crossing (kfro_rel is column 4)
bracket() { awk '!/^#/ { if (prev != "" && prev < 0.1 && $4 >= 0.1) { print $4 / prev; exit } prev = $4 }' "$1"; }
ARGS="--L=5 --D=30 --N=50 --P=100 --sigma=1e-2 --log-time --t-first=1e-3 --t-end=1e9 --stop-ratio=1e-6 --samples=100"
"$SA" kernel-trace $ARGS -o "$TMP/coarse.tsv"
ok $? "kernel-trace L=5 sigma=1e-2 (one pass)"
"$SA" kernel-trace $ARGS --refine=40 -o "$TMP/fine.tsv"
ok $? "kernel-trace --refine=40 (two passes)"
th1=$(res "$TMP/coarse.tsv" t_half) th2=$(res "$TMP/fine.tsv" t_half)
ta1=$(res "$TMP/coarse.tsv" t_align) ta2=$(res "$TMP/fine.tsv" t_align)
echo "# measured: t_half $th1 / $th2, t_align $ta1 / $ta2"
awk -v a="$th1" -v b="$th2" -v c="$ta1" -v d="$ta2" 'BEGIN { exit !((a - b)^2 <= (1e-6 * a)^2 && (c - d)^2 <= (1e-6 * c)^2) }'
ok $? "second pass: same t_1/2 and t_align (same trajectory)"
b1=$(bracket "$TMP/coarse.tsv") b2=$(bracket "$TMP/fine.tsv")
echo "# measured: |K| jump across the 10% crossing: $b1 (one pass), $b2 (refined)"
awk -v x="$b2" 'BEGIN { exit !(x < 3) }'
ok $? "refined records bracket the 10%-norm time within a factor 3 in |K|"
f2=$(res "$TMP/fine.tsv" align_knorm10_ratio)
echo "# measured: A(t10)/A_final = $(res "$TMP/coarse.tsv" align_knorm10_ratio) (one pass), $f2 (refined)"
awk -v x="$f2" 'BEGIN { exit !(x >= 0.95 && x <= 1.05) }'
ok $? "refined: alignment at the 10%-norm time within 5% of the final one (silent)"
echo "1..$n"
