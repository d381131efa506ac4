#!/bin/sh
# phase-facts.sh DATADIR: the statements of the report section "Beyond the
# paper", computed from the phase-diagram data (figures/phase.sh output and
# the sweeps' logs) and written as LaTeX (itemized findings and macros).
# Every number and every "holds"/"breaks" word below comes from the data.
#
# Criteria (stated in the section): a run is silent when the alignment at
# the 10%-norm time is within 5% of the final one (0.95 <= A(t10)/A_inf <=
# 1.05); K_inf regression "beats" K_0 regression when its discrepancy is at
# least 10x smaller.  Only runs whose loss fell below half its initial value
# count (the others are "not learned").  Columns are read by the names of
# the files' "# columns:" lines (figures/columns.awk).
set -e
D=$1
cols=$(cat "$(dirname "$0")/columns.awk")
lin=$D/phase-lin.dat
gam=$D/phase-gamma.dat
dep=$D/phase-depth.dat

# Sweep sizes and times from the logs (the sweep's own last-but-one line).
sweepinfo() { # LOG NAME
  sed -n 's/^silentalign sweep: \([0-9]*\) points: .* \([0-9]*\) process.*, \([0-9.]*\) s;.*/\1 \2 \3/p' "$1" |
    tail -n 1 | awk -v n="$2" '{ printf "\\newcommand{\\Ph%sPoints}{%d}\\newcommand{\\Ph%sSeconds}{%.0f}\\newcommand{\\Ph%sProcs}{%d}\n", n, $1, n, $3, n, $2 }'
  cpu=$(sed -n 's/.* \([0-9.]*\) s CPU$/\1/p' "$1" | tail -n 1)
  printf '\\newcommand{\\Ph%sCpu}{%s}\n' "$2" "$(printf '%.0f' "${cpu:-0}")"
}
sweepinfo "$D/phase-lin.log" Lin
sweepinfo "$D/phase-gamma.log" Gamma
sweepinfo "$D/phase-depth.log" Depth

