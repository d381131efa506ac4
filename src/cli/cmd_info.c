/* silentalign info: versions, BLAS core and thread count (provenance). */
#include "config.h"

#include "cli/commands.h"
#include "core/sa_opts.h"
#include "core/sa_version.h"

#include <stdio.h>

int cmd_info(int argc, char **argv)
{
  const sa_opt table[] = {{0}};
  int st = sa_cli_parse(table, 0, argc, argv, 1, "info",
                        "Print the program, GSL, SUNDIALS and BLAS versions.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  sa_version_print_header(stdout);
  return 0;
}
