# Fig. C.1: as Fig. 2 for anisotropic data, Sigma = diag(1, 0.1) (P = 2):
# the Phase-I spike points along Sigma beta, the final one along beta.
stem = 'figC1'
tlabels = '$t=8\approx t_1$|$t=150\approx\infty$'
lim = 1.5
load styledir.'/fig2.gp'
