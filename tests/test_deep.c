/* Deep linear networks, scalar output (paper Sec. 4, App. D, E; Fig. 3, E.1).
 *
 * Balanced ODE (App. E.1): CVODE against the closed form t(u) over the whole
 * path, t_1/2 by root finding against the closed form, the logistic formula
 * (L = 2) and the small-u0 formula u0^{2-L}/((L-2)s) plus its O(1) offset
 * K_L (computed here by quadrature, independently of the complex-log closed
 * form), and the scaling slope -(L-2).
 * Full flow (Eq. 9, linear_flow.h): conservation laws of App. D (recomputed here
 * from the weights), the alignment plateau L/sqrt(L^2+r-1) (Fig. E.1b), W1
 * alignment -> 1 (Fig. E.1c), t_align < t_1/2 (Fig. 3c) and the slope -1 of
 * log t_1/2 vs log sigma for L = 3 (Fig. 3c). */
#include "config.h"

#include "tap.h"
#include "core/sa_errno.h"
#include "theory/deepbal.h"
#include "theory/deeptimes.h"
#include "theory/linear_flow.h"
#include "theory/linear_observables.h"
#include "theory/linear_setup.h"

#include <gsl/gsl_fit.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdlib.h>

/* ---------- balanced ODE ---------- */

/* g(u) = (du/dt)/u = u^{L-2}(s - u^L), the logarithmic growth rate. */
static double growth(unsigned L, double s, double u)
{
  return pow(u, L - 2.0) * (s - pow(u, L));
}

static double jint(double v, void *p)
{
  const double *sp = p; /* {s, L} */
  return v / (sp[0] - pow(v, sp[1]));
}

/* K_L = lim_{u0->0} s t_1/2 - u0^{2-L}/(L-2)
 *     = -u_h^{2-L}/(L-2) + int_0^{u_h} v/(s - v^L) dv,  u_h^L = s(1 - 1/sqrt2),
 * by adaptive quadrature (no use of the complex-log closed form). */
static double offset_KL(unsigned L, double s)
{
  double uh = pow(s * (1.0 - 1.0 / M_SQRT2), 1.0 / L), sp[2] = {s, (double)L}, val = NAN, err;
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(200);
  gsl_function F = {jint, sp};
  gsl_integration_qag(&F, 0.0, uh, 0.0, 1e-13, 200, GSL_INTEG_GAUSS41, ws, &val, &err);
  gsl_integration_workspace_free(ws);
  return -pow(uh, 2.0 - L) / (L - 2.0) + val;
}

