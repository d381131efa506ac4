/* Parameter sweeps: plan, point files, resumable state, summary.  See
 * sweep.h. */
#include "config.h"

#include "sweep.h"

#include "core/sa_errno.h"
#include "core/sa_output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_POINTS 1000000UL
#define REASON_MAX 400

typedef struct {
  size_t nnames, nrows;
  char **names; /* nnames                  */
  char **vals;  /* nrows * nnames, row-major */
} axis;

struct sa_sweep_plan {
  size_t naxes;
  axis *axes;
  size_t nnames; /* over all axes */
};

static char *dupstr(const char *s, size_t n)
{
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

sa_sweep_plan *sa_sweep_plan_new(void)
{
  return calloc(1, sizeof(sa_sweep_plan));
}

static void axis_free(axis *a)
{
  for (size_t k = 0; k < a->nnames; k++)
    free(a->names[k]);
  for (size_t k = 0; k < a->nnames * a->nrows; k++)
    free(a->vals[k]);
  free(a->names);
  free(a->vals);
}

void sa_sweep_plan_free(sa_sweep_plan *plan)
{
  if (!plan)
    return;
  for (size_t i = 0; i < plan->naxes; i++)
    axis_free(&plan->axes[i]);
  free(plan->axes);
  free(plan);
}

size_t sa_sweep_n_points(const sa_sweep_plan *plan)
{
  size_t n = 1;
  for (size_t i = 0; i < plan->naxes; i++)
    n *= plan->axes[i].nrows;
  return plan->naxes ? n : 0;
}

size_t sa_sweep_n_names(const sa_sweep_plan *plan)
{
  return plan->nnames;
}

const char *sa_sweep_name(const sa_sweep_plan *plan, size_t k)
{
  for (size_t i = 0; i < plan->naxes; i++) {
    if (k < plan->axes[i].nnames)
      return plan->axes[i].names[k];
    k -= plan->axes[i].nnames;
  }
  return NULL;
}

const char *sa_sweep_value(const sa_sweep_plan *plan, size_t point, size_t k)
{
  /* Mixed radix, last axis fastest: row of axis i = (point / stride_i) % n_i. */
  size_t stride = 1, row[64];
  for (size_t i = plan->naxes; i-- > 0;) {
    row[i] = (point / stride) % plan->axes[i].nrows;
    stride *= plan->axes[i].nrows;
  }
  for (size_t i = 0; i < plan->naxes; i++) {
    const axis *a = &plan->axes[i];
    if (k < a->nnames)
      return a->vals[row[i] * a->nnames + k];
    k -= a->nnames;
  }
  return NULL;
}

int sa_sweep_has_name(const sa_sweep_plan *plan, const char *name)
{
  for (size_t k = 0; k < plan->nnames; k++)
    if (!strcmp(sa_sweep_name(plan, k), name))
      return 1;
  return 0;
}

/* A name is an option name without "--": letters, digits, '-', '_'. */
static int valid_name(const char *s, size_t n)
{
  if (n == 0 || s[0] == '-')
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return 0;
  }
  return 1;
}

static int valid_value(const char *s)
{
  return *s && !strpbrk(s, "\t\n\r ");
}

/* Appends a filled axis (takes ownership) after the checks shared by both
 * kinds: no name twice, a bounded number of points. */
