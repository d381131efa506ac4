#!/bin/sh
# figures_experiment_check.sh: TAP checks of the report's experiment-side
# figure data (Figs. 1, 4, C.3b, E.2, E.3, H.1c and the Wide-ResNet Figs.
# 1d,e, J.1-J.3), written by `make figures`
# into figures/data (of the build directory, or $FIGDATA_DIR).  Absent files
# SKIP.  Checks (and, for issue 7, the regime runs of doc/sections/regime.tex):
#  - format: a '# columns:' header, that many tab-separated fields on every
#    data row, no inf, no nan except in a column that is nan on every row
#    (train writes nan for a quantity that does not apply to the run);
#  - the paper's claims on our runs: K_inf regression is closer to the network
#    than K_0 regression by a stated factor at every point of Figs. 1b, 1c,
#    4f, E.2c; in Fig. 1a the alignment rises in Phase I and is within 5% of
#    its final value when |K| reaches 10% of its final norm (expected
#    failures, TAP TODO, where the literal settings miss them); the final
#    alignment of deep linear nets increases with depth (Fig. E.3); the
#    Gram matrices of Fig. E.3 are symmetric; in Fig. C.3b q(t), r(t) of GD
#    follow Eqs. (50)-(51) (independent transcription of the closed form).
# '# measured:' lines carry the values.
dir=${FIGDATA_DIR:-figures/data}
. "$(dirname "$0")/tap.sh"
# result FILE KEY: the value of "# result KEY = v".
result() { sed -n "s/^# result $2 = \([^ ]*\).*/\1/p" "$1" | head -n 1; }
have() { for have_f in "$@"; do [ -f "$dir/$have_f" ] || return 1; done; return 0; }

G="0 0.25 0.5 0.75 1"
FILES="fig1a.dat fig1b.dat fig1a-plateau.dat fig1c.dat fig4f.dat fig4f-eta.dat fig4a-g1-full.dat
figC3b.dat figC3b-theory.dat figC3b-theory-q0r0.dat figE2c.dat figH1c.dat"
for g in $G; do FILES="$FILES fig4a-g$g.dat fig4b-e-g$g.dat fig4f-eta-g$g.dat"; done
for L in 2 3 4 5; do FILES="$FILES figE2a-L$L.dat"; done
for L in 2 4 6; do FILES="$FILES figE3a-L$L.dat figE3b-L$L.dat"; done
# Wide ResNet figures (figures/wrn.mk): Figs. 1d,e, J.1, J.2, J.3.
FILES="$FILES fig1d.dat fig1e.dat figJ1a.dat figJ1b.dat figJ2d.dat figJ3d.dat"
FILES="$FILES fig1d-regime.dat fig1e-regime.dat fig1d-regime-flow.dat fig1d-regime-adam.dat"
for v in 1 2 3 4; do FILES="$FILES figJ2-b$v.dat figJ3-k$v.dat"; done

for f in $FILES; do
  p=$dir/$f
  if [ ! -f "$p" ]; then
    skip "$f exists, declares its columns, full rows, no nan/inf" "not built (make figures)"
    continue
  fi
  res=$(awk -F '\t' '
    /^# columns:/ { h = $0; sub(/^# columns: */, "", h); ncol = split(h, c, " "); next }
    /^#/ || NF == 0 { next }
    { rows++
      if (NF != ncol) { bad = bad " row " NR ": " NF " fields"; next }
      for (i = 1; i <= NF; i++) { v = tolower($i)
        if (v ~ /inf/) bad = bad " row " NR " col " c[i] ": " $i
        if (v ~ /nan/) nan[i]++ } }
    END { if (!ncol) { print "no # columns line"; exit }
      if (!rows) { print "no data rows"; exit }
      # NaN marks a quantity that does not apply to the run (train): allowed
      # only in a column that is NaN on every row.
      for (i = 1; i <= ncol; i++) if (nan[i] && nan[i] < rows) bad = bad " col " c[i] ": NaN on " nan[i] " of " rows " rows"
      if (bad != "") print substr(bad, 1, 300); else print "ok " rows " rows x " ncol }' "$p")
  case "$res" in
    ok*) pass "$f: declared columns on every row, no inf, nan only in not-applicable columns ($res)" ;;
    *) notok "$f: $res" ;;
  esac
done

