/* Tests of the crossings and least-squares fits of sampled series
 * (src/core/sa_series.h), against exact cases and an independent route:
 *  - crossings of lines sampled at uneven x, upward and downward, where the
 *    interpolation is exact; a sample on the level; a flat stretch on the
 *    level (skipped: y_{k-1} = y_k); NaN samples; no crossing (GSL_EDOM,
 *    the result untouched);
 *  - the crossing on a logarithmic x axis: y linear in ln x sampled on an
 *    uneven geometric grid, upward and downward (the interpolation in ln x
 *    is exact); the same number as the plain crossing of (ln x, y) mapped
 *    back by exp; a non-positive x (GSL_EDOM, the result untouched); no
 *    crossing;
 *  - first passage at or below a level on a falling, non-monotone series
 *    with dyadic samples (exact interpolation); agreement with the crossing
 *    when the series starts above the level; the cases where the two rules
 *    differ (a start at or below the level, a rise through it); a NaN
 *    before the passage; never reached (GSL_EDOM, untouched);
 *  - the value at a given x: exact on a line sampled at uneven x, at a
 *    sample, the chord of a parabola between samples, the first of two
 *    samples with the same x, held constant before the first and after the
 *    last sample; the inverse of the crossing (the value at the crossing
 *    of level v is v); no samples or a NaN x (GSL_EDOM, untouched);
 *  - slopes and intercepts of exact lines and of a power law in logs, of a
 *    sub-range of rows (a series with a kink), and of scattered points
 *    against GSL's gsl_fit_linear (mean-centred sums, a different formula);
 *    fewer than 2 points or equal abscissae (GSL_EDOM);
 *  - the floor model y = y_inf + c/x on exact data and on scattered data
 *    against gsl_fit_linear in 1/x; x = 0 (GSL_EDOM).
 * Tolerances: 1e-14 relative for the exact cases (a few rounded
 * operations on numbers of order 1-100); 1e-12 against gsl_fit_linear
 * (two summation orders over 50 points of order 1-10); 1e-12 for the exact
 * floor model (the intercept is a difference of sums of order 1e-2 that
 * cancel to a few parts in ten, and the denominator n Sxx - Sx^2 loses
 * about two digits for x = 100..4000). */
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