static int push_axis(sa_sweep_plan *plan, axis *a, const char *what)
{
  for (size_t k = 0; k < a->nnames; k++) {
    if (sa_sweep_has_name(plan, a->names[k])) {
      return sa_error(GSL_EINVAL, "%s: option '%s' is already an axis of the sweep", what,
                      a->names[k]);
    }
    for (size_t j = 0; j < k; j++)
      if (!strcmp(a->names[j], a->names[k])) {
        return sa_error(GSL_EINVAL, "%s: option '%s' named twice", what, a->names[k]);
      }
  }
  if (plan->naxes >= 64) {
    return sa_error(GSL_EINVAL, "%s: more than 64 axes", what);
  }
  size_t n = sa_sweep_n_points(plan);
  if (plan->naxes && (a->nrows == 0 || n > MAX_POINTS / a->nrows)) {
    return sa_error(GSL_EINVAL, "%s: the sweep would have more than %lu points", what, MAX_POINTS);
  }
  axis *axes = realloc(plan->axes, (plan->naxes + 1) * sizeof *axes);
  if (!axes) {
    return sa_error(GSL_ENOMEM, "%s: out of memory", what);
  }
  plan->axes = axes;
  plan->axes[plan->naxes++] = *a;
  plan->nnames += a->nnames;
  return GSL_SUCCESS;
}

int sa_sweep_add_grid(sa_sweep_plan *plan, const char *spec)
{
  const char *colon = strchr(spec, ':');
  if (!colon) {
    return sa_error(GSL_EINVAL, "malformed grid axis '%s': expected OPTION:V1,V2,...", spec);
  }
  size_t nlen = (size_t)(colon - spec);
  if (nlen > 2 && !strncmp(spec, "--", 2)) { /* tolerate "--sigma:..." */
    spec += 2;
    nlen -= 2;
  }
  if (!valid_name(spec, nlen)) {
    return sa_error(GSL_EINVAL,
                    "malformed grid axis '%s': the option name before ':' must be letters, "
                    "digits, '-' or '_'",
                    spec);
  }
  axis a = {1, 0, NULL, NULL};
  a.names = malloc(sizeof *a.names);
  if (!a.names || !(a.names[0] = dupstr(spec, nlen))) {
    free(a.names);
    return sa_error(GSL_ENOMEM, "out of memory");
  }
  const char *p = colon + 1;
  for (;;) {
    const char *comma = strchr(p, ',');
    size_t vlen = comma ? (size_t)(comma - p) : strlen(p);
    char *v = dupstr(p, vlen);
    char **vals = v ? realloc(a.vals, (a.nrows + 1) * sizeof *vals) : NULL;
    if (!vals) {
      free(v);
      axis_free(&a);
      return sa_error(GSL_ENOMEM, "out of memory");
    }
    a.vals = vals;
    a.vals[a.nrows++] = v;
    if (!valid_value(v)) {
      axis_free(&a);
      return sa_error(GSL_EINVAL,
                      "malformed grid axis '%s': value %zu is empty or holds a space or tab", spec,
                      a.nrows);
    }
    if (!comma)
      break;
    p = comma + 1;
  }
  char what[160];
  snprintf(what, sizeof what, "grid axis '%.120s'", spec);
  int st = push_axis(plan, &a, what);
  if (st)
    axis_free(&a);
  return st;
}

/* Splits a line at tabs in place; returns the number of fields (<= max). */
static size_t split_tabs(char *line, char **field, size_t max)
{
  size_t n = 0;
  char *p = line;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (tab)
      *tab = '\0';
    if (n < max)
      field[n] = p;
    n++;
    if (!tab)
      break;
    p = tab + 1;
  }
  return n;
}

