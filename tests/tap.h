/* Minimal TAP producer for the C test programs.
 *
 * Each check prints one "ok N - description" or "not ok N - description"
 * line; the description names the equation or figure checked.  Relative
 * comparisons follow gsl_test_rel: NaN or Inf results fail unless the
 * expected value is the same non-finite value.  tap_rel and tap_abs always
 * print a "# measured: ..." diagnostic with the values compared; the
 * report's summary table quotes it. */
#ifndef SA_TAP_H
#define SA_TAP_H

void tap_plan(int n);
/* Returns cond (so callers may branch on failure). */
int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* |got - want| <= rel * |want| (or <= rel when want == 0). */
int tap_rel(double got, double want, double rel, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* |got - want| <= abs. */
int tap_abs(double got, double want, double abs, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_skip(const char *why);
/* Prints the plan if none was given; returns the exit status (0 if all passed). */
int tap_done(void);
/* Iteration multiplier from SA_TEST_MULTIPLIER (default 1), for property tests. */
int tap_multiplier(void);

#endif
