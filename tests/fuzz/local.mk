## tests/fuzz: libFuzzer harnesses of the readers and the option parser
## (tests/fuzz/README.md).  Each harness defines LLVMFuzzerTestOneInput:
## - in every build, tests/fuzz/replay_NAME (a check program) replays the
##   committed seeds tests/fuzz/corpus/NAME and the inputs of past findings
##   tests/fuzz/regress/NAME through it;
## - with ./configure --enable-fuzzing CC=clang, `make fuzz` builds
##   tests/fuzz/fuzz_NAME against libFuzzer and runs each FUZZ_TIME seconds.

FUZZ_NAMES = idx mnist_json opts
FUZZ_PROGS = tests/fuzz/fuzz_idx tests/fuzz/fuzz_mnist_json tests/fuzz/fuzz_opts
FUZZ_TIME = 60
FUZZ_COMMON = tests/fuzz/fuzz_file.c tests/fuzz/fuzz_file.h

check_PROGRAMS += tests/fuzz/replay_idx tests/fuzz/replay_mnist_json tests/fuzz/replay_opts
tests_fuzz_replay_idx_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_idx.c $(FUZZ_COMMON)
tests_fuzz_replay_idx_CPPFLAGS = $(AM_CPPFLAGS) -DSA_FUZZ_NAME='"idx"'
tests_fuzz_replay_idx_LDADD = src/libsilentalign.la
tests_fuzz_replay_mnist_json_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_mnist_json.c $(FUZZ_COMMON)
tests_fuzz_replay_mnist_json_CPPFLAGS = $(AM_CPPFLAGS) -DSA_FUZZ_NAME='"mnist_json"'
tests_fuzz_replay_mnist_json_LDADD = src/libsilentalign.la
tests_fuzz_replay_opts_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_opts.c $(FUZZ_COMMON)
tests_fuzz_replay_opts_CPPFLAGS = $(AM_CPPFLAGS) -DSA_FUZZ_NAME='"opts"'
tests_fuzz_replay_opts_LDADD = src/libsilentalign.la

EXTRA_PROGRAMS = $(FUZZ_PROGS)
CLEANFILES += $(FUZZ_PROGS)
tests_fuzz_fuzz_idx_SOURCES = tests/fuzz/fuzz_idx.c $(FUZZ_COMMON)
tests_fuzz_fuzz_idx_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_idx_LDADD = src/libsilentalign.la
tests_fuzz_fuzz_mnist_json_SOURCES = tests/fuzz/fuzz_mnist_json.c $(FUZZ_COMMON)
tests_fuzz_fuzz_mnist_json_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_mnist_json_LDADD = src/libsilentalign.la
tests_fuzz_fuzz_opts_SOURCES = tests/fuzz/fuzz_opts.c $(FUZZ_COMMON)
tests_fuzz_fuzz_opts_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_opts_LDADD = src/libsilentalign.la

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/corpus tests/fuzz/regress

## make fuzz: each harness FUZZ_TIME seconds (make fuzz FUZZ_TIME=600 for
## longer), new inputs kept in fuzz-out/corpus-NAME, crashes in
## fuzz-out/crashes-NAME; the last lines of each log (executions, coverage)
## are printed, and a crash fails the target.
if ENABLE_FUZZING
fuzz: $(FUZZ_PROGS)
	@mkdir -p fuzz-out; status=0; \
	for h in $(FUZZ_NAMES); do \
	  mkdir -p fuzz-out/corpus-$$h fuzz-out/crashes-$$h; \
	  extra=; case $$h in idx|mnist_json) extra=$(srcdir)/tests/data/readers;; esac; \
	  echo "fuzz: $$h for $(FUZZ_TIME) s (log: fuzz-out/$$h.log)"; \
	  ./tests/fuzz/fuzz_$$h -max_total_time=$(FUZZ_TIME) -timeout=10 -close_fd_mask=3 \
	    -print_final_stats=1 -artifact_prefix=fuzz-out/crashes-$$h/ \
	    fuzz-out/corpus-$$h $(srcdir)/tests/fuzz/corpus/$$h $$extra > fuzz-out/$$h.log 2>&1; \
	  st=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units|^stat::peak_rss|INITED' fuzz-out/$$h.log | sed "s/^/  $$h: /"; \
	  if [ $$st -ne 0 ]; then \
	    status=1; echo "fuzz: $$h FAILED (status $$st): see fuzz-out/$$h.log;" \
	      "copy the input from fuzz-out/crashes-$$h/ into $(srcdir)/tests/fuzz/regress/$$h/"; \
	  fi; \
	done; exit $$status
else
fuzz:
	@echo "make fuzz: configure with --enable-fuzzing CC=clang first" >&2; exit 1
endif
.PHONY: fuzz
