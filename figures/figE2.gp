# Fig. E.2: ReLU MLPs of depth L = 2..5 (N = 100, sigma = 0.4, GD lr 0.1) on
# whitened Fashion-MNIST T-shirt vs Shirt (stand-in for CIFAR-10).
# (a) loss ratio, (b) alignment with dashed verticals where |K(t)|_F first
# reaches 10% of its final value (result t_knorm10 of each run), (c) bars of
# |f_NN - f_NTK|/|f_NN| for K_0 and K_inf.  silentalign train.
load styledir.'/style.gp'
load styledir.'/columns.gp'
load styledir.'/result.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.08,0.99,0.17,0.9 spacing 0.12,0
# Columns by name (figures/columns.gp), once per file.
array ct[5]; array closs[5]; array calign[5]
do for [L=2:5] {
  fe = f(sprintf('figE2a-L%d.dat', L)); ct[L] = col(fe, 't'); closs[L] = col(fe, 'loss_ratio'); calign[L] = col(fe, 'k_align')
}
set logscale x
set format x '$10^{%T}$'
set xrange [0.1:*]
set xlabel '$t=\eta\,\mathrm{step}$'
set title '(a) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
set key at graph 0.03,0.72 left Left reverse samplen 1.5 opaque
plot for [L=2:5] f(sprintf('figE2a-L%d.dat', L)) using ct[L]:closs[L] with lines ls (L-1) title sprintf('$L=%d$', L)
set title '(b) kernel alignment'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$' offset -1,0
set format y '%.2f'
set ytics 0.05
set yrange [0:*]
unset key
do for [L=2:5] {
  t10 = result(f(sprintf('figE2a-L%d.dat', L)), 't_knorm10')
  set arrow L from t10, graph 0 to t10, graph 1 nohead dt 2 lw 1.5 lc rgb word("#1f77b4 #ff7f0e #2ca02c #d62728", L-1)
}
plot for [L=2:5] f(sprintf('figE2a-L%d.dat', L)) using ct[L]:calign[L] with lines ls (L-1) notitle
unset for [L=2:5] arrow L
set format y '%g'
set ytics autofreq
set title '(c) NTK predictor vs NN'
unset logscale x
set format x '%g'
set xrange [1.5:5.5]
set xtics 1
set xlabel 'depth $L$'
set ylabel '$|f_{NN}-f_{NTK}|/|f_{NN}|$'
set yrange [0:*]
set style fill solid 0.8 border -1
set boxwidth 0.35
set key at graph 0.03,0.97 left Left reverse samplen 1.5
# figE2c.dat (figures/collect.sh): L, disc_k0, disc_kinf.
fc = f('figE2c.dat'); cc_L = col(fc, 'L'); cc_k0 = col(fc, 'disc_k0'); cc_kinf = col(fc, 'disc_kinf')
plot fc using (column(cc_L)-0.18):cc_k0 with boxes lc rgb '#1f77b4' title '$K_0$', \
     fc using (column(cc_L)+0.18):cc_kinf with boxes lc rgb '#ff7f0e' title '$K_\infty$'
unset multiplot