int sa_sweep_add_points_file(sa_sweep_plan *plan, const char *path)
{
  FILE *fp = fopen(path, "r");
  if (!fp) {
    return sa_error(GSL_EINVAL, "cannot open points file '%s': %s", path, strerror(errno));
  }
  axis a = {0, 0, NULL, NULL};
  char line[8192], *field[256];
  size_t lineno = 0;
  int rc = GSL_EINVAL;
  while (fgets(line, sizeof line, fp)) {
    lineno++;
    size_t len = strlen(line);
    if (len && line[len - 1] == '\n')
      line[--len] = '\0';
    if (len && line[len - 1] == '\r')
      line[--len] = '\0';
    if (len == 0 || line[0] == '#')
      continue;
    size_t n = split_tabs(line, field, 256);
    if (n > 256) {
      rc = sa_error(GSL_EINVAL, "points file '%s' line %zu: more than 256 columns", path, lineno);
      goto done;
    }
    if (!a.names) {
      a.names = calloc(n, sizeof *a.names);
      if (!a.names)
        goto oom;
      a.nnames = n;
      for (size_t k = 0; k < n; k++) {
        const char *nm = field[k];
        if (!strncmp(nm, "--", 2))
          nm += 2;
        if (!valid_name(nm, strlen(nm))) {
          rc = sa_error(GSL_EINVAL,
                        "points file '%s' line %zu: column %zu '%s' is not an option name", path,
                        lineno, k + 1, field[k]);
          goto done;
        }
        if (!(a.names[k] = dupstr(nm, strlen(nm))))
          goto oom;
      }
      continue;
    }
    if (n != a.nnames) {
      rc = sa_error(GSL_EINVAL, "points file '%s' line %zu: %zu values for %zu columns", path,
                    lineno, n, a.nnames);
      goto done;
    }
    char **vals = realloc(a.vals, (a.nrows + 1) * a.nnames * sizeof *vals);
    if (!vals)
      goto oom;
    a.vals = vals;
    for (size_t k = 0; k < n; k++)
      a.vals[a.nrows * a.nnames + k] = NULL;
    a.nrows++;
    for (size_t k = 0; k < n; k++) {
      if (!valid_value(field[k])) {
        rc = sa_error(GSL_EINVAL, "points file '%s' line %zu: value %zu is empty or holds a space",
                      path, lineno, k + 1);
        goto done;
      }
      if (!(a.vals[(a.nrows - 1) * a.nnames + k] = dupstr(field[k], strlen(field[k]))))
        goto oom;
    }
  }
  if (!a.names || a.nrows == 0) {
    rc = sa_error(GSL_EINVAL, "points file '%s': no header line and point rows", path);
    goto done;
  }
  char what[300];
  snprintf(what, sizeof what, "points file '%.200s'", path);
  rc = push_axis(plan, &a, what);
  if (rc == GSL_SUCCESS)
    a = (axis){0, 0, NULL, NULL};
  goto done;
oom:
  rc = sa_error(GSL_ENOMEM, "out of memory reading '%s'", path);
done:
  fclose(fp);
  axis_free(&a);
  return rc;
}

char *sa_sweep_point_path(const char *dir, size_t point, const char *ext, char *buf, size_t len)
{
  snprintf(buf, len, "%s/point-%04zu.%s", dir, point + 1, ext);
  return buf;
}

/* s with every "{point}" replaced by the 4-digit point number. */
static char *substitute(const char *s, size_t point)
{
  char num[32];
  snprintf(num, sizeof num, "%04zu", point + 1);
  size_t n = 0;
  for (const char *p = s; (p = strstr(p, "{point}")); p += 7)
    n++;
  size_t len = strlen(s) + n * strlen(num) + 1;
  char *d = malloc(len), *q = d;
  if (!d)
    return NULL;
  for (const char *p = s; *p;) {
    if (!strncmp(p, "{point}", 7)) {
      q += sprintf(q, "%s", num);
      p += 7;
    } else {
      *q++ = *p++;
    }
  }
  *q = '\0';
  return d;
}

void sa_sweep_argv_free(char **argv)
{
  if (!argv)
    return;
  for (char **a = argv; *a; a++)
    free(*a);
  free(argv);
}

char **sa_sweep_point_argv(const sa_sweep *sw, size_t point, int *argc)
{
  size_t nn = sa_sweep_n_names(sw->plan);
  size_t n = (size_t)sw->base_argc + nn + 2;
  char **argv = calloc(n + 1, sizeof *argv);
  if (!argv)
    return NULL;
  size_t k = 0;
  for (int i = 0; i < sw->base_argc; i++)
    if (!(argv[k++] = substitute(sw->base_argv[i], point)))
      goto oom;
  for (size_t j = 0; j < nn; j++) {
    const char *name = sa_sweep_name(sw->plan, j), *val = sa_sweep_value(sw->plan, point, j);
    size_t len = strlen(name) + strlen(val) + 4;
    if (!(argv[k] = malloc(len)))
      goto oom;
    snprintf(argv[k++], len, "--%s=%s", name, val);
  }
  char path[4096];
  sa_sweep_point_path(sw->dir, point, "tsv", path, sizeof path);
  if (!(argv[k++] = dupstr("-o", 2)) || !(argv[k++] = dupstr(path, strlen(path))))
    goto oom;
  *argc = (int)k;
  return argv;
oom:
  sa_sweep_argv_free(argv);
  return NULL;
}

