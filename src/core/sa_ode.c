/* SUNDIALS driver (ARKODE ERKStep, CVODE Adams and BDF): see sa_ode.h. */
#include "config.h"

#include "sa_ode.h"

#include "sa_errno.h"

#include "sa_nvec.h"

#include <arkode/arkode_erkstep.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sundials/sundials_config.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_spgmr.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

/* Above this size BDF uses matrix-free GMRES: a dense n x n Jacobian by
 * difference quotients costs n right-hand sides and n^2 memory. */
#define SA_ODE_DENSE_MAX 200

/* The explicit Runge-Kutta pair: Dormand-Prince 5(4), 7 stages.  Measured
 * on the deep linear flow (L = 3, D = 100, N = 200, whitened, sigma = 1e-2,
 * to t = 200, rtol 1e-8): 1,056 right-hand sides and t_1/2 within 1e-6
 * relative of a tight reference, against 6,600 (Verner 6(5), with a
 * 50 times larger t_1/2 error), 4,200 (ARK 5(4) 8-stage) and 6,600
 * (Fehlberg 8(7)): after the loss drop the flow is mildly stiff and the step
 * is limited by the stability region, where Dormand-Prince is the cheapest
 * per unit time. */
#define SA_ODE_ERK_TABLE ARKODE_DORMAND_PRINCE_7_4_5

struct sa_ode {
  SUNContext ctx;
  void *cvode;  /* CVODE memory (Adams, BDF) */
  void *arkode; /* ERKStep memory (ERK)      */
  N_Vector y, abstol;
  SUNNonlinearSolver nls;
  SUNMatrix A;
  SUNLinearSolver ls;
  size_t n;
  sa_ode_rhs f;
  sa_ode_roots g;
  void *user;
  int rhs_failed;
  double rtol, atol; /* for the error weights of ERK */
  char err[512];
};

const char *sa_ode_method_name(sa_ode_method m)
{
  switch (m) {
  case SA_ODE_ADAMS:
    return "adams";
  case SA_ODE_BDF:
    return "bdf";
  case SA_ODE_ERK:
    return "erk";
  case SA_ODE_LOWRANK:
    return "lowrank";
  }
  return "unknown";
}

