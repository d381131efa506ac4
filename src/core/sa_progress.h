/* A one-line progress display for long runs (train, flow, kernel-trace, ...).
 *
 * On a terminal, a long subcommand shows one line on stderr that it rewrites
 * in place: where the run is (step or t), how far (percent), the loss ratio,
 * the elapsed time and an estimate of the time left (elapsed x (1 - f)/f,
 * for the fraction f of the work done).  The line is redrawn at most
 * SA_PROGRESS_HZ times a second and erased when the run ends, so a terminal
 * is left as clean as before.  Nothing at all is written when stderr is not
 * a terminal (files, pipes, make's output) or after sa_progress_set_quiet(1)
 * (the --quiet option that every subcommand accepts, see sa_opts.h). */
#ifndef SA_PROGRESS_H
#define SA_PROGRESS_H

#define SA_PROGRESS_HZ 4

typedef struct {
  int enabled;  /* stderr is a terminal and not quiet              */
  int drawn;    /* a line is on the screen                         */
  double start; /* monotonic clock at sa_progress_begin, seconds   */
  double last;  /* monotonic clock of the last redraw              */
  const char *command;
} sa_progress;

/* Process-wide: 1 silences every progress line (set by --quiet). */
void sa_progress_set_quiet(int quiet);
int sa_progress_quiet(void);

void sa_progress_begin(sa_progress *p, const char *command);
/* fraction: share of the work done, in [0, 1] (NaN: no estimate of the time
 * left); where: "step 1200/5000" or "t = 3.2"; loss_ratio: L/L0 (NaN: not
 * shown). */
void sa_progress_update(sa_progress *p, double fraction, const char *where, double loss_ratio);
/* Erases the line; safe to call more than once and on a never-begun p that
 * was zero-initialised. */
void sa_progress_end(sa_progress *p);

#endif
