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
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.3in,6.0in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 3,2 margins 0.09,0.98,0.07,0.96 spacing 0.08,0.1
# Columns by name (figures/columns.gp), once per file: multiout's t, loss,
# loss_theory, c1..c10 and c1_theory..c10_theory; multiout-kernel's t,
# loss_ratio, kfro_rel, kalign, kalign_tr, plateau_tr.
fa = f('figH1a.dat'); fb = f('figH1b.dat')
ca_t = col(fa, 't'); ca_loss = col(fa, 'loss'); ca_th = col(fa, 'loss_theory')
cb_t = col(fb, 't'); cb_loss = col(fb, 'loss'); cb_th = col(fb, 'loss_theory')
array ca_c[10]; array ca_ct[10]; array cb_c[10]; array cb_ct[10]
do for [i=1:10] {
  ca_c[i] = col(fa, sprintf('c%d', i)); ca_ct[i] = col(fa, sprintf('c%d_theory', i))
  cb_c[i] = col(fb, sprintf('c%d', i)); cb_ct[i] = col(fb, sprintf('c%d_theory', i))
}
fak = f('figH1a-kernel.dat'); fbk = f('figH1b-kernel.dat')
cak_t = col(fak, 't'); cak_loss = col(fak, 'loss_ratio'); cak_rel = col(fak, 'kfro_rel')
cak_align = col(fak, 'kalign'); cak_tr = col(fak, 'kalign_tr'); cak_pl = col(fak, 'plateau_tr')
cbk_t = col(fbk, 't'); cbk_loss = col(fbk, 'loss_ratio'); cbk_rel = col(fbk, 'kfro_rel')
cbk_align = col(fbk, 'kalign'); cbk_tr = col(fbk, 'kalign_tr'); cbk_pl = col(fbk, 'plateau_tr')
set xlabel '$t$'
set key top right samplen 2
set title '(a) depth 2, $\sigma=10^{-2}$: loss'
set ylabel '$\mathcal{L}_t$'
plot fa using ca_t:ca_loss with lines ls 1 title 'full flow', \
     fa using ca_t:ca_th with lines ls 11 title 'per-mode theory'
set title '(b) depth 4, $\sigma=10^{-1}$: loss'
unset ylabel
plot fb using cb_t:cb_loss with lines ls 1 title 'full flow', \
     fb using cb_t:cb_th with lines ls 11 title 'per-mode theory'
set title 'depth 2: mode overlaps'
set ylabel '$c_\alpha=z_\alpha^\top W_{\rm eff}v_\alpha$'
set key off
set palette defined (0 '#1f77b4', 1 '#2ca02c', 2 '#ff7f0e', 3 '#d62728')
unset colorbox
plot for [i=1:10] fa using ca_t:ca_c[i] with lines lw 1.5 lc palette cb i notitle, \
     for [i=1:10] fa using ca_t:ca_ct[i] with lines ls 11 lw 1 notitle
set title 'depth 4: mode overlaps'
unset ylabel
plot for [i=1:10] fb using cb_t:cb_c[i] with lines lw 1.5 lc palette cb i notitle, \
     for [i=1:10] fb using cb_t:cb_ct[i] with lines ls 11 lw 1 notitle
set title 'depth 2: kernel and loss'
set yrange [0:1.05]
set key at graph 0.97,0.9 right samplen 1.5 spacing 1.4
plot fak using cak_t:cak_loss with lines ls 1 title '$\mathcal{L}_t/\mathcal{L}_0$', \
     fak using cak_t:cak_rel with lines ls 2 title '$|K|$ (normalised)', \
     fak using cak_t:cak_tr with lines ls 3 title 'alignment, $\sum_c K_{cc}$', \
     fak using cak_t:cak_align with lines ls 3 dt 3 title 'alignment, $PC\times PC$', \
     fak using cak_t:cak_pl with lines ls 11 title 'predicted'
set title 'depth 4: kernel and loss'
unset key
plot fbk using cbk_t:cbk_loss with lines ls 1, \
     fbk using cbk_t:cbk_rel with lines ls 2, \
     fbk using cbk_t:cbk_tr with lines ls 3, \
     fbk using cbk_t:cbk_align with lines ls 3 dt 3, \
     fbk using cbk_t:cbk_pl with lines ls 11
unset multiplot