/* ---- files ---------------------------------------------------------- */

/* Reads a whole file; NULL if it does not exist or cannot be read. */
static char *slurp(const char *path, size_t *len)
{
  FILE *fp = fopen(path, "r");
  if (!fp)
    return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n - 1, fp);
    n += got;
    if (n + 1 < cap)
      break;
    char *b = realloc(buf, cap *= 2);
    if (!b) {
      free(buf);
      buf = NULL;
    }
    buf = b;
  }
  if (buf && ferror(fp)) {
    free(buf);
    buf = NULL;
  }
  fclose(fp);
  if (buf) {
    buf[n] = '\0';
    if (len)
      *len = n;
  }
  return buf;
}

/* Writes text to path atomically (temporary + rename). */
static int write_atomic(const char *path, const char *text)
{
  size_t len = strlen(path) + 16;
  char *tmp = malloc(len);
  if (!tmp)
    return -1;
  snprintf(tmp, len, "%s.tmp.XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    free(tmp);
    return -1;
  }
  fchmod(fd, 0644);
  size_t n = strlen(text), off = 0;
  int rc = 0;
  while (off < n) {
    ssize_t w = write(fd, text + off, n - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      rc = -1;
      break;
    }
    off += (size_t)w;
  }
  if (fsync(fd) != 0)
    rc = -1;
  if (close(fd) != 0)
    rc = -1;
  if (rc == 0 && rename(tmp, path) != 0)
    rc = -1;
  if (rc != 0)
    unlink(tmp);
  free(tmp);
  return rc;
}

/* The "# command" line a point's files must carry, up to (excluding) the
 * final " -o PATH", so that a renamed or relative directory still matches. */
static char *command_prefix(int argc, char **argv)
{
  size_t len = 16;
  for (int i = 0; i + 2 < argc; i++)
    len += strlen(argv[i]) + 1;
  char *s = malloc(len), *q = s;
  if (!s)
    return NULL;
  q += sprintf(q, "# command");
  for (int i = 0; i + 2 < argc; i++)
    q += sprintf(q, " %s", argv[i]);
  return s;
}

/* 1 if text has a line "PREFIX -o ..." */
static int has_command(const char *text, const char *prefix)
{
  size_t plen = strlen(prefix);
  for (const char *line = text; line && *line;) {
    if (!strncmp(line, prefix, plen) && !strncmp(line + plen, " -o ", 4))
      return 1;
    if (line[0] != '#')
      return 0; /* the command line is in the header */
    line = strchr(line, '\n');
    if (line)
      line++;
  }
  return 0;
}

/* Value of a "# KEY " line (to the end of the line) copied into buf. */
static int header_value(const char *text, const char *key, char *buf, size_t len)
{
  size_t klen = strlen(key);
  for (const char *line = text; line && *line;) {
    if (!strncmp(line, key, klen)) {
      const char *end = strchr(line, '\n');
      size_t n = end ? (size_t)(end - line) - klen : strlen(line) - klen;
      if (n >= len)
        n = len - 1;
      memcpy(buf, line + klen, n);
      buf[n] = '\0';
      return 0;
    }
    line = strchr(line, '\n');
    if (line)
      line++;
  }
  return -1;
}

static int is_diverged(const char *text)
{
  for (const char *line = text; line && *line;) {
    if (!strncmp(line, "# DIVERGED", 10) || !strncmp(line, "# result diverged = 1", 21))
      return 1;
    line = strchr(line, '\n');
    if (line)
      line++;
  }
  return 0;
}

