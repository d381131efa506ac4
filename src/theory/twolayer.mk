## src/theory/twolayer.mk: two-layer closed forms and reduced ODEs (App. C),
## initial statistics (Eq. 34), unwhitened data (Sec. 3.2, App. C.3).
src_libsilentalign_la_SOURCES += \
	src/theory/twolayer.c src/theory/twolayer.h \
	src/theory/twolayer_ode.c src/theory/twolayer_ode.h \
	src/theory/twolayer_mc.c src/theory/twolayer_mc.h \
	src/theory/unwhitened.c src/theory/unwhitened.h
src_cli_silentalign_SOURCES += src/cli/cmd_twolayer.c src/cli/cmd_initstats.c \
	src/cli/cmd_unwhitened.c
check_PROGRAMS += tests/test_twolayer tests/test_unwhitened
tests_test_twolayer_SOURCES = tests/test_twolayer.c
tests_test_twolayer_LDADD = $(TEST_LDADD)
tests_test_unwhitened_SOURCES = tests/test_unwhitened.c
tests_test_unwhitened_LDADD = $(TEST_LDADD)
