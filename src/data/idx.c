/* IDX reader (MNIST / Fashion-MNIST format), gzip-compressed or raw: see idx.h. */
#include "config.h"

#include "data/idx.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

const char *const sa_fashion_class_names[SA_NCLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

/* Byte value of a maximal intensity (pixels are byte / 255). */
#define SA_IDX_PIXEL_MAX 255.0

/* Deflate cannot expand its input by more than about 1032:1 (a run of one
 * byte value costs at least 2 bits per 258 bytes); a gzip file of F bytes
 * therefore holds at most this many times F uncompressed bytes. */
#define SA_GZIP_MAX_RATIO 1032u

/* An input file: raw bytes, or one gzip member inflated on the fly with
 * zlib (which verifies the CRC-32 and length of the trailer). */
typedef struct {
  FILE *f;
  const char *path;
  int gz;    /* 1: gzip member, 0: raw                          */
  int zinit; /* inflateInit2 done                               */
  int zend;  /* inflate returned Z_STREAM_END                   */
  int zerr;  /* inflate failed with this code (sticky)          */
  z_stream zs;
  size_t file_size;
  unsigned char in[1u << 16];
} zin;

static int zin_open(zin *z, const char *path)
{
  memset(z, 0, sizeof *z);
  z->path = path;
  z->f = fopen(path, "rb");
  if (!z->f)
    return sa_data_error(SA_DATA_OPEN, "%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(z->f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(z->f);
    z->f = NULL;
    return sa_data_error(SA_DATA_OPEN, "%s: cannot open: not a regular file", path);
  }
  z->file_size = (size_t)st.st_size;
  unsigned char magic[2];
  size_t got = fread(magic, 1, 2, z->f);
  rewind(z->f);
  if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    z->gz = 1;
    if (inflateInit2(&z->zs, 16 + MAX_WBITS) != Z_OK) { /* gzip wrapper only */
      fclose(z->f);
      z->f = NULL;
      return sa_error(GSL_ENOMEM, "%s: out of memory for zlib", path);
    }
    z->zinit = 1;
  }
  return GSL_SUCCESS;
}

static void zin_close(zin *z)
{
  if (z->zinit)
    inflateEnd(&z->zs);
  if (z->f)
    fclose(z->f);
  z->f = NULL;
  z->zinit = 0;
}

/* The largest number of uncompressed bytes the file can hold. */
static size_t zin_max_bytes(const zin *z)
{
  if (!z->gz)
    return z->file_size;
  if (z->file_size > SIZE_MAX / SA_GZIP_MAX_RATIO)
    return SIZE_MAX;
  return z->file_size * SA_GZIP_MAX_RATIO;
}

/* Before allocating for a header's count: the file must be able to hold
 * `total` bytes (exactly `total` if raw).  `n` items, for the message. */
static int zin_check_size(const zin *z, size_t total, size_t n, const char *what)
{
  if (n > SA_IDX_MAX_ITEMS)
    return sa_data_error(SA_DATA_LENGTH,
                         "%s: wrong length: the header declares %zu %s, more than the maximum "
                         "%lu",
                         z->path, n, what, (unsigned long)SA_IDX_MAX_ITEMS);
  size_t max = zin_max_bytes(z);
  if (total <= max)
    return GSL_SUCCESS;
  if (z->gz)
    return sa_data_error(SA_DATA_LENGTH,
                         "%s: truncated: the header declares %zu %s (%zu bytes) but a gzip "
                         "file of %zu bytes holds at most %zu",
                         z->path, n, what, total, z->file_size, max);
  return sa_data_error(SA_DATA_LENGTH,
                       "%s: truncated: the header declares %zu %s (%zu bytes) but the file "
                       "has %zu bytes",
                       z->path, n, what, total, z->file_size);
}

/* Inflate into buf[0..len) as far as the stream allows.  Returns the number
 * of bytes produced; *zret is the last inflate code (Z_STREAM_END at the
 * end of the member, Z_BUF_ERROR when the file ended first). */
