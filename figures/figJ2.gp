# Fig. J.2: Wide ResNet depth sweep b = 1..4 blocks per group (6b+1 main
# convolutions), sigma 6 / 0.3, Adam, whitened Fashion-MNIST T-shirt vs Shirt.
# (a) loss ratio, (b) |K(t)|_F, (c) alignment with dashed verticals where
# |K(t)|_F first reaches 10% of its final value (result t_knorm10 / lr),
# (d) bars of |f_NN - f_NTK|/|f_NN| for K_0 and K_inf on the test images.
# silentalign train --arch=wrn.  The sweep variable and its files are
# the defaults below: var = 'b', stem = 'figJ2-b'.
load styledir.'/style.gp'
load styledir.'/result.gp'
load styledir.'/columns.gp'
if (!exists("var")) var = 'b'
if (!exists("stem")) stem = 'figJ2-b'
if (!exists("summary")) summary = 'figJ2d.dat'
set terminal cairolatex pdf input size 6.5in,2.3in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 1,4 margins 0.06,0.99,0.18,0.88 spacing 0.065,0
file(v) = f(sprintf('%s%d.dat', stem, v))
# Trace columns by name (figures/columns.gp), once per file.
array cstep[4]; array ct[4]; array closs[4]; array cnorm[4]; array calign[4]
do for [v=1:4] {
  cstep[v] = col(file(v), 'step'); ct[v] = col(file(v), 't'); closs[v] = col(file(v), 'loss_ratio')
  cnorm[v] = col(file(v), 'k_norm'); calign[v] = col(file(v), 'k_align')
}
set xlabel 'step'
# Two x intervals per panel, so that the tick labels stay apart at the
# report's 8pt labels (the scaled and full tiers run 100 and 3000 steps).
stats file(1) using cstep[1] nooutput
set xtics STATS_max / 2
set title '(a) loss'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$'
set yrange [0:1.05]
set key top right samplen 1.2 spacing 1.2
plot for [v=1:4] file(v) using cstep[v]:closs[v] with lines ls v title sprintf('$%s=%d$', var, v)
set title '(b) kernel norm'
set ylabel '$|K(t)|_F$'
set yrange [0:*]
unset key
plot for [v=1:4] file(v) using cstep[v]:cnorm[v] with lines ls v notitle
set title '(c) kernel alignment'
set ylabel '$\langle y,Ky\rangle/(|K|_F|y|^2)$'
do for [v=1:4] {
  lr = real(system(sprintf("awk '!/^#/ && NF { r = $%d / $%d } END { print r }' '%s'", ct[v], cstep[v], file(v))))
  t10 = result(file(v), 't_knorm10') / lr
  set arrow v from t10, graph 0 to t10, graph 1 nohead dt 2 lw 1.2 lc rgb word("#1f77b4 #ff7f0e #2ca02c #d62728", v)
}
plot for [v=1:4] file(v) using cstep[v]:calign[v] with lines ls v notitle
unset for [v=1:4] arrow v
set title '(d) NTK vs NN'
set xrange [0.5:4.5]
set xtics 1
set xlabel sprintf('$%s$', var)
set ylabel '$|f_{NN}-f_{NTK}|/|f_{NN}|$'
set yrange [0:*]
set style fill solid 0.8 border -1
set boxwidth 0.35
set key top right samplen 1.2
# room above the bars for the key
set offsets 0, 0, graph 0.35, 0
# summary (figures/collect.sh): the sweep variable, disc_k0, disc_kinf.
sv = col(f(summary), var); sk0 = col(f(summary), 'disc_k0'); skinf = col(f(summary), 'disc_kinf')
plot f(summary) using (column(sv)-0.18):sk0 with boxes lc rgb '#1f77b4' title '$K_0$', \
     f(summary) using (column(sv)+0.18):skinf with boxes lc rgb '#ff7f0e' title '$K_\infty$'
unset multiplot
