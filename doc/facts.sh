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
