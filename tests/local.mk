## tests: every test program and script (included by the top Makefile.am),
## grouped by the part of the tree they check.  Each is one TAP stream.
check_LIBRARIES = tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h tests/fixture.c tests/fixture.h
TEST_LDADD = tests/libtap.a src/libsilentalign.la
## The shell tests' TAP helpers (ok, pass, notok, check, skip), sourced by each.
EXTRA_DIST += tests/tap.sh

## src/core: services; dense linear algebra (Frobenius product and norm,
## alignment, Gram-Schmidt against closed forms and invariants).
check_PROGRAMS += tests/test_core
tests_test_core_SOURCES = tests/test_core.c
tests_test_core_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_linalg
tests_test_linalg_SOURCES = tests/test_linalg.c
tests_test_linalg_LDADD = $(TEST_LDADD)
## the integrators (ERK, Adams, BDF) against Eq. (49) and each other
## crossings and least-squares fits of sampled series; the program
## figures/series that reads them off the figure data by column name
check_PROGRAMS += tests/test_series
tests_test_series_SOURCES = tests/test_series.c
tests_test_series_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/series_cli.sh
## the balanced-network theory of the linear phase diagram against the
## growth laws solved independently
check_PROGRAMS += tests/test_phase_theory
tests_test_phase_theory_SOURCES = tests/test_phase_theory.c
tests_test_phase_theory_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_ode_methods
tests_test_ode_methods_SOURCES = tests/test_ode_methods.c
tests_test_ode_methods_LDADD = $(TEST_LDADD)
## the factored Dormand-Prince integrator of the linear flow (--method=lowrank)
check_PROGRAMS += tests/test_lowrank
tests_test_lowrank_SOURCES = tests/test_lowrank.c
tests_test_lowrank_LDADD = $(TEST_LDADD)
## interrupted runs, unwritable and full outputs (src/core/sa_output.c)
dist_check_SCRIPTS += tests/output_cli.sh
## the progress line and '--' (src/core/sa_progress.c, sa_opts.c)
dist_check_SCRIPTS += tests/progress_cli.sh

## src/data: readers (known values, corruption cases), data sets, preprocessing.
check_PROGRAMS += tests/test_data tests/test_data_preprocess
tests_test_data_SOURCES = tests/test_data.c
tests_test_data_LDADD = $(TEST_LDADD)
tests_test_data_preprocess_SOURCES = tests/test_data_preprocess.c
tests_test_data_preprocess_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/data_cli.sh
## Small damaged and valid reader inputs (regression cases of test_data, seeds of tests/fuzz).
EXTRA_DIST += \
	tests/data/readers/digit1-deep.json \
	tests/data/readers/digit1-duplicate-data.json \
	tests/data/readers/digit1-escaped-duplicate.json \
	tests/data/readers/digit1-garbage-after.json \
	tests/data/readers/digit1-nan.json \
	tests/data/readers/digit1-nul-after.json \
	tests/data/readers/digit1-single-quote.json \
	tests/data/readers/digit1.json \
	tests/data/readers/labels-count-999999.gz \
	tests/data/readers/labels-count-over-max.gz \
	tests/data/readers/labels-huge-count.gz \
	tests/data/readers/labels-huge-count.idx \
	tests/data/readers/labels3-bad-crc.gz \
	tests/data/readers/labels3-bad-isize.gz \
	tests/data/readers/labels3-half-trailer.gz \
	tests/data/readers/labels3-no-trailer.gz \
	tests/data/readers/labels3-second-member.gz \
	tests/data/readers/labels3-trailing-garbage.gz \
	tests/data/readers/labels3.gz \
	tests/data/readers/labels3.idx

