## src/data/synthetic: Gaussian data with prescribed spectrum (shared by theory and experiments)
src_libsilentalign_la_SOURCES += src/data/synthetic.c src/data/synthetic.h
