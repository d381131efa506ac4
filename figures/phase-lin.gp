# Phase diagram of silent alignment in deep linear networks (section
# "Beyond the paper"): the full flow (kernel-trace, D = 30, N = 50, P = 100,
# whitened) over depth L = 2..6 and init scale sigma.  (a) t_align/t_1/2
# (points) with the balanced-network theory (dashed; src/theory/phase_theory.h);
# (b) the fraction of the final kernel alignment reached when |K| first
# reaches 10% of its final value, with the two-component theory (dashed).
# The paper's Fig. 3 range (L = 3, sigma^2 = 1e-5..1e-1) is marked in (a).
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.7in color dashed linewidth 2 font ",8"
set output out.'.tex'
# Columns by name (figures/columns.gp), once.
fl = f('phase-lin.dat'); cL = col(fl, 'L'); cs = col(fl, 'sigma')
crm = col(fl, 'ratio_meas'); crt = col(fl, 'ratio_theory'); cfm = col(fl, 'frac_meas'); cft = col(fl, 'frac_theory')
set multiplot layout 1,2 margins 0.1,0.99,0.16,0.9 spacing 0.12,0
set logscale x
set format x '$10^{%T}$'
set autoscale xfix
set offsets graph 0.05, graph 0.05, 0, 0
set xlabel '$\sigma$'
set title '(a) $t_{\rm align}/t_{1/2}$'
set ylabel '$t_{\rm align}/t_{1/2}$'
set yrange [0:1.9]
set key at graph 0.5,0.99 center top horizontal maxrows 1 samplen 1 width 3
set object 1 rect from sqrt(1e-5),0.02 to sqrt(1e-1),0.1 fc rgb '#cccccc' fs solid 0.6 noborder
set label 1 'paper Fig.~3 ($L=3$)' at sqrt(1e-5),0.16 left front
plot for [L=2:6] fl using (column(cL) == L ? column(cs) : 1/0):crm with linespoints ls (L-1) pt 7 ps 0.5 title sprintf('$L=%d$', L), \
     for [L=2:6] fl using (column(cL) == L ? column(cs) : 1/0):crt with lines ls (L-1) dt 2 lw 1.2 notitle, \
     1 with lines ls 12 notitle
unset object 1
unset label 1
set title '(b) alignment reached at 10\% of the final $|K|$'
set ylabel '$A(t_{10\%})/A_\infty$'
set yrange [0.4:1.05]
set key at graph 0.02,0.02 left bottom samplen 1.5 spacing 1.2
plot for [L=2:6] fl using (column(cL) == L ? column(cs) : 1/0):cfm with linespoints ls (L-1) pt 7 ps 0.5 notitle, \
     for [L=2:6] fl using (column(cL) == L ? column(cs) : 1/0):cft with lines ls (L-1) dt 2 lw 1.2 notitle, \
     NaN with lines ls 11 lw 1.2 title 'theory (dashed)'
unset multiplot
