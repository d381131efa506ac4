/* Parameter sweeps over one silentalign subcommand (`silentalign sweep`).
 *
 * A plan is the Cartesian product of axes.  A grid axis is one option with
 * a list of values ("sigma:1e-3,1e-2"); a points file is one axis whose
 * rows set several options at once (TSV: a header line of option names,
 * then one row of values per point).  Point k (0-based) runs the
 * subcommand with its fixed options, then "--name=value" for every axis,
 * then "-o DIR/point-NNNN.tsv", where NNNN = k + 1; the first axis varies
 * slowest.
 *
 * The state of a point is read from DIR alone, so a sweep can be killed
 * and run again:
 *   - DIR/point-NNNN.tsv exists (subcommands rename their output into
 *     place only when it is complete) and its "# command" line is this
 *     point's command: done, "diverged" if the file carries a DIVERGED
 *     mark or "# result diverged = 1", else "ok";
 *   - DIR/point-NNNN.failed exists with this point's command: failed, with
 *     the exit status and the subcommand's last error line as the reason;
 *   - otherwise missing (never run, or killed while running).
 * The summary DIR/summary.tsv is rebuilt from these files.
 *
 * Messages (sa_error_message, core/sa_errno.h) name what is wrong in the
 * sweep's own words ("grid axis 'sigma:'", "points file 'p.tsv' line 3",
 * "output directory 'S'"), never the program's options: src/cli puts the
 * option (--grid, --points, --out) before them. */
#ifndef SA_SWEEP_H
#define SA_SWEEP_H

#include <stddef.h>

typedef int (*sa_sweep_fn)(int argc, char **argv);

enum { SA_SWEEP_MISSING = 0, SA_SWEEP_OK, SA_SWEEP_DIVERGED, SA_SWEEP_FAILED };

typedef struct sa_sweep_plan sa_sweep_plan;

sa_sweep_plan *sa_sweep_plan_new(void);
void sa_sweep_plan_free(sa_sweep_plan *plan);
/* Adds the axis "name:v1,v2,...".  Returns GSL_SUCCESS, GSL_ENOMEM, or
 * GSL_EINVAL with a message (sa_error_message, core/sa_errno.h) naming the
 * problem (missing ':', empty name or value, a name given twice, a tab,
 * '=' or space inside a name, too many points). */
int sa_sweep_add_grid(sa_sweep_plan *plan, const char *spec);
/* Adds the rows of a TSV points file as one axis ('#' lines and blank
 * lines are skipped; the first other line names the options).  Returns
 * GSL_SUCCESS, GSL_ENOMEM, or GSL_EINVAL with a message naming the file
 * and line (an unreadable file is bad input too). */
int sa_sweep_add_points_file(sa_sweep_plan *plan, const char *path);
size_t sa_sweep_n_points(const sa_sweep_plan *plan);
size_t sa_sweep_n_names(const sa_sweep_plan *plan);
const char *sa_sweep_name(const sa_sweep_plan *plan, size_t k);
const char *sa_sweep_value(const sa_sweep_plan *plan, size_t point, size_t k);
/* 1 if name is an axis of the plan. */
int sa_sweep_has_name(const sa_sweep_plan *plan, const char *name);

/* One sweep: a plan, the output directory and the subcommand with its
 * fixed options (base_argv[0] is the subcommand's name).  "{point}" in a
 * fixed option is replaced by the point's number NNNN (for the extra
 * output files some subcommands take, e.g. train --predictions). */
typedef struct {
  const sa_sweep_plan *plan;
  const char *dir;
  int base_argc;
  char **base_argv;
  sa_sweep_fn fn;
  int quiet;          /* 1: do not copy the subcommands' error messages to stderr */
  double *fn_seconds; /* if not NULL, run_point adds the time spent inside fn */
} sa_sweep;

/* "DIR/point-NNNN.EXT" into buf; returns buf. */
char *sa_sweep_point_path(const char *dir, size_t point, const char *ext, char *buf, size_t len);
/* The argv of a point (NULL-terminated, *argc set); free with
 * sa_sweep_argv_free.  NULL when out of memory. */
char **sa_sweep_point_argv(const sa_sweep *sw, size_t point, int *argc);
void sa_sweep_argv_free(char **argv);

/* Creates DIR if needed, removes the temporaries a killed run left there
 * (point-*.tmp.*, point-*.err.*) and writes DIR/plan.tsv, or checks that
 * an existing one describes the same sweep.  Returns GSL_SUCCESS,
 * GSL_ENOMEM, or GSL_EINVAL (DIR holds another sweep, cannot be made or
 * written), with the message in sa_error_message(). */
int sa_sweep_prepare_dir(const sa_sweep *sw);

/* The state of a point from the files in DIR (see above); reason, if not
 * NULL, gets the failure reason of a failed point. */
