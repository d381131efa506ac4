/* 3 x 3 SAME convolutions in single precision: conv_source.c with
 * REAL = float (sa_conv_forward_float etc., conv.h). */
#include "config.h"

#include "nets/conv.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
#include <stdlib.h>
#include <string.h>

#define SA_REAL_FLOAT
#include "nets/real_on.h"
#include "nets/conv_source.c"
#include "nets/real_off.h"
#undef SA_REAL_FLOAT
