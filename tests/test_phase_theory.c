/* Tests of the balanced-network theory of the linear phase diagram
 * (src/theory/phase_theory.h) by an independent route: the root g of
 * 3 g^2 + 6 g a + 4 a^2 - R^2 = 0 from gsl_poly_solve_quadratic, the
 * alignment time solved from the growth laws themselves (L = 2:
 * q0 (cosh 2st - 1) = g; L >= 3: u^2 - sigma^2 = g along du/dt = s u^{L-1},
 * u^{2-L} = sigma^{2-L} - (L-2) s t), and t_1/2 from the two-layer logistic
 * (sa_twolayer_t_half, Eq. 49) or the small-sigma form sigma^{2-L}/((L-2)s):
 *  - t_align/t_1/2 at L = 2..6 and sigma = 1e-3 .. 0.3 (D = 30, N = 50,
 *    s = 1, the report's grid; and s = 2.385);
 *  - for L >= 3 the ratio does not depend on sigma;
 *  - k0 = |K_0|/|K_inf| scales as sigma^{2(L-1)} and equals the formula at
 *    one point; the fraction is A_0/A_inf = sqrt(L^2 + D - 1)/(L sqrt(D))
 *    once k0 >= 0.1, and 1 - (k0/0.1)(1 - A_0/A_inf) below;
 *  - L < 2 or a non-positive sigma, D, N, s: GSL_EDOM, nothing written.
 * Tolerances: 1e-12 relative (a few dozen rounded operations on numbers of
 * order 1e-6..10; the two routes evaluate different but equivalent
 * expressions, and acosh(1 + x) at x ~ 0.3 amplifies rounding by < 3). */
#include "config.h"

#include "core/sa_errno.h"
#include "tap.h"
#include "theory/phase_theory.h"
#include "theory/twolayer.h"

#include <gsl/gsl_poly.h>
#include <math.h>

/* t_align/t_1/2 by the route in the header comment. */
static double ratio_oracle(int L, double sigma, double D, double N, double s)
{
  double s2 = sigma * sigma, a = N * s2 / D, R2 = s2 * s2 * N * (N + D + 1) / D;
  double g0, g1;
  gsl_poly_solve_quadratic(3.0, 6.0 * a, 4.0 * a * a - R2, &g0, &g1);
  double g = g1 > g0 ? g1 : g0; /* the positive root */
  if (L == 2) {
    double q0 = s2 * (1 + N / D) / 2;
    double t_align = acosh(1 + g / q0) / (2 * s);
    return t_align / sa_twolayer_t_half(s, q0 / 2);
  }
  double t_half = pow(sigma, 2.0 - L) / ((L - 2) * s);
  double t_align = (pow(sigma, 2.0 - L) - pow(s2 + g, (2.0 - L) / 2)) / ((L - 2) * s);
  return t_align / t_half;
}

int main(void)
{
  const double sigmas[] = {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3};
  const double D = 30, N = 50;
  sa_phase_lin_pred p;
  for (int L = 2; L <= 6; L++) {
    double worst = 0, worst_s = 0;
    int ok = 1;
    for (int i = 0; i < 6; i++) {
      for (int k = 0; k < 2; k++) {
        double s = k ? 2.385 : 1.0;
        ok = ok && sa_phase_lin_theory(L, sigmas[i], D, N, s, &p) == GSL_SUCCESS;
        double want = ratio_oracle(L, sigmas[i], D, N, s), e = fabs(p.ratio - want) / want;
        if (e > worst || !(e == e)) {
          worst = e;
          worst_s = sigmas[i];
        }
      }
    }
    tap_ok(ok && worst <= 1e-12,
           "L = %d: t_align/t_1/2 equals the growth-law solution at 6 sigmas, s = 1 and 2.385 "
           "(worst relative difference %.2e at sigma = %g)",
           L, worst, worst_s);
  }
  for (int L = 3; L <= 6; L++) {
    sa_phase_lin_pred lo, hi;
    sa_phase_lin_theory(L, 1e-3, D, N, 1.0, &lo);
    sa_phase_lin_theory(L, 0.3, D, N, 1.0, &hi);
    tap_rel(hi.ratio, lo.ratio, 1e-12, "L = %d: t_align/t_1/2 does not depend on sigma (%.6f)", L,
            lo.ratio);
  }
  sa_phase_lin_pred a, b;
  sa_phase_lin_theory(4, 1e-2, D, N, 2.385, &a);
  sa_phase_lin_theory(4, 2e-2, D, N, 2.385, &b);
  tap_rel(b.k0 / a.k0, 64.0, 1e-12,
          "k0 scales as sigma^{2(L-1)}: doubling sigma at L = 4 gives 2^6");
  double want = pow(1e-2, 6.0) * (1 + 3 * N / D) * sqrt(D) / (pow(2.385, 1.5) * sqrt(16 + D - 1));
  tap_rel(a.k0, want, 1e-12, "k0 at L = 4, sigma = 1e-2, s = 2.385 is the formula (%.6e)", want);
  sa_phase_lin_pred c;
  sa_phase_lin_theory(3, 0.3, D, N, 1.0, &c);
  double ratio3 = sqrt(9 + D - 1) / (3 * sqrt(D)); /* A_0/A_inf at L = 3 */
  tap_ok(c.k0 > 0.01 && c.k0 < 0.1, "L = 3, sigma = 0.3: 0.01 < k0 = %.3g < 0.1", c.k0);
  tap_rel(c.frac, 1 - c.k0 / 0.1 * (1 - ratio3), 1e-12,
          "k0 < 0.1: fraction 1 - (k0/0.1)(1 - A_0/A_inf) (%.6f)", c.frac);
  double ratio_A = sqrt(16 + D - 1) / (4 * sqrt(D)); /* A_0/A_inf at L = 4 */
  sa_phase_lin_theory(4, 1.0, D, N, 1.0, &b);
  tap_ok(b.k0 >= 0.1, "sigma = 1, L = 4: k0 = %.3g >= 0.1", b.k0);
  tap_rel(b.frac, ratio_A, 1e-14, "k0 >= 0.1: the fraction is A_0/A_inf (%.6f)", ratio_A);
  p.ratio = -7;
  int st = sa_phase_lin_theory(1, 0.1, D, N, 1.0, &p);
  tap_ok(st == GSL_EDOM && p.ratio == -7, "L = 1: GSL_EDOM, nothing written (%s)",
         sa_error_message());
  st = sa_phase_lin_theory(3, 0.0, D, N, 1.0, &p);
  tap_ok(st == GSL_EDOM && p.ratio == -7, "sigma = 0: GSL_EDOM");
  st = sa_phase_lin_theory(3, 0.1, D, N, -1.0, &p);
  tap_ok(st == GSL_EDOM && p.ratio == -7, "s < 0: GSL_EDOM");
  return tap_done();
}
