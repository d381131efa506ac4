## src/sweep: parameter sweeps over any subcommand (`silentalign sweep`):
## the plan, point files, resumable state and summary (sweep.c), and the run
## of the pending points in this process or over MPI ranks (sweep_run.c, the
## library's only MPI code).  sweep_run.c alone is compiled with MPI's
## include flags, as a convenience library folded into libsilentalign; the
## library then links MPI_LIBS (empty when configure found no MPI).
src_libsilentalign_la_SOURCES += src/sweep/sweep.c src/sweep/sweep.h
noinst_LTLIBRARIES += src/sweep/libsweep_run.la
src_sweep_libsweep_run_la_SOURCES = src/sweep/sweep_run.c
src_sweep_libsweep_run_la_CPPFLAGS = $(AM_CPPFLAGS) $(MPI_CFLAGS)
src_sweep_libsweep_run_la_LDFLAGS =
src_libsilentalign_la_LIBADD += src/sweep/libsweep_run.la $(MPI_LIBS)
