/* Optimisers and record schedules (src/train/optim.h, trainer.h):
 *  - Adam matches a direct transcription of Kingma & Ba's Algorithm 1 over
 *    three steps with changing gradients, and its first step equals the
 *    closed form theta - lr g / (|g| + eps) (m^_1 = g, v^_1 = g^2);
 *  - GD is theta - lr g;
 *  - the App. J.1 rates eta_j(t) = lr / (sqrt(v^_{t+1}) + eps);
 *  - invalid parameters are rejected;
 *  - schedules include 0 and the last step, increase strictly, and log
 *    spacing is geometric. */
#include "config.h"

#include "tap.h"
#include "train/optim.h"
#include "train/trainer.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#define NPAR 3
#define NSTEP 3

/* Rounding only: a handful of flops per entry, relative 1e-14. */
#define TOL_ROUND 1e-14

static void test_adam(void)
{
  const double lr = 0.0385, b1 = 0.87, b2 = 0.9913, eps = 2.7e-3;
  const double theta0[NPAR] = {0.2385, -1.4142, 0.0731};
  /* Gradients of each step (arbitrary, changing sign and scale). */
  const double g[NSTEP][NPAR] = {
      {0.513, -2.271, 0.0042}, {-0.318, -1.904, 0.0193}, {0.772, 0.0381, -0.0057}};

  sa_optim_params p = {SA_OPTIM_ADAM, lr, b1, b2, eps};
  sa_optim *opt = sa_optim_alloc(&p, NPAR);
  gsl_vector *theta = gsl_vector_alloc(NPAR), *grad = gsl_vector_alloc(NPAR);
  gsl_vector *eta = gsl_vector_alloc(NPAR);
  for (int j = 0; j < NPAR; j++)
    gsl_vector_set(theta, j, theta0[j]);

  /* Direct transcription of Algorithm 1 (Kingma & Ba 2015). */
  double th[NPAR], m[NPAR] = {0, 0, 0}, v[NPAR] = {0, 0, 0};
  for (int j = 0; j < NPAR; j++)
    th[j] = theta0[j];
  double maxrel = 0, maxrel_eta = 0;
  for (int t = 1; t <= NSTEP; t++) {
    for (int j = 0; j < NPAR; j++)
      gsl_vector_set(grad, j, g[t - 1][j]);
    /* Rate of the step about to be taken, before it is taken. */
    sa_optim_rates(opt, grad, eta);
    sa_optim_step(opt, theta, grad);
    for (int j = 0; j < NPAR; j++) {
      m[j] = b1 * m[j] + (1 - b1) * g[t - 1][j];
      v[j] = b2 * v[j] + (1 - b2) * g[t - 1][j] * g[t - 1][j];
      double mhat = m[j] / (1 - pow(b1, t));
      double vhat = v[j] / (1 - pow(b2, t));
      th[j] -= lr * mhat / (sqrt(vhat) + eps);
      double rel = fabs(gsl_vector_get(theta, j) - th[j]) / fabs(th[j]);
      if (rel > maxrel)
        maxrel = rel;
      double eta_ref = lr / (sqrt(vhat) + eps);
      double rel_eta = fabs(gsl_vector_get(eta, j) - eta_ref) / eta_ref;
      if (rel_eta > maxrel_eta)
        maxrel_eta = rel_eta;
    }
    if (t == 1) {
      /* Closed form of the first step: m^_1 = g, v^_1 = g^2. */
      double worst = 0;
      for (int j = 0; j < NPAR; j++) {
        double want = theta0[j] - lr * g[0][j] / (fabs(g[0][j]) + eps);
        double rel = fabs(gsl_vector_get(theta, j) - want) / fabs(want);
        worst = rel > worst ? rel : worst;
      }
      tap_ok(worst < TOL_ROUND,
             "Adam step 1 equals theta - lr g/(|g|+eps) (bias-corrected m^ = g, v^ = g^2): "
             "max rel. error %.2g",
             worst);
    }
  }
  tap_ok(maxrel < TOL_ROUND,
         "Adam over %d steps matches a transcription of Kingma & Ba Algorithm 1 "
         "(bias correction 1 - beta^t): max rel. error %.2g",
         NSTEP, maxrel);
  tap_ok(maxrel_eta < TOL_ROUND,
         "App. J.1 rate eta_j(t) = lr/(sqrt(v^_{t+1}) + eps), the rate of the step leaving "
         "theta_t: max rel. error %.2g",
         maxrel_eta);
  tap_ok(opt->t == NSTEP, "Adam step counter t = %d", NSTEP);
  sa_optim_reset(opt);
  for (int j = 0; j < NPAR; j++)
    gsl_vector_set(grad, j, g[0][j]);
  sa_optim_rates(opt, grad, eta);
  tap_rel(gsl_vector_get(eta, 1), lr / (fabs(g[0][1]) + eps), TOL_ROUND,
          "after reset, eta_j(0) = lr/(|g_j(0)| + eps)");

  sa_optim_free(opt);
  gsl_vector_free(theta);
  gsl_vector_free(grad);
  gsl_vector_free(eta);
}

