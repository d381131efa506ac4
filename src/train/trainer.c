/* The training loop with records, divergence detection and the final
 * kernel regression: see trainer.h. */
#include "config.h"

#include "train/trainer.h"

#include "core/sa_errno.h"
#include "core/sa_ode.h"
#include "nets/kernel_regression.h"
#include "nets/model.h"
#include "nets/ntk.h"
#include "train/observe.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sa_train_params_default(sa_train_params *p, size_t steps)
{
  memset(p, 0, sizeof *p);
  p->steps = steps;
  p->records = 100;
  p->log_records = 0;
  p->diverge_factor = SA_TRAIN_DIVERGE_FACTOR;
  p->ntk = 1;
  p->n_eig = 1;
  p->eta_kernel = 1;
  p->kernel_regression = 1;
  p->kr_plain = 0;
  p->kr_rcond = SA_KREG_RCOND;
  p->flow = 0;
  p->flow_method = SA_TRAIN_FLOW_METHOD;
  p->flow_rtol = SA_TRAIN_FLOW_RTOL;
  p->flow_atol = 0.0;
}

void sa_train_result_init(sa_train_result *res)
{
  memset(res, 0, sizeof *res);
  res->loss0 = res->loss_final = NAN;
  res->disc_k0 = res->disc_kinf = res->disc_eta0 = res->disc_etainf = NAN;
}

static void mfree(gsl_matrix **m)
{
  if (*m)
    gsl_matrix_free(*m);
  *m = NULL;
}

void sa_train_result_free(sa_train_result *res)
{
  mfree(&res->f_nn);
  mfree(&res->f_k0);
  mfree(&res->f_kinf);
  mfree(&res->f_eta0);
  mfree(&res->f_etainf);
  mfree(&res->gram0);
  mfree(&res->gram_inf);
}

static int cmp_size(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return (x > y) - (x < y);
}

int sa_train_schedule(size_t steps, size_t records, int log_spacing, size_t **out, size_t *n)
{
  *out = NULL;
  *n = 0;
  if (records < 2)
    return sa_error(GSL_EINVAL, "a schedule needs at least 2 records, not %zu", records);
  size_t *s = malloc(records * sizeof *s);
  if (!s)
    return sa_error(GSL_ENOMEM, "out of memory for %zu record steps", records);
  s[0] = 0;
  for (size_t k = 1; k < records; k++) {
    double t;
    if (log_spacing && records > 2 && steps > 0) /* 1 .. steps, even in log t */
      t = exp((double)(k - 1) / (double)(records - 2) * log((double)steps));
    else
      t = (double)k / (double)(records - 1) * (double)steps;
    s[k] = (size_t)llround(t);
    if (s[k] > steps)
      s[k] = steps;
  }
  s[records - 1] = steps;
  qsort(s, records, sizeof *s, cmp_size);
  size_t m = 0;
  for (size_t k = 0; k < records; k++)
    if (m == 0 || s[k] != s[m - 1])
      s[m++] = s[k];
  *out = s;
  *n = m;
  return GSL_SUCCESS;
}

/* Working storage of one run. */
typedef struct {
  size_t C, P, Pt, n; /* outputs, samples, test samples, n = CP       */
  sa_model_ws *fw;    /* training forward/backward                     */
  sa_model_ws *fwt;   /* test forward (NULL without test data)         */
  sa_model_kws *nw;
  sa_optim *opt;
  gsl_vector *grad, *eta, *eig;
  double *eigbuf;
  gsl_matrix *K, *Kx;   /* current Gram (n x n) and cross (C Pt x n)     */
  gsl_matrix *E;        /* current optimiser-weighted Gram (n x n)       */
  gsl_matrix *Ex;       /* its cross-kernel at the end (C Pt x n)        */
  gsl_matrix *K0, *Kx0; /* step-0 NTK                                    */
  gsl_matrix *E0, *Ex0; /* step-0 optimiser-weighted kernel              */
  gsl_matrix *F0, *Ft0; /* f_0 on the training and test points           */
  gsl_matrix **Kl;      /* per-layer parts of K (L of them) or NULL      */
  size_t nl;
  double *kl_norm, *kl_align;
  gsl_vector *align_work; /* 2n, for sa_ntk_alignment                    */
  double *walign_work;    /* for sa_ntk_weight_alignment (cos_w1)        */
  size_t nwalign;
  sa_kreg *kr;                   /* final kernel regression (n)          */
  sa_kreg_outputs_workspace *kw; /* its C x P targets, C x Pt predictions */
  gsl_matrix *T;                 /* targets Y, minus F0 unless plain      */
} run_work;

