/* Table-driven option parsing: see sa_opts.h. */
#include "config.h"

#include "sa_opts.h"

#include "sa_errno.h"
#include "sa_progress.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A command-line value quoted for a message, 'VALUE'; one longer than 200
 * characters (a pasted file, a runaway shell expansion) is cut to its
 * first 60, so that the message keeps the option's name within
 * sa_error_message's buffer: 'VALUE...' (N characters). */
static const char *quoted(const char *text, char *buf, size_t len)
{
  size_t n = strlen(text);
  if (n <= 200)
    snprintf(buf, len, "'%s'", text);
  else
    snprintf(buf, len, "'%.60s...' (%zu characters)", text, n);
  return buf;
}

static int parse_double(const char *text, double *out)
{
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v))
    return -1;
  *out = v;
  return 0;
}

static int parse_long(const char *text, long *out)
{
  char *end = NULL;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (end == text || *end != '\0' || errno == ERANGE)
    return -1;
  *out = v;
  return 0;
}

static int parse_dlist(const char *text, sa_dlist *out)
{
  char buf[1024];
  if (strlen(text) >= sizeof buf)
    return -1;
  strcpy(buf, text);
  out->n = 0;
  char *save = NULL;
  for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    if (out->n == SA_LIST_MAX || parse_double(tok, &out->v[out->n]) != 0)
      return -1;
    out->n++;
  }
  return out->n > 0 ? 0 : -1;
}

/* Index of text among the '|'-separated words of choices, or -1. */
static int parse_choice(const char *choices, const char *text, int *out)
{
  size_t len = strlen(text);
  int k = 0;
  for (const char *w = choices; w; k++) {
    const char *bar = strchr(w, '|');
    size_t wlen = bar ? (size_t)(bar - w) : strlen(w);
    if (wlen == len && !strncmp(w, text, len)) {
      *out = k;
      return 0;
    }
    w = bar ? bar + 1 : NULL;
  }
  return -1;
}

/* The k-th word of choices into buf. */
static const char *choice_word(const char *choices, int k, char *buf, size_t len)
{
  const char *w = choices;
  for (int i = 0; i < k && w; i++) {
    w = strchr(w, '|');
    w = w ? w + 1 : NULL;
  }
  if (!w)
    return "?";
  const char *bar = strchr(w, '|');
  size_t wlen = bar ? (size_t)(bar - w) : strlen(w);
  snprintf(buf, len, "%.*s", (int)wlen, w);
  return buf;
}

/* The typed parse of one value: 0, or -1 if text is not one. */
static int parse_typed(const sa_opt *opt, const char *text)
{
  switch (opt->type) {
  case SA_OPT_DOUBLE:
    return parse_double(text, opt->dest);
  case SA_OPT_LONG:
    return parse_long(text, opt->dest);
  case SA_OPT_STRING:
    *(const char **)opt->dest = text;
    return 0;
  case SA_OPT_FLAG:
    *(int *)opt->dest = 1;
    return 0;
  case SA_OPT_DLIST:
    return parse_dlist(text, opt->dest);
  case SA_OPT_CHOICE:
    return opt->range ? parse_choice(opt->range, text, opt->dest) : -1;
  }
  return -1;
}

int sa_opts_parse_value(const sa_opt *opt, const char *text)
{
  return parse_typed(opt, text) == 0 ? GSL_SUCCESS : GSL_EINVAL;
}

/* Range strings look like "[2,inf)" or "(0,1]"; "inf" and "-inf" are
 * accepted as open ends.  Returns 1 if v lies inside. */
static int in_range(const char *range, double v)
{
  char lo_b = range[0];
  const char *comma = strchr(range, ',');
  size_t len = strlen(range);
  if (!comma || len < 5)
    return 0;
  char hi_b = range[len - 1];
  double lo = strtod(range + 1, NULL), hi = strtod(comma + 1, NULL);
  int ok_lo = lo_b == '[' ? v >= lo : v > lo;
  int ok_hi = hi_b == ']' ? v <= hi : v < hi;
  return ok_lo && ok_hi;
}

static int check_range(const sa_opt *opt, const char *text)
{
  char q[256];
  if (!opt->range || opt->type == SA_OPT_CHOICE) /* choices are checked by parsing */
    return 0;
  int ok = 1;
  if (opt->type == SA_OPT_DOUBLE)
    ok = in_range(opt->range, *(double *)opt->dest);
  else if (opt->type == SA_OPT_LONG)
    ok = in_range(opt->range, (double)*(long *)opt->dest);
  else if (opt->type == SA_OPT_DLIST) {
    const sa_dlist *l = opt->dest;
    for (size_t i = 0; i < l->n; i++)
      ok = ok && in_range(opt->range, l->v[i]);
  }
  if (!ok)
    return sa_error(GSL_EINVAL, "invalid value %s for --%s: must lie in %s",
                    quoted(text, q, sizeof q), opt->name, opt->range);
  return GSL_SUCCESS;
}