static size_t zin_inflate(zin *z, unsigned char *buf, size_t len, int *zret)
{
  size_t got = 0;
  *zret = z->zerr ? z->zerr : Z_OK;
  while (got < len && !z->zend && !z->zerr) {
    if (z->zs.avail_in == 0) {
      z->zs.avail_in = (uInt)fread(z->in, 1, sizeof z->in, z->f);
      z->zs.next_in = z->in;
      if (z->zs.avail_in == 0) {
        *zret = Z_BUF_ERROR; /* end of file inside the stream */
        return got;
      }
    }
    size_t chunk = len - got < UINT_MAX ? len - got : UINT_MAX;
    z->zs.next_out = buf + got;
    z->zs.avail_out = (uInt)chunk;
    int r = inflate(&z->zs, Z_NO_FLUSH);
    got += chunk - z->zs.avail_out;
    if (r == Z_STREAM_END)
      z->zend = 1;
    else if (r != Z_OK && r != Z_BUF_ERROR) {
      /* inflate checks the trailer as soon as it reaches it, possibly in
       * the call that filled the last byte asked for: keep the error. */
      *zret = z->zerr = r;
      return got;
    }
    *zret = r;
  }
  return got;
}

/* Names a zlib failure; a damaged trailer is reported as such. */
static int zin_corrupt(const zin *z, int zret, const char *what)
{
  const char *msg = z->zs.msg ? z->zs.msg : zError(zret);
  if (zret == Z_MEM_ERROR)
    return sa_error(GSL_ENOMEM, "%s: out of memory in zlib", z->path);
  if (z->zs.msg && !strcmp(z->zs.msg, "incorrect data check"))
    return sa_data_error(SA_DATA_SYNTAX, "%s: bad CRC-32 in the gzip trailer: the data are damaged",
                         z->path);
  if (z->zs.msg && !strcmp(z->zs.msg, "incorrect length check"))
    return sa_data_error(SA_DATA_SYNTAX, "%s: bad length in the gzip trailer: the data are damaged",
                         z->path);
  return sa_data_error(SA_DATA_SYNTAX, "%s: corrupt gzip stream in the %s: %s", z->path, what, msg);
}

/* Reads exactly len bytes.  `what` names the part, `offset` is the number
 * of uncompressed bytes before it (for the message). */
static int read_exact(zin *z, void *buf, size_t len, const char *what, size_t offset)
{
  size_t got;
  if (!z->gz) {
    got = fread(buf, 1, len, z->f);
    if (got == len)
      return GSL_SUCCESS;
    if (ferror(z->f))
      return sa_data_error(SA_DATA_OPEN, "%s: read error: %s", z->path, strerror(errno));
  } else {
    int zret;
    got = zin_inflate(z, buf, len, &zret);
    if (got == len)
      return GSL_SUCCESS;
    if (zret != Z_OK && zret != Z_BUF_ERROR && zret != Z_STREAM_END)
      return zin_corrupt(z, zret, what);
  }
  return sa_data_error(SA_DATA_LENGTH,
                       "%s: truncated: the %s needs %zu bytes from byte %zu but the file ends "
                       "after %zu of them",
                       z->path, what, len, offset, got);
}

/* After the declared payload the data must end: a raw file at its last
 * byte; a gzip file with its trailer (CRC-32 and length, both checked)
 * and nothing after it. */
