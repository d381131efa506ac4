/* Atomic TSV output with provenance header: see sa_output.h. */
#include "config.h"

#include "sa_output.h"
#include "sa_errno.h"
#include "sa_version.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sa_output {
  FILE *fp;
  char *path;     /* final path, NULL for stdout */
  char *tmp_path; /* temporary path, NULL for stdout */
  int slot;       /* index in the registry of temporaries, -1 if none */
  size_t ncol;
};

/* Registry of the open temporaries, for the signal handler: the paths are
 * copied into static storage before their slot is marked used, so the
 * handler reads only complete strings and calls only unlink, write and
 * raise (async-signal-safe). */
#define SA_OUTPUT_SLOTS 4
#define SA_OUTPUT_PATH_MAX 4096
static char tmp_registry[SA_OUTPUT_SLOTS][SA_OUTPUT_PATH_MAX];
static volatile sig_atomic_t tmp_used[SA_OUTPUT_SLOTS];
static int handlers_installed;
static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void on_fatal_signal(int sig)
{
  for (int i = 0; i < SA_OUTPUT_SLOTS; i++)
    if (tmp_used[i])
      unlink(tmp_registry[i]);
  static const char msg[] = "silentalign: interrupted by a signal; no output file written\n";
  ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)w;
  /* Die of the same signal, so the parent sees that the run was interrupted
   * (the shell reports 128 + the signal number).  The signal stays blocked
   * until the handler returns, then the default action ends the process. */
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install_handlers(void)
{
  if (handlers_installed)
    return;
  handlers_installed = 1;
  for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++) {
    struct sigaction old, sa;
    /* A signal ignored at start (e.g. SIGINT for a background job of a
     * non-interactive shell, SIGHUP under nohup) stays ignored. */
    if (sigaction(caught_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
      continue;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t j = 0; j < sizeof caught_signals / sizeof caught_signals[0]; j++)
      sigaddset(&sa.sa_mask, caught_signals[j]);
    sigaction(caught_signals[i], &sa, NULL);
  }
}

/* Returns the slot holding path, or -1 if the path is too long or all slots are used. */
static int register_tmp(const char *path)
{
  size_t len = strlen(path);
  if (len >= SA_OUTPUT_PATH_MAX)
    return -1;
  install_handlers();
  for (int i = 0; i < SA_OUTPUT_SLOTS; i++)
    if (!tmp_used[i]) {
      memcpy(tmp_registry[i], path, len + 1);
      tmp_used[i] = 1;
      return i;
    }
  return -1;
}

static void unregister_tmp(int slot)
{
  if (slot >= 0)
    tmp_used[slot] = 0;
}

int sa_output_create(const char *path, int argc, char **argv, const sa_opt *table, size_t n,
                     sa_output **result)
{
  *result = NULL;
  sa_output *out = calloc(1, sizeof *out);
  if (!out)
    return sa_error(GSL_ENOMEM, "out of memory");
  int status = GSL_SUCCESS;
  out->slot = -1;
  if (!path || !strcmp(path, "-")) {
    out->fp = stdout;
  } else {
    size_t len = strlen(path);
    out->path = malloc(len + 1);
    out->tmp_path = malloc(len + 16);
    if (!out->path || !out->tmp_path) {
      status = sa_error(GSL_ENOMEM, "out of memory");
      goto fail;
    }
    memcpy(out->path, path, len + 1);
    snprintf(out->tmp_path, len + 16, "%s.tmp.XXXXXX", path);
    /* Block the caught signals between creating the temporary and
     * registering it, so that no interruption can leave it behind. */
    sigset_t block, prev;
    sigemptyset(&block);
    for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++)
      sigaddset(&block, caught_signals[i]);
    sigprocmask(SIG_BLOCK, &block, &prev);
    int fd = mkstemp(out->tmp_path);
    if (fd >= 0 && (out->slot = register_tmp(out->tmp_path)) < 0) {
      close(fd);
      unlink(out->tmp_path);
      fd = -1;
      errno = ENAMETOOLONG;
    }
    sigprocmask(SIG_SETMASK, &prev, NULL);
    if (fd < 0) {
      status = sa_error(GSL_EFAILED, "cannot create output file '%s': %s", path, strerror(errno));
      goto fail;
    }
    fchmod(fd, 0644); /* mkstemp creates 0600; outputs are ordinary files */
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
      status = sa_error(GSL_EFAILED, "cannot create output file '%s': %s", path, strerror(errno));
      close(fd);
      unlink(out->tmp_path);
      unregister_tmp(out->slot);
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
  *result = out;
  return GSL_SUCCESS;
fail:
  free(out->path);
  free(out->tmp_path);
  free(out);
  return status;
}

FILE *sa_output_stream(sa_output *out)
{
  return out->fp;
}

void sa_output_comment(sa_output *out, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("# ", out->fp);
  vfprintf(out->fp, fmt, ap);
  fputc('\n', out->fp);
  va_end(ap);
}

/* One result value: %.17g (round trip), NaN as "nan" whatever its sign. */
static void print_result_value(FILE *fp, double v)
{
  if (isnan(v))
    fputs("nan", fp);
  else
    fprintf(fp, "%.17g", v);
}

void sa_output_result(sa_output *out, const char *name, double value, const char *note)
{
  fprintf(out->fp, "# result %s = ", name);
  print_result_value(out->fp, value);
  if (note)
    fprintf(out->fp, "  (%s)", note);
  fputc('\n', out->fp);
}

void sa_output_result_fields(sa_output *out, const char *label, size_t n, const char *const *names,
                             const double *values)
{
  fprintf(out->fp, "# result %s:", label);
  for (size_t i = 0; i < n; i++) {
    fprintf(out->fp, " %s = ", names[i]);
    print_result_value(out->fp, values[i]);
  }
  fputc('\n', out->fp);
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

int sa_output_finish(sa_output *out)
{
  int status = GSL_SUCCESS;
  if (!out->path) {
    if (fflush(out->fp) != 0 || ferror(out->fp))
      status = sa_error(GSL_EFAILED, "error writing to standard output");
    release(out);
    return status;
  }
  if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0)
    status = sa_error(GSL_EFAILED, "error writing '%s': %s", out->path, strerror(errno));
  if (fclose(out->fp) != 0 && status == GSL_SUCCESS)
    status = sa_error(GSL_EFAILED, "error closing '%s': %s", out->path, strerror(errno));
  if (status == GSL_SUCCESS && rename(out->tmp_path, out->path) != 0)
    status =
        sa_error(GSL_EFAILED, "cannot rename output into '%s': %s", out->path, strerror(errno));
  if (status != GSL_SUCCESS)
    unlink(out->tmp_path);
  unregister_tmp(out->slot); /* after the rename: an interruption before it removes the temporary */
  release(out);
  return status;
}

void sa_output_abort(sa_output *out)
{
  if (out->path) {
    fclose(out->fp);
    unlink(out->tmp_path);
    unregister_tmp(out->slot);
  } else {
    fflush(out->fp);
  }
  release(out);
}
