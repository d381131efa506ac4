/* Fuzz harness of the MNIST-JSON reader (src/data/mnist_json.c): the input
 * is one digit file, appended to an image set that already holds one
 * image.  Invariants: a success appends a positive number of images, all
 * labelled 7 with pixels in [0,1], and keeps the first; a failure leaves
 * the set as it was and returns SA_EDATA with a sub-reason (or GSL_ENOMEM)
 * and a message naming the file. */
#include "config.h"

#include "data/mnist_json.h"
#include "fuzz_file.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *path = sa_fuzz_file(0, data, size);
  sa_images *im = sa_images_alloc(1);
  SA_FUZZ_ASSERT(im != NULL);
  for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
    im->pixels[p] = 0.5;
  im->labels[0] = 3;
  sa_error(GSL_SUCCESS, "%s", ""); /* no stale message can satisfy the check */
  int st = sa_mnist_json_read_file(path, 7, im);
  SA_FUZZ_ASSERT(im->labels[0] == 3 && im->pixels[SA_IMAGE_PIXELS - 1] == 0.5);
  if (st == GSL_SUCCESS) {
    SA_FUZZ_ASSERT(im->n > 1);
    for (size_t i = 1; i < im->n; i++) {
      SA_FUZZ_ASSERT(im->labels[i] == 7);
      for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
        SA_FUZZ_ASSERT(im->pixels[i * SA_IMAGE_PIXELS + p] >= 0 &&
                       im->pixels[i * SA_IMAGE_PIXELS + p] <= 1);
    }
  } else {
    SA_FUZZ_ASSERT(im->n == 1 &&
                   ((st == SA_EDATA && sa_data_reason() > SA_DATA_NONE &&
                     sa_data_reason() <= SA_DATA_MISMATCH) ||
                    st == GSL_ENOMEM) &&
                   strstr(sa_error_message(), path));
  }
  sa_images_free(im);
  return 0;
}
