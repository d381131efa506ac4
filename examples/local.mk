## examples: programs that use the installed library through pkg-config.
## tests/install_check.sh installs the package into a temporary DESTDIR,
## checks what `make install` put there, and builds and runs each example
## against that installation, as a user of the library would.
EXTRA_DIST += examples/balanced.c
dist_check_SCRIPTS += tests/install_check.sh tests/version.sh
