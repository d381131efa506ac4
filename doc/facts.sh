#!/bin/sh
# Numbers and words that the report's figure texts state about their data,
# computed from the figure data files so that text and data cannot
# disagree: LaTeX macros \safact{NAME} (doc/report.tex), one per line,
# written to stdout.  A missing file gives "(not built)".
# usage: facts.sh DATADIR
[ $# -eq 1 ] || { echo "usage: facts.sh DATADIR" >&2; exit 2; }
dir=$1
fact() { printf '\\expandafter\\def\\csname safact@%s\\endcsname{%s}\n' "$1" "$2"; }

# Fig. 3c (L = 3): t_align/t_1/2 at the smallest and the largest sigma, the
# largest sigma where t_align < t_1/2 still holds on the grid, and the
# crossover sigma* (t_align = t_1/2, linear interpolation in ln sigma);
# whether the ratio rises with sigma at every step of the grid.
f=$dir/fig3c.dat
if [ -f "$f" ]; then
  awk -F '\t' '/^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next }
    { sg = $(col["sigma"]); r = $(col["t_align_flow"]) / $(col["t_half_flow"]); k++
      if (k == 1) { s0 = sg; r0 = r } else if (r <= pr) mono = 1
      if (r < 1) lastbelow = sg
      if (k > 1 && pr < 1 && r >= 1 && !cross) cross = exp(log(ps) + (1 - pr) * (log(sg) - log(ps)) / (r - pr))
      ps = sg; pr = r }
    END {
      printf "\\expandafter\\def\\csname safact@fig3c-ratio-first\\endcsname{%.2f}\n", r0
      printf "\\expandafter\\def\\csname safact@fig3c-sigma-first\\endcsname{%.2g}\n", s0
      printf "\\expandafter\\def\\csname safact@fig3c-ratio-last\\endcsname{%.2f}\n", pr
      printf "\\expandafter\\def\\csname safact@fig3c-sigma-last\\endcsname{%.2g}\n", ps
      printf "\\expandafter\\def\\csname safact@fig3c-trend\\endcsname{%s}\n", mono ? "does not rise steadily" : "rises steadily"
      printf "\\expandafter\\def\\csname safact@fig3c-below-until\\endcsname{%.2g}\n", lastbelow
      if (cross) printf "\\expandafter\\def\\csname safact@fig3c-cross\\endcsname{at $\\sigma^*\\approx%.2f$, inside the paper'"'"'s range ($\\sigma\\le0.3$)}\n", cross
      else printf "\\expandafter\\def\\csname safact@fig3c-cross\\endcsname{nowhere on our grid}\n"
    }' "$f"
else
  for n in ratio-first sigma-first ratio-last sigma-last trend below-until cross; do fact "fig3c-$n" '(not built)'; done
fi

# Fig. E.3a: peak and final NTK alignment for each depth, and whether the
# alignment overshoots (peak above the final value by more than 1%) and the
# final value rises with depth.
for L in 2 4 6; do
  f=$dir/figE3a-L$L.dat
  if [ -f "$f" ]; then
    awk -F '\t' -v L="$L" '/^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
      /^#/ || NF == 0 { next } { a = $(col["k_align"]); if (a > mx) mx = a; last = a }
      END {
        printf "\\expandafter\\def\\csname safact@figE3-peak-L%s\\endcsname{%.3f}\n", L, mx
        printf "\\expandafter\\def\\csname safact@figE3-final-L%s\\endcsname{%.3f}\n", L, last
        printf "\\expandafter\\def\\csname safact@figE3-shape-L%s\\endcsname{%s}\n", L, (mx > 1.01 * last) ? "overshoots and settles lower" : "rises to its final value without overshooting"
      }' "$f"
  else
    for n in peak final shape; do fact "figE3-$n-L$L" '(not built)'; done
  fi
done
if [ -f "$dir/figE3a-L2.dat" ] && [ -f "$dir/figE3a-L4.dat" ] && [ -f "$dir/figE3a-L6.dat" ]; then
  fact figE3-depth "$(for L in 2 4 6; do awk -F '\t' '/^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
      /^#/ || NF == 0 { next } { a = $(col["k_align"]) } END { print a }' "$dir/figE3a-L$L.dat"; done |
    awk 'NR > 1 && $1 <= p { bad = 1 } { p = $1 } END { print bad ? "does not increase" : "increases" }')"
else
  fact figE3-depth '(not built)'
fi