# ---- linear -------------------------------------------------------------
printf '\\newcommand{\\PhaseLinFacts}{%%\n'
awk "$cols"'
  /^#/ { next }
  colval("status") == "ok" {
    L = colval("L"); s = colval("sigma") + 0; r = colval("ratio_meas"); fr = colval("frac_meas")
    rt = colval("ratio_theory"); ft = colval("frac_theory")
    if (!(L in seenL)) { seenL[L] = 1; Ls[++nL] = L }
    # small-sigma limit of t_align/t_1/2: the points with sigma <= 1e-2
    if (s <= 1e-2 && r != "nan") {
      sr[L] += r; st[L] += rt; ns[L]++
      if (!(L in rmin) || r < rmin[L]) rmin[L] = r
      if (!(L in rmax) || r > rmax[L]) rmax[L] = r
    }
    if (s <= 0.1 && fr != "nan") { d = fr - ft; if (d < 0) d = -d; if (d > dsmall) dsmall = d }
    # silence: the largest sigma up to which every point is silent
    key = L SUBSEP s; sig[key] = s; frac[key] = fr; ftheo[key] = ft
    if (!(s in seenS)) { seenS[s] = 1; Ss[++nS] = s }
    if (fr != "nan") { d = fr - ft; if (d < 0) d = -d; if (d > dmax) { dmax = d; dL = L; ds = s } }
    if (r != "nan" && r + 0 >= 1 && (!(L in firstbad) || s < firstbad[L])) firstbad[L] = s
  }
  END {
    # sort sigmas
    for (i = 1; i <= nS; i++) for (j = i + 1; j <= nS; j++) if (Ss[j] < Ss[i]) { t = Ss[i]; Ss[i] = Ss[j]; Ss[j] = t }
    print "\\begin{itemize}"
    line = ""
    for (k = 1; k <= nL; k++) {
      L = Ls[k]
      if (ns[L] > 0)
        line = line sprintf("%s$L=%d$: %.2f (theory %.2f)", k > 1 ? ", " : "", L, sr[L] / ns[L], st[L] / ns[L])
    }
    spread3 = 0; spread2 = 0
    for (k = 1; k <= nL; k++) {
      L = Ls[k]; if (!(L in rmin)) continue
      sp = (rmax[L] - rmin[L]) / (sr[L] / ns[L])
      if (L == 2) spread2 = sp; else if (sp > spread3) spread3 = sp
    }
    rises = 1
    for (k = 2; k <= nL; k++) if (ns[Ls[k]] > 0 && ns[Ls[k-1]] > 0 && sr[Ls[k]] / ns[Ls[k]] <= sr[Ls[k-1]] / ns[Ls[k-1]]) rises = 0
    printf "\\item \\emph{Timing.}  For $\\sigma\\le10^{-2}$ the ratio $t_{\\rm align}/t_{1/2}$ of the full flow varies over $\\sigma$ by at most %.1f\\%% of its mean for $L\\ge3$ (by %.0f\\%% for $L=2$, where $t_{1/2}$ grows like $\\ln\\sigma^{-2}$) and %s with depth (means over those $\\sigma$): %s.\n", 100 * spread3, 100 * spread2, rises ? "rises" : "does not rise monotonically", line
    worst = 0
    for (k = 1; k <= nL; k++) { L = Ls[k]; if (ns[L] > 0) { e = (sr[L] - st[L]) / sr[L]; if (e < 0) e = -e; if (e > worst) worst = e } }
    printf "The balanced-network theory (dashed in panel (a) of the linear phase diagram) is within %.0f\\%% of these means at every depth.  ", 100 * worst
    line = ""
    for (k = 1; k <= nL; k++) { L = Ls[k]; if (L in firstbad) line = line sprintf("%s$L=%d$ at $\\sigma=%g$", line == "" ? "" : ", ", L, firstbad[L]) }
    if (line != "")
      printf "The alignment comes after the half-loss time ($t_{\\rm align}\\ge t_{1/2}$) first at %s: there the two phases are no longer separated.\n", line
    else
      printf "The alignment precedes the half-loss time at every grid point.\n"
    # silence per depth
    line = ""
    for (k = 1; k <= nL; k++) {
      L = Ls[k]; last = ""; broke = ""
      for (i = 1; i <= nS; i++) {
        key = L SUBSEP Ss[i]
        if (!(key in frac) || frac[key] == "nan") continue
        if (broke == "" && frac[key] >= 0.95 && frac[key] <= 1.05) last = Ss[i]
        else if (broke == "") broke = Ss[i]
      }
      line = line sprintf("%s$L=%d$: silent up to $\\sigma=%s$%s", k > 1 ? "; " : "", L, last == "" ? "--" : last, broke == "" ? " (the whole grid)" : sprintf(", not from $\\sigma=%s$ on", broke))
    }
    printf "\\item \\emph{Silence.}  %s.  ", line
    printf "The two-component prediction of the fraction (dashed in panel (b)) departs from the flow by at most %.2f for $\\sigma\\le0.1$ and by up to %.2f beyond (at $L=%d$, $\\sigma=%g$, where $\\sigma$ is no longer small against the final $s^{1/L}$).\n", dsmall, dmax, dL, ds
    print "\\end{itemize}"
  }
' "$lin"
printf '}\n'
awk "$cols"'
  /^#/ { next }
  colval("status") == "ok" && colval("frac_meas") != "nan" {
    s = colval("sigma") + 0; fm = colval("frac_meas") + 0; sil = (fm >= 0.95 && fm <= 1.05); k0 = colval("k0_meas") + 0
    if (!(s in seen)) { seen[s] = 1; S[++nS] = s; alls[s] = 1; allb[s] = 1 }
    if (sil) { ns++; allb[s] = 0; if (nsk == 0 || k0 > kmaxs) { kmaxs = k0 }; nsk++ }
    else { nb++; alls[s] = 0; if (nb == 1 || k0 < kmin) { kmin = k0; kL = colval("L"); ks = colval("sigma") } }
  }
  END {
    for (i = 1; i <= nS; i++) for (j = i + 1; j <= nS; j++) if (S[j] < S[i]) { t = S[i]; S[i] = S[j]; S[j] = t }
    below = ""; for (i = 1; i <= nS && alls[S[i]]; i++) below = S[i]
    from = ""; for (i = nS; i >= 1 && allb[S[i]]; i--) from = S[i]
    printf "\\newcommand{\\PhLinSilent}{%d}\\newcommand{\\PhLinNotSilent}{%d}\n", ns, nb
    printf "\\newcommand{\\PhLinSigmaSentence}{"
    if (below != "") printf "every run with $\\sigma\\le%s$ is silent", below
    else printf "no value of $\\sigma$ gives silence at every depth"
    if (from != "") printf " and none with $\\sigma\\ge%s$ is", from
    printf "}\n\\newcommand{\\PhLinKzeroSentence}{"
    if (nb == 0) printf "every run is silent"
    else if (kmaxs < kmin) printf "the measured $|K_0|/|K_\\infty|$ separates them: at most %.2g in the silent runs, at least %.2g in the others", kmaxs, kmin
    else printf "the initial kernel alone does not decide: silent runs reach $|K_0|/|K_\\infty|=%.2g$ while the run at $L=%d$, $\\sigma=%s$ is not silent with $|K_0|/|K_\\infty|=%.2g$", kmaxs, kL, ks, kmin
    printf "}\n"
  }
