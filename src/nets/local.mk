## src/nets: file lists (included by the top Makefile.am)
