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
# crossover sigma* (t_align = t_1/2, linear interpolation in ln sigma: the
# first crossing of the ratio through 1, figures/series's lncross, i.e. the
# library's sa_series_crossing_lnx; "" when there is none); whether the
# ratio rises with sigma at every step of the grid.
f=$dir/fig3c.dat
if [ -f "$f" ]; then
  cross=$("${SERIES:?facts.sh: set SERIES to the figures/series program}" lncross:sigma:t_align_flow/t_half_flow=1 "$f" 2>&1) ||
    case $cross in
    *"never crosses"*) cross= ;;
    *) echo "facts.sh: $cross" >&2; exit 1 ;;
    esac
  awk -F '\t' -v cross="$cross" '/^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next }
    { sg = $(col["sigma"]); r = $(col["t_align_flow"]) / $(col["t_half_flow"]); k++
      if (k == 1) { s0 = sg; r0 = r } else if (r <= pr) mono = 1
      if (r < 1) lastbelow = sg
      ps = sg; pr = r }
    END {
      printf "\\expandafter\\def\\csname safact@fig3c-ratio-first\\endcsname{%.2f}\n", r0
      printf "\\expandafter\\def\\csname safact@fig3c-sigma-first\\endcsname{%.2g}\n", s0
      printf "\\expandafter\\def\\csname safact@fig3c-ratio-last\\endcsname{%.2f}\n", pr
      printf "\\expandafter\\def\\csname safact@fig3c-sigma-last\\endcsname{%.2g}\n", ps
      printf "\\expandafter\\def\\csname safact@fig3c-trend\\endcsname{%s}\n", mono ? "does not rise steadily" : "rises steadily"
      printf "\\expandafter\\def\\csname safact@fig3c-below-until\\endcsname{%.2g}\n", lastbelow
      if (cross != "") printf "\\expandafter\\def\\csname safact@fig3c-cross\\endcsname{at $\\sigma^*\\approx%.2f$, inside the paper'"'"'s range ($\\sigma\\le0.3$)}\n", cross
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
# Phase I to the end, in %), phaseI ("rises" or "falls"), claim ("holds" or
# "does not hold": the run's result silent_alignment, the one definition of
# src/train/silence.h -- a rise in Phase I and A10r within 5% of 1 -- that
# tests/figures_experiment_check.sh checks too), k0, kinf
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
        f("claim", !("silent_alignment" in v) ? "(not recorded)" : v["silent_alignment"] == 1 ? "holds" : "does not hold")
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
# The rows are labelled by the column XNAME (collect.sh's first argument).
# ratios PREFIX FILE TH XNAME
ratios() {
  if [ -f "$2" ]; then
    awk -F '\t' -v p="$1" -v th="$3" -v xn="$4" '/^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
      /^#/ || NF == 0 { next }
      function f(n, x) { printf "\\expandafter\\def\\csname safact@%s-%s\\endcsname{%s}\n", p, n, x }
      function num(x) { return x >= 99.5 ? sprintf("%.0f", x) : sprintf("%.2g", x) }
      { m++; x = $(col[xn]); r = $(col["disc_k0"]) / $(col["disc_kinf"]); f("ratio-" x, num(r))
        if (m == 1 || r < mn) { mn = r; mna = x } if (m == 1 || r > mx) { mx = r; mxa = x }
        if (r >= th) above = above (above == "" ? "" : ", ") x
        if (m > 1 && r >= pr) rbad = 1; pr = r
        k = $(col["disc_k0"]); if (m > 1 && k <= pk) kbad = 1; pk = k
        if ("align_knorm10_ratio" in col) { a = $(col["align_knorm10_ratio"]); f("A10r-" x, sprintf("%.2f", a)); if (m > 1 && a >= pa) abad = 1; pa = a } }
      END { f("rmin", num(mn)); f("rmin-at", mna); f("rmax", num(mx)); f("rmax-at", mxa)
        f("above-" th, above == "" ? "none" : above)
        f("rtrend", rbad ? "does not fall at every step" : "falls at every step")
        f("k0trend", kbad ? "does not rise at every step" : "rises at every step")
        f("A10trend", !("align_knorm10_ratio" in col) ? "(not recorded)" : abad ? "does not fall at every step" : "falls at every step") }' "$2"
  else
    for n in rmin rmin-at rmax rmax-at above-$3 rtrend k0trend A10trend; do fact "$1-$n" '(not built)'; done
  fi
}
ratios fig4f "$dir/fig4f.dat" 30 gamma
ratios fig4r "$dir/fig4r.dat" 30 gamma
ratios figE2c "$dir/figE2c.dat" 3 L
ratios figE2r "$dir/figE2r.dat" 3 L

