/* Sampling grids for recorded trajectories. */
#ifndef SA_GRID_H
#define SA_GRID_H

#include <stddef.h>

/* n points from a to b (inclusive): evenly spaced, or evenly spaced in
 * log t when log_spacing is set (then 0 < a < b is required).  Returns
 * GSL_SUCCESS, or GSL_EINVAL with a message (core/sa_errno.h) if the
 * arguments are invalid. */
int sa_grid_fill(double *out, size_t n, double a, double b, int log_spacing);

/* Recording times of a trajectory: n points ending at t_end, log-spaced
 * from t_first when log_spacing is set, else evenly spaced from
 * t_end/(n-1) (t = 0 is recorded separately); n = 1 on an even grid is
 * t_end alone.  GSL_SUCCESS, or GSL_EINVAL with a message. */
int sa_grid_record(double *out, size_t n, double t_first, double t_end, int log_spacing);

#endif
