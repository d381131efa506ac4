/* Silence metrics of a training trace (paper sections 1.3, 3, App. E.2):
 * how much of the final kernel alignment was in place while the kernel and
 * the loss were still small.  They summarise one run in three ratios, used
 * by `silentalign train` (# result lines), the figures and the tests.
 *
 * Input: n records in time order with t_k, the loss ratio L/L0, the NTK's
 * Frobenius norm |K| and alignment A (NaN where not measured).
 *
 *   end of Phase I: the LAST record k1 with L/L0 > 0.9 (Phase I is the part
 *     of the run before the loss has dropped by 10%; for a non-monotone
 *     loss, e.g. Adam, the last time it is still above);
 *   10%-norm time t10: the first time |K| reaches 10% of its last value,
 *     linear interpolation between the two records that bracket it (the
 *     first record if |K_0| is already above); A(t10) is interpolated the
 *     same way;
 *
 *   align_phase1_ratio = A(k1) / A_final,
 *   align_knorm10_ratio = A(t10) / A_final,
 *   knorm_phase1_ratio = |K(k1)| / |K_final|.
 *
 * The silent alignment effect says: the first two are close to 1 (the
 * kernel's direction is final before it grows and before the loss moves)
 * and the third is small (small initialisation: Phase I ends while the
 * kernel is still orders of magnitude below its final scale).  Quantities
 * that cannot be formed (no record with L/L0 > 0.9, no crossing, NaN
 * final values) are NaN.
 *
 * The claim, decided here once for the whole project (`silentalign train`
 * writes it as "# result silent_alignment"; the figure checks of
 * tests/figures_experiment_check.sh and the report texts of doc/facts.sh and
 * figures/wrn-claims.sh read that line, for the MLP and the Wide ResNet
 * alike): silent alignment HOLDS on a trace when
 *   (i)  the alignment rises in Phase I: A(k1) > A(0), and
 *   (ii) it is nearly final when the kernel starts to grow:
 *        |A(t10)/A_final - 1| <= SA_SILENCE_ALIGN_TOL (5%),
 * the paper's statement that the alignment is (nearly) final before the
 * kernel norm reaches 10% of its final value (its Figs. 1d, E.2b, J.2c,
 * J.3c draw that time), with Phase I marking that the change happens
 * before the loss has moved.  A transient departure between Phase I and
 * t10 (an overshoot while the kernel grows) therefore fails (ii) even if
 * the alignment had its final value earlier: the kernel must keep its shape
 * while it grows (Phase II).  Whether the run was in the small-
 * initialisation regime is a separate question (knorm_phase1_ratio, and the
 * kernel's growth over the run), reported beside the verdict, not part of
 * it. */
#ifndef SA_TRAIN_SILENCE_H
#define SA_TRAIN_SILENCE_H

#include <stddef.h>

/* End of Phase I: the last record with L/L0 above this. */
#define SA_SILENCE_PHASE1_LOSS 0.9
/* The kernel starts to grow: |K| first at this fraction of its last value. */
#define SA_SILENCE_KNORM_FRAC 0.1
/* Tolerance of the claim on A(t10)/A_final. */
#define SA_SILENCE_ALIGN_TOL 0.05

typedef struct {
  double align0, align_final;      /* A at the first and the last record   */
  double t_phase1, align_phase1;   /* time and A at the end of Phase I     */
  double knorm_phase1;             /* |K| there                            */
  double t_knorm10, align_knorm10; /* 10%-norm time and A there            */
  double align_phase1_ratio, align_knorm10_ratio, knorm_phase1_ratio;
  int silent; /* the claim above: 1 holds, 0 does not, -1 cannot be formed */
} sa_silence;

/* Fills *s from the n records (n >= 1); every field NaN when n = 0. */
void sa_silence_compute(const double *t, const double *loss_ratio, const double *k_norm,
                        const double *k_align, size_t n, sa_silence *s);

/* First time at which k_norm reaches frac times its last value (linear
 * interpolation), as above; NaN if none or the last value is not finite. */
double sa_silence_knorm_crossing(const double *t, const double *k_norm, size_t n, double frac);

#endif
