/* Tests of the core services: option parsing (ranges, malformed numbers,
 * lists), atomic output (no file left behind on abort) and the format of
 * "# result" lines. */
#include "config.h"

#include "core/sa_nvec.h"
#include "core/sa_ode.h"
#include "core/sa_errno.h"
#include "core/sa_grid.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sundials/sundials_context.h>
#include <unistd.h>

static double sigma;
static long depth;
static sa_dlist list;
static const char *out_path;
static int flag;
static int method;

static const sa_opt table[] = {
    {"sigma", SA_OPT_DOUBLE, &sigma, "0.01", "(0,inf)", "init scale"},
    {"L", SA_OPT_LONG, &depth, "3", "[2,inf)", "depth"},
    {"list", SA_OPT_DLIST, &list, "1e-3,2.5", "(0,inf)", "values"},
    {"output", SA_OPT_STRING, &out_path, NULL, NULL, "output file"},
    {"flag", SA_OPT_FLAG, &flag, NULL, NULL, "a flag"},
    {"method", SA_OPT_CHOICE, &method, "erk", SA_ODE_METHOD_CHOICES, "integrator"},
};
#define NOPT (sizeof table / sizeof table[0])

/* The parser's status (GSL_SUCCESS or GSL_EINVAL); it prints nothing. */
static int parse(int argc, char **argv)
{
  int help = 0;
  return sa_opts_read(table, NOPT, argc, argv, 1, &help);
}

/* The fast kernels of sa_nvec against SUNDIALS' own serial kernels on the
 * same random data: equal up to summation order (1e-14 relative). */
static void check_nvec(void)
{
  SUNContext ctx;
  SUNContext_Create(NULL, &ctx);
  const sunindextype n = 1003; /* not a multiple of any vector width */
  N_Vector ref[9], fast[9];
  for (int k = 0; k < 9; k++) {
    ref[k] = N_VNew_Serial(n, ctx);
    fast[k] = N_VNew_Serial(n, ctx);
    sa_nvec_fast_ops(fast[k]);
    double *a = N_VGetArrayPointer(ref[k]), *b = N_VGetArrayPointer(fast[k]);
    for (sunindextype i = 0; i < n; i++)
      a[i] = b[i] = 0.5 + sin(1.7 * (double)(i + 1) * (k + 1)); /* in (-0.5, 1.5], no zeros */
  }
  double c[8] = {0.3, -1.2, 2.5, 0.7, -0.4, 1.9, -0.6, 0.15}, worst = 0;
  /* each op writes into vector 8, which is compared, then reset */
#define CMP()                                                                                      \
  do {                                                                                             \
    double *a = N_VGetArrayPointer(ref[8]), *b = N_VGetArrayPointer(fast[8]);                      \
    for (sunindextype i = 0; i < n; i++) {                                                         \
      worst = fmax(worst, fabs(a[i] - b[i]) / fmax(1.0, fabs(a[i])));                              \
      b[i] = a[i];                                                                                 \
    }                                                                                              \
  } while (0)
  N_VLinearSum(0.3, ref[0], -1.1, ref[1], ref[8]);
  N_VLinearSum(0.3, fast[0], -1.1, fast[1], fast[8]);
  CMP();
  for (int nv = 1; nv <= 8; nv++) { /* every blocking of the passes */
    N_VLinearCombination(nv, c, ref, ref[8]);
    N_VLinearCombination(nv, c, fast, fast[8]);
    CMP();
  }
  N_VScale(-2.5, ref[2], ref[8]);
  N_VScale(-2.5, fast[2], fast[8]);
  CMP();
  N_VAbs(ref[3], ref[8]);
  N_VAbs(fast[3], fast[8]);
  CMP();
  N_VInv(ref[3], ref[8]);
  N_VInv(fast[3], fast[8]);
  CMP();
  N_VAddConst(ref[1], 0.25, ref[8]);
  N_VAddConst(fast[1], 0.25, fast[8]);
  CMP();
  N_VProd(ref[1], ref[2], ref[8]);
  N_VProd(fast[1], fast[2], fast[8]);
  CMP();
  N_VDiv(ref[1], ref[2], ref[8]);
  N_VDiv(fast[1], fast[2], fast[8]);
  CMP();
  N_VConst(3.5, ref[8]);
  N_VConst(3.5, fast[8]);
  CMP();
  N_Vector Yr[2] = {ref[1], ref[2]}, Zr[2] = {ref[8], ref[4]};
  N_Vector Yf[2] = {fast[1], fast[2]}, Zf[2] = {fast[8], fast[4]};
  N_VScaleAddMulti(2, c, ref[0], Yr, Zr);
  N_VScaleAddMulti(2, c, fast[0], Yf, Zf);
  CMP();
  double d[5][2] = {{N_VDotProd(ref[0], ref[1]), N_VDotProd(fast[0], fast[1])},
                    {N_VMaxNorm(ref[2]), N_VMaxNorm(fast[2])},
                    {N_VWrmsNorm(ref[0], ref[3]), N_VWrmsNorm(fast[0], fast[3])},
                    {N_VWSqrSumLocal(ref[0], ref[3]), N_VWSqrSumLocal(fast[0], fast[3])},
                    {N_VDotProd(ref[4], ref[2]), N_VDotProd(fast[4], fast[2])}};
  for (int k = 0; k < 5; k++)
    worst = fmax(worst, fabs(d[k][0] - d[k][1]) / fmax(1.0, fabs(d[k][0])));
  tap_ok(worst <= 1e-14, "sa_nvec kernels equal SUNDIALS' serial kernels (max rel. diff %.1e)",
         worst);
#undef CMP
  for (int k = 0; k < 9; k++) {
    N_VDestroy(ref[k]);
    N_VDestroy(fast[k]);
  }
  SUNContext_Free(&ctx);
}

