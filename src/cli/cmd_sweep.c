/* silentalign sweep: run one subcommand over a grid of option values, each
 * point in this process, serially or on MPI ranks (src/sweep/sweep.h).
 *
 *   silentalign sweep --grid=sigma:1e-3,1e-2 [--grid=...] [--points=FILE]
 *                     --out=DIR [--blas-threads=1] [--retry-failed]
 *                     -- SUBCOMMAND [OPTIONS]
 *
 * parse -> prepare (rank 0 sets up DIR) -> run (sa_sweep_run_pending: under
 * mpirun, if the library was built with MPI, rank 0 hands out the points
 * to whichever rank is free) -> write (rank 0: DIR/summary.tsv).
 *
 * Exit status: 0 every point ok or diverged; 1 some point failed (the
 * summary is still written); 2 bad options, bad grid, or DIR holds
 * another sweep. */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "core/sa_errno.h"
#include "sweep/sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
void openblas_set_num_threads(int n);
#endif

#define CMD "sweep"

typedef struct {
  const char *name;
  sa_sweep_fn fn;
} subcommand;

static const subcommand subcommands[] = {
#define SA_COMMAND(name, fn, summary) {name, fn},
#include "commands.def"
#undef SA_COMMAND
};

static void usage(FILE *out)
{
  fprintf(out, "usage: silentalign sweep --grid=OPTION:V1,V2,... [--grid=...] [--points=FILE]\n"
               "                         --out=DIR [--blas-threads=N] [--retry-failed] [--quiet]\n"
               "                         -- SUBCOMMAND [OPTIONS]\n\n"
               "Run SUBCOMMAND at every point of the Cartesian product of the --grid axes (and\n"
               "of the rows of --points FILE: TSV, a header line of option names, then one row\n"
               "of values per point), each point in this process.  Point k writes its output to\n"
               "DIR/point-NNNN.tsv (NNNN = k, from 0001; the first axis varies slowest);\n"
               "'{point}' in an option is replaced by NNNN.  DIR/plan.tsv lists the points and\n"
               "DIR/summary.tsv, rebuilt from the point files at the end, has one row per\n"
               "point: the axis values, every '# result' value of its output, its status\n"
               "(ok, diverged, failed, missing) and the failure reason.\n\n"
               "Running the same command again skips the points that are done (a failed\n"
               "point is recorded in DIR/point-NNNN.failed and skipped too, unless\n"
               "--retry-failed), so a killed sweep is finished by running it again.\n"
               "Under mpirun -np K (if built with MPI) rank 0 hands out the points one at a\n"
               "time to whichever rank is free.  Each process uses --blas-threads BLAS\n"
               "threads (default 1).\n\n"
               "options:\n"
               "  --grid=OPTION:V1,V2,... one axis of the sweep (repeatable)\n"
               "  --points=FILE           TSV of points (one axis with several options)\n"
               "  --out=DIR               output directory (created if needed)\n"
               "  --blas-threads=N        OpenBLAS threads per process [default: 1]\n"
               "  --retry-failed          run failed points again\n"
               "  --quiet                 do not copy the points' error messages to stderr\n"
               "  --serial                do not use MPI even under mpirun\n"
               "  -h, --help              show this help and exit\n\n"
               "Exit status: 0 every point ok or diverged, 1 some point failed (the summary is\n"
               "written), 2 bad options or grid.\n");
  if (sa_sweep_have_mpi())
    fprintf(out, "\nMPI: built with MPI (run under mpirun -np K to use K processes)\n");
  else
    fprintf(out, "\nMPI: not built in (configure found no MPI; points run one after another)\n");
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Options of the sweep itself (before "--"). */
typedef struct {
  const char *out;
  long blas_threads;
  int retry_failed, quiet, serial, help;
  int sub; /* index of the subcommand in argv */
} sweep_opts;

static int parse_options(int argc, char **argv, sa_sweep_plan *plan, sweep_opts *o, int verbose)
{
  memset(o, 0, sizeof *o);
  o->blas_threads = 1;
  int i;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--"))
      break;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      o->help = 1;
      return 0;
    }
    const char *eq = strchr(a, '=');
    const char *val = eq ? eq + 1 : NULL;
    size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
#define IS(name) (nlen == strlen(name) && !strncmp(a, name, nlen))
    if (IS("--retry-failed") || IS("--quiet") || IS("--serial")) {
      if (val) {
        if (verbose)
          fprintf(stderr, "silentalign " CMD ": option %.*s takes no value\n", (int)nlen, a);
        return 2;
      }
      if (IS("--retry-failed"))
        o->retry_failed = 1;
      else if (IS("--quiet"))
        o->quiet = 1;
      else
        o->serial = 1;
      continue;
    }
    if (!(IS("--grid") || IS("--points") || IS("--out") || IS("--blas-threads"))) {
      if (verbose)
        fprintf(stderr,
                "silentalign " CMD ": unknown option '%s' (the subcommand follows '--'; "
                "see --help)\n",
                a);
      return 2;
    }
    if (!val) {
      if (i + 1 >= argc || !strcmp(argv[i + 1], "--")) {
        if (verbose)
          fprintf(stderr, "silentalign " CMD ": option %s needs a value\n", a);
        return 2;
      }
      val = argv[++i];
    }
    if (IS("--grid") || IS("--points")) {
      int st = IS("--grid") ? sa_sweep_add_grid(plan, val) : sa_sweep_add_points_file(plan, val);
      if (st == GSL_EINVAL) /* the library names the axis or file; add the option */
        sa_error_prefix(st, "%.*s", (int)nlen, a);
      if (st)
        return verbose ? sa_cli_fail(CMD, st) : sa_cli_exit_status(st);
    } else if (IS("--out")) {
      o->out = val;
    } else {
      char *end;
      o->blas_threads = strtol(val, &end, 10);
      if (*val == '\0' || *end || o->blas_threads < 1 || o->blas_threads > 1024) {
        if (verbose)
          fprintf(stderr,
                  "silentalign " CMD ": invalid value '%s' for --blas-threads: must "
                  "be an integer in [1,1024]\n",
                  val);
        return 2;
      }
    }
#undef IS
  }
  if (i >= argc || i + 1 >= argc) {
    if (verbose)
      fprintf(stderr, "silentalign " CMD ": missing '-- SUBCOMMAND [OPTIONS]' (see --help)\n");
    return 2;
  }
  o->sub = i + 1;
  if (!o->out || !*o->out) {
    if (verbose)
      fprintf(stderr, "silentalign " CMD ": --out=DIR is required\n");
    return 2;
  }
  if (sa_sweep_n_points(plan) == 0) {
    if (verbose)
      fprintf(stderr, "silentalign " CMD ": no points: give at least one --grid or --points\n");
    return 2;
  }
  const char *name = argv[o->sub];
  int found = 0;
  for (size_t k = 0; k < sizeof subcommands / sizeof subcommands[0]; k++)
    found |= !strcmp(subcommands[k].name, name) && strcmp(name, CMD) && strcmp(name, "info");
  if (!found) {
    if (verbose)
      fprintf(stderr,
              "silentalign " CMD ": '%s' is not a subcommand that can be swept (see "
              "silentalign --help)\n",
              name);
    return 2;
  }
  /* An axis must not also be a fixed option, nor may the output be fixed. */
  for (int k = o->sub + 1; k < argc; k++) {
    const char *a = argv[k];
    if (!strcmp(a, "-o") || !strncmp(a, "--output", 8)) {
      if (verbose)
        fprintf(stderr,
                "silentalign " CMD ": the subcommand's output is DIR/point-NNNN.tsv; "
                "remove '%s'\n",
                a);
      return 2;
    }
    if (strncmp(a, "--", 2))
      continue;
    const char *e = strchr(a + 2, '=');
    size_t n = e ? (size_t)(e - a - 2) : strlen(a + 2);
    char nm[128];
    if (n >= sizeof nm)
      continue;
    memcpy(nm, a + 2, n);
    nm[n] = '\0';
    if (sa_sweep_has_name(plan, nm)) {
      if (verbose)
        fprintf(stderr,
                "silentalign " CMD ": --%s is both a sweep axis and a fixed option of "
                "the subcommand\n",
                nm);
      return 2;
    }
  }
  return 0;
}

