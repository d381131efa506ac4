/* figures/series [--rows=I:J] OP FILE: a crossing, a value or a least-squares fit
 * read off one data file, for the "paper vs ours" tables
 * (figures/table.sh), the width study's fit (figures/figW-fit.sh), the
 * Wide ResNet sections' numbers (figures/wrn-claims.sh) and the report's
 * facts (doc/facts.sh).  The columns are found by the names of
 * the file's "# columns:" line; data rows are tab-separated, '#' lines and
 * empty lines are skipped.  YCOL may be a ratio A/B of two columns.  OP:
 *   cross:XCOL:YCOL=V             first XCOL where YCOL crosses V
 *   lncross:XCOL:YCOL=V           the same, interpolated in ln XCOL (XCOL > 0)
 *   below:XCOL:YCOL=V             first XCOL where YCOL is at or below V,
 *                                 interpolated from the record before
 *   interp:XCOL=X:YCOL            YCOL at XCOL = X, interpolated linearly
 *                                 between the records around X (the first
 *                                 or last value outside them)
 *   llslope:XCOL:YCOL[:KCOL=K[:XMAX]]  slope of ln YCOL against ln XCOL over
 *                                 the rows with KCOL == K (and XCOL <= XMAX)
 *   llfit:XCOL:YCOL               slope and intercept of ln YCOL against
 *                                 ln XCOL (a power law YCOL = e^a XCOL^b)
 *   llreach:XCOL:YCOL=V           the XCOL where that fitted power law
 *                                 reaches YCOL = V (V > 0)
 *   lnslope:XCOL:YCOL:POW         slope of YCOL against ln(XCOL^POW)
 *   floor:XCOL:YCOL[:XMIN]        y_inf and c of YCOL = y_inf + c/XCOL over
 *                                 the rows with XCOL >= XMIN
 * --rows=I:J keeps the I-th to the J-th of the rows selected by OP (from 1;
 * a negative number counts from the last: -3:-1 are the last three).
 * The maths is the library's (core/sa_series.h).  Prints the value (llfit:
 * slope, tab, intercept; floor: y_inf, tab, c) with 17 significant
 * digits; exit 1 with a message naming the file when a column is missing
 * or nothing is found, 2 on a malformed OP or row range. */
#include "config.h"

#include "core/sa_errno.h"
#include "core/sa_series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCOL 256

static char *names[MAXCOL];
static size_t ncol;

static long column(const char *name, const char *file)
{
  for (size_t i = 0; i < ncol; i++)
    if (strcmp(names[i], name) == 0)
      return (long)i;
  fprintf(stderr, "series: no column %s in %s\n", name, file);
  exit(1);
}

/* Field i (0-based) of a tab-separated line, as a number (0 when absent or
 * not a number, as awk reads it). */
static double field(const char *line, long i)
{
  const char *p = line;
  for (long k = 0; k < i; k++) {
    p = strchr(p, '\t');
    if (!p)
      return 0.0;
    p++;
  }
  return strtod(p, NULL);
}

/* Room for one more sample in x and y. */
static int grow(double **x, double **y, size_t *cap, size_t n)
{
  if (n < *cap)
    return 0;
  size_t c = *cap ? 2 * *cap : 256;
  double *a = realloc(*x, c * sizeof *a);
  if (!a)
    return -1;
  *x = a;
  double *b = realloc(*y, c * sizeof *b);
  if (!b)
    return -1;
  *y = b;
  *cap = c;
  return 0;
}

/* Row number I of --rows (from 1, negative from the end) as an index into
 * n rows, or -1 when it is outside them. */
static long row_index(long i, size_t n)
{
  long k = i > 0 ? i - 1 : (long)n + i;
  return (i == 0 || k < 0 || k >= (long)n) ? -1 : k;
}

enum kind { CROSS, BELOW, LLSLOPE, LLFIT, LNSLOPE, FLOOR, LNCROSS, INTERP, LLREACH };

