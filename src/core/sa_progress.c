/* Progress line on a terminal: see sa_progress.h. */
#include "config.h"

#include "sa_progress.h"

#include <math.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int quiet_flag;

void sa_progress_set_quiet(int quiet)
{
  quiet_flag = quiet != 0;
}

int sa_progress_quiet(void)
{
  return quiet_flag;
}

static double now(void)
{
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
    return 0;
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* "m:ss" or "h:mm:ss" */
static void clock_text(double seconds, char *buf, size_t len)
{
  if (!isfinite(seconds) || seconds < 0) {
    snprintf(buf, len, "?");
    return;
  }
  long s = (long)(seconds + 0.5);
  if (s >= 3600)
    snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

void sa_progress_begin(sa_progress *p, const char *command)
{
  p->enabled = !quiet_flag && isatty(STDERR_FILENO);
  p->drawn = 0;
  p->start = now();
  p->last = -INFINITY;
  p->command = command;
}

void sa_progress_update(sa_progress *p, double fraction, const char *where, double loss_ratio)
{
  if (!p->enabled)
    return;
  if (fraction > 1)
    fraction = 1;
  double t = now();
  if (t - p->last < 1.0 / SA_PROGRESS_HZ && fraction < 1)
    return;
  p->last = t;
  char line[160], loss[40] = "", el[24], left[24];
  double elapsed = t - p->start;
  clock_text(elapsed, el, sizeof el);
  if (fraction > 0 && fraction <= 1)
    clock_text(elapsed * (1 - fraction) / fraction, left, sizeof left);
  else
    snprintf(left, sizeof left, "?");
  if (!isnan(loss_ratio))
    snprintf(loss, sizeof loss, ", L/L0 %.3g", loss_ratio);
  if (fraction >= 0 && fraction <= 1)
    snprintf(line, sizeof line, "silentalign %s: %s (%.0f%%)%s, %s elapsed, %s left", p->command,
             where, 100 * fraction, loss, el, left);
  else
    snprintf(line, sizeof line, "silentalign %s: %s%s, %s elapsed", p->command, where, loss, el);
  /* \r to the line start, the text, then erase what a longer line left. */
  fprintf(stderr, "\r%s\033[K", line);
  fflush(stderr);
  p->drawn = 1;
}

void sa_progress_end(sa_progress *p)
{
  if (p->enabled && p->drawn) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  p->drawn = 0;
}