static int state_of(const sa_sweep *sw, size_t point, char **argv, int argc, char *reason,
                    size_t rlen, char **text_out)
{
  char path[4096];
  char *prefix = command_prefix(argc, argv);
  if (!prefix)
    return SA_SWEEP_MISSING;
  int st = SA_SWEEP_MISSING;
  char *text = slurp(sa_sweep_point_path(sw->dir, point, "tsv", path, sizeof path), NULL);
  if (text && has_command(text, prefix)) {
    st = is_diverged(text) ? SA_SWEEP_DIVERGED : SA_SWEEP_OK;
    if (text_out) {
      *text_out = text;
      text = NULL;
    }
  } else {
    free(text);
    text = slurp(sa_sweep_point_path(sw->dir, point, "failed", path, sizeof path), NULL);
    if (text && has_command(text, prefix)) {
      st = SA_SWEEP_FAILED;
      if (reason && header_value(text, "# reason ", reason, rlen) != 0)
        snprintf(reason, rlen, "unknown");
    }
  }
  free(text);
  free(prefix);
  return st;
}

int sa_sweep_point_state(const sa_sweep *sw, size_t point, char *reason, size_t len)
{
  int argc;
  char **argv = sa_sweep_point_argv(sw, point, &argc);
  if (!argv)
    return SA_SWEEP_MISSING;
  int st = state_of(sw, point, argv, argc, reason, len, NULL);
  sa_sweep_argv_free(argv);
  return st;
}

/* ---- plan file and directory ------------------------------------------ */

static int append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(*buf ? *buf + *len : NULL, *buf ? *cap - *len : 0, fmt, ap);
    va_end(ap);
    if (n < 0)
      return -1;
    if (*buf && *len + (size_t)n < *cap) {
      *len += (size_t)n;
      return 0;
    }
    size_t cap2 = (*cap ? *cap : 1024);
    while (cap2 <= *len + (size_t)n)
      cap2 *= 2;
    char *b = realloc(*buf, cap2);
    if (!b)
      return -1;
    *buf = b;
    *cap = cap2;
  }
}

static char *plan_text(const sa_sweep *sw)
{
  char *buf = NULL;
  size_t len = 0, cap = 0;
  int bad = append(&buf, &len, &cap, "# silentalign sweep plan: one row per point\n# subcommand");
  for (int i = 0; i < sw->base_argc; i++)
    bad |= append(&buf, &len, &cap, " %s", sw->base_argv[i]);
  bad |= append(&buf, &len, &cap, "\n# columns: point");
  size_t nn = sa_sweep_n_names(sw->plan), np = sa_sweep_n_points(sw->plan);
  for (size_t k = 0; k < nn; k++)
    bad |= append(&buf, &len, &cap, " %s", sa_sweep_name(sw->plan, k));
  bad |= append(&buf, &len, &cap, "\n");
  for (size_t p = 0; p < np && !bad; p++) {
    bad |= append(&buf, &len, &cap, "%zu", p + 1);
    for (size_t k = 0; k < nn; k++)
      bad |= append(&buf, &len, &cap, "\t%s", sa_sweep_value(sw->plan, p, k));
    bad |= append(&buf, &len, &cap, "\n");
  }
  if (bad) {
    free(buf);
    return NULL;
  }
  return buf;
}

static void remove_temporaries(const char *dir)
{
  DIR *d = opendir(dir);
  if (!d)
    return;
  struct dirent *e;
  char path[4096];
  while ((e = readdir(d))) {
    if (strncmp(e->d_name, "point-", 6) && strncmp(e->d_name, "summary.tsv.tmp.", 16) &&
        strncmp(e->d_name, "plan.tsv.tmp.", 13))
      continue;
    if (strstr(e->d_name, ".tmp.") || strstr(e->d_name, ".err.")) {
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      unlink(path);
    }
  }
  closedir(d);
}

