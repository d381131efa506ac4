/* Tests of the core services: option parsing (ranges, malformed numbers,
 * lists) and atomic output (no file left behind on abort). */
#include "config.h"

#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static double sigma;
static long depth;
static sa_dlist list;
static const char *out_path;
static int flag;

static const sa_opt table[] = {
    {"sigma", SA_OPT_DOUBLE, &sigma, "0.01", "(0,inf)", "init scale"},
    {"L", SA_OPT_LONG, &depth, "3", "[2,inf)", "depth"},
    {"list", SA_OPT_DLIST, &list, "1e-3,2.5", "(0,inf)", "values"},
    {"output", SA_OPT_STRING, &out_path, NULL, NULL, "output file"},
    {"flag", SA_OPT_FLAG, &flag, NULL, NULL, "a flag"},
};
#define NOPT (sizeof table / sizeof table[0])

static int parse(int argc, char **argv)
{
  FILE *saved = stderr;
  stderr = fopen("/dev/null", "w");
  int st = sa_opts_parse(table, NOPT, argc, argv, 1, "test", "test");
  fclose(stderr);
  stderr = saved;
  return st;
}

int main(void)
{
  char *a1[] = {"x", "--sigma=2.385", "--L", "5", "-o", "f.tsv", "--flag"};
  tap_ok(parse(7, a1) == SA_OPTS_OK && sigma == 2.385 && depth == 5 && flag == 1 &&
             !strcmp(out_path, "f.tsv"),
         "options: --name=value, --name value, -o and flags parse");
  char *a2[] = {"x"};
  tap_ok(parse(1, a2) == SA_OPTS_OK && sigma == 0.01 && depth == 3 && list.n == 2 &&
             list.v[1] == 2.5 && flag == 0 && out_path == NULL,
         "options: defaults applied");
  char *a3[] = {"x", "--L=1"};
  tap_ok(parse(2, a3) == SA_OPTS_ERROR, "options: L=1 outside [2,inf) rejected");
  char *a4[] = {"x", "--sigma=0"};
  tap_ok(parse(2, a4) == SA_OPTS_ERROR, "options: sigma=0 outside (0,inf) rejected");
  char *a5[] = {"x", "--sigma=1e-3x"};
  tap_ok(parse(2, a5) == SA_OPTS_ERROR, "options: malformed number rejected");
  char *a6[] = {"x", "--bogus=1"};
  tap_ok(parse(2, a6) == SA_OPTS_ERROR, "options: unknown option rejected");
  char *a7[] = {"x", "--list=1,-2"};
  tap_ok(parse(2, a7) == SA_OPTS_ERROR, "options: list element out of range rejected");
  char *a8[] = {"x", "--sigma=nan"};
  tap_ok(parse(2, a8) == SA_OPTS_ERROR, "options: non-finite number rejected");
  char *a9[] = {"x", "--L"};
  tap_ok(parse(2, a9) == SA_OPTS_ERROR, "options: missing value rejected");

  /* Atomic output: an aborted output leaves nothing; a committed one exists. */
  char path[] = "test_core_out.tsv";
  unlink(path);
  char *argv_out[] = {"x", "--sigma=2"};
  sa_output *o = sa_output_open(path, 2, argv_out, table, NOPT);
  const char *cols[] = {"t", "v"};
  sa_output_columns(o, 2, cols);
  double row[2] = {1.0, 2.0};
  sa_output_row(o, row);
  sa_output_abort(o);
  tap_ok(access(path, F_OK) != 0, "output: abort leaves no file behind");
  o = sa_output_open(path, 2, argv_out, table, NOPT);
  sa_output_columns(o, 2, cols);
  sa_output_row(o, row);
  tap_ok(sa_output_commit(o) == 0 && access(path, F_OK) == 0, "output: commit renames into place");
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
  return tap_done();
}
