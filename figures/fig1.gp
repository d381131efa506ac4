# Fig. 1a-c: two-layer ReLU MLP (N = 100) trained by full-batch GD.
# (a) whitened MNIST 0 vs 1: loss ratio, alignment and |K(t)|_F (right, log
#     axis), with the linear-network plateau 2/sqrt(r+3) (dashed).
# (b), (c) test predictions of kernel regression with K_0 and K_inf against
#     the network's, on MNIST 0 vs 1 and on Fashion-MNIST T-shirt vs Shirt
#     (the stand-in for CIFAR-10).  silentalign train, balanced.
load styledir.'/style.gp'
load styledir.'/result.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# Columns by name (figures/columns.gp), once per file.
fa = f('fig1a.dat')
ca_t = col(fa, 't'); ca_loss = col(fa, 'loss_ratio'); ca_norm = col(fa, 'k_norm'); ca_align = col(fa, 'k_align')
fb = f('fig1b.dat')
cb_nn = col(fb, 'f_nn'); cb_k0 = col(fb, 'f_k0'); cb_kinf = col(fb, 'f_kinf')
fc = f('fig1c.dat')
cc_nn = col(fc, 'f_nn'); cc_k0 = col(fc, 'f_k0'); cc_kinf = col(fc, 'f_kinf')
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
plot fa using ca_t:ca_loss with lines ls 1 title 'loss', \
     fa using ca_t:ca_align with lines ls 3 title 'alignment', \
     plateau with lines ls 11 lc rgb '#2ca02c' title '$2/\sqrt{r+3}$', \
     fa using ca_t:ca_norm axes x1y2 with lines ls 2 title '$|K|_F$ (right)'
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
set title '(b) MNIST 0 vs 1'
set origin 0.4,0
set size 0.3,1
set xrange [-2.5:2.5]
set yrange [-2.5:2.5]
plot fb using cb_nn:cb_k0 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     fb using cb_nn:cb_kinf with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
set title '(c) Fashion T-shirt vs Shirt'
set origin 0.7,0
set size 0.3,1
plot fc using cc_nn:cc_k0 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     fc using cc_nn:cc_kinf with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
unset multiplot
