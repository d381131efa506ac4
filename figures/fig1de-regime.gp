# Fig. 1d,e, regime variant: the Wide ResNet (k = 1, b = 1) started in the
# small-initialisation regime (every init scale halved: sigma_first 3,
# sigma 0.15; figures/wrn.mk) on whitened Fashion-MNIST T-shirt vs Shirt.
# (a) GD, with its gradient flow (fig1d-regime-flow.dat, thin black, same
# grid t = lr step), (b) Adam: loss ratio and alignment (left axis) and
# |K(t)|_F / |K_final|_F (right axis, logarithmic), with dashed verticals at
# the end of Phase I (src/train/silence.h: last record with L/L0 > 0.9,
# result t_phase1, grey) and where |K(t)|_F first reaches 10% of its final
# value (result t_knorm10, orange);
# (c) test predictions of kernel regression with K_0 and K_inf against the
# GD-trained network's.  silentalign train --arch=wrn.
load styledir.'/style.gp'
load styledir.'/result.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.5in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# Columns by name (figures/columns.gp), once per file (cstep, ct, closs,
# cnorm, calign: set per panel below).
# lastcol: the column C of the last row; rate: lr = t/step on the last row.
lastcol(file, c) = real(system(sprintf("awk '!/^#/ && NF { v = $%d } END { print v }' '%s'", c, file)))
rate(file) = real(system(sprintf("awk '!/^#/ && NF { r = $%d / $%d } END { print r }' '%s'", ct, cstep, file)))
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$, alignment'
set y2label '$|K|_F/|K_\infty|_F$' offset 1,0
set yrange [0:1.05]
set ytics nomirror
set y2range [1e-6:2]
set logscale y2
set format y2 '$10^{%T}$'
set y2tics 1e-6,100,1 nomirror
set xlabel 'step'
# One key for (a) and (b), in the free lower right of (b) (after the loss has
# fallen, below the alignment's plateau): in (a) every region holds a curve.
set key at graph 0.4,0.62 left top reverse Left samplen 1 spacing 1.25
set bmargin at screen 0.17
set tmargin at screen 0.88
do for [panel=1:2] {
  file = f(panel == 1 ? 'fig1d-regime.dat' : 'fig1d-regime-adam.dat')
  cstep = col(file, 'step'); ct = col(file, 't'); closs = col(file, 'loss_ratio')
  cnorm = col(file, 'k_norm'); calign = col(file, 'k_align')
  kfin = lastcol(file, cnorm)
  t10 = result(file, 't_knorm10') / rate(file)
  ts = result(file, 't_phase1') / rate(file)
  set xtics 0, lastcol(file, cstep) / 2
  set mxtics 2
  set title (panel == 1 ? '(a) small init, GD' : '(b) small init, Adam')
  set lmargin at screen (panel == 1 ? 0.065 : 0.415)
  set rmargin at screen (panel == 1 ? 0.265 : 0.615)
  set arrow 1 from ts, graph 0 to ts, graph 1 nohead dt 3 lw 1.2 lc rgb '#7f7f7f'
  set arrow 2 from t10, graph 0 to t10, graph 1 nohead dt 2 lw 1.2 lc rgb '#ff7f0e'
  if (panel == 1) { unset key } else { set key }
  if (panel == 1) {
    flow = f('fig1d-regime-flow.dat')
    cf_step = col(flow, 'step'); cf_loss = col(flow, 'loss_ratio'); cf_align = col(flow, 'k_align')
    plot file using cstep:closs with lines ls 1 title 'loss', \
         file using cstep:calign with lines ls 3 title 'alignment', \
         file using cstep:(column(cnorm)/kfin) axes x1y2 with lines ls 2 title '$|K|_F/|K_\infty|_F$', \
         flow using cf_step:cf_loss with lines lw 0.6 dt 2 lc rgb '#000000' title 'flow', \
         flow using cf_step:cf_align with lines lw 0.6 dt 2 lc rgb '#000000' notitle
  } else {
    plot file using cstep:closs with lines ls 1 title 'loss', \
         file using cstep:calign with lines ls 3 title 'alignment', \
         file using cstep:(column(cnorm)/kfin) axes x1y2 with lines ls 2 title '$|K|_F/|K_\infty|_F$', \
         NaN with lines lw 0.6 dt 2 lc rgb '#000000' title 'flow, in (a)'
  }
}
unset arrow 1
unset arrow 2
unset logscale y2
unset y2tics
unset y2label
set ytics mirror
set format y2 '% g'
set title '(c) test predictions (GD)'
set lmargin at screen 0.765
set rmargin at screen 0.985
set xtics 1
set mxtics default
set ytics 1
set xlabel 'test prediction NN'
set ylabel 'test prediction NTK'
set autoscale xy
set key default
set key at graph 0.05,0.95 left top reverse Left samplen 1 spacing 1.4
fp = f('fig1e-regime.dat'); cnn = col(fp, 'f_nn'); ck0 = col(fp, 'f_k0'); ckinf = col(fp, 'f_kinf')
plot fp using cnn:ck0 with points pt 7 ps 0.3 lc rgb '#1f77b4' title '$K_0$', \
     fp using cnn:ckinf with points pt 7 ps 0.3 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
unset multiplot
