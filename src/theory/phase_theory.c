/* The balanced-network theory of the linear phase diagram: see
 * phase_theory.h. */
#include "config.h"

#include "theory/phase_theory.h"

#include "core/sa_errno.h"

#include <math.h>

int sa_phase_lin_theory(int L, double sigma, double D, double N, double s, sa_phase_lin_pred *p)
{
  if (L < 2 || !(sigma > 0) || !(D > 0) || !(N > 0) || !(s > 0))
    return sa_error(GSL_EDOM,
                    "no phase-diagram theory for L = %d, sigma = %g, D = %g, N = %g, s = %g "
                    "(needs L >= 2 and positive sigma, D, N, s)",
                    L, sigma, D, N, s);
  double s2 = sigma * sigma;
  /* the beta-part g of W1^T W1 at cos = 1/2 */
  double a = N * s2 / D;
  double R = s2 * sqrt(N * (N + D + 1) / D);
  double g = -a + sqrt((R * R - a * a) / 3);
  double ratio;
  if (L == 2) {
    double q0 = s2 * (1 + N / D) / 2, c0 = q0 / 2;
    ratio = acosh(1 + g / q0) / log(1 + (sqrt(2.0) - 1) * s / c0);
  } else
    ratio = 1 - pow(1 + g / s2, (2.0 - L) / 2);
  double k0 = pow(sigma, 2.0 * (L - 1)) * (1 + (L - 1) * N / D) * sqrt(D) /
              (pow(s, (2.0 * L - 2) / L) * sqrt((double)L * L + D - 1));
  double A0 = 1 / sqrt(D), Ainf = L / sqrt((double)L * L + D - 1);
  double m = fmin(1.0, k0 / 0.1);
  p->ratio = ratio;
  p->frac = 1 - m * (1 - A0 / Ainf);
  p->k0 = k0;
  return GSL_SUCCESS;
}
