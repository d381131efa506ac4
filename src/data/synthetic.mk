## src/data/synthetic: Gaussian data with prescribed spectrum (shared by theory and experiments)
src_libsa_a_SOURCES += src/data/synthetic.c src/data/synthetic.h
