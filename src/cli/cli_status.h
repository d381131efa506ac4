/* From a library status (src/core/sa_errno.h) to silentalign's exit status:
 * the only place where that mapping is made.
 *   0  success
 *   2  bad input: an option or argument out of its range (GSL_EINVAL,
 *      GSL_EDOM, GSL_EBADLEN)
 *   3  divergence (SA_EDIVERGED)
 *   1  everything else: solver, data, memory or numerical failure */
#ifndef SA_CLI_STATUS_H
#define SA_CLI_STATUS_H

int sa_cli_exit_status(int status);

/* Prints "silentalign COMMAND: MESSAGE" (the library's message for this
 * thread, or sa_strerror(status) if there is none) on stderr and returns
 * sa_cli_exit_status(status). */
int sa_cli_fail(const char *command, int status);

/* What the subcommands with --rtol and --method (flow, kernel-trace,
 * multiout, multiout-kernel, unwhitened, kernel2d, deep-times, balanced,
 * twolayer, theorem) advise when an integration became unstable; train's
 * gradient flow has its own options, --flow-rtol and --flow-method. */
#define SA_CLI_ODE_ADVICE "use a tighter --rtol or --method=bdf"
#define SA_CLI_TRAIN_FLOW_ADVICE "use a tighter --flow-rtol or --flow-method=bdf"

/* Appends ": advice" to this thread's message when the library marked it
 * SA_REASON_UNSTABLE (core/sa_errno.h, core/sa_ode.h); otherwise nothing.
 * Called just before a failure is printed. */
void sa_cli_solver_advice(const char *advice);

#endif
