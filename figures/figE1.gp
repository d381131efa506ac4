# Fig. E.1: depth L = 2..5, whitened D = 30 (N = 50, sigma = 0.1): loss
# ratio, kernel alignment with the plateau L/sqrt(L^2 + 29) (dashed), and
# cos(W1^T W1, beta beta^T).  silentalign kernel-trace.
load styledir.'/style.gp'
set terminal cairolatex pdf input size 6.5in,2.5in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.07,0.99,0.17,0.9 spacing 0.085,0
set logscale x
set format x '$10^{%T}$'
set xrange [1e-2:2e3]
set xlabel '$t$'
set yrange [0:1.05]
set title '(a) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set key at graph 0.5,0.7 right samplen 1.5
plot for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using 1:2 with lines ls (L-1) title sprintf('$L=%d$', L)
set title '(b) kernel alignment'
set ylabel '$\langle y,Ky\rangle/(|K|\,|y|^2)$'
set yrange [0:0.8]
set key at graph 0.75,0.97 right samplen 1.5
plot for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using 1:5 with lines ls (L-1) notitle, \
     for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using 1:6 with lines ls 11 title (L == 2 ? '$L/\sqrt{L^2+29}$' : '')
set title '(c) $W_1$ alignment'
set ylabel '$\cos(W_1^\top W_1,\beta\beta^\top)$'
set yrange [0:1.05]
unset key
plot for [L=2:5] f(sprintf('figE1-L%d.dat', L)) using 1:7 with lines ls (L-1)
unset multiplot