# Paper values of a figure's table (figures/paper-values/NAME.tsv, the
# second field of the row whose first field is ROW), for the comparisons
# below; the tables sit beside this script in the source tree.
pv=$(dirname "$0")/../figures/paper-values
# Columns of a program's output are read by name: figures/columns.awk in
# front of an awk program gives colval(NAME).
cols=$(cat "$(dirname "$0")/../figures/columns.awk")
paper() { awk -F '\t' -v r="$2" '$1 == r { print $2; exit }' "$pv/$1.tsv"; }

# allfiles PREFIX V...: every $dir/PREFIX$V.dat exists.
allfiles() { p=$1; shift; for v in "$@"; do [ -f "$dir/$p$v.dat" ] || return 1; done; return 0; }

# One trace of `silentalign train` in one line: the interpolated times
# (column TIME) at which the loss ratio first falls to 0.9, 0.5 and 0.1, the
# first, peak and final alignment and the TIME of the peak, the first and
# final |K|_F, the final test error, the end time and the result lines
# align_knorm10_ratio and knorm_phase1_ratio ("nan" where absent).
# The three times are figures/series's "below" ($SERIES; the library's
# sa_series_first_below): the first record at or below the level,
# interpolated from the record before; "nan" when the loss never gets there.
# trace FILE TIME
trace() {
  tx=
  for lv in 0.9 0.5 0.1; do
    if x=$("${SERIES:?facts.sh: set SERIES to the figures/series program}" "below:$2:loss_ratio=$lv" "$1" 2>&1); then
      tx="$tx $x"
    else
      case $x in
      *"never reaches"*) tx="$tx nan" ;;
      *) echo "facts.sh: $x" >&2; exit 1 ;;
      esac
    fi
  done
  awk -F '\t' -v tc="$2" -v tx="$tx" '/^# result / { split($0, w, " "); res[w[3]] = w[5]; next }
    /^# columns:/ { sub(/^# columns: */, ""); n = split($0, c, " "); for (i = 1; i <= n; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next }
    { t = $(col[tc]); a = $(col["k_align"]); k = $(col["k_norm"]); m++
      if (m == 1) { a0 = a; k0 = k }
      if (m == 1 || a > am) { am = a; ta = t }
      pt = t; af = a; kf = k; te = $(col["test_err"]) }
    END { split(tx, x, " ")
      r1 = ("align_knorm10_ratio" in res) ? res["align_knorm10_ratio"] : "nan"
      r2 = ("knorm_phase1_ratio" in res) ? res["knorm_phase1_ratio"] : "nan"
      print x[1], x[2], x[3], a0, am, ta, af, k0, kf, te, pt, r1, r2 }' "$1"
}

