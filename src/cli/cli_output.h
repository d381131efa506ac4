/* The subcommands' front-ends of the output files (core/sa_output.h, which
 * returns a status with its message in sa_error_message() and prints
 * nothing): they print the message on stderr as "silentalign: MESSAGE",
 * the form these messages always had, and keep the names the subcommands
 * have always called. */
#ifndef SA_CLI_OUTPUT_H
#define SA_CLI_OUTPUT_H

#include "core/sa_output.h"

/* sa_output_create; NULL, with the message printed, on failure. */
sa_output *sa_output_open(const char *path, int argc, char **argv, const sa_opt *table, size_t n);

/* sa_output_finish; 0, or -1 with the message printed.  Frees out. */
int sa_output_commit(sa_output *out);

#endif