static void work_free(run_work *w)
{
  sa_model_ws_free(w->fw);
  sa_model_ws_free(w->fwt);
  sa_model_kws_free(w->nw);
  sa_optim_free(w->opt);
  if (w->grad)
    gsl_vector_free(w->grad);
  if (w->eta)
    gsl_vector_free(w->eta);
  if (w->eig)
    gsl_vector_free(w->eig);
  free(w->eigbuf);
  mfree(&w->K);
  mfree(&w->Kx);
  mfree(&w->E);
  mfree(&w->K0);
  mfree(&w->Kx0);
  mfree(&w->E0);
  mfree(&w->Ex0);
  mfree(&w->Ex);
  mfree(&w->F0);
  mfree(&w->Ft0);
  if (w->Kl)
    for (size_t l = 0; l < w->nl; l++)
      mfree(&w->Kl[l]);
  free(w->Kl);
  free(w->kl_norm);
  free(w->kl_align);
  if (w->align_work)
    gsl_vector_free(w->align_work);
  free(w->walign_work);
  sa_kreg_free(w->kr);
  sa_kreg_outputs_free(w->kw);
  mfree(&w->T);
}

/* Records why the run failed (the thread's message, core/sa_errno.h, in
 * full; res->reason, for the output file, as much as it holds) and returns
 * status. */
