/* Resource checks made before any allocation or integration.
 *
 * Every subcommand estimates, from its options alone, the memory its run
 * needs (matrices, Gram matrices, the CVODE state and history) and refuses,
 * with GSL_EINVAL and a message naming the options and the limit in
 * sa_error_message() (core/sa_errno.h; the CLI prints it and exits with
 * status 2, src/cli/cli_opts.h), a run that
 * exceeds the memory the machine offers now, read at run time:
 * MemAvailable of /proc/meminfo (else the free physical pages), no more
 * than RLIMIT_AS and RLIMIT_DATA, and no more than the environment variable
 * SILENTALIGN_MAX_MEMORY (bytes, or with a K, M, G or T suffix) when set.
 * Counts that only cost time have documented maxima in the option ranges
 * (SA_LIMITS_MAX_SAMPLES rows); initial scales whose initial loss would
 * overflow (or underflow to zero) are refused naming the option
 * (sa_limits_scale_fits).  An allocation that fails despite the check
 * returns its status up the call chain (GSL's handler is off, see
 * core/sa_errno.h). */
#ifndef SA_LIMITS_H
#define SA_LIMITS_H

#include <stddef.h>

/* Largest number of recorded rows (--samples, --records, ...). */
#define SA_LIMITS_MAX_SAMPLES 1000000.0
/* Largest decimal exponent of an initial loss: squares and products of
 * two such numbers stay finite in double precision. */
#define SA_LIMITS_MAX_LOG10 150.0

/* Bytes the machine offers now (see above); *source (if non-NULL) receives
 * a few words saying where the number comes from. */
double sa_limits_memory(const char **source);

/* A run that needs `doubles` values of 8 bytes, given by the options
 * `opts` (e.g. "--D=100000 --N=50"), against the memory the machine
 * offers, and against cap_bytes if > 0, a lower limit set by a command's
 * own option named by cap_name (e.g. "--mem-max=100 MB") in the refusal.
 * Returns GSL_SUCCESS, or GSL_EINVAL with the refusal as the message. */
int sa_limits_memory_fits(double doubles, const char *opts, double cap_bytes, const char *cap_name);

/* log10 of the initial quantity `what` (e.g. "initial loss") that the
 * option `opt` sets: GSL_SUCCESS if it lies within 1e-150..1e150, else
 * GSL_EINVAL with the refusal (overflow or underflow). */
int sa_limits_scale_fits(const char *opt, double log10_value, const char *what);

/* Work units `work` (e.g. samples times size) against `max`; `what` names
 * the work: GSL_SUCCESS, or GSL_EINVAL with the refusal. */
int sa_limits_work_fits(const char *opts, double work, double max, const char *what);

/* Number of weights of a linear or ReLU network D -> N -> ... -> N -> C
 * with L weight matrices. */
double sa_limits_net_params(double L, double D, double N, double C);

#endif
