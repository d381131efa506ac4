# Fig. E.1: depth L = 2..5, whitened D = 30 (N = 50, sigma = 0.1): loss
# ratio, kernel alignment with the plateau L/sqrt(L^2 + 29) (dashed), and
# cos(W1^T W1, beta beta^T).  silentalign kernel-trace.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.5in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.07,0.99,0.17,0.9 spacing 0.085,0
set logscale x
set format x '$10^{%T}$'
set xrange [1e-2:2e3]
set xlabel '$t$'
set yrange [0:1.05]
# Columns by name (figures/columns.gp), once per file.
array ct[5]; array closs[5]; array calign[5]; array cplat[5]; array ccos[5]
do for [L=2:5] {
  fe = f(sprintf('figE1-L%d.dat', L)); ct[L] = col(fe, 't'); closs[L] = col(fe, 'loss_ratio')
  calign[L] = col(fe, 'kalign'); cplat[L] = col(fe, 'plateau'); ccos[L] = col(fe, 'cos_w1')
}
set title '(a) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set key at graph 0.5,0.7 right samplen 1.5
plot for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using ct[L]:closs[L] with lines ls (L-1) title sprintf('$L=%d$', L)
set title '(b) kernel alignment'
set ylabel '$\langle y,Ky\rangle/(|K|\,|y|^2)$'
set yrange [0:0.8]
set key at graph 0.75,0.97 right samplen 1.5
plot for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using ct[L]:calign[L] with lines ls (L-1) notitle, \
     for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using ct[L]:cplat[L] with lines ls 11 title (L == 2 ? '$L/\sqrt{L^2+29}$' : '')
set title '(c) $W_1$ alignment'
set ylabel '$\cos(W_1^\top W_1,\beta\beta^\top)$'
set yrange [0:1.05]
unset key
plot for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using ct[L]:ccos[L] with lines ls (L-1)
unset multiplot
