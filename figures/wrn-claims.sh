#!/bin/sh
# wrn-claims.sh DATADIR: the numbers and comparative words of the Wide
# ResNet report sections (doc/sections/fig1de.tex, figJ.tex), computed from
# the `silentalign train --arch=wrn` data files of Figs. 1d,e and J.1-J.3, as
# LaTeX definitions used as \wrn{RUN}{KEY}.  Nothing is written by hand: a
# word such as "complete" or "faster" is chosen here by comparing numbers.
#
# Per run (RUN = fig1d, figJ1a, figJ2-b1..4, figJ3-k1..4, and the regime
# variants fig1d-regime, fig1d-regime-flow, fig1d-regime-adam):
#   k, b, side (image side), P, Ptest, lr, steps, rank, sigma, sigmafirst,
#   optimizer (GD, gradient flow or Adam)               from the header
#   alignzero, alignpeak, steppeak, alignfinal          k_align column
#   decades      log10(|K_final|_F / |K_0|_F)
#   stepten      step at which |K|_F first reaches 10% of its final value
#                (result t_knorm10 / lr)
#   alignten     alignment at that step (linear interpolation between records,
#                figures/series interp)
#   fracten      (alignten - alignzero) / (alignfinal - alignzero), in %
#   tenvspeak    "after" if the 10%-norm step comes after the alignment peak,
#                else "before"
#   lossten      L/L_0 at that step
#   stephalf     first step with L/L_0 <= 1/2, interpolated from the record
#                before (figures/series below, as $SERIES), "none" if never
#   disckzero, disckinf  K_0 and K_inf regression discrepancies
#   stepphase    end of Phase I (src/train/silence.h: last record with
#                L/L_0 > 0.9; result t_phase1)
#   decphase     log10(|K_final|_F / |K|_F) there (result knorm_phase1_ratio):
#                how many decades below its final norm the kernel still is
#   alignphase, fracphase  alignment there and its fraction (%) of the way
#                from the initial to the final value
#   phaseword    "rises" / "does not rise": the alignment in Phase I
#   tenratio     A(t10)/A_final (result align_knorm10_ratio)
#   claim        "holds" / "does not hold": result silent_alignment, the
#                project's one definition of silent alignment (silence.h: a
#                rise in Phase I and tenratio within 5% of 1)
#   afterword    "goes on rising" (final alignment > 1.1 alignphase), "falls
#                back" (< alignphase / 1.1) or "stays within a tenth of its value"
#   overshoot    (largest alignment after Phase I - alignfinal) /
#                alignfinal, in %
#   overshootword "overshoots its final value" if overshoot > 10%, else
#                "stays within a tenth of its final value"
#   ratioinfzero disckzero / disckinf
#   ratioword    "reaches" if ratioinfzero >= 10, else "falls short of": the
#                factor of tests/figures_experiment_check.sh (the least
#                favourable of the paper's WRN bars, J.3 k = 1: 0.96/0.09 = 10.7)
#   ratiocheck   "the check passes" or "an expected failure of the check"
#   kinfbetter   "closer" if disckinf < disckzero, else "not closer"
# Per sweep (RUN = figJ2, figJ3): kinfcount (runs with disckinf < disckzero),
#   halforder ("decreases", "increases" or "is not monotonic": the half-loss
#   step along b resp. k), fracmin/fracmax (range of fracten), ratiomin/
#   ratiomax (range of ratioinfzero) and ratiominat (the run where it is
#   smallest, "$b=2$"), ratioreach: the runs whose ratio reaches 10 ("every
#   run", "no run" or e.g. "$b=1$, $b=3$ only"), ratiocheck as per run;
#   claimcount: the runs where silent alignment holds (result silent_alignment),
#   claimcheck: "the check passes" if it holds in every run, else "an
#   expected failure of the check".
set -e
dir=$1
series=${SERIES:?wrn-claims.sh: set SERIES to the figures/series program}
run() { # run NAME: definitions for one data file
  f=$dir/$1.dat
  # stephalf: figures/series's first passage of L/L_0 at or below 1/2
  # (the library's sa_series_first_below), -1 when the loss never halves
  if ! half=$("$series" below:step:loss_ratio=0.5 "$f" 2>&1); then
    case $half in
    *"never reaches"*) half=-1 ;;
    *) echo "wrn-claims.sh: $half" >&2; exit 1 ;;
    esac
  fi
  # alignten, lossten: k_align and L/L_0 at t = t_knorm10, figures/series's
  # linear interpolation between the records around it (sa_series_value_at)
  t10=$(sed -n 's/^# result t_knorm10 = \([^ ]*\).*/\1/p' "$f" | head -n 1)
  a10=$("$series" "interp:t=$t10:k_align" "$f") || { echo "wrn-claims.sh: no alignment at t10 in $f" >&2; exit 1; }
  l10=$("$series" "interp:t=$t10:loss_ratio" "$f") || { echo "wrn-claims.sh: no loss at t10 in $f" >&2; exit 1; }
  awk -v name="$1" -v half="$half" -v a10="$a10" -v l10="$l10" -F '\t' '
    function def(key, val) { printf "\\expandafter\\def\\csname wrn:%s:%s\\endcsname{%s}\n", name, key, val }
    function num(x) { return sprintf("%.3g", x) }
    /^# param / { split(substr($0, 9), kv, " = "); par[kv[1]] = kv[2]; next }
    /^# data / { m = split($0, ww, " "); for (i = 1; i <= m; i++) if (ww[i] == "rank") rank = ww[i + 2]; next }
    /^# result / { split(substr($0, 10), kv, " = "); res[kv[1]] = kv[2] + 0; next }
    /^# columns:/ { h = $0; sub(/^# columns: */, "", h); nc = split(h, c, " ")
      for (i = 1; i <= nc; i++) col[c[i]] = i; next }
    /^#/ || NF == 0 { next }
    { n++; st[n] = $(col["step"]); tt[n] = $(col["t"])
      kn[n] = $(col["k_norm"]); al[n] = $(col["k_align"]) }
    END {
      lr = par["lr"] + 0; side = 28 / (par["downsample"] + 0)
      def("k", par["k"]); def("b", par["b"]); def("side", side); def("P", par["P"])
      def("Ptest", par["P-test"]); def("lr", sprintf("%g", par["lr"] + 0)); def("steps", par["steps"]); def("rank", rank)
      def("sigma", sprintf("%g", par["sigma"] + 0)); def("sigmafirst", sprintf("%g", par["sigma-first"] + 0))
      def("optimizer", par["optimizer"] == "gd" ? "GD" : (par["optimizer"] == "flow" ? "gradient flow" : "Adam"))
      peak = 1; for (i = 2; i <= n; i++) if (al[i] > al[peak]) peak = i
      def("alignzero", num(al[1])); def("alignpeak", num(al[peak])); def("steppeak", st[peak])
      def("alignfinal", num(al[n])); def("decades", sprintf("%.1f", log(kn[n] / kn[1]) / log(10)))
      t10 = res["t_knorm10"]; s10 = t10 / lr; def("stepten", sprintf("%.0f", s10))
      a10 += 0; l10 += 0
      def("alignten", num(a10)); def("lossten", num(l10))
      frac = (al[n] != al[1]) ? 100 * (a10 - al[1]) / (al[n] - al[1]) : 100
      def("fracten", sprintf("%.0f", frac))
      def("tenvspeak", s10 > st[peak] ? "after" : "before")
      half += 0
      def("stephalf", half < 0 ? "none" : sprintf("%.0f", half))
      def("disckzero", num(res["disc_k0"])); def("disckinf", num(res["disc_kinf"]))
      def("kinfbetter", res["disc_kinf"] < res["disc_k0"] ? "closer" : "not closer")
      ratio = res["disc_kinf"] > 0 ? res["disc_k0"] / res["disc_kinf"] : 1e300
      def("ratioinfzero", ratio >= 1e300 ? "inf" : sprintf("%.2g", ratio))
      def("ratioword", ratio >= 10 ? "reaches" : "falls short of")
      def("ratiocheck", ratio >= 10 ? "the check passes" : "an expected failure of the check")
      # Phase I and the claim: src/train/silence.h, via the result lines
      t1 = res["t_phase1"]; ks = 1; for (i = 1; i <= n; i++) if (tt[i] <= t1) ks = i
      def("stepphase", st[ks]); def("alignphase", num(res["align_phase1"]))
      def("decphase", sprintf("%.1f", -log(res["knorm_phase1_ratio"]) / log(10)))
      def("fracphase", sprintf("%.0f", (al[n] != al[1]) ? 100 * (al[ks] - al[1]) / (al[n] - al[1]) : 100))
      def("phaseword", res["align_phase1"] > res["align0"] ? "rises" : "does not rise")
      def("tenratio", sprintf("%.2f", res["align_knorm10_ratio"]))
      def("claim", !("silent_alignment" in res) ? "(not recorded)" : res["silent_alignment"] == 1 ? "holds" : "does not hold")
      def("afterword", al[n] > 1.1 * al[ks] ? "goes on rising" : (al[n] < al[ks] / 1.1 ? "falls back" : "stays within a tenth of its value"))
      mx = al[n]; for (i = ks + 1; i <= n; i++) if (al[i] > mx) mx = al[i]
      def("overshoot", sprintf("%.0f", 100 * (mx - al[n]) / al[n]))
      def("overshootword", mx > 1.1 * al[n] ? "overshoots its final value" : "stays within a tenth of its final value")
      # machine-readable line for the sweep summary
      printf "%% summary %s %s %s %s %s %d\n", name, half, frac, res["disc_k0"], res["disc_kinf"], res["silent_alignment"] == 1
    }' "$f"
}
echo "% Generated by figures/wrn-claims.sh from $dir; do not edit."
printf '%s\n' '\providecommand{\wrn}[2]{\csname wrn:#1:#2\endcsname}'
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
RUNS="fig1d figJ1a figJ2-b1 figJ2-b2 figJ2-b3 figJ2-b4 figJ3-k1 figJ3-k2 figJ3-k3 figJ3-k4 fig1d-regime fig1d-regime-flow fig1d-regime-adam"
for r in $RUNS; do
  [ -f "$dir/$r.dat" ] || { echo "wrn-claims.sh: missing $dir/$r.dat" >&2; exit 1; }
