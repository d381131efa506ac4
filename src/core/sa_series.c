/* Crossings, interpolated values and least-squares fits of a sampled
 * series: see sa_series.h. */
#include "config.h"

#include "core/sa_series.h"

#include "core/sa_errno.h"

#include <math.h>

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

int sa_series_crossing_lnx(const double *x, const double *y, size_t n, double v, double *x_cross)
{
  for (size_t k = 0; k < n; k++) {
    if (!(x[k] > 0))
      return sa_error(GSL_EDOM, "no crossing on a log axis: sample %zu has x = %g", k, x[k]);
    if (k == 0)
      continue;
    double py = y[k - 1], cy = y[k];
    if ((py - v) * (cy - v) <= 0 && py != cy) {
      double l0 = log(x[k - 1]), l1 = log(x[k]);
      *x_cross = exp(l0 + (v - py) * (l1 - l0) / (cy - py));
      return GSL_SUCCESS;
    }
  }
  return sa_error(GSL_EDOM, "the series (%zu samples) never crosses %g", n, v);
}

int sa_series_first_below(const double *x, const double *y, size_t n, double v, double *x_cross)
{
  for (size_t k = 0; k < n; k++) {
    if (!(y[k] <= v))
      continue;
    if (k == 0)
      *x_cross = x[0];
    else if (y[k - 1] > v)
      *x_cross = x[k - 1] + (v - y[k - 1]) * (x[k] - x[k - 1]) / (y[k] - y[k - 1]);
    else
      *x_cross = x[k];
    return GSL_SUCCESS;
  }
  return sa_error(GSL_EDOM, "the series (%zu samples) never reaches %g or below", n, v);
}

int sa_series_value_at(const double *x, const double *y, size_t n, double x_at, double *y_at)
{
  if (n == 0 || isnan(x_at))
    return sa_error(GSL_EDOM, "no value at x = %g of a series of %zu samples", x_at, n);
  if (x_at <= x[0]) {
    *y_at = y[0];
    return GSL_SUCCESS;
  }
  for (size_t k = 1; k < n; k++)
    if (x[k] >= x_at) {
      double w = (x_at - x[k - 1]) / (x[k] - x[k - 1]); /* every earlier x < x_at: no 0/0 */
      *y_at = y[k - 1] + w * (y[k] - y[k - 1]);
      return GSL_SUCCESS;
    }
  *y_at = y[n - 1];
  return GSL_SUCCESS;
}

/* The least-squares line through (t(x_k), y_k), t(x) = x or 1/x: sums in
 * index order, then b and a as in sa_series.h. */
static int line_fit(const double *x, const double *y, size_t n, int inverse, double *b, double *a)
{
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t k = 0; k < n; k++) {
    if (inverse && x[k] == 0)
      return sa_error(GSL_EDOM, "no floor-model fit: sample %zu has x = 0", k);
    double t = inverse ? 1 / x[k] : x[k];
    sx += t;
    sy += y[k];
    sxx += t * t;
    sxy += t * y[k];
  }
  double m = (double)n, den = m * sxx - sx * sx;
  if (n < 2 || !(den != 0))
    return sa_error(GSL_EDOM, "no least-squares %s through %zu points with these abscissae",
                    inverse ? "floor model" : "line", n);
  double slope = (m * sxy - sx * sy) / den;
  *b = slope;
  if (a)
    *a = (sy - slope * sx) / m;
  return GSL_SUCCESS;
}

int sa_series_slope(const double *x, const double *y, size_t n, double *slope)
{
  return line_fit(x, y, n, 0, slope, NULL);
}

int sa_series_line(const double *x, const double *y, size_t n, double *slope, double *intercept)
{
  return line_fit(x, y, n, 0, slope, intercept);
}

int sa_series_floor(const double *x, const double *y, size_t n, double *y_inf, double *c)
{
  return line_fit(x, y, n, 1, c, y_inf);
}

int sa_series_powerlaw_reach(const double *lnx, const double *lny, size_t n, double v, double *x)
{
  if (!(v > 0))
    return sa_error(GSL_EDOM, "a power law reaches only positive levels, not %g", v);
  double b, a;
  int st = line_fit(lnx, lny, n, 0, &b, &a);
  if (st)
    return st;
  if (b == 0)
    return sa_error(GSL_EDOM, "a flat power law (slope 0) never reaches %g", v);
  *x = exp((log(v) - a) / b);
  return GSL_SUCCESS;
}
