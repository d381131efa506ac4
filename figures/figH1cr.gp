# Fig. H.1c with centred targets (issue 7): tanh, depth 3, N = 100, whitened
# MNIST, ten classes, P = 200.  (a) loss ratio with one-hot targets (GD, the
# literal run) and with centred targets (gradient flow), (b) the alignment of
# both.  silentalign train.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.45in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,2 margins 0.08,0.98,0.17,0.9 spacing 0.1,0
# Columns by name (figures/columns.gp), once per file.
fh = f('figH1c.dat'); ch_t = col(fh, 't'); ch_loss = col(fh, 'loss_ratio'); ch_align = col(fh, 'k_align')
fc = f('figH1c-centred.dat'); cc_t = col(fc, 't'); cc_loss = col(fc, 'loss_ratio'); cc_align = col(fc, 'k_align')
set logscale x
set format x '$10^{%T}$'
set xrange [0.1:*]
set xlabel '$t$'
set title '(a) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
set key at graph 0.03,0.4 left Left reverse samplen 1.5
plot fh using ch_t:ch_loss with lines ls 1 title 'one-hot (literal)', \
     fc using cc_t:cc_loss with lines ls 2 title 'centred (flow)'
set title '(b) alignment'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
set yrange [0:*]
unset key
plot fh using ch_t:ch_align with lines ls 1 notitle, \
     fc using cc_t:cc_align with lines ls 2 notitle
unset multiplot
