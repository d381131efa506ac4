/* IDX reader (MNIST / Fashion-MNIST format) through zlib: see idx.h. */
#include "config.h"

#include "data/idx.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

const char *const sa_fashion_class_names[SA_NCLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

/* Byte value of a maximal intensity (pixels are byte / 255). */
#define SA_IDX_PIXEL_MAX 255.0

static int open_gz(const char *path, gzFile *gz, sa_data_err *err)
{
  errno = 0;
  *gz = gzopen(path, "rb");
  if (!*gz)
    return sa_data_err_set(err, errno ? SA_DATA_EOPEN : SA_DATA_ENOMEM, "%s: cannot open: %s",
                           path, errno ? strerror(errno) : "out of memory");
  gzbuffer(*gz, 1u << 17);
  return SA_DATA_OK;
}

/* Reads exactly len bytes.  `what` names the part, `offset` is the number
 * of uncompressed bytes before it (for the message). */
static int read_exact(gzFile gz, void *buf, size_t len, const char *path, const char *what,
                      size_t offset, sa_data_err *err)
{
  size_t got = 0;
  while (got < len) {
    size_t chunk = len - got < INT_MAX ? len - got : INT_MAX;
    int r = gzread(gz, (char *)buf + got, (unsigned)chunk);
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  if (got == len)
    return SA_DATA_OK;
  int zerr = Z_OK;
  const char *zmsg = gzerror(gz, &zerr);
  if (zerr != Z_OK && zerr != Z_BUF_ERROR)
    return sa_data_err_set(err, SA_DATA_ESYNTAX, "%s: corrupt gzip stream in the %s: %s", path,
                           what, zmsg);
  /* Z_BUF_ERROR: the compressed stream ended early, i.e. truncation too. */
  return sa_data_err_set(err, SA_DATA_ELENGTH,
                         "%s: truncated: the %s needs %zu bytes from byte %zu but the file ends "
                         "after %zu of them",
                         path, what, len, offset, got);
}

/* After the declared payload, the file must end. */
static int check_end(gzFile gz, const char *path, size_t n, size_t offset, sa_data_err *err)
{
  unsigned char extra;
  int r = gzread(gz, &extra, 1);
  if (r > 0)
    return sa_data_err_set(err, SA_DATA_ELENGTH,
                           "%s: wrong length: the header declares %zu items (%zu bytes) but the "
                           "file continues past byte %zu",
                           path, n, offset, offset);
  int zerr = Z_OK;
  const char *zmsg = gzerror(gz, &zerr);
  if (r < 0 && zerr != Z_BUF_ERROR)
    return sa_data_err_set(err, SA_DATA_ESYNTAX, "%s: corrupt gzip stream at its end: %s", path,
                           zmsg);
  return SA_DATA_OK;
}

static unsigned long be32(const unsigned char *b)
{
  return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 | (unsigned long)b[2] << 8 |
         (unsigned long)b[3];
}

static int check_magic(unsigned long magic, unsigned long want, const char *path,
                       sa_data_err *err)
{
  if (magic == want)
    return SA_DATA_OK;
  return sa_data_err_set(err, SA_DATA_EMAGIC,
                         "%s: bad magic number 0x%08lx, expected 0x%08lx (IDX %s file)%s", path,
                         magic, want, want == SA_IDX_MAGIC_IMAGES ? "image" : "label",
                         magic == SA_IDX_MAGIC_IMAGES   ? ": this is an image file"
                         : magic == SA_IDX_MAGIC_LABELS ? ": this is a label file"
                                                        : "");
}

int sa_idx_read_labels(const char *path, unsigned char **labels, size_t *n, sa_data_err *err)
{
  *labels = NULL;
  *n = 0;
  gzFile gz;
  int status = open_gz(path, &gz, err);
  if (status)
    return status;
  unsigned char hdr[8];
  unsigned char *lb = NULL;
  size_t count = 0;
  status = read_exact(gz, hdr, sizeof hdr, path, "header", 0, err);
  if (!status)
    status = check_magic(be32(hdr), SA_IDX_MAGIC_LABELS, path, err);
  if (!status) {
    count = be32(hdr + 4);
    lb = malloc(count ? count : 1);
    if (!lb)
      status = sa_data_err_set(err, SA_DATA_ENOMEM, "%s: out of memory for %zu labels", path,
                               count);
  }
  if (!status)
    status = read_exact(gz, lb, count, path, "labels", sizeof hdr, err);
  if (!status)
    status = check_end(gz, path, count, sizeof hdr + count, err);
  for (size_t i = 0; i < count && !status; i++)
    if (lb[i] >= SA_NCLASSES)
      status = sa_data_err_set(err, SA_DATA_ERANGE, "%s: label %zu is %u, outside 0..9", path, i,
                               (unsigned)lb[i]);
  gzclose(gz);
  if (status) {
    free(lb);
    return status;
  }
  *labels = lb;
  *n = count;
  return SA_DATA_OK;
}

int sa_idx_read(const char *images_path, const char *labels_path, unsigned class_mask,
                sa_images **out, sa_data_err *err)
{
  *out = NULL;
  if ((class_mask & SA_ALL_CLASSES) == 0 || (class_mask & ~SA_ALL_CLASSES))
    return sa_data_err_set(err, SA_DATA_EINVAL, "%s: class mask 0x%x selects no class in 0..9",
                           images_path, class_mask);
  unsigned char *labels = NULL;
  size_t nlab = 0;
  int status = sa_idx_read_labels(labels_path, &labels, &nlab, err);
  if (status)
    return status;
  gzFile gz;
  status = open_gz(images_path, &gz, err);
  if (status) {
    free(labels);
    return status;
  }
  unsigned char hdr[16], px[SA_IMAGE_PIXELS];
  sa_images *im = NULL;
  size_t n = 0;
  status = read_exact(gz, hdr, sizeof hdr, images_path, "header", 0, err);
  if (!status)
    status = check_magic(be32(hdr), SA_IDX_MAGIC_IMAGES, images_path, err);
  if (!status) {
    n = be32(hdr + 4);
    unsigned long rows = be32(hdr + 8), cols = be32(hdr + 12);
    if (rows != SA_IMAGE_SIDE || cols != SA_IMAGE_SIDE)
      status = sa_data_err_set(err, SA_DATA_EDIM, "%s: images are %lu x %lu, expected %d x %d",
                               images_path, rows, cols, SA_IMAGE_SIDE, SA_IMAGE_SIDE);
    else if (n != nlab)
      status = sa_data_err_set(err, SA_DATA_EMISMATCH,
                               "%s: declares %zu images but %s declares %zu labels", images_path,
                               n, labels_path, nlab);
  }
  size_t keep = 0;
  for (size_t i = 0; i < nlab; i++)
    keep += (class_mask >> labels[i]) & 1u;
  if (!status && !(im = sa_images_alloc(keep)))
    status = sa_data_err_set(err, SA_DATA_ENOMEM, "%s: out of memory for %zu images",
                             images_path, keep);
  size_t k = 0;
  for (size_t i = 0; i < n && !status; i++) {
    status = read_exact(gz, px, sizeof px, images_path, "image data", sizeof hdr + i * sizeof px,
                        err);
    if (status || !((class_mask >> labels[i]) & 1u))
      continue;
    double *dst = im->pixels + k * SA_IMAGE_PIXELS;
    for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
      dst[p] = px[p] / SA_IDX_PIXEL_MAX;
    im->labels[k++] = labels[i];
  }
  if (!status)
    status = check_end(gz, images_path, n, sizeof hdr + n * sizeof px, err);
  gzclose(gz);
  free(labels);
  if (status) {
    sa_images_free(im);
    return status;
  }
  *out = im;
  return SA_DATA_OK;
}

int sa_fashion_read(const char *dir, const char *split, unsigned class_mask, sa_images **out,
                    sa_data_err *err)
{
  *out = NULL;
  if (!dir || !*dir || !split || (strcmp(split, "train") && strcmp(split, "t10k")))
    return sa_data_err_set(err, SA_DATA_EINVAL,
                           "fashion-mnist: split must be \"train\" or \"t10k\", not \"%s\"",
                           split ? split : "(null)");
  size_t len = strlen(dir) + strlen(split) + sizeof "/-labels-idx1-ubyte.gz";
  char *ipath = malloc(len), *lpath = malloc(len);
  int status;
  if (!ipath || !lpath)
    status = sa_data_err_set(err, SA_DATA_ENOMEM, "fashion-mnist: out of memory");
  else {
    snprintf(ipath, len, "%s/%s-images-idx3-ubyte.gz", dir, split);
    snprintf(lpath, len, "%s/%s-labels-idx1-ubyte.gz", dir, split);
    status = sa_idx_read(ipath, lpath, class_mask, out, err);
  }
  if (status == SA_DATA_EOPEN && err) {
    size_t used = strlen(err->msg);
    snprintf(err->msg + used, sizeof err->msg - used,
             " (install the Debian package dataset-fashion-mnist, or pass its directory)");
  }
  free(ipath);
  free(lpath);
  return status;
}