static int check_end(zin *z, size_t n, size_t offset)
{
  unsigned char extra;
  if (!z->gz) {
    if (fread(&extra, 1, 1, z->f) == 0)
      return GSL_SUCCESS;
  } else {
    int zret;
    size_t got = zin_inflate(z, &extra, 1, &zret);
    if (got == 0) {
      if (!z->zend && zret == Z_BUF_ERROR)
        return sa_data_error(SA_DATA_LENGTH,
                             "%s: truncated: the gzip stream ends without its complete "
                             "trailer (CRC-32 and length)",
                             z->path);
      if (!z->zend)
        return zin_corrupt(z, zret, "trailer");
      if (z->zs.avail_in == 0 && fread(&extra, 1, 1, z->f) == 0)
        return GSL_SUCCESS;
      size_t after = z->file_size - (size_t)z->zs.total_in;
      return sa_data_error(SA_DATA_LENGTH,
                           "%s: wrong length: %zu bytes of trailing data after the gzip "
                           "stream (which ends at byte %lu of the file)",
                           z->path, after, (unsigned long)z->zs.total_in);
    }
  }
  return sa_data_error(SA_DATA_LENGTH,
                       "%s: wrong length: the header declares %zu items (%zu bytes) but the "
                       "file continues past byte %zu",
                       z->path, n, offset, offset);
}

static unsigned long be32(const unsigned char *b)
{
  return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 | (unsigned long)b[2] << 8 |
         (unsigned long)b[3];
}

static int check_magic(unsigned long magic, unsigned long want, const char *path)
{
  if (magic == want)
    return GSL_SUCCESS;
  return sa_data_error(SA_DATA_MAGIC,
                       "%s: bad magic number 0x%08lx, expected 0x%08lx (IDX %s file)%s", path,
                       magic, want, want == SA_IDX_MAGIC_IMAGES ? "image" : "label",
                       magic == SA_IDX_MAGIC_IMAGES   ? ": this is an image file"
                       : magic == SA_IDX_MAGIC_LABELS ? ": this is a label file"
                                                      : "");
}

int sa_idx_read_labels(const char *path, unsigned char **labels, size_t *n)
{
  *labels = NULL;
  *n = 0;
  zin *z = malloc(sizeof *z);
  if (!z)
    return sa_error(GSL_ENOMEM, "%s: out of memory", path);
  int status = zin_open(z, path);
  if (status) {
    free(z);
    return status;
  }
  unsigned char hdr[8];
  unsigned char *lb = NULL;
  size_t count = 0;
  status = read_exact(z, hdr, sizeof hdr, "header", 0);
  if (!status)
    status = check_magic(be32(hdr), SA_IDX_MAGIC_LABELS, path);
  if (!status) {
    count = be32(hdr + 4);
    status = zin_check_size(z, sizeof hdr + count, count, "labels");
  }
  if (!status && !(lb = malloc(count ? count : 1)))
    status = sa_error(GSL_ENOMEM, "%s: out of memory for %zu labels", path, count);
  if (!status)
    status = read_exact(z, lb, count, "labels", sizeof hdr);
  if (!status)
    status = check_end(z, count, sizeof hdr + count);
  for (size_t i = 0; i < count && !status; i++)
    if (lb[i] >= SA_NCLASSES)
      status = sa_data_error(SA_DATA_RANGE, "%s: label %zu is %u, outside 0..9", path, i,
                             (unsigned)lb[i]);
  zin_close(z);
  free(z);
  if (status) {
    free(lb);
    return status;
  }
  *labels = lb;
  *n = count;
  return GSL_SUCCESS;
}