int sa_sweep_prepare_dir(const sa_sweep *sw)
{
  if (mkdir(sw->dir, 0777) != 0 && errno != EEXIST) {
    return sa_error(GSL_EINVAL, "cannot create the output directory '%s': %s", sw->dir,
                    strerror(errno));
  }
  struct stat st;
  if (stat(sw->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    return sa_error(GSL_EINVAL, "output directory '%s': not a directory", sw->dir);
  }
  char *plan = plan_text(sw);
  if (!plan)
    return sa_error(GSL_ENOMEM, "out of memory for the plan of %zu points",
                    sa_sweep_n_points(sw->plan));
  char path[4096];
  snprintf(path, sizeof path, "%s/plan.tsv", sw->dir);
  char *old = slurp(path, NULL);
  int rc = GSL_SUCCESS;
  if (old && strcmp(old, plan) != 0) {
    rc = sa_error(GSL_EINVAL,
                  "the output directory '%s' holds another sweep (%s differs from this "
                  "sweep's points); use a new directory",
                  sw->dir, path);
  } else if (!old) {
    remove_temporaries(sw->dir);
    if (write_atomic(path, plan) != 0)
      rc = sa_error(GSL_EINVAL, "cannot write '%s': %s", path, strerror(errno));
  } else {
    remove_temporaries(sw->dir);
  }
  free(old);
  free(plan);
  return rc;
}

/* ---- running a point -------------------------------------------------- */

/* The last non-empty line of text, tabs and control characters as spaces. */
static void last_line(const char *text, char *buf, size_t len)
{
  const char *best = NULL, *best_end = NULL;
  for (const char *line = text; line && *line;) {
    const char *end = strchr(line, '\n');
    if (!end)
      end = line + strlen(line);
    if (end > line)
      best = line, best_end = end;
    line = *end ? end + 1 : NULL;
  }
  size_t n = best ? (size_t)(best_end - best) : 0;
  if (n >= len)
    n = len - 1;
  for (size_t i = 0; i < n; i++)
    buf[i] = (best[i] == '\t' || best[i] == '\r' || (unsigned char)best[i] < 32) ? ' ' : best[i];
  buf[n] = '\0';
}

static int record_failure(const sa_sweep *sw, size_t point, int argc, char **argv, int rc,
                          const char *reason)
{
  char *buf = NULL;
  size_t len = 0, cap = 0;
  int bad = append(&buf, &len, &cap, "# command");
  for (int i = 0; i < argc; i++)
    bad |= append(&buf, &len, &cap, " %s", argv[i]);
  bad |= append(&buf, &len, &cap, "\n# exit %d\n# reason %s\n", rc, reason);
  char path[4096];
  sa_sweep_point_path(sw->dir, point, "failed", path, sizeof path);
  int st = bad ? -1 : write_atomic(path, buf);
  free(buf);
  return st == 0 ? GSL_SUCCESS : sa_error(GSL_EFAILED, "cannot write '%s'", path);
}

int sa_sweep_run_point(const sa_sweep *sw, size_t point, int *state)
{
  int argc;
  char **argv = sa_sweep_point_argv(sw, point, &argc);
  char path[4096], errpath[4096], reason[REASON_MAX];
  *state = SA_SWEEP_FAILED;
  if (!argv)
    return sa_error(GSL_ENOMEM, "out of memory for point %zu's command line", point + 1);
  unlink(sa_sweep_point_path(sw->dir, point, "failed", path, sizeof path));
  /* The subcommand's messages go to a temporary file: the last line is the
   * failure reason. */
  snprintf(errpath, sizeof errpath, "%s/point-%04zu.err.XXXXXX", sw->dir, point + 1);
  fflush(stdout);
  fflush(stderr);
  int efd = mkstemp(errpath), saved = -1;
  if (efd >= 0) {
    saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(efd, STDERR_FILENO) < 0) {
      if (saved >= 0)
        close(saved);
      saved = -1;
    }
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = sw->fn(argc, argv);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (sw->fn_seconds)
    *sw->fn_seconds += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  fflush(stdout);
  fflush(stderr);
  char *msg = NULL;
  if (saved >= 0) {
    dup2(saved, STDERR_FILENO);
    close(saved);
  }
  if (efd >= 0) {
    close(efd);
    msg = slurp(errpath, NULL);
    unlink(errpath);
  }
  if (msg && *msg && !sw->quiet) {
    for (const char *line = msg; line && *line;) {
      const char *end = strchr(line, '\n');
      int n = end ? (int)(end - line) : (int)strlen(line);
      fprintf(stderr, "point %04zu: %.*s\n", point + 1, n, line);
      line = end ? end + 1 : NULL;
    }
  }
  sa_sweep_point_path(sw->dir, point, "tsv", path, sizeof path);
  int st;
  if ((rc == 0 || rc == 3) && access(path, F_OK) == 0) {
    st = state_of(sw, point, argv, argc, NULL, 0, NULL);
    if (st == SA_SWEEP_MISSING) /* a file without this point's command line */
      st = SA_SWEEP_FAILED, snprintf(reason, sizeof reason, "output lacks the point's command");
  } else {
    st = SA_SWEEP_FAILED;
    char last[REASON_MAX - 40];
    last_line(msg ? msg : "", last, sizeof last);
    if (last[0])
      snprintf(reason, sizeof reason, "exit %d: %s", rc, last);
    else if (rc == 0)
      snprintf(reason, sizeof reason, "exit 0 without an output file");
    else
      snprintf(reason, sizeof reason, "exit %d without a message", rc);
  }
  int status = GSL_SUCCESS;
  if (st == SA_SWEEP_FAILED) {
    unlink(path); /* never leave a file that looks complete */
    status = record_failure(sw, point, argc, argv, rc, reason);
  }
  free(msg);
  sa_sweep_argv_free(argv);
  *state = st;
  return status;
}

/* ---- summary ---------------------------------------------------------- */

typedef struct {
  char **names;
  size_t n, cap;
} name_set;

static long name_index(name_set *s, const char *name, size_t nlen, int add)
{
  for (size_t i = 0; i < s->n; i++)
    if (strlen(s->names[i]) == nlen && !strncmp(s->names[i], name, nlen))
      return (long)i;
  if (!add)
    return -1;
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 16;
    char **n = realloc(s->names, cap * sizeof *n);
    if (!n)
      return -1;
    s->names = n;
    s->cap = cap;
  }
  if (!(s->names[s->n] = dupstr(name, nlen)))
    return -1;
  return (long)s->n++;
}