done
for r in $RUNS; do
  run "$r" >> "$tmp"
done
cat "$tmp"
for sweep in figJ2 figJ3; do
  grep "^% summary $sweep-" "$tmp" | awk -v name="$sweep" '
    function def(key, val) { printf "\\expandafter\\def\\csname wrn:%s:%s\\endcsname{%s}\n", name, key, val }
    { n++; h[n] = $4; fr[n] = $5; if ($7 < $6) better++; if ($8 == 1) silent++
      if (n == 1 || $5 < fmin) fmin = $5; if (n == 1 || $5 > fmax) fmax = $5
      v = substr($3, length(name) + 2); lab = "$" substr(v, 1, 1) "=" substr(v, 2) "$"
      r = $7 > 0 ? $6 / $7 : 1e300
      if (n == 1 || r < rmin) { rmin = r; rminat = lab } if (n == 1 || r > rmax) rmax = r
      if (r >= 10) { nreach++; reach = reach (reach == "" ? "" : ", ") lab } }
    END {
      def("ratiomin", sprintf("%.2g", rmin)); def("ratiomax", sprintf("%.2g", rmax)); def("ratiominat", rminat)
      def("ratioreach", nreach == n ? "every run" : (nreach == 0 ? "no run" : reach " only"))
      def("ratiocheck", nreach == n ? "the check passes" : "an expected failure of the check")
      dec = 1; inc = 1
      for (i = 2; i <= n; i++) { if (h[i] < 0 || h[i - 1] < 0 || !(h[i] < h[i - 1])) dec = 0
        if (h[i] < 0 || h[i - 1] < 0 || !(h[i] > h[i - 1])) inc = 0 }
      def("kinfcount", better + 0); def("runs", n); def("claimcount", silent + 0)
      def("claimcheck", silent == n ? "the check passes" : "an expected failure of the check")
      def("halforder", dec ? "decreases" : (inc ? "increases" : "is not monotonic"))
      def("fracmin", sprintf("%.0f", fmin)); def("fracmax", sprintf("%.0f", fmax)) }'
done
