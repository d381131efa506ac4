# Fig. E.3: deep linear networks L = 2, 4, 6 (N = 100, sigma = 0.3, GD lr
# 0.1) on 100 partially whitened (gamma = 0.25) Fashion-MNIST images,
# T-shirt vs Shirt (stand-in for CIFAR-10).  (a) alignment against t;
# (b) the 100 x 100 training Gram matrices K_0 (top) and K_inf (bottom),
# samples sorted by class.  silentalign train --gram.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,5.4in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# (a): top strip.
set origin 0.0,0.64
set size 0.5,0.36
set title '(a) kernel alignment'
set xlabel '$t=\eta\,\mathrm{step}$'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set key bottom right samplen 1.5
set yrange [0:*]
# Columns by name (figures/columns.gp), once per file.
array ct[6]; array closs[6]; array calign[6]
array gi[6]; array gj[6]; array gk0[6]; array gkinf[6]
do for [L=2:6:2] {
  fe = f(sprintf('figE3a-L%d.dat', L)); ct[L] = col(fe, 't'); closs[L] = col(fe, 'loss_ratio'); calign[L] = col(fe, 'k_align')
  fg = f(sprintf('figE3b-L%d.dat', L)); gi[L] = col(fg, 'i'); gj[L] = col(fg, 'j'); gk0[L] = col(fg, 'k0'); gkinf[L] = col(fg, 'kinf')
}
plot for [L=2:6:2] f(sprintf('figE3a-L%d.dat', L)) using ct[L]:calign[L] with lines ls (L/2) title sprintf('$L=%d$', L)
set origin 0.5,0.64
set title '(a) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
plot for [L=2:6:2] f(sprintf('figE3a-L%d.dat', L)) using ct[L]:closs[L] with lines ls (L/2) title sprintf('$L=%d$', L)
# (b): heat maps of the Gram columns i, j, k0, kinf.  The entries are
# signed (targets +-1: the off-diagonal blocks of K_inf turn negative), and
# the diagonal is many times a typical off-diagonal entry.  Each map has
# its own colour bar, a diverging map symmetric about 0 and scaled to twice
# the upper quartile of the |off-diagonal| entries (the diagonal and the
# largest entries saturate), so that the class blocks show.
array M0[3]
array M1[3]
set autoscale xy
do for [k=1:3] {
  L = 2 * k
  stats f(sprintf('figE3b-L%d.dat', L)) using (column(gi[L]) != column(gj[L]) ? abs(column(gk0[L])) : NaN) name 'S0' nooutput
  stats f(sprintf('figE3b-L%d.dat', L)) using (column(gi[L]) != column(gj[L]) ? abs(column(gkinf[L])) : NaN) name 'S1' nooutput
  M0[k] = 2 * S0_up_quartile
  M1[k] = 2 * S1_up_quartile
}
unset key
unset grid
unset xlabel
unset ylabel
set xrange [-0.5:99.5]
set yrange [99.5:-0.5]
set size ratio -1
unset xtics
unset ytics
set border 15 lw 0.5
set palette defined (0 '#2166ac', 0.25 '#92c5de', 0.5 '#f7f7f7', 0.75 '#f4a582', 1 '#b2182b')
set colorbox vertical user origin graph 1.04, graph 0 size graph 0.06, graph 1
set cbtics out nomirror scale 0.5 offset -0.6,0
set format cb '$%h$'
do for [k=0:2] {
  L = 2 + 2 * k
  file = f(sprintf('figE3b-L%d.dat', L))
  set origin k / 3.0, 0.32
  set size 1/3.0, 0.32
  c = M0[k + 1]
  set cbrange [-c:c]
  set title sprintf('(b) $K_0$, $L=%d$', L)
  plot file using gi[L]:gj[L]:gk0[L] with image
  set origin k / 3.0, 0.0
  c = M1[k + 1]
  set cbrange [-c:c]
  set title sprintf('$K_\infty$, $L=%d$', L)
  plot file using gi[L]:gj[L]:gkinf[L] with image
}
unset multiplot
