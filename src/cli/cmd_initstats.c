/* silentalign init-stats: the initial statistics of Eq. (34), formulas and
 * a seeded Monte-Carlo average over initialisations (twolayer_mc.h). */
#include "config.h"

#include "cli/commands.h"
#include "core/sa_limits.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/twolayer.h"
#include "experiment/twolayer_mc.h"

#include <math.h>
#include <stdio.h>

int cmd_initstats(int argc, char **argv)
{
  long N, D, trials, seed;
  sa_dlist sigmas;
  const char *output;
  const sa_opt table[] = {
      {"sigma", SA_OPT_DLIST, &sigmas, "1e-3", "(0,inf)", "init scales (comma-separated)"},
      {"N", SA_OPT_LONG, &N, "10", "[1,inf)", "hidden width"},
      {"D", SA_OPT_LONG, &D, "25", "[1,inf)", "input dimension"},
      {"trials", SA_OPT_LONG, &trials, "20000", "[2,inf)", "Monte-Carlo initialisations"},
      {"seed", SA_OPT_LONG, &seed, "1", "[0,inf)", "random seed"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t nopt = sizeof table / sizeof table[0];
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "init-stats",
                        "Initial statistics of the two-layer network (Eq. 34): <q0>, <r0>,\n"
                        "<r0^2> by formula and by a Monte-Carlo average with standard errors.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  char lim[160];
  snprintf(lim, sizeof lim, "--N=%ld --D=%ld", N, D);
  if (sa_cli_check_memory("init-stats", 2.0 * N * D + 2.0 * N + 2.0 * D, lim))
    return 2;
  snprintf(lim, sizeof lim, "--trials=%ld --N=%ld --D=%ld (%zu sigma values)", trials, N, D,
           sigmas.n);
  if (sa_cli_check_work("init-stats", lim, (double)trials * N * D * sigmas.n, 1e10,
                        "trials x N x D (random numbers to draw)"))
    return 2;
  for (size_t i = 0; i < sigmas.n; i++)
    if (sa_cli_check_scale("init-stats", "sigma", 4 * log10(sigmas.v[i]) + log10(1.0 + N),
                           "<r0^2> ~ sigma^4 N / D"))
      return 2;
  sa_output *out = sa_output_open(output, argc, argv, table, nopt);
  if (!out)
    return 1;
  const char *cols[] = {"sigma",        "N",       "D",          "trials", "q0_formula",
                        "q0_mc",        "q0_se",   "r0_formula", "r0_mc",  "r0_se",
                        "r0sq_formula", "r0sq_mc", "r0sq_se"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  for (size_t i = 0; i < sigmas.n; i++) {
    sa_twolayer_initstats m;
    sa_twolayer_mc mc;
    sa_twolayer_init_moments(sigmas.v[i], (double)N, (double)D, &m);
    if (sa_twolayer_init_mc(sigmas.v[i], (size_t)N, (size_t)D, (size_t)trials,
                            (unsigned long)seed + i, &mc) != 0) {
      fprintf(stderr, "silentalign init-stats: Monte-Carlo failed (out of memory?)\n");
      sa_output_abort(out);
      return 1;
    }
    double row[] = {sigmas.v[i], (double)N,    (double)D, (double)trials, m.q0_mean,
                    mc.q0_mean,  mc.q0_se,     m.r0_mean, mc.r0_mean,     mc.r0_se,
                    m.r0sq_mean, mc.r0sq_mean, mc.r0sq_se};
    sa_output_row(out, row);
  }
  return sa_output_commit(out) == 0 ? 0 : 1;
}
