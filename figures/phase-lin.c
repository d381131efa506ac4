/* figures/phase-lin SUMMARY D N s: the data of the linear phase diagram
 * (figures/data/phase-lin.dat, figures/phase-lin.gp) on stdout, one row per
 * point of a `silentalign sweep` over kernel-trace (SUMMARY, its
 * summary.tsv; columns found by the names of its "# columns:" line): the
 * measured t_align/t_1/2 and alignment fraction at the 10%-norm time
 * (result align_knorm10_ratio) beside the balanced-network theory of
 * src/theory/phase_theory.h for the sweep's D, N and s.
 * Measured values are copied as the summary holds them; the ratio is
 * t_align/t_1/2 ("nan" when t_1/2 is not positive or either is nan: the
 * loss never halved before --t-end, and then the fraction is "nan" too).
 * Numbers are printed with 6 significant digits (integers as integers).
 * Exit 1 with a message naming the file when it cannot be read, a column
 * is missing or the theory refuses a point; 2 on bad arguments. */
#include "config.h"

#include "core/sa_errno.h"
#include "theory/phase_theory.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The output's columns, in order (the "# columns:" line). */
static const char *const out_columns[] = {"L",         "sigma",        "log10sigma",  "ratio_meas",
                                          "frac_meas", "ratio_theory", "frac_theory", "k0_theory",
                                          "k0_meas",   "status"};
enum { NOUT = sizeof out_columns / sizeof out_columns[0] };

/* The summary columns read, and their indices once the header is seen. */
enum { IN_L, IN_SIGMA, IN_THALF, IN_TALIGN, IN_FRAC, IN_K0, IN_STATUS, NIN };
static const char *const in_columns[NIN] = {
    "L", "sigma", "t_half", "t_align", "align_knorm10_ratio", "knorm0_ratio", "status"};

#define MAXFIELD 256

/* Split line at tabs into at most MAXFIELD fields (in place). */
static int split_tabs(char *line, char **field)
{
  int n = 0;
  for (char *p = line; p && n < MAXFIELD;) {
    field[n++] = p;
    p = strchr(p, '\t');
    if (p)
      *p++ = '\0';
  }
  return n;
}

/* A number as the report's earlier awk wrote it: integers as integers,
 * others with 6 significant digits, any NaN as "nan". */
static void put_number(double v)
{
  if (isnan(v))
    fputs("nan", stdout);
  else if (v == floor(v) && fabs(v) <= INT_MAX)
    printf("%d", (int)v);
  else
    printf("%.6g", v);
}

int main(int argc, char **argv)
{
  if (argc != 5) {
    fprintf(stderr, "usage: phase-lin SUMMARY D N s\n");
    return 2;
  }
  const char *file = argv[1];
  char *end[3];
  double D = strtod(argv[2], &end[0]), N = strtod(argv[3], &end[1]), s = strtod(argv[4], &end[2]);
  for (int i = 0; i < 3; i++)
    if (end[i] == argv[i + 2] || *end[i] != '\0') {
      fprintf(stderr, "phase-lin: not a number: %s\n", argv[i + 2]);
      return 2;
    }
  FILE *in = fopen(file, "r");
  if (!in) {
    fprintf(stderr, "phase-lin: cannot read %s\n", file);
    return 1;
  }
  int idx[NIN], have_header = 0, rc = 0;
  char *line = NULL, *field[MAXFIELD];
  size_t len = 0;
  ssize_t got;
  printf("# columns:");
  for (int j = 0; j < NOUT; j++)
    printf(" %s", out_columns[j]);
  printf("\n");
  while (rc == 0 && (got = getline(&line, &len, in)) > 0) {
    if (line[got - 1] == '\n')
      line[--got] = '\0';
    if (strncmp(line, "# columns:", 10) == 0) {
      char *names[MAXFIELD], *tok, *p = line + 10;
      int n = 0;
      while (n < MAXFIELD && (tok = strtok(p, " \t")) != NULL) {
        names[n++] = tok;
        p = NULL;
      }
      for (int c = 0; c < NIN; c++) {
        idx[c] = -1;
        for (int k = 0; k < n; k++)
          if (strcmp(names[k], in_columns[c]) == 0)
            idx[c] = k;
        if (idx[c] < 0) {
          fprintf(stderr, "phase-lin: no column %s in %s\n", in_columns[c], file);
          rc = 1;
        }
      }
      have_header = 1;
      continue;
    }
    if (line[0] == '#' || got == 0)
      continue;
    if (!have_header) {
      fprintf(stderr, "phase-lin: data before a '# columns:' line in %s\n", file);
      rc = 1;
      break;
    }
    int n = split_tabs(line, field);
    for (int c = 0; c < NIN; c++)
      if (idx[c] >= n) {
        fprintf(stderr, "phase-lin: a row of %s has %d fields, no %s\n", file, n, in_columns[c]);
        rc = 1;
      }
    if (rc)
      break;
    int L = (int)strtol(field[idx[IN_L]], NULL, 10);
    const char *sg = field[idx[IN_SIGMA]], *th_text = field[idx[IN_THALF]];
    double sigma = strtod(sg, NULL), th = strtod(th_text, NULL);
    double ta = strtod(field[idx[IN_TALIGN]], NULL);
    sa_phase_lin_pred p;
    if (sa_phase_lin_theory(L, sigma, D, N, s, &p) != GSL_SUCCESS) {
      fprintf(stderr, "phase-lin: %s: %s\n", file, sa_error_message());
      rc = 1;
      break;
    }
    printf("%d\t%s\t%.6g\t", L, sg, log10(sigma));
    put_number(th > 0 && !isnan(ta) ? ta / th : NAN);
    /* the loss never halved before --t-end: nothing learned, no fraction */
    printf("\t%s\t%.6g\t%.6g\t%.6g\t%s\t%s\n",
           strcmp(th_text, "nan") == 0 ? "nan" : field[idx[IN_FRAC]], p.ratio, p.frac, p.k0,
           field[idx[IN_K0]], field[idx[IN_STATUS]]);
  }
  free(line);
  fclose(in);
  if (rc == 0 && !have_header) {
    fprintf(stderr, "phase-lin: no '# columns:' line in %s\n", file);
    rc = 1;
  }
  return rc;
}
