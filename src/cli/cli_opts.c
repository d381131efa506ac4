/* Printing front-ends of the option parser and resource checks: see
 * cli_opts.h. */
#include "config.h"

#include "cli/cli_opts.h"

#include "cli/cli_status.h"
#include "core/sa_errno.h"
#include "core/sa_limits.h"

#include <stdio.h>

int sa_cli_parse(const sa_opt *table, size_t n, int argc, char **argv, int first,
                 const char *command, const char *summary)
{
  int help = 0, st = sa_opts_read(table, n, argc, argv, first, &help);
  if (st != GSL_SUCCESS) {
    sa_cli_fail(command, st);
    return SA_OPTS_ERROR;
  }
  if (help) {
    sa_opts_help(stdout, table, n, command, summary);
    return SA_OPTS_HELP;
  }
  return SA_OPTS_OK;
}

/* 0 for GSL_SUCCESS, else the message printed and the exit status 2. */
static int refused(const char *command, int st)
{
  if (st == GSL_SUCCESS)
    return 0;
  sa_cli_fail(command, st);
  return SA_OPTS_ERROR;
}

int sa_cli_check_t_first(const char *command, double t_first, double t_end)
{
  return refused(command, sa_opts_t_first_ok(t_first, t_end));
}

int sa_cli_refuse_unused(const sa_opt *table, size_t n, const char *command,
                         const char *const *names, const char *why)
{
  return refused(command, sa_opts_unused(table, n, names, why));
}

int sa_cli_check_scope(const sa_opt *table, size_t n, const char *command,
                       const sa_opt_scope *scope, size_t nscope)
{
  return refused(command, sa_opts_scope_ok(table, n, scope, nscope));
}

int sa_cli_check_memory(const char *command, double doubles, const char *opts)
{
  return refused(command, sa_limits_memory_fits(doubles, opts, 0, NULL));
}

int sa_cli_check_memory_cap(const char *command, double doubles, const char *opts, double cap_bytes,
                            const char *cap_name)
{
  return refused(command, sa_limits_memory_fits(doubles, opts, cap_bytes, cap_name));
}

int sa_cli_check_scale(const char *command, const char *opt, double log10_value, const char *what)
{
  return refused(command, sa_limits_scale_fits(opt, log10_value, what));
}

int sa_cli_check_work(const char *command, const char *opts, double work, double max,
                      const char *what)
{
  return refused(command, sa_limits_work_fits(opts, work, max, what));
}
