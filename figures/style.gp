# Shared gnuplot style for every figure of the report.
# Each figure script is called as
#   gnuplot -e "out='NAME'; datadir='DIR'" figures/NAME.gp
# from the build's figures/build directory; it loads this file, which sets
# the cairolatex terminal so that LaTeX typesets every label.
set terminal cairolatex pdf input size 5.2in,3.2in color dashed linewidth 2 font ",8"
set output out.'.tex'
set border 3 lw 1
set tics nomirror
set key top right spacing 1.4 samplen 2.5
set grid lw 0.5 lc rgb '#dddddd'
# Simulation / numerical solution: solid; theory: dashed, dark.
set style line 1 lc rgb '#1f77b4' lw 2 dt 1
set style line 2 lc rgb '#ff7f0e' lw 2 dt 1
set style line 3 lc rgb '#2ca02c' lw 2 dt 1
set style line 4 lc rgb '#d62728' lw 2 dt 1
set style line 5 lc rgb '#9467bd' lw 2 dt 1
set style line 6 lc rgb '#8c564b' lw 2 dt 1
set style line 11 lc rgb '#000000' lw 1.5 dt 2
set style line 12 lc rgb '#555555' lw 1.5 dt 3
f(name) = datadir.'/'.name
# Perceptual colour map for heat maps (viridis, sampled at nine points):
# '@viridis' in a script sets it.
viridis = "set palette defined (0 '#440154', 0.125 '#472d7b', 0.25 '#3b528b', 0.375 '#2c728e', 0.5 '#21918c', 0.625 '#28ae80', 0.75 '#5ec962', 0.875 '#addc30', 1 '#fde725')"