# Silence metrics of one training run (its '# result' lines, src/train/silence.h)
# as facts PREFIX-NAME: A0, AI (alignment at the end of Phase I, the last
# record with L/L0 > 0.9, at time tI), kI (|K| there over its final norm),
# A10r (alignment when |K| first reaches 10% of its final norm over the
# final alignment), Af, dII (relative change of the alignment from the end of
# Phase I to the end, in %), phaseI ("rises" or "falls"), claim ("holds" when
# the alignment rises in Phase I and A10r is within 5% of 1, as
# tests/figures_experiment_check.sh checks, else "does not hold"), k0, kinf
# (test discrepancies of K_0 and K_inf regression), ratio = k0/kinf, and
# ratioword ("reaches" or "falls short of": the factor 30 of the check).
# silence PREFIX FILE
silence() {
  if [ -f "$2" ]; then
    awk -v p="$1" '/^# result / { v[$3] = $5 }
      function f(n, x) { printf "\\expandafter\\def\\csname safact@%s-%s\\endcsname{%s}\n", p, n, x }
      function num(x) { return x >= 99.5 ? sprintf("%.0f", x) : sprintf("%.2g", x) }
      END {
        a0 = v["align0"]; aI = v["align_phase1"]; r10 = v["align_knorm10_ratio"]; af = v["align_final"]
        f("A0", sprintf("%.3f", a0)); f("AI", sprintf("%.3f", aI)); f("tI", sprintf("%.3g", v["t_phase1"]))
        f("kI", sprintf("%.2g", v["knorm_phase1_ratio"])); f("A10r", sprintf("%.2f", r10)); f("Af", sprintf("%.3f", af))
        f("dII", sprintf("%+.0f\\%%", 100 * (af - aI) / aI)); f("phaseI", aI > a0 ? "rises" : "falls")
        f("claim", (aI > a0 && r10 >= 0.95 && r10 <= 1.05) ? "holds" : "does not hold")
        f("k0", sprintf("%.2g", v["disc_k0"])); f("kinf", sprintf("%.2g", v["disc_kinf"]))
        f("ratio", num(v["disc_kinf"] > 0 ? v["disc_k0"] / v["disc_kinf"] : 0))
        f("ratioword", (v["disc_kinf"] > 0 && v["disc_k0"] >= 30 * v["disc_kinf"]) ? "reaches" : "falls short of")
        f("step1", ("knorm_step1_ratio" in v) ? sprintf("%.2g", v["knorm_step1_ratio"]) : "(not recorded)") }' "$2"
  else
    for n in A0 AI tI kI A10r Af dII phaseI claim k0 kinf ratio ratioword step1; do fact "$1-$n" '(not built)'; done
  fi
}
silence fig1a "$dir/fig1a.dat"
silence fig1c "$dir/fig1c-trace.dat"
silence fig1r "$dir/fig1r-mnist.dat"
silence fig1rf "$dir/fig1r-fashion.dat"
silence fig4lit-g0 "$dir/fig4b-e-g0.dat"
silence fig4lit-g1 "$dir/fig4b-e-g1.dat"
silence fig4r-g0 "$dir/fig4r-g0.dat"
silence fig4r-g1 "$dir/fig4r-g1.dat"

# The K_0/K_inf discrepancy ratio over the range of a figure (files of
# collect.sh: label, then named columns disc_k0, disc_kinf and perhaps
# align_knorm10_ratio): PREFIX-ratio-LABEL for each row, PREFIX-rmin and
# PREFIX-rmax with the labels where they occur (-rmin-at, -rmax-at),
# PREFIX-above-TH: the labels whose ratio reaches the check's threshold TH
# ("none" if none), PREFIX-rtrend ("falls at every step" / "does not fall
# at every step" along the rows), PREFIX-k0trend (the K_0 discrepancy "rises
# at every step" or not), and with align_knorm10_ratio PREFIX-A10r-LABEL
# and PREFIX-A10trend the same words for it.
# ratios PREFIX FILE TH
ratios() {
  if [ -f "$2" ]; then
    awk -F '\t' -v p="$1" -v th="$3" '/^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
      /^#/ || NF == 0 { next }
      function f(n, x) { printf "\\expandafter\\def\\csname safact@%s-%s\\endcsname{%s}\n", p, n, x }
      function num(x) { return x >= 99.5 ? sprintf("%.0f", x) : sprintf("%.2g", x) }
      { m++; r = $(col["disc_k0"]) / $(col["disc_kinf"]); f("ratio-" $1, num(r))
        if (m == 1 || r < mn) { mn = r; mna = $1 } if (m == 1 || r > mx) { mx = r; mxa = $1 }
        if (r >= th) above = above (above == "" ? "" : ", ") $1
        if (m > 1 && r >= pr) rbad = 1; pr = r
        k = $(col["disc_k0"]); if (m > 1 && k <= pk) kbad = 1; pk = k
        if ("align_knorm10_ratio" in col) { a = $(col["align_knorm10_ratio"]); f("A10r-" $1, sprintf("%.2f", a)); if (m > 1 && a >= pa) abad = 1; pa = a } }
      END { f("rmin", num(mn)); f("rmin-at", mna); f("rmax", num(mx)); f("rmax-at", mxa)
        f("above-" th, above == "" ? "none" : above)
        f("rtrend", rbad ? "does not fall at every step" : "falls at every step")
        f("k0trend", kbad ? "does not rise at every step" : "rises at every step")
        f("A10trend", !("align_knorm10_ratio" in col) ? "(not recorded)" : abad ? "does not fall at every step" : "falls at every step") }' "$2"
  else
    for n in rmin rmin-at rmax rmax-at above-$3 rtrend k0trend A10trend; do fact "$1-$n" '(not built)'; done
  fi
}
ratios fig4f "$dir/fig4f.dat" 30
ratios fig4r "$dir/fig4r.dat" 30
ratios figE2c "$dir/figE2c.dat" 3
ratios figE2r "$dir/figE2r.dat" 3
