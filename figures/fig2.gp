# Fig. 2: RKHS-norm level sets w^T M(t)^{-1} w = c of the NTK of a
# two-layer linear network with D = 2 inputs, whitened data (P = 1), at
# t = 0, t ~ t_1 (end of Phase I) and t ~ infinity.  Data: silentalign
# kernel2d (index 0: beta(t) = W^T a; 1: least-norm interpolant of M(t);
# 2: level sets; 3: interpolating line) and the trajectory (--path).
# Variables: out, datadir, styledir; optional: stem (file prefix), times.
load styledir.'/style.gp'
load styledir.'/columns.gp'
if (!exists("stem")) stem = 'fig2'
if (!exists("tlabels")) tlabels = '$t=3\approx t_1$|$t=30\approx\infty$'
if (!exists("lim")) lim = 1.3
set terminal cairolatex pdf input size 6.3in,2.5in color dashed linewidth 2 font ",8"
set output out.'.tex'
set size ratio -1
set clip two
set xrange [-1.0:lim]
set yrange [-1.0:lim]
set xtics 0.5
set ytics 0.5
set key off
set xlabel '$\beta_1$'
set multiplot layout 1,3 margins 0.07,0.99,0.17,0.9 spacing 0.05,0
set ylabel '$\beta_2$'
set title '(a) $t=0$'
fa = f(stem.'a.dat')
# Columns by name (figures/columns.gp), once per file: every block holds w1 w2.
ca1 = col(fa, 'w1'); ca2 = col(fa, 'w2')
plot fa index 2 using ca1:ca2 with lines ls 1 lw 1.5, \
     fa index 3 using ca1:ca2 with lines lc rgb '#000000' lw 2, \
     fa index 1 using ca1:ca2 with points pt 6 ps 1.6 lc rgb '#000000', \
     fa index 0 using ca1:ca2 with points pt 7 ps 1.2 lc rgb '#d62728'
unset ylabel
set title '(b) '.tlabels[1:strstrt(tlabels,'|')-1]
fb = f(stem.'b.dat')
cb1 = col(fb, 'w1'); cb2 = col(fb, 'w2')
plot fb index 2 using cb1:cb2 with lines ls 1 lw 1.5, \
     fb index 3 using cb1:cb2 with lines lc rgb '#000000' lw 2, \
     fb index 1 using cb1:cb2 with points pt 6 ps 1.6 lc rgb '#000000', \
     fb index 0 using cb1:cb2 with points pt 7 ps 1.2 lc rgb '#d62728'
set title '(c) '.tlabels[strstrt(tlabels,'|')+1:]
fc = f(stem.'c.dat')
cc1 = col(fc, 'w1'); cc2 = col(fc, 'w2')
fp = f(stem.'-path.dat')
cp1 = col(fp, 'w1'); cp2 = col(fp, 'w2')
plot fc index 2 using cc1:cc2 with lines ls 1 lw 1.5, \
     fc index 3 using cc1:cc2 with lines lc rgb '#000000' lw 2, \
     fp using cp1:cp2 with lines lc rgb '#d62728' lw 1, \
     fc index 1 using cc1:cc2 with points pt 6 ps 1.6 lc rgb '#000000', \
     fc index 0 using cc1:cc2 with points pt 7 ps 1.2 lc rgb '#d62728'
unset multiplot
