/* Type-generic code, the way GSL does it (its templates_on.h): a source
 * written once with these macros is compiled twice, once with
 * SA_REAL_DOUBLE and once with SA_REAL_FLOAT defined, giving the double
 * API (sa_conv_forward, gsl_matrix, dgemm) and the single-precision one
 * (sa_conv_forward_float, gsl_matrix_float, sgemm).  Include real_off.h
 * after the templated code to undefine them again.
 *
 *   REAL          double | float
 *   SA_FN(f)      f      | f##_float      (the project's functions, types)
 *   SA_MAT        gsl_matrix             | gsl_matrix_float
 *   SA_MATF(f)    gsl_matrix_##f         | gsl_matrix_float_##f
 *   SA_VEC        gsl_vector             | gsl_vector_float
 *   SA_VECF(f)    gsl_vector_##f         | gsl_vector_float_##f
 *   SA_BLAS(f)    gsl_blas_d##f          | gsl_blas_s##f
 *   SA_CBLAS(f)   cblas_d##f             | cblas_s##f
 *   SA_REAL_EPS   DBL_EPSILON            | FLT_EPSILON */
#include <float.h>

#if defined(SA_REAL_DOUBLE) && !defined(SA_REAL_FLOAT)
#define REAL double
#define SA_FN(f) f
#define SA_MAT gsl_matrix
#define SA_MATF(f) gsl_matrix_##f
#define SA_VEC gsl_vector
#define SA_VECF(f) gsl_vector_##f
#define SA_BLAS(f) gsl_blas_d##f
#define SA_CBLAS(f) cblas_d##f
#define SA_REAL_EPS DBL_EPSILON
#elif defined(SA_REAL_FLOAT) && !defined(SA_REAL_DOUBLE)
#define REAL float
#define SA_FN(f) f##_float
#define SA_MAT gsl_matrix_float
#define SA_MATF(f) gsl_matrix_float_##f
#define SA_VEC gsl_vector_float
#define SA_VECF(f) gsl_vector_float_##f
#define SA_BLAS(f) gsl_blas_s##f
#define SA_CBLAS(f) cblas_s##f
#define SA_REAL_EPS FLT_EPSILON
#else
#error "define exactly one of SA_REAL_DOUBLE and SA_REAL_FLOAT before real_on.h"
#endif
