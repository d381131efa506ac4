/* Tests of the crossings and least-squares slopes of sampled series
 * (src/core/sa_series.h), against exact cases and an independent route:
 *  - crossings of lines sampled at uneven x, upward and downward, where the
 *    interpolation is exact; a sample on the level; a flat stretch on the
 *    level (skipped: y_{k-1} = y_k); NaN samples; no crossing (GSL_EDOM,
 *    the result untouched);
 *  - slopes of exact lines and of a power law in logs, and of scattered
 *    points against GSL's gsl_fit_linear (mean-centred sums, a different
 *    formula); fewer than 2 points or equal abscissae (GSL_EDOM).
 * Tolerances: 1e-14 relative for the exact cases (a few rounded
 * operations on numbers of order 1-100); 1e-12 against gsl_fit_linear
 * (two summation orders over 50 points of order 1-10). */
#include "config.h"

#include "core/sa_errno.h"
#include "core/sa_series.h"
#include "tap.h"

#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>

static void test_crossing(void)
{
  const double x[] = {0.0, 0.5, 2.0, 3.0, 7.0};
  double y[5], xc = -1;
  for (int k = 0; k < 5; k++)
    y[k] = 2.0 * x[k] + 1.0; /* 1, 2, 5, 7, 15 */
  int st = sa_series_crossing(x, y, 5, 6.0, &xc);
  tap_ok(st == GSL_SUCCESS, "upward crossing found");
  tap_rel(xc, 2.5, 1e-14, "upward crossing of y = 2x + 1 at 6 is x = 2.5");
  for (int k = 0; k < 5; k++)
    y[k] = 10.0 - 1.5 * x[k]; /* 10, 9.25, 7, 5.5, -0.5 */
  st = sa_series_crossing(x, y, 5, 4.0, &xc);
  tap_rel(xc, 4.0, 1e-14,
          "downward crossing of y = 10 - 1.5x at 4 is x = 4 (between samples 3 and 7)");
  const double yon[] = {3.0, 2.0, 1.0, 0.0, -1.0};
  st = sa_series_crossing(x, yon, 5, 2.0, &xc);
  tap_ok(st == GSL_SUCCESS && xc == 0.5, "a sample on the level: its own x (%g)", xc);
  const double yflat[] = {2.0, 2.0, 1.0, 0.0, -1.0};
  st = sa_series_crossing(x, yflat, 5, 2.0, &xc);
  tap_ok(st == GSL_SUCCESS && xc == 0.5,
         "flat start on the level: the last flat sample before it leaves (%g)", xc);
  const double ynan[] = {1.0, NAN, 3.0, 4.0, 1.0};
  st = sa_series_crossing(x, ynan, 5, 2.0, &xc);
  tap_rel(xc, 3.0 + 4.0 * 2.0 / 3.0, 1e-14,
          "a NaN sample brackets nothing: the first crossing is the one after it (4 -> 1)");
  const double yup[] = {1.0, 2.0, 3.0, 4.0, 5.0};
  xc = -7;
  st = sa_series_crossing(x, yup, 5, 9.0, &xc);
  tap_ok(st == GSL_EDOM && xc == -7, "no crossing: GSL_EDOM, result untouched (%s)",
         sa_error_message());
  st = sa_series_crossing(x, yup, 1, 1.0, &xc);
  tap_ok(st == GSL_EDOM, "one sample: no crossing");
}

static void test_slope(void)
{
  const double x[] = {1.0, 2.0, 4.0, 8.0, 16.0};
  double y[5], b = 0;
  for (int k = 0; k < 5; k++)
    y[k] = 3.0 * x[k] - 2.0;
  int st = sa_series_slope(x, y, 5, &b);
  tap_ok(st == GSL_SUCCESS, "slope of a line computed");
  tap_rel(b, 3.0, 1e-14, "slope of y = 3x - 2 is 3");
  double lx[5], ly[5];
  for (int k = 0; k < 5; k++) {
    lx[k] = log(x[k]);
    ly[k] = log(5.0 * pow(x[k], -1.5));
  }
  sa_series_slope(lx, ly, 5, &b);
  tap_rel(b, -1.5, 1e-14, "log-log slope of y = 5 x^-1.5 is -1.5");

  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 7);
  double sx[50], sy[50];
  for (int k = 0; k < 50; k++) {
    sx[k] = 1.0 + 9.0 * gsl_rng_uniform(r);
    sy[k] = 0.7 * sx[k] + gsl_ran_gaussian(r, 1.0);
  }
  gsl_rng_free(r);
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear(sx, 1, sy, 1, 50, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  sa_series_slope(sx, sy, 50, &b);
  tap_rel(b, c1, 1e-12, "scattered points: slope equals gsl_fit_linear's (%.6f)", c1);

  b = -7;
  st = sa_series_slope(x, y, 1, &b);
  tap_ok(st == GSL_EDOM && b == -7, "one point: GSL_EDOM, result untouched");
  const double xeq[] = {2.0, 2.0, 2.0};
  st = sa_series_slope(xeq, y, 3, &b);
  tap_ok(st == GSL_EDOM, "equal abscissae: GSL_EDOM (%s)", sa_error_message());
}

int main(void)
{
  test_crossing();
  test_slope();
  return tap_done();
}
