/* Minimal TAP producer: see tap.h. */
#include "config.h"

#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int test_count, fail_count, planned;

/* Every test program runs as silentalign's main does: GSL's error handler
 * off, so that library calls return their status (src/core/sa_errno.h)
 * instead of aborting.  Run before main by the loader. */
__attribute__((constructor)) static void tap_gsl_handler_off(void)
{
  gsl_set_error_handler_off();
}

void tap_plan(int n)
{
  planned = 1;
  printf("1..%d\n", n);
}

static int report(int cond, const char *fmt, va_list ap)
{
  test_count++;
  if (!cond)
    fail_count++;
  printf("%s %d - ", cond ? "ok" : "not ok", test_count);
  vprintf(fmt, ap);
  putchar('\n');
  fflush(stdout);
  return cond;
}

int tap_ok(int cond, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  report(cond, fmt, ap);
  va_end(ap);
  return cond;
}

static int rel_ok(double got, double want, double rel)
{
  if (!isfinite(want))
    return isnan(want) ? isnan(got) : got == want;
  if (!isfinite(got))
    return 0;
  double scale = want != 0 ? fabs(want) : 1.0;
  return fabs(got - want) <= rel * scale;
}

int tap_rel(double got, double want, double rel, const char *fmt, ...)
{
  va_list ap;
  int cond = rel_ok(got, want, rel);
  va_start(ap, fmt);
  report(cond, fmt, ap);
  va_end(ap);
  /* Always reported: the report's test summary quotes these lines. */
  printf("# measured: %.10g, expected %.10g (relative tolerance %.3g, relative error %.3g)\n", got,
         want, rel, want != 0 ? fabs(got - want) / fabs(want) : fabs(got));
  return cond;
}

int tap_abs(double got, double want, double abs, const char *fmt, ...)
{
  va_list ap;
  int cond = isfinite(got) && fabs(got - want) <= abs;
  va_start(ap, fmt);
  report(cond, fmt, ap);
  va_end(ap);
  printf("# measured: %.10g, expected %.10g (absolute tolerance %.3g, error %.3g)\n", got, want,
         abs, fabs(got - want));
  return cond;
}

void tap_diag(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("# ", stdout);
  vprintf(fmt, ap);
  putchar('\n');
  va_end(ap);
}

void tap_skip(const char *why)
{
  test_count++;
  printf("ok %d # SKIP %s\n", test_count, why);
}

int tap_done(void)
{
  if (!planned)
    printf("1..%d\n", test_count);
  fflush(stdout);
  return fail_count ? 1 : 0;
}

int tap_multiplier(void)
{
  const char *s = getenv("SA_TEST_MULTIPLIER");
  int m = s ? atoi(s) : 1;
  return m > 0 ? m : 1;
}
