# Fig. 4 in the small-initialisation regime (issue 7): two-layer ReLU,
# N = 100, sigma = 0.01, Adam lr 1e-4, P = 100 Fashion T-shirt vs Shirt,
# partial whitening gamma = 0..1.  (a) loss ratio, (b) alignment, (c) the
# test discrepancies of K_0 and K_inf regression vs gamma, in the regime
# (solid) and at the literal settings of Fig. 4 (open, P = 1000, sigma = 0.1,
# Adam lr 5e-3).  silentalign train.
load styledir.'/style.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.07,0.99,0.17,0.9 spacing 0.1,0
# Trace columns (--eigs=0): 2 t, 4 loss_ratio, 10 k_align.
G = '0 0.25 0.5 0.75 1'
set logscale x
set format x '$10^{%T}$'
set xlabel '$t=\eta\,\mathrm{step}$'
set title '(a) loss, regime'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
set key at graph 0.03,0.6 left Left reverse samplen 1.5
plot for [i=1:5] f('fig4r-g'.word(G, i).'.dat') using 2:4 with lines ls i title '$\gamma='.word(G, i).'$'
set title '(b) alignment, regime'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set yrange [0:1]
unset key
plot for [i=1:5] f('fig4r-g'.word(G, i).'.dat') using 2:10 with lines ls i notitle
set title '(c) NTK predictor vs NN'
unset logscale x
set logscale y
set format x '%g'
set format y '$10^{%T}$'
set xrange [-0.1:1.1]
set yrange [1e-5:1]  # room below the data for the key
set xlabel '$\gamma$'
set ylabel '$|f_{NN}-f_{K}|/|f_{NN}|$'
set key at graph 0.03,0.02 left bottom Left reverse samplen 1.5
# fig4r.dat / fig4f.dat: 1 gamma, 2 disc_k0, 3 disc_kinf.
plot f('fig4r.dat') using 1:2 with linespoints ls 1 pt 7 ps 0.5 title '$K_0$ regime', \
     f('fig4r.dat') using 1:3 with linespoints ls 2 pt 7 ps 0.5 title '$K_\infty$ regime', \
     f('fig4f.dat') using 1:2 with linespoints ls 1 dt 2 pt 6 ps 0.5 title '$K_0$ literal', \
     f('fig4f.dat') using 1:3 with linespoints ls 2 dt 2 pt 6 ps 0.5 title '$K_\infty$ literal'
unset multiplot
