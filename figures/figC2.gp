# Fig. C.2: two-layer linear network (D = 25, N = 10, P = 100 whitened).
# (a) loss ratio of the full flow (solid) and of the logistic Eq. (49) with
#     c0 = (q0 + r0)/2 from the run's own initial weights (dashed).
# (b) t_1/2 of the full flow against the logistic with c0 = sigma^2,
#     ln(1 + (sqrt2 - 1)/sigma^2)/2 (the paper's -ln(sigma^2)/(2s) line and
#     its offset); the axis is labelled in sigma^2 at the sigma positions.
# (c) sigma = 1e-4: loss ratio, |K(t)|_F / |K(t_end)|_F, alignment, and the
#     plateau 2/sqrt(r+3) (dashed); silentalign kernel-trace.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.6in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.07,0.99,0.16,0.9 spacing 0.085,0
s2 = '1e-5 1e-4 1e-3 1e-2'
# Columns by name (figures/columns.gp), once per file.
array ca_t[4]; array ca_loss[4]; array ct_t[4]; array ct_loss[4]
do for [i=1:4] {
  fa = f('figC2a-'.word(s2, i).'.dat'); ca_t[i] = col(fa, 't'); ca_loss[i] = col(fa, 'loss_ratio')
  ft = f('figC2a-theory-'.word(s2, i).'.dat'); ct_t[i] = col(ft, 't'); ct_loss[i] = col(ft, 'loss_ratio')
}
fb = f('figC2b.dat'); cb_s = col(fb, 'sigma'); cb_flow = col(fb, 't_half_flow'); cb_closed = col(fb, 't_half_closed')
fc = f('figC2c.dat'); cc_t = col(fc, 't'); cc_loss = col(fc, 'loss_ratio'); cc_rel = col(fc, 'kfro_rel')
cc_align = col(fc, 'kalign'); cc_plateau = col(fc, 'plateau')
set title '(a) loss dynamics, key: $\sigma^2$'
set xlabel '$t$'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$' offset 0,0
set yrange [0:1.05]
set key at graph 0.97,0.85 right samplen 1.5 spacing 1.4
plot for [i=1:4] f('figC2a-'.word(s2, i).'.dat') using ca_t[i]:ca_loss[i] with lines ls i title sprintf('$10^{%d}$', -(6-i)), \
     for [i=1:4] f('figC2a-theory-'.word(s2, i).'.dat') using ct_t[i]:ct_loss[i] with lines ls 11 title (i == 1 ? 'Eq. (49)' : '')
set title '(b) time to $\mathcal{L}_t=\mathcal{L}_0/2$'
set xlabel '$\sigma^2$'
set ylabel '$t_{1/2}$' offset -1,0
set logscale x
set xtics ('$10^{-5}$' 3.16227766017e-3, '$10^{-4}$' 1e-2, '$10^{-3}$' 3.16227766017e-2, '$10^{-2}$' 0.1)
set xrange [3e-3:0.106]
set yrange [*:*]
set key default
set key top right samplen 2 spacing 1.3
plot fb using cb_s:cb_flow with linespoints ls 1 pt 7 ps 0.5 title 'full flow', \
     fb using cb_s:cb_closed with lines ls 11 title '$\frac{1}{2}\ln(1+\frac{\sqrt2-1}{\sigma^2})$'
set title '(c) alignment, $\sigma=10^{-4}$'
unset logscale x
set xtics auto
set xrange [*:*]
set xlabel '$t$'
set ylabel ''
set yrange [0:1.05]
set key default
set key at graph 0.12,0.88 left Left reverse samplen 1.5 spacing 1.4
plot fc using cc_t:cc_loss with lines ls 1 title '$\mathcal{L}_t/\mathcal{L}_0$', \
     fc using cc_t:cc_rel with lines ls 2 title '$|K(t)|/|K(\infty)|$', \
     fc using cc_t:cc_align with lines ls 3 title 'alignment', \
     fc using cc_t:cc_plateau with lines ls 11 title '$2/\sqrt{r+3}$'
unset multiplot
