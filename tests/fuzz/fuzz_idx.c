/* Fuzz harness of the IDX reader (src/data/idx.c).  The input is read as a
 * label file (raw or gzip); then as an image file, paired with a valid
 * label file of the count its header declares (when that count is small),
 * so that the image path is reached too.  Invariants: a success returns
 * exactly the declared items, labels in 0..9 and pixels in [0,1]; a
 * failure returns nothing, SA_EDATA with a sub-reason (or GSL_ENOMEM) and
 * a message naming the file. */
#include "config.h"

#include "data/idx.h"
#include "fuzz_file.h"

#include <stdlib.h>
#include <string.h>

/* The statuses a reader may return for bad bytes: SA_EDATA with a
 * sub-reason naming the kind of damage, or GSL_ENOMEM. */
static int data_failure(int st)
{
  return (st == SA_EDATA && sa_data_reason() > SA_DATA_NONE &&
          sa_data_reason() <= SA_DATA_MISMATCH) ||
         st == GSL_ENOMEM;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *path = sa_fuzz_file(0, data, size);
  unsigned char *labels = NULL;
  size_t n = 12345;
  sa_error(GSL_SUCCESS, "%s", ""); /* no stale message can satisfy the check */
  int st = sa_idx_read_labels(path, &labels, &n);
  if (st == GSL_SUCCESS) {
    SA_FUZZ_ASSERT(labels != NULL);
    for (size_t i = 0; i < n; i++)
      SA_FUZZ_ASSERT(labels[i] < SA_NCLASSES);
  } else {
    SA_FUZZ_ASSERT(labels == NULL && n == 0 && data_failure(st) &&
                   strstr(sa_error_message(), path));
  }
  free(labels);

  /* As an image file: the count sits at bytes 4..7 of the uncompressed
   * header; for raw input read it directly, else try counts 0..3. */
  size_t count = 3;
  if (size >= 8 && !(data[0] == 0x1f && data[1] == 0x8b))
    count = (size_t)data[4] << 24 | (size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7];
  if (count > 64)
    return 0;
  unsigned char lab[8 + 64] = {0, 0, 8, 1};
  lab[4] = 0, lab[5] = 0, lab[6] = 0, lab[7] = (unsigned char)count;
  for (size_t i = 0; i < count; i++)
    lab[8 + i] = (unsigned char)(i % SA_NCLASSES);
  const char *lpath = sa_fuzz_file(1, lab, 8 + count);
  sa_images *im = NULL;
  unsigned mask = size ? (data[size - 1] | 1u) & SA_ALL_CLASSES : SA_ALL_CLASSES;
  sa_error(GSL_SUCCESS, "%s", "");
  st = sa_idx_read(path, lpath, mask, &im);
  if (st == GSL_SUCCESS) {
    SA_FUZZ_ASSERT(im != NULL && im->n <= count);
    for (size_t i = 0; i < im->n; i++) {
      SA_FUZZ_ASSERT(im->labels[i] >= 0 && im->labels[i] < SA_NCLASSES &&
                     ((mask >> im->labels[i]) & 1u));
      for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
        SA_FUZZ_ASSERT(im->pixels[i * SA_IMAGE_PIXELS + p] >= 0 &&
                       im->pixels[i * SA_IMAGE_PIXELS + p] <= 1);
    }
  } else {
    SA_FUZZ_ASSERT(im == NULL && data_failure(st) && strstr(sa_error_message(), "/sa_fuzz."));
  }
  sa_images_free(im);
  return 0;
}
