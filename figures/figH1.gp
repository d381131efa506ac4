# Fig. H.1a,b: ten outputs, synthetic whitened data (D = 30, N = 50),
# teacher singular values s_alpha = 1, 0.9, ..., 0.1, sigma^L = 1e-4.
# Row 1: loss of the full flow (solid) and the per-mode balanced theory
# (dashed), a staircase ordered by s_alpha.  Row 2: the mode overlaps
# c_alpha = z_alpha^T W_eff v_alpha (solid) and their theory (dashed).
# Row 3: loss ratio, |K(t)|/|K(end)|, alignment of the output-traced kernel
# sum_c K_cc (solid) and of the full PC x PC kernel (dotted), and the
# predicted final traced alignment (dashed).
# silentalign multiout and multiout-kernel (the same runs).
load styledir.'/style.gp'
set terminal cairolatex pdf input size 6.3in,6.0in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 3,2 margins 0.09,0.98,0.07,0.96 spacing 0.08,0.1
set xlabel '$t$'
set key top right samplen 2
set title '(a) depth 2, $\sigma=10^{-2}$: loss'
set ylabel '$\mathcal{L}_t$'
plot f('figH1a.dat') using 1:2 with lines ls 1 title 'full flow', \
     f('figH1a.dat') using 1:4 with lines ls 11 title 'per-mode theory'
set title '(b) depth 4, $\sigma=10^{-1}$: loss'
unset ylabel
plot f('figH1b.dat') using 1:2 with lines ls 1 title 'full flow', \
     f('figH1b.dat') using 1:4 with lines ls 11 title 'per-mode theory'
set title 'depth 2: mode overlaps'
set ylabel '$c_\alpha=z_\alpha^\top W_{\rm eff}v_\alpha$'
set key off
set palette defined (0 '#1f77b4', 1 '#2ca02c', 2 '#ff7f0e', 3 '#d62728')
unset colorbox
plot for [i=1:10] f('figH1a.dat') using 1:(column(4+i)) with lines lw 1.5 lc palette cb i notitle, \
     for [i=1:10] f('figH1a.dat') using 1:(column(14+i)) with lines ls 11 lw 1 notitle
set title 'depth 4: mode overlaps'
unset ylabel
plot for [i=1:10] f('figH1b.dat') using 1:(column(4+i)) with lines lw 1.5 lc palette cb i notitle, \
     for [i=1:10] f('figH1b.dat') using 1:(column(14+i)) with lines ls 11 lw 1 notitle
set title 'depth 2: kernel and loss'
set yrange [0:1.05]
set key at graph 0.97,0.9 right samplen 1.5 spacing 1.4
plot f('figH1a-kernel.dat') using 1:2 with lines ls 1 title '$\mathcal{L}_t/\mathcal{L}_0$', \
     f('figH1a-kernel.dat') using 1:4 with lines ls 2 title '$|K|$ (normalised)', \
     f('figH1a-kernel.dat') using 1:6 with lines ls 3 title 'alignment, $\sum_c K_{cc}$', \
     f('figH1a-kernel.dat') using 1:5 with lines ls 3 dt 3 title 'alignment, $PC\times PC$', \
     f('figH1a-kernel.dat') using 1:7 with lines ls 11 title 'predicted'
set title 'depth 4: kernel and loss'
unset key
plot f('figH1b-kernel.dat') using 1:2 with lines ls 1, \
     f('figH1b-kernel.dat') using 1:4 with lines ls 2, \
     f('figH1b-kernel.dat') using 1:6 with lines ls 3, \
     f('figH1b-kernel.dat') using 1:5 with lines ls 3 dt 3, \
     f('figH1b-kernel.dat') using 1:7 with lines ls 11
unset multiplot