int main(int argc, char **argv)
{
  long r0 = 1, r1 = -1;
  int ranged = argc == 4;
  if (ranged && strncmp(argv[1], "--rows=", 7) == 0) {
    char *end;
    r0 = strtol(argv[1] + 7, &end, 10);
    if (*end == ':')
      r1 = strtol(end + 1, &end, 10);
    if (*end != '\0' || r0 == 0 || r1 == 0 || end == argv[1] + 7) {
      fprintf(stderr, "series: malformed row range %s\n", argv[1]);
      return 2;
    }
    argv++;
    argc--;
  }
  if (argc != 3) {
    fprintf(stderr, "usage: series [--rows=I:J] OP FILE\n");
    return 2;
  }
  const char *file = argv[2];
  char op[512];
  if (strlen(argv[1]) >= sizeof op) {
    fprintf(stderr, "series: operation too long\n");
    return 2;
  }
  strcpy(op, argv[1]);
  char *part[6];
  int np = 0;
  for (char *s = op; s && np < 6;) { /* split at ':', keeping empty parts */
    part[np++] = s;
    s = strchr(s, ':');
    if (s)
      *s++ = '\0';
  }
  static const char *const kinds[] = {"cross", "below",   "llslope", "llfit",  "lnslope",
                                      "floor", "lncross", "interp",  "llreach"};
  int kind = -1;
  for (int i = 0; i < (int)(sizeof kinds / sizeof kinds[0]); i++)
    if (strcmp(part[0], kinds[i]) == 0)
      kind = i;
  int level_op = kind == CROSS || kind == BELOW || kind == LNCROSS || kind == LLREACH;
  if (kind < 0 || np < 3 || ((level_op || kind == INTERP) && np != 3) ||
      (kind == LNSLOPE && np != 4) || (kind == LLSLOPE && np > 5) || (kind == LLFIT && np != 3) ||
      (kind == FLOOR && np > 4)) {
    fprintf(stderr, "series: malformed operation %s\n", argv[1]);
    return 2;
  }
  char *xname = part[1], *yname = part[2], *kname = NULL, *dname = NULL;
  double level = 0, kval = 0, xmax = INFINITY, xmin = -INFINITY, power = 1, xat = 0;
  if (kind == INTERP) { /* XCOL=X */
    char *eq = strchr(xname, '=');
    if (!eq || eq == xname) {
      fprintf(stderr, "series: malformed operation %s\n", argv[1]);
      return 2;
    }
    *eq = '\0';
    xat = strtod(eq + 1, NULL);
  }
  if (level_op || (kind == LLSLOPE && np >= 4)) {
    char *spec = level_op ? part[2] : part[3], *eq = strchr(spec, '=');
    if (!eq) {
      fprintf(stderr, "series: malformed operation %s\n", argv[1]);
      return 2;
    }
    *eq = '\0';
    if (level_op)
      level = strtod(eq + 1, NULL);
    else {
      kname = spec;
      kval = strtod(eq + 1, NULL);
    }
  }
  char *slash = strchr(yname, '/'); /* YCOL = A/B: the ratio of two columns */
  if (slash) {
    *slash = '\0';
    dname = slash + 1;
    if (!*yname || !*dname) {
      fprintf(stderr, "series: malformed operation %s\n", argv[1]);
      return 2;
    }
  }
  if (kind == LLSLOPE && np == 5)
    xmax = strtod(part[4], NULL);
  if (kind == FLOOR && np == 4)
    xmin = strtod(part[3], NULL);
  if (kind == LNSLOPE)
    power = strtod(part[3], NULL);
  int logs = kind == LLSLOPE || kind == LLFIT || kind == LLREACH;

  FILE *in = fopen(file, "r");
  if (!in) {
    fprintf(stderr, "series: cannot read %s\n", file);
    return 1;
  }
  double *x = NULL, *y = NULL;
  size_t n = 0, cap = 0;
  long ix = -1, iy = -1, ik = -1, id = -1;
  char *line = NULL;
  size_t len = 0;
  ssize_t got;
  while ((got = getline(&line, &len, in)) > 0) {
    if (line[got - 1] == '\n')
      line[--got] = '\0';
    if (strncmp(line, "# columns:", 10) == 0) {
      char *s = line + 10, *tok;
      ncol = 0;
      while ((tok = strtok(s, " \t")) != NULL && ncol < MAXCOL) {
        names[ncol++] = strdup(tok);
        s = NULL;
      }
      ix = column(xname, file);
      iy = column(yname, file);
      if (kname)
        ik = column(kname, file);
      if (dname)
        id = column(dname, file);
      continue;
    }
    if (line[0] == '#' || got == 0)
      continue;
    if (ix < 0) {
      fprintf(stderr, "series: data before a '# columns:' line in %s\n", file);
      return 1;
    }
    double xv = field(line, ix), yv = field(line, iy);
    if (dname)
      yv /= field(line, id);
    if (kname && field(line, ik) != kval)
      continue;
    if (xv > xmax || xv < xmin)
      continue;
    if (grow(&x, &y, &cap, n)) {
      fprintf(stderr, "series: out of memory\n");
      return 1;
    }
    if (logs) {
      xv = log(xv);
      yv = log(yv);
    } else if (kind == LNSLOPE)
      xv = log(xv) * power;
    x[n] = xv;
    y[n] = yv;
    n++;
  }
  fclose(in);
  free(line);
  long k0 = ranged ? row_index(r0, n) : 0, k1 = ranged ? row_index(r1, n) : (long)n - 1;
  if (ranged && (k0 < 0 || k1 < k0)) {
    fprintf(stderr, "series: rows %ld:%ld do not select any of the %zu rows of %s\n", r0, r1, n,
            file);
    free(x);
    free(y);
    return 1;
  }
  const double *xs = n ? x + k0 : x, *ys = n ? y + k0 : y;
  size_t m = n ? (size_t)(k1 - k0 + 1) : 0;
  double v = 0, w = 0;
  int two = kind == LLFIT || kind == FLOOR, st;
  switch (kind) {
  case CROSS:
    st = sa_series_crossing(xs, ys, m, level, &v);
    break;
  case BELOW:
    st = sa_series_first_below(xs, ys, m, level, &v);
    break;
  case LNCROSS:
    st = sa_series_crossing_lnx(xs, ys, m, level, &v);
    break;
  case INTERP:
    st = sa_series_value_at(xs, ys, m, xat, &v);
    break;
  case LLFIT:
    st = sa_series_line(xs, ys, m, &v, &w);
    break;
  case LLREACH:
    st = sa_series_powerlaw_reach(xs, ys, m, level, &v);
    break;
  case FLOOR:
    st = sa_series_floor(xs, ys, m, &v, &w);
    break;
  default:
    st = sa_series_slope(xs, ys, m, &v);
  }
  free(x);
  free(y);
  for (size_t i = 0; i < ncol; i++)
    free(names[i]);
  if (st != GSL_SUCCESS) {
    fprintf(stderr, "series: %s in %s: %s\n", argv[1], file, sa_error_message());
    return 1;
  }
  if (two)
    printf("%.17g\t%.17g\n", v, w);
  else
    printf("%.17g\n", v);
  return 0;
}
