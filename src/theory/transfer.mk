## src/theory/transfer.mk: file lists (included by the top Makefile.am)
