## src/core: file lists (included by the top Makefile.am)
