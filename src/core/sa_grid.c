/* Sampling grids: see sa_grid.h. */
#include "config.h"

#include "core/sa_grid.h"

#include "core/sa_errno.h"

#include <math.h>

int sa_grid_fill(double *out, size_t n, double a, double b, int log_spacing)
{
  if (n < 1 || !(b >= a) || (log_spacing && !(a > 0)))
    return sa_error(GSL_EINVAL, "grid of %zu points from %g to %g%s: need n >= 1, a <= b%s", n, a,
                    b, log_spacing ? " (log)" : "", log_spacing ? " and a > 0" : "");
  if (n == 1) {
    out[0] = b;
    return GSL_SUCCESS;
  }
  for (size_t i = 0; i < n; i++) {
    double f = (double)i / (double)(n - 1);
    out[i] = log_spacing ? exp(log(a) + f * (log(b) - log(a))) : a + f * (b - a);
  }
  out[n - 1] = b;
  return GSL_SUCCESS;
}

int sa_grid_record(double *out, size_t n, double t_first, double t_end, int log_spacing)
{
  if (n == 1 && !log_spacing && t_end > 0) {
    out[0] = t_end;
    return GSL_SUCCESS;
  }
  if (n < 2)
    return sa_error(GSL_EINVAL, "recording grid of %zu point%s up to t_end = %g: need 2 or more", n,
                    n == 1 ? "" : "s", t_end);
  return sa_grid_fill(out, n, log_spacing ? t_first : t_end / (double)(n - 1), t_end, log_spacing);
}