# Fig. 4 "Differences" (doc/sections/fig4.tex), one fact per claim; the
# claims the text's explanations rest on are asserted by
# tests/claims_check.sh on the same files.
G4="0 0.25 0.5 0.75 1"
if [ -f "$dir/fig4f.dat" ] && [ -f "$dir/fig4f-eta.dat" ] && [ -f "$dir/fig4a-g1.dat" ] && [ -f "$dir/fig4a-g1-full.dat" ] &&
  [ -f "$pv/fig4.tsv" ] && allfiles fig4b-e-g 0 0.25 0.5 0.75 1; then
  { for g in $G4; do
      echo "trace $g $(trace "$dir/fig4b-e-g$g.dat" step)"
      echo "paper $g $(paper fig4 "(e) final alignment, \$\\gamma=$g\$") $(paper fig4 "(f) \$K_\\infty\$ discrepancy, \$\\gamma=$g\$") $(paper fig4 "(c) final test error, \$\\gamma=$g\$") $(paper fig4 "(d) final \$|K|_F\$, \$\\gamma=$g\$")"
    done
    awk "$cols"'/^#/ || NF == 0 { next } { print "disc", colval("gamma"), colval("disc_k0"), colval("disc_kinf") }' "$dir/fig4f.dat"
    awk "$cols"'/^#/ || NF == 0 { next }
      { print "eta", colval("gamma"), colval("disc_k0"), colval("disc_kinf"), colval("disc_eta0"), colval("disc_etainf") }' "$dir/fig4f-eta.dat"
    echo "spec $(awk -F '\t' "$cols"'/^#/ || NF == 0 { next } { v = colval("spectrum") } END { print v }' "$dir/fig4a-g1.dat") $(awk -F '\t' "$cols"'/^#/ || NF == 0 { next } { v = colval("spectrum") } END { print v }' "$dir/fig4a-g1-full.dat") $(paper fig4 '(a) $\gamma=1$: smallest normalised $\lambda_k^{1/2}$')"
  } | awk 'function f(n, x) { printf "\\expandafter\\def\\csname safact@fig4d-%s\\endcsname{%s}\n", n, x }
    function lg(x) { return log(x) / log(10) }
    function list(s, x) { return s == "" ? x : s ", " x }
    $1 == "trace" { g = $2; ng++; gs[ng] = g; t5[g] = $4; a0[g] = $6; am[g] = $7; ta[g] = $8; af[g] = $9; kf[g] = $11; te[g] = $12 }
    $1 == "paper" { pa[$2] = $3; pd[$2] = $4; pt[$2] = $5; pk[$2] = $6 }
    $1 == "disc" { d[$2] = $4 }
    $1 == "eta" { re = $6 / $4; r0 = $5 / $3; if (!ne++ || re < remin) remin = re; if (ne == 1 || re > remax) remax = re
      if (ne == 1 || r0 < r0min) r0min = r0; if (ne == 1 || r0 > r0max) r0max = r0 }
    $1 == "spec" { s1 = $2; s2 = $3; ps = $4 }
    END {
      g0 = gs[1]; g1 = gs[ng]
      # (i) where the K_inf discrepancy is largest; which gamma halves its
      # loss first (step interpolated between records); the whitened run:
      # peak and final alignment.
      for (i = 1; i <= ng; i++) { g = gs[i]; if (i == 1 || d[g] > dm) { dm = d[g]; dg = g }
        if (i == 1 || t5[g] < tm) { tm = t5[g]; tg = g } }
      f("kinf-max-at", dg); f("half-first", tg); f("half-first-step", sprintf("%.1f", tm))
      f("half-g0", sprintf("%.1f", t5[g0])); f("half-g1", sprintf("%.1f", t5[g1]))
      f("g0-peakA", sprintf("%.2f", am[g0])); f("g0-peak-step", sprintf("%.0f", ta[g0])); f("g0-finalA", sprintf("%.2f", af[g0]))
      f("g0-shape", am[g0] > 1.1 * af[g0] ? "peaks early and then falls" : "does not fall after its peak")
      # (ii) the K_inf discrepancy against gamma: decades spanned (ours,
      # the paper), the range from gamma = 0 within a factor 1.5, the rise
      # after it, gamma = 0 against the paper.
      f("kinf-decades", sprintf("%.1f", lg(d[g1] / d[g0]))); f("paper-decades", sprintf("%.1f", lg(pd[g1] / pd[g0])))
      lo = hi = d[g0]; fl = g0
      for (i = 2; i <= ng; i++) { g = gs[i]; nl = d[g] < lo ? d[g] : lo; nh = d[g] > hi ? d[g] : hi
        if (nh / nl > 1.5) break; lo = nl; hi = nh; fl = g }
      f("kinf-flat-until", fl); f("kinf-flat-factor", sprintf("%.2f", hi / lo))
      f("kinf-rise", fl == g1 ? "(over the whole range)" : sprintf("and from there to $\\gamma=1$ rises by a factor %.1f", d[g1] / hi))
      f("kinf-g0", sprintf("%.2g", d[g0])); f("kinf-g0-over-paper", sprintf("%.0f", d[g0] / pd[g0]))
      f("cut-decades", sprintf("%.1f", -lg(s1))); f("full-decades", sprintf("%.1f", -lg(s2))); f("paper-spec-decades", sprintf("%.1f", -lg(ps)))
      # (iii) the largest final |K|_F: ours, the paper
      for (i = 1; i <= ng; i++) { g = gs[i]; if (i == 1 || kf[g] > km) { km = kf[g]; kg = g }
        if (i == 1 || pk[g] > pkm) { pkm = pk[g]; pkg = g } }
      f("knorm-max-at", kg); f("paper-knorm-max-at", pkg)
      # (iv) final alignment against the paper: the gammas where ours is
      # lower / higher; the spread over gamma, ours and the paper.
      for (i = 1; i <= ng; i++) { g = gs[i]; if (af[g] < pa[g]) lower = list(lower, g); else higher = list(higher, g)
        if (i == 1 || af[g] < amin) amin = af[g]; if (i == 1 || af[g] > amax) amax = af[g]
        if (i == 1 || pa[g] < pmin) pmin = pa[g]; if (i == 1 || pa[g] > pmax) pmax = pa[g] }
      f("align-lower", lower == "" ? "none" : lower); f("align-higher", higher == "" ? "none" : higher)
      f("align-spread", sprintf("%.2f", amax - amin)); f("paper-align-spread", sprintf("%.2f", pmax - pmin))
      # (v) the Adam-weighted kernel over the plain one (end), over K_0 (step 0)
      f("eta-end-min", sprintf("%.1f", remin)); f("eta-end-max", sprintf("%.1f", remax))
      f("eta-end-word", remin > 1 ? "worse" : "not always worse")
      f("eta0-min", sprintf("%.2f", r0min)); f("eta0-max", sprintf("%.2f", r0max))
      # (vi) final test error: range, ours and the paper
      for (i = 1; i <= ng; i++) { g = gs[i]; if (i == 1 || te[g] < tmin) tmin = te[g]; if (i == 1 || te[g] > tmax) tmax = te[g]
        if (i == 1 || pt[g] < ptmin) ptmin = pt[g]; if (i == 1 || pt[g] > ptmax) ptmax = pt[g] }
      for (i = 1; i <= ng; i++) if (te[gs[i]] == tmin) best = list(best, gs[i])
      f("testerr-best-at", best)
      f("testerr-min", sprintf("%.3f", tmin)); f("testerr-max", sprintf("%.3f", tmax))
      f("paper-testerr-min", sprintf("%.3f", ptmin)); f("paper-testerr-max", sprintf("%.3f", ptmax)) }'
