# Fig. E.2 in the small-initialisation regime (issue 7): ReLU of depth
# L = 2..5, N = 100, gradient flow, P = 100 Fashion images, sigma = 10^(-3/L)
# (initial output scale 1e-3 at every depth).  (a) loss, (b) alignment with
# dashed verticals at the 10%-norm times, (c) K_0 and K_inf discrepancies
# against depth (boxes: regime; points: the literal Fig. E.2 runs).
load styledir.'/style.gp'
load styledir.'/columns.gp'
load styledir.'/result.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.07,0.99,0.17,0.9 spacing 0.1,0
# Columns by name (figures/columns.gp), once per file.
array ct[5]; array closs[5]; array calign[5]
do for [L=2:5] {
  fe = f(sprintf('figE2r-L%d.dat', L)); ct[L] = col(fe, 't'); closs[L] = col(fe, 'loss_ratio'); calign[L] = col(fe, 'k_align')
}
set logscale x
set format x '$10^{%T}$'
set xrange [0.1:*]
set xlabel '$t$'
set title '(a) loss, regime (flow)'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
set key at graph 0.03,0.6 left Left reverse samplen 1.5
plot for [L=2:5] f(sprintf('figE2r-L%d.dat', L)) using ct[L]:closs[L] with lines ls (L-1) title sprintf('$L=%d$', L)
set title '(b) alignment, regime'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set yrange [0:*]
# ticks every 0.1 with one decimal: narrower tick labels keep the y label clear of them
set ytics 0.1
set format y '%.1f'
unset key
do for [L=2:5] {
  t10 = result(f(sprintf('figE2r-L%d.dat', L)), 't_knorm10')
  set arrow L from t10, graph 0 to t10, graph 1 nohead dt 2 lw 1.5 lc rgb word("#1f77b4 #ff7f0e #2ca02c #d62728", L-1)
}
plot for [L=2:5] f(sprintf('figE2r-L%d.dat', L)) using ct[L]:calign[L] with lines ls (L-1) notitle
unset for [L=2:5] arrow L
set ytics autofreq
set title '(c) NTK predictor vs NN'
unset logscale x
set logscale y
set format x '%g'
set format y '$10^{%T}$'
set xrange [1.5:5.5]
set xtics 1
set xlabel 'depth $L$'
set ylabel '$|f_{NN}-f_{K}|/|f_{NN}|$'
set yrange [1e-5:1]  # room below the data for the key
set key at graph 0.03,0.02 left bottom Left reverse samplen 1.5
# figE2r.dat / figE2c.dat (figures/collect.sh): L, disc_k0, disc_kinf.
fr = f('figE2r.dat'); cr_L = col(fr, 'L'); cr_k0 = col(fr, 'disc_k0'); cr_kinf = col(fr, 'disc_kinf')
fc = f('figE2c.dat'); cc_L = col(fc, 'L'); cc_k0 = col(fc, 'disc_k0'); cc_kinf = col(fc, 'disc_kinf')
plot fr using cr_L:cr_k0 with linespoints ls 1 pt 7 ps 0.5 title '$K_0$ regime', \
     fr using cr_L:cr_kinf with linespoints ls 2 pt 7 ps 0.5 title '$K_\infty$ regime', \
     fc using cc_L:cc_k0 with linespoints ls 1 dt 2 pt 6 ps 0.5 title '$K_0$ literal', \
     fc using cc_L:cc_kinf with linespoints ls 2 dt 2 pt 6 ps 0.5 title '$K_\infty$ literal'
unset multiplot
