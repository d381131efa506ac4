# Fig. J.1: the Wide ResNet of Fig. 1d,e (Neural Tangents layout, no batch norm, no biases;
# sigma 6 first conv / 0.3 others, Adam) on UNWHITENED (gamma = 1) Fashion-MNIST T-shirt vs
# Shirt (the stand-in for CIFAR-10).  (d) loss ratio, alignment and
# |K(t)|_F / |K_final|_F against the step, with a dashed vertical where
# |K(t)|_F first reaches 10% of its final value (result t_knorm10, in
# t = lr step, divided by lr here); (e) test predictions of kernel regression
# with K_0 and K_inf against the network's.  silentalign train --arch=wrn.
load styledir.'/style.gp'
load styledir.'/result.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,2.6in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot
# Columns by name (figures/columns.gp), once per file.
ft = f('figJ1a.dat'); cstep = col(ft, 'step'); ct = col(ft, 't'); closs = col(ft, 'loss_ratio')
cnorm = col(ft, 'k_norm'); calign = col(ft, 'k_align')
fp = f('figJ1b.dat'); cnn = col(fp, 'f_nn'); ck0 = col(fp, 'f_k0'); ckinf = col(fp, 'f_kinf')
# lr = t/step on the last row; kfin = |K|_F on the last row
lr = real(system(sprintf("awk '!/^#/ && NF { r = $%d / $%d } END { print r }' '%s'", ct, cstep, ft)))
kfin = real(system(sprintf("awk '!/^#/ && NF { k = $%d } END { print k }' '%s'", cnorm, ft)))
t10 = result(ft, 't_knorm10') / lr
set title '(a) Wide ResNet dynamics (unwhitened)'
set origin 0,0
set size 0.58,1
set xlabel 'step'
set ylabel '$\mathcal{L}_t/\mathcal{L}_0$, $|K|_F/|K_\infty|_F$, alignment'
set yrange [0:1.2]
set key at graph 0.98,0.35 right samplen 1.5 opaque
set arrow 1 from t10, graph 0 to t10, graph 1 nohead dt 2 lw 1.5 lc rgb '#ff7f0e'
plot ft using cstep:closs with lines ls 1 title 'loss', \
     ft using cstep:(column(cnorm)/kfin) with lines ls 2 title '$|K(t)|_F/|K_\infty|_F$', \
     ft using cstep:calign with lines ls 3 title 'alignment'
unset arrow 1
set title '(b) test predictions'
set origin 0.58,0
set size 0.42,1
set xlabel 'test prediction NN'
set ylabel 'test prediction NTK'
set size ratio -1
set autoscale xy
set key top left samplen 1 spacing 1.4
plot fp using cnn:ck0 with points pt 7 ps 0.3 lc rgb '#1f77b4' title '$K_0$', \
     fp using cnn:ckinf with points pt 7 ps 0.3 lc rgb '#ff7f0e' title '$K_\infty$', \
     x with lines ls 12 notitle
unset multiplot