int sa_idx_read(const char *images_path, const char *labels_path, unsigned class_mask,
                sa_images **out)
{
  *out = NULL;
  if ((class_mask & SA_ALL_CLASSES) == 0 || (class_mask & ~SA_ALL_CLASSES))
    return sa_error(GSL_EINVAL, "%s: class mask 0x%x selects no class in 0..9", images_path,
                    class_mask);
  unsigned char *labels = NULL;
  size_t nlab = 0;
  int status = sa_idx_read_labels(labels_path, &labels, &nlab);
  if (status)
    return status;
  zin *z = malloc(sizeof *z);
  if (!z) {
    free(labels);
    return sa_error(GSL_ENOMEM, "%s: out of memory", images_path);
  }
  status = zin_open(z, images_path);
  if (status) {
    free(z);
    free(labels);
    return status;
  }
  unsigned char hdr[16], px[SA_IMAGE_PIXELS];
  sa_images *im = NULL;
  size_t n = 0;
  status = read_exact(z, hdr, sizeof hdr, "header", 0);
  if (!status)
    status = check_magic(be32(hdr), SA_IDX_MAGIC_IMAGES, images_path);
  if (!status) {
    n = be32(hdr + 4);
    unsigned long rows = be32(hdr + 8), cols = be32(hdr + 12);
    if (rows != SA_IMAGE_SIDE || cols != SA_IMAGE_SIDE)
      status = sa_data_error(SA_DATA_DIM, "%s: images are %lu x %lu, expected %d x %d", images_path,
                             rows, cols, SA_IMAGE_SIDE, SA_IMAGE_SIDE);
    else if (n != nlab)
      status = sa_data_error(SA_DATA_MISMATCH, "%s: declares %zu images but %s declares %zu labels",
                             images_path, n, labels_path, nlab);
    else if (n > (SIZE_MAX - sizeof hdr) / sizeof px)
      status = zin_check_size(z, SIZE_MAX, n, "images");
    else
      status = zin_check_size(z, sizeof hdr + n * sizeof px, n, "images");
  }
  size_t keep = 0;
  for (size_t i = 0; i < nlab; i++)
    keep += (class_mask >> labels[i]) & 1u;
  if (!status && !(im = sa_images_alloc(keep)))
    status = sa_error(GSL_ENOMEM, "%s: out of memory for %zu images", images_path, keep);
  /* Blocks of images: zlib inflates large pieces much faster than 784 bytes at a time. */
  enum { BLOCK = 128 };
  unsigned char *blk = NULL;
  if (!status && !(blk = malloc(BLOCK * sizeof px)))
    status = sa_error(GSL_ENOMEM, "%s: out of memory", images_path);
  size_t k = 0;
  for (size_t i0 = 0; i0 < n && !status; i0 += BLOCK) {
    size_t nb = n - i0 < BLOCK ? n - i0 : BLOCK;
    status = read_exact(z, blk, nb * sizeof px, "image data", sizeof hdr + i0 * sizeof px);
    for (size_t i = i0; i < i0 + nb && !status; i++) {
      if (!((class_mask >> labels[i]) & 1u))
        continue;
      const unsigned char *src = blk + (i - i0) * sizeof px;
      double *dst = im->pixels + k * SA_IMAGE_PIXELS;
      for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
        dst[p] = src[p] / SA_IDX_PIXEL_MAX;
      im->labels[k++] = labels[i];
    }
  }
  free(blk);
  if (!status)
    status = check_end(z, n, sizeof hdr + n * sizeof px);
  zin_close(z);
  free(z);
  free(labels);
  if (status) {
    sa_images_free(im);
    return status;
  }
  *out = im;
  return GSL_SUCCESS;
}

int sa_fashion_read(const char *dir, const char *split, unsigned class_mask, sa_images **out)
{
  *out = NULL;
  if (!dir || !*dir || !split || (strcmp(split, "train") && strcmp(split, "t10k")))
    return sa_error(GSL_EINVAL, "fashion-mnist: split must be \"train\" or \"t10k\", not \"%s\"",
                    split ? split : "(null)");
  size_t len = strlen(dir) + strlen(split) + sizeof "/-labels-idx1-ubyte.gz";
  char *ipath = malloc(len), *lpath = malloc(len);
  int status;
  if (!ipath || !lpath)
    status = sa_error(GSL_ENOMEM, "fashion-mnist: out of memory");
  else {
    snprintf(ipath, len, "%s/%s-images-idx3-ubyte.gz", dir, split);
    snprintf(lpath, len, "%s/%s-labels-idx1-ubyte.gz", dir, split);
    status = sa_idx_read(ipath, lpath, class_mask, out);
  }
  if (status == SA_EDATA && sa_data_reason() == SA_DATA_OPEN)
    sa_error_suffix(status,
                    " (install the Debian package dataset-fashion-mnist, or pass its directory)");
  free(ipath);
  free(lpath);
  return status;
}
