/* Scratch files for the fuzz harnesses: the readers take paths, so each
 * input is written to a temporary file (in $TMPDIR, else /dev/shm, else
 * /tmp) that is reused for every input and removed at exit. */
#ifndef SA_FUZZ_FILE_H
#define SA_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to scratch file `slot` (0 or 1) and returns its path; aborts
 * if the file cannot be written (a harness failure, not a finding). */
const char *sa_fuzz_file(int slot, const uint8_t *data, size_t size);

/* The libFuzzer entry point each harness defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when an invariant of the code under test fails. */
#define SA_FUZZ_ASSERT(cond)                                                                       \
  do {                                                                                             \
    if (!(cond))                                                                                   \
      sa_fuzz_fail(__FILE__, __LINE__, #cond);                                                     \
  } while (0)
void sa_fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

#endif
