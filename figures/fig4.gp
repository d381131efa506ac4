# Fig. 4a-f: anisotropy destroys silent alignment.  Depth-2 ReLU MLP
# (N = 100, sigma = 0.1), Adam lr 5e-3, Fashion-MNIST T-shirt vs Shirt
# (stand-in for CIFAR-10), P = 1000, partial whitening gamma = 0 ... 1.
# (a) spectrum (s_k/s_1)^gamma = normalised lambda_k^{gamma/2} (dataset-info);
# (b-e) loss ratio, test error, |K(t)|_F, alignment against the step;
# (f) |f_NN - f_NTK|/|f_NN| against gamma for K_0, K_inf (P = 1000) and, on
#     P = 200 runs, the Adam-weighted kernel of App. J.1 at step 0 and end.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,4.6in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 2,3 margins 0.09,0.985,0.09,0.95 spacing 0.115,0.13
G = "0 0.25 0.5 0.75 1"
set key top right samplen 1.5 spacing 1.4
set ylabel offset -1.2
set title '(a) partially whitened spectrum'
set logscale xy
set format x '$10^{%T}$'
set format y '$10^{%T}$'
set xlabel '$k$'
set ylabel '$\lambda_k^{\gamma/2}/\lambda_1^{\gamma/2}$'
set key at graph 0.03,0.03 left bottom Left reverse samplen 1.5
# Columns by name (figures/columns.gp), once per file.
array ca_k[5]; array ca_s[5]; array cb_step[5]; array cb_loss[5]; array cb_err[5]; array cb_norm[5]; array cb_align[5]
do for [i=1:5] {
  fa = f('fig4a-g'.word(G,i).'.dat'); ca_k[i] = col(fa, 'k'); ca_s[i] = col(fa, 'spectrum')
  fb = f('fig4b-e-g'.word(G,i).'.dat'); cb_step[i] = col(fb, 'step'); cb_loss[i] = col(fb, 'loss_ratio')
  cb_err[i] = col(fb, 'test_err'); cb_norm[i] = col(fb, 'k_norm'); cb_align[i] = col(fb, 'k_align')
}
ffull = f('fig4a-g1-full.dat'); cfull_k = col(ffull, 'k'); cfull_s = col(ffull, 'spectrum')
plot for [i=1:5] f('fig4a-g'.word(G,i).'.dat') using ca_k[i]:ca_s[i] with lines ls i title '$\gamma='.word(G,i).'$', \
     ffull using cfull_k:cfull_s with lines ls 12 title '$\gamma=1$, no cut-off'
# Step 0 matters (the first Adam step moves the kernel most): panels (b-e)
# use the axis ln(1 + step), which keeps step 0 and is logarithmic later.
unset logscale x
set nonlinear x via log10(x + 1) inverse 10**x - 1
set xrange [0:800]
set xtics ('0' 0, '1' 1, '3' 3, '10' 10, '30' 30, '$10^2$' 100, '800' 800)
set format x '%g'
set xlabel 'step ($\log(1+\mathrm{step})$ axis)'
set title '(b) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [1e-6:3]
unset key
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using cb_step[i]:cb_loss[i] with lines ls i title '$\gamma='.word(G,i).'$'
unset logscale y
set format y '%g'
set title '(c) test classification error'
set ylabel 'test error'
set yrange [0:0.55]
unset key
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using cb_step[i]:cb_err[i] with lines ls i
set title '(d) kernel norm'
set ylabel '$|K(t)|_F$'
set logscale y
set format y '$10^{%T}$'
set yrange [*:*]
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using cb_step[i]:cb_norm[i] with lines ls i
unset logscale y
set format y '%g'
set title '(e) kernel alignment'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set yrange [0:*]
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using cb_step[i]:cb_align[i] with lines ls i
set title '(f) NTK predictor vs NN'
unset nonlinear x
set xtics autofreq
set format x '%g'
set xrange [-0.05:1.05]
set xlabel '$\gamma$'
set ylabel '$|f_{NN}-f_{NTK}|/|f_{NN}|$'
set logscale y
set format y '$10^{%T}$'
set yrange [1e-3:1e7]
set key at graph 0.03,0.98 left top Left reverse samplen 1.5 spacing 1.4
# fig4f.dat, fig4f-eta.dat (figures/collect.sh): gamma, disc_k0, disc_kinf (and disc_eta0, disc_etainf).
ff = f('fig4f.dat'); cf_g = col(ff, 'gamma'); cf_k0 = col(ff, 'disc_k0'); cf_kinf = col(ff, 'disc_kinf')
fe = f('fig4f-eta.dat'); ce_g = col(fe, 'gamma'); ce_kinf = col(fe, 'disc_kinf')
ce_eta0 = col(fe, 'disc_eta0'); ce_etainf = col(fe, 'disc_etainf')
plot ff using cf_g:cf_k0 with linespoints ls 1 pt 7 ps 0.6 title '$K_0$', \
     ff using cf_g:cf_kinf with linespoints ls 2 pt 7 ps 0.6 title '$K_\infty$', \
     fe using ce_g:ce_kinf with linespoints ls 2 dt 3 pt 6 ps 0.6 title '$K_\infty$ ($P{=}200$)', \
     fe using ce_g:ce_eta0 with linespoints ls 3 dt 3 pt 6 ps 0.6 title 'Adam $K$, step 0', \
     fe using ce_g:ce_etainf with linespoints ls 4 dt 3 pt 6 ps 0.6 title 'Adam $K$, end'
unset multiplot
