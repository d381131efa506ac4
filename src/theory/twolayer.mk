## src/theory/twolayer.mk: file lists (included by the top Makefile.am)