## src/theory: the linear network and the synthetic data.
check_PROGRAMS += tests/test_linnet
tests_test_linnet_SOURCES = tests/test_linnet.c
tests_test_linnet_LDADD = $(TEST_LDADD)
## two layers, initial statistics against their Monte Carlo, unwhitened data
check_PROGRAMS += tests/test_twolayer tests/test_unwhitened
tests_test_twolayer_SOURCES = tests/test_twolayer.c
tests_test_twolayer_LDADD = $(TEST_LDADD)
tests_test_unwhitened_SOURCES = tests/test_unwhitened.c
tests_test_unwhitened_LDADD = $(TEST_LDADD)
## deep linear networks, multiple outputs, their subcommands
check_PROGRAMS += tests/test_deep
tests_test_deep_SOURCES = tests/test_deep.c
tests_test_deep_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_multiout
tests_test_multiout_SOURCES = tests/test_multiout.c
tests_test_multiout_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/flow_cli.sh tests/deeptimes_cli.sh
## transfer theory against its Monte Carlo; the kernel-regression theorem
check_PROGRAMS += tests/test_transfer
tests_test_transfer_SOURCES = tests/test_transfer.c
tests_test_transfer_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_theorem
tests_test_theorem_SOURCES = tests/test_theorem.c
tests_test_theorem_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/theorem_cli.sh
## the 2-D kernel geometry of Figs. 2 and C.1
check_PROGRAMS += tests/test_kernel2d
tests_test_kernel2d_SOURCES = tests/test_kernel2d.c
tests_test_kernel2d_LDADD = $(TEST_LDADD)
## prediction 21, the laziness ratio at initialisation (App. I)
check_PROGRAMS += tests/test_laziness
tests_test_laziness_SOURCES = tests/test_laziness.c
tests_test_laziness_LDADD = $(TEST_LDADD)

## src/nets: MLP and NTK; Wide ResNet (convolutions against direct loops,
## gradient against finite differences, residual identity, odd sizes);
## `train --arch=wrn` (bad input, trace columns, the loss falls).
check_PROGRAMS += tests/test_nets
tests_test_nets_SOURCES = tests/test_nets.c
tests_test_nets_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_wrn
tests_test_wrn_SOURCES = tests/test_wrn.c
tests_test_wrn_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_wrn_ntk
tests_test_wrn_ntk_SOURCES = tests/test_wrn_ntk.c
tests_test_wrn_ntk_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_wrn_float
tests_test_wrn_float_SOURCES = tests/test_wrn_float.c
tests_test_wrn_float_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/wrn_cli.sh

## src/train: Adam/GD and schedules; GD against the CVODE flow and the
## conservation laws; linear-net predictions; MNIST K_0 vs K_inf; the CLI.
check_PROGRAMS += tests/test_train_optim tests/test_train_flow
tests_test_train_optim_SOURCES = tests/test_train_optim.c
tests_test_train_optim_LDADD = $(TEST_LDADD)
tests_test_train_flow_SOURCES = tests/test_train_flow.c
tests_test_train_flow_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_train_linear
tests_test_train_linear_SOURCES = tests/test_train_linear.c
tests_test_train_linear_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/train_cli.sh
check_PROGRAMS += tests/test_train_mnist
tests_test_train_mnist_SOURCES = tests/test_train_mnist.c
tests_test_train_mnist_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_train_nonlin
tests_test_train_nonlin_SOURCES = tests/test_train_nonlin.c
tests_test_train_nonlin_LDADD = $(TEST_LDADD)

## src/sweep: the engine with a stand-in subcommand; the CLI serially and on
## 2 and 6 MPI ranks, killed and resumed.
check_PROGRAMS += tests/test_sweep
tests_test_sweep_SOURCES = tests/test_sweep.c
tests_test_sweep_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/sweep_cli.sh

## src/cli: every option of every subcommand with hostile values, and absurd
## sizes (issue 10); figure commands.
dist_check_SCRIPTS += tests/cli_badinput.sh
dist_check_SCRIPTS += tests/figcmd_cli.sh

## figures: format and theory checks of the figure data (SKIP when not
## built); experiment-side claims; the claims of the "Differences"
## paragraphs of Figs. 4 and E.2; the phase diagrams (figures/phase.mk).
dist_check_SCRIPTS += tests/figures_check.sh
dist_check_SCRIPTS += tests/figures_experiment_check.sh
dist_check_SCRIPTS += tests/claims_check.sh
dist_check_SCRIPTS += tests/phase_cli.sh
dist_check_SCRIPTS += tests/phase_check.sh

## doc: after `make report`, the PDF (captions, pages).
dist_check_SCRIPTS += tests/report_check.sh

## proofs: tests/proofs.sh runs every proofs/*.mac after proofs/lib/tap.mac,
## joins their TAP lines into one stream, and prints "1..0 # SKIP" when
## maxima is missing (configure's MAXIMA is "no").
dist_check_SCRIPTS += tests/proofs.sh

## examples and packaging: install into a temporary DESTDIR, check what
## `make install` put there, build and run each example against it as a
## user of the library would; the version everywhere.
dist_check_SCRIPTS += tests/install_check.sh tests/version.sh

## the C sources follow .clang-format (clang-format 14, distributed by the
## top Makefile.am)
dist_check_SCRIPTS += tests/format_check.sh
