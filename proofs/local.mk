## proofs: the paper's derivations written out (LaTeX, one file per result,
## \input into the report by doc/gen/proofs.tex) and their key identities
## checked by Maxima (tests/proofs.sh, listed in tests/local.mk).
PROOF_FILES = \
	proofs/01-kernel-theorem.tex proofs/01-kernel-theorem.mac \
	proofs/02-conservation.tex proofs/02-conservation.mac \
	proofs/03-twolayer-phases.tex proofs/03-twolayer-phases.mac \
	proofs/04-unwhitened.tex proofs/04-unwhitened.mac \
	proofs/05-deep-balanced.tex proofs/05-deep-balanced.mac \
	proofs/06-final-ntk.tex proofs/06-final-ntk.mac \
	proofs/07-alignment-plateau.tex proofs/07-alignment-plateau.mac \
	proofs/08-same-interpolant.tex proofs/08-same-interpolant.mac \
	proofs/09-transfer-eg.tex proofs/09-transfer-eg.mac
EXTRA_DIST += proofs/lib/tap.mac $(PROOF_FILES)

## Run only the Maxima checks: make check-proofs
check-proofs:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS=tests/proofs.sh
.PHONY: check-proofs
