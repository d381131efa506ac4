/* One place for error messages: see sa_errno.h. */
#include "config.h"

#include "sa_errno.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SA_ERROR_LEN 600

static _Thread_local char message[SA_ERROR_LEN];
static _Thread_local int reason;

int sa_error(int status, const char *fmt, ...)
{
  reason = SA_REASON_NONE;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  return status;
}

int sa_error_prefix(int status, const char *fmt, ...)
{
  char head[SA_ERROR_LEN], tail[SA_ERROR_LEN];
  snprintf(tail, sizeof tail, "%s", message);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(head, sizeof head, fmt, ap);
  va_end(ap);
  size_t h = strlen(head), t = strlen(tail);
  if (h > sizeof message - 3)
    h = sizeof message - 3;
  if (t > sizeof message - 3 - h)
    t = sizeof message - 3 - h;
  memcpy(message, head, h);
  memcpy(message + h, ": ", 2);
  memcpy(message + h + 2, tail, t);
  message[h + 2 + t] = '\0';
  return status;
}

int sa_error_suffix(int status, const char *fmt, ...)
{
  size_t used = strlen(message);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message + used, sizeof message - used, fmt, ap);
  va_end(ap);
  return status;
}

int sa_error_set_reason(int status, int why)
{
  reason = why;
  return status;
}

int sa_error_reason(void)
{
  return reason;
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
