/* Full-flow time scales t_1/2 and t_align: see deeptimes.h. */
#include "config.h"

#include "theory/deeptimes.h"

#include "core/sa_errno.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int sa_deeptimes_flow(const sa_linsetup_params *p, const sa_deeptimes_params *q,
                      sa_linflow_result *res)
{
  sa_linsetup su;
  int status = sa_linsetup_alloc(p, &su);
  if (status != GSL_SUCCESS)
    return sa_error(status, "cannot set up the flow problem (bad sizes or out of memory)");
  su.pb.stop_ratio = q->stop_ratio;
  const sa_linnet_shape *sh = &su.pb.shape;
  double *atol = malloc(sh->nparam * sizeof *atol);
  if (!atol) {
    status = sa_error(GSL_ENOMEM, "out of memory");
    goto cleanup;
  }
  sa_linnet_atol(sh, q->atol, p->sigma, atol);
  sa_ode_params par = {q->rtol, 0, atol, q->max_steps, (sa_ode_method)q->method};
  double times[1] = {q->t_end};
  status = sa_linflow_run(&su.pb, su.theta, times, 1, &par, NULL, NULL, res);
cleanup:
  free(atol);
  sa_linsetup_free(&su);
  return status;
}

double sa_deeptimes_horizon(unsigned L, double s, double sigma, double units)
{
  double scale = L == 2 ? log(s / (sigma * sigma)) / s : pow(sigma, 2.0 - L) / ((L - 2.0) * s);
  return units * scale + 50.0 / s;
}