/* Text options with these names are output files. */
static int is_output_option(const sa_opt *opt)
{
  static const char *const names[] = {"output", "predictions", "gram"};
  if (opt->type != SA_OPT_STRING)
    return 0;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(opt->name, names[i]))
      return 1;
  return 0;
}

/* An output file must be creatable before the run starts: a non-empty name,
 * not a directory, in an existing writable directory.  The test creates
 * and removes a temporary beside it, exactly as sa_output_create will. */
static int check_output_path(const sa_opt *opt)
{
  char q[256];
  const char *path = *(const char **)opt->dest;
  if (!path || !strcmp(path, "-"))
    return 0;
  const char *why = NULL;
  struct stat st;
  char *tmp = NULL;
  if (!*path)
    why = "empty file name";
  else if (path[strlen(path) - 1] == '/' || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
    why = "is a directory";
  else if (!(tmp = malloc(strlen(path) + 16)))
    why = "out of memory";
  else {
    snprintf(tmp, strlen(path) + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0)
      why = strerror(errno);
    else {
      close(fd);
      unlink(tmp);
    }
  }
  free(tmp);
  if (!why)
    return GSL_SUCCESS;
  return sa_error(GSL_EINVAL, "invalid value %s for --%s: cannot create the file: %s",
                  quoted(path, q, sizeof q), opt->name, why);
}

static const char *type_word(sa_opt_type t)
{
  switch (t) {
  case SA_OPT_DOUBLE:
    return "number";
  case SA_OPT_LONG:
    return "integer";
  case SA_OPT_STRING:
    return "text";
  case SA_OPT_FLAG:
    return "flag";
  case SA_OPT_DLIST:
    return "list of numbers";
  case SA_OPT_CHOICE:
    return "choice";
  }
  return "value";
}

/* Destinations of the options that the last sa_opts_read read from argv. */
#define SA_OPTS_GIVEN_MAX 128
static const void *given[SA_OPTS_GIVEN_MAX];
static size_t ngiven;

static void mark_given(const sa_opt *opt)
{
  for (size_t i = 0; i < ngiven; i++)
    if (given[i] == opt->dest)
      return;
  if (ngiven < SA_OPTS_GIVEN_MAX)
    given[ngiven++] = opt->dest;
}

int sa_opts_given(const sa_opt *table, size_t n, const char *name)
{
  for (size_t k = 0; k < n; k++)
    if (!strcmp(table[k].name, name))
      for (size_t i = 0; i < ngiven; i++)
        if (given[i] == table[k].dest)
          return 1;
  return 0;
}

int sa_opts_unused(const sa_opt *table, size_t n, const char *const *names, const char *why)
{
  for (size_t i = 0; names[i]; i++)
    if (sa_opts_given(table, n, names[i]))
      return sa_error(GSL_EINVAL, "option --%s does not apply: %s", names[i], why);
  return GSL_SUCCESS;
}

int sa_opts_scope_ok(const sa_opt *table, size_t n, const sa_opt_scope *scope, size_t nscope)
{
  for (size_t k = 0; k < nscope; k++) {
    int st =
        scope[k].applies ? GSL_SUCCESS : sa_opts_unused(table, n, scope[k].names, scope[k].why);
    if (st != GSL_SUCCESS)
      return st;
  }
  return GSL_SUCCESS;
}

int sa_opts_read(const sa_opt *table, size_t n, int argc, char **argv, int first, int *help)
{
  char q[256];
  *help = 0;
  ngiven = 0;
  for (size_t k = 0; k < n; k++) {
    if (table[k].type == SA_OPT_FLAG)
      *(int *)table[k].dest = 0;
    else if (table[k].type == SA_OPT_STRING)
      *(const char **)table[k].dest = table[k].defval;
    else if (table[k].type == SA_OPT_DLIST && !table[k].defval)
      ((sa_dlist *)table[k].dest)->n = 0;
    else if (table[k].defval && sa_opts_parse_value(&table[k], table[k].defval) != 0)
      return sa_error(GSL_EINVAL, "internal error: bad default for --%s", table[k].name);
  }
  for (int i = first; i < argc; i++) {
    const char *arg = argv[i];
    if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
      *help = 1;
      return GSL_SUCCESS;
    }
    if (!strcmp(arg, "--")) {
      /* End of options, as for getopt_long.  No subcommand takes operands,
       * so anything after it is an error. */
      if (i + 1 < argc)
        return sa_error(GSL_EINVAL, "unexpected argument %s after '--'",
                        quoted(argv[i + 1], q, sizeof q));
      break;
    }
    if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
      sa_progress_set_quiet(1); /* every subcommand: no progress line */
      continue;
    }
    const char *name, *value = NULL;
    size_t name_len;
    if (!strcmp(arg, "-o")) {
      name = "output";
      name_len = 6;
    } else if (!strncmp(arg, "--", 2) && arg[2]) {
      name = arg + 2;
      const char *eq = strchr(name, '=');
      name_len = eq ? (size_t)(eq - name) : strlen(name);
      if (eq)
        value = eq + 1;
    } else
      return sa_error(GSL_EINVAL, "unexpected argument %s (options start with --)",
                      quoted(arg, q, sizeof q));
    const sa_opt *opt = NULL;
    for (size_t k = 0; k < n; k++)
      if (strlen(table[k].name) == name_len && !strncmp(table[k].name, name, name_len))
        opt = &table[k];
    if (!opt)
      return sa_error(GSL_EINVAL, "unknown option %s (see --help)", quoted(arg, q, sizeof q));
    if (opt->type == SA_OPT_FLAG) {
      if (value)
        return sa_error(GSL_EINVAL, "option --%s takes no value", opt->name);
      *(int *)opt->dest = 1;
      mark_given(opt);
      continue;
    }
    if (!value) {
      if (i + 1 >= argc)
        return sa_error(GSL_EINVAL, "option --%s needs a value", opt->name);
      value = argv[++i];
    }
    if (sa_opts_parse_value(opt, value) != 0) {
      if (opt->type == SA_OPT_CHOICE)
        return sa_error(GSL_EINVAL, "invalid value %s for --%s: must be one of %s",
                        quoted(value, q, sizeof q), opt->name, opt->range);
      return sa_error(GSL_EINVAL, "malformed %s %s for --%s", type_word(opt->type),
                      quoted(value, q, sizeof q), opt->name);
    }
    int st = check_range(opt, value);
    if (st != GSL_SUCCESS)
      return st;
    mark_given(opt);
  }
  for (size_t k = 0; k < n; k++) {
    int st = is_output_option(&table[k]) ? check_output_path(&table[k]) : GSL_SUCCESS;
    if (st != GSL_SUCCESS)
      return st;
  }
  return GSL_SUCCESS;
}

