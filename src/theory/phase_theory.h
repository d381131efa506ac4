/* The balanced-network theory of the linear phase diagram (report section
 * "Beyond the paper", figures/phase-lin.gp): for a deep linear network of
 * depth L, width N, whitened D-dimensional inputs, teacher norm s and init
 * scale sigma, the predicted t_align/t_1/2 and the fraction of the final
 * kernel alignment in place when |K| first reaches 10% of its final norm.
 * Written from the formulas alone (App. C, E.1), with no code shared with
 * the flow it is compared against (kernel-trace), so that the comparison
 * is a check.
 *
 * Alignment time.  The random part of W1^T W1 at init (W1 is N x D with
 * entries of variance sigma^2/D) has Frobenius norm
 *   R = sigma^2 sqrt(N (N + D + 1) / D)
 * and overlap a = N sigma^2 / D with beta beta^T; cos(W1^T W1, beta beta^T)
 * = 1/2 once the beta-part g solves 3 g^2 + 6 g a + 4 a^2 - R^2 = 0:
 *   g = -a + sqrt((R^2 - a^2) / 3)   (R > a for every N, D).
 * That part grows as q0 (cosh 2st - 1), q0 = sigma^2 (1 + N/D) / 2
 * (Eq. 36), for L = 2, and as u^2 - sigma^2 along du/dt = s u^{L-1}
 * (Phase I of App. E.1) for L >= 3; t_1/2 is the logistic
 * ln(1 + (sqrt2 - 1) s/c0)/(2s), c0 = q0/2 (L = 2), and the small-sigma
 * form sigma^{2-L}/((L-2) s) with u0 = sigma (L >= 3).  So
 *   L = 2:  t_align/t_1/2 = acosh(1 + g/q0) / ln(1 + (sqrt2 - 1) s/c0),
 *   L >= 3: t_align/t_1/2 = 1 - (1 + g/sigma^2)^{(2-L)/2}   (sigma-free).
 * Alignment fraction.  K_0 = sigma^{2(L-1)} (1 + (L-1) N/D) X^T X (the mean
 * NTK at init, whitened X) and K_inf = s^{(2L-2)/L} X^T [(L-1) beta beta^T
 * + I] X (Eq. 63 corrected), so
 *   k0 = |K_0|/|K_inf| = sigma^{2(L-1)} (1 + (L-1) N/D) sqrt(D)
 *                        / (s^{(2L-2)/L} sqrt(L^2 + D - 1));
 * with the aligned part carrying the rest of the norm at the 10%-norm time,
 *   fraction = 1 - min(1, k0/0.1) (1 - A_0/A_inf),
 *   A_0 = 1/sqrt(D),  A_inf = L/sqrt(L^2 + D - 1).
 * Statuses follow core/sa_errno.h. */
#ifndef SA_PHASE_THEORY_H
#define SA_PHASE_THEORY_H

typedef struct {
  double ratio; /* t_align / t_1/2 */
  double frac;  /* A(t_10%) / A_inf */
  double k0;    /* |K_0|_F / |K_inf|_F */
} sa_phase_lin_pred;

/* The three predictions above for depth L >= 2, sigma, D, N, s > 0:
 * GSL_SUCCESS, or GSL_EDOM with the message (nothing written) for inputs
 * outside that range. */
int sa_phase_lin_theory(int L, double sigma, double D, double N, double s, sa_phase_lin_pred *p);

#endif