/* Calls fn(name, nlen, value, vlen) for every "# result NAME = VALUE" line
 * whose NAME is one word. */
static int each_result(const char *text, name_set *set, char ***vals, size_t *nvals)
{
  for (const char *line = text; line && *line;) {
    const char *end = strchr(line, '\n');
    if (!end)
      end = line + strlen(line);
    if (!strncmp(line, "# result ", 9)) {
      const char *nm = line + 9, *sp = nm;
      while (sp < end && *sp != ' ')
        sp++;
      if (sp > nm && end - sp > 3 && !strncmp(sp, " = ", 3) && valid_name(nm, (size_t)(sp - nm))) {
        const char *v = sp + 3, *ve = v;
        while (ve < end && *ve != ' ' && *ve != '\t')
          ve++;
        long k = name_index(set, nm, (size_t)(sp - nm), 1);
        if (k < 0)
          return -1;
        if ((size_t)k >= *nvals) {
          char **nv = realloc(*vals, ((size_t)k + 1) * sizeof *nv);
          if (!nv)
            return -1;
          for (size_t i = *nvals; i <= (size_t)k; i++)
            nv[i] = NULL;
          *vals = nv;
          *nvals = (size_t)k + 1;
        }
        free((*vals)[k]);
        if (ve > v && !((*vals)[k] = dupstr(v, (size_t)(ve - v))))
          return -1;
      }
    }
    line = *end ? end + 1 : NULL;
  }
  return 0;
}

