## src/core: file lists (included by the top Makefile.am)
## Services every module uses: the error convention, the dense linear
## algebra shared by theory and experiment, the CVODE/ARKODE driver and its
## vector kernels, recording grids, crossings and slopes of sampled series,
## and the command-line helpers (options,
## atomic output, version, progress line, resource limits).
src_libsilentalign_la_SOURCES += \
	src/core/sa_errno.c src/core/sa_errno.h \
	src/core/sa_grid.c src/core/sa_grid.h \
	src/core/sa_limits.c src/core/sa_limits.h \
	src/core/sa_linalg.c src/core/sa_linalg.h \
	src/core/sa_ode.c src/core/sa_ode.h \
	src/core/sa_nvec.c src/core/sa_nvec.h \
	src/core/sa_opts.c src/core/sa_opts.h \
	src/core/sa_output.c src/core/sa_output.h \
	src/core/sa_version.c src/core/sa_version.h \
	src/core/sa_progress.c src/core/sa_progress.h \
	src/core/sa_series.c src/core/sa_series.h
