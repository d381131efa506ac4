/* Faster kernels for SUNDIALS' serial N_Vector.
 *
 * The integrators spend most of their time outside the right-hand side, in
 * vector arithmetic over the state (stage combinations, error norms, error
 * weights).  The serial kernels of the Debian SUNDIALS build run several
 * times slower than the same loops written with restrict pointers and
 * compiled here (bench/bench_flow's profile: a linear combination of 8
 * vectors of 4,050 doubles costs about 42 us of CPU there, 6 us here).
 * sa_nvec_fast_ops replaces the hot operations in a serial vector's
 * operation table; clones made afterwards (the integrators' work vectors)
 * inherit them.  Results equal the serial kernels' up to the order of
 * floating-point summation (tests/test_core checks them against each other). */
#ifndef SA_NVEC_H
#define SA_NVEC_H

#include <nvector/nvector_serial.h>

/* v must be an NVECTOR_SERIAL vector. */
void sa_nvec_fast_ops(N_Vector v);

#endif