static void check_path(unsigned L, double s, double u0, sa_ode_method method, double cmax,
                       const char *mname)
{
  enum { NT = 240 };
  double rtol = 1e-10, times[NT], u[NT];
  double th = sa_deepbal_t_half_exact(L, s, u0);
  /* Whole path: up to t_1/2 plus 20 relaxation times 1/(L s^{(2L-2)/L})
   * (the linearised rate at u = s^{1/L}), where L/L0 ~ e^{-40}. */
  double tend = th + 20.0 / (L * pow(s, (2.0 * L - 2.0) / L));
  for (size_t k = 0; k < NT; k++)
    times[k] = tend * (k + 1.0) / NT;
  sa_ode_params par = {rtol, 1e-3 * rtol * u0, NULL, 1000000, method};
  double troot = NAN;
  if (sa_deepbal_integrate(L, s, u0, times, NT, &par, u, &troot, NULL, NULL)) {
    tap_ok(0, "balanced ODE integrates (L=%u): %s", L, sa_error_message());
    return;
  }
  /* A relative error e made at time t' propagates to t multiplied by
   * kappa(t)/kappa(t') with kappa(t) = g(u(t))/g(u0) (the exact variational
   * factor d ln u(t)/d ln u(t') of a 1-D autonomous flow).  Each step adds
   * at most ~rtol; the errors of the few hundred steps partly cancel.  So we
   * check max_t |du/u| / ((1 + kappa(t)) rtol) <= cmax, a small constant
   * (measured: about 20 for Adams, about 100 for BDF whose error estimate is
   * looser). */
  double worst = 0, g0 = growth(L, s, u0);
  int ok = 1;
  for (size_t k = 0; k < NT; k++) {
    double uc = NAN;
    if (sa_deepbal_u(L, s, u0, times[k], 1e-14, &uc) != 0)
      ok = 0;
    double kappa = 1.0 + growth(L, s, uc) / g0;
    double e = fabs(u[k] - uc) / uc / (kappa * rtol);
    if (!(e <= worst))
      worst = isnan(e) ? INFINITY : e;
  }
  tap_diag("L=%u u0=%g s=%g %s: max |du/u|/((1+kappa) rtol) = %.3g", L, u0, s, mname, worst);
  tap_ok(ok && worst <= cmax,
         "balanced u(t) (App. E.1, du/dt = u^{L-1}(s-u^L)) by CVODE %s equals the closed form "
         "s t(u) = [u0^{2-L}-u^{2-L}]/(L-2) + J(u) - J(u0) within %g rtol (1+kappa), L=%u, u0=%g",
         mname, cmax, L, u0);
  /* The root inherits the error of u divided by the growth rate at u_h:
   * dt = (du/u)/g(u_h). */
  double uh = sa_deepbal_u_half(L, s, u0);
  double tol_t = cmax * rtol * (1.0 + growth(L, s, uh) / g0) / (growth(L, s, uh) * th);
  tap_rel(troot, th, tol_t,
          "t_1/2 by CVODE root of u^L = s - (s-u0^L)/sqrt2 equals the closed form t(u_h), "
          "L=%u, u0=%g (%s)",
          L, u0, mname);
}

