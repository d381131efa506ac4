# Fig. F.1: transfer generalisation error E_g(P) of kernel regression with
# K = x^T[A beta beta^T + I]x' on a task w = alpha beta + sqrt(1-alpha^2) w_perp.
# Monte Carlo (solid, with standard errors) and the theory Eq. (67) with
# kappa^2 restored (dashed).  (a) D = 100, alpha = 0.75; (b) D = 100, the
# caption's A = 1 and the A = 5 that matches the paper's curves; (c) P = 10,
# D = 50: theory heat map and Monte-Carlo heat map.  silentalign transfer.
# (The A / alpha columns only select rows.)
load styledir.'/style.gp'
set terminal cairolatex pdf input size 6.5in,4.6in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
set size 0.333,0.5
set lmargin 7
set xlabel '$P$'
set ylabel '$E_g$'
set xrange [0:25]
set yrange [0:1.02]
set key at graph 0.5,0.35 right samplen 1.5 spacing 1.4
As = '0 1 5 10'
al = '0 0.2 0.5 0.7'
set origin 0,0.5
set title '(a) $\alpha=0.75$, $A\in\{0,1,5,10\}$'
plot for [i=1:4] f('figF1a.dat') using 3:($1 == word(As,i) ? $7 : NaN):8 with yerrorlines ls i pt 7 ps 0.3 title sprintf('$A=%s$', word(As,i)), \
     for [i=1:4] f('figF1a.dat') using 3:($1 == word(As,i) ? $6 : NaN) with lines ls 11 notitle
set origin 0.333,0.5
set title '(b) $A=1$ (caption)'
unset ylabel
plot for [i=1:4] f('figF1b-A1.dat') using 3:($2 == word(al,i) ? $7 : NaN):8 with yerrorlines ls i pt 7 ps 0.3 title sprintf('$\alpha=%s$', word(al,i)), \
     for [i=1:4] f('figF1b-A1.dat') using 3:($2 == word(al,i) ? $6 : NaN) with lines ls 11 notitle
set origin 0.666,0.5
set title '(b) $A=5$ (matches the plot)'
plot for [i=1:4] f('figF1b-A5.dat') using 3:($2 == word(al,i) ? $7 : NaN):8 with yerrorlines ls i pt 7 ps 0.3 title sprintf('$\alpha=%s$', word(al,i)), \
     for [i=1:4] f('figF1b-A5.dat') using 3:($2 == word(al,i) ? $6 : NaN) with lines ls 11 notitle
set size 0.45,0.5
set xlabel '$A$'
set ylabel '$\alpha$'
set xrange [0:10]
set yrange [0:1]
set cbrange [0.1:0.85]
@viridis
set origin 0.02,0
set title '(c) $E_g$ theory, $P=10$, $D=50$'
plot f('figF1c.dat') using 1:2:6 with image notitle
set origin 0.5,0
set title '(c) $E_g$ Monte Carlo (200 trials)'
plot f('figF1c-mc.dat') using 1:2:7 with image notitle
unset multiplot
