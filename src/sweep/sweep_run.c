/* Running a sweep's pending points: in this process, one after another,
 * or over the ranks of an MPI job, rank 0 handing them out.  See sweep.h.
 *
 * Under MPI, rank 0 hands out the points that are not yet done, one at a
 * time, to whichever rank asks: the other ranks ask when they finish a
 * point, and rank 0 itself works on points in its main thread while a
 * second thread answers the requests.  Waiting ranks poll with short
 * sleeps instead of spinning, so that oversubscribed ranks do not steal
 * the cores of the working ones. */
#include "config.h"

#include "sweep.h"

#include "core/sa_errno.h"

#include <stdlib.h>
#include <time.h>

#ifdef HAVE_MPI
#include <mpi.h>
#include <pthread.h>
#endif

int sa_sweep_have_mpi(void)
{
#ifdef HAVE_MPI
  return 1;
#else
  return 0;
#endif
}

/* What every rank needs to run a point. */
typedef struct {
  const sa_sweep *sw;
  sa_sweep_point_error_fn on_error;
  void *arg;
} runner;

/* Runs one point; 1 if it failed.  A failure of the sweep's own
 * bookkeeping goes to on_error, and the point counts as failed. */
static int run_one(const runner *r, size_t point)
{
  int state;
  int st = sa_sweep_run_point(r->sw, point, &state);
  if (st != GSL_SUCCESS && r->on_error)
    r->on_error(point, st, r->arg);
  return state == SA_SWEEP_FAILED;
}

/* The points to run, in order: the missing ones, and the failed ones if
 * retry_failed.  NULL when out of memory. */
static size_t *pending_points(const sa_sweep *sw, int retry_failed, size_t *n)
{
  size_t np = sa_sweep_n_points(sw->plan);
  size_t *todo = malloc((np ? np : 1) * sizeof *todo);
  *n = 0;
  if (!todo)
    return NULL;
  for (size_t p = 0; p < np; p++) {
    int st = sa_sweep_point_state(sw, p, NULL, 0);
    if (st == SA_SWEEP_MISSING || (st == SA_SWEEP_FAILED && retry_failed))
      todo[(*n)++] = p;
  }
  return todo;
}

#ifdef HAVE_MPI
/* ---- MPI: dynamic distribution from rank 0 ------------------------------ */

enum { TAG_REQUEST = 1, TAG_POINT = 2 };

/* Waits for a request by polling with growing sleeps (50 us .. 2 ms): a
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
} dispatch;

/* The next point to run, or -1 when none is left. */
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

/* Rank 0: hands out todo[0..ntodo) and, if MPI allows a second thread,
 * runs points too.  *ran and *failed count this rank's points. */
static void run_root(const runner *r, const sa_sweep_ranks *ranks, const size_t *todo, size_t ntodo,
                     size_t *ran, size_t *failed)
{
  dispatch d;
  pthread_mutex_init(&d.lock, NULL);
  d.todo = todo;
  d.ntodo = ntodo;
  d.next = 0;
  d.nworkers = ranks->size - 1;
  pthread_t th;
  if (ranks->threaded && pthread_create(&th, NULL, dispatcher, &d) == 0) {
    long p;
    while ((p = take_next(&d)) >= 0) {
      ++*ran;
      *failed += (size_t)run_one(r, (size_t)p);
    }
    pthread_join(th, NULL);
  } else {
    dispatcher(&d); /* no thread support: rank 0 only hands out points */
  }
  pthread_mutex_destroy(&d.lock);
}

/* Ranks 1..size-1: ask rank 0 for a point, run it, ask again, until told
 * to stop (-1). */
