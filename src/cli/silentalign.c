/* silentalign: command-line front end.  Dispatches to the subcommands of
 * commands.def; each parses its own options (sa_opts) and writes TSV. */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
  fprintf(out,
          "usage: silentalign SUBCOMMAND [OPTIONS]\n"
          "       silentalign SUBCOMMAND --help\n\n"
          "Gradient-flow theory and experiments for the silent alignment effect.\n"
          "Every numeric output is TSV (stdout or -o FILE) after '#' header lines.\n\n"
          "subcommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-18s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\n  --version          print the version and library versions\n");
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version")) {
    sa_version_print_header(stdout);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name))
      return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "silentalign: unknown subcommand '%s' (see silentalign --help)\n", argv[1]);
  return 2;
}
