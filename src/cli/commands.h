/* Declarations of the subcommand entry points listed in commands.def. */
#ifndef SA_COMMANDS_H
#define SA_COMMANDS_H

#define SA_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef SA_COMMAND

#endif