# --- K_inf regression much closer to the network than K_0 regression
# (Theorem 1 / silent alignment; prediction 18), as a ratio
# disc(K_0)/disc(K_inf) of the test discrepancies |f_NN - f_K|/|f_NN|, at
# every point of the range each figure shows.  Thresholds from the paper's
# own numbers (its Figs. 1b,c give none: K_inf "on the diagonal"):
#  - Figs. 1b, 1c, 4f (two-layer ReLU, whitened to raw): ratio >= 30.  The
#    paper's smallest ratio in Fig. 4f is ~57 (gamma = 1: K_0 ~0.4 against
#    K_inf ~7e-3; ~6e4 at gamma = 0); 30 allows a factor 2 for reading its
#    log-scale bars.
#  - Fig. E.2c (depth 2-5): ratio >= 3.  The paper's bars give 5.7, 6.7, 10,
#    11.4 for L = 2..5 (K_0 0.04..0.24, K_inf 0.007..0.021); again a factor 2.
# A figure whose ratio is below its threshold is reported as an expected
# failure (TAP TODO) naming the measured ratio and the reason (the literal
# settings are outside the small-initialisation regime; the runs of the
# regime section are checked further down, and there a miss is a failure).
# ratios FILE THRESHOLD: "label: ratio, ..." for every row (columns 1-3:
# label, disc_k0, disc_kinf) and the discrepancies, then a tab, the smallest ratio and 1 if every
# ratio reaches THRESHOLD (and there is at least one row), else 0.
ratios() { awk -F '\t' -v th="$2" '/^#/ || NF == 0 { next }
    { m++; r = ($3 > 0) ? $2 / $3 : 0; rs = rs sprintf("%s%s: %.3g", m > 1 ? ", " : "", $1, r)
      ds = ds sprintf("%s%s: %.3g/%.3g", m > 1 ? ", " : "", $1, $2, $3)
      if (m == 1 || r < mn) mn = r; if (!(r >= th)) bad++ }
    END { printf "%s (discrepancies %s)\t%.3g %d\n", rs, ds, mn, (m > 0 && bad == 0) }' "$1"; }
# claim_ratio FILE THRESHOLD DESCRIPTION DEPARTURE [NAME]: the check; with an
# empty DEPARTURE the claim is expected to hold and a miss is a failure.
claim_ratio() {
  out=$(ratios "$1" "$2"); set -- "$1" "$2" "$3" "$4" "${5:-$(basename "$1")}" ${out##*	}
  echo "# measured: $5 ratio disc(K_0)/disc(K_inf): ${out%	*}"
  if [ "$7" = 1 ]; then pass "$3: ratio >= $2 at every point (smallest $6)"
  elif [ -z "$4" ]; then notok "$3: ratio >= $2 at every point (smallest $6)"
  else n=$((n + 1)); echo "not ok $n - $3: ratio >= $2 at every point # TODO smallest ratio $6 < $2: $4"; fi
}
# one_ratio FILE LABEL: a one-row table from the run's result lines.
one_ratio() { printf '%s\t%s\t%s\n' "$2" "$(result "$1" disc_k0)" "$(result "$1" disc_kinf)" > "$tmpr"; }
# less A B: 1 if A < B (both numbers).
less() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0 && a != "" && b != "") ? 1 : 0 }'; }
# cmp EXPR: 1 if the awk expression over the given -v values is true.
cmp() { awk "BEGIN { print ($1) ? 1 : 0 }"; }
# stale FILE: true when FILE lacks "# result silent_alignment" (made by a
# silentalign older than the verdict: rebuild it with make figures).
stale() { ! grep -q '^# result silent_alignment = ' "$1"; }
tmpr=$(mktemp) || exit 1
trap 'rm -f "$tmpr"' EXIT
for f in fig1b.dat fig1c.dat; do
  if have $f; then
    one_ratio "$dir/$f" "P=1000"
    claim_ratio "$tmpr" 30 "Fig. 1 ($f): K_inf regression at least 30x closer to the network than K_0 regression" \
      "at P = 1000 above the whitening rank; the same net at P = 100 <= r is checked below (regime)" $f
  else skip "Fig. 1 ($f): K_inf at least 30x closer than K_0" "not built"; fi
done
if have fig4f.dat; then
  claim_ratio "$dir/fig4f.dat" 30 "Fig. 4f: K_inf regression at least 30x closer to the network than K_0 regression, gamma = 0..1" \
    "the literal Adam rate multiplies |K| in its first step (not a small initialisation); at gamma = 0 the regime runs are checked below"
else skip "Fig. 4f: K_inf at least 30x closer than K_0" "not built"; fi
if have fig4f-eta.dat; then
  claim_ratio "$dir/fig4f-eta.dat" 30 "Fig. 4f at P = 200 (fig4f-eta.dat): K_inf regression at least 30x closer to the network than K_0 regression, gamma = 0..1" \
    "the literal Adam rate multiplies |K| in its first step"
else skip "Fig. 4f at P = 200: K_inf at least 30x closer than K_0" "not built"; fi
if have figE2c.dat; then
  claim_ratio "$dir/figE2c.dat" 3 "Fig. E.2c: K_inf regression at least 3x closer to the network than K_0 regression, depth 2..5 (paper 5.7..11.4)" \
    "sigma = 0.4 starts the L = 2 net with |K_0| a tenth of its final value (not a small initialisation); the regime runs with sigma = 10^(-3/L) are checked below"
else skip "Fig. E.2c: K_inf at least 3x closer than K_0" "not built"; fi

