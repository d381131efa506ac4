# Fig. 4 in the small-initialisation regime (issue 7): two-layer ReLU,
# N = 100, sigma = 0.01, Adam lr 1e-4, P = 100 Fashion T-shirt vs Shirt,
# partial whitening gamma = 0..1.  (a) loss ratio, (b) alignment, (c) the
# test discrepancies of K_0 and K_inf regression vs gamma, in the regime
# (solid) and at the literal settings of Fig. 4 (open, P = 1000, sigma = 0.1,
# Adam lr 5e-3).  silentalign train.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.07,0.99,0.17,0.9 spacing 0.1,0
G = '0 0.25 0.5 0.75 1'
# Columns by name (figures/columns.gp), once per file.
array ct[5]; array closs[5]; array calign[5]
do for [i=1:5] {
  fr = f('fig4r-g'.word(G, i).'.dat'); ct[i] = col(fr, 't'); closs[i] = col(fr, 'loss_ratio'); calign[i] = col(fr, 'k_align')
}
set logscale x
set format x '$10^{%T}$'
set xlabel '$t=\eta\,\mathrm{step}$'
set title '(a) loss, regime'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
set key at graph 0.03,0.6 left Left reverse samplen 1.5
plot for [i=1:5] f('fig4r-g'.word(G, i).'.dat') using ct[i]:closs[i] with lines ls i title '$\gamma='.word(G, i).'$'
set title '(b) alignment, regime'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set yrange [0:1]
unset key
plot for [i=1:5] f('fig4r-g'.word(G, i).'.dat') using ct[i]:calign[i] with lines ls i notitle
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
# fig4r.dat / fig4f.dat (figures/collect.sh): gamma, disc_k0, disc_kinf.
fr = f('fig4r.dat'); cr_g = col(fr, 'gamma'); cr_k0 = col(fr, 'disc_k0'); cr_kinf = col(fr, 'disc_kinf')
ff = f('fig4f.dat'); cf_g = col(ff, 'gamma'); cf_k0 = col(ff, 'disc_k0'); cf_kinf = col(ff, 'disc_kinf')
plot fr using cr_g:cr_k0 with linespoints ls 1 pt 7 ps 0.5 title '$K_0$ regime', \
     fr using cr_g:cr_kinf with linespoints ls 2 pt 7 ps 0.5 title '$K_\infty$ regime', \
     ff using cf_g:cf_k0 with linespoints ls 1 dt 2 pt 6 ps 0.5 title '$K_0$ literal', \
     ff using cf_g:cf_kinf with linespoints ls 2 dt 2 pt 6 ps 0.5 title '$K_\infty$ literal'
unset multiplot
