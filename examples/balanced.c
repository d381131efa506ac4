/* examples/balanced.c: a program outside the source tree that uses the
 * installed libsilentalign, built with
 *
 *   cc balanced.c $(pkg-config --cflags --libs silentalign) -o balanced
 *
 * It integrates the balanced deep linear flow du/dt = u^{L-1}(s - u^L)
 * (App. E.1 of the paper; src/theory/deepbal.h) with CVODE through the
 * library, and compares the half-loss time CVODE finds as a root with the
 * exact closed form t(u_h).  Exit status 0 when they agree to the accuracy
 * the solver tolerance allows, 1 otherwise.  `make check` builds and runs it
 * against a DESTDIR installation (tests/install_check.sh). */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>

#include <silentalign/core/sa_errno.h>
#include <silentalign/core/sa_version.h>
#include <silentalign/theory/deepbal.h>

int main(void)
{
  /* The library returns GSL statuses and checks them (sa_errno.h): GSL's
   * default handler, which aborts, must be off. */
  gsl_set_error_handler_off();
  const unsigned L = 3;
  const double s = 1.37, u0 = 0.0123; /* high-entropy values, u0 << s^{1/L} */
  const double rtol = 1e-10;
  /* atol far below the initial scale u0, where the slow phase happens. */
  sa_ode_params par = {rtol, 1e-6 * rtol * u0, NULL, 100000, SA_ODE_ADAMS};
  double t_exact = sa_deepbal_t_half_exact(L, s, u0);
  double times[1] = {2.0 * t_exact}, u_end, t_root;
  if (sa_deepbal_integrate(L, s, u0, times, 1, &par, &u_end, &t_root, NULL, NULL) != 0) {
    fprintf(stderr, "balanced: %s\n", sa_error_message());
    return 1;
  }
  double rel = fabs(t_root - t_exact) / t_exact;
  printf("silentalign %s: L = %u, s = %g, u0 = %g\n", sa_version(), L, s, u0);
  printf("t_1/2 CVODE root %.12g, closed form %.12g, relative difference %.2e\n", t_root, t_exact,
         rel);
  /* Tolerance: the global error of an rtol = 1e-10 solve over this horizon
   * stays far below 1e-6 (the root time inherits it, divided by the slope
   * of u^L at t_1/2, which is of order one here). */
  return rel < 1e-6 ? 0 : 1;
}
