## src/cli: the program `silentalign` (included by the top Makefile.am).  It
## only parses options, calls the library and writes outputs; every
## subcommand is a cmd_*.c listed in commands.def.  It does not call MPI:
## the sweep's ranks are the library's (src/sweep/sweep_run.c), which brings
## MPI's libraries with it.
bin_PROGRAMS = src/cli/silentalign
src_cli_silentalign_SOURCES = \
	src/cli/silentalign.c src/cli/commands.h src/cli/commands.def \
	src/cli/cli_status.c src/cli/cli_status.h \
	src/cli/cli_limits.c src/cli/cli_limits.h \
	src/cli/cli_opts.c src/cli/cli_opts.h \
	src/cli/cli_output.c src/cli/cli_output.h \
	src/cli/flow_cli.c src/cli/flow_cli.h src/cli/linflow_opts.h \
	src/cli/multiout_cli.c src/cli/multiout_cli.h \
	src/cli/cmd_info.c \
	src/cli/cmd_dataset_info.c \
	src/cli/cmd_flow.c src/cli/cmd_kerneltrace.c src/cli/cmd_kernel2d.c \
	src/cli/cmd_twolayer.c src/cli/cmd_initstats.c src/cli/cmd_unwhitened.c \
	src/cli/cmd_balanced.c src/cli/cmd_deeptimes.c \
	src/cli/cmd_multiout.c src/cli/cmd_multikernel.c \
	src/cli/cmd_transfer.c src/cli/cmd_theorem.c \
	src/cli/cmd_train.c \
	src/cli/cmd_sweep.c
src_cli_silentalign_LDADD = src/libsilentalign.la
src_cli_silentalign_LDFLAGS =