/* Options of one mode only (sa_opts_scope_ok): rows are checked in
 * order, an option not given or given where its row applies passes, and
 * the first given option of a row that does not apply is named. */
static void check_scope(void)
{
  char *argv[] = {"x", "--L=4", "--flag"};
  int st = parse(3, argv);
  const sa_opt_scope ok[] = {{(const char *const[]){"sigma", "list", NULL}, 0, "unused"},
                             {(const char *const[]){"L", "flag", NULL}, 1, "used"}};
  const sa_opt_scope bad[] = {{(const char *const[]){"sigma", NULL}, 0, "first"},
                              {(const char *const[]){"method", "flag", "L", NULL}, 0, "second"},
                              {(const char *const[]){"L", NULL}, 0, "third"}};
  int st_ok = sa_opts_scope_ok(table, NOPT, ok, 2);
  int st_bad = sa_opts_scope_ok(table, NOPT, bad, 3);
  const char *msg = sa_error_message();
  tap_ok(st == GSL_SUCCESS && st_ok == GSL_SUCCESS,
         "option scope: options not given, or given where they apply, pass");
  tap_ok(st_bad == GSL_EINVAL && !strcmp(msg, "option --flag does not apply: second"),
         "option scope: the first given option of the first row that does not apply is named (%s)",
         msg);
}

/* A right-hand side that refuses every state after t = 0.5, as the flows
 * refuse a non-finite one. */
static int refuse_late(double t, const double *y, double *ydot, void *user)
{
  (void)user;
  ydot[0] = -y[0];
  return t > 0.5;
}

/* The reason beside the message (sa_errno.h): set after sa_error, kept by
 * prefix and suffix, cleared by the next sa_error; sa_ode marks an
 * integration that became unstable with it and names no option. */
static void check_error_reason(void)
{
  sa_error_set_reason(sa_error(GSL_EFAILED, "x"), SA_REASON_UNSTABLE);
  sa_error_prefix(GSL_EFAILED, "ctx");
  sa_error_suffix(GSL_EFAILED, " tail");
  tap_ok(sa_error_reason() == SA_REASON_UNSTABLE && !strcmp(sa_error_message(), "ctx: x tail"),
         "errors: the reason survives sa_error_prefix and sa_error_suffix");
  sa_error(GSL_EINVAL, "y");
  tap_ok(sa_error_reason() == SA_REASON_NONE, "errors: the next sa_error clears the reason");
  const sa_ode_method m[2] = {SA_ODE_ADAMS, SA_ODE_ERK};
  for (int k = 0; k < 2; k++) {
    sa_ode_params p = {1e-6, 1e-9, NULL, 0, m[k]};
    sa_ode *ode = NULL;
    double y = 1.0, t = 0.0;
    int st = sa_ode_alloc(1, refuse_late, NULL, &p, &y, 0.0, &ode);
    if (!st)
      st = sa_ode_advance(ode, 2.0, &t, &y);
    const char *msg = sa_error_message();
    tap_ok(st == SA_ESOLVER && sa_error_reason() == SA_REASON_UNSTABLE &&
               strstr(msg, "the integrator became unstable") && !strstr(msg, "--"),
           "sa_ode %s: a refused state is SA_ESOLVER, reason unstable, no option named (%s)",
           sa_ode_method_name(m[k]), msg);
    sa_ode_free(ode);
  }
}

/* Sampling grids refuse bad arguments with GSL_EINVAL and a message
 * (core/sa_grid.h), no longer -1. */
