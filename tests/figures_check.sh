#!/bin/sh
# figures_check.sh: TAP checks of the report's figure data (theory side).
# Runs after `make figures`: every file under figures/data (of the build
# directory, or $FIGDATA_DIR) that is present is checked; absent ones SKIP.
#  - format: a '# columns:' header, that many tab-separated fields on every
#    data row, no nan/inf (except columns listed as undefined by design);
#  - key numbers against theory computed here, independently of silentalign:
#    Fig. E.1 final alignments vs L/sqrt(L^2 + 29), Fig. 3a slopes vs -(L-2),
#    Fig. F.1 theory vs Monte Carlo within its standard error, Fig. C.2 and
#    C.3a flow vs closed forms, Figs. 2/C.1 kernel shapes.
# '# measured:' lines carry the values (the report quotes them).
dir=${FIGDATA_DIR:-figures/data}
. "$(dirname "$0")/tap.sh"

# Columns that are undefined by design and may hold nan:
#   figC2b.dat t_half_paper: the printed L/((L-2)s) sigma^{2-L} has no L = 2 form.
allow_nan() {
  case "$1" in
    figC2b.dat) echo "t_half_paper" ;;
    *) echo "" ;;
  esac
}

FILES="fig2a.dat fig2b.dat fig2c.dat fig2-path.dat figC1a.dat figC1b.dat figC1c.dat figC1-path.dat
fig3a.dat fig3c.dat fig3b-1e-5.dat fig3b-1e-4.dat fig3b-1e-3.dat fig3b-1e-2.dat fig3b-1e-1.dat
figC2a-1e-5.dat figC2a-1e-4.dat figC2a-1e-3.dat figC2a-1e-2.dat
figC2a-theory-1e-5.dat figC2a-theory-1e-4.dat figC2a-theory-1e-3.dat figC2a-theory-1e-2.dat
figC2b.dat figC2c.dat figC3a.dat figC3a-theory.dat figC3a-theory-q0r0.dat
figE1-L2.dat figE1-L3.dat figE1-L4.dat figE1-L5.dat
figF1a.dat figF1b-A1.dat figF1b-A5.dat figF1c.dat figF1c-mc.dat figH1a.dat figH1b.dat
figH1a-kernel.dat figH1b-kernel.dat"

for f in $FILES; do
  p=$dir/$f
  if [ ! -f "$p" ]; then
    skip "$f exists, declares its columns, full rows, no nan/inf" "not built (make figures)"
    continue
  fi
  res=$(awk -F '\t' -v allow="$(allow_nan "$f")" '
    /^# columns:/ { h = $0; sub(/^# columns: */, "", h); ncol = split(h, c, " ");
      for (i = 1; i <= ncol; i++) if ((" " allow " ") ~ (" " c[i] " ")) skipcol[i] = 1; next }
    /^#/ || NF == 0 { next }
    { rows++
      if (NF != ncol) { bad = bad " row " NR ": " NF " fields"; next }
      for (i = 1; i <= NF; i++) if (!skipcol[i] && tolower($i) ~ /nan|inf/) { bad = bad " row " NR " col " c[i] ": " $i } }
    END { if (!ncol) print "no # columns line"; else if (!rows) print "no data rows"; else if (bad != "") print substr(bad, 1, 300); else print "ok " rows " rows x " ncol }' "$p")
  case "$res" in
    ok*) pass "$f: declared columns on every row, no nan/inf ($res)" ;;
    *) notok "$f: $res" ;;
  esac
done