int sa_sweep_point_state(const sa_sweep *sw, size_t point, char *reason, size_t len);

/* Runs one point in this process: the subcommand's stderr goes to a
 * temporary file (and is copied to stderr prefixed with the point number
 * unless quiet); a failure is recorded atomically in DIR/point-NNNN.failed.
 * *state gets the point's new state (OK, DIVERGED or FAILED).  Returns
 * GSL_SUCCESS, or with the message in sa_error_message() (and *state
 * FAILED) GSL_ENOMEM (the point's command line could not be built) or
 * GSL_EFAILED (its failure record could not be written). */
int sa_sweep_run_point(const sa_sweep *sw, size_t point, int *state);

/* Rebuilds DIR/summary.tsv (atomically) from the point files: one row per
 * point with the point number, the axis values, every "# result NAME =
 * VALUE" of its output (the union of names over the points, in order of
 * first appearance; "nan" where a point has none), its status (ok,
 * diverged, failed, missing) and the failure reason ("-" if none).
 * counts[state] gets the number of points in each state (may be NULL).
 * header_argc/argv is the sweep's own command line for the header.
 * Returns GSL_SUCCESS, GSL_ENOMEM or GSL_EFAILED (the file could not be
 * written), with the message in sa_error_message(). */
int sa_sweep_write_summary(const sa_sweep *sw, int header_argc, char **header_argv,
                           size_t counts[4]);

/* ---- running the pending points: in this process or over MPI ranks ---- */

/* The processes that share a sweep's points: this process alone (rank 0 of
 * 1), or the ranks of the MPI job it was started in. */
typedef struct {
  int rank, size; /* this process's rank, the number of processes */
  int mpi;        /* 1: the ranks of MPI_COMM_WORLD (end with sa_sweep_ranks_finish) */
  int threaded;   /* 1: MPI lets rank 0 run points while a second thread hands them out */
} sa_sweep_ranks;

/* 1 if the library was built with MPI (configure found it), else 0. */
int sa_sweep_have_mpi(void);

/* Joins the MPI job when the library was built with MPI, this process was
 * started by mpirun (Open MPI, MPICH/Hydra and PMIx launchers say so in
 * the environment) and serial is 0: MPI_Init_thread(argc, argv), asking
 * for MPI_THREAD_SERIALIZED.  Otherwise *ranks is this process alone.
 * Returns GSL_SUCCESS, or GSL_EFAILED (MPI could not start) with the
 * message in sa_error_message(). */
int sa_sweep_ranks_init(sa_sweep_ranks *ranks, int *argc, char ***argv, int serial);

/* Rank 0's value, returned on every rank (value itself on one process);
 * every rank must call it.  Waiting ranks poll with short sleeps instead
 * of spinning, so that they leave the cores to the working ones. */
int sa_sweep_ranks_share(const sa_sweep_ranks *ranks, int value);

/* Leaves the MPI job (MPI_Finalize) if *ranks joined one; resets *ranks. */
void sa_sweep_ranks_finish(sa_sweep_ranks *ranks);

/* What a run of the pending points did; on rank 0, summed over the ranks. */
typedef struct {
  size_t pending; /* points not done when it began (rank 0; 0 on the others) */
  size_t ran;     /* points it ran */
  size_t failed;  /* of these, the failed ones */
} sa_sweep_tally;

/* Called when the sweep's own bookkeeping for a point fails: status is
 * sa_sweep_run_point's (GSL_ENOMEM or GSL_EFAILED), the message is in
 * sa_error_message().  The point counts as failed and the run goes on. */
typedef void (*sa_sweep_point_error_fn)(size_t point, int status, void *arg);

/* Runs the points that are not done -- the missing ones, and the failed
 * ones too if retry_failed -- with sa_sweep_run_point.  On one process
 * (ranks NULL, or of size 1) in order, one after another.  Over MPI ranks
 * rank 0 hands the points out, one at a time, to whichever rank asks:
 * the other ranks ask when they finish a point, and rank 0 runs points
 * itself while a second thread answers (if MPI allows that thread; else
 * it only hands out).  Every rank calls it, after rank 0 has prepared DIR
 * (sa_sweep_prepare_dir) and shared its success.  on_error (may be NULL)
 * gets the points whose bookkeeping failed, with arg.  tally (may be
 * NULL) gets the counts.  Returns GSL_SUCCESS (whether or not points
 * failed: their states are in DIR), or on rank 0 GSL_ENOMEM with the
 * message (no memory for the list of points; no point was run). */
int sa_sweep_run_pending(const sa_sweep *sw, const sa_sweep_ranks *ranks, int retry_failed,
                         sa_sweep_point_error_fn on_error, void *arg, sa_sweep_tally *tally);

#endif