static void check_grid_status(void)
{
  double g[3];
  int st = sa_grid_fill(g, 3, 0.0, 1.0, 1);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "a > 0"),
         "grid: log spacing from 0 is GSL_EINVAL (%s)", sa_error_message());
  st = sa_grid_record(g, 0, 0.1, 1.0, 0);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "need 2 or more"),
         "grid: an empty recording grid is GSL_EINVAL (%s)", sa_error_message());
  st = sa_grid_record(g, 3, 0.1, 1.0, 0);
  tap_ok(st == GSL_SUCCESS && g[0] == 0.5 && g[2] == 1.0, "grid: t_end/(n-1) .. t_end");
}

/* "# result" lines (sa_output_result, sa_output_result_fields): every
 * value read back with strtod is bit for bit the value written (%.17g),
 * a count prints as an integer, the note follows two spaces in
 * parentheses, a NaN prints "nan" whatever its sign, infinities "inf" and
 * "-inf". */
static void check_result_lines(void)
{
  const char *path = "test_core_results.tsv";
  char *argv_out[] = {"x"};
  sa_output *o = NULL;
  int st = sa_output_create(path, 1, argv_out, NULL, 0, &o);
  tap_ok(st == GSL_SUCCESS, "result lines: output created");
  if (st != GSL_SUCCESS)
    return;
  const double vals[] = {0.1,
                         1.0 / 3.0,
                         -2.0 / 7.0,
                         1e-300,
                         4.9406564584124654e-324,
                         1.7976931348623157e308,
                         0.1 + 0.2,
                         12345678.901234567};
  const size_t nv = sizeof vals / sizeof vals[0];
  for (size_t i = 0; i < nv; i++)
    sa_output_result(o, "v", vals[i], NULL);
  sa_output_result(o, "count", (double)123456789012345, NULL);
  sa_output_result(o, "angle", 29.999999999999996, "degrees, top eigenvector of M");
  sa_output_result(o, "nan", -NAN, NULL);
  sa_output_result(o, "pinf", INFINITY, NULL);
  sa_output_result(o, "minf", -INFINITY, "note");
  const char *const names[] = {"s", "u0", "t"};
  const double fv[] = {2.5, 1.0 / 3.0, NAN};
  sa_output_result_fields(o, "mode 3", 3, names, fv);
  tap_ok(sa_output_finish(o) == GSL_SUCCESS, "result lines: output finished");

  FILE *f = fopen(path, "r");
  char line[512];
  size_t k = 0, exact = 0;
  int count_ok = 0, note_ok = 0, nan_ok = 0, inf_ok = 0, minf_ok = 0, fields_ok = 0;
  while (f && fgets(line, sizeof line, f)) {
    if (!strncmp(line, "# result v = ", 13)) {
      char *end;
      double r = strtod(line + 13, &end);
      if (k < nv && *end == '\n' && memcmp(&r, &vals[k], sizeof r) == 0)
        exact++;
      k++;
    }
    count_ok |= !strcmp(line, "# result count = 123456789012345\n");
    if (!strncmp(line, "# result angle = ", 17)) {
      char *end;
      double r = strtod(line + 17, &end);
      note_ok = r == 29.999999999999996 && !strcmp(end, "  (degrees, top eigenvector of M)\n");
    }
    nan_ok |= !strcmp(line, "# result nan = nan\n");
    inf_ok |= !strcmp(line, "# result pinf = inf\n") && isinf(strtod("inf", NULL));
    minf_ok |= !strcmp(line, "# result minf = -inf  (note)\n");
    fields_ok |= !strcmp(line, "# result mode 3: s = 2.5 u0 = 0.33333333333333331 t = nan\n");
  }
  if (f)
    fclose(f);
  tap_ok(k == nv && exact == nv,
         "result lines: %zu of %zu values read back by strtod bit for bit (0.1, 1/3, subnormal, "
         "DBL_MAX, ...)",
         exact, nv);
  tap_ok(count_ok, "result lines: a count prints as an integer");
  tap_ok(note_ok, "result lines: the note follows the value, two spaces, in parentheses");
  tap_ok(nan_ok && inf_ok && minf_ok,
         "result lines: a negative NaN prints \"nan\", infinities \"inf\" and \"-inf\"");
  tap_ok(fields_ok, "result lines: fields form \"# result mode 3: s = 2.5 u0 = ... t = nan\"");
  unlink(path);
}

