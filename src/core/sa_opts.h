/* Table-driven command-line options for silentalign subcommands.
 *
 * Each subcommand declares a table of sa_opt.  sa_opts_read fills the
 * destinations from their defaults, then from argv ("--name value",
 * "--name=value", "-o FILE"), and checks every value against its range.
 * Every subcommand also accepts "-q"/"--quiet" (no progress line, see
 * sa_progress.h; not part of the tables, so not among the '# param'
 * lines) and "--", the end of the options as for getopt_long.
 * Errors are GSL_EINVAL with a message naming the option and the offending
 * value in sa_error_message() (core/sa_errno.h); nothing here prints to
 * stderr or decides an exit status (the subcommands' front-ends,
 * src/cli/cli_opts.h, print and exit with status 2).  Text options named output, predictions or
 * gram are output files: the parser refuses an empty name, a directory, or a path where no file can
 * be created (missing or read-only directory, name too long), so such runs stop before any work.
 * sa_opts_help lists every option with its default and range.
 */
#ifndef SA_OPTS_H
#define SA_OPTS_H

#include <stdio.h>

#define SA_LIST_MAX 64

typedef enum {
  SA_OPT_DOUBLE, /* double *                               */
  SA_OPT_LONG,   /* long *                                 */
  SA_OPT_STRING, /* const char ** (points into argv)       */
  SA_OPT_FLAG,   /* int *, set to 1 when present          */
  SA_OPT_DLIST,  /* sa_dlist *, comma-separated doubles    */
  SA_OPT_CHOICE  /* int *, index of the value in the range  */
} sa_opt_type;

typedef struct {
  size_t n;
  double v[SA_LIST_MAX];
} sa_dlist;

/* The text of a numeric macro, for an option table's default, so that a
 * library default is written once: SA_OPT_TEXT(SA_KREG_RCOND) is "1e-10". */
#define SA_OPT_TEXT(x) SA_OPT_TEXT_(x)
#define SA_OPT_TEXT_(x) #x

typedef struct {
  const char *name; /* long name, without "--"                         */
  sa_opt_type type;
  void *dest;
  const char *defval; /* default in command-line syntax; NULL for none   */
  const char *range;  /* interval "[2,inf)", "(0,inf)"; NULL: unchecked;
                       * SA_OPT_CHOICE: the words, "erk|adams|bdf"       */
  const char *help;
} sa_opt;

/* Parse argv[first..argc-1].  Returns GSL_SUCCESS, with *help = 1 if
 * --help or -h was met (parsing stops there; the caller prints
 * sa_opts_help), or GSL_EINVAL with the message in sa_error_message(). */
int sa_opts_read(const sa_opt *table, size_t n, int argc, char **argv, int first, int *help);

void sa_opts_help(FILE *out, const sa_opt *table, size_t n, const char *command,
                  const char *summary);

/* Write "# param name = value" lines with the values in force. */
void sa_opts_print_values(FILE *out, const sa_opt *table, size_t n);

/* The log-spaced recording grids start at --t-first and end at --t-end:
 * returns GSL_SUCCESS if t_first < t_end, else GSL_EINVAL with the
 * message. */
int sa_opts_t_first_ok(double t_first, double t_end);

/* 1 if the option `name` of table was given on the command line of the
 * last sa_opts_read, else 0. */
int sa_opts_given(const sa_opt *table, size_t n, const char *name);

/* Options that do not apply to the chosen mode: if any option of the
 * NULL-terminated list `names` was given, returns GSL_EINVAL with the
 * message "option --NAME does not apply: WHY"; else GSL_SUCCESS. */
int sa_opts_unused(const sa_opt *table, size_t n, const char *const *names, const char *why);

/* A subcommand's options that apply only in some modes, as one table:
 * each row names options (a NULL-terminated list), whether they apply in
 * the mode chosen, and the message for when they do not, e.g.
 *   {(const char *const[]){"beta1", "beta2", NULL}, adam, "only with --optimizer=adam"}.
 * sa_opts_scope_ok goes through the rows in order and refuses the first
 * option given whose row does not apply, as sa_opts_unused does: returns
 * GSL_EINVAL with the message naming it, or GSL_SUCCESS. */
typedef struct {
  const char *const *names;
  int applies;
  const char *why;
} sa_opt_scope;

int sa_opts_scope_ok(const sa_opt *table, size_t n, const sa_opt_scope *scope, size_t nscope);

/* Parse one value; used for defaults and argv alike.  Returns GSL_SUCCESS,
 * or GSL_EINVAL if text is not a value of the option's type (no message is
 * set: the caller, which knows where the text came from, words it). */
int sa_opts_parse_value(const sa_opt *opt, const char *text);

#endif
