/* figures/series OP FILE: a crossing or a least-squares slope read off one
 * data file, for the "paper vs ours" tables (figures/table.sh).  The
 * columns are found by the names of the file's "# columns:" line; data rows
 * are tab-separated, '#' lines and empty lines are skipped.  OP:
 *   cross:XCOL:YCOL=V             first XCOL where YCOL crosses V
 *   llslope:XCOL:YCOL[:KCOL=K[:XMAX]]  slope of ln YCOL against ln XCOL over
 *                                 the rows with KCOL == K (and XCOL <= XMAX)
 *   lnslope:XCOL:YCOL:POW         slope of YCOL against ln(XCOL^POW)
 * The maths is the library's (core/sa_series.h).  Prints the value with 17
 * significant digits; exit 1 with a message naming the file when a column
 * is missing or nothing is found, 2 on a malformed OP. */
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

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: series OP FILE\n");
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
  int cross = strcmp(part[0], "cross") == 0, ll = strcmp(part[0], "llslope") == 0,
      ln = strcmp(part[0], "lnslope") == 0;
  if (!(cross || ll || ln) || np < 3 || (cross && np != 3) || (ln && np != 4) || (ll && np > 5)) {
    fprintf(stderr, "series: malformed operation %s\n", argv[1]);
    return 2;
  }
  char *xname = part[1], *yname = part[2], *kname = NULL;
  double level = 0, kval = 0, xmax = INFINITY, power = 1;
  if (cross || (ll && np >= 4)) {
    char *spec = cross ? part[2] : part[3], *eq = strchr(spec, '=');
    if (!eq) {
      fprintf(stderr, "series: malformed operation %s\n", argv[1]);
      return 2;
    }
    *eq = '\0';
    if (cross)
      level = strtod(eq + 1, NULL);
    else {
      kname = spec;
      kval = strtod(eq + 1, NULL);
    }
  }
  if (ll && np == 5)
    xmax = strtod(part[4], NULL);
  if (ln)
    power = strtod(part[3], NULL);

  FILE *in = fopen(file, "r");
  if (!in) {
    fprintf(stderr, "series: cannot read %s\n", file);
    return 1;
  }
  double *x = NULL, *y = NULL;
  size_t n = 0, cap = 0;
  long ix = -1, iy = -1, ik = -1;
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
      continue;
    }
    if (line[0] == '#' || got == 0)
      continue;
    if (ix < 0) {
      fprintf(stderr, "series: data before a '# columns:' line in %s\n", file);
      return 1;
    }
    double xv = field(line, ix), yv = field(line, iy);
    if (kname && field(line, ik) != kval)
      continue;
    if (ll && xv > xmax)
      continue;
    if (grow(&x, &y, &cap, n)) {
      fprintf(stderr, "series: out of memory\n");
      return 1;
    }
    if (ll) {
      xv = log(xv);
      yv = log(yv);
    } else if (ln)
      xv = log(xv) * power;
    x[n] = xv;
    y[n] = yv;
    n++;
  }
  fclose(in);
  free(line);
  double v = 0;
  int st = cross ? sa_series_crossing(x, y, n, level, &v) : sa_series_slope(x, y, n, &v);
  free(x);
  free(y);
  for (size_t i = 0; i < ncol; i++)
    free(names[i]);
  if (st != GSL_SUCCESS) {
    fprintf(stderr, "series: %s in %s: %s\n", argv[1], file, sa_error_message());
    return 1;
  }
  printf("%.17g\n", v);
  return 0;
}
