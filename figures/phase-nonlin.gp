# Phase diagrams of silent alignment in ReLU networks (section "Beyond the
# paper"), from `silentalign sweep` over `train` (Fashion-MNIST T-shirt vs
# Shirt, P = 100, N = 100, GD lr 0.2).  Top: two layers, partial whitening
# gamma (0 whitened, 1 raw) against sigma; bottom: depth L on whitened data
# against sigma.  Left: A(t_10%)/A_inf, the fraction of the final alignment
# in place when |K| first reaches 10% of its final value (1: silent; white
# at 1, red below, blue above).  Right: log10 of the K_inf discrepancy
# |f_NN - f_Kinf|/|f_NN| on 100 test images (colour) with the ratio
# disc(K_0)/disc(K_inf) printed in each cell.  Grey cells with a cross: the
# loss did not fall below half its initial value in the step budget.  The
# star marks the paper's Fig. 1c setting (gamma = 0, sigma = 0.1); the paper
# states no sigma for Figs. 4 and E.2 (the dotted line: our Fig. E.2 sigma).
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 6.5in,5.0in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 2,2 margins 0.08,0.9,0.08,0.95 spacing 0.16,0.15
set xlabel '$\log_{10}\sigma$'
unset grid
set style fill solid 1.0 noborder
set cbtics font ",7"
g = f('phase-gamma.dat')
d = f('phase-depth.dat')
# Columns by name (figures/columns.gp), once per file (figures/phase.sh
# train: the axis, sigma, log10sigma, frac_knorm10, disc_k0, disc_kinf,
# learned, half_dx, half_dy).
gy = col(g, 'gamma'); gx = col(g, 'log10sigma'); gfr = col(g, 'frac_knorm10'); gk0 = col(g, 'disc_k0')
gkinf = col(g, 'disc_kinf'); gl = col(g, 'learned'); gdx = col(g, 'half_dx'); gdy = col(g, 'half_dy')
dy = col(d, 'L'); dx = col(d, 'log10sigma'); dfr = col(d, 'frac_knorm10'); dk0 = col(d, 'disc_k0')
dkinf = col(d, 'disc_kinf'); dl = col(d, 'learned'); ddx = col(d, 'half_dx'); ddy = col(d, 'half_dy')
# c where the column l (learned) is 1, else undefined; and the reverse.
learned(l, c) = (column(l) == 1 ? c : 1/0)
unlearned(l, c) = (column(l) == 1 ? 1/0 : c)

set palette defined (0.5 '#b2182b', 0.75 '#ef8a62', 1 '#f7f7f7', 1.25 '#67a9cf', 1.5 '#2166ac')
set cbrange [0.5:1.5]
set title '(a) two layers: $A(t_{10\%})/A_\infty$'
set ylabel '$\gamma$' offset -1,0
set yrange [-0.15:1.15]
set ytics 0.25
set xrange [-4.6:0.6]
plot g using gx:gy:gdx:gdy with boxxyerror fc rgb '#bbbbbb' notitle, \
     g using (learned(gl, column(gx))):gy:gdx:gdy:gfr with boxxyerror fc palette notitle, \
     g using (unlearned(gl, column(gx))):gy with points pt 2 ps 1 lc rgb '#000000' notitle, \
     g using (learned(gl, column(gx))):gy:(sprintf('%.2f', column(gfr))) with labels font ',6' notitle, \
     '-' using 1:2 with points pt 3 ps 1.3 lc rgb '#000000' notitle
-0.62 0.07
e
set palette defined (0 '#ffffcc', 0.5 '#a1dab4', 1 '#41b6c4', 1.5 '#2c7fb8', 2 '#253494')
set cbrange [-3:0]
set cblabel '$\log_{10}$ disc$(K_\infty)$' offset 3,0
set title '(b) two layers: disc$(K_\infty)$; cells: disc$(K_0)$/disc$(K_\infty)$'
plot g using gx:gy:gdx:gdy with boxxyerror fc rgb '#bbbbbb' notitle, \
     g using (learned(gl, column(gx))):gy:gdx:gdy:(log10(column(gkinf))) with boxxyerror fc palette notitle, \
     g using (unlearned(gl, column(gx))):gy with points pt 2 ps 1 lc rgb '#000000' notitle, \
     g using (learned(gl, column(gx))):gy:(sprintf('%.0f', column(gk0)/column(gkinf))) with labels font ',6' notitle, \
     '-' using 1:2 with points pt 3 ps 1.3 lc rgb '#000000' notitle
-0.62 0.07
e
unset cblabel
set palette defined (0.5 '#b2182b', 0.75 '#ef8a62', 1 '#f7f7f7', 1.25 '#67a9cf', 1.5 '#2166ac')
set cbrange [0.5:1.5]
set title '(c) depth, whitened: $A(t_{10\%})/A_\infty$'
set ylabel '$L$' offset -1,0
set yrange [1.4:4.6]
set ytics 1
set format y '%g'
set xrange [-1.9:0.3]
set arrow 1 from log10(0.4),1.4 to log10(0.4),4.6 nohead dt 3 lc rgb '#000000' front
plot d using dx:dy:ddx:ddy with boxxyerror fc rgb '#bbbbbb' notitle, \
     d using (learned(dl, column(dx))):dy:ddx:ddy:dfr with boxxyerror fc palette notitle, \
     d using (unlearned(dl, column(dx))):dy with points pt 2 ps 1 lc rgb '#000000' notitle, \
     d using (learned(dl, column(dx))):dy:(sprintf('%.2f', column(dfr))) with labels font ',6' notitle
set palette defined (0 '#ffffcc', 0.5 '#a1dab4', 1 '#41b6c4', 1.5 '#2c7fb8', 2 '#253494')
set cbrange [-3:0]
set cblabel '$\log_{10}$ disc$(K_\infty)$' offset 3,0
set title '(d) depth: disc$(K_\infty)$; cells: disc$(K_0)$/disc$(K_\infty)$'
plot d using dx:dy:ddx:ddy with boxxyerror fc rgb '#bbbbbb' notitle, \
     d using (learned(dl, column(dx))):dy:ddx:ddy:(log10(column(dkinf))) with boxxyerror fc palette notitle, \
     d using (unlearned(dl, column(dx))):dy with points pt 2 ps 1 lc rgb '#000000' notitle, \
     d using (learned(dl, column(dx))):dy:(sprintf('%.0f', column(dk0)/column(dkinf))) with labels font ',6' notitle
unset arrow 1
unset multiplot
