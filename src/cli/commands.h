/* Declarations of the subcommand entry points listed in commands.def. */
#ifndef SA_COMMANDS_H
#define SA_COMMANDS_H

/* Every subcommand parses its options and checks its resources through
 * the printing front-ends. */
#include "cli/cli_opts.h"

#define SA_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef SA_COMMAND

#endif
