/* The Wide ResNet's forward and backward passes in single precision:
 * wrn_source.c with REAL = float (sa_wrn_forward_float etc., wrn.h). */
#include "config.h"

#include "nets/wrn.h"

#include "nets/model.h"
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>

#define SA_REAL_FLOAT
#include "nets/real_on.h"
#include "nets/wrn_source.c"
#include "nets/real_off.h"
#undef SA_REAL_FLOAT