static void check_balanced(void)
{
  const double s = 1.385;
  for (unsigned L = 2; L <= 5; L++) {
    check_path(L, s, 0.0371, SA_ODE_ADAMS, 50.0, "Adams");
    check_path(L, s, 0.0371, SA_ODE_BDF, 250.0, "BDF");
  }
  check_path(3, 0.719, 0.00437, SA_ODE_ADAMS, 50.0, "Adams");

  /* L = 2: u^2 is logistic, t_1/2 = ln(1 + (sqrt2-1) s/u0^2)/(2s) exactly. */
  for (int i = 0; i < 2; i++) {
    double u0 = i ? 2.17e-3 : 0.163, tm[1], u[1], troot;
    tm[0] = 2.0 * sa_deepbal_t_half_exact(2, s, u0);
    sa_ode_params par = {1e-11, 1e-14, NULL, 100000, SA_ODE_ADAMS};
    int st = sa_deepbal_integrate(2, s, u0, tm, 1, &par, u, &troot, NULL, NULL);
    /* root error ~ 50 rtol (1+kappa)/(g t) with kappa <= 2, g t ~ 1: 1e-8 */
    tap_rel(st == 0 ? troot : NAN, log1p((M_SQRT2 - 1.0) * s / (u0 * u0)) / (2.0 * s), 1e-8,
            "t_1/2 by CVODE root equals the logistic formula ln(1+(sqrt2-1)s/u0^2)/(2s) "
            "(Eq. 49 with c0 = u0^2), L=2, u0=%g",
            u0);
  }

  /* L >= 3: s t_1/2 = u0^{2-L}/(L-2) + K_L + delta with |delta| <= u0^2/s:
   * delta = -int_0^{u0} v/(s-v^L) dv ~ -u0^2/(2s) (the shift of u_h with u0
   * is O(u0^L), smaller still).  Checked at two u0 a decade apart, so the
   * relative error of the formula falls as u0^{L-2}. */
  for (unsigned L = 3; L <= 5; L++) {
    for (int i = 0; i < 2; i++) {
      double ss = i ? 2.385 : 0.813, u0 = (i ? 3.1e-3 : 3.1e-2) * pow(ss, 1.0 / L);
      double formula = sa_deepbal_t_half_formula(L, ss, u0);
      double tm[1] = {1.05 * formula + 10.0 / ss}, u[1], troot = NAN;
      sa_ode_params par = {1e-11, 1e-3 * 1e-11 * u0, NULL, 1000000, SA_ODE_BDF};
      if (sa_deepbal_integrate(L, ss, u0, tm, 1, &par, u, &troot, NULL, NULL) != GSL_SUCCESS)
        tap_diag("balanced ODE failed: %s", sa_error_message());
      double KL = offset_KL(L, ss);
      /* the root's own error: 250 rtol (1+kappa)/(g t), kappa ~ (L-2) s t g */
      double tol = u0 * u0 / ss + 250.0 * 1e-11 * ss * troot * (L - 1.0);
      tap_diag("L=%u s=%g u0=%g: t_root=%.10g formula=%.10g paper=%.10g s(t-f)=%.6g K_L=%.6g", L,
               ss, u0, troot, formula, sa_deepbal_t_half_paper(L, ss, u0), ss * (troot - formula),
               KL);
      tap_abs(ss * (troot - formula), KL, tol,
              "t_1/2 (CVODE root) = u0^{2-L}/((L-2)s) + K_L/s + O(u0^2/s) (Sec. 4.1.1 with the "
              "chain-rule factor L; relative error O(u0^{L-2})), L=%u, s=%g, u0=%g",
              L, ss, u0);
    }
  }

  /* Scaling law (Fig. 3a): slope of log t_1/2 vs log sigma over a decade.
   * d ln t/d ln u0 = -(L-2)/(1 + (L-2) K_L u0^{L-2}), so the least-squares
   * slope is within (L-2)^2 |K_L| u0_max^{L-2} of -(L-2). */
  for (unsigned L = 3; L <= 5; L++) {
    enum { NS = 5 };
    const double sig[NS] = {1e-3, 1.78e-3, 3.16e-3, 5.62e-3, 1e-2};
    double x[NS], y[NS];
    for (int i = 0; i < NS; i++) {
      double tm[1] = {1.05 * sa_deepbal_t_half_formula(L, 1.0, sig[i]) + 10.0}, u[1], tr = NAN;
      sa_ode_params par = {1e-10, 1e-13 * sig[i], NULL, 1000000, SA_ODE_BDF};
      if (sa_deepbal_integrate(L, 1.0, sig[i], tm, 1, &par, u, &tr, NULL, NULL) != GSL_SUCCESS)
        tap_diag("balanced ODE failed: %s", sa_error_message());
      x[i] = log(sig[i]);
      y[i] = log(tr);
    }
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(x, 1, y, 1, NS, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    double tol = (L - 2.0) * (L - 2.0) * fabs(offset_KL(L, 1.0)) * pow(sig[NS - 1], L - 2.0);
    tap_diag("L=%u balanced ODE slope = %.6f (tolerance %.3g)", L, c1, tol);
    tap_abs(c1, -(L - 2.0), tol,
            "log t_1/2 vs log sigma has slope -(L-2) (Sec. 4.1.1, Fig. 3a), balanced ODE, "
            "sigma in [1e-3, 1e-2], L=%u",
            L);
  }

  tap_rel(sa_deepbal_alignment_plateau(2, 30), 2.0 / sqrt(33.0), 1e-15,
          "alignment plateau L/sqrt(L^2+r-1) reduces to 2/sqrt(r+3) at L=2");
  tap_rel(sa_deepbal_kernel_scale(2, 2.385), 2.385, 1e-15,
          "final kernel scale s^{(2L-2)/L} (Eq. 63 corrected) equals s at L=2 (Sec. 3.2)");
}

/* ---------- full flow ---------- */

/* Q_l = W^l W^{lT} - W^{l+1 T} W^{l+1}, written out from the flat weights. */
static void balance_Q(const sa_linnet_shape *sh, const double *th, size_t l, double *Q)
{
  size_t n = sh->n[l], nin = sh->n[l - 1], nout = sh->n[l + 1];
  const double *A = th + sh->offset[l], *B = th + sh->offset[l + 1];
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double v = 0;
      for (size_t k = 0; k < nin; k++)
        v += A[i * nin + k] * A[j * nin + k];
      for (size_t k = 0; k < nout; k++)
        v -= B[k * n + i] * B[k * n + j];
      Q[i * n + j] = v;
    }
}