else
  for n in kinf-max-at half-first half-first-step half-g0 half-g1 g0-peakA g0-peak-step g0-finalA g0-shape kinf-decades \
    paper-decades kinf-flat-until kinf-flat-factor kinf-rise kinf-g0 kinf-g0-over-paper cut-decades full-decades knorm-max-at \
    paper-knorm-max-at paper-spec-decades testerr-best-at align-lower align-higher align-spread paper-align-spread eta-end-min eta-end-max eta-end-word eta0-min \
    eta0-max testerr-min testerr-max paper-testerr-min paper-testerr-max; do fact "fig4d-$n" '(not built)'; done
fi

# Fig. E.2 "Differences" (doc/sections/figE2.tex): half-loss times and the
# relative width of the loss drop, (t(0.1) - t(0.9)) / t_1/2, along depth;
# both discrepancies against the paper's at every depth; |K| at the end of
# Phase I over its final norm (L = 2, L = 5); how far into the run the
# deepest net finishes (t(0.1) over the end time); the alignment at the
# 10%-norm time over the final one; where the alignment peaks (inside the
# loss drop, t(0.9) <= t_peak <= t(0.1)) and whether it has risen from its
# start by the 10%-norm time; peak and final alignments over the paper's.
if [ -f "$dir/figE2c.dat" ] && [ -f "$pv/figE2.tsv" ] && allfiles figE2a-L 2 3 4 5; then
  { for L in 2 3 4 5; do
      echo "trace $L $(trace "$dir/figE2a-L$L.dat" t) $(sed -n 's/^# result align_knorm10 = \([^ ]*\).*/\1/p' "$dir/figE2a-L$L.dat")"
      echo "paper $L $(paper figE2 "(b) peak alignment, \$L=$L\$") $(paper figE2 "(b) final alignment, \$L=$L\$") $(paper figE2 "(c) \$K_0\$ discrepancy, \$L=$L\$") $(paper figE2 "(c) \$K_\\infty\$ discrepancy, \$L=$L\$")"
    done
    awk "$cols"'/^#/ || NF == 0 { next } { print "disc", colval("L"), colval("disc_k0"), colval("disc_kinf") }' "$dir/figE2c.dat"
  } | awk 'function f(n, x) { printf "\\expandafter\\def\\csname safact@figE2d-%s\\endcsname{%s}\n", n, x }
    function list(s, x) { return s == "" ? x : s ", " x }
    $1 == "trace" { L = $2; nL++; Ls[nL] = L; t9[L] = $3; t5[L] = $4; t1[L] = $5; a0[L] = $6; am[L] = $7; ta[L] = $8; af[L] = $9
      tend[L] = $13; r10[L] = $14; kI[L] = $15; a10[L] = $16 }
    $1 == "paper" { ppk[$2] = $3; pfi[$2] = $4; pk0[$2] = $5; pki[$2] = $6 }
    $1 == "disc" { k0[$2] = $3; ki[$2] = $4 }
    END {
      for (i = 1; i <= nL; i++) { L = Ls[i]; w[L] = (t1[L] - t9[L]) / t5[L]
        f("thalf-L" L, sprintf("%.3g", t5[L])); f("width-L" L, sprintf("%.2f", w[L])); f("A10r-L" L, sprintf("%.2f", r10[L]))
        if (i > 1 && t5[L] <= t5[Ls[i - 1]]) tbad = 1
        if (i > 1 && w[L] >= w[Ls[i - 1]]) wbad = 1
        if (k0[L] > pk0[L] && ki[L] > pki[L]) both++
        if (r10[L] < 0.95 || r10[L] > 1.05) moving = list(moving, L)
        if (t9[L] <= ta[L] && ta[L] <= t1[L] && am[L] > 1.01 * af[L]) inpeak = list(inpeak, L)
        if (a10[L] > a0[L]) risen = list(risen, L)
        for (j = 1; j <= 2; j++) { r = (j == 1) ? am[L] / ppk[L] : af[L] / pfi[L]
          if (!nr++ || r < rmin) rmin = r; if (nr == 1 || r > rmax) rmax = r }
        if (i == 1 || r10[L] < amn) amn = r10[L]; if (i == 1 || r10[L] > amx) amx = r10[L] }
      f("thalf-trend", tbad ? "does not rise at every step" : "rises at every step")
      f("width-trend", wbad ? "does not narrow at every step" : "narrows at every step")
      f("disc-above", both == nL ? "at every depth" : sprintf("at %d of %d depths", both, nL))
      f("kI-L2", sprintf("%.2g", kI[Ls[1]])); f("kI-L5", sprintf("%.2g", kI[Ls[nL]]))
      f("t01-L5", sprintf("%.0f\\%%", 100 * t1[Ls[nL]] / tend[Ls[nL]]))
      f("A10r-min", sprintf("%.2f", amn)); f("A10r-max", sprintf("%.2f", amx))
      f("moving", moving == "" ? "none" : moving == "2, 3, 4, 5" ? "every depth" : "$L=" moving "$")
      f("peak-in-drop", inpeak == "" ? "at no depth" : inpeak == "2, 3, 4, 5" ? "at every depth" : "at $L=" inpeak "$")
      f("risen", risen == "" ? "at no depth" : "at $L=" risen "$")
      f("align-ratio-min", sprintf("%.1f", rmin)); f("align-ratio-max", sprintf("%.1f", rmax)) }'
else
  for n in A10r-L2 A10r-L3 A10r-L4 A10r-L5 thalf-L2 thalf-L3 thalf-L4 thalf-L5 width-L2 width-L3 width-L4 width-L5 thalf-trend width-trend disc-above \
    kI-L2 kI-L5 t01-L5 A10r-min A10r-max moving peak-in-drop risen align-ratio-min align-ratio-max; do fact "figE2d-$n" '(not built)'; done
fi
