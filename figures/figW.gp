# Width study (issue 7): two-layer ReLU, whitened MNIST 0 vs 1, P = 100,
# sigma = 1e-5, GD.  (a) test discrepancies of K_0 and K_inf regression
# against the network vs the width N, log-log, with the least-squares power
# law of the K_inf one (ln disc on ln N) and the floor model d_inf + c/N
# fitted for N >= 100 (as doc/gen/figW-fit.tex); (b) the change of the
# alignment during Phase II, |A_final - A(end of Phase I)|, vs N, with its fit.
# The fits are figures/series's (the library's core/sa_series.h, the same
# as figures/figW-fit.sh's): the program named by the variable `series`.
# figW.dat columns by name (figures/columns.gp): N, disc_k0, disc_kinf, dalign.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
if (!exists('wfile')) wfile = 'figW.dat'
wf = f(wfile)
cN = col(wf, 'N'); ck0 = col(wf, 'disc_k0'); ckinf = col(wf, 'disc_kinf'); cda = col(wf, 'dalign')
# seriesfit(OP): the two numbers (tab-separated) that `series OP figW.dat` prints.
seriesfit(op) = system(sprintf("'%s' '%s' '%s'", series, op, wf))
u = seriesfit('llfit:N:disc_kinf'); b1 = real(word(u, 1)); a1 = real(word(u, 2))
la(x) = a1 + b1 * x
u = seriesfit('floor:N:disc_kinf:100'); dinf = real(word(u, 1)); c1 = real(word(u, 2))
fl(x) = dinf + c1 / x
u = seriesfit('llfit:N:dalign'); b2 = real(word(u, 1)); a2 = real(word(u, 2))
lb(x) = a2 + b2 * x
set multiplot layout 1,2 margins 0.1,0.98,0.17,0.9 spacing 0.13,0
set logscale xy
set format x '$10^{%T}$'
set format y '$10^{%T}$'
set xlabel 'width $N$'
set title '(a) NTK predictor vs NN'
set ylabel '$|f_{NN}-f_{K}|/|f_{NN}|$' offset -1.5,0
set key at graph 0.03,0.03 left bottom Left reverse samplen 1.5
plot wf using cN:ck0 with linespoints ls 1 pt 7 ps 0.5 title '$K_0$', \
     wf using cN:ckinf with linespoints ls 2 pt 7 ps 0.5 title '$K_\infty$', \
     exp(la(log(x))) with lines ls 11 title sprintf('power law: slope $%.2f$', b1), \
     [100:*] fl(x) with lines lc rgb '#d62728' lw 2 dt 4 title sprintf('$d_\infty+c/N$, $d_\infty=%.2f\times10^{-3}$', 1e3 * dinf)
set title '(b) alignment change in Phase II'
set key at graph 0.97,0.97 right top Left reverse samplen 1.5
set ylabel '$|A_\infty-A(\mathrm{end\ of\ I})|$' offset -1.5,0
plot wf using cN:cda with linespoints ls 3 pt 7 ps 0.5 title 'measured', \
     exp(lb(log(x))) with lines ls 11 title sprintf('fit: slope $%.2f$', b2)
unset multiplot
