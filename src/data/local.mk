## src/data: file lists (included by the top Makefile.am)