int sa_sweep_write_summary(const sa_sweep *sw, int header_argc, char **header_argv,
                           size_t counts[4])
{
  size_t np = sa_sweep_n_points(sw->plan), nn = sa_sweep_n_names(sw->plan);
  int *state = calloc(np ? np : 1, sizeof *state);
  char **reason = calloc(np ? np : 1, sizeof *reason);
  char ***vals = calloc(np ? np : 1, sizeof *vals);
  size_t *nvals = calloc(np ? np : 1, sizeof *nvals);
  name_set set = {NULL, 0, 0};
  int rc = GSL_EFAILED;
  sa_output *out = NULL;
  if (!state || !reason || !vals || !nvals)
    goto oom;
  if (counts)
    memset(counts, 0, 4 * sizeof *counts);
  for (size_t p = 0; p < np; p++) {
    int argc;
    char **argv = sa_sweep_point_argv(sw, p, &argc);
    char why[REASON_MAX], *text = NULL;
    if (!argv)
      goto oom;
    state[p] = state_of(sw, p, argv, argc, why, sizeof why, &text);
    sa_sweep_argv_free(argv);
    if (state[p] == SA_SWEEP_FAILED && !(reason[p] = dupstr(why, strlen(why))))
      goto oom;
    int bad = text && each_result(text, &set, &vals[p], &nvals[p]) != 0;
    free(text);
    if (bad)
      goto oom;
    if (counts)
      counts[state[p]]++;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/summary.tsv", sw->dir);
  rc = sa_output_create(path, header_argc, header_argv, NULL, 0, &out);
  if (rc != GSL_SUCCESS) {
    rc = sa_error_prefix(rc, "cannot write the summary %s", path);
    goto done;
  }
  FILE *fp = sa_output_stream(out);
  fputs("# sweep of:", fp);
  for (int i = 0; i < sw->base_argc; i++)
    fprintf(fp, " %s", sw->base_argv[i]);
  fprintf(fp, "\n# one row per point: the axis values, every '# result' value of its output "
              "(point-NNNN.tsv; nan: none), status ok/diverged/failed/missing and the failure "
              "reason\n# columns: point");
  for (size_t k = 0; k < nn; k++)
    fprintf(fp, " %s", sa_sweep_name(sw->plan, k));
  for (size_t k = 0; k < set.n; k++)
    fprintf(fp, " %s", set.names[k]);
  fputs(" status reason\n", fp);
  static const char *const word[] = {"missing", "ok", "diverged", "failed"};
  for (size_t p = 0; p < np; p++) {
    fprintf(fp, "%zu", p + 1);
    for (size_t k = 0; k < nn; k++)
      fprintf(fp, "\t%s", sa_sweep_value(sw->plan, p, k));
    for (size_t k = 0; k < set.n; k++)
      fprintf(fp, "\t%s", k < nvals[p] && vals[p][k] ? vals[p][k] : "nan");
    fprintf(fp, "\t%s\t%s\n", word[state[p]], reason[p] ? reason[p] : "-");
  }
  rc = sa_output_finish(out);
  if (rc != GSL_SUCCESS)
    rc = sa_error_prefix(rc, "cannot write the summary %s", path);
  out = NULL;
  goto done;
oom:
  rc = sa_error(GSL_ENOMEM, "out of memory reading the results of %zu points", np);
done:
  if (out)
    sa_output_abort(out);
  for (size_t p = 0; p < np && vals && nvals && reason; p++) {
    for (size_t k = 0; k < nvals[p]; k++)
      free(vals[p][k]);
    free(vals[p]);
    free(reason[p]);
  }
  for (size_t k = 0; k < set.n; k++)
    free(set.names[k]);
  free(set.names);
  free(state);
  free(reason);
  free(vals);
  free(nvals);
  return rc;
}
