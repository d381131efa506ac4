/* Full-flow time scales t_1/2 and t_align: see deeptimes.h. */
#include "config.h"

#include "theory/deeptimes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int sa_deeptimes_flow(const sa_linsetup_params *p, const sa_deeptimes_params *q,
                      sa_linflow_result *res, char *err, size_t errlen)
{
  sa_linsetup su;
  if (sa_linsetup_alloc(p, &su) != 0) {
    snprintf(err, errlen, "cannot set up the flow problem (bad sizes or out of memory)");
    return -1;
  }
  su.pb.stop_ratio = q->stop_ratio;
  const sa_linnet_shape *sh = &su.pb.shape;
  double *atol = malloc(sh->nparam * sizeof *atol);
  int status = -1;
  if (!atol) {
    snprintf(err, errlen, "out of memory");
    goto cleanup;
  }
  sa_linnet_atol(sh, q->atol, p->sigma, atol);
  sa_ode_params par = {q->rtol, 0, atol, q->max_steps, (sa_ode_method)q->method};
  double times[1] = {q->t_end};
  status = sa_linflow_run(&su.pb, su.theta, times, 1, &par, NULL, NULL, res, err, errlen);
cleanup:
  free(atol);
  sa_linsetup_free(&su);
  return status;
}
