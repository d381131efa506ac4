# Fig. 4a-f: anisotropy destroys silent alignment.  Depth-2 ReLU MLP
# (N = 100, sigma = 0.1), Adam lr 5e-3, Fashion-MNIST T-shirt vs Shirt
# (stand-in for CIFAR-10), P = 1000, partial whitening gamma = 0 ... 1.
# (a) spectrum (s_k/s_1)^gamma = normalised lambda_k^{gamma/2} (dataset-info);
# (b-e) loss ratio, test error, |K(t)|_F, alignment against the step;
# (f) |f_NN - f_NTK|/|f_NN| against gamma for K_0, K_inf (P = 1000) and, on
#     P = 200 runs, the Adam-weighted kernel of App. J.1 at step 0 and end.
load styledir.'/style.gp'
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
plot for [i=1:5] f('fig4a-g'.word(G,i).'.dat') using 1:4 with lines ls i title '$\gamma='.word(G,i).'$', \
     f('fig4a-g1-full.dat') using 1:4 with lines ls 12 title '$\gamma=1$, no cut-off'
# Trace columns (train --eigs=0): 1 step, 4 loss_ratio, 7 test_err, 9 k_norm, 10 k_align.
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
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using 1:4 with lines ls i title '$\gamma='.word(G,i).'$'
unset logscale y
set format y '%g'
set title '(c) test classification error'
set ylabel 'test error'
set yrange [0:0.55]
unset key
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using 1:7 with lines ls i
set title '(d) kernel norm'
set ylabel '$|K(t)|_F$'
set logscale y
set format y '$10^{%T}$'
set yrange [*:*]
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using 1:9 with lines ls i
unset logscale y
set format y '%g'
set title '(e) kernel alignment'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set yrange [0:*]
plot for [i=1:5] f('fig4b-e-g'.word(G,i).'.dat') using 1:10 with lines ls i
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
# fig4f.dat: 1 gamma, 2 disc_k0, 3 disc_kinf; fig4f-eta.dat adds 4 disc_eta0, 5 disc_etainf.
plot f('fig4f.dat') using 1:2 with linespoints ls 1 pt 7 ps 0.6 title '$K_0$', \
     f('fig4f.dat') using 1:3 with linespoints ls 2 pt 7 ps 0.6 title '$K_\infty$', \
     f('fig4f-eta.dat') using 1:3 with linespoints ls 2 dt 3 pt 6 ps 0.6 title '$K_\infty$ ($P{=}200$)', \
     f('fig4f-eta.dat') using 1:4 with linespoints ls 3 dt 3 pt 6 ps 0.6 title 'Adam $K$, step 0', \
     f('fig4f-eta.dat') using 1:5 with linespoints ls 4 dt 3 pt 6 ps 0.6 title 'Adam $K$, end'
unset multiplot
