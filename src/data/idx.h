/* Reader for IDX files (the MNIST / Fashion-MNIST format), raw or one gzip
 * member inflated with zlib.
 *
 * IDX layout, all integers big-endian 32-bit:
 *   images: magic 0x00000803 (unsigned bytes, 3 dimensions), n, rows, cols,
 *           then n*rows*cols pixel bytes, image after image, row-major;
 *   labels: magic 0x00000801 (unsigned bytes, 1 dimension), n, then n bytes.
 * Validation (failures return SA_EDATA with a message naming the file and
 * the problem; the sub-reason, data_error.h, in parentheses): the file
 * opens (SA_DATA_OPEN); the magic number is the expected one
 * (SA_DATA_MAGIC); the image size is 28 x 28 (SA_DATA_DIM); the payload has
 * exactly the declared length, neither truncated nor followed by extra
 * bytes (SA_DATA_LENGTH); the count in the header is checked against what
 * the file can hold before anything is allocated (a raw file: its exact
 * size; gzip: at most 1032 times its size, deflate's largest expansion) and
 * may not exceed SA_IDX_MAX_ITEMS (SA_DATA_LENGTH); a gzip file must end
 * with its trailer, whose CRC-32 and length are verified, and nothing may
 * follow it (a bad CRC or a damaged stream is SA_DATA_SYNTAX, a missing
 * trailer or trailing bytes SA_DATA_LENGTH); labels lie in 0..9
 * (SA_DATA_RANGE); image and label counts agree (SA_DATA_MISMATCH).
 * A class mask selecting nothing or a split other than "train"/"t10k" is
 * GSL_EINVAL, a failed allocation GSL_ENOMEM.  Pixels are converted to
 * byte/255 in [0,1]. */
#ifndef SA_IDX_H
#define SA_IDX_H

#include "data/data_error.h"
#include "data/images.h"

#define SA_IDX_MAGIC_IMAGES 0x00000803u
#define SA_IDX_MAGIC_LABELS 0x00000801u

/* Largest item count accepted in a header (MNIST-style sets hold 70,000). */
#define SA_IDX_MAX_ITEMS 1000000ul

/* Debian package dataset-fashion-mnist. */
#define SA_FASHION_DEFAULT_DIR "/usr/share/datasets/fashion-mnist"

/* Reads a label file: *labels (malloc'ed, free with free()) holds *n classes. */
int sa_idx_read_labels(const char *path, unsigned char **labels, size_t *n);

/* Reads an image file and its label file, keeping the images whose class
 * bit is set in class_mask (SA_ALL_CLASSES keeps all), in file order.  The
 * whole image file is read and validated whatever the mask.  *out: new
 * image set (sa_images_free), NULL on error. */
int sa_idx_read(const char *images_path, const char *labels_path, unsigned class_mask,
                sa_images **out);

/* Fashion-MNIST split "train" (60,000 images) or "t10k" (10,000) from DIR:
 * DIR/SPLIT-images-idx3-ubyte.gz and DIR/SPLIT-labels-idx1-ubyte.gz. */
int sa_fashion_read(const char *dir, const char *split, unsigned class_mask, sa_images **out);

/* Fashion-MNIST class names, index = label ("T-shirt/top", ..., "Ankle boot"). */
extern const char *const sa_fashion_class_names[SA_NCLASSES];

#endif