static void test_gd(void)
{
  const double lr = 0.0271;
  sa_optim_params p = {SA_OPTIM_GD, lr, 0, 0, 0};
  sa_optim *opt = sa_optim_alloc(&p, 2);
  gsl_vector *theta = gsl_vector_alloc(2), *grad = gsl_vector_alloc(2), *eta = gsl_vector_alloc(2);
  gsl_vector_set(theta, 0, 1.385);
  gsl_vector_set(theta, 1, -0.442);
  gsl_vector_set(grad, 0, 3.17);
  gsl_vector_set(grad, 1, -0.0913);
  sa_optim_step(opt, theta, grad);
  tap_rel(gsl_vector_get(theta, 0), 1.385 - lr * 3.17, TOL_ROUND, "GD step theta - lr g (1)");
  tap_rel(gsl_vector_get(theta, 1), -0.442 + lr * 0.0913, TOL_ROUND, "GD step theta - lr g (2)");
  sa_optim_rates(opt, grad, eta);
  tap_ok(gsl_vector_get(eta, 0) == lr && gsl_vector_get(eta, 1) == lr,
         "GD rates eta_j = lr (the weighted kernel of App. J.1 is lr K)");
  sa_optim_free(opt);
  gsl_vector_free(theta);
  gsl_vector_free(grad);
  gsl_vector_free(eta);

  sa_optim_params bad1 = {SA_OPTIM_GD, -0.1, 0, 0, 0};
  sa_optim_params bad2 = {SA_OPTIM_ADAM, 0.1, 1.0, 0.999, 1e-8};
  sa_optim_params bad3 = {SA_OPTIM_ADAM, 0.1, 0.9, 0.999, 0};
  sa_optim *o1 = sa_optim_alloc(&bad1, 2), *o2 = sa_optim_alloc(&bad2, 2),
           *o3 = sa_optim_alloc(&bad3, 2);
  tap_ok(!o1 && !o2 && !o3, "invalid optimiser parameters (lr < 0, beta1 = 1, eps = 0) rejected");
  sa_optim_free(o1);
  sa_optim_free(o2);
  sa_optim_free(o3);
  sa_optim_kind k;
  tap_ok(sa_optim_kind_from_name("adam", &k) == 0 && k == SA_OPTIM_ADAM &&
             sa_optim_kind_from_name("sgd", &k) == GSL_EINVAL,
         "optimiser names: adam known, sgd unknown");
}

static void test_schedule(void)
{
  size_t *s, n;
  sa_train_schedule(1000, 11, 0, &s, &n);
  int ok = n == 11 && s[0] == 0 && s[10] == 1000;
  for (size_t k = 0; k < n; k++)
    ok = ok && s[k] == 100 * k;
  tap_ok(ok, "linear schedule 0, 100, ..., 1000 (11 records)");
  free(s);

  sa_train_schedule(10000, 5, 1, &s, &n);
  tap_ok(n == 5 && s[0] == 0 && s[1] == 1 && s[2] == 22 && s[3] == 464 && s[4] == 10000,
         "log schedule 0, then 10^(4k/3) rounded: 1, 22, 464, 10000");
  free(s);

  sa_train_schedule(7, 50, 1, &s, &n);
  ok = s[0] == 0 && s[n - 1] == 7 && n <= 8;
  for (size_t k = 1; k < n; k++)
    ok = ok && s[k] > s[k - 1];
  tap_ok(ok, "more records than steps: duplicates dropped, strictly increasing, 0 and 7 kept");
  free(s);
  tap_ok(sa_train_schedule(10, 1, 0, &s, &n) == GSL_EINVAL,
         "fewer than 2 records rejected (GSL_EINVAL)");
}

int main(void)
{
  test_adam();
  test_gd();
  test_schedule();
  return tap_done();
}
