/* Replays committed inputs through a fuzz harness in the ordinary build
 * (no libFuzzer): every file of tests/fuzz/corpus/NAME and
 * tests/fuzz/regress/NAME under $SA_TOP_SRCDIR (or the files and
 * directories given as arguments) is passed to LLVMFuzzerTestOneInput, one
 * TAP line each.  A harness invariant that fails aborts the program, and
 * the test with it; under check-valgrind every input is checked for
 * memory errors too.  NAME is SA_FUZZ_NAME, set by tests/fuzz/local.mk. */
#include "config.h"

#include "fuzz_file.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int count;

static void replay_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    printf("not ok %d - cannot open %s\n", ++count, path);
    return;
  }
  size_t cap = 1 << 12, n = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *nb = realloc(buf, 2 * cap);
      if (!nb)
        break;
      buf = nb;
      cap *= 2;
    }
  }
  fclose(f);
  if (!buf) {
    printf("not ok %d - out of memory reading %s\n", ++count, path);
    return;
  }
  fflush(stdout);
  LLVMFuzzerTestOneInput(buf, n);
  free(buf);
  printf("ok %d - %s input %s (%zu bytes): harness invariants hold\n", ++count, SA_FUZZ_NAME, path,
         n);
}

static int cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_path(const char *path)
{
  struct stat st;
  if (stat(path, &st) != 0)
    return;
  if (!S_ISDIR(st.st_mode)) {
    replay_file(path);
    return;
  }
  DIR *d = opendir(path);
  if (!d)
    return;
  char **names = NULL;
  size_t nn = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    char **nv = realloc(names, (nn + 1) * sizeof *nv);
    if (!nv)
      break;
    names = nv;
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    if (!(names[nn] = malloc(len)))
      break;
    snprintf(names[nn++], len, "%s/%s", path, e->d_name);
  }
  closedir(d);
  if (nn) /* an empty directory leaves names NULL, which qsort must not get */
    qsort(names, nn, sizeof *names, cmp);
  for (size_t i = 0; i < nn; i++) {
    replay_file(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv)
{
  if (argc > 1) {
    for (int i = 1; i < argc; i++)
      replay_path(argv[i]);
  } else {
    const char *top = getenv("SA_TOP_SRCDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fuzz/corpus/%s", top ? top : ".", SA_FUZZ_NAME);
    replay_path(path);
    snprintf(path, sizeof path, "%s/tests/fuzz/regress/%s", top ? top : ".", SA_FUZZ_NAME);
    replay_path(path);
  }
  if (count == 0)
    printf("not ok 1 - no %s inputs found (set SA_TOP_SRCDIR)\n", SA_FUZZ_NAME), count = 1;
  printf("1..%d\n", count);
  return 0;
}