# --- Wide ResNets (Figs. 1e, J.1b, J.2d, J.3d): K_inf regression much closer
# to the network than K_0 regression, as the ratio disc(K_0)/disc(K_inf) at
# every run each figure shows.  Threshold 10 for the whitened figures (1e,
# J.2d, J.3d and the GD regime variant fig1e-regime): the paper's bars (Figs.
# J.2d, J.3d: K_0 0.73-0.96, K_inf 0.01-0.09) give factors 10.7 (J.3,
# k = 1: 0.96/0.09) to 90 (J.2, b = 1), 16.6 and more in J.2; they are read
# to 0.005, and 0.955/0.095 = 10.05, so the least favourable bar allows
# 10.  Fig. 1e shows the k = 4, b = 1 network of J.2's b = 1 bar (90).
# Where our runs fall short (the scaled tier, figures/wrn.mk) the check is an
# expected failure (TAP TODO) naming the measured ratios and how many decades
# the run's kernel grows (the regime, computed from the trace).  Fig. J.1b
# (raw images) has no bars: the paper says only that K_inf still predicts
# the network, less tightly than on whitened data; checked as K_inf closer
# than K_0 and as a larger K_inf discrepancy than Fig. 1e's.
# decades FILE: log10 of |K_final|_F / |K_0|_F over the trace.
decades() { awk -F '\t' '/^# columns:/ { sub(/^# columns: */, ""); m = split($0, c, " "); for (i = 1; i <= m; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next } { if (!n++) k0 = $(col["k_norm"]); k = $(col["k_norm"]) } END { printf "%.1f", log(k / k0) / log(10) }' "$1"; }
# overshoot FILE: how far (in %) the alignment rises above its final value
# after the end of Phase I (result t_phase1, src/train/silence.h).
overshoot() { awk -F '\t' -v t1="$(result "$1" t_phase1)" '/^# columns:/ { sub(/^# columns: */, ""); m = split($0, c, " "); for (i = 1; i <= m; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next } { a = $(col["k_align"]); if ($(col["t"]) > t1 + 0 && a > mx) mx = a }
    END { printf "%.0f", 100 * (mx - a) / a }' "$1"; }
WRN_TH=10
for f in fig1d.dat fig1d-regime.dat; do
  case $f in
    fig1d.dat) what="Fig. 1e (fig1d.dat, the paper's init scales)"; why="scaled tier (figures/wrn.mk); the NTK grows by $(have $f && decades "$dir/$f") decades over the run" ;;
    *) what="Fig. 1e regime variant (fig1d-regime.dat, GD from half the init scales)"; why="the kernel grows by $(have $f && decades "$dir/$f") decades, but after Phase I its alignment rises up to $(have $f && overshoot "$dir/$f")% above its final value before settling (the kernel changes shape while it grows)" ;;
  esac
  if have $f; then
    one_ratio "$dir/$f" "run"
    claim_ratio "$tmpr" $WRN_TH "Wide ResNet, $what: K_inf regression at least ${WRN_TH}x closer to the network than K_0 regression (paper >= 10.7)" "$why" $f
  else skip "Wide ResNet, $what: K_inf at least ${WRN_TH}x closer than K_0" "not built"; fi
done
for f in figJ2d.dat figJ3d.dat; do
  case $f in
    figJ2d.dat) what="Fig. J.2d: K_inf regression at least ${WRN_TH}x closer to the network than K_0 regression, b = 1..4 (paper 16.6-90)"; runs="figJ2-b1 figJ2-b2 figJ2-b3 figJ2-b4" ;;
    *) what="Fig. J.3d: K_inf regression at least ${WRN_TH}x closer to the network than K_0 regression, k = 1..4 (paper 10.7-17.1)"; runs="figJ3-k1 figJ3-k2 figJ3-k3 figJ3-k4" ;;
  esac
  if have $f; then
    dec=; for r in $runs; do have $r.dat && dec="$dec${dec:+, }$(decades "$dir/$r.dat")"; done
    claim_ratio "$dir/$f" $WRN_TH "$what" "scaled tier (figures/wrn.mk); the NTKs grow by $dec decades over the runs"
  else skip "$f: K_inf at least ${WRN_TH}x closer than K_0" "not built"; fi
done
if have figJ1a.dat; then
  k0=$(result "$dir/figJ1a.dat" disc_k0); ki=$(result "$dir/figJ1a.dat" disc_kinf)
  echo "# measured: figJ1a.dat |f_NN - f_K|/|f_NN|: K_0 $k0, K_inf $ki"
  check "$(less "$ki" "$k0")" "Wide ResNet (Fig. J.1b, figJ1a.dat, raw images): K_inf regression closer to the network than K_0 regression"
else skip "Wide ResNet (figJ1a.dat): K_inf closer than K_0" "not built"; fi
if have fig1d.dat figJ1a.dat; then
  w=$(result "$dir/fig1d.dat" disc_kinf); u=$(result "$dir/figJ1a.dat" disc_kinf)
  echo "# measured: K_inf discrepancy whitened (Fig. 1e) $w, unwhitened (Fig. J.1b) $u"
  check "$(less "$w" "$u")" "Fig. J.1: the final NTK predicts the network less tightly on unwhitened than on whitened data"
else skip "Fig. J.1 against Fig. 1e" "not built"; fi

# --- Wide ResNet, silent alignment (Fig. 1d): the project's one definition
# (src/train/silence.h, written by train as "# result silent_alignment"):
# the alignment rises in Phase I (to the last record with L/L0 > 0.9) and
# A(t10), when |K| first reaches 10% of its final norm, is within 5% of the
# final alignment -- the paper's Fig. 1d: "alignment is finished" at its
# dashed line, where the kernel starts to grow.  The regime (|K| at the end
# of Phase I over its final norm, the kernel's growth over the run) is
# printed beside it.  The paper's init scales (fig1d.dat), Adam from small
# init (fig1d-regime-adam.dat) and GD from small init (fig1d-regime.dat,
# whose alignment is final before the kernel grows but overshoots while it
# grows) do not satisfy it on our runs: expected failures (TAP TODO naming
# how the run differs from the paper's setting, whose full tier is not run,
# and the numbers); a run that satisfies it passes.
for f in fig1d-regime.dat fig1d-regime-flow.dat fig1d-regime-adam.dat fig1d.dat; do
  case $f in
    fig1d-regime.dat) what="Wide ResNet, small init, GD" ;;
    fig1d-regime-flow.dat) what="Wide ResNet, small init, gradient flow" ;;
    fig1d-regime-adam.dat) what="Wide ResNet, small init, Adam" ;;
    *) what="Wide ResNet, the paper's init scales, Adam" ;;
  esac
  name="Fig. 1d ($f, $what): the alignment rises in Phase I and A(t10) is within 5% of its final value (silence.h)"
  if have $f && stale "$dir/$f"; then skip "$name" "$f has no verdict line (made by an older silentalign: make figures)"
  elif have $f; then
    a0=$(result "$dir/$f" align0); a1=$(result "$dir/$f" align_phase1); k10=$(result "$dir/$f" align_knorm10_ratio)
    af=$(result "$dir/$f" align_final); kI=$(result "$dir/$f" knorm_phase1_ratio); v=$(result "$dir/$f" silent_alignment)
    echo "# measured: $f: A(0) $a0, A(end of Phase I) $a1 with |K| at $kI of its final norm, A(t10)/A_final $k10, A_final $af; the kernel grows by $(decades "$dir/$f") decades; silent_alignment = $v"
    if [ "$v" = 1 ]; then pass "$name"
    elif [ "$v" = 0 ]; then n=$((n + 1)); echo "not ok $n - $name # TODO on our run, not the paper's setting (figures/wrn.mk: 7 x 7 Fashion-MNIST, scaled net or halved init): A $a0 -> $a1 in Phase I, A(t10)/A_final $k10 (overshoot after Phase I $(overshoot "$dir/$f")%)"
    else notok "$name (verdict '$v': cannot be formed)"; fi
  else skip "$name" "not built"; fi
