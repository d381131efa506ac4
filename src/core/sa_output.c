/* Atomic TSV output with provenance header: see sa_output.h. */
#include "config.h"

#include "sa_output.h"
#include "sa_version.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sa_output {
  FILE *fp;
  char *path;     /* final path, NULL for stdout */
  char *tmp_path; /* temporary path, NULL for stdout */
  size_t ncol;
};

sa_output *sa_output_open(const char *path, int argc, char **argv,
                          const sa_opt *table, size_t n)
{
  sa_output *out = calloc(1, sizeof *out);
  if (!out) {
    fprintf(stderr, "silentalign: out of memory\n");
    return NULL;
  }
  if (!path || !strcmp(path, "-")) {
    out->fp = stdout;
  } else {
    size_t len = strlen(path);
    out->path = malloc(len + 1);
    out->tmp_path = malloc(len + 16);
    if (!out->path || !out->tmp_path)
      goto fail;
    memcpy(out->path, path, len + 1);
    snprintf(out->tmp_path, len + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(out->tmp_path);
    if (fd < 0) {
      fprintf(stderr, "silentalign: cannot create output file '%s': %s\n", path,
              strerror(errno));
      goto fail;
    }
    fchmod(fd, 0644); /* mkstemp creates 0600; outputs are ordinary files */
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
      close(fd);
      unlink(out->tmp_path);
      goto fail;
    }
  }
  sa_version_print_header(out->fp);
  fputs("# command", out->fp);
  for (int i = 0; i < argc; i++)
    fprintf(out->fp, " %s", argv[i]);
  fputc('\n', out->fp);
  if (table)
    sa_opts_print_values(out->fp, table, n);
  return out;
fail:
  free(out->path);
  free(out->tmp_path);
  free(out);
  return NULL;
}

FILE *sa_output_stream(sa_output *out) { return out->fp; }

void sa_output_comment(sa_output *out, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("# ", out->fp);
  vfprintf(out->fp, fmt, ap);
  fputc('\n', out->fp);
  va_end(ap);
}

void sa_output_columns(sa_output *out, size_t ncol, const char *const *names)
{
  out->ncol = ncol;
  fputs("# columns:", out->fp);
  for (size_t i = 0; i < ncol; i++)
    fprintf(out->fp, " %s", names[i]);
  fputc('\n', out->fp);
}

void sa_output_row(sa_output *out, const double *values)
{
  for (size_t i = 0; i < out->ncol; i++)
    fprintf(out->fp, i ? "\t%.12g" : "%.12g", values[i]);
  fputc('\n', out->fp);
}

static void release(sa_output *out)
{
  free(out->path);
  free(out->tmp_path);
  free(out);
}

int sa_output_commit(sa_output *out)
{
  int status = 0;
  if (!out->path) {
    if (fflush(out->fp) != 0 || ferror(out->fp)) {
      fprintf(stderr, "silentalign: error writing to standard output\n");
      status = -1;
    }
    release(out);
    return status;
  }
  if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0) {
    fprintf(stderr, "silentalign: error writing '%s': %s\n", out->path, strerror(errno));
    status = -1;
  }
  if (fclose(out->fp) != 0 && status == 0) {
    fprintf(stderr, "silentalign: error closing '%s': %s\n", out->path, strerror(errno));
    status = -1;
  }
  if (status == 0 && rename(out->tmp_path, out->path) != 0) {
    fprintf(stderr, "silentalign: cannot rename output into '%s': %s\n", out->path,
            strerror(errno));
    status = -1;
  }
  if (status != 0)
    unlink(out->tmp_path);
  release(out);
  return status;
}

void sa_output_abort(sa_output *out)
{
  if (out->path) {
    fclose(out->fp);
    unlink(out->tmp_path);
  } else {
    fflush(out->fp);
  }
  release(out);
}
