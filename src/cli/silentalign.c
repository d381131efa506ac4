/* silentalign: command-line front end.  Dispatches to the subcommands of
 * commands.def; each parses its own options (sa_opts) and writes TSV. */
#include "config.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <stdio.h>
#include <string.h>
#include <sundials/sundials_config.h>

#include "commands.h"
#include "core/sa_version.h"

typedef struct {
  const char *name;
  int (*fn)(int, char **);
  const char *summary;
} command;

static const command commands[] = {
#define SA_COMMAND(name, fn, summary) {name, fn, summary},
#include "commands.def"
#undef SA_COMMAND
};

static void usage(FILE *out)
{
  fprintf(out, "Usage: silentalign SUBCOMMAND [OPTIONS]\n"
               "  or:  silentalign SUBCOMMAND --help\n\n"
               "Gradient-flow theory and experiments for the silent alignment effect.\n"
               "Every numeric output is TSV (stdout or -o FILE) after '#' header lines.\n\n"
               "Subcommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-18s %s\n", commands[i].name, commands[i].summary);
  fprintf(out,
          "\nOptions:\n"
          "  -h, --help         print this help and exit\n"
          "  --version          print the version and library versions\n"
          "\nEvery subcommand also accepts -q, --quiet (no progress line on a terminal)\n"
          "and -- (end of options).  On a terminal, long runs (train, flow,\n"
          "kernel-trace) show one progress line on stderr, nothing otherwise.\n"
          "\nReport bugs to: %s\n",
          PACKAGE_BUGREPORT);
}

/* First line in the "program (package) version" form that help2man reads. */
static void version(FILE *out)
{
  fprintf(out,
          "silentalign (%s) %s\n"
          "Copyright (C) 2026 the silent-align authors.\n"
          "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
          "This is free software: you are free to change and redistribute it.\n"
          "There is NO WARRANTY, to the extent permitted by law.\n\n"
          "Built with GSL %s and SUNDIALS %s; BLAS core %s.\n",
          PACKAGE_TARNAME, PACKAGE_VERSION, gsl_version, SUNDIALS_VERSION, sa_blas_corename());
}

int main(int argc, char **argv)
{
  /* The library checks every GSL status itself (src/core/sa_errno.h):
   * GSL's default handler would abort before it could. */
  gsl_set_error_handler_off();
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version")) {
    version(stdout);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name))
      return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "silentalign: unknown subcommand '%s' (see silentalign --help)\n", argv[1]);
  return 2;
}