int main(void)
{
  check_scope();
  check_error_reason();
  check_grid_status();
  char *a1[] = {"x", "--sigma=2.385", "--L", "5", "-o", "f.tsv", "--flag"};
  tap_ok(parse(7, a1) == GSL_SUCCESS && sigma == 2.385 && depth == 5 && flag == 1 &&
             !strcmp(out_path, "f.tsv"),
         "options: --name=value, --name value, -o and flags parse");
  char *a2[] = {"x"};
  tap_ok(parse(1, a2) == GSL_SUCCESS && sigma == 0.01 && depth == 3 && list.n == 2 &&
             list.v[1] == 2.5 && flag == 0 && out_path == NULL,
         "options: defaults applied");
  char *a3[] = {"x", "--L=1"};
  tap_ok(parse(2, a3) == GSL_EINVAL &&
             !strcmp(sa_error_message(), "invalid value '1' for --L: must lie in [2,inf)"),
         "options: L=1 outside [2,inf) rejected with GSL_EINVAL, the message naming --L, 1 and "
         "the range");
  char *a4[] = {"x", "--sigma=0"};
  tap_ok(parse(2, a4) == GSL_EINVAL, "options: sigma=0 outside (0,inf) rejected");
  char *a5[] = {"x", "--sigma=1e-3x"};
  tap_ok(parse(2, a5) == GSL_EINVAL, "options: malformed number rejected");
  char *a6[] = {"x", "--bogus=1"};
  tap_ok(parse(2, a6) == GSL_EINVAL, "options: unknown option rejected");
  char *a7[] = {"x", "--list=1,-2"};
  tap_ok(parse(2, a7) == GSL_EINVAL, "options: list element out of range rejected");
  char *a8[] = {"x", "--sigma=nan"};
  tap_ok(parse(2, a8) == GSL_EINVAL, "options: non-finite number rejected");
  tap_ok(sa_opts_parse_value(&table[0], "0.25") == GSL_SUCCESS && sigma == 0.25 &&
             sa_opts_parse_value(&table[0], "0.25x") == GSL_EINVAL &&
             sa_opts_parse_value(&table[1], "2.5") == GSL_EINVAL &&
             sa_opts_parse_value(&table[5], "rk4") == GSL_EINVAL,
         "options: one value parses to GSL_SUCCESS, a malformed one to GSL_EINVAL");
  char *a9[] = {"x", "--L"};
  tap_ok(parse(2, a9) == GSL_EINVAL, "options: missing value rejected");
  tap_ok(method == SA_ODE_ERK, "options: choice default erk is index %d = SA_ODE_ERK", method);
  char *a10[] = {"x", "--method=bdf"};
  tap_ok(parse(2, a10) == GSL_SUCCESS && method == SA_ODE_BDF &&
             !strcmp(sa_ode_method_name((sa_ode_method)method), "bdf"),
         "options: --method=bdf selects SA_ODE_BDF");
  char *a11[] = {"x", "--method=rk4"};
  tap_ok(parse(2, a11) == GSL_EINVAL, "options: a word outside the choices rejected");
  char *a12[] = {"x", "--method=bd"};
  tap_ok(parse(2, a12) == GSL_EINVAL, "options: a prefix of a choice rejected");
  check_nvec();

  /* Atomic output: an aborted output leaves nothing; a committed one exists. */
  char path[] = "test_core_out.tsv";
  unlink(path);
  char *argv_out[] = {"x", "--sigma=2"};
  sa_output *o = NULL;
  int ost = sa_output_create(path, 2, argv_out, table, NOPT, &o);
  tap_ok(ost == GSL_SUCCESS && o != NULL, "output: create succeeds in the working directory");
  const char *cols[] = {"t", "v"};
  sa_output_columns(o, 2, cols);
  double row[2] = {1.0, 2.0};
  sa_output_row(o, row);
  sa_output_abort(o);
  tap_ok(access(path, F_OK) != 0, "output: abort leaves no file behind");
  sa_output_create(path, 2, argv_out, table, NOPT, &o);
  sa_output_columns(o, 2, cols);
  sa_output_row(o, row);
  tap_ok(sa_output_finish(o) == GSL_SUCCESS && access(path, F_OK) == 0,
         "output: finish renames into place");
  /* A file that cannot be created: a status and a message naming it, nothing printed. */
  const char *nodir = "test_core_no_such_dir/out.tsv";
  sa_output *o2 = (sa_output *)(void *)&ost; /* not NULL: create must clear it */
  ost = sa_output_create(nodir, 2, argv_out, table, NOPT, &o2);
  tap_ok(
      ost == GSL_EFAILED && o2 == NULL &&
          strstr(sa_error_message(),
                 "cannot create output file 'test_core_no_such_dir/out.tsv': No such file") != NULL,
      "output: a path in a missing directory gives GSL_EFAILED naming it (%s)", sa_error_message());
  FILE *f = fopen(path, "r");
  char line[256];
  int have_cols = 0, have_param = 0, have_blas = 0;
  while (f && fgets(line, sizeof line, f)) {
    have_cols |= !strncmp(line, "# columns: t v", 14);
    have_param |= !strncmp(line, "# param sigma = 0.01", 20);
    have_blas |= strstr(line, "BLAS core") != NULL;
  }
  if (f)
    fclose(f);
  tap_ok(have_cols && have_param && have_blas,
         "output: header has columns, parameters and BLAS core");
  unlink(path);
  check_result_lines();
  return tap_done();
}
