/* The library's error convention (GSL's, see gsl_errno.h).
 *
 * Every library function that can fail returns an int status: GSL_SUCCESS
 * (0), one of GSL's codes (GSL_EINVAL: an argument out of its range,
 * GSL_ENOMEM, GSL_EMAXITER, GSL_ESING, ...), or one of the extensions below,
 * numbered above GSL's own range so the two never collide.  The human
 * message goes to one place: the failing function records it with
 * sa_error(), and the caller reads it with sa_error_message() (one buffer
 * per thread, overwritten by the next failure).  Library code neither
 * prints nor exits, and its messages state the problem in the library's
 * terms, not in the program's option names: advice such as "use a tighter
 * --rtol" is added by src/cli, keyed on sa_error_reason() below.  Which
 * exit status a status becomes is the program's
 * business (src/cli/cli_status.h: 2 bad input, 1 solver or data failure,
 * 3 divergence).
 *
 * The library expects GSL's error handler to be off, as GSL recommends for
 * code that checks return values: call gsl_set_error_handler_off() once at
 * the start of the program (silentalign's main and the test programs do).
 * With GSL's default handler left on, a failing GSL routine aborts the
 * program before the status can be checked.
 *
 * Every status a library call returns is checked and propagated with a
 * message, GSL's BLAS and copy wrappers included (gsl_blas_dgemm, dgemv,
 * ddot, gsl_matrix_memcpy, ...: they fail only with GSL_EBADLEN when their
 * operands' sizes disagree, a programming error, and are checked all the
 * same, with the pattern
 *   if ((st = gsl_blas_dgemm(...))) return sa_error(st, "what: %s", gsl_strerror(st));).
 * A function that returns a value rather than a status (a loss, a norm, an
 * alignment) returns NAN where it cannot give one (its header says when: a
 * failed product, recorded with its message like the statuses above, or a
 * value that is undefined, such as the alignment of a zero kernel); its
 * callers test isnan.
 *
 * Follow it: the networks (src/nets), the trainer (src/train: it returns
 * SA_EDIVERGED for a run that diverged and keeps the reason in its result
 * too, for the output file), the sweep engine (src/sweep), the transfer
 * theory and Monte Carlo, the ODE driver (src/core/sa_ode.h: GSL_CONTINUE,
 * not an error, for a stop at an event) and the flows built on it
 * (theory/linear_flow.h, deepbal.h, deeptimes.h, twolayer_ode.h,
 * kernel_theorem.h), the option parser and the resource checks
 * (core/sa_opts.h, sa_limits.h: GSL_EINVAL; src/cli/cli_opts.h prints
 * and gives exit status 2), the data readers, data sets and whitening
 * (src/data: SA_EDATA for a bad file, with a sub-reason for the kind of
 * damage, data/data_error.h), the output files (core/sa_output.h:
 * GSL_EFAILED for an I/O error; src/cli/cli_output.h prints).  Library
 * code writes to stderr only where that is its job: the progress line
 * (core/sa_progress.h), the signal handler that removes unfinished
 * outputs (core/sa_output.c) and the sweep relaying its points' stderr. */
#ifndef SA_ERRNO_H
#define SA_ERRNO_H

#include <gsl/gsl_errno.h>

enum {
  SA_EDIVERGED = 1024, /* a run diverged: loss above its bound, NaN or Inf    */
  SA_EDATA = 1025,     /* a data file missing, unreadable or malformed        */
  SA_ESOLVER = 1026    /* the ODE solver failed (CVODE's flag in the message) */
};

/* Records the formatted message for this thread and returns status, so a
 * failing function ends with  return sa_error(GSL_EINVAL, "...", ...);  */
int sa_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts the formatted text and ": " before this thread's message and returns
 * status: a caller adds its context to a callee's failure with
 *   return sa_error_prefix(st, "full flow, L=%u", L);  */
int sa_error_prefix(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends the formatted text to this thread's message and returns status
 * (a hint after a callee's message; the whole stays within the buffer). */
int sa_error_suffix(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A sub-reason of this thread's message, for a caller that acts on the
 * kind of failure rather than on its text (src/cli adds option advice to
 * an integration that became unstable).  sa_error clears it
 * (SA_REASON_NONE); a failing function sets it after its sa_error with
 *   return sa_error_set_reason(sa_error(SA_ESOLVER, "..."), SA_REASON_UNSTABLE);
 * sa_error_prefix and sa_error_suffix keep it, so callers may add context.
 * A reason is read together with the status: the values below under
 * SA_ESOLVER, data/data_error.h's sa_data_reason_t under SA_EDATA. */
enum {
  SA_REASON_NONE = 0,
  SA_REASON_UNSTABLE = 1 /* SA_ESOLVER: an integrator became unstable (a
                            non-finite state the right-hand side refused) */
};
/* Records reason for this thread's message and returns status. */
int sa_error_set_reason(int status, int reason);
/* The reason recorded since this thread's last sa_error (SA_REASON_NONE if
 * none). */
int sa_error_reason(void);

/* The message of this thread's last sa_error ("" if none). */
const char *sa_error_message(void);

/* Short description of a status: gsl_strerror's, or the extension's. */
const char *sa_strerror(int status);

#endif
