/* Error reports of the data readers: see data_error.h. */
#include "config.h"

#include "data/data_error.h"

#include <stdarg.h>
#include <stdio.h>

#define SA_DATA_MSGLEN 600

/* The sub-reason is the library's one reason slot (core/sa_errno.h),
 * read under the status SA_EDATA. */
int sa_data_error(sa_data_reason_t reason, const char *fmt, ...)
{
  char msg[SA_DATA_MSGLEN];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return sa_error_set_reason(sa_error(SA_EDATA, "%s", msg), (int)reason);
}

sa_data_reason_t sa_data_reason(void)
{
  return (sa_data_reason_t)sa_error_reason();
}

const char *sa_data_reason_name(sa_data_reason_t reason)
{
  static const char *const names[] = {
      "SA_DATA_NONE", "SA_DATA_OPEN",  "SA_DATA_SYNTAX", "SA_DATA_STRUCT", "SA_DATA_LENGTH",
      "SA_DATA_TYPE", "SA_DATA_RANGE", "SA_DATA_MAGIC",  "SA_DATA_DIM",    "SA_DATA_MISMATCH"};
  if ((unsigned)reason >= sizeof names / sizeof names[0])
    return "SA_DATA_(unknown)";
  return names[reason];
}
