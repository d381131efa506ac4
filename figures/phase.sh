#!/bin/sh
# Phase-diagram data of the ReLU sweeps (report section "Beyond the paper");
# the linear sweep's data and theory are figures/phase-lin.c's.
#
#   phase.sh train  SUMMARY XAXIS  > phase-XAXIS.dat
#
# train: one row per point: the two axis values, align_knorm10_ratio,
# align_phase1_ratio, knorm_phase1_ratio, disc_k0, disc_kinf, the final
# loss ratio and a flag "learned" (final loss below half the initial), and
# the half widths of the point's cell on the plot (half the distance to the
# nearest other grid value of each axis).
set -e
mode=$1
summary=$2
case $mode in
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
  echo "usage: phase.sh train SUMMARY XAXIS" >&2
  exit 2
  ;;
esac
