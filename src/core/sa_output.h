/* TSV output with a '#' provenance header, written atomically.
 *
 * A file output goes to "PATH.tmp.XXXXXX" and is renamed to PATH only by
 * sa_output_finish, so an interrupted or failed run never leaves a file
 * that looks complete.  PATH NULL or "-" means stdout.
 *
 * While a temporary exists it is registered with a handler of SIGINT,
 * SIGTERM and SIGHUP (installed by the first sa_output_create, unless the
 * signal was ignored at start): on such a signal every registered temporary
 * is unlinked and the process dies of the same signal, so an interrupted
 * run leaves neither the output nor its temporary and its exit status says
 * it was interrupted (128 + signal number in the shell).
 *
 * Precision.  Data rows (sa_output_row): %.12g for every subcommand, 12
 * significant digits, finer than every integrator tolerance (1e-8 for the
 * weight flows, 1e-10 for the reduced ODEs); they are the bulk of a file.
 * "# param" lines (sa_opts.c) and "# result" lines (sa_output_result,
 * sa_output_result_fields): %.17g, the digits that round-trip an IEEE
 * double, so that a value read back with strtod is bit for bit the value
 * the run used or computed.  Result lines are few and are read by programs
 * (the figure rules, figures/series, sweep summaries, the tests), some of
 * them passed on as the input of another run (figC3b's s_minnorm); how
 * many of the digits are meaningful depends on the quantity (a solver
 * tolerance, a Monte Carlo error, an exact formula), so the reader that
 * shows a value to a person rounds it, not the writer.  A count (rank,
 * solver steps) is passed as a double: below 2^53 it is exact and %.17g
 * prints it as an integer.  A NaN prints as "nan" whatever its sign bit,
 * infinities as "inf" and "-inf" (all three read back by strtod). */
#ifndef SA_OUTPUT_H
#define SA_OUTPUT_H

#include <stdio.h>

#include "sa_opts.h"

typedef struct sa_output sa_output;

/* Opens the output and writes the header: version and library lines, the
 * full command line, and every parameter of the table with its value.
 * Returns GSL_SUCCESS with *out set, or (*out NULL, message in
 * sa_error_message(), core/sa_errno.h) GSL_EFAILED when the file cannot
 * be created ("cannot create output file 'PATH': reason") or GSL_ENOMEM.
 * Prints nothing: src/cli/cli_output.h has the subcommands' printing
 * front-ends. */
int sa_output_create(const char *path, int argc, char **argv, const sa_opt *table, size_t n,
                     sa_output **out);

FILE *sa_output_stream(sa_output *out);
void sa_output_comment(sa_output *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "# result NAME = VALUE", or "# result NAME = VALUE  (NOTE)" when note is
 * not NULL: one value the run computed, named by one word; VALUE as the
 * precision rule above says.  Readers take the first word after " = ". */
void sa_output_result(sa_output *out, const char *name, double value, const char *note);
/* "# result LABEL: NAME1 = VALUE1 NAME2 = VALUE2 ..." for n values that
 * belong together (multiout's "mode 3: s = ... u0 = ..."), each VALUE as
 * in sa_output_result. */
void sa_output_result_fields(sa_output *out, const char *label, size_t n, const char *const *names,
                             const double *values);
/* "# columns: a b c"; fixes the number of values per row. */
void sa_output_columns(sa_output *out, size_t ncol, const char *const *names);
void sa_output_row(sa_output *out, const double *values);

/* Flush, close and rename into place.  Returns GSL_SUCCESS, or
 * GSL_EFAILED with the message in sa_error_message() ("error writing
 * 'PATH': reason", "error writing to standard output", ...) and the
 * temporary removed.  Frees out in every case. */
int sa_output_finish(sa_output *out);
/* Discard: close and remove the temporary.  Frees out. */
void sa_output_abort(sa_output *out);

#endif
