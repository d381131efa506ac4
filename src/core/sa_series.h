/* Crossings, interpolated values and least-squares fits of a sampled
 * series (x_k, y_k), k = 0..n-1 in file order: what the figure tables and
 * the report's facts read off a trace (figures/table.sh, figW-fit.sh,
 * wrn-claims.sh and doc/facts.sh through figures/series.c), computed once
 * here.  A range of rows is a sub-array: pass x + i0, y + i0 and its
 * length.
 *
 *   Crossing of the level v (either direction): the first k >= 1 with
 *     (y_{k-1} - v)(y_k - v) <= 0 and y_{k-1} != y_k
 *   (a sample equal to v counts), linearly interpolated:
 *     x* = x_{k-1} + (v - y_{k-1})(x_k - x_{k-1})/(y_k - y_{k-1}).
 *   A pair with a NaN sample never brackets the level.
 *   Crossing on a logarithmic x axis (x_k > 0, e.g. an init scale sigma on
 *   a geometric grid): the same bracket, interpolated linearly in ln x,
 *     x* = exp(ln x_{k-1} + (v - y_{k-1})(ln x_k - ln x_{k-1})/(y_k - y_{k-1})),
 *   i.e. geometrically between the two samples.
 *   First passage at or below v (a falling series, e.g. a loss ratio):
 *     the first k with y_k <= v; x* = x_0 if k = 0, the interpolation
 *     above from record k-1 if y_{k-1} > v, else x_k (y_{k-1} is NaN).
 *   The two agree whenever y_0 > v and no NaN comes before the passage;
 *   they differ on a series that starts at or below v (the crossing waits
 *   for a later bracket, in either direction) or rises through v first.
 *   Value at x* (x non-decreasing, e.g. the alignment at the time the
 *   kernel norm reaches 10% of its final value): y_0 if x* <= x_0, else
 *   for the first k >= 1 with x_k >= x*,
 *     w = (x* - x_{k-1})/(x_k - x_{k-1}),  y* = y_{k-1} + w (y_k - y_{k-1}),
 *   and y_{n-1} if x* > x_{n-1} (held constant outside the samples).
 *   Least-squares line y = a + b x over n >= 2 points:
 *     b = (n Sxy - Sx Sy)/(n Sxx - Sx^2),  a = (Sy - b Sx)/n,
 *   the sums accumulated in index order (so that the result does not
 *   depend on the caller).  Callers fit ln y against ln x (power laws) or
 *   y against p ln x by transforming the samples first.
 *   Floor model y = y_inf + c/x: the line above in the variable 1/x
 *   (x != 0), so c = b and y_inf = a.
 *
 * Statuses follow core/sa_errno.h. */
#ifndef SA_CORE_SERIES_H
#define SA_CORE_SERIES_H

#include <stddef.h>

/* *x_cross as above: GSL_SUCCESS, or GSL_EDOM with the message when the
 * series never crosses v (*x_cross untouched). */
int sa_series_crossing(const double *x, const double *y, size_t n, double v, double *x_cross);

/* *x_cross, the crossing on a logarithmic x axis as above: GSL_SUCCESS, or
 * GSL_EDOM with the message when an x up to the bracket is not positive or
 * the series never crosses v (*x_cross untouched). */
int sa_series_crossing_lnx(const double *x, const double *y, size_t n, double v, double *x_cross);

/* *x_cross, the first passage at or below v as above: GSL_SUCCESS, or
 * GSL_EDOM with the message when no sample is at or below v (*x_cross
 * untouched). */
int sa_series_first_below(const double *x, const double *y, size_t n, double v, double *x_cross);

/* *y_at, the value at x_at as above: GSL_SUCCESS, or GSL_EDOM with the
 * message when n = 0 or x_at is NaN (*y_at untouched). */
int sa_series_value_at(const double *x, const double *y, size_t n, double x_at, double *y_at);

/* *slope as above: GSL_SUCCESS, or GSL_EDOM with the message when n < 2
 * or all x are equal (*slope untouched). */
int sa_series_slope(const double *x, const double *y, size_t n, double *slope);

/* *slope = b and *intercept = a of the line above; statuses as for
 * sa_series_slope (nothing written on failure). */
int sa_series_line(const double *x, const double *y, size_t n, double *slope, double *intercept);

/* *y_inf and *c of the floor model above: GSL_SUCCESS, or GSL_EDOM with
 * the message when n < 2, an x is 0 or all x are equal (nothing written). */
int sa_series_floor(const double *x, const double *y, size_t n, double *y_inf, double *c);

/* The abscissa where a fitted power law reaches the level v > 0: from the
 * least-squares line ln y = a + b ln x through (lnx_k, lny_k) (the samples
 * already in logs, as for a power-law fit),  *x = exp((ln v - a)/b).
 * GSL_SUCCESS, or GSL_EDOM with the message when the line cannot be
 * fitted, v <= 0 or b = 0 (*x untouched). */
int sa_series_powerlaw_reach(const double *lnx, const double *lny, size_t n, double v, double *x);

#endif
