## examples: programs that use the installed library through pkg-config.
## tests/install_check.sh (listed in tests/local.mk) installs the package
## into a temporary DESTDIR, checks what `make install` put there, and
## builds and runs each example against that installation, as a user of the
## library would.
## The examples are installed beside the documents, as sources to copy.
exampledir = $(docdir)/examples
dist_example_DATA = examples/balanced.c
