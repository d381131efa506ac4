/* Sampling grids: see sa_grid.h. */
#include "config.h"

#include "core/sa_grid.h"

#include <math.h>

int sa_grid_fill(double *out, size_t n, double a, double b, int log_spacing)
{
  if (n < 1 || !(b >= a) || (log_spacing && !(a > 0)))
    return -1;
  if (n == 1) {
    out[0] = b;
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    double f = (double)i / (double)(n - 1);
    out[i] = log_spacing ? exp(log(a) + f * (log(b) - log(a))) : a + f * (b - a);
  }
  out[n - 1] = b;
  return 0;
}

int sa_grid_record(double *out, size_t n, double t_first, double t_end, int log_spacing)
{
  if (n == 1 && !log_spacing && t_end > 0) {
    out[0] = t_end;
    return 0;
  }
  if (n < 2)
    return -1;
  return sa_grid_fill(out, n, log_spacing ? t_first : t_end / (double)(n - 1), t_end, log_spacing);
}
