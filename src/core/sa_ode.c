/* CVODE driver: see sa_ode.h. */
#include "config.h"

#include "sa_ode.h"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

struct sa_ode {
  SUNContext ctx;
  void *cvode;
  N_Vector y, abstol;
  SUNNonlinearSolver nls;
  SUNMatrix A;
  SUNLinearSolver ls;
  size_t n;
  sa_ode_rhs f;
  sa_ode_roots g;
  void *user;
  int rhs_failed;
  char err[512];
};

/* CVodeGetReturnFlagName returns a malloc'd string: copy it and free it. */
static const char *flag_name(int flag, char *buf, size_t len)
{
  char *name = CVodeGetReturnFlagName(flag);
  snprintf(buf, len, "%s", name ? name : "unknown CVODE flag");
  free(name);
  return buf;
}

static int rhs_adapter(sunrealtype t, N_Vector y, N_Vector ydot, void *data)
{
  sa_ode *ode = data;
  int status = ode->f(t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot), ode->user);
  if (status != 0)
    ode->rhs_failed = 1;
  return status ? -1 : 0; /* unrecoverable: the flows have no recoverable failures */
}

static int root_adapter(sunrealtype t, N_Vector y, sunrealtype *gout, void *data)
{
  sa_ode *ode = data;
  return ode->g(t, N_VGetArrayPointer(y), gout, ode->user);
}

/* CVODE's messages are kept so that the caller can print them with the
 * offending option, instead of CVODE writing straight to stderr. */
static void err_adapter(int code, const char *module, const char *function, char *msg,
                        void *data)
{
  sa_ode *ode = data;
  char name[64];
  snprintf(ode->err, sizeof ode->err, "%s (%s in %s: %s)", flag_name(code, name, sizeof name),
           module, function, msg);
}

static void fail_msg(char *err, size_t errlen, const char *what, int flag)
{
  char name[64];
  if (err && errlen)
    snprintf(err, errlen, "CVODE setup failed in %s: %s", what, flag_name(flag, name, sizeof name));
}

sa_ode *sa_ode_alloc(size_t n, sa_ode_rhs f, void *user, const sa_ode_params *p,
                     const double *y0, double t0, char *err, size_t errlen)
{
  sa_ode *ode = calloc(1, sizeof *ode);
  int flag = 0;
  const char *where = "allocation";
  if (!ode) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  ode->n = n;
  ode->f = f;
  ode->user = user;
  if (p->rtol <= 0 || (!p->atol_vec && p->atol <= 0)) {
    snprintf(err, errlen, "tolerances must be positive (rtol=%g, atol=%g)", p->rtol, p->atol);
    free(ode);
    return NULL;
  }
  if ((flag = SUNContext_Create(NULL, &ode->ctx)) != 0) {
    where = "SUNContext_Create";
    goto fail;
  }
  ode->y = N_VNew_Serial((sunindextype)n, ode->ctx);
  if (!ode->y)
    goto fail;
  memcpy(N_VGetArrayPointer(ode->y), y0, n * sizeof *y0);
  ode->cvode = CVodeCreate(p->method == SA_ODE_BDF ? CV_BDF : CV_ADAMS, ode->ctx);
  if (!ode->cvode)
    goto fail;
  CVodeSetErrHandlerFn(ode->cvode, err_adapter, ode);
  where = "CVodeInit";
  if ((flag = CVodeInit(ode->cvode, rhs_adapter, t0, ode->y)) != CV_SUCCESS)
    goto fail;
  CVodeSetUserData(ode->cvode, ode);
  where = "tolerances";
  if (p->atol_vec) {
    ode->abstol = N_VNew_Serial((sunindextype)n, ode->ctx);
    if (!ode->abstol)
      goto fail;
    memcpy(N_VGetArrayPointer(ode->abstol), p->atol_vec, n * sizeof(double));
    flag = CVodeSVtolerances(ode->cvode, p->rtol, ode->abstol);
  } else {
    flag = CVodeSStolerances(ode->cvode, p->rtol, p->atol);
  }
  if (flag != CV_SUCCESS)
    goto fail;
  where = "solver";
  if (p->method == SA_ODE_BDF) {
    ode->A = SUNDenseMatrix((sunindextype)n, (sunindextype)n, ode->ctx);
    ode->ls = ode->A ? SUNLinSol_Dense(ode->y, ode->A, ode->ctx) : NULL;
    if (!ode->ls || (flag = CVodeSetLinearSolver(ode->cvode, ode->ls, ode->A)) != CV_SUCCESS)
      goto fail;
  } else {
    ode->nls = SUNNonlinSol_FixedPoint(ode->y, 0, ode->ctx);
    if (!ode->nls || (flag = CVodeSetNonlinearSolver(ode->cvode, ode->nls)) != CV_SUCCESS)
      goto fail;
  }
  if (p->max_steps > 0 && (flag = CVodeSetMaxNumSteps(ode->cvode, p->max_steps)) != CV_SUCCESS)
    goto fail;
  return ode;
fail:
  fail_msg(err, errlen, where, flag);
  sa_ode_free(ode);
  return NULL;
}

int sa_ode_set_roots(sa_ode *ode, int nroots, sa_ode_roots g)
{
  ode->g = g;
  int flag = CVodeRootInit(ode->cvode, nroots, g ? root_adapter : NULL);
  if (flag != CV_SUCCESS) {
    char name[64];
    snprintf(ode->err, sizeof ode->err, "CVodeRootInit: %s", flag_name(flag, name, sizeof name));
    return SA_ODE_FAIL;
  }
  return SA_ODE_OK;
}

int sa_ode_advance(sa_ode *ode, double tout, double *t, double *y)
{
  sunrealtype treached = 0;
  ode->err[0] = '\0';
  int flag = CVode(ode->cvode, tout, ode->y, &treached, CV_NORMAL);
  *t = treached;
  memcpy(y, N_VGetArrayPointer(ode->y), ode->n * sizeof *y);
  if (flag == CV_ROOT_RETURN)
    return SA_ODE_ROOT;
  if (flag < 0) {
    if (ode->rhs_failed)
      snprintf(ode->err, sizeof ode->err,
               "right-hand side failed at t=%g (non-finite state: the flow diverged)", treached);
    else if (!ode->err[0])
      flag_name(flag, ode->err, sizeof ode->err);
    return SA_ODE_FAIL;
  }
  return SA_ODE_OK;
}

int sa_ode_root_info(sa_ode *ode, int *found)
{
  return CVodeGetRootInfo(ode->cvode, found) == CV_SUCCESS ? SA_ODE_OK : SA_ODE_FAIL;
}

const char *sa_ode_error(const sa_ode *ode) { return ode->err; }

void sa_ode_stats(const sa_ode *ode, long *nsteps, long *nrhs)
{
  long s = 0, r = 0;
  CVodeGetNumSteps(ode->cvode, &s);
  CVodeGetNumRhsEvals(ode->cvode, &r);
  if (nsteps)
    *nsteps = s;
  if (nrhs)
    *nrhs = r;
}

void sa_ode_free(sa_ode *ode)
{
  if (!ode)
    return;
  if (ode->cvode)
    CVodeFree(&ode->cvode);
  if (ode->ls)
    SUNLinSolFree(ode->ls);
  if (ode->A)
    SUNMatDestroy(ode->A);
  if (ode->nls)
    SUNNonlinSolFree(ode->nls);
  if (ode->abstol)
    N_VDestroy(ode->abstol);
  if (ode->y)
    N_VDestroy(ode->y);
  if (ode->ctx)
    SUNContext_Free(&ode->ctx);
  free(ode);
}
