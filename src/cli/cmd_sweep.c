/* silentalign sweep: run one subcommand over a grid of option values, each
 * point in this process, serially or on MPI ranks (src/sweep/sweep.h).
 *
 *   silentalign sweep --grid=sigma:1e-3,1e-2 [--grid=...] [--points=FILE]
 *                     --out=DIR [--blas-threads=1] [--retry-failed]
 *                     -- SUBCOMMAND [OPTIONS]
 *
 * Under mpirun (built with MPI) rank 0 hands out the points that are not
 * yet done, one at a time, to whichever rank asks: the other ranks ask
 * when they finish a point, and rank 0 itself works on points in its main
 * thread while a second thread answers the requests.  Waiting ranks poll
 * with short sleeps instead of spinning, so that oversubscribed ranks do
 * not steal the cores of the working ones.
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

#ifdef HAVE_MPI
#include <mpi.h>
#include <pthread.h>
#endif

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
#ifdef HAVE_MPI
  fprintf(out, "\nMPI: built with MPI (run under mpirun -np K to use K processes)\n");
#else
  fprintf(out, "\nMPI: not built in (configure found no MPI; points run one after another)\n");
#endif
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

/* Points still to run, in order. */
/* Runs one point and returns its state; a failure of the sweep's own
 * bookkeeping (no memory for the point's command line, a failure record
 * that cannot be written) is printed here, and the point counts as failed. */
static int run_point(const sa_sweep *sw, size_t point)
{
  int state;
  if (sa_sweep_run_point(sw, point, &state) != GSL_SUCCESS)
    fprintf(stderr, "silentalign sweep: point %04zu: %s\n", point + 1, sa_error_message());
  return state;
}

static size_t *todo_list(const sa_sweep *sw, int retry_failed, size_t *ntodo)
{
  size_t np = sa_sweep_n_points(sw->plan), n = 0;
  size_t *todo = malloc((np ? np : 1) * sizeof *todo);
  if (!todo)
    return NULL;
  for (size_t p = 0; p < np; p++) {
    int st = sa_sweep_point_state(sw, p, NULL, 0);
    if (st == SA_SWEEP_MISSING || (st == SA_SWEEP_FAILED && retry_failed))
      todo[n++] = p;
  }
  *ntodo = n;
  return todo;
}

#ifdef HAVE_MPI
/* ---- MPI: dynamic distribution from rank 0 ------------------------------ */

enum { TAG_REQUEST = 1, TAG_POINT = 2 };

/* Wait for a request by polling with growing sleeps (50 us .. 2 ms): a
 * blocking MPI wait spins and would take a core from the working ranks. */
static void wait_polling(MPI_Request *req)
{
  long ns = 50000;
  for (;;) {
    int done = 0;
    MPI_Test(req, &done, MPI_STATUS_IGNORE);
    if (done)
      return;
    struct timespec ts = {0, ns};
    nanosleep(&ts, NULL);
    if (ns < 2000000)
      ns *= 2;
  }
}

typedef struct {
  pthread_mutex_t lock;
  const size_t *todo;
  size_t ntodo, next;
  int nworkers; /* ranks 1..size-1 still asking */
  int serve;    /* 1: the dispatcher answers requests */
} dispatch;

static long take_next(dispatch *d)
{
  pthread_mutex_lock(&d->lock);
  long p = d->next < d->ntodo ? (long)d->todo[d->next++] : -1;
  pthread_mutex_unlock(&d->lock);
  return p;
}

/* Rank 0's second thread: answers every request with the next point, or
 * -1 (stop) when none is left, until every other rank has been stopped.
 * It is the only thread that calls MPI while it runs. */
static void *dispatcher(void *arg)
{
  dispatch *d = arg;
  long ns = 50000;
  while (d->nworkers > 0) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, TAG_REQUEST, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      struct timespec ts = {0, ns};
      nanosleep(&ts, NULL);
      if (ns < 1000000)
        ns *= 2;
      continue;
    }
    ns = 50000;
    long done;
    MPI_Recv(&done, 1, MPI_LONG, status.MPI_SOURCE, TAG_REQUEST, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    long p = take_next(d);
    MPI_Send(&p, 1, MPI_LONG, status.MPI_SOURCE, TAG_POINT, MPI_COMM_WORLD);
    if (p < 0)
      d->nworkers--;
  }
  return NULL;
}

static size_t run_mpi(const sa_sweep *sw, int rank, int size, int thread_ok, const size_t *todo,
                      size_t ntodo, size_t *failed)
{
  size_t ran = 0;
  *failed = 0;
  if (rank == 0) {
    dispatch d;
    pthread_mutex_init(&d.lock, NULL);
    d.todo = todo;
    d.ntodo = ntodo;
    d.next = 0;
    d.nworkers = size - 1;
    pthread_t th;
    int threaded = thread_ok && pthread_create(&th, NULL, dispatcher, &d) == 0;
    if (threaded) {
      long p;
      while ((p = take_next(&d)) >= 0) {
        ran++;
        *failed += run_point(sw, (size_t)p) == SA_SWEEP_FAILED;
      }
      pthread_join(th, NULL);
    } else {
      dispatcher(&d); /* no thread support: rank 0 only hands out points */
    }
    pthread_mutex_destroy(&d.lock);
  } else {
    long done = -1;
    for (;;) {
      long p;
      MPI_Request req;
      MPI_Send(&done, 1, MPI_LONG, 0, TAG_REQUEST, MPI_COMM_WORLD);
      MPI_Irecv(&p, 1, MPI_LONG, 0, TAG_POINT, MPI_COMM_WORLD, &req);
      wait_polling(&req);
      if (p < 0)
        break;
      ran++;
      *failed += run_point(sw, (size_t)p) == SA_SWEEP_FAILED;
      done = p;
    }
  }
  return ran;
}

