## src/theory: file lists (included by the top Makefile.am)
