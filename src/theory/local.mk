## src/theory: the deep linear network in population form, its CVODE gradient
## flow and the observables recorded along it (shared by all linear models).
src_libsilentalign_la_SOURCES += \
	src/core/sa_grid.c src/core/sa_grid.h \
	src/theory/linnet.c src/theory/linnet.h \
	src/theory/linflow.c src/theory/linflow.h \
	src/theory/linobs.c src/theory/linobs.h
src_libsilentalign_la_SOURCES += src/theory/linsetup.c src/theory/linsetup.h
src_cli_silentalign_SOURCES += src/cli/cmd_flow.c
src_cli_silentalign_SOURCES += src/cli/flow_cli.c src/cli/flow_cli.h
