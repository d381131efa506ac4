## make check-sanitize: the whole test suite built with AddressSanitizer and
## UndefinedBehaviorSanitizer, in a build tree of its own (sanitize-build/, a
## copy of the tracked sources made with git, since configure refuses a
## second build directory beside an in-tree build).  Any memory error or
## undefined behaviour ends the offending program with a report and a
## non-zero status, so the test that ran it fails.  Leak checking is left to
## `make check-valgrind` (LeakSanitizer would change the exit status of
## the CLI's early error returns).
SANITIZE_DIR = sanitize-build
## The sanitizers are part of CC, so that what the tests compile themselves
## (tests/install_check.sh builds examples/balanced.c against the installed
## library) links the ASan runtime first too.  Instrumented programs run a few
## times slower: tests/cli_badinput.sh gets 60 s per run instead of 10.
SANITIZE_CC = -fsanitize=address,undefined
SANITIZE_FLAGS = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
check-sanitize:
	rm -rf $(SANITIZE_DIR) && mkdir $(SANITIZE_DIR)
	cd $(srcdir) && git ls-files -z --cached --others --exclude-standard | \
	  tar --null -T - -cf - | (cd $(abs_builddir)/$(SANITIZE_DIR) && tar -xf -)
	if test -d $(srcdir)/node_modules; then \
	  ln -s $(abs_srcdir)/node_modules $(SANITIZE_DIR)/node_modules; fi
	cd $(SANITIZE_DIR) && ./autogen.sh && \
	  ./configure CC="$(CC) $(SANITIZE_CC)" CFLAGS="$(SANITIZE_FLAGS)" && \
	  $(MAKE) $(AM_MAKEFLAGS) && \
	  ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  SA_BADINPUT_TIMEOUT=60 $(MAKE) $(AM_MAKEFLAGS) check
.PHONY: check-sanitize
