## src/theory/deep.mk: file lists (included by the top Makefile.am)
