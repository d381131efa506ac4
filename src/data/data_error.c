/* Error reports of the data readers: see data_error.h. */
#include "config.h"

#include "data/data_error.h"

#include <stdarg.h>
#include <stdio.h>

int sa_data_err_set(sa_data_err *err, int code, const char *fmt, ...)
{
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
  }
  return code;
}

const char *sa_data_strerror(int code)
{
  static const char *const names[] = {
      "SA_DATA_OK",     "SA_DATA_EOPEN",  "SA_DATA_ESYNTAX", "SA_DATA_ESTRUCT", "SA_DATA_ELENGTH",
      "SA_DATA_ETYPE",  "SA_DATA_ERANGE", "SA_DATA_EMAGIC",  "SA_DATA_EDIM",    "SA_DATA_EMISMATCH",
      "SA_DATA_EINVAL", "SA_DATA_ENOMEM", "SA_DATA_ENUMERIC"};
  if (code < 0 || (size_t)code >= sizeof names / sizeof names[0])
    return "SA_DATA_(unknown)";
  return names[code];
}