void sa_opts_help(FILE *out, const sa_opt *table, size_t n, const char *command,
                  const char *summary)
{
  fprintf(out, "usage: silentalign %s [OPTIONS]\n\n%s\n\noptions:\n", command, summary);
  for (size_t k = 0; k < n; k++) {
    char left[64];
    if (table[k].type == SA_OPT_FLAG)
      snprintf(left, sizeof left, "--%s", table[k].name);
    else
      snprintf(left, sizeof left, "--%s=%s", table[k].name,
               table[k].type == SA_OPT_DLIST ? "X,Y,..." : "X");
    fprintf(out, "  %-22s %s", left, table[k].help);
    if (table[k].type != SA_OPT_FLAG)
      fprintf(out, " [default: %s]", table[k].defval ? table[k].defval : "none");
    if (table[k].range)
      fprintf(out, " [%s: %s]", table[k].type == SA_OPT_CHOICE ? "choices" : "range",
              table[k].range);
    fputc('\n', out);
  }
  fprintf(out, "  %-22s %s\n", "-q, --quiet", "no progress line on a terminal");
  fprintf(out, "  %-22s %s\n", "-h, --help", "show this help and exit");
  fprintf(out, "  %-22s %s\n", "--", "end of options");
}

void sa_opts_print_values(FILE *out, const sa_opt *table, size_t n)
{
  for (size_t k = 0; k < n; k++) {
    const sa_opt *o = &table[k];
    fprintf(out, "# param %s = ", o->name);
    switch (o->type) {
    case SA_OPT_DOUBLE:
      fprintf(out, "%.17g", *(double *)o->dest);
      break;
    case SA_OPT_LONG:
      fprintf(out, "%ld", *(long *)o->dest);
      break;
    case SA_OPT_STRING: {
      const char *s = *(const char **)o->dest;
      fputs(s ? s : "(none)", out);
      break;
    }
    case SA_OPT_FLAG:
      fputs(*(int *)o->dest ? "yes" : "no", out);
      break;
    case SA_OPT_DLIST: {
      const sa_dlist *l = o->dest;
      for (size_t i = 0; i < l->n; i++)
        fprintf(out, "%s%.17g", i ? "," : "", l->v[i]);
      break;
    }
    case SA_OPT_CHOICE: {
      char word[64];
      fputs(choice_word(o->range, *(int *)o->dest, word, sizeof word), out);
      break;
    }
    }
    fputc('\n', out);
  }
}

int sa_opts_t_first_ok(double t_first, double t_end)
{
  if (t_first < t_end)
    return GSL_SUCCESS;
  return sa_error(GSL_EINVAL, "invalid value '%g' for --t-first: must be below --t-end", t_first);
}