/* Under mpirun? (Open MPI, MPICH/Hydra and PMIx launchers set these.) */
static int launched_by_mpirun(void)
{
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}
#endif

int cmd_sweep(int argc, char **argv)
{
  int rank = 0, size = 1, use_mpi = 0;
  int thread_ok = 0;
  (void)thread_ok; /* used only with MPI */
  (void)use_mpi;
#ifdef HAVE_MPI
  int serial_flag = 0;
  for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
    serial_flag |= !strcmp(argv[i], "--serial");
  if (!serial_flag && launched_by_mpirun()) {
    int provided = MPI_THREAD_SINGLE;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
    thread_ok = provided >= MPI_THREAD_SERIALIZED;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    use_mpi = 1;
  }
#endif
  sa_sweep_plan *plan = sa_sweep_plan_new();
  sweep_opts o;
  int status = plan ? parse_options(argc, argv, plan, &o, rank == 0) : 2;
  size_t *todo = NULL, ntodo = 0;
  double fn_seconds = 0;
  sa_sweep sw = {plan, NULL, 0, NULL, NULL, 0, &fn_seconds};
  double t0 = now();
  if (status == 0 && o.help) {
    if (rank == 0)
      usage(stdout);
    goto finish;
  }
  if (status != 0)
    goto finish;
  sw.dir = o.out;
  sw.base_argc = argc - o.sub;
  sw.base_argv = argv + o.sub;
  sw.fn = find_fn(argv[o.sub]);
  sw.quiet = o.quiet;
#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
  openblas_set_num_threads((int)o.blas_threads);
#endif
  if (rank == 0) {
    status = sa_sweep_prepare_dir(&sw);
    if (status == GSL_EINVAL) /* the library says "output directory" */
      sa_error_prefix(status, "--out");
    if (status == 0 && !(todo = todo_list(&sw, o.retry_failed, &ntodo)))
      status =
          sa_error(GSL_ENOMEM, "out of memory for the list of %zu points", sa_sweep_n_points(plan));
    if (status)
      status = sa_cli_fail(CMD, status);
  }
#ifdef HAVE_MPI
  if (use_mpi) { /* every rank learns whether rank 0 could set up DIR */
    int st = status;
    MPI_Request req;
    MPI_Ibcast(&st, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
    wait_polling(&req);
    status = st;
  }
#endif
  if (status != 0)
    goto finish;
  size_t ran = 0, failed = 0;
  size_t np = sa_sweep_n_points(plan);
#ifdef HAVE_MPI
  if (use_mpi && size > 1)
    ran = run_mpi(&sw, rank, size, thread_ok, todo, ntodo, &failed);
  else
#endif
    for (size_t k = 0; k < ntodo; k++, ran++)
      failed += run_point(&sw, todo[k]) == SA_SWEEP_FAILED;
#ifdef HAVE_MPI
  if (use_mpi) { /* totals to rank 0 */
    unsigned long mine[2] = {ran, failed}, tot[2] = {0, 0};
    MPI_Request req;
    MPI_Ireduce(mine, tot, 2, MPI_UNSIGNED_LONG, MPI_SUM, 0, MPI_COMM_WORLD, &req);
    wait_polling(&req);
    ran = tot[0];
    failed = tot[1];
  }
#endif
  if (rank == 0) {
    size_t counts[4];
    int st = sa_sweep_write_summary(&sw, argc, argv, counts);
    if (st) {
      status = sa_cli_fail(CMD, st);
    } else {
      fprintf(
          stderr,
          "silentalign " CMD ": %zu points: %zu run now (%zu failed), %zu done before; "
          "ok %zu, diverged %zu, failed %zu, missing %zu; %d process%s, %.3f s; %s/summary.tsv\n",
          np, ran, failed, np - ntodo, counts[SA_SWEEP_OK], counts[SA_SWEEP_DIVERGED],
          counts[SA_SWEEP_FAILED], counts[SA_SWEEP_MISSING], size, size > 1 ? "es" : "", now() - t0,
          sw.dir);
      if (size == 1 && ran > 0) { /* what the sweep adds to each point (make bench) */
        struct rusage ru;
        double cpu = getrusage(RUSAGE_SELF, &ru) == 0
                         ? (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                               (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec
                         : 0.0;
        fprintf(stderr,
                "silentalign " CMD ": %.3f s inside the subcommand; sweep overhead "
                "%.3f ms per point run; %.1f s CPU\n",
                fn_seconds, 1e3 * (now() - t0 - fn_seconds) / (double)ran, cpu);
      }
      status = counts[SA_SWEEP_FAILED] || counts[SA_SWEEP_MISSING] ? 1 : 0;
    }
  }
finish:
#ifdef HAVE_MPI
  if (use_mpi) { /* one exit status for every rank, without spinning */
    int st = status;
    MPI_Request req;
    MPI_Ibcast(&st, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
    wait_polling(&req);
    status = st;
    MPI_Finalize();
  }
#endif
  free(todo);
  sa_sweep_plan_free(plan);
  return status;
}