# --- Fig. E.1: final kernel alignment vs L/sqrt(L^2 + r - 1), r = D = 30.
# The final kernel keeps an isotropic remnant of relative size O(sigma^2)
# (conserved imbalance, App. D), so the tolerance is 3 sigma^2.
for L in 2 3 4 5; do
  p=$dir/figE1-L$L.dat
  if [ ! -f "$p" ]; then skip "Fig. E.1 L=$L final alignment" "not built"; continue; fi
  out=$(awk -F '\t' -v L=$L '
    /^# param sigma = / { split($0, a, " = "); sg = a[2] + 0 }
    /^# param D = / { split($0, a, " = "); D = a[2] + 0 }
    /^#/ || NF == 0 { next }
    { last = $5 }
    END { th = L / sqrt(L * L + D - 1); rel = (last - th) / th; tol = 3 * sg * sg
      printf "%.6g %.6g %.3g %.3g %d\n", last, th, rel, tol, (rel < tol && rel > -tol) }' "$p")
  set -- $out
  echo "# measured: Fig. E.1 L=$L final alignment $1, theory L/sqrt(L^2+29) = $2, rel. diff. $3 (tol $4)"
  check "$5" "Fig. E.1 L=$L: final alignment equals L/sqrt(L^2+D-1) within 3 sigma^2"
done

# --- Fig. 3a: slope of ln t_1/2 against ln sigma is -(L-2), for sigma <= 0.05
# (the O(1) part of t_1/2 bends the curves near sigma ~ 1: tolerance 0.05).
for L in 3 4 5; do
  for col in 3:balanced-ODE 7:full-flow; do
    c=${col%%:*}; what=${col#*:}
    p=$dir/fig3a.dat
    if [ ! -f "$p" ]; then skip "Fig. 3a slope L=$L ($what)" "not built"; continue; fi
    out=$(awk -F '\t' -v L=$L -v c=$c '
      /^#/ || NF == 0 { next }
      $1 == L && $2 <= 0.05 { x = log($2); y = log($c); sx += x; sy += y; sxx += x * x; sxy += x * y; m++ }
      END { sl = (m * sxy - sx * sy) / (m * sxx - sx * sx); d = sl + (L - 2)
        printf "%.5g %d %d\n", sl, m, (d < 0.05 && d > -0.05) }' "$p")
    set -- $out
    echo "# measured: Fig. 3a L=$L $what slope d ln t_1/2 / d ln sigma = $1 over $2 sigmas (theory -$((L - 2)))"
    check "$3" "Fig. 3a L=$L: $what t_1/2 scales as sigma^{-(L-2)} (slope within 0.05)"
  done
done

# --- Fig. 3c: the paper's claim (Sec. 4.1.1, Fig. 3c) is that for L = 3 the
# first layer aligns before the loss drops, t_align < t_1/2, with
# t_align ~ 0.6-0.7 t_1/2 throughout its sigma range 3e-3 .. 0.3.  Checked on
# every sigma of our grid (3.2e-3 .. 0.35), in three parts:
#  (1) the small-initialisation regime the theory assumes, sigma^L <= 1e-2 s
#      (fixed by the theory, not by the data): t_align < t_1/2 at every sigma;
#  (2) at the paper's smallest sigma (10^-2.5) the ratio lies in [0.6, 0.7];
#  (3) the paper's claim over its whole range, sigma <= 0.3.  Our runs cross
#      over (t_align = t_1/2) inside that range; the crossover sigma* is
#      interpolated in ln sigma and printed.  The check asserts the paper's
#      claim; when it fails (as on our data) it is reported as TAP TODO, an
#      expected failure (XFAIL) that `make check` lists without counting it
#      as an error, and that the report's predictions table reads as a
#      stated difference.
p=$dir/fig3c.dat
if [ -f "$p" ]; then
  out=$(awk -F '\t' '/^#/ || NF == 0 { next }
    { L = $1; sg = $2; r = $8 / $7; k++
      if (sg ^ L <= 0.01) { if (r > mxs) mxs = r; ns++ }
      if (k == 1) r0 = r
      if (sg <= 0.3) { if (r > mxp) mxp = r }
      if (k > 1 && pr < 1 && r >= 1 && !cross) cross = exp(log(ps) + (1 - pr) * (log(sg) - log(ps)) / (r - pr))
      ps = sg; pr = r; last = r; lasts = sg }
    END { printf "%.4g %d %.4g %.4g %.4g %.4g %.4g %d %d %d\n", mxs, ns, r0, mxp, (cross ? cross : 0), lasts, last,
            (ns > 0 && mxs < 1), (r0 >= 0.6 && r0 <= 0.7), (mxp < 1 && (!cross || cross > 0.3)) }' "$p")
  set -- $out
  echo "# measured: Fig. 3c t_align/t_1/2: max $1 over the $2 sigmas with sigma^3 <= 0.01; $3 at sigma = 10^-2.5; max $4 over sigma <= 0.3; t_align = t_1/2 at sigma* = $5; $7 at sigma = $6"
  check "$8" "Fig. 3c: t_align < t_1/2 at every sigma with sigma^L <= 0.01 s (the small-initialisation regime)"
  check "$9" "Fig. 3c: t_align/t_1/2 in [0.6, 0.7] at sigma = 10^-2.5, as the paper shows"
  if [ "${10}" = 1 ]; then
    pass "Fig. 3c: t_align < t_1/2 over the paper's whole range sigma <= 0.3"
  else
    n=$((n + 1)); echo "not ok $n - Fig. 3c: t_align < t_1/2 over the paper's whole range sigma <= 0.3 # TODO the ordering reverses at sigma* = $5 (paper: ratio 0.6-0.7 up to 0.3)"
  fi
else skip "Fig. 3c ordering" "not built"; skip "Fig. 3c ratio" "not built"; skip "Fig. 3c full range" "not built"; fi

# --- Fig. F.1: theory Eg (Eq. 67 with kappa^2) vs Monte Carlo, z = (mc - th)/se.
# The theory is the large-D limit; at D = 50..100 a bias of O(1/D) relative
# remains, so we allow |mc - th| <= 4 se + 0.02 th and report the z range.
for f in figF1a.dat figF1b-A1.dat figF1b-A5.dat figF1c-mc.dat; do
  p=$dir/$f
  if [ ! -f "$p" ]; then skip "Fig. F.1 $f theory vs Monte Carlo" "not built"; continue; fi
  out=$(awk -F '\t' '/^#/ || NF == 0 { next }
    $8 > 0 { z = ($7 - $6) / $8; zs += z * z; m++; if (z > zmax) zmax = z; if (z < zmin) zmin = z
      d = $7 - $6; if (d < 0) d = -d; if (d > 4 * $8 + 0.02 * $6) bad++ }
    END { printf "%d %.3g %.3g %.3g %d\n", m, zmin, zmax, sqrt(zs / m), (m > 0 && bad == 0) }' "$p")
  set -- $out
  echo "# measured: Fig. F.1 $f: $1 points, z = (MC - theory)/se in [$2, $3], rms z $4"
  check "$5" "Fig. F.1 $f: Monte-Carlo E_g matches the theory within 4 se + 2%"
done

# --- Fig. C.2a: full-flow loss ratio vs the logistic Eq. (49) (c0 = (q0+r0)/2),
# max |difference| over the run.  Corrections are O(sigma^2) (App. C.2), about
# 0.013 at sigma^2 = 1e-2, plus < 3e-4 from interpolating between grids: 0.02.
for s2 in 1e-5 1e-4 1e-3 1e-2; do
  a=$dir/figC2a-$s2.dat; b=$dir/figC2a-theory-$s2.dat
  if [ ! -f "$a" ] || [ ! -f "$b" ]; then skip "Fig. C.2a sigma^2=$s2" "not built"; continue; fi
  out=$(awk -F '\t' 'FNR == 1 { file++ } /^#/ || NF == 0 { next }
    file == 1 { nf++; tf[nf] = $1; yf[nf] = $3; next }
    { nt++; tt[nt] = $1; yt[nt] = $10 }
    END { # theory linearly interpolated to the flow times (the grids differ)
      j = 1
      for (i = 1; i <= nf; i++) {
        while (j < nt - 1 && tt[j + 1] < tf[i]) j++
        if (tf[i] < tt[j] || tf[i] > tt[j + 1]) continue
        y = yt[j] + (yt[j + 1] - yt[j]) * (tf[i] - tt[j]) / (tt[j + 1] - tt[j])
        m++; d = yf[i] - y; if (d < 0) d = -d; if (d > mx) mx = d }
      printf "%.3g %d %d\n", mx, m, (m > 100 && mx < 0.02) }' "$a" "$b")
  set -- $out
  echo "# measured: Fig. C.2a sigma^2=$s2 max |L/L0 (flow) - L/L0 (Eq. 49)| = $1 over $2 common times"
  check "$3" "Fig. C.2a sigma^2=$s2: full-flow loss follows the logistic Eq. (49) within 0.02"
done

# --- Fig. C.2b: slope of t_1/2 against ln sigma^2 is -1/(2s) = -0.5.
p=$dir/figC2b.dat
if [ -f "$p" ]; then
  out=$(awk -F '\t' '/^#/ || NF == 0 { next } { x = 2 * log($2); y = $7; sx += x; sy += y; sxx += x * x; sxy += x * y; m++ }
    END { sl = (m * sxy - sx * sy) / (m * sxx - sx * sx); printf "%.5g %d\n", sl, (sl + 0.5 < 0.01 && sl + 0.5 > -0.01) }' "$p")
  set -- $out
  echo "# measured: Fig. C.2b d t_1/2 / d ln sigma^2 = $1 (theory -1/(2s) = -0.5)"
  check "$2" "Fig. C.2b: full-flow t_1/2 is linear in ln sigma^2 with slope -1/(2s) (within 0.01)"
else skip "Fig. C.2b slope" "not built"; fi

# --- Fig. C.2c: alignment plateau 2/sqrt(r+3), r = rank X = 25, reached before
# the loss moves: alignment >= 0.99 plateau while L/L0 > 0.99.
p=$dir/figC2c.dat
if [ -f "$p" ]; then
  out=$(awk -F '\t' '/^#/ || NF == 0 { next } { last = $5; if (!t && $5 >= 0.99 * 2 / sqrt(28)) { t = $1; lr = $2 } }
    END { th = 2 / sqrt(28); printf "%.6g %.6g %.4g %.6g %d\n", last, th, t, lr, ((last - th) / th < 1e-3 && (th - last) / th < 1e-3 && lr > 0.99) }' "$p")
  set -- $out
  echo "# measured: Fig. C.2c final alignment $1 vs 2/sqrt(28) = $2; 99% of it at t = $3 with L/L0 = $4"
  check "$5" "Fig. C.2c: alignment plateau 2/sqrt(r+3) (rel. 1e-3), reached while L/L0 > 0.99"
else skip "Fig. C.2c plateau" "not built"; fi

# --- Fig. C.3a: q(t), r(t) of the flow vs Eqs. (50)-(51) with c0 = (q0+r0)/2,
# relative difference once r > 0.01.  Eqs. (50)-(51) neglect the O(sigma^2)
# imbalance (App. C.2, Eq. 41-42: corrections of relative size ~ q(t) during
# the rise); with the paper's q0 ~ 1e-2 (sigma = 0.15) that is several percent:
# tolerance 8%.
a=$dir/figC3a.dat; b=$dir/figC3a-theory-q0r0.dat
if [ -f "$a" ] && [ -f "$b" ]; then
  out=$(awk -F '\t' 'FNR == 1 { file++ } /^#/ || NF == 0 { next }
    file == 1 { nf++; tf[nf] = $1; qf[nf] = $4; rf[nf] = $5; next }
    { nt++; tt[nt] = $1; qt[nt] = $4; rt[nt] = $5 }
    END { # theory linearly interpolated to the flow times (the grids differ)
      j = 1
      for (i = 1; i <= nf; i++) {
        while (j < nt - 1 && tt[j + 1] < tf[i]) j++
        if (tf[i] < tt[j] || tf[i] > tt[j + 1] || rf[i] <= 0.01) continue
        w = (tf[i] - tt[j]) / (tt[j + 1] - tt[j])
        q = qt[j] + (qt[j + 1] - qt[j]) * w; r = rt[j] + (rt[j + 1] - rt[j]) * w
        m++; d = (qf[i] - q) / q; if (d < 0) d = -d; if (d > mx) mx = d
        d = (rf[i] - r) / r; if (d < 0) d = -d; if (d > mx) mx = d }
      printf "%.3g %d\n", mx, (m > 50 && mx < 0.08) }' "$a" "$b")
  set -- $out
  echo "# measured: Fig. C.3a max rel. |flow - Eqs. 50-51| of q, r (r > 0.01) = $1"
  check "$2" "Fig. C.3a: q(t), r(t) follow Eqs. (50)-(51) within 8% (sigma = 0.15)"
else skip "Fig. C.3a q, r" "not built"; fi

# --- Figs. 2, C.1: shape of the kernel.  Final M ~ u^2[beta beta^T + I]: top/bottom
# eigenvalue ratio 2; top eigenvector along beta (Fig. 2: 30 deg; C.1: 75 deg);
# in C.1 at t_1 the spike is along Sigma beta (Eq. 48).
chk_result() { # file key expected abs-tolerance description
  p=$dir/$1
  if [ ! -f "$p" ]; then skip "$5" "not built"; return; fi
  v=$(awk -v k="$2" '$0 ~ "^# result " k " = " { split($0, a, " = "); split(a[2], b, " "); print b[1] }' "$p")
  echo "# measured: $1 $2 = $v (expected $3 +- $4)"
  check "$(awk -v v="$v" -v e="$3" -v t="$4" 'BEGIN { d = v - e; print (v != "" && d < t && d > -t) }')" "$5"
}
chk_result fig2c.dat m_ratio 2 0.01 "Fig. 2: final kernel M = u^2[beta beta^T + I] (eigenvalue ratio 2, Eq. 8)"
chk_result fig2b.dat top_angle 30 1 "Fig. 2: at t_1 the kernel's spike points along beta (Eq. 36)"
chk_result figC1b.dat top_angle 20.4658 1 "Fig. C.1: at t_1 the spike points along Sigma beta (Eq. 48)"
chk_result figC1c.dat top_angle 75 0.5 "Fig. C.1: at the end the spike points along beta (App. G.1)"
chk_result figC1b.dat loss_ratio 1 0.01 "Fig. C.1: the spike forms before the loss moves (L/L0 > 0.99 at t_1)"

# --- Fig. H.1: final alignment of the output-traced kernel vs its balanced-limit
# prediction (ktrace.h), recomputed here from the teacher spectrum in the
# header; O(sigma^2) relative (sigma = 1e-2 and 0.1): tolerance 3 sigma^2.
for f in figH1a-kernel.dat figH1b-kernel.dat; do
  p=$dir/$f
  if [ ! -f "$p" ]; then skip "Fig. H.1 $f final traced alignment" "not built"; continue; fi
  out=$(awk -F '\t' '
    /^# param sigma = / { split($0, a, " = "); sg = a[2] + 0 }
    /^# param L = / { split($0, a, " = "); L = a[2] + 0 }
    /^# param D = / { split($0, a, " = "); D = a[2] + 0 }
    /^# param C = / { split($0, a, " = "); C = a[2] + 0 }
    /^# param s = / { split($0, a, " = "); n = split(a[2], sv, ",") }
    /^#/ || NF == 0 { next }
    { last = $6 }
    END { # Mbar = a_1 I + sum_a m_a v_a v_a^T, tr A_l = sum_a s_a^{2(L-l)/L} (l < L), C (l = L)
      for (l = 1; l <= L; l++) { tA[l] = 0; if (l == L) tA[l] = C; else for (k = 1; k <= n; k++) tA[l] += sv[k] ^ (2 * (L - l) / L) }
      num = 0; den = (D - n) * tA[1] ^ 2; t2 = 0
      for (k = 1; k <= n; k++) { e = tA[1]; for (l = 2; l <= L; l++) e += tA[l] * sv[k] ^ (2 * (l - 1) / L)
        num += sv[k] ^ 2 * e; den += e * e; t2 += sv[k] ^ 2 }
      th = num / (sqrt(den) * t2); rel = (last - th) / th; tol = 3 * sg * sg
      printf "%.6g %.6g %.3g %.3g %d\n", last, th, rel, tol, (rel < tol && rel > -tol) }' "$p")
  set -- $out
  echo "# measured: Fig. H.1 $f final traced alignment $1, predicted $2, rel. diff. $3 (tol $4)"
  check "$5" "Fig. H.1 $f: final alignment of sum_c K_cc equals the balanced-limit prediction within 3 sigma^2"
done

echo "1..$n"
exit 0
