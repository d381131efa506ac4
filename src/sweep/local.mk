## src/sweep: parameter sweeps over any subcommand (`silentalign sweep`),
## serial or on MPI ranks (MPI only in src/cli/cmd_sweep.c).
src_libsilentalign_la_SOURCES += src/sweep/sweep.c src/sweep/sweep.h
