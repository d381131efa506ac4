/* Declarations of the subcommand entry points listed in commands.def. */
#ifndef SA_COMMANDS_H
#define SA_COMMANDS_H

/* Every subcommand parses its options, checks its resources and writes
 * its output files through the printing front-ends. */
#include "cli/cli_opts.h"
#include "cli/cli_output.h"

#define SA_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef SA_COMMAND

#endif