/* Both packages return a malloc'd flag name: copy it and free it. */
static const char *flag_name(const sa_ode *ode, int flag, char *buf, size_t len)
{
  char *name = ode->arkode ? ERKStepGetReturnFlagName(flag) : CVodeGetReturnFlagName(flag);
  snprintf(buf, len, "%s", name ? name : "unknown SUNDIALS flag");
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

/* SUNDIALS' messages are kept so that the caller can print them with the
 * offending option, instead of the package writing straight to stderr.
 * SUNDIALS 6 takes the handler per integrator; SUNDIALS 7 removed those
 * calls and reports through a handler stack on the SUNContext (whose
 * default prints to stderr), and SUNContext_Create takes SUN_COMM_NULL.
 * (The 7.x branch follows the SUNDIALS 7 headers; Debian 12 ships 6.4.) */
#if SUNDIALS_VERSION_MAJOR >= 7
#define SA_SUNCOMM_NULL SUN_COMM_NULL
static void err_adapter7(int line, const char *func, const char *file, const char *msg,
                         SUNErrCode code, void *data, SUNContext ctx)
{
  (void)line;
  (void)file;
  (void)ctx;
  sa_ode *ode = data;
  char name[64];
  snprintf(ode->err, sizeof ode->err, "%s (in %s: %s)",
           flag_name(ode, (int)code, name, sizeof name), func, msg);
}
#else
#define SA_SUNCOMM_NULL NULL
static void err_adapter(int code, const char *module, const char *function, char *msg, void *data)
{
  sa_ode *ode = data;
  char name[64];
  snprintf(ode->err, sizeof ode->err, "%s (%s in %s: %s)", flag_name(ode, code, name, sizeof name),
           module, function, msg);
}
#endif

static int fail_msg(const sa_ode *ode, const char *what, int flag)
{
  char name[64];
  return sa_error(SA_ESOLVER, "%s setup failed in %s: %s", ode->arkode ? "ARKODE" : "CVODE", what,
                  flag_name(ode, flag, name, sizeof name));
}

/* Error weights 1/(rtol |y_i| + atol_i) in one pass over the state (ARKODE's
 * own computes them with four vector operations per step). */
static int erk_weights(N_Vector y, N_Vector ewt, void *data)
{
  sa_ode *ode = data;
  const double *yd = N_VGetArrayPointer(y);
  double *w = N_VGetArrayPointer(ewt);
  const double *av = ode->abstol ? N_VGetArrayPointer(ode->abstol) : NULL;
  double rtol = ode->rtol, atol = ode->atol;
  for (size_t i = 0; i < ode->n; i++) {
    double d = rtol * fabs(yd[i]) + (av ? av[i] : atol);
    if (!(d > 0))
      return -1;
    w[i] = 1.0 / d;
  }
  return 0;
}

static int setup_erk(sa_ode *ode, const sa_ode_params *p, double t0, const char **where)
{
  int flag;
  *where = "ERKStepCreate";
  ode->arkode = ERKStepCreate(rhs_adapter, t0, ode->y, ode->ctx);
  if (!ode->arkode)
    return -1;
#if SUNDIALS_VERSION_MAJOR < 7
  *where = "ERKStepSetErrHandlerFn";
  if ((flag = ERKStepSetErrHandlerFn(ode->arkode, err_adapter, ode)) != ARK_SUCCESS)
    return flag;
#endif
  *where = "ERKStepSetUserData";
  if ((flag = ERKStepSetUserData(ode->arkode, ode)) != ARK_SUCCESS)
    return flag;
  *where = "tolerances";
  ode->rtol = p->rtol;
  ode->atol = p->atol;
  if ((flag = ERKStepWFtolerances(ode->arkode, erk_weights)) != ARK_SUCCESS)
    return flag;
  *where = "ERKStepSetTableNum";
  if ((flag = ERKStepSetTableNum(ode->arkode, SA_ODE_ERK_TABLE)) != ARK_SUCCESS)
    return flag;
  /* A PI step-size controller (Gustafsson) instead of ARKODE's PID default:
   * in the stability-limited tail of the flows (after the loss drop) it
   * rejects fewer steps, about 25% fewer right-hand sides there. */
  *where = "ERKStepSetAdaptivityMethod";
  if ((flag = ERKStepSetAdaptivityMethod(ode->arkode, ARK_ADAPT_PI, 1, 0, NULL)) != ARK_SUCCESS)
    return flag;
  *where = "ERKStepSetMaxNumSteps";
  if (p->max_steps > 0 && (flag = ERKStepSetMaxNumSteps(ode->arkode, p->max_steps)) != ARK_SUCCESS)
    return flag;
  return 0;
}

static int setup_cvode(sa_ode *ode, const sa_ode_params *p, double t0, const char **where)
{
  int flag;
  *where = "CVodeCreate";
  ode->cvode = CVodeCreate(p->method == SA_ODE_BDF ? CV_BDF : CV_ADAMS, ode->ctx);
  if (!ode->cvode)
    return -1;
#if SUNDIALS_VERSION_MAJOR < 7
  *where = "CVodeSetErrHandlerFn";
  if ((flag = CVodeSetErrHandlerFn(ode->cvode, err_adapter, ode)) != CV_SUCCESS)
    return flag;
#endif
  *where = "CVodeInit";
  if ((flag = CVodeInit(ode->cvode, rhs_adapter, t0, ode->y)) != CV_SUCCESS)
    return flag;
  *where = "CVodeSetUserData";
  if ((flag = CVodeSetUserData(ode->cvode, ode)) != CV_SUCCESS)
    return flag;
  *where = "tolerances";
  if (ode->abstol)
    flag = CVodeSVtolerances(ode->cvode, p->rtol, ode->abstol);
  else
    flag = CVodeSStolerances(ode->cvode, p->rtol, p->atol);
  if (flag != CV_SUCCESS)
    return flag;
  *where = "solver";
  if (p->method == SA_ODE_BDF && ode->n <= SA_ODE_DENSE_MAX) {
    ode->A = SUNDenseMatrix((sunindextype)ode->n, (sunindextype)ode->n, ode->ctx);
    ode->ls = ode->A ? SUNLinSol_Dense(ode->y, ode->A, ode->ctx) : NULL;
    if (!ode->ls)
      return -1;
    if ((flag = CVodeSetLinearSolver(ode->cvode, ode->ls, ode->A)) != CV_SUCCESS)
      return flag;
  } else if (p->method == SA_ODE_BDF) {
    /* Jacobian-vector products by difference quotients, no preconditioner. */
    ode->ls = SUNLinSol_SPGMR(ode->y, SUN_PREC_NONE, 0, ode->ctx);
    if (!ode->ls)
      return -1;
    if ((flag = CVodeSetLinearSolver(ode->cvode, ode->ls, NULL)) != CV_SUCCESS)
      return flag;
  } else {
    ode->nls = SUNNonlinSol_FixedPoint(ode->y, 0, ode->ctx);
    if (!ode->nls)
      return -1;
    if ((flag = CVodeSetNonlinearSolver(ode->cvode, ode->nls)) != CV_SUCCESS)
      return flag;
  }
  *where = "CVodeSetMaxNumSteps";
  if (p->max_steps > 0 && (flag = CVodeSetMaxNumSteps(ode->cvode, p->max_steps)) != CV_SUCCESS)
    return flag;
  return 0;
}

int sa_ode_alloc(size_t n, sa_ode_rhs f, void *user, const sa_ode_params *p, const double *y0,
                 double t0, sa_ode **out)
{
  *out = NULL;
  if (!(p->rtol > 0) || (!p->atol_vec && !(p->atol > 0)))
    return sa_error(GSL_EINVAL, "tolerances must be positive (rtol=%g, atol=%g)", p->rtol, p->atol);
  if (p->method == SA_ODE_LOWRANK)
    return sa_error(
        GSL_EINVAL,
        "the low-rank method integrates only the weight flow of a linear network "
        "(flow, kernel-trace, multiout, multiout-kernel, unwhitened, kernel2d); this ODE "
        "is not one: the methods for it are erk, adams and bdf");
  if (p->method != SA_ODE_ADAMS && p->method != SA_ODE_BDF && p->method != SA_ODE_ERK)
    return sa_error(GSL_EINVAL, "unknown integration method %d", (int)p->method);
  sa_ode *ode = calloc(1, sizeof *ode);
  int flag = 0;
  const char *where = "allocation";
  if (!ode)
    return sa_error(GSL_ENOMEM, "out of memory");
  ode->n = n;
  ode->f = f;
  ode->user = user;
  if ((flag = SUNContext_Create(SA_SUNCOMM_NULL, &ode->ctx)) != 0) {
    where = "SUNContext_Create";
    goto fail;
  }
#if SUNDIALS_VERSION_MAJOR >= 7
  SUNContext_ClearErrHandlers(ode->ctx);
  if ((flag = SUNContext_PushErrHandler(ode->ctx, err_adapter7, ode)) != 0) {
    where = "SUNContext_PushErrHandler";
    goto fail;
  }
#endif
  ode->y = N_VNew_Serial((sunindextype)n, ode->ctx);
  if (!ode->y)
    goto fail;
  memcpy(N_VGetArrayPointer(ode->y), y0, n * sizeof *y0);
  sa_nvec_fast_ops(ode->y); /* the integrators' clones inherit the kernels */
  if (p->atol_vec) {
    ode->abstol = N_VClone(ode->y);
    if (!ode->abstol)
      goto fail;
    memcpy(N_VGetArrayPointer(ode->abstol), p->atol_vec, n * sizeof(double));
  }
  flag = p->method == SA_ODE_ERK ? setup_erk(ode, p, t0, &where) : setup_cvode(ode, p, t0, &where);
  if (flag != 0)
    goto fail;
  *out = ode;
  return GSL_SUCCESS;
fail:
  flag = fail_msg(ode, where, flag);
  sa_ode_free(ode);
  return flag;
}

int sa_ode_set_roots(sa_ode *ode, int nroots, sa_ode_roots g)
{
  ode->g = g;
  int flag = ode->arkode ? ERKStepRootInit(ode->arkode, nroots, g ? root_adapter : NULL)
                         : CVodeRootInit(ode->cvode, nroots, g ? root_adapter : NULL);
  if (flag != 0) {
    char name[64];
    return sa_error(SA_ESOLVER, "root finding set-up: %s", flag_name(ode, flag, name, sizeof name));
  }
  return GSL_SUCCESS;
}

/* ANCHOR: sa_ode_advance */
int sa_ode_advance(sa_ode *ode, double tout, double *t, double *y)
{
  sunrealtype treached = 0;
  ode->err[0] = '\0';
  /* Both packages step past tout and interpolate back to it (NORMAL mode):
   * the output times do not restart or shorten the steps. */
  int flag = ode->arkode ? ERKStepEvolve(ode->arkode, tout, ode->y, &treached, ARK_NORMAL)
                         : CVode(ode->cvode, tout, ode->y, &treached, CV_NORMAL);
  *t = treached;
  memcpy(y, N_VGetArrayPointer(ode->y), ode->n * sizeof *y);
  if (flag == (ode->arkode ? ARK_ROOT_RETURN : CV_ROOT_RETURN))
    return GSL_CONTINUE;
  if (flag < 0) {
    if (ode->rhs_failed)
      /* The flows' right-hand sides refuse a non-finite state.  A gradient
       * flow cannot diverge (its loss decreases), so that state is the
       * integrator's doing: an explicit step beyond its stability region
       * (ERK at a loose tolerance after the loss drop), not a divergence. */
      return sa_ode_unstable_error(treached);
    if (!ode->err[0])
      flag_name(ode, flag, ode->err, sizeof ode->err);
    return sa_error(SA_ESOLVER, "%s", ode->err);
  }
  return GSL_SUCCESS;
}
/* END: sa_ode_advance */

int sa_ode_unstable_error(double t)
{
  return sa_error_set_reason(sa_error(SA_ESOLVER,
                                      "the integrator became unstable at t=%g (non-finite "
                                      "state; a solver instability, not a divergence of the flow)",
                                      t),
                             SA_REASON_UNSTABLE);
}

int sa_ode_root_info(sa_ode *ode, int *found)
{
  int flag =
      ode->arkode ? ERKStepGetRootInfo(ode->arkode, found) : CVodeGetRootInfo(ode->cvode, found);
  if (flag != 0) {
    char name[64];
    return sa_error(SA_ESOLVER, "root information: %s", flag_name(ode, flag, name, sizeof name));
  }
  return GSL_SUCCESS;
}

void sa_ode_stats(const sa_ode *ode, long *nsteps, long *nrhs)
{
  /* The getters fail only without integrator memory, which an allocated
   * sa_ode always has; a count that cannot be read is reported as 0. */
  long s = 0, r = 0;
  if (ode->arkode) {
    if (ERKStepGetNumSteps(ode->arkode, &s) != ARK_SUCCESS)
      s = 0;
    if (ERKStepGetNumRhsEvals(ode->arkode, &r) != ARK_SUCCESS)
      r = 0;
  } else {
    if (CVodeGetNumSteps(ode->cvode, &s) != CV_SUCCESS)
      s = 0;
    if (CVodeGetNumRhsEvals(ode->cvode, &r) != CV_SUCCESS)
      r = 0;
    /* BDF with a dense Jacobian by difference quotients: those count too. */
    long rj = 0;
    if (ode->ls && CVodeGetNumLinRhsEvals(ode->cvode, &rj) == CV_SUCCESS)
      r += rj;
  }
  if (nsteps)
    *nsteps = s;
  if (nrhs)
    *nrhs = r;
}

void sa_ode_free(sa_ode *ode)
{
  if (!ode)
    return;
  if (ode->arkode)
    ERKStepFree(&ode->arkode);
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
