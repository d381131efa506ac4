/* Resource checks before allocation and integration: see sa_limits.h. */
#include "config.h"

#include "sa_limits.h"

#include "sa_errno.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* "512M" -> 536870912; -1 if malformed. */
static double parse_bytes(const char *s)
{
  char *end = NULL;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || errno || !(v > 0) || !isfinite(v))
    return -1;
  switch (*end) {
  case '\0':
    break;
  case 'k':
  case 'K':
    v *= 1024.0, end++;
    break;
  case 'm':
  case 'M':
    v *= 1024.0 * 1024, end++;
    break;
  case 'g':
  case 'G':
    v *= 1024.0 * 1024 * 1024, end++;
    break;
  case 't':
  case 'T':
    v *= 1024.0 * 1024 * 1024 * 1024, end++;
    break;
  default:
    return -1;
  }
  if (*end == 'B' || *end == 'b')
    end++;
  return *end ? -1 : v;
}

double sa_limits_memory(const char **source)
{
  const char *src = "free physical memory";
  double avail = -1;
  FILE *f = fopen("/proc/meminfo", "r");
  if (f) {
    char line[256];
    unsigned long long kb;
    while (fgets(line, sizeof line, f))
      if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1) {
        avail = (double)kb * 1024.0;
        src = "MemAvailable in /proc/meminfo";
        break;
      }
    fclose(f);
  }
  if (avail < 0) {
    long pages = sysconf(_SC_AVPHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    avail = pages > 0 && size > 0 ? (double)pages * (double)size : 1e18;
  }
  const int res[] = {RLIMIT_AS, RLIMIT_DATA};
  for (size_t i = 0; i < sizeof res / sizeof res[0]; i++) {
    struct rlimit rl;
    if (getrlimit(res[i], &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (double)rl.rlim_cur < avail) {
      avail = (double)rl.rlim_cur;
      src = res[i] == RLIMIT_AS ? "the address-space limit (ulimit -v)"
                                : "the data-segment limit (ulimit -d)";
    }
  }
  const char *env = getenv("SILENTALIGN_MAX_MEMORY");
  if (env && *env) {
    double v = parse_bytes(env);
    if (v > 0 && v < avail) {
      avail = v;
      src = "SILENTALIGN_MAX_MEMORY";
    }
  }
  if (source)
    *source = src;
  return avail;
}

static void human(double bytes, char *buf, size_t cap)
{
  const char *unit[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  size_t u = 0;
  while (bytes >= 1024 && u + 1 < sizeof unit / sizeof unit[0])
    bytes /= 1024, u++;
  if (bytes >= 1e4)
    snprintf(buf, cap, "%.3g %s", bytes, unit[u]);
  else
    snprintf(buf, cap, "%.1f %s", bytes, unit[u]);
}

int sa_limits_memory_fits(double doubles, const char *opts, double cap_bytes, const char *cap_name)
{
  const char *src;
  double need = 8.0 * doubles, avail = sa_limits_memory(&src);
  if (cap_bytes > 0 && cap_bytes < avail) {
    avail = cap_bytes;
    src = cap_name;
  }
  if (need <= avail && isfinite(need))
    return GSL_SUCCESS;
  char a[32], b[32];
  human(need, a, sizeof a);
  human(avail, b, sizeof b);
  return sa_error(GSL_EINVAL,
                  "%s: the run needs about %s of memory, more than the %s available (%s%s)", opts,
                  a, b, src,
                  src == cap_name || !strcmp(src, "SILENTALIGN_MAX_MEMORY")
                      ? ""
                      : "; SILENTALIGN_MAX_MEMORY may lower this limit");
}

int sa_limits_scale_fits(const char *opt, double log10_value, const char *what)
{
  if (fabs(log10_value) <= SA_LIMITS_MAX_LOG10)
    return GSL_SUCCESS;
  return sa_error(GSL_EINVAL,
                  "invalid value for --%s: the %s would be about 1e%.0f, outside "
                  "1e-%.0f..1e%.0f, so the run would %s",
                  opt, what, log10_value, SA_LIMITS_MAX_LOG10, SA_LIMITS_MAX_LOG10,
                  log10_value > 0 ? "overflow" : "underflow to zero");
}

int sa_limits_work_fits(const char *opts, double work, double max, const char *what)
{
  if (work <= max)
    return GSL_SUCCESS;
  return sa_error(GSL_EINVAL, "%s: %s of %.3g exceeds the maximum %.3g", opts, what, work, max);
}

double sa_limits_net_params(double L, double D, double N, double C)
{
  return L <= 1 ? D * C : D * N + (L - 2) * N * N + N * C;
}