' "$lin"

# ---- nonlinear ------------------------------------------------------------
summ() { # FILE AXISNAME AXISTEX
  awk -v an="$2" -v at="$3" "$cols"'
    /^#/ { next }
    {
      a = colval(an); sg = colval("sigma"); dk0 = colval("disc_k0"); dki = colval("disc_kinf")
      if (!(a in seen)) { seen[a] = 1; A[++nA] = a; if (ns0 == 0) { ns0 = 1 } }
      if (!(a SUBSEP "s" in cnt)) cnt[a SUBSEP "s"] = 0
      if (colval("learned") != 1) { nl++; unl = unl sprintf("%s%s$=%s$, $\\sigma=%s$", nl > 1 ? "; " : "", at, a, sg)
        fr_[a] = fr_[a] sprintf("%s--", fr_[a] == "" ? "" : ", "); dr_[a] = dr_[a] sprintf("%s--", dr_[a] == "" ? "" : ", "); next }
      m++
      fr = colval("frac_knorm10") + 0; silent = (fr >= 0.95 && fr <= 1.05); r = dk0 / dki
      ns += silent; nb += (r >= 10)
      fr_[a] = fr_[a] sprintf("%s%.2f", fr_[a] == "" ? "" : ", ", fr)
      dr_[a] = dr_[a] sprintf("%s%.0f", dr_[a] == "" ? "" : ", ", r)
      if (!(a in dmin) || dki < dmin[a]) dmin[a] = dki
      if (!(a in dmax) || dki > dmax[a]) dmax[a] = dki
      if (sig == "" || index(sig, "," sg ",") == 0) { sig = sig "," sg ","; sl = sl sprintf("%s%s", sl == "" ? "" : ", ", sg) }
    }
    END {
      printf "Silent (0.95--1.05) in %d of %d learned runs.  $A(t_{10\\%%})/A_\\infty$ at $\\sigma=%s$: ", ns, m, sl
      for (i = 1; i <= nA; i++) printf "%s%s$=%s$: %s", (i > 1 ? "; " : ""), at, A[i], fr_[A[i]]
      printf ".  disc$(K_0)$/disc$(K_\\infty)$ (same order): "
      for (i = 1; i <= nA; i++) printf "%s%s$=%s$: %s", (i > 1 ? "; " : ""), at, A[i], dr_[A[i]]
      printf "; at least 10 in %d of %d runs.  disc$(K_\\infty)$ ranges over ", nb, m
      for (i = 1; i <= nA; i++) printf "%s%s$=%s$: %.2g--%.2g", (i > 1 ? ", " : ""), at, A[i], dmin[A[i]], dmax[A[i]]
      mono = 1; for (i = 2; i <= nA; i++) if (dmin[A[i]] <= dmin[A[i-1]]) mono = 0
      printf "; its smallest value %s with %s.", (mono ? "rises" : "does not rise monotonically"), at
      if (nl > 0) printf "  Not learned within the step budget (--): %s.", unl
      printf "\n"
    }
  ' "$1"
}
printf '\\newcommand{\\PhaseNonlinFacts}{%%\n\\begin{itemize}\n\\item \\emph{Two layers, partial whitening.}  '
summ "$gam" gamma '$\gamma$'
awk "$cols"'!/^#/ && colval("gamma") == 0 && colval("sigma") == 0.1 {
  printf "At the paper'"'"'s Fig.~1c setting ($\\gamma=0$, $\\sigma=0.1$): A$(t_{10\\%%})/A_\\infty=%.2f$, disc$(K_0)=%.3g$, disc$(K_\\infty)=%.3g$.\n", colval("frac_knorm10"), colval("disc_k0"), colval("disc_kinf") }' "$gam"
printf '\\item \\emph{Depth, whitened.}  '
summ "$dep" L '$L$'
printf '\\end{itemize}}\n'
