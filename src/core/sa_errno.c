/* One place for error messages: see sa_errno.h. */
#include "config.h"

#include "sa_errno.h"

#include <stdarg.h>
#include <stdio.h>

#define SA_ERROR_LEN 600

static _Thread_local char message[SA_ERROR_LEN];

int sa_error(int status, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  return status;
}

const char *sa_error_message(void)
{
  return message;
}

const char *sa_strerror(int status)
{
  switch (status) {
  case SA_EDIVERGED:
    return "run diverged";
  case SA_EDATA:
    return "bad or missing data file";
  case SA_ESOLVER:
    return "ODE solver failed";
  default:
    return gsl_strerror(status);
  }
}