typedef struct {
  const sa_linnet_shape *sh;
  double *Q0[SA_LINNET_MAXL], *Q;
  double resid, wnorm2;
} cons_ctx;

static int cons_obs(double t, const double *theta, void *user)
{
  (void)t;
  cons_ctx *c = user;
  const sa_linnet_shape *sh = c->sh;
  for (size_t l = 1; l < sh->L; l++) {
    size_t n = sh->n[l];
    balance_Q(sh, theta, l, c->Q);
    double r = 0;
    for (size_t k = 0; k < n * n; k++)
      r += (c->Q[k] - c->Q0[l][k]) * (c->Q[k] - c->Q0[l][k]);
    if (sqrt(r) > c->resid)
      c->resid = sqrt(r);
  }
  for (size_t l = 1; l <= sh->L; l++) {
    double w2 = 0;
    for (size_t k = 0; k < sh->n[l] * sh->n[l - 1]; k++)
      w2 += theta[sh->offset[l] + k] * theta[sh->offset[l] + k];
    if (w2 > c->wnorm2)
      c->wnorm2 = w2;
  }
  return 0;
}

typedef struct {
  double t_half, t_align, kalign, cos_w1, loss_ratio, resid, wnorm2;
  long nsteps;
  int ok;
} flow_out;

static flow_out run_flow(size_t L, size_t D, size_t N, double sigma, double s, unsigned long seed,
                         double rtol, double stop_ratio, int conservation)
{
  flow_out fo = {NAN, NAN, NAN, NAN, NAN, NAN, 0, 0, 0};
  sa_linsetup_params sp = {L, D, N, 100, sigma, s, 0.0, seed};
  sa_linsetup su;
  if (sa_linsetup_alloc(&sp, &su) != 0)
    return fo;
  su.pb.stop_ratio = stop_ratio;
  const sa_linnet_shape *sh = &su.pb.shape;
  double *atol = malloc(sh->nparam * sizeof *atol);
  cons_ctx cc = {sh, {NULL}, NULL, 0, 0};
  int ok = atol != NULL;
  for (size_t l = 1; ok && l <= sh->L; l++)
    for (size_t k = 0; k < sh->n[l] * sh->n[l - 1]; k++)
      atol[sh->offset[l] + k] = 1e-3 * rtol * sigma / sqrt((double)sh->n[l - 1]);
  if (conservation && ok) {
    cc.Q = malloc(N * N * sizeof *cc.Q);
    ok = cc.Q != NULL;
    for (size_t l = 1; ok && l < sh->L; l++) {
      cc.Q0[l] = malloc(sh->n[l] * sh->n[l] * sizeof(double));
      if (!(ok = cc.Q0[l] != NULL))
        break;
      balance_Q(sh, su.theta, l, cc.Q0[l]);
    }
  }
  /* horizon: a generous multiple of the balanced-ODE time scale */
  double scale = L == 2 ? log(s / (sigma * sigma)) / s : pow(sigma, 2.0 - L) / ((L - 2.0) * s);
  double times[40];
  for (int k = 0; k < 40; k++)
    times[k] = (5.0 * scale + 40.0 / s) * (k + 1.0) / 40.0;
  sa_ode_params par = {rtol, 0, atol, 1000000, SA_ODE_ADAMS};
  sa_linflow_result res;
  if (ok && sa_linflow_run(&su.pb, su.theta, times, 40, &par, conservation ? cons_obs : NULL, &cc,
                           &res) == 0) {
    sa_linobs_work *ow = sa_linobs_work_alloc(sh, su.X, su.theta);
    sa_linobs o;
    if (ow && sa_linobs_compute(su.theta, su.Sigma, su.T, su.beta, ow, &o) == 0) {
      fo.kalign = o.kalign;
      fo.cos_w1 = o.cos_w1;
      fo.loss_ratio = o.loss / res.loss0;
      fo.t_half = res.t_half;
      fo.t_align = res.t_align;
      fo.nsteps = res.nsteps;
      fo.resid = cc.resid;
      fo.wnorm2 = cc.wnorm2;
      fo.ok = 1;
    }
    sa_linobs_work_free(ow);
  }
  for (size_t l = 0; l < SA_LINNET_MAXL; l++)
    free(cc.Q0[l]);
  free(cc.Q);
  free(atol);
  sa_linsetup_free(&su);
  return fo;
}

