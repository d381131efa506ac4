/* Crossings and least-squares slopes of a sampled series: see sa_series.h. */
#include "config.h"

#include "core/sa_series.h"

#include "core/sa_errno.h"

/* ANCHOR: series_crossing */
int sa_series_crossing(const double *x, const double *y, size_t n, double v, double *x_cross)
{
  for (size_t k = 1; k < n; k++) {
    double py = y[k - 1], cy = y[k];
    if ((py - v) * (cy - v) <= 0 && py != cy) {
      *x_cross = x[k - 1] + (v - py) * (x[k] - x[k - 1]) / (cy - py);
      return GSL_SUCCESS;
    }
  }
  return sa_error(GSL_EDOM, "the series (%zu samples) never crosses %g", n, v);
}
/* END: series_crossing */

int sa_series_slope(const double *x, const double *y, size_t n, double *slope)
{
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t k = 0; k < n; k++) {
    sx += x[k];
    sy += y[k];
    sxx += x[k] * x[k];
    sxy += x[k] * y[k];
  }
  double m = (double)n, den = m * sxx - sx * sx;
  if (n < 2 || !(den != 0))
    return sa_error(GSL_EDOM, "no least-squares slope through %zu points with these abscissae", n);
  *slope = (m * sxy - sx * sy) / den;
  return GSL_SUCCESS;
}
