# Fig. 1a-c: two-layer ReLU MLP (N = 100) trained by full-batch GD.
# (a) whitened MNIST 0 vs 1: loss ratio, alignment and |K(t)|_F (right, log
#     axis), with the linear-network plateau 2/sqrt(r+3) (dashed).
# (b), (c) test predictions of kernel regression with K_0 and K_inf against
#     the network's, on MNIST 0 vs 1 and on Fashion-MNIST T-shirt vs Shirt
#     (the stand-in for CIFAR-10).  silentalign train, balanced.
load styledir.'/style.gp'
load styledir.'/result.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# Trace columns (train --eigs=0): 2 t, 4 loss_ratio, 9 k_norm, 10 k_align.
set title '(a) whitened MNIST: dynamics'
set origin 0,0
set size 0.4,1
set lmargin 7
set rmargin 6
set xlabel '$t=\eta\,\mathrm{step}$'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$, alignment'
set yrange [0:1.05]
set y2range [*:*]
set logscale y2
set format y2 '$10^{%T}$'
set y2tics nomirror
set my2tics 1
set ytics nomirror
set key at graph 0.98,0.55 right samplen 1.5
plateau = result(f('fig1a-plateau.dat'), 'alignment_plateau')
plot f('fig1a.dat') using 2:4 with lines ls 1 title 'loss', \
     f('fig1a.dat') using 2:10 with lines ls 3 title 'alignment', \
     plateau with lines ls 11 lc rgb '#2ca02c' title '$2/\sqrt{r+3}$', \
     f('fig1a.dat') using 2:9 axes x1y2 with lines ls 2 title '$|K|_F$ (right)'
unset y2tics
unset logscale y2
set ytics mirror
unset y2range
set xlabel 'test prediction NN'
set ylabel 'test prediction NTK'
set size ratio -1
set key at graph 0.97,0.3 right samplen 1 spacing 1.4
set lmargin 6
set rmargin 1
# Prediction columns: 4 f_nn, 5 f_k0, 6 f_kinf.
set title '(b) MNIST 0 vs 1'
set origin 0.4,0
set size 0.3,1
set xrange [-2.5:2.5]
set yrange [-2.5:2.5]
plot f('fig1b.dat') using 4:5 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     f('fig1b.dat') using 4:6 with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
set title '(c) Fashion T-shirt vs Shirt'
set origin 0.7,0
set size 0.3,1
plot f('fig1c.dat') using 4:5 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     f('fig1c.dat') using 4:6 with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
unset multiplot
