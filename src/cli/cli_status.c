/* Library status to exit status: see cli_status.h. */
#include "config.h"

#include "cli/cli_status.h"
#include "core/sa_errno.h"

#include <stdio.h>

int sa_cli_exit_status(int status)
{
  switch (status) {
  case GSL_SUCCESS:
    return 0;
  case GSL_EINVAL:
  case GSL_EDOM:
  case GSL_EBADLEN:
    return 2;
  case SA_EDIVERGED:
    return 3;
  default:
    return 1;
  }
}

void sa_cli_solver_advice(const char *advice)
{
  if (sa_error_reason() == SA_REASON_UNSTABLE)
    sa_error_suffix(0, ": %s", advice);
}

int sa_cli_fail(const char *command, int status)
{
  const char *msg = sa_error_message();
  fprintf(stderr, "silentalign %s: %s\n", command, msg[0] ? msg : sa_strerror(status));
  return sa_cli_exit_status(status);
}
