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
set terminal cairolatex pdf input size 6.5in,5.0in color dashed linewidth 2 font ",8"
set output out.'.tex'
set multiplot layout 2,2 margins 0.08,0.9,0.08,0.95 spacing 0.16,0.15
set xlabel '$\log_{10}\sigma$'
unset grid
set style fill solid 1.0 noborder
set cbtics font ",7"
g = f('phase-gamma.dat')
d = f('phase-depth.dat')
learned(c) = (column(10) == 1 ? c : 1/0)
unlearned(c) = (column(10) == 1 ? 1/0 : c)

set palette defined (0.5 '#b2182b', 0.75 '#ef8a62', 1 '#f7f7f7', 1.25 '#67a9cf', 1.5 '#2166ac')
set cbrange [0.5:1.5]
set title '(a) two layers: $A(t_{10\%})/A_\infty$'
set ylabel '$\gamma$' offset -1,0
set yrange [-0.15:1.15]
set ytics 0.25
set xrange [-4.6:0.6]
plot g using 3:1:12:13 with boxxyerror fc rgb '#bbbbbb' notitle, \
     g using (learned($3)):1:12:13:4 with boxxyerror fc palette notitle, \
     g using (unlearned($3)):1 with points pt 2 ps 1 lc rgb '#000000' notitle, \
     g using (learned($3)):1:(sprintf('%.2f', $4)) with labels font ',6' notitle, \
     '-' using 1:2 with points pt 3 ps 1.3 lc rgb '#000000' notitle
-0.62 0.07
e
set palette defined (0 '#ffffcc', 0.5 '#a1dab4', 1 '#41b6c4', 1.5 '#2c7fb8', 2 '#253494')
set cbrange [-3:0]
set cblabel '$\log_{10}$ disc$(K_\infty)$' offset 3,0
set title '(b) two layers: disc$(K_\infty)$; cells: disc$(K_0)$/disc$(K_\infty)$'
plot g using 3:1:12:13 with boxxyerror fc rgb '#bbbbbb' notitle, \
     g using (learned($3)):1:12:13:(log10($8)) with boxxyerror fc palette notitle, \
     g using (unlearned($3)):1 with points pt 2 ps 1 lc rgb '#000000' notitle, \
     g using (learned($3)):1:(sprintf('%.0f', $7/$8)) with labels font ',6' notitle, \
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
plot d using 3:1:12:13 with boxxyerror fc rgb '#bbbbbb' notitle, \
     d using (learned($3)):1:12:13:4 with boxxyerror fc palette notitle, \
     d using (unlearned($3)):1 with points pt 2 ps 1 lc rgb '#000000' notitle, \
     d using (learned($3)):1:(sprintf('%.2f', $4)) with labels font ',6' notitle
set palette defined (0 '#ffffcc', 0.5 '#a1dab4', 1 '#41b6c4', 1.5 '#2c7fb8', 2 '#253494')
set cbrange [-3:0]
set cblabel '$\log_{10}$ disc$(K_\infty)$' offset 3,0
set title '(d) depth: disc$(K_\infty)$; cells: disc$(K_0)$/disc$(K_\infty)$'
plot d using 3:1:12:13 with boxxyerror fc rgb '#bbbbbb' notitle, \
     d using (learned($3)):1:12:13:(log10($8)) with boxxyerror fc palette notitle, \
     d using (unlearned($3)):1 with points pt 2 ps 1 lc rgb '#000000' notitle, \
     d using (learned($3)):1:(sprintf('%.0f', $7/$8)) with labels font ',6' notitle
unset arrow 1
unset multiplot
