/* The Wide ResNet NTK in single precision: wrn_ntk_source.c with
 * REAL = float (sa_wrn_ntk_float etc., wrn_ntk.h). */
#include "config.h"

#include "nets/wrn_ntk.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SA_REAL_FLOAT
#include "nets/real_on.h"
#include "nets/wrn_ntk_source.c"
#include "nets/real_off.h"
#undef SA_REAL_FLOAT