static void test_crossing_lnx(void)
{
  const double x[] = {0.5, 1.0, 4.0, 16.0, 20.0};
  double y[5], lx[5], xc = -1, xl = -2;
  for (int k = 0; k < 5; k++) {
    y[k] = 2.0 * log(x[k]) + 1.0;
    lx[k] = log(x[k]);
  }
  int st = sa_series_crossing_lnx(x, y, 5, 3.0, &xc);
  tap_ok(st == GSL_SUCCESS, "crossing on a log axis found");
  tap_rel(xc, exp(1.0), 1e-14, "y = 2 ln x + 1 crosses 3 at x = e (between samples 1 and 4)");
  sa_series_crossing(lx, y, 5, 3.0, &xl);
  tap_ok(xc == exp(xl), "equals exp of the plain crossing of (ln x, y) (%.17g)", xc);
  for (int k = 0; k < 5; k++)
    y[k] = 4.0 - log(x[k]); /* falling */
  sa_series_crossing_lnx(x, y, 5, 1.5, &xc);
  tap_rel(xc, exp(2.5), 1e-14, "downward: y = 4 - ln x crosses 1.5 at x = e^2.5 (%g)", xc);
  const double xbad[] = {1.0, 0.0, 4.0};
  xc = -7;
  st = sa_series_crossing_lnx(xbad, y, 3, 3.0, &xc);
  tap_ok(st == GSL_EDOM && xc == -7, "x = 0 before the bracket: GSL_EDOM, untouched (%s)",
         sa_error_message());
  st = sa_series_crossing_lnx(x, y, 5, 10.0, &xc);
  tap_ok(st == GSL_EDOM && xc == -7, "no crossing: GSL_EDOM, untouched");
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

static void test_first_below(void)
{
  const double x[] = {0.0, 1.0, 2.0, 3.0, 4.0};
  const double y[] = {1.0, 0.75, 0.25, 0.5, 0.0}; /* falls, rises, falls */
  double xc = -1;
  int st = sa_series_first_below(x, y, 5, 0.875, &xc);
  tap_ok(st == GSL_SUCCESS && xc == 0.5, "first below 0.875: x = 0.5 (%g)", xc);
  sa_series_first_below(x, y, 5, 0.5, &xc);
  tap_ok(xc == 1.5, "first below 0.5: between records 1 and 2, x = 1.5 (%g)", xc);
  sa_series_first_below(x, y, 5, 0.125, &xc);
  tap_ok(xc == 3.75, "first below 0.125: after the rise, between 3 and 4, x = 3.75 (%g)", xc);
  sa_series_first_below(x, y, 5, 0.75, &xc);
  tap_ok(xc == 1.0, "a record on the level: its own x (%g)", xc);
  int agree = 1;
  for (double v = 0.0625; v < 1; v += 0.0625) {
    double a = -1, b = -2;
    sa_series_first_below(x, y, 5, v, &a);
    sa_series_crossing(x, y, 5, v, &b);
    agree = agree && a == b;
  }
  tap_ok(agree, "starting above the level, the first passage below is the first crossing "
                "(15 levels)");
  const double ylow[] = {0.25, 0.5, 0.0};
  double xb = -1;
  sa_series_first_below(x, ylow, 3, 0.5, &xc);
  sa_series_crossing(x, ylow, 3, 0.5, &xb);
  tap_ok(xc == 0.0 && xb == 1.0,
         "a start below the level: first below is x_0 (%g), the crossing waits for the rise "
         "to it (%g)",
         xc, xb);
  const double yrise[] = {0.25, 1.0, 0.0};
  sa_series_first_below(x, yrise, 3, 0.5, &xc);
  sa_series_crossing(x, yrise, 3, 0.5, &xb);
  tap_ok(xc == 0.0 && xb == 1.0 / 3.0,
         "a rise through the level: the crossing is the upward one (%g), first below x_0 (%g)", xb,
         xc);
  const double ynan[] = {1.0, NAN, 0.25, 0.0};
  sa_series_first_below(x, ynan, 4, 0.5, &xc);
  tap_ok(xc == 2.0, "a NaN record before the passage: no interpolation, x_k (%g)", xc);
  xc = -7;
  st = sa_series_first_below(x, y, 5, -0.5, &xc);
  tap_ok(st == GSL_EDOM && xc == -7, "never at or below: GSL_EDOM, result untouched (%s)",
         sa_error_message());
}

static void test_line(void)
{
  const double x[] = {1.0, 2.0, 4.0, 8.0, 16.0, 32.0};
  double y[6], b = 0, a = 0;
  for (int k = 0; k < 6; k++)
    y[k] = 3.0 * x[k] - 2.0;
  int st = sa_series_line(x, y, 6, &b, &a);
  tap_ok(st == GSL_SUCCESS, "line fitted");
  tap_rel(b, 3.0, 1e-14, "slope of y = 3x - 2 is 3");
  tap_rel(a, -2.0, 1e-14, "intercept of y = 3x - 2 is -2");
  double lx[6], ly[6];
  for (int k = 0; k < 6; k++) {
    lx[k] = log(x[k]);
    ly[k] = log(k < 3 ? 5.0 * pow(x[k], -1.5) : 0.625 * pow(x[k], -0.5));
  }
  sa_series_line(lx, ly, 3, &b, &a);
  tap_rel(b, -1.5, 1e-14, "power law, first three rows: exponent -1.5");
  tap_rel(exp(a), 5.0, 1e-14, "power law, first three rows: prefactor 5");
  sa_series_line(lx + 3, ly + 3, 3, &b, &a);
  tap_rel(b, -0.5, 1e-14, "power law, last three rows (x = 8..32): exponent -0.5");
  tap_rel(exp(a), 0.625, 1e-14, "power law, last three rows: prefactor 0.625");

  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 11);
  double sx[50], sy[50];
  for (int k = 0; k < 50; k++) {
    sx[k] = 1.0 + 9.0 * gsl_rng_uniform(r);
    sy[k] = 4.0 - 0.3 * sx[k] + gsl_ran_gaussian(r, 1.0);
  }
  gsl_rng_free(r);
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear(sx, 1, sy, 1, 50, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  sa_series_line(sx, sy, 50, &b, &a);
  tap_rel(b, c1, 1e-12, "scattered points: slope equals gsl_fit_linear's (%.6f)", c1);
  tap_rel(a, c0, 1e-12, "scattered points: intercept equals gsl_fit_linear's (%.6f)", c0);
  a = b = -7;
  st = sa_series_line(x, y, 1, &b, &a);
  tap_ok(st == GSL_EDOM && a == -7 && b == -7, "one point: GSL_EDOM, nothing written");
}

static void test_floor(void)
{
  const double n[] = {100.0, 200.0, 500.0, 1000.0, 2000.0, 4000.0};
  double d[6], dinf = 0, c = 0;
  for (int k = 0; k < 6; k++)
    d[k] = 1.2e-3 + 0.45 / n[k];
  int st = sa_series_floor(n, d, 6, &dinf, &c);
  tap_ok(st == GSL_SUCCESS, "floor model fitted");
  tap_rel(dinf, 1.2e-3, 1e-12, "floor of d = 1.2e-3 + 0.45/N is 1.2e-3 (%.3e)", dinf);
  tap_rel(c, 0.45, 1e-12, "coefficient of d = 1.2e-3 + 0.45/N is 0.45");

  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 13);
  double sx[50], sy[50], ix[50];
  for (int k = 0; k < 50; k++) {
    sx[k] = 1.0 + 9.0 * gsl_rng_uniform(r);
    ix[k] = 1 / sx[k];
    sy[k] = 2.0 + 3.0 / sx[k] + gsl_ran_gaussian(r, 0.5);
  }
  gsl_rng_free(r);
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear(ix, 1, sy, 1, 50, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  sa_series_floor(sx, sy, 50, &dinf, &c);
  tap_rel(dinf, c0, 1e-12, "scattered points: floor equals gsl_fit_linear's intercept in 1/x");
  tap_rel(c, c1, 1e-12, "scattered points: coefficient equals gsl_fit_linear's slope in 1/x");
  const double nz[] = {0.0, 1.0, 2.0};
  dinf = c = -7;
  st = sa_series_floor(nz, d, 3, &dinf, &c);
  tap_ok(st == GSL_EDOM && dinf == -7 && c == -7, "x = 0: GSL_EDOM, nothing written (%s)",
         sa_error_message());
}

static void test_value_at(void)
{
  const double x[] = {0.0, 0.5, 2.0, 3.0, 7.0};
  double y[5], v = -1;
  for (int k = 0; k < 5; k++)
    y[k] = 2.0 * x[k] + 1.0; /* 1, 2, 5, 7, 15 */
  int st = sa_series_value_at(x, y, 5, 2.5, &v);
  tap_ok(st == GSL_SUCCESS, "value at 2.5 found");
  tap_rel(v, 6.0, 1e-14, "line y = 2x + 1 at x = 2.5 (between samples 2 and 3): 6");
  sa_series_value_at(x, y, 5, 5.5, &v);
  tap_rel(v, 12.0, 1e-14, "line y = 2x + 1 at x = 5.5 (between samples 3 and 7): 12");
  sa_series_value_at(x, y, 5, 3.0, &v);
  tap_ok(v == 7.0, "at a sample: its own value (%g)", v);
  sa_series_value_at(x, y, 5, -1.0, &v);
  double w = -1;
  sa_series_value_at(x, y, 5, 0.0, &w);
  tap_ok(v == 1.0 && w == 1.0, "at or before the first sample: y_0 (%g, %g)", v, w);
  sa_series_value_at(x, y, 5, 9.0, &v);
  tap_ok(v == 15.0, "after the last sample: y_{n-1} (%g)", v);
  const double xp[] = {0.0, 1.0, 2.0, 4.0}, yp[] = {0.0, 1.0, 4.0, 16.0};
  sa_series_value_at(xp, yp, 4, 3.0, &v);
  tap_ok(v == 10.0, "parabola sampled at 0, 1, 2, 4: the chord at x = 3 is 10, not 9 (%g)", v);
  const double xd[] = {0.0, 1.0, 1.0, 2.0}, yd[] = {0.0, 1.0, 5.0, 6.0};
  sa_series_value_at(xd, yd, 4, 1.0, &v);
  sa_series_value_at(xd, yd, 4, 1.5, &w);
  tap_ok(v == 1.0 && w == 5.5,
         "two samples at x = 1: the first one's value there (%g), the later pair after (%g)", v, w);
  double xc = -1;
  for (int k = 0; k < 5; k++)
    y[k] = 10.0 - 1.5 * x[k] * x[k] / 7.0; /* falling, not a line */
  sa_series_crossing(x, y, 5, 4.0, &xc);
  sa_series_value_at(x, y, 5, xc, &v);
  tap_rel(v, 4.0, 1e-14, "the value at the crossing of level 4 is 4 (x = %.6f)", xc);
  v = -7;
  st = sa_series_value_at(x, y, 0, 1.0, &v);
  tap_ok(st == GSL_EDOM && v == -7, "no samples: GSL_EDOM, result untouched (%s)",
         sa_error_message());
  st = sa_series_value_at(x, y, 5, NAN, &v);
  tap_ok(st == GSL_EDOM && v == -7, "x = NaN: GSL_EDOM, result untouched (%s)", sa_error_message());
}

/* The power law's reach against its closed form, and its refusals. */
static void test_powerlaw_reach(void)
{
  double lx[6], ly[6], x = -7;
  for (int k = 0; k < 6; k++) { /* y = 3 N^-0.5 at N = 10, 20, ..., 320 */
    lx[k] = log(10.0 * pow(2.0, k));
    ly[k] = log(3.0) - 0.5 * lx[k];
  }
  int st = sa_series_powerlaw_reach(lx, ly, 6, 1e-6, &x);
  /* (ln 1e-6 - ln 3)/(-0.5): N = (3e6)^2 = 9e12; the fit's sums carry
   * ~1e-15 relative, amplified by 1/|b| = 2 inside exp of ~30: 1e-12 */
  tap_ok(st == GSL_SUCCESS, "power law reach found");
  tap_rel(x, 9e12, 1e-12, "y = 3 N^-0.5 reaches 1e-6 at N = 9e12 (%.6g)", x);
  double yflat[6] = {0, 0, 0, 0, 0, 0};
  x = -7;
  st = sa_series_powerlaw_reach(lx, yflat, 6, 1e-6, &x);
  tap_ok(st == GSL_EDOM && x == -7, "a flat law: GSL_EDOM, untouched (%s)", sa_error_message());
  st = sa_series_powerlaw_reach(lx, ly, 6, 0.0, &x);
  tap_ok(st == GSL_EDOM && x == -7, "level 0: GSL_EDOM, untouched (%s)", sa_error_message());
  st = sa_series_powerlaw_reach(lx, ly, 1, 1e-6, &x);
  tap_ok(st == GSL_EDOM && x == -7, "one point: GSL_EDOM, untouched");
}

int main(void)
{
  test_crossing();
  test_crossing_lnx();
  test_slope();
  test_first_below();
  test_value_at();
  test_line();
  test_floor();
  test_powerlaw_reach();
  return tap_done();
}
