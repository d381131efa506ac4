# Fig. H.1c: tanh MLP of depth 3 (N = 100, sigma^3 = 1e-4, GD lr 0.1) on
# whitened MNIST, 10 classes (one-hot targets), P = 200: loss ratio,
# alignment of the full CP x CP NTK with the flattened targets, and
# |K(t)|_F (right, log axis).  silentalign train.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 4.2in,2.8in color dashed linewidth 2 font ",8"
set output out.'.tex'
# Columns by name (figures/columns.gp), once per file.
fh = f('figH1c.dat'); ct = col(fh, 't'); closs = col(fh, 'loss_ratio'); cnorm = col(fh, 'k_norm'); calign = col(fh, 'k_align')
set xlabel '$t=\eta\,\mathrm{step}$'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$, alignment'
set yrange [0:1.05]
set ytics nomirror
set logscale y2
set format y2 '$10^{%T}$'
set y2tics nomirror
set y2label '$|K(t)|_F$'
set key at graph 0.03,0.88 left Left reverse samplen 1.5
plot fh using ct:closs with lines ls 1 title '$\mathcal{L}_t/\mathcal{L}_0$', \
     fh using ct:calign with lines ls 3 title 'alignment', \
     fh using ct:cnorm axes x1y2 with lines ls 2 title '$|K(t)|_F$ (right)'
