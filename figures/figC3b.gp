# Fig. C.3b: q(t) = beta^T M beta / 2 and r(t) = a^T W beta of a two-layer
# linear network (N = 100, sigma = 0.05) trained by GD (lr 0.05) on whitened
# MNIST 0 vs 1 (D = 784), beta the unit least-squares min-norm direction and
# s = |X (X^T X)^+ y| (solid), against Eqs. (50)-(51) with the run's q0, r0
# and s: c0 = q0/2 as in the paper (dashed), c0 = (q0 + r0)/2 (dotted).
# silentalign train --minnorm-beta, twolayer.
load styledir.'/style.gp'
set terminal cairolatex pdf input size 4.2in,2.8in color dashed linewidth 2 font ",8"
set output out.'.tex'
set logscale y
set format y '$10^{%T}$'
set yrange [1e-5:3]
set xrange [0:10]
set xlabel '$t=\eta\,\mathrm{step}$'
set ylabel '$q(t)$, $r(t)$'
set key bottom right samplen 2
# train columns (--eigs=0): 2 t, 14 q, 15 r; twolayer: 1 t, 4 q_closed, 5 r_closed.
plot f('figC3b.dat') using 2:14 with lines ls 1 title '$q$ (GD)', \
     f('figC3b.dat') using 2:15 with lines ls 2 title '$r$ (GD)', \
     f('figC3b-theory.dat') using 1:4 with lines ls 11 title 'Eqs. (50)--(51), $c_0=q_0/2$', \
     f('figC3b-theory.dat') using 1:5 with lines ls 11 notitle, \
     f('figC3b-theory-q0r0.dat') using 1:4 with lines ls 12 title '$c_0=(q_0+r_0)/2$', \
     f('figC3b-theory-q0r0.dat') using 1:5 with lines ls 12 notitle
