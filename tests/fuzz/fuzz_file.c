/* Scratch files for the fuzz harnesses: see fuzz_file.h. */
#include "config.h"

#include "fuzz_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char paths[2][512];
static int fds[2] = {-1, -1};

static void remove_files(void)
{
  for (int i = 0; i < 2; i++)
    if (fds[i] >= 0) {
      close(fds[i]);
      unlink(paths[i]);
    }
}

void sa_fuzz_fail(const char *file, int line, const char *what)
{
  fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
  abort();
}

const char *sa_fuzz_file(int slot, const uint8_t *data, size_t size)
{
  if (fds[slot] < 0) {
    /* $TMPDIR, else /dev/shm (memory: many thousand rewrites a second), else /tmp */
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
      dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(paths[slot], sizeof paths[slot], "%s/sa_fuzz.XXXXXX", dir);
    fds[slot] = mkstemp(paths[slot]);
    if (fds[slot] < 0) {
      perror("sa_fuzz_file: mkstemp");
      abort();
    }
    static int registered;
    if (!registered++)
      atexit(remove_files);
  }
  if (ftruncate(fds[slot], 0) != 0 || (size && pwrite(fds[slot], data, size, 0) != (ssize_t)size)) {
    perror("sa_fuzz_file: write");
    abort();
  }
  return paths[slot];
}
