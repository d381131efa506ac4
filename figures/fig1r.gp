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
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# Columns by name (figures/columns.gp), once per file.
fm = f('fig1r-mnist.dat'); cm_t = col(fm, 't'); cm_loss = col(fm, 'loss_ratio'); cm_norm = col(fm, 'k_norm')
cm_align = col(fm, 'k_align'); cm_a1 = col(fm, 'kl_align1'); cm_a2 = col(fm, 'kl_align2')
fpm = f('fig1r-mnist-pred.dat'); cpm_nn = col(fpm, 'f_nn'); cpm_k0 = col(fpm, 'f_k0'); cpm_kinf = col(fpm, 'f_kinf')
fpf = f('fig1r-fashion-pred.dat'); cpf_nn = col(fpf, 'f_nn'); cpf_k0 = col(fpf, 'f_k0'); cpf_kinf = col(fpf, 'f_kinf')
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
plot fm using cm_t:cm_loss with lines ls 1 title 'loss', \
     fm using cm_t:cm_align with lines ls 3 title '$A$', \
     fm using cm_t:cm_a1 with lines ls 4 dt 2 title '$A(K_1)$', \
     fm using cm_t:cm_a2 with lines ls 5 dt 2 title '$A(K_2)$', \
     fm using cm_t:cm_norm axes x1y2 with lines ls 2 title '$|K|_F$ (right)'
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
set title '(b) MNIST 0 vs 1, $P=100$'
set origin 0.4,0
set size 0.3,1
set xrange [-2.5:2.5]
set yrange [-2.5:2.5]
plot fpm using cpm_nn:cpm_k0 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     fpm using cpm_nn:cpm_kinf with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
set title '(c) Fashion, $P=100$'
set ylabel ''
set origin 0.7,0
set size 0.3,1
plot fpf using cpf_nn:cpf_k0 with points pt 7 ps 0.25 lc rgb '#1f77b4' title '$K_0$', \
     fpf using cpf_nn:cpf_kinf with points pt 7 ps 0.25 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
unset multiplot
