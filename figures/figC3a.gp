# Fig. C.3a: q(t) = beta^T M beta / 2 and r(t) = a^T W beta of the full
# two-layer flow (D = 25, N = 10, sigma = 0.15; solid) against Eqs. (50)-(51)
# with the measured q0 and c0 = q0/2 as in the paper (dashed) or
# c0 = (q0 + r0)/2 (dotted).  silentalign flow and twolayer.
load styledir.'/style.gp'
load styledir.'/columns.gp'
set terminal cairolatex pdf input size 4.2in,2.8in color dashed linewidth 2 font ",8"
set output out.'.tex'
set logscale y
set format y '$10^{%T}$'
set yrange [1e-4:2]
set xlabel '$t$'
set ylabel '$q(t)$, $r(t)$'
set key bottom right samplen 2
# Columns by name (figures/columns.gp), once per file.
ff = f('figC3a.dat'); cf_t = col(ff, 't'); cf_q = col(ff, 'q'); cf_r = col(ff, 'r')
fp = f('figC3a-theory.dat'); cp_t = col(fp, 't'); cp_q = col(fp, 'q_closed'); cp_r = col(fp, 'r_closed')
fq = f('figC3a-theory-q0r0.dat'); cq_t = col(fq, 't'); cq_q = col(fq, 'q_closed'); cq_r = col(fq, 'r_closed')
plot ff using cf_t:cf_q with lines ls 1 title '$q$ (flow)', \
     ff using cf_t:cf_r with lines ls 2 title '$r$ (flow)', \
     fp using cp_t:cp_q with lines ls 11 title 'Eqs. (50)--(51), $c_0=q_0/2$', \
     fp using cp_t:cp_r with lines ls 11 notitle, \
     fq using cq_t:cq_q with lines ls 12 title '$c_0=(q_0+r_0)/2$', \
     fq using cq_t:cq_r with lines ls 12 notitle