static void check_full_flow(void)
{
  const double s = 1.0, r = 30.0; /* whitened, D = 30 <= P = 100: rank r = D */
  for (size_t L = 2; L <= 5; L++) {
    double sigma = 0.0213, rtol = 1e-9;
    flow_out fo = run_flow(L, 30, 20, sigma, s, 7 + L, rtol, 1e-12, 1);
    /* Each step perturbs the weights by at most ~rtol |W| (WRMS local error
     * test) and moves Q_l by at most 2 rtol (|W^l|^2 + |W^{l+1}|^2); the
     * exact flow conserves Q_l, so the drift is at most the sum over steps. */
    double bound = 2.0 * fo.nsteps * rtol * 2.0 * fo.wnorm2;
    tap_diag("L=%zu: max_l |Q_l(t)-Q_l(0)|_F = %.3g over %ld steps (bound %.3g, max |W|^2 = %.3g)",
             L, fo.resid, fo.nsteps, bound, fo.wnorm2);
    tap_ok(fo.ok && fo.resid <= bound,
           "App. D conservation: W^l W^lT - W^{l+1 T} W^{l+1} constant along the full flow "
           "(Eq. 9) to solver tolerance, L=%zu",
           L);
  }
  /* Plateau: the kernel is u^{2(L-1)}[(L-1) beta beta^T + I] plus the
   * un-grown O(sigma^2) part of the weights, so the deviation is O(sigma^2)
   * (measured ~0.3-0.45 sigma^2 at D = 30): we require < sigma^2, i.e.
   * well inside O(sigma). */
  for (size_t L = 2; L <= 5; L++) {
    double sigma = 0.0137;
    flow_out fo = run_flow(L, 30, 50, sigma, s, 3 + L, 1e-8, 1e-10, 0);
    double A = sa_deepbal_alignment_plateau((unsigned)L, r);
    tap_diag("L=%zu D=30: final kernel alignment %.6f, predicted %.6f, L/L0 = %.2g", L, fo.kalign,
             A, fo.loss_ratio);
    tap_abs(fo.kalign, A, sigma * sigma,
            "final kernel alignment equals L/sqrt(L^2+r-1) (Eq. 10/63, Fig. E.1b) within O(sigma), "
            "D=r=30, L=%zu",
            L);
    tap_abs(fo.cos_w1, 1.0, sigma * sigma,
            "W1 alignment cos(W1^T W1, beta beta^T) -> 1 (Fig. E.1c), L=%zu", L);
  }
  /* Fig. 3c: L = 3, D = 30, N = 50, alignment before half loss, and slope
   * -1 of log t_1/2 vs log sigma.  The full flow adds to the balanced ODE's
   * O(1/s) offset K_3 an O(1/s) alignment transient, so the slope is within
   * 2 |K_3| sigma_max of -1. */
  {
    enum { NS = 4 };
    const double sig[NS] = {3.0e-3, 6.0e-3, 1.3e-2, 3.0e-2};
    double x[NS], y[NS];
    int order = 1;
    for (int i = 0; i < NS; i++) {
      flow_out fo = run_flow(3, 30, 50, sig[i], s, 11, 1e-8, 0.3, 0);
      tap_diag("L=3 sigma=%g: full flow t_1/2 = %.6g, t_align = %.6g, ratio %.3f, balanced "
               "formula %.6g",
               sig[i], fo.t_half, fo.t_align, fo.t_align / fo.t_half,
               sa_deepbal_t_half_formula(3, s, sig[i]));
      tap_ok(fo.ok && fo.t_align < fo.t_half,
             "t_align < t_1/2 on the full flow (Fig. 3c), L=3, sigma=%g", sig[i]);
      order = order && fo.ok;
      x[i] = log(sig[i]);
      y[i] = log(fo.t_half);
    }
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(x, 1, y, 1, NS, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    double tol = 2.0 * fabs(offset_KL(3, s)) * sig[NS - 1];
    tap_diag("L=3 full flow slope = %.5f (tolerance %.3g)", c1, tol);
    tap_abs(order ? c1 : NAN, -1.0, tol,
            "log t_1/2 vs log sigma has slope -(L-2) = -1 on the full flow (Fig. 3c), L=3, "
            "sigma in [3e-3, 3e-2]");
  }
}

/* The automatic horizon of `silentalign balanced` (sa_deepbal_t_end_auto):
 * s - c decays at the rate L c^{(2L-2)/L}, which rises from its value at
 * t_1/2 to L s^{(2L-2)/L}, so over the 20 / (L s^{(2L-2)/L}) after t_1/2
 * the loss falls by a factor between e^{-40} and
 * e^{-40 (c_h/s)^{(2L-2)/L}}.  Checked with the closed-form u(t) (relative
 * accuracy 1e-15, so s - c ~ 1e-9 s is known to 1e-5 relative). */
static void check_auto_horizon(void)
{
  const unsigned Ls[] = {2, 3, 5};
  for (size_t k = 0; k < 3; k++) {
    unsigned L = Ls[k];
    double s = 2.385, u0 = 0.0123, u = NAN;
    double t_end = sa_deepbal_t_end_auto(L, s, u0);
    double ch = pow(sa_deepbal_u_half(L, s, u0), (double)L);
    int st = sa_deepbal_u(L, s, u0, t_end, 1e-15, &u);
    double ratio = pow((s - pow(u, (double)L)) / (s - ch), 2.0);
    double lo = exp(-2.0 * SA_DEEPBAL_AUTO_RELAX),
           hi = exp(-2.0 * SA_DEEPBAL_AUTO_RELAX * pow(ch / s, (2.0 * L - 2.0) / L));
    tap_ok(st == 0 && ratio >= lo && ratio <= hi,
           "auto horizon, L = %u: L(t_end)/L(t_1/2) = %.3g within [e^-40, %.3g]", L, ratio, hi);
  }
}

/* deep-times' full-flow horizon (deeptimes.h): its two time scales from
 * their formulas, and, for small sigma, the balanced ODE's exact t_1/2
 * (closed form) inside one unit of the scale at L >= 3 (t_1/2 = T + O(1))
 * and below ln(s/sigma^2)/s at L = 2 (logistic: ln(1 + 0.41 s/sigma^2)/(2s)). */
static void check_deeptimes_horizon(void)
{
  /* L = 2, s = 1, sigma = 1/e: T = ln(e^2) = 2, horizon 10 T + 50 = 70 */
  tap_rel(sa_deeptimes_horizon(2, 1.0, exp(-1.0), 10.0), 70.0, 1e-14,
          "deep-times horizon, L = 2: 10 ln(s/sigma^2)/s + 50/s");
  /* L = 4, s = 2, sigma = 0.1: T = 0.1^-2/(2 * 2) = 25, horizon 250 + 25 */
  tap_rel(sa_deeptimes_horizon(4, 2.0, 0.1, 10.0), 275.0, 1e-14,
          "deep-times horizon, L = 4: 10 sigma^(2-L)/((L-2)s) + 50/s");
  const unsigned Ls[] = {2, 3, 5};
  for (size_t k = 0; k < 3; k++) {
    unsigned L = Ls[k];
    double s = 1.7, sg = 0.01;
    double th = sa_deepbal_t_half_exact(L, s, sg);
    double T = sa_deeptimes_horizon(L, s, sg, 1.0) - 50.0 / s;
    tap_ok(
        th < T + (L == 2 ? 0.0 : 1.0 / s) && th > 0.2 * T,
        "deep-times horizon, L = %u, sigma = 0.01: exact t_1/2 = %.4g within (0.2, 1] T + O(1/s), "
        "T = %.4g",
        L, th, T);
  }
}

int main(void)
{
  check_balanced();
  check_full_flow();
  check_auto_horizon();
  check_deeptimes_horizon();
  return tap_done();
}
