#!/bin/sh
# wrn-args.sh TIER WHAT: `silentalign train` options of the Wide-ResNet figure
# runs (figures/wrn.mk).  WHAT = size (options shared by every run of the
# tier) or a run name (fig1d, figJ1a, figJ2-b1..4, figJ3-k1..4).
#   scaled: 7 x 7 images (--downsample=4: averages of 4 x 4 pixel blocks,
#           before whitening), P = 50, 50 test images, Adam lr 2e-4 for 100
#           steps, 21 records; k = 2 (Figs. 1d,e and J.1), J.2 at k = 1,
#           J.3 at b = 1.
#   full:   the paper's: 28 x 28, P = 100, 100 test images, lr 1e-5 for 1500
#           (Fig. 1d), 2500 (J.1) and 3000 (J.2, J.3) steps, 31 records;
#           k = 4, b = 1; J.2 at k = 4; J.3 at b = 2.
# Regime variants of Fig. 1d,e (fig1d-regime: GD, fig1d-regime-flow: its
# gradient flow, fig1d-regime-adam: Adam),
# the same at both tiers and complete in themselves (they override the tier's
# size options): the scaled images and P, k = 1, b = 1, every init scale
# halved (sigma_first 3, sigma 0.15), so that the NTK starts five decades
# below its final norm (the small-initialisation regime of the theory; the
# paper's 6 / 0.3 gives two decades here).  GD: lr 0.02 for 2000 steps
# (below 2P/|K_inf|_F ~ 0.03, itself below the stability limit
# 2P/lambda_max of the loss 1/(2P) sum (f - y)^2); its gradient flow
# (fig1d-regime-flow: CVODE, recorded on the same grid t = 0.02 step, to
# t = 40); Adam: lr 2e-4 for 200 steps.
tier=$1
what=$2
case $tier in
  scaled) size="--downsample=4 --P=50 --P-test=50 --lr=2e-4 --steps=100 --records=21"
    main="--k=2 --b=1"; j1="--k=2 --b=1"; j2k=1; j3b=1; js= ;;
  full) size="--downsample=1 --P=100 --P-test=100 --lr=1e-5 --records=31"
    main="--k=4 --b=1 --steps=1500"; j1="--k=4 --b=1 --steps=2500"; j2k=4; j3b=2; js="--steps=3000" ;;
  *) echo "wrn-args.sh: unknown tier '$tier' (scaled or full)" >&2; exit 2 ;;
esac
regime="--downsample=4 --P=50 --P-test=50 --k=1 --b=1 --gamma=0 --sigma-first=3 --sigma=0.15"
case $what in
  size) echo "$size" ;;
  fig1d) echo "$main --gamma=0" ;;
  figJ1a) echo "$j1 --gamma=1" ;;
  figJ2-b[1-4]) echo "--k=$j2k --b=${what#figJ2-b} $js --gamma=0" ;;
  figJ3-k[1-4]) echo "--b=$j3b --k=${what#figJ3-k} $js --gamma=0" ;;
  fig1d-regime) echo "$regime --optimizer=gd --lr=0.02 --steps=2000 --records=41" ;;
  fig1d-regime-flow) echo "$regime --optimizer=flow --lr=0.02 --steps=2000 --records=41" ;;
  fig1d-regime-adam) echo "$regime --optimizer=adam --lr=2e-4 --steps=200 --records=41" ;;
  *) echo "wrn-args.sh: unknown run '$what'" >&2; exit 2 ;;
esac
