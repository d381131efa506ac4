# Fig. H.1a,b: ten outputs, synthetic whitened data (D = 30, N = 50),
# teacher singular values s_alpha = 1, 0.9, ..., 0.1, sigma^L = 1e-4.
# Top: loss of the full flow (solid) and the per-mode balanced theory
# (dashed), a staircase ordered by s_alpha.  Bottom: the mode overlaps
# c_alpha = z_alpha^T W_eff v_alpha (solid) and their theory (dashed).
# silentalign multiout.
load styledir.'/style.gp'
set terminal cairolatex pdf input size 6.3in,4.4in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 2,2 margins 0.08,0.98,0.09,0.94 spacing 0.08,0.11
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
plot for [i=1:10] f('figH1a.dat') using 1:(column(4+i)):(i) with lines lw 1.5 lc palette cb i notitle, \
     for [i=1:10] f('figH1a.dat') using 1:(column(14+i)) with lines ls 11 lw 1 notitle
set title 'depth 4: mode overlaps'
unset ylabel
plot for [i=1:10] f('figH1b.dat') using 1:(column(4+i)) with lines lw 1.5 lc palette cb i notitle, \
     for [i=1:10] f('figH1b.dat') using 1:(column(14+i)) with lines ls 11 lw 1 notitle
unset multiplot