done

# --- Figs. J.2c, J.3c: "the alignment is already close to final" at the
# 10%-norm time (the paper's dashed lines), in every run of the sweep: the
# same definition (silence.h, result silent_alignment).  Expected failure
# with the measured A(t10)/A_final where it does not hold.
for sw in J2:b J3:k; do
  fig=${sw%:*}; var=${sw#*:}; name="Fig. ${fig%?}.${fig#?}c: the alignment rises in Phase I and A(t10) is within 5% of its final value (silence.h) in each of the runs $var = 1..4"
  files=; for v in 1 2 3 4; do files="$files fig$fig-$var$v.dat"; done
  if have $files; then
    st=0; all=1; vals=
    for f in $files; do
      stale "$dir/$f" && st=1
      v=$(result "$dir/$f" silent_alignment); [ "$v" = 1 ] || all=0
      vals="$vals${vals:+, }${f%.dat}: A(t10)/A_final $(result "$dir/$f" align_knorm10_ratio) (verdict $v)"
    done
    echo "# measured: $vals"
    if [ $st = 1 ]; then skip "$name" "data made by an older silentalign (no verdict line: make figures)"
    elif [ $all = 1 ]; then pass "$name"
    else n=$((n + 1)); echo "not ok $n - $name # TODO at the scaled tier (figures/wrn.mk), not the paper's setting: $vals"; fi
  else skip "$name" "not built"; fi
done

# --- Wide ResNet regime variant: is GD at lr 0.02 flow-like?  The gradient
# flow of the same net from the same weights (fig1d-regime-flow.dat, CVODE
# at rtol 1e-4, recorded on GD's grid t = lr step) against GD at equal t:
# at every record |L/L0(GD) - L/L0(flow)| <= 0.1 and |A(GD) - A(flow)| <=
# 0.1 A_final(flow) -- a tenth of each curve's scale (the loss ratio runs
# from 1 to 0; 10% is the paper's "nearly final" for the alignment), far
# above the flow's own error (rtol 1e-4) and wide enough for GD's O(lr) lag
# behind the flow during the fast drop -- and the silence metrics agree:
# |A(t10)/A_final(GD) - A(t10)/A_final(flow)| <= 0.05 (the definition's
# tolerance) and the same silent_alignment verdict.
if have fig1d-regime.dat fig1d-regime-flow.dat && ! stale "$dir/fig1d-regime.dat" && ! stale "$dir/fig1d-regime-flow.dat"; then
  g=$dir/fig1d-regime.dat; fl=$dir/fig1d-regime-flow.dat
  out=$(awk -F '\t' '/^# columns:/ { sub(/^# columns: */, ""); m = split($0, c, " "); for (i = 1; i <= m; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next }
    FNR == NR { n1++; t1[n1] = $(col["t"]); l1[n1] = $(col["loss_ratio"]); a1[n1] = $(col["k_align"]); next }
    { n2++; t2[n2] = $(col["t"]); l2[n2] = $(col["loss_ratio"]); a2[n2] = $(col["k_align"]) }
    END { if (n1 != n2 || n1 < 2) { print "0 0 0 0 0"; exit }
      for (i = 1; i <= n1; i++) { if (t1[i] != t2[i]) bad = 1
        d = l1[i] - l2[i]; if (d < 0) d = -d; if (d > dl) { dl = d; tl = t1[i] }
        d = a1[i] - a2[i]; if (d < 0) d = -d; if (d > da) { da = d; ta = t1[i] } }
      da /= a2[n2]
      printf "%.3g %.3g %.3g %.3g %d\n", dl, tl, da, ta, (!bad && dl <= 0.1 && da <= 0.1) }' "$g" "$fl")
  set -- $out
  echo "# measured: GD (lr 0.02) against its gradient flow at equal t: max |delta L/L0| $1 (at t = $2), max |delta A|/A_final $3 (at t = $4)"
  check "$5" "Wide ResNet regime variant: GD at lr 0.02 follows its gradient flow at equal t = lr step (loss ratio within 0.1, alignment within 0.1 A_final at every record)"
  r1=$(result "$g" align_knorm10_ratio); r2=$(result "$fl" align_knorm10_ratio)
  v1=$(result "$g" silent_alignment); v2=$(result "$fl" silent_alignment)
  echo "# measured: A(t10)/A_final GD $r1, flow $r2; t10 GD $(result "$g" t_knorm10), flow $(result "$fl" t_knorm10); silent_alignment GD $v1, flow $v2; K_inf discrepancy GD $(result "$g" disc_kinf), flow $(result "$fl" disc_kinf)"
  check "$(cmp "$r1 - $r2 <= 0.05 && $r2 - $r1 <= 0.05 && \"$v1\" == \"$v2\"")" \
    "Wide ResNet regime variant: GD and its gradient flow give the same silence metrics (alignment ratio at t10 within 0.05, same verdict)"
else
  skip "Wide ResNet regime variant: GD follows its gradient flow at equal t" "not built"
  skip "Wide ResNet regime variant: GD and its gradient flow give the same silence metrics" "not built"
fi

# --- Fig. 1a: silent alignment, the paper's claim for this figure: the
# alignment forms in Phase I, while the kernel is still small, and is
# (nearly) final before the kernel grows (prediction 19): it rises in
# Phase I (A at the end of Phase I, the last record with L/L0 > 0.9, above
# A(0)) and at the time |K| first reaches 10% of its final norm it is within
# 5% of its final value (the 5% of issue 7; the paper's Fig. 1a draws the
# alignment flat from there on): the project's one definition, decided by
# src/train/silence.h and read from the run's "# result silent_alignment".
# At the literal P = 1000 above the whitening rank this is an expected
# failure naming the measured values; the regime run at P = 100 <= r is
# checked further down.
if have fig1a.dat && stale "$dir/fig1a.dat"; then skip "Fig. 1a silent alignment" "fig1a.dat has no verdict line (made by an older silentalign: make figures)"
elif have fig1a.dat; then
  f=$dir/fig1a.dat
  a0=$(result "$f" align0); a1=$(result "$f" align_phase1); k10=$(result "$f" align_knorm10_ratio)
  af=$(result "$f" align_final); t1=$(result "$f" t_phase1); kI=$(result "$f" knorm_phase1_ratio)
  echo "# measured: Fig. 1a: A(0) $a0, A(end of Phase I, t = $t1) $a1 with |K| at $kI of its final norm, A(t10)/A_final $k10, A_final $af"
  desc="Fig. 1a: the alignment rises in Phase I and is within 5% of its final value when |K| reaches 10% of its final norm"
  if [ "$(result "$f" silent_alignment)" = 1 ]; then pass "$desc"
  else n=$((n + 1)); echo "not ok $n - $desc # TODO at P = 1000 above the whitening rank A goes $a0 -> $a1 in Phase I and A(t10)/A_final = $k10; holds at P = 100 <= r (regime, below)"; fi
else skip "Fig. 1a silent alignment" "not built"; fi

# --- Fig. E.3: final alignment increases with depth; Gram matrices symmetric.
if have figE3a-L2.dat figE3a-L4.dat figE3a-L6.dat; then
  a2=$(awk -F '\t' '!/^#/ && NF { v = $10 } END { print v }' "$dir/figE3a-L2.dat")
  a4=$(awk -F '\t' '!/^#/ && NF { v = $10 } END { print v }' "$dir/figE3a-L4.dat")
  a6=$(awk -F '\t' '!/^#/ && NF { v = $10 } END { print v }' "$dir/figE3a-L6.dat")
  echo "# measured: Fig. E.3 final alignment L=2 $a2, L=4 $a4, L=6 $a6"
  check "$(awk -v a="$a2" -v b="$a4" -v c="$a6" 'BEGIN { print (a < b && b < c) ? 1 : 0 }')" \
    "Fig. E.3: final NTK alignment of deep linear nets increases with depth (L = 2, 4, 6)"
else skip "Fig. E.3 alignment vs depth" "not built"; fi
for L in 2 4 6; do
  if have figE3b-L$L.dat; then
    out=$(awk -F '\t' '/^#/ || NF == 0 { next } { k0[$1 "," $2] = $5; ki[$1 "," $2] = $6; if ($1 + 0 > nmax) nmax = $1 + 0 }
      END { for (i = 0; i <= nmax; i++) for (j = 0; j < i; j++) {
          d = k0[i "," j] - k0[j "," i]; if (d < 0) d = -d; s = k0[i "," i] + k0[j "," j]; if (d / s > e0) e0 = d / s
          d = ki[i "," j] - ki[j "," i]; if (d < 0) d = -d; s = ki[i "," i] + ki[j "," j]; if (d / s > e1) e1 = d / s }
        printf "%d %.3g %.3g %d\n", nmax + 1, e0, e1, (e0 < 1e-10 && e1 < 1e-10) }' "$dir/figE3b-L$L.dat")
    set -- $out
    echo "# measured: Fig. E.3b L=$L: $1 x $1 Gram matrices, max relative asymmetry K_0 $2, K_inf $3"
    # Symmetric by construction (SYRK-type products); 1e-10 allows the 10
    # significant digits of the TSV output.
    check "$4" "Fig. E.3b L=$L: Gram matrices K_0 and K_inf symmetric within the output precision"
  else skip "Fig. E.3b L=$L symmetry" "not built"; fi
done

# --- Fig. C.3b: GD q(t), r(t) against Eqs. (50)-(51) transcribed here from
# the run's q0, r0 and s (c0 = (q0 + r0)/2, the growing Phase-I mode):
#   r = s 2 sinh(2st)/((e^{2st} - 1) + s/c0), q = s 2 cosh(2st)/(...).
# The whitened data are not interpolable (P = 1000 > r), and GD with lr 0.05
# differs from the flow by O(lr s): tolerance 10% of s on r, q after
# r > 0.01 s (before that both are O(sigma^2) and dominated by
# imbalance terms, App. C.2).
if have figC3b.dat; then
  out=$(awk -F '\t' '/^# result s_minnorm = / { split($0, v, " = "); s = v[2] + 0 } /^#/ || NF == 0 { next }
    { if (!m++) { q0 = $14; r0 = $15 }; t[m] = $2; q[m] = $14; r[m] = $15 }
    END { c0 = (q0 + r0) / 2
      for (k = 1; k <= m; k++) { e = exp(2 * s * t[k]); den = (e - 1) + s / c0
        rt = s * (e - 1 / e) / den; qt = s * (e + 1 / e) / den
        if (r[k] > 0.01 * s) { d = r[k] - rt; if (d < 0) d = -d; if (d > dm) dm = d
          d = q[k] - qt; if (d < 0) d = -d; if (d > dm) dm = d } }
      printf "%.4g %.4g %.4g %.4g %.4g %d\n", s, q0, r0, dm, r[m], (s > 0 && dm < 0.1 * s) }' "$dir/figC3b.dat")
  set -- $out
  echo "# measured: Fig. C.3b: s = $1, q0 = $2, r0 = $3; max |GD - Eqs. 50-51| = $4 (r > 0.01 s); final r = $5"
  check "$6" "Fig. C.3b: q(t), r(t) of GD on whitened MNIST follow Eqs. (50)-(51) within 0.1 s"
else skip "Fig. C.3b against Eqs. (50)-(51)" "not built"; fi

# --- Fig. 4f: the K_inf discrepancy is smallest for whitened data (gamma = 0)
# and largest for raw data (gamma = 1): anisotropy weakens silent alignment.
if have fig4f.dat; then
  out=$(awk -F '\t' '/^#/ || NF == 0 { next } $1 == 0 { a = $3 } $1 == 1 { b = $3 } END { printf "%s %s %d\n", a, b, (a + 0 < b + 0) }' "$dir/fig4f.dat")
  set -- $out
  echo "# measured: Fig. 4f K_inf discrepancy gamma=0 $1, gamma=1 $2"
  check "$3" "Fig. 4f: K_inf discrepancy larger for raw (gamma = 1) than for whitened data (gamma = 0)"
else skip "Fig. 4f gamma ordering" "not built"; fi

# --- Fig. 4d (prediction 20 of the paper's list): for whitened data the
# kernel grows to a larger Frobenius norm than for anisotropic data (the
# paper's final |K|_F: about 810 at gamma = 0 against 165 at gamma = 1).
# Compared on the final k_norm of the gamma = 0 and gamma = 1 runs (same
# data scale: at every gamma the retained eigenvalues of the input
# covariance average 1, src/data/preprocess.h).  When the claim
# fails it is reported as TAP TODO "does not hold", an expected failure that
# the report's predictions table reads as "does not hold".
if have fig4b-e-g0.dat fig4b-e-g1.dat; then
  kn() { awk -F '\t' '/^# columns:/ { sub(/^# columns: */, ""); m = split($0, c, " "); for (i = 1; i <= m; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next } { v = $(col["k_norm"]) } END { print v }' "$1"; }
  k0=$(kn "$dir/fig4b-e-g0.dat" | awk '{ printf "%.4g", $1 }'); k1=$(kn "$dir/fig4b-e-g1.dat" | awk '{ printf "%.4g", $1 }')
  echo "# measured: Fig. 4d final |K|_F gamma=0 $k0, gamma=1 $k1 (paper: about 810 and 165)"
  if [ "$(less "$k1" "$k0")" = 1 ]; then
    pass "Fig. 4d: the kernel grows to a larger norm for whitened (gamma = 0) than for raw (gamma = 1) data"
  else
    n=$((n + 1)); echo "not ok $n - Fig. 4d: the kernel grows to a larger norm for whitened (gamma = 0) than for raw (gamma = 1) data # TODO does not hold: final |K|_F $k0 at gamma = 0 below $k1 at gamma = 1"
  fi
  # The rest of prediction 20 (the paper's Fig. 4b,d: "whitened data grows
  # fastest", gamma = 0 "drops fastest"): |K| reaches a tenth of its final
  # norm earlier for gamma = 0 than for gamma = 1 (t_knorm10 of each run,
  # on its own scale), and the loss halves earliest for gamma = 0 of all
  # five runs (step interpolated between records).  Failures are reported
  # like the norm's, as TAP TODO "does not hold".
  t0=$(result "$dir/fig4b-e-g0.dat" t_knorm10 | awk '{ printf "%.3g", $1 }'); t1=$(result "$dir/fig4b-e-g1.dat" t_knorm10 | awk '{ printf "%.3g", $1 }')
  echo "# measured: Fig. 4d: |K| first at a tenth of its final norm at t = $t0 (gamma = 0), $t1 (gamma = 1)"
  if [ "$(less "$t0" "$t1")" = 1 ]; then
    pass "Fig. 4d: the kernel grows faster for whitened (gamma = 0) than for raw (gamma = 1) data"
  else
    n=$((n + 1)); echo "not ok $n - Fig. 4d: the kernel grows faster for whitened (gamma = 0) than for raw (gamma = 1) data # TODO does not hold: |K| reaches a tenth of its final norm at t = $t0 for gamma = 0, after $t1 for gamma = 1"
  fi
  hl=; first=; fs=
  for g in $G; do
    h=$(awk -F '\t' '/^# columns:/ { sub(/^# columns: */, ""); m = split($0, c, " "); for (i = 1; i <= m; i++) col[c[i]] = i; next }
      /^#/ || NF == 0 { next } { s = $(col["step"]); l = $(col["loss_ratio"]); if (!done && k++ && l <= 0.5) { print ps + (0.5 - pl) * (s - ps) / (l - pl); done = 1 } ps = s; pl = l }' "$dir/fig4b-e-g$g.dat")
    h=$(echo "$h" | awk '{ printf "%.3g", $1 }'); hl="$hl $g:$h"
    if [ -z "$first" ] || [ "$(less "$h" "$fs")" = 1 ]; then first=$g; fs=$h; fi
  done
  echo "# measured: Fig. 4d (with 4b): step at which the loss halves, gamma:step$hl"
  if [ "$first" = 0 ]; then
    pass "Fig. 4d (with 4b): the loss halves first for whitened data (gamma = 0)"
  else
    n=$((n + 1)); echo "not ok $n - Fig. 4d (with 4b): the loss halves first for whitened data (gamma = 0) # TODO does not hold: first at gamma = $first (step $fs)"
  fi
else skip "Fig. 4d kernel norm, whitened against raw" "not built"; fi
# --- The regime runs (issue 7, doc/sections/regime.tex): each sentence of the
# section's "What we see", "Width study" and "H.1c" paragraphs, on the data.
if have fig1r-mnist.dat fig1a.dat && stale "$dir/fig1r-mnist.dat"; then skip "Fig. 1a regime vs literal" "fig1r-mnist.dat has no verdict line (made by an older silentalign: make figures)"
elif have fig1r-mnist.dat fig1a.dat; then
  r=$dir/fig1r-mnist.dat; l=$dir/fig1a.dat
  k10=$(result "$r" align_knorm10_ratio); a0=$(result "$r" align0); a1=$(result "$r" align_phase1)
  d0=$(result "$r" disc_k0); di=$(result "$r" disc_kinf)
  echo "# measured: Fig. 1a regime: A(t10)/A_final $k10, A(0) $a0, A(end of I) $a1, disc K0 $d0 Kinf $di"
  check "$(cmp "$(result "$r" silent_alignment) == 1 && $d0 >= 30 * $di")" \
    "Fig. 1a regime (P <= r): A(t10) within 5% of final, alignment rises in Phase I, K_inf discrepancy >= 30x below K_0's"
  la0=$(result "$l" align0); la1=$(result "$l" align_phase1); ld0=$(result "$l" disc_k0); ldi=$(result "$l" disc_kinf)
  echo "# measured: Fig. 1a literal: A(0) $la0, A(end of I) $la1, disc K0 $ld0 Kinf $ldi"
  # (the paper's claims on this literal run are the expected failures above)
  out=$(awk -F '\t' '/^# columns:/ { h = $0; sub(/^# columns: */, "", h); n = split(h, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next } { n1 = $col["kl_norm1"]; a1 = $col["kl_align1"]; n2 = $col["kl_norm2"]; a2 = $col["kl_align2"] }
    END { printf "%.4g %.4g %.4g %.4g %d\n", n1, a1, n2, a2, (n1 > n2 && a2 > a1) }' "$r")
  set -- $out
  echo "# measured: Fig. 1a regime, final layer parts: |K_1| $1 (alignment $2), |K_2| $3 (alignment $4)"
  check "$5" "Fig. 1a regime: the first-layer part K_1 dominates |K| and is less aligned than K_2"
else skip "Fig. 1a regime vs literal" "not built"; fi
if have fig4r-g0.dat fig4r-g1.dat fig4b-e-g0.dat; then
  s0=$(result "$dir/fig4b-e-g0.dat" knorm_step1_ratio); r0=$(result "$dir/fig4r-g0.dat" knorm_step1_ratio)
  g0=$(result "$dir/fig4r-g0.dat" disc_kinf); g1=$(result "$dir/fig4r-g1.dat" disc_kinf)
  echo "# measured: Fig. 4: |K(step 1)|/|K_0| literal $s0, regime $r0; regime K_inf discrepancy gamma=0 $g0, gamma=1 $g1"
  check "$(cmp "$s0 > 2 && $r0 > 0.8 && $r0 < 1.2")" \
    "Fig. 4: the literal Adam step multiplies |K| several-fold (> 2), the regime step leaves it within 20%"
  check "$(cmp "$g1 > $g0")" "Fig. 4 regime: K_inf discrepancy larger for raw (gamma = 1) than whitened data"
else skip "Fig. 4 regime" "not built"; fi
# The K_0/K_inf ratio over the whole range of the regime figures, with the
# thresholds of the literal ones (above): Fig. 1c regime (Fashion), Fig. 4
# regime (gamma = 0..1, >= 30), Fig. E.2 regime (L = 2..5, >= 3).
if have fig1r-fashion.dat; then
  one_ratio "$dir/fig1r-fashion.dat" "P=100"
  claim_ratio "$tmpr" 30 "Fig. 1c regime (Fashion, P = 100 <= r): K_inf regression at least 30x closer to the network than K_0 regression" "" fig1r-fashion.dat
else skip "Fig. 1c regime: K_inf at least 30x closer than K_0" "not built"; fi
if have fig4r.dat; then
  claim_ratio "$dir/fig4r.dat" 30 "Fig. 4 regime (Adam lr 1e-4, sigma 0.01): K_inf regression at least 30x closer to the network than K_0 regression, gamma = 0..1" \
    "Adam's first step still multiplies |K| by $(awk -F '\t' '/^#/ || NF == 0 { next } { if ($4 > m) m = $4 } END { printf "%.2g", m }' "$dir/fig4r.dat") at most on the less whitened data (knorm_step1_ratio): only gamma near 0 stays in the regime"
else skip "Fig. 4 regime: K_inf at least 30x closer than K_0" "not built"; fi
if have figE2r.dat; then
  claim_ratio "$dir/figE2r.dat" 3 "Fig. E.2 regime (sigma = 10^(-3/L), flow): K_inf regression at least 3x closer to the network than K_0 regression, depth 2..5" ""
else skip "Fig. E.2 regime: K_inf at least 3x closer than K_0" "not built"; fi
if have figE2r-L2.dat figE2r-L3.dat figE2r-L4.dat figE2r-L5.dat; then
  k2=$(result "$dir/figE2r-L2.dat" align_knorm10_ratio); okd=1
  for L in 3 4 5; do
    kL=$(result "$dir/figE2r-L$L.dat" align_knorm10_ratio)
    echo "# measured: Fig. E.2 regime L=$L: A(t10)/A_final $kL (L=2: $k2)"
    [ "$(cmp "$kL < $k2 && $kL < 0.95")" = 1 ] || okd=0
  done
  check "$(cmp "$okd == 1 && $k2 > 0.95")" \
    "Fig. E.2 regime: A(t10) within 5% of final at L = 2, short of it at every L >= 3"
else skip "Fig. E.2 regime" "not built"; fi
if have figW.dat; then
  out=$(awk -F '\t' '/^#/ || NF == 0 { next } { x = log($1); y = log($3); z = log($7); sx += x; sy += y; sz += z; sxx += x * x; sxy += x * y; sxz += x * z; m++ }
    END { b = (m * sxy - sx * sy) / (m * sxx - sx * sx); c = (m * sxz - sx * sz) / (m * sxx - sx * sx); printf "%.3f %.3f %d\n", b, c, (b < 0 && c < 0) }' "$dir/figW.dat")
  set -- $out
  echo "# measured: width study: slope of ln disc_kinf vs ln N $1, of ln |dA(Phase II)| $2"
  check "$3" "width study: the K_inf discrepancy and the Phase-II alignment change fall with N (negative fitted slopes)"
  out=$(awk -F '\t' '/^#/ || NF == 0 { next } { if (!m++) d0 = $7; if ($1 >= 100 && $7 > dm) dm = $7 } END { printf "%s %s %d\n", d0, dm, (d0 > 10 * dm) }' "$dir/figW.dat")
  set -- $out
  echo "# measured: width study: Phase-II alignment change at the smallest N $1, largest at N >= 100 $2"
  check "$3" "width study: the Phase-II alignment change falls over the smallest widths, then levels off below a tenth of it"
  # The report's width paragraph: the K_inf discrepancy levels off (its
  # log-log slope over the three largest widths is less than half the
  # whole-range slope) on a floor d_inf > 0 of the model d_inf + c/N fitted
  # by least squares in 1/N for N >= 100, over widths reaching N >= 4000
  # (issue 7).  A discrepancy that kept falling like 1/N would fail this.
  out=$(awk -F '\t' '/^#/ || NF == 0 { next } { m++; N[m] = $1; d[m] = $3 }
    function sl(i0, i1,   i, x, y, sx, sy, sxx, sxy, k) { for (i = i0; i <= i1; i++) { x = log(N[i]); y = log(d[i]); sx += x; sy += y; sxx += x * x; sxy += x * y; k++ }
      return (k * sxy - sx * sy) / (k * sxx - sx * sx) }
    END { b = sl(1, m); bl = sl(m - 2, m)
      for (i = 1; i <= m; i++) if (N[i] >= 100) { x = 1 / N[i]; sx += x; sy += d[i]; sxx += x * x; sxy += x * d[i]; k++ }
      c = (k * sxy - sx * sy) / (k * sxx - sx * sx); di = (sy - c * sx) / k
      printf "%.3f %.3f %.3g %.3g %d %d\n", b, bl, di, d[m], N[m], (N[m] >= 4000 && bl > 0.5 * b && di > 0) }' "$dir/figW.dat")
  set -- $out
  echo "# measured: width study up to N = $5: log-log slope $1 overall, $2 over the three largest N; d_inf + c/N fit: d_inf = $3 (measured $4 at N = $5)"
  check "$6" "known departure, width study: the K_inf discrepancy levels off on a floor d_inf > 0 up to N >= 4000 (paper: 1e-6)"
else skip "width study" "not built"; fi
if have figH1c-centred.dat figH1c.dat; then
  c=$dir/figH1c-centred.dat
  out=$(awk -F '\t' '/^# result class_sv1 = / { split($0, v, " = "); s1 = v[2] } /^# result class_sv9 = / { split($0, v, " = "); s9 = v[2] }
    /^#/ || NF == 0 { next } { if (!a && $4 < 0.9) { a = 1; t9 = $2 } if (!b && $4 < 0.01) { b = 1; t1 = $2 } last = $4 }
    END { printf "%s %s %s %s %s %d\n", s1, s9, t9, t1, last, (s9 > 0.5 * s1 && b && t1 < 3 * t9 && last < 0.01) }' "$c")
  set -- $out
  lit=$(awk -F '\t' '!/^#/ && NF { v = $4 } END { print v }' "$dir/figH1c.dat")
  echo "# measured: H.1c centred: class_sv1 $1, class_sv9 $2; L < 0.9 L0 at t=$3, < 0.01 L0 at t=$4; final $5; literal final $lit"
  check "$6" "H.1c centred: class modes within a factor 2 (whitened), one drop (0.9 -> 0.01 L0 within a factor 3 in t), final loss < 0.01 L0"
  check "$(cmp "$lit > 0.05")" "H.1c literal (one-hot): the loss stalls above 0.05 L0 (class-mean mode)"
else skip "H.1c centred" "not built"; fi

echo "1..$n"