static int fail(sa_train_result *res, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(sa_train_result *res, int status, const char *fmt, ...)
{
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  size_t k = strlen(msg);
  if (k >= sizeof res->reason)
    k = sizeof res->reason - 1;
  memcpy(res->reason, msg, k);
  res->reason[k] = '\0';
  return sa_error(status, "%s", msg);
}

static gsl_matrix *mdup(const gsl_matrix *A)
{
  gsl_matrix *B = gsl_matrix_alloc(A->size1, A->size2);
  if (B && gsl_matrix_memcpy(B, A)) { /* same sizes: cannot happen */
    gsl_matrix_free(B);
    B = NULL;
  }
  return B;
}

/* Flags derived from the parameters. */
typedef struct {
  int kr;   /* final kernel regression                       */
  int eta;  /* optimiser-weighted kernel                     */
  int gram; /* the NTK Gram is computed (at records or at 0/end) */
} run_flags;

static int work_alloc(run_work *w, const sa_model *net, const sa_train_data *d,
                      const sa_optim_params *op, const sa_train_params *par, const run_flags *fl)
{
  memset(w, 0, sizeof *w);
  w->C = d->Y->size1;
  w->P = d->X->size2;
  w->Pt = d->Xt ? d->Xt->size2 : 0;
  w->n = w->C * w->P;
  w->fw = sa_model_ws_alloc(net, w->P);
  w->opt = sa_optim_alloc(op, sa_model_n_params(net));
  w->grad = gsl_vector_alloc(sa_model_n_params(net));
  w->eigbuf = malloc((par->n_eig ? par->n_eig : 1) * sizeof *w->eigbuf);
  if (!w->fw || !w->opt || !w->grad || !w->eigbuf)
    return GSL_ENOMEM;
  for (size_t k = 0; k < (par->n_eig ? par->n_eig : 1); k++)
    w->eigbuf[k] = NAN;
  if (w->Pt) {
    w->fwt = sa_model_ws_alloc(net, w->Pt);
    if (!w->fwt)
      return GSL_ENOMEM;
  }
  if (fl->gram || fl->eta) {
    w->nw = sa_model_kws_alloc(net, w->P, fl->kr ? w->Pt : 0);
    w->align_work = gsl_vector_alloc(2 * w->n);
    if (!w->nw || !w->align_work)
      return GSL_ENOMEM;
  }
  if (fl->gram) {
    w->K = gsl_matrix_alloc(w->n, w->n);
    if (!w->K)
      return GSL_ENOMEM;
    if (par->n_eig) {
      w->eig = gsl_vector_alloc(par->n_eig);
      if (!w->eig)
        return GSL_ENOMEM;
    }
  }
  if (par->ntk && par->layer_kernels && net->mlp) {
    w->nl = net->mlp->L;
    w->Kl = calloc(w->nl, sizeof *w->Kl);
    w->kl_norm = malloc(w->nl * sizeof *w->kl_norm);
    w->kl_align = malloc(w->nl * sizeof *w->kl_align);
    if (!w->Kl || !w->kl_norm || !w->kl_align)
      return GSL_ENOMEM;
    for (size_t l = 0; l < w->nl; l++)
      if (!(w->Kl[l] = gsl_matrix_alloc(w->n, w->n)))
        return GSL_ENOMEM;
  }
  if (fl->eta) {
    w->eta = gsl_vector_alloc(sa_model_n_params(net));
    w->E = gsl_matrix_alloc(w->n, w->n);
    if (!w->eta || !w->E)
      return GSL_ENOMEM;
  }
  if (fl->kr) {
    w->Kx = gsl_matrix_alloc(w->C * w->Pt, w->n);
    if (!w->Kx || (fl->eta && !(w->Ex = gsl_matrix_alloc(w->C * w->Pt, w->n))))
      return GSL_ENOMEM;
    w->kr = sa_kreg_alloc(w->n);
    w->kw = sa_kreg_outputs_alloc(w->C, w->P, w->Pt);
    w->T = gsl_matrix_alloc(w->C, w->P);
    if (!w->kr || !w->kw || !w->T)
      return GSL_ENOMEM;
  }
  const sa_mlp *mlp = net->mlp; /* cos_w1 of a linear MLP with a teacher */
  if (mlp && mlp->act == SA_ACT_LINEAR && d->teacher) {
    w->nwalign =
        sa_ntk_weight_alignment_worksize(mlp->widths[1], d->teacher->size1, d->teacher->size2);
    if (!(w->walign_work = malloc(w->nwalign * sizeof *w->walign_work)))
      return GSL_ENOMEM;
  }
  return GSL_SUCCESS;
}

/* ANCHOR: train_kr_predict */
/* Kernel regression predictions for targets Y (minus F0 unless plain) and
 * its discrepancy with the network's test outputs. */
static int kr_predict(const run_work *w, const sa_train_data *d, const sa_train_params *par,
                      const gsl_matrix *K, const gsl_matrix *Kx, const gsl_matrix *fnn,
                      gsl_matrix **fk, double *disc, size_t *rank, sa_train_result *res,
                      const char *what)
{
  if (!(*fk = gsl_matrix_alloc(w->C, w->Pt)))
    return fail(res, GSL_ENOMEM, "out of memory in the kernel regression");
  int cs = gsl_matrix_memcpy(w->T, d->Y);
  if (cs)
    return fail(res, cs, "kernel regression targets: %s", gsl_strerror(cs));
  if (!par->kr_plain && (cs = gsl_matrix_sub(w->T, w->F0)))
    return fail(res, cs, "kernel regression targets Y - f0: %s", gsl_strerror(cs));
  int gs = sa_kreg_fit(w->kr, K, SA_KREG_AUTO, par->kr_rcond);
  if (!gs)
    gs = sa_kreg_predict_outputs(w->kr, Kx, w->T, *fk, w->kw);
  if (gs)
    return fail(res, gs, "kernel regression with %s failed: %s", what, gsl_strerror(gs));
  if (!par->kr_plain && (cs = gsl_matrix_add(*fk, w->Ft0)))
    return fail(res, cs, "kernel regression prediction + f0: %s", gsl_strerror(cs));
  *disc = sa_kreg_discrepancy(fnn, *fk);
  if (rank)
    *rank = w->kr->rank;
  return GSL_SUCCESS;
}
/* END: train_kr_predict */

/* Measures one record at theta_t; the forward pass of the training set is
 * in w->fw (from the gradient evaluation at theta_t). */
static int measure(const sa_model *net, const sa_train_data *d, const sa_train_params *par,
                   const run_flags *fl, run_work *w, sa_train_record *rec, size_t step,
                   double loss0, sa_train_result *res)
{
  int first = step == 0, last = step == par->steps;
  rec->loss_ratio = loss0 > 0 ? rec->loss / loss0 : NAN;
  rec->train_err = sa_train_class_error(sa_model_ws_outputs(w->fw), d->Y);
  rec->test_loss = rec->test_err = NAN;
  if (w->fwt) {
    int st = sa_model_forward(net, d->Xt, w->fwt);
    if (st)
      return fail(res, st, "test forward pass failed: %s", sa_strerror(st));
    rec->test_loss = sa_model_loss_from_outputs(w->fwt, d->Yt);
    rec->test_err = sa_train_class_error(sa_model_ws_outputs(w->fwt), d->Yt);
  }
  rec->k_norm = rec->k_align = rec->eta_norm = rec->eta_align = NAN;
  for (size_t k = 0; k < par->n_eig; k++)
    w->eigbuf[k] = NAN;
  rec->k_eig = w->eigbuf;

  /* The kernels of this record, in one call (model.h): the NTK Gram K_t
   * (for an MLP with layer_kernels, its per-layer parts K_l with K = sum_l K_l,
   * ntk.h); the optimiser-weighted kernel (App. J.1) with the rates of the
   * step leaving theta_t; at step 0 and at the end the cross-kernels for the
   * final regression. */
  rec->n_layers = 0;
  rec->kl_norm = rec->kl_align = NULL;
  int want_k = par->ntk || ((fl->kr || par->keep_gram) && (first || last));
  int want_x = fl->kr && (first || last);
  int layers = want_k && par->ntk && w->Kl && net->mlp;
  if (first && fl->kr) {
    w->Kx0 = gsl_matrix_alloc(w->C * w->Pt, w->n);
    if (fl->eta)
      w->Ex0 = gsl_matrix_alloc(w->C * w->Pt, w->n);
    if (!w->Kx0 || (fl->eta && !w->Ex0))
      return fail(res, GSL_ENOMEM, "out of memory");
  }
  if (layers) {
    int st = sa_ntk_gram_layers(net->mlp, d->X, w->nw->mlp, w->K, w->Kl);
    if (st)
      return fail(res, st, "NTK Gram failed: %s", sa_strerror(st));
    for (size_t l = 0; l < w->nl; l++) {
      w->kl_norm[l] = sa_ntk_frobenius(w->Kl[l]);
      w->kl_align[l] = sa_ntk_alignment(w->Kl[l], d->Y, w->align_work);
    }
    rec->n_layers = w->nl;
    rec->kl_norm = w->kl_norm;
    rec->kl_align = w->kl_align;
  }
  if (fl->eta && sa_optim_rates(w->opt, w->grad, w->eta))
    return fail(res, GSL_EFAILED, "optimiser rates failed at step %zu", step);
  if ((want_k && !layers) || want_x || fl->eta) {
    int st = sa_model_kernels(net, d->X, want_x ? d->Xt : NULL, fl->eta ? w->eta : NULL, w->nw,
                              want_k && !layers ? w->K : NULL,
                              want_x ? (first ? w->Kx0 : w->Kx) : NULL, fl->eta ? w->E : NULL,
                              want_x && fl->eta ? (first ? w->Ex0 : w->Ex) : NULL);
    if (st)
      return fail(res, st, "NTK kernels failed at step %zu: %s", step, sa_strerror(st));
  }
  if (want_k) {
    if (par->ntk) {
      rec->k_norm = sa_ntk_frobenius(w->K);
      rec->k_align = sa_ntk_alignment(w->K, d->Y, w->align_work);
      if (w->eig) {
        int st = sa_ntk_top_eigenvalues(w->K, w->eig);
        if (st)
          return fail(res, st, "eigenvalues of the NTK Gram failed at step %zu", step);
        for (size_t k = 0; k < par->n_eig; k++)
          w->eigbuf[k] = gsl_vector_get(w->eig, k);
      }
    }
  }
  if (fl->eta) {
    rec->eta_norm = sa_ntk_frobenius(w->E);
    rec->eta_align = sa_ntk_alignment(w->E, d->Y, w->align_work);
  }
  /* Copies of the Gram at step 0 and at the end for the caller. */
  if (par->keep_gram && first && !(res->gram0 = mdup(w->K)))
    return fail(res, GSL_ENOMEM, "out of memory");
  if (par->keep_gram && last && !(res->gram_inf = mdup(w->K)))
    return fail(res, GSL_ENOMEM, "out of memory");
  /* Step 0: keep K_0, its cross-kernel and f_0 for the final regression. */
  if (first && fl->kr) {
    w->K0 = mdup(w->K);
    w->F0 = mdup(sa_model_ws_outputs(w->fw));
    w->Ft0 = mdup(sa_model_ws_outputs(w->fwt));
    if (!w->K0 || !w->F0 || !w->Ft0 || (fl->eta && !(w->E0 = mdup(w->E))))
      return fail(res, GSL_ENOMEM, "out of memory");
  }
  /* Last step: kernel regression with K_0 and K_inf (and the eta kernels). */
  if (last && fl->kr) {
    res->f_nn = mdup(sa_model_ws_outputs(w->fwt));
    if (!res->f_nn)
      return fail(res, GSL_ENOMEM, "out of memory");
    int st = kr_predict(w, d, par, w->K, w->Kx, res->f_nn, &res->f_kinf, &res->disc_kinf,
                        &res->rank_kinf, res, "K_inf");
    if (!st)
      st = kr_predict(w, d, par, w->K0, w->Kx0, res->f_nn, &res->f_k0, &res->disc_k0, &res->rank_k0,
                      res, "K_0");
    if (!st && fl->eta)
      st = kr_predict(w, d, par, w->E, w->Ex, res->f_nn, &res->f_etainf, &res->disc_etainf, NULL,
                      res, "the final optimiser-weighted kernel");
    if (!st && fl->eta)
      st = kr_predict(w, d, par, w->E0, w->Ex0, res->f_nn, &res->f_eta0, &res->disc_eta0, NULL, res,
                      "the initial optimiser-weighted kernel");
    if (st)
      return st;
  }
  /* Linear-network observables. */
  rec->cos_w1 = rec->q = rec->r = NAN;
  const sa_mlp *mlp = net->mlp; /* MLP-only observables */
  if (mlp && mlp->act == SA_ACT_LINEAR && d->teacher) {
    gsl_matrix_const_view W1 = sa_mlp_layer_const(mlp, mlp->theta, 1);
    rec->cos_w1 = sa_ntk_weight_alignment(&W1.matrix, d->teacher, w->walign_work, w->nwalign);
  }
  if (mlp && d->beta && sa_train_twolayer_qr(mlp, d->beta, &rec->q, &rec->r) == GSL_ENOMEM)
    return fail(res, GSL_ENOMEM, "out of memory for q and r");
  return GSL_SUCCESS;
}

static int check_sizes(const sa_model *net, const sa_train_data *d, sa_train_result *res)
{
  size_t D = sa_model_inputs(net), C = sa_model_outputs(net);
  if (!d->X || !d->Y || d->X->size1 != D || d->Y->size1 != C || d->Y->size2 != d->X->size2)
    return fail(res, GSL_EBADLEN, "training data do not match the network (D = %zu, C = %zu)", D,
                C);
  if ((d->Xt == NULL) != (d->Yt == NULL))
    return fail(res, GSL_EBADLEN, "test inputs and test targets must be given together");
  if (d->Xt && (d->Xt->size1 != D || d->Yt->size1 != C || d->Yt->size2 != d->Xt->size2))
    return fail(res, GSL_EBADLEN, "test data do not match the network (D = %zu, C = %zu)", D, C);
  if (d->teacher && (d->teacher->size1 != C || d->teacher->size2 != D))
    return fail(res, GSL_EBADLEN, "teacher is not C x D = %zu x %zu", C, D);
  if (d->beta && d->beta->size != D)
    return fail(res, GSL_EBADLEN, "teacher direction beta does not have length D = %zu", D);
  return GSL_SUCCESS;
}

static int diverged(sa_train_result *res, size_t step, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int diverged(sa_train_result *res, size_t step, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(res->reason, sizeof res->reason, fmt, ap);
  va_end(ap);
  res->diverged = 1;
  res->diverged_step = step;
  return SA_EDIVERGED;
}

/* ANCHOR: train_flow_rhs */
/* d theta/dt = -grad L(theta): the network's backprop gradient (model.h,
 * any network) at the state y. */
typedef struct {
  const sa_model *net;
  const sa_train_data *d;
  sa_model_ws *fw;
} flow_ctx;

static int flow_rhs(double t, const double *y, double *ydot, void *user)
{
  (void)t;
  flow_ctx *c = user;
  size_t n = sa_model_n_params(c->net);
  gsl_vector_view g = gsl_vector_view_array(ydot, n);
  if (sa_model_loss_grad_at(c->net, y, c->d->X, c->d->Y, c->fw, NULL, &g.vector))
    return -1;
  for (size_t k = 0; k < n; k++) {
    ydot[k] = -ydot[k];
    if (!isfinite(ydot[k]))
      return 1; /* refused: sa_ode stops with SA_ESOLVER (integrator unstable) */
  }
  return 0;
}
/* END: train_flow_rhs */

int sa_train_run(sa_mlp *net, const sa_train_data *d, const sa_optim_params *op,
                 const sa_train_params *par, sa_train_observer obs, void *user,
                 sa_train_result *res)
{
  sa_model m = sa_model_mlp(net);
  return sa_train_run_model(&m, d, op, par, obs, user, res);
}

int sa_train_run_model(const sa_model *net, const sa_train_data *d, const sa_optim_params *op,
                       const sa_train_params *par, sa_train_observer obs, void *user,
                       sa_train_result *res)
{
  gsl_vector *theta = sa_model_theta(net);
  sa_train_result_init(res);
  int status = check_sizes(net, d, res);
  if (status)
    return status;
  if (par->records < 2 || !(par->diverge_factor > 1))
    return fail(res, GSL_EINVAL, "need records >= 2 and diverge_factor > 1");
  run_flags fl;
  fl.kr = par->kernel_regression && d->Xt != NULL;
  fl.eta = par->eta_kernel && op->kind == SA_OPTIM_ADAM && !par->flow;
  fl.gram = par->ntk || fl.kr || par->keep_gram;
  size_t C = d->Y->size1, P = d->X->size2;
  if (par->n_eig > C * P)
    return fail(res, GSL_EINVAL, "cannot record %zu eigenvalues of a %zu x %zu kernel", par->n_eig,
                C * P, C * P);
  size_t *sched = NULL, nsched = 0;
  sa_ode *ode = NULL;
  double *state = NULL;
  flow_ctx fc = {net, d, NULL};
  run_work w;
  status = GSL_ENOMEM;
  sa_optim *probe = sa_optim_alloc(op, sa_model_n_params(net));
  if (!probe)
    return fail(res, GSL_EINVAL,
                "invalid optimiser parameters (lr > 0; Adam: beta1, beta2 in [0,1), "
                "eps > 0) or out of memory");
  sa_optim_free(probe);
  if (work_alloc(&w, net, d, op, par, &fl) ||
      sa_train_schedule(par->steps, par->records, par->log_records, &sched, &nsched)) {
    status = fail(res, GSL_ENOMEM, "out of memory");
    goto done;
  }
  size_t next = 0; /* index of the next record step */
  double loss0 = NAN;
  if (par->flow) {
    /* The right-hand side shares the training workspace: it runs only inside
     * sa_ode_advance, and the loop's own gradient evaluation follows. */
    size_t n = sa_model_n_params(net);
    fc.fw = w.fw;
    state = malloc(n * sizeof *state);
    if (!state) {
      status = fail(res, GSL_ENOMEM, "out of memory");
      goto done;
    }
    double rms = sa_train_norm(theta) / sqrt((double)n);
    sa_ode_params odp = {par->flow_rtol, par->flow_atol > 0 ? par->flow_atol : par->flow_rtol * rms,
                         NULL, 1000000L, par->flow_method};
    if (!(odp.rtol > 0) || !(odp.atol > 0)) {
      status = fail(res, GSL_EINVAL, "gradient flow needs positive tolerances (rtol %g, atol %g)",
                    odp.rtol, odp.atol);
      goto done;
    }
    memcpy(state, theta->data, n * sizeof *state);
    if ((status = sa_ode_alloc(n, flow_rhs, &fc, &odp, state, 0.0, &ode)) != GSL_SUCCESS) {
      char msg[600];
      snprintf(msg, sizeof msg, "%s", sa_error_message());
      status = fail(res, status == GSL_ENOMEM ? status : SA_ESOLVER, "gradient flow: %s", msg);
      goto done;
    }
  }
  for (size_t step = 0;; step++) {
    double loss;
    if (par->flow) {
      /* jump to the next record time on the flow */
      step = sched[next];
      if (step > 0) {
        double t;
        if ((status = sa_ode_advance(ode, op->lr * (double)step, &t, state)) != GSL_SUCCESS) {
          /* no event functions: anything but GSL_SUCCESS is a failure */
          char msg[600];
          snprintf(msg, sizeof msg, "%s", sa_error_message());
          int why = sa_error_reason(); /* kept: an unstable flow stays one */
          sa_ode_stats(ode, &res->flow_nsteps, &res->flow_nrhs);
          status = sa_error_set_reason(
              fail(res, SA_ESOLVER, "gradient flow (%s) failed before t = %g: %s",
                   sa_ode_method_name(par->flow_method), op->lr * (double)step, msg),
              why);
          goto done;
        }
        if ((status = sa_model_set_theta(net, state))) {
          fail(res, status, "%s", sa_error_message());
          goto done;
        }
      }
      res->steps_done = step;
    }
    status = sa_model_loss_grad(net, d->X, d->Y, w.fw, &loss, w.grad);
    if (status) {
      fail(res, status, "loss/gradient evaluation failed: %s", sa_strerror(status));
      goto done;
    }
    if (step == 0)
      res->loss0 = loss0 = loss;
    res->loss_final = loss;
    int bad = 0;
    if (!isfinite(loss))
      bad = diverged(res, step, "loss is %g at step %zu", loss, step);
    else if (loss0 > 0 && loss > par->diverge_factor * loss0)
      bad = diverged(res, step, "loss %.6g exceeds %g x L_0 = %.6g at step %zu", loss,
                     par->diverge_factor, par->diverge_factor * loss0, step);
    else if (!sa_train_all_finite(w.grad))
      bad = diverged(res, step, "gradient not finite at step %zu", step);
    else if (!sa_train_all_finite(theta))
      bad = diverged(res, step, "parameters not finite at step %zu", step);
    sa_train_record rec;
    memset(&rec, 0, sizeof rec);
    rec.step = step;
    rec.t = op->lr * (double)step;
    rec.loss = loss;
    rec.grad_norm = sa_train_norm(w.grad);
    if (bad) {
      rec.diverged = 1;
      rec.loss_ratio = loss0 > 0 ? loss / loss0 : NAN;
      rec.train_err = rec.test_loss = rec.test_err = NAN;
      rec.k_norm = rec.k_align = rec.eta_norm = rec.eta_align = NAN;
      rec.cos_w1 = rec.q = rec.r = NAN;
      for (size_t k = 0; k < par->n_eig; k++)
        w.eigbuf[k] = NAN;
      rec.k_eig = w.eigbuf;
      if (obs && obs(&rec, user)) {
        status = fail(res, GSL_EFAILED, "stopped by the observer");
        goto done;
      }
      status = SA_EDIVERGED;
      goto done;
    }
    if (next < nsched && sched[next] == step) {
      next++;
      status = measure(net, d, par, &fl, &w, &rec, step, loss0, res);
      if (status)
        goto done;
      if (obs && obs(&rec, user)) {
        status = fail(res, GSL_EFAILED, "stopped by the observer");
        goto done;
      }
    }
    if (step == par->steps)
      break;
    if (par->flow)
      continue;
    if ((status = sa_optim_step(w.opt, theta, w.grad))) {
      status = fail(res, status, "optimiser step %zu: %s", step, gsl_strerror(status));
      goto done;
    }
    res->steps_done = step + 1;
  }
  status = GSL_SUCCESS;
done:
  if (ode) {
    sa_ode_stats(ode, &res->flow_nsteps, &res->flow_nrhs);
    sa_ode_free(ode);
  }
  free(state);
  free(sched);
  work_free(&w);
  return status;
}
