# Fig. F.1: transfer generalisation error E_g(P) of kernel regression with
# K = x^T[A beta beta^T + I]x' on a task w = alpha beta + sqrt(1-alpha^2) w_perp.
# Monte Carlo (solid, with standard errors) and the theory Eq. (67) with
# kappa^2 restored (dashed).  (a) D = 100, alpha = 0.75; (b) D = 100, the
# caption's A = 1 and the A = 5 that matches the paper's curves; (c) P = 10,
# D = 50: theory heat map and Monte-Carlo heat map.  silentalign transfer.
# (The A / alpha columns only select rows.)
load styledir.'/style.gp'
load styledir.'/columns.gp'
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
# Columns by name (figures/columns.gp), once per file; the three curve files
# and the two heat maps.
array cA[3]; array cal[3]; array cP[3]; array cEg[3]; array cmc[3]; array cse[3]
do for [k=1:3] {
  fk = f(word('figF1a.dat figF1b-A1.dat figF1b-A5.dat', k))
  cA[k] = col(fk, 'A'); cal[k] = col(fk, 'alpha'); cP[k] = col(fk, 'P')
  cEg[k] = col(fk, 'Eg'); cmc[k] = col(fk, 'Eg_mc'); cse[k] = col(fk, 'Eg_mc_se')
}
fc = f('figF1c.dat'); cc_A = col(fc, 'A'); cc_al = col(fc, 'alpha'); cc_Eg = col(fc, 'Eg')
fm = f('figF1c-mc.dat'); cm_A = col(fm, 'A'); cm_al = col(fm, 'alpha'); cm_Eg = col(fm, 'Eg_mc')
al = '0 0.2 0.5 0.7'
set origin 0,0.5
set title '(a) $\alpha=0.75$, $A\in\{0,1,5,10\}$'
plot for [i=1:4] f('figF1a.dat') using cP[1]:(column(cA[1]) == word(As,i) ? column(cmc[1]) : NaN):cse[1] with yerrorlines ls i pt 7 ps 0.3 title sprintf('$A=%s$', word(As,i)), \
     for [i=1:4] f('figF1a.dat') using cP[1]:(column(cA[1]) == word(As,i) ? column(cEg[1]) : NaN) with lines ls 11 notitle
set origin 0.333,0.5
set title '(b) $A=1$ (caption)'
unset ylabel
plot for [i=1:4] f('figF1b-A1.dat') using cP[2]:(column(cal[2]) == word(al,i) ? column(cmc[2]) : NaN):cse[2] with yerrorlines ls i pt 7 ps 0.3 title sprintf('$\alpha=%s$', word(al,i)), \
     for [i=1:4] f('figF1b-A1.dat') using cP[2]:(column(cal[2]) == word(al,i) ? column(cEg[2]) : NaN) with lines ls 11 notitle
set origin 0.666,0.5
set title '(b) $A=5$ (matches the plot)'
plot for [i=1:4] f('figF1b-A5.dat') using cP[3]:(column(cal[3]) == word(al,i) ? column(cmc[3]) : NaN):cse[3] with yerrorlines ls i pt 7 ps 0.3 title sprintf('$\alpha=%s$', word(al,i)), \
     for [i=1:4] f('figF1b-A5.dat') using cP[3]:(column(cal[3]) == word(al,i) ? column(cEg[3]) : NaN) with lines ls 11 notitle
set size 0.45,0.5
set xlabel '$A$'
set ylabel '$\alpha$'
set xrange [0:10]
set yrange [0:1]
set cbrange [0.1:0.85]
@viridis
set origin 0.02,0
set title '(c) $E_g$ theory, $P=10$, $D=50$'
plot fc using cc_A:cc_al:cc_Eg with image notitle
set origin 0.5,0
set title '(c) $E_g$ Monte Carlo (200 trials)'
plot fm using cm_A:cm_al:cm_Eg with image notitle
unset multiplot