static void run_worker(const runner *r, size_t *ran, size_t *failed)
{
  long done = -1;
  for (;;) {
    long p;
    MPI_Request req;
    MPI_Send(&done, 1, MPI_LONG, 0, TAG_REQUEST, MPI_COMM_WORLD);
    MPI_Irecv(&p, 1, MPI_LONG, 0, TAG_POINT, MPI_COMM_WORLD, &req);
    wait_polling(&req);
    if (p < 0)
      break;
    ++*ran;
    *failed += (size_t)run_one(r, (size_t)p);
    done = p;
  }
}

/* Sums (ran, failed) over the ranks into rank 0's. */
static void sum_to_root(size_t *ran, size_t *failed)
{
  unsigned long mine[2] = {*ran, *failed}, tot[2] = {0, 0};
  MPI_Request req;
  MPI_Ireduce(mine, tot, 2, MPI_UNSIGNED_LONG, MPI_SUM, 0, MPI_COMM_WORLD, &req);
  wait_polling(&req);
  *ran = tot[0];
  *failed = tot[1];
}

/* Under mpirun?  (Open MPI, MPICH/Hydra and PMIx launchers set these.) */
static int launched_by_mpirun(void)
{
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}
#endif

/* ---- ranks ------------------------------------------------------------ */

int sa_sweep_ranks_init(sa_sweep_ranks *ranks, int *argc, char ***argv, int serial)
{
  *ranks = (sa_sweep_ranks){0, 1, 0, 0};
#ifdef HAVE_MPI
  if (serial || !launched_by_mpirun())
    return GSL_SUCCESS;
  int provided = MPI_THREAD_SINGLE;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
    return sa_error(GSL_EFAILED, "MPI could not start (MPI_Init_thread failed)");
  ranks->threaded = provided >= MPI_THREAD_SERIALIZED;
  MPI_Comm_rank(MPI_COMM_WORLD, &ranks->rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks->size);
  ranks->mpi = 1;
#else
  (void)argc;
  (void)argv;
  (void)serial;
#endif
  return GSL_SUCCESS;
}

int sa_sweep_ranks_share(const sa_sweep_ranks *ranks, int value)
{
#ifdef HAVE_MPI
  if (ranks && ranks->mpi) {
    MPI_Request req;
    MPI_Ibcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
    wait_polling(&req);
  }
#else
  (void)ranks;
#endif
  return value;
}

void sa_sweep_ranks_finish(sa_sweep_ranks *ranks)
{
#ifdef HAVE_MPI
  if (ranks->mpi)
    MPI_Finalize();
#endif
  *ranks = (sa_sweep_ranks){0, 1, 0, 0};
}

/* ---- the pending points ------------------------------------------------- */

int sa_sweep_run_pending(const sa_sweep *sw, const sa_sweep_ranks *ranks, int retry_failed,
                         sa_sweep_point_error_fn on_error, void *arg, sa_sweep_tally *tally)
{
  static const sa_sweep_ranks alone = {0, 1, 0, 0};
  if (!ranks)
    ranks = &alone;
  const runner r = {sw, on_error, arg};
  size_t *todo = NULL, ntodo = 0, ran = 0, failed = 0;
  int status = GSL_SUCCESS;
  /* Without its list rank 0 hands out no point: every rank stops at once. */
  if (ranks->rank == 0 && !(todo = pending_points(sw, retry_failed, &ntodo)))
    status = sa_error(GSL_ENOMEM, "out of memory for the list of %zu points",
                      sa_sweep_n_points(sw->plan));
#ifdef HAVE_MPI
  if (ranks->mpi && ranks->size > 1) {
    if (ranks->rank == 0)
      run_root(&r, ranks, todo, ntodo, &ran, &failed);
    else
      run_worker(&r, &ran, &failed);
  } else
#endif
    for (size_t k = 0; k < ntodo; k++, ran++)
      failed += (size_t)run_one(&r, todo[k]);
#ifdef HAVE_MPI
  if (ranks->mpi)
    sum_to_root(&ran, &failed);
#endif
  free(todo);
  if (tally)
    *tally = (sa_sweep_tally){ntodo, ran, failed};
  return status;
}
