/* Fuzz harness of the option parser (src/core/sa_opts.c): argv is built
 * from the input split at NUL bytes (at most 32 arguments) and parsed
 * against a table with one option of every type and range form.
 * Invariants: a success leaves every value inside its range (finite
 * numbers, at most SA_LIST_MAX list entries); the parser never reads past
 * argv.  Output options are left out: their check creates files. */
#include "config.h"

#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "fuzz_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static FILE *sink; /* the printed values are not the subject */
  if (!sink && !(sink = fopen("/dev/null", "w")))
    return 0;
  char *buf = malloc(size + 1);
  SA_FUZZ_ASSERT(buf != NULL);
  memcpy(buf, data, size);
  buf[size] = '\0';
  char *argv[MAX_ARGS + 2];
  int argc = 0;
  argv[argc++] = "fuzz";
  for (size_t i = 0; i <= size && argc < MAX_ARGS + 1;) {
    argv[argc++] = buf + i;
    i += strlen(buf + i) + 1;
  }
  argv[argc] = NULL;

  double x, y;
  long k, m;
  const char *text;
  int flag;
  sa_dlist list;
  const sa_opt table[] = {
      {"x", SA_OPT_DOUBLE, &x, "1", "(0,inf)", "positive number"},
      {"y", SA_OPT_DOUBLE, &y, "0.5", "[0,1)", "number in [0,1)"},
      {"k", SA_OPT_LONG, &k, "2", "[2,16]", "integer in [2,16]"},
      {"m", SA_OPT_LONG, &m, "0", NULL, "integer"},
      {"text", SA_OPT_STRING, &text, "none", NULL, "text"},
      {"flag", SA_OPT_FLAG, &flag, NULL, NULL, "flag"},
      {"list", SA_OPT_DLIST, &list, "1e-3", "(0,inf)", "positive numbers"},
  };
  int help = 0;
  int st = sa_opts_read(table, sizeof table / sizeof table[0], argc, argv, 1, &help);
  SA_FUZZ_ASSERT(st == GSL_SUCCESS || st == GSL_EINVAL);
  SA_FUZZ_ASSERT(st == GSL_SUCCESS || sa_error_message()[0] != '\0');
  if (st == GSL_SUCCESS && !help) {
    SA_FUZZ_ASSERT(isfinite(x) && x > 0);
    SA_FUZZ_ASSERT(isfinite(y) && y >= 0 && y < 1);
    SA_FUZZ_ASSERT(k >= 2 && k <= 16);
    SA_FUZZ_ASSERT(flag == 0 || flag == 1);
    SA_FUZZ_ASSERT(text != NULL);
    SA_FUZZ_ASSERT(list.n >= 1 && list.n <= SA_LIST_MAX);
    for (size_t i = 0; i < list.n; i++)
      SA_FUZZ_ASSERT(isfinite(list.v[i]) && list.v[i] > 0);
    sa_opts_print_values(sink, table, sizeof table / sizeof table[0]);
  }
  free(buf);
  return 0;
}
