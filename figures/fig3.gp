# Fig. 3: deep linear time scales.
# (a) t_1/2 vs sigma, L = 3, 4, 5: balanced ODE (solid), sigma^{2-L}/((L-2)s)
#     (dashed), the paper's printed L/((L-2)s) sigma^{2-L} (dotted), full flow
#     (points); silentalign deep-times.  (The L column only selects rows.)
# Columns by name (figures/columns.gp), once per file.
# (b) L = 3, D = 30, N = 50: loss ratio (solid) and cos(W1^T W1, beta beta^T)
#     (dashed) of the full flow for sigma^2 = 1e-5 .. 1e-1; silentalign flow.
# (c) L = 3: t_1/2 and t_align of the full flow with the sigma^{-1} line.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.7in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,3 margins 0.075,0.99,0.16,0.9 spacing 0.095,0
set logscale xy
set format x '$10^{%T}$'
set format y '$10^{%T}$'
set xlabel '$\sigma$'
set ylabel '$t_{1/2}$' offset -1.5,0
set title '(a) balanced ODE: time to learn'
fa = f('fig3a.dat')
ca_L = col(fa, 'L'); ca_s = col(fa, 'sigma'); ca_ode = col(fa, 't_half_ode'); ca_flow = col(fa, 't_half_flow')
ca_formula = col(fa, 't_half_formula'); ca_paper = col(fa, 't_half_paper')
set key top right samplen 2 spacing 1.4
plot for [i=3:5] fa using ca_s:(column(ca_L) == i ? column(ca_ode) : NaN) with lines ls (i-2) title sprintf('$L=%d$', i), \
     for [i=3:5] fa using ca_s:(column(ca_L) == i ? column(ca_flow) : NaN) with points ls (i-2) pt 6 ps 0.6 notitle, \
     for [i=3:5] fa using ca_s:(column(ca_L) == i ? column(ca_formula) : NaN) with lines ls 11 title (i == 3 ? 'formula' : ''), \
     for [i=3:5] fa using ca_s:(column(ca_L) == i ? column(ca_paper) : NaN) with lines ls 12 title (i == 3 ? 'printed' : '')
unset title
set title '(b) $L=3$ dynamics, key: $\sigma^2$'
set xlabel '$t$'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$, $\cos(W_1^\top W_1,\beta\beta^\top)$' offset -1.5,0
unset logscale y
set format y '%g'
# Headroom above 1 for the key (two rows), which would otherwise sit on
# the rising dashed alignment curves.
set yrange [0:1.42]
set ytics 0,0.2,1
set key at graph 0.02,0.985 left top Left reverse horizontal maxcols 3 samplen 1.5 spacing 1.2 width 1
s2 = '1e-5 1e-4 1e-3 1e-2 1e-1'
array cb_t[5]; array cb_loss[5]; array cb_cos[5]
do for [i=1:5] {
  fb = f('fig3b-'.word(s2, 6-i).'.dat')
  cb_t[i] = col(fb, 't'); cb_loss[i] = col(fb, 'loss_ratio'); cb_cos[i] = col(fb, 'cos_w1')
}
plot for [i=1:5] f('fig3b-'.word(s2, 6-i).'.dat') using cb_t[i]:cb_loss[i] with lines ls i title sprintf('$10^{%d}$', -i), \
     for [i=1:5] f('fig3b-'.word(s2, 6-i).'.dat') using cb_t[i]:cb_cos[i] with lines ls i dt 2 notitle
set title '(c) $L=3$: time to learn, time to align'
set xlabel '$\sigma$'
set ylabel '$t$' offset -1.5,0
set ytics autofreq
set logscale y
set format y '$10^{%T}$'
set yrange [*:*]
set key default
set key bottom left samplen 2 spacing 1.4
unset title
set title '(c) $L=3$: learn vs align'
fc = f('fig3c.dat')
cc_s = col(fc, 'sigma'); cc_half = col(fc, 't_half_flow'); cc_align = col(fc, 't_align_flow'); cc_formula = col(fc, 't_half_formula')
plot fc using cc_s:cc_half with linespoints ls 1 pt 7 ps 0.5 title '$t_{1/2}$', \
     fc using cc_s:cc_align with linespoints ls 2 pt 7 ps 0.5 title '$t_{\rm align}$', \
     fc using cc_s:cc_formula with lines ls 11 title '$\sigma^{-1}$'
unset multiplot
