/* Silence metrics of a training trace: see silence.h. */
#include "config.h"

#include "train/silence.h"

#include <math.h>

/* ANCHOR: silence_crossing */
/* Index k >= 1 of the first record with k_norm >= target and the weight w
 * of the crossing between records k-1 and k; k = 0 when the first record
 * is already there; -1 if never. */
static long crossing(const double *k_norm, size_t n, double target, double *w)
{
  *w = 0.0;
  if (k_norm[0] >= target)
    return 0;
  for (size_t k = 1; k < n; k++)
    if (k_norm[k] >= target) {
      *w = (target - k_norm[k - 1]) / (k_norm[k] - k_norm[k - 1]);
      return (long)k;
    }
  return -1;
}

double sa_silence_knorm_crossing(const double *t, const double *k_norm, size_t n, double frac)
{
  if (n == 0 || !isfinite(k_norm[n - 1]))
    return NAN;
  double w;
  long k = crossing(k_norm, n, frac * k_norm[n - 1], &w);
  if (k < 0)
    return NAN;
  if (k == 0)
    return t[0];
  return t[k - 1] + w * (t[k] - t[k - 1]);
}
/* END: silence_crossing */

/* ANCHOR: silence_compute */
void sa_silence_compute(const double *t, const double *loss_ratio, const double *k_norm,
                        const double *k_align, size_t n, sa_silence *s)
{
  s->align0 = s->align_final = s->t_phase1 = s->align_phase1 = s->knorm_phase1 = NAN;
  s->t_knorm10 = s->align_knorm10 = NAN;
  s->align_phase1_ratio = s->align_knorm10_ratio = s->knorm_phase1_ratio = NAN;
  s->silent = -1;
  if (n == 0)
    return;
  s->align0 = k_align[0];
  s->align_final = k_align[n - 1];
  long k1 = -1;
  for (size_t k = 0; k < n; k++)
    if (loss_ratio[k] > SA_SILENCE_PHASE1_LOSS)
      k1 = (long)k;
  if (k1 >= 0) {
    s->t_phase1 = t[k1];
    s->align_phase1 = k_align[k1];
    s->knorm_phase1 = k_norm[k1];
    s->align_phase1_ratio = s->align_phase1 / s->align_final;
    s->knorm_phase1_ratio = s->knorm_phase1 / k_norm[n - 1];
  }
  if (isfinite(k_norm[n - 1])) {
    double w;
    long k = crossing(k_norm, n, SA_SILENCE_KNORM_FRAC * k_norm[n - 1], &w);
    if (k == 0) {
      s->t_knorm10 = t[0];
      s->align_knorm10 = k_align[0];
    } else if (k > 0) {
      s->t_knorm10 = t[k - 1] + w * (t[k] - t[k - 1]);
      s->align_knorm10 = k_align[k - 1] + w * (k_align[k] - k_align[k - 1]);
    }
    s->align_knorm10_ratio = s->align_knorm10 / s->align_final;
  }
  if (isfinite(s->align_phase1) && isfinite(s->align0) && isfinite(s->align_knorm10_ratio))
    s->silent =
        s->align_phase1 > s->align0 && fabs(s->align_knorm10_ratio - 1.0) <= SA_SILENCE_ALIGN_TOL;
}
/* END: silence_compute */
