# Fig. 1 in the small-initialisation regime (issue 7): two-layer ReLU,
# N = 100, sigma = 1e-5, gradient flow (train --optimizer=flow), P = 100
# images (at most the whitening rank).  (a) MNIST 0 vs 1: loss ratio,
# alignment of the NTK and of its two layer parts K_1 (first-layer weights)
# and K_2 (second layer), |K|_F (right, log); dashed vertical: the time |K|
# first reaches 10% of its final norm (result t_knorm10).  (b), (c) test
# predictions of K_0 and K_inf regression against the network, MNIST and
# Fashion T-shirt vs Shirt.  silentalign train.
load styledir.'/style.gp'
load styledir.'/result.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# Trace columns (--eigs=0): 2 t, 4 loss_ratio, 9 k_norm, 10 k_align,
# 18 kl_align1, 20 kl_align2.
set title '(a) MNIST, $P=100$: flow'
set origin 0,0
set size 0.4,1
set lmargin 7
set rmargin 6
set xlabel '$t$'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$, alignment'
set yrange [0:1.05]
set logscale y2
set format y2 '$10^{%T}$'
set y2tics nomirror
set ytics nomirror
set key at graph 0.98,0.62 right samplen 1.5
t10 = result(f('fig1r-mnist.dat'), 't_knorm10')
set arrow 1 from t10, graph 0 to t10, graph 1 nohead ls 12
plot f('fig1r-mnist.dat') using 2:4 with lines ls 1 title 'loss', \
     f('fig1r-mnist.dat') using 2:10 with lines ls 3 title '$A$', \
     f('fig1r-mnist.dat') using 2:18 with lines ls 4 dt 2 title '$A(K_1)$', \
     f('fig1r-mnist.dat') using 2:20 with lines ls 5 dt 2 title '$A(K_2)$', \
     f('fig1r-mnist.dat') using 2:9 axes x1y2 with lines ls 2 title '$|K|_F$ (right)'
unset arrow 1
unset y2tics
unset logscale y2
set ytics mirror
set xlabel 'test prediction NN'
set ylabel 'test prediction NTK'
set size ratio -1
set key at graph 0.97,0.3 right samplen 1 spacing 1.4
set lmargin 6
set rmargin 1
# Prediction columns: 4 f_nn, 5 f_k0, 6 f_kinf.
set title '(b) MNIST 0 vs 1, $P=100$'
set origin 0.4,0
set size 0.3,1
set xrange [-2.5:2.5]
set yrange [-2.5:2.5]
plot f('fig1r-mnist-pred.dat') using 4:5 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     f('fig1r-mnist-pred.dat') using 4:6 with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
set title '(c) Fashion, $P=100$'
set ylabel ''
set origin 0.7,0
set size 0.3,1
plot f('fig1r-fashion-pred.dat') using 4:5 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     f('fig1r-fashion-pred.dat') using 4:6 with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
unset multiplot
