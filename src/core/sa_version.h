/* Versions of silent-align and of the libraries it runs on. */
#ifndef SA_VERSION_H
#define SA_VERSION_H

#include <stdio.h>

const char *sa_version(void);
/* OpenBLAS core name (e.g. "Haswell"), or a word naming the fallback BLAS. */
const char *sa_blas_corename(void);
/* "# version ..." and "# libs ..." provenance lines. */
void sa_version_print_header(FILE *out);

#endif
