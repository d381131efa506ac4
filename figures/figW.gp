# Width study (issue 7): two-layer ReLU, whitened MNIST 0 vs 1, P = 100,
# sigma = 1e-5, GD.  (a) test discrepancies of K_0 and K_inf regression
# against the network vs the width N, log-log, with the least-squares power
# law of the K_inf one (gnuplot fit of ln disc on ln N) and the floor model
# d_inf + c/N fitted for N >= 100 (as doc/gen/figW-fit.tex); (b) the change of the
# alignment during Phase II, |A_final - A(end of Phase I)|, vs N, with its fit.
# figW.dat columns: 1 N, 2 disc_k0, 3 disc_kinf, 4 align_phase1,
# 5 align_final, 6 align_knorm10_ratio, 7 dalign.
load styledir.'/style.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
if (!exists('wfile')) wfile = 'figW.dat'
set fit quiet
set fit logfile '/dev/null'
la(x) = a1 + b1 * x
fit la(x) f(wfile) using (log($1)):(log($3)) via a1, b1
fl(x) = dinf + c1 / x
dinf = 1e-3; c1 = 0.5
fit [100:*] fl(x) f(wfile) using 1:3 via dinf, c1
lb(x) = a2 + b2 * x
fit lb(x) f(wfile) using (log($1)):(log($7)) via a2, b2
set multiplot layout 1,2 margins 0.1,0.98,0.17,0.9 spacing 0.13,0
set logscale xy
set format x '$10^{%T}$'
set format y '$10^{%T}$'
set xlabel 'width $N$'
set title '(a) NTK predictor vs NN'
set ylabel '$|f_{NN}-f_{K}|/|f_{NN}|$' offset -1.5,0
set key at graph 0.03,0.03 left bottom Left reverse samplen 1.5
plot f(wfile) using 1:2 with linespoints ls 1 pt 7 ps 0.5 title '$K_0$', \
     f(wfile) using 1:3 with linespoints ls 2 pt 7 ps 0.5 title '$K_\infty$', \
     exp(la(log(x))) with lines ls 11 title sprintf('power law: slope $%.2f$', b1), \
     [100:*] fl(x) with lines lc rgb '#d62728' lw 2 dt 4 title sprintf('$d_\infty+c/N$, $d_\infty=%.2f\times10^{-3}$', 1e3 * dinf)
set title '(b) alignment change in Phase II'
set key at graph 0.97,0.97 right top Left reverse samplen 1.5
set ylabel '$|A_\infty-A(\mathrm{end\ of\ I})|$' offset -1.5,0
plot f(wfile) using 1:7 with linespoints ls 3 pt 7 ps 0.5 title 'measured', \
     exp(lb(log(x))) with lines ls 11 title sprintf('fit: slope $%.2f$', b2)
unset multiplot
