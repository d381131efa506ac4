/* Wide ResNet NTK from per-sample gradients in column blocks: see
 * wrn_ntk.h.  wrn_ntk_source.c with REAL = double (wrn_ntk_float.c
 * compiles it again with REAL = float), and the memory bound. */
#include "config.h"

#include "nets/wrn_ntk.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SA_REAL_DOUBLE
#include "nets/real_on.h"
#include "nets/wrn_ntk_source.c"
#include "nets/real_off.h"
#undef SA_REAL_DOUBLE

double sa_wrn_ntk_bytes(const sa_wrn *net, size_t P, size_t Pt)
{
  size_t n = P + Pt, D = net->cin * net->h * net->w;
  double col = (double)SA_WRN_COL_CAP;
  for (size_t c = 0; c < net->n_conv; c++) {
    double one = 9.0 * (double)(net->conv[c].g.cin * net->conv[c].g.ho * net->conv[c].g.wo);
    col = one > col ? one : col;
  }
  double feat = (double)net->t_ch[net->n_tensor - 1];
  double cols = (double)block_cols(net, n, 0);
  return 8.0 * (sa_wrn_activation_doubles(net, n) + (double)(D * n) + 2.0 * col +
                (2.0 * feat + 2.0) * (double)n + ((double)n + 1.0) * cols +
                (double)col_cache_elems(net, n));
}
