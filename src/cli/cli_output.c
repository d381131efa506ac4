/* Printing front-ends of the output files: see cli_output.h. */
#include "config.h"

#include "cli/cli_output.h"

#include "core/sa_errno.h"

#include <stdio.h>

sa_output *sa_output_open(const char *path, int argc, char **argv, const sa_opt *table, size_t n)
{
  sa_output *out = NULL;
  if (sa_output_create(path, argc, argv, table, n, &out) != GSL_SUCCESS)
    fprintf(stderr, "silentalign: %s\n", sa_error_message());
  return out;
}

int sa_output_commit(sa_output *out)
{
  if (sa_output_finish(out) == GSL_SUCCESS)
    return 0;
  fprintf(stderr, "silentalign: %s\n", sa_error_message());
  return -1;
}
