#!/bin/sh
# Phase-diagram data from sweep summaries (report section "Beyond the paper").
#
#   phase.sh linear SUMMARY D N s  > phase-lin.dat
#   phase.sh train  SUMMARY XAXIS  > phase-XAXIS.dat
#
# linear: one row per (L, sigma) of a kernel-trace sweep with the measured
# t_align/t_1/2 and alignment fraction at the 10%-norm time (result
# align_knorm10_ratio), next to the theory of the balanced deep linear
# network (App. C, E.1), written here from the formulas alone (no shared
# code with the flow):
#   the random part of W1^T W1 at init (W1 is N x D with variance sigma^2/D)
#   has Frobenius norm R = sigma^2 sqrt(N (N + D + 1) / D) and overlap
#   a = N sigma^2 / D with beta beta^T; cos(W1^T W1, beta beta^T) = 1/2 once
#   the beta-part g solves 3 g^2 + 6 g a + 4 a^2 - R^2 = 0.  That part grows
#   as q0 (cosh 2st - 1), q0 = sigma^2 (1 + N/D) / 2 (Eq. 36) for L = 2 and
#   as u^2 - sigma^2 along du/dt = s u^{L-1} (Phase I of App. E.1) for L >= 3;
#   t_1/2 is the logistic ln(1 + (sqrt2 - 1) s / c0) / (2s), c0 = q0 / 2
#   (L = 2), and the small-sigma form sigma^{2-L} / ((L-2) s) with u0 = sigma
#   (L >= 3).  So
#     L = 2:  t_align/t_1/2 = acosh(1 + g/q0) / ln(1 + (sqrt2 - 1) s / c0)
#     L >= 3: t_align/t_1/2 = 1 - (1 + g/sigma^2)^{(2-L)/2}   (sigma-free)
#   The fraction: K_0 = sigma^{2(L-1)} (1 + (L-1) N/D) X^T X (mean NTK at
#   init, whitened X), K_inf = s^{(2L-2)/L} X^T [(L-1) beta beta^T + I] X
#   (Eq. 63 corrected), so k0 = |K_0|/|K_inf| = sigma^{2(L-1)} (1 + (L-1)N/D)
#   sqrt(D) / (s^{(2L-2)/L} sqrt(L^2 + D - 1)); with the aligned part
#   carrying the rest of the norm at the 10%-norm time,
#     fraction = 1 - min(1, k0/0.1) (1 - A_0/A_inf),
#   A_0 = 1/sqrt(D), A_inf = L/sqrt(L^2 + D - 1).
# train: one row per point: the two axis values, align_knorm10_ratio,
# align_phase1_ratio, knorm_phase1_ratio, disc_k0, disc_kinf, the final
# loss ratio and a flag "learned" (final loss below half the initial).
set -e
mode=$1
summary=$2
case $mode in
linear)
  D=$3 N=$4 s=$5
  awk -v D="$D" -v N="$N" -v s="$s" '
    function acosh(x) { return log(x + sqrt(x * x - 1)) }
    /^# columns:/ { for (i = 3; i <= NF; i++) col[$i] = i - 2; next }
    /^#/ { next }
    {
      L = $col["L"]; sg = $col["sigma"]
      th = $col["t_half"]; ta = $col["t_align"]; fr = $col["align_knorm10_ratio"]
      ratio = (th > 0 && ta == ta) ? ta / th : "nan"
      if (th == "nan") fr = "nan" # the loss never halved before --t-end: nothing learned
      a = N * sg * sg / D
      R = sg * sg * sqrt(N * (N + D + 1) / D)
      g = -a + sqrt((R * R - a * a) / 3)
      if (L == 2) {
        q0 = sg * sg * (1 + N / D) / 2; c0 = q0 / 2
        rth = acosh(1 + g / q0) / log(1 + (sqrt(2) - 1) * s / c0)
      } else {
        rth = 1 - exp((2 - L) / 2 * log(1 + g / (sg * sg)))
      }
      k0 = exp(2 * (L - 1) * log(sg)) * (1 + (L - 1) * N / D) * sqrt(D) / \
           (exp((2 * L - 2) / L * log(s)) * sqrt(L * L + D - 1))
      A0 = 1 / sqrt(D); Ainf = L / sqrt(L * L + D - 1)
      m = k0 / 0.1; if (m > 1) m = 1
      fth = 1 - m * (1 - A0 / Ainf)
      printf "%d\t%s\t%.6g\t%s\t%s\t%.6g\t%.6g\t%.6g\t%s\t%s\n", L, sg, log(sg) / log(10), \
        ratio, fr, rth, fth, k0, $col["knorm0_ratio"], $col["status"]
    }
    BEGIN { print "# columns: L sigma log10sigma ratio_meas frac_meas ratio_theory frac_theory k0_theory k0_meas status" }
  ' "$summary"
  ;;
train)
  x=$3
  awk -v x="$x" '
    function halfwidth(v, vals, n,   i, best) { # half the distance to the nearest other value
      best = 1e300
      for (i = 1; i <= n; i++)
        if (vals[i] != v && (vals[i] - v)^2 < best^2) best = (vals[i] > v ? vals[i] - v : v - vals[i])
      return best < 1e300 ? best / 2 : 0.5
    }
    /^# columns:/ { for (i = 3; i <= NF; i++) col[$i] = i - 2; next }
    /^#/ { next }
    {
      n++
      ax[n] = $col[x]; sg[n] = $col["sigma"]; lsg[n] = log($col["sigma"]) / log(10)
      if (!(ax[n] in seen_a)) { seen_a[ax[n]] = 1; ua[++na] = ax[n] + 0 }
      if (!(lsg[n] in seen_s)) { seen_s[lsg[n]] = 1; us[++ns] = lsg[n] + 0 }
      lr = ($col["loss0"] > 0) ? $col["loss_final"] / $col["loss0"] : "nan"
      learned = (lr != "nan" && lr < 0.5) ? 1 : 0
      rest[n] = sprintf("%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s", $col["align_knorm10_ratio"], \
        $col["align_phase1_ratio"], $col["knorm_phase1_ratio"], $col["disc_k0"], $col["disc_kinf"], \
        lr, learned, $col["status"])
    }
    END {
      printf "# columns: %s sigma log10sigma frac_knorm10 frac_phase1 knorm_phase1 disc_k0 disc_kinf loss_ratio_final learned status half_dx half_dy\n", x
      for (i = 1; i <= n; i++)
        printf "%s\t%s\t%.6g\t%s\t%.6g\t%.6g\n", ax[i], sg[i], lsg[i], rest[i], \
          halfwidth(lsg[i], us, ns), halfwidth(ax[i] + 0, ua, na)
    }
  ' "$summary"
  ;;
*)
  echo "usage: phase.sh linear SUMMARY D N s | phase.sh train SUMMARY XAXIS" >&2
  exit 2
  ;;
esac