static sa_sweep_fn find_fn(const char *name)
{
  for (size_t k = 0; k < sizeof subcommands / sizeof subcommands[0]; k++)
    if (!strcmp(subcommands[k].name, name))
      return subcommands[k].fn;
  return NULL;
}

/* --serial among the sweep's own options (before "--"): read before the
 * options are parsed, since MPI is joined first. */
static int serial_requested(int argc, char **argv)
{
  int serial = 0;
  for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
    serial |= !strcmp(argv[i], "--serial");
  return serial;
}

/* A point whose bookkeeping failed (no memory for its command line, a
 * failure record that cannot be written): it counts as failed. */
static void point_error(size_t point, int status, void *arg)
{
  (void)status;
  (void)arg;
  fprintf(stderr, "silentalign " CMD ": point %04zu: %s\n", point + 1, sa_error_message());
}

/* Rank 0: DIR (created, or checked to hold this sweep) and its plan.tsv. */
static int prepare(const sa_sweep *sw)
{
  int st = sa_sweep_prepare_dir(sw);
  if (st == GSL_EINVAL) /* the library says "output directory" */
    sa_error_prefix(st, "--out");
  return st ? sa_cli_fail(CMD, st) : 0;
}

/* Rank 0: DIR/summary.tsv and the report on stderr; the exit status. */
static int write_summary(const sa_sweep *sw, int argc, char **argv, const sa_sweep_tally *t,
                         int nproc, double t0, double fn_seconds)
{
  size_t counts[4], np = sa_sweep_n_points(sw->plan);
  int st = sa_sweep_write_summary(sw, argc, argv, counts);
  if (st)
    return sa_cli_fail(CMD, st);
  fprintf(stderr,
          "silentalign " CMD ": %zu points: %zu run now (%zu failed), %zu done before; "
          "ok %zu, diverged %zu, failed %zu, missing %zu; %d process%s, %.3f s; %s/summary.tsv\n",
          np, t->ran, t->failed, np - t->pending, counts[SA_SWEEP_OK], counts[SA_SWEEP_DIVERGED],
          counts[SA_SWEEP_FAILED], counts[SA_SWEEP_MISSING], nproc, nproc > 1 ? "es" : "",
          now() - t0, sw->dir);
  if (nproc == 1 && t->ran > 0) { /* what the sweep adds to each point (make bench) */
    struct rusage ru;
    double cpu = getrusage(RUSAGE_SELF, &ru) == 0
                     ? (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec
                     : 0.0;
    fprintf(stderr,
            "silentalign " CMD ": %.3f s inside the subcommand; sweep overhead "
            "%.3f ms per point run; %.1f s CPU\n",
            fn_seconds, 1e3 * (now() - t0 - fn_seconds) / (double)t->ran, cpu);
  }
  return counts[SA_SWEEP_FAILED] || counts[SA_SWEEP_MISSING] ? 1 : 0;
}

int cmd_sweep(int argc, char **argv)
{
  sa_sweep_ranks ranks; /* MPI, if any, is joined before parsing: it may edit argv */
  int status = sa_sweep_ranks_init(&ranks, &argc, &argv, serial_requested(argc, argv));
  if (status != GSL_SUCCESS)
    return sa_cli_fail(CMD, status);
  int root = ranks.rank == 0;
  /* parse */
  sa_sweep_plan *plan = sa_sweep_plan_new();
  sweep_opts o;
  status = plan ? parse_options(argc, argv, plan, &o, root) : 2;
  double fn_seconds = 0, t0 = now();
  if (status == 0 && o.help) {
    if (root)
      usage(stdout);
  } else if (status == 0) {
    /* prepare: every rank runs points; rank 0 alone sets up DIR */
    sa_sweep sw = {.plan = plan,
                   .dir = o.out,
                   .base_argc = argc - o.sub,
                   .base_argv = argv + o.sub,
                   .fn = find_fn(argv[o.sub]),
                   .quiet = o.quiet,
                   .fn_seconds = &fn_seconds};
#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
    openblas_set_num_threads((int)o.blas_threads);
#endif
    status = sa_sweep_ranks_share(&ranks, root ? prepare(&sw) : 0);
    /* run */
    if (status == 0) {
      sa_sweep_tally tally;
      int st = sa_sweep_run_pending(&sw, &ranks, o.retry_failed, point_error, NULL, &tally);
      /* write */
      if (root)
        status = st ? sa_cli_fail(CMD, st)
                    : write_summary(&sw, argc, argv, &tally, ranks.size, t0, fn_seconds);
    }
  }
  status = sa_sweep_ranks_share(&ranks, status); /* one exit status for every rank */
  sa_sweep_ranks_finish(&ranks);
  sa_sweep_plan_free(plan);
  return status;
}
