/* Crossings and least-squares slopes of a sampled series (x_k, y_k),
 * k = 0..n-1 in file order: what the figure tables read off a trace
 * (figures/table.sh through figures/series.c), computed once here.
 *
 *   Crossing of the level v: the first k >= 1 with
 *     (y_{k-1} - v)(y_k - v) <= 0 and y_{k-1} != y_k
 *   (either direction; a sample equal to v counts), linearly interpolated:
 *     x* = x_{k-1} + (v - y_{k-1})(x_k - x_{k-1})/(y_k - y_{k-1}).
 *   A pair with a NaN sample never brackets the level.
 *   Least-squares slope of y against x over n >= 2 points:
 *     b = (n Sxy - Sx Sy)/(n Sxx - Sx^2),
 *   the sums accumulated in index order (so that the result does not
 *   depend on the caller).  Callers fit ln y against ln x (power laws) or
 *   y against p ln x by transforming the samples first.
 *
 * Statuses follow core/sa_errno.h. */
#ifndef SA_CORE_SERIES_H
#define SA_CORE_SERIES_H

#include <stddef.h>

/* *x_cross as above: GSL_SUCCESS, or GSL_EDOM with the message when the
 * series never crosses v (*x_cross untouched). */
int sa_series_crossing(const double *x, const double *y, size_t n, double v, double *x_cross);

/* *slope as above: GSL_SUCCESS, or GSL_EDOM with the message when n < 2
 * or all x are equal (*slope untouched). */
int sa_series_slope(const double *x, const double *y, size_t n, double *slope);

#endif
