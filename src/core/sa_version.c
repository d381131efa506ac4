/* Provenance: program, GSL, SUNDIALS and BLAS versions. */
#include "config.h"

#include "sa_version.h"

#include <gsl/gsl_version.h>
#include <sundials/sundials_config.h>

#ifdef HAVE_OPENBLAS_GET_CORENAME
char *openblas_get_corename(void);
char *openblas_get_config(void);
#endif

const char *sa_version(void)
{
  return PACKAGE_VERSION;
}

const char *sa_blas_corename(void)
{
#ifdef HAVE_OPENBLAS_GET_CORENAME
  return openblas_get_corename();
#else
  return "non-OpenBLAS CBLAS";
#endif
}

void sa_version_print_header(FILE *out)
{
  fprintf(out, "# version silentalign %s\n", PACKAGE_VERSION);
  fprintf(out, "# libs GSL %s, SUNDIALS %s, BLAS core %s\n", gsl_version, SUNDIALS_VERSION,
          sa_blas_corename());
}
