/* The subcommands' front-ends of the option parser and the resource
 * checks: they call the library (core/sa_opts.h, core/sa_limits.h, which
 * return GSL_EINVAL with a message and print nothing), print
 * "silentalign COMMAND: MESSAGE" on stderr, and give the exit status 2 of
 * bad input (cli_status.h).  Their sa_cli_ names say that they print; the
 * library's own functions (sa_opts_*, sa_limits_*) do not. */
#ifndef SA_CLI_OPTS_H
#define SA_CLI_OPTS_H

#include "core/sa_opts.h"

enum { SA_OPTS_OK = 0, SA_OPTS_HELP = 1, SA_OPTS_ERROR = 2 };

/* sa_opts_read, then --help printed to stdout (SA_OPTS_HELP) or a bad
 * option's message to stderr (SA_OPTS_ERROR, the exit status 2). */
int sa_cli_parse(const sa_opt *table, size_t n, int argc, char **argv, int first,
                 const char *command, const char *summary);

/* sa_opts_t_first_ok, sa_opts_unused and sa_opts_scope_ok with the
 * message printed: 0, or SA_OPTS_ERROR. */
int sa_cli_check_t_first(const char *command, double t_first, double t_end);
int sa_cli_refuse_unused(const sa_opt *table, size_t n, const char *command,
                         const char *const *names, const char *why);
int sa_cli_check_scope(const sa_opt *table, size_t n, const char *command,
                       const sa_opt_scope *scope, size_t nscope);

/* sa_limits_memory_fits, sa_limits_scale_fits, sa_limits_work_fits with
 * the refusal printed: 0, or 2. */
int sa_cli_check_memory(const char *command, double doubles, const char *opts);
int sa_cli_check_memory_cap(const char *command, double doubles, const char *opts, double cap_bytes,
                            const char *cap_name);
int sa_cli_check_scale(const char *command, const char *opt, double log10_value, const char *what);
int sa_cli_check_work(const char *command, const char *opts, double work, double max,
                      const char *what);

#endif
