/* Tests of the sweep engine (src/sweep/sweep.h) with a stand-in subcommand:
 * grid syntax errors name the axis, the Cartesian order (first axis
 * slowest), the point command line and "{point}" substitution, a failing
 * point recorded with its reason while the others complete, a diverged
 * point, resuming (a point is done iff its file carries its command line),
 * a directory holding another sweep refused (messages in the library's
 * words, no option names), the summary's columns
 * (union of the result names, nan where absent), a failure record that
 * cannot be written (GSL_EFAILED), and sa_sweep_run_pending in this
 * process (runs the points not done, skips the done ones, retries the
 * failed ones on request, hands a point's bookkeeping failure to its
 * callback).  Its MPI path is tested by sweep_cli.sh (2 and 6 ranks). */
#include "config.h"

#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "sweep/sweep.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int calls; /* runs of the stand-in subcommand */

/* Stand-in subcommand: --x (number) and --tag (text); writes a TSV with
 * "# result y = x^2", "# result neg = 1" for x < 0, exits 2 for x = 13,
 * and marks divergence (exit 3, file kept) for x = 99. */
static int fake_cmd(int argc, char **argv)
{
  double x;
  const char *tag, *output;
  const sa_opt table[] = {
      {"x", SA_OPT_DOUBLE, &x, "0", NULL, "value"},
      {"tag", SA_OPT_STRING, &tag, "none", NULL, "text"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output"},
  };
  calls++;
  int help = 0;
  if (sa_opts_read(table, 3, argc, argv, 1, &help) != GSL_SUCCESS || help) {
    fprintf(stderr, "silentalign fake: %s\n", sa_error_message());
    return 2;
  }
  if (x == 13) {
    fprintf(stderr, "silentalign fake: invalid value '13' for --x: unlucky\n");
    return 2;
  }
  sa_output *out = NULL;
  if (sa_output_create(output, argc, argv, table, 3, &out) != GSL_SUCCESS) {
    fprintf(stderr, "silentalign fake: %s\n", sa_error_message());
    return 1;
  }
  const char *cols[] = {"x", "y"};
  sa_output_columns(out, 2, cols);
  double row[] = {x, x * x};
  sa_output_row(out, row);
  if (x == 99) {
    sa_output_comment(out, "DIVERGED at step 1: test");
    sa_output_result(out, "diverged", 1, NULL);
    return sa_output_finish(out) == GSL_SUCCESS ? 3 : 1;
  }
  sa_output_result(out, "y", x * x, "x^2");
  if (x < 0)
    sa_output_result(out, "neg", 1, NULL);
  char name[64];
  snprintf(name, sizeof name, "tag_%s", tag);
  sa_output_result(out, name, 1, NULL);
  return sa_output_finish(out) == GSL_SUCCESS ? 0 : 1;
}

/* What sa_sweep_run_pending reported through on_error. */
typedef struct {
  int n;
  size_t point;
  int status;
  char message[512];
} point_errors;

static void on_point_error(size_t point, int status, void *arg)
{
  point_errors *e = arg;
  e->n++;
  e->point = point;
  e->status = status;
  snprintf(e->message, sizeof e->message, "%s", sa_error_message());
}

static char *slurp(const char *path)
{
  FILE *fp = fopen(path, "r");
  if (!fp)
    return NULL;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  fclose(fp);
  return buf;
}

static int bad_grid(const char *spec, const char *must_name)
{
  sa_sweep_plan *p = sa_sweep_plan_new();
  sa_sweep_add_grid(p, "x:1,2");
  int rc = sa_sweep_add_grid(p, spec);
  sa_sweep_plan_free(p);
  /* The library names the axis, not the program's option (src/cli adds it). */
  return rc == GSL_EINVAL && strstr(sa_error_message(), must_name) != NULL &&
         strstr(sa_error_message(), "grid axis") && !strstr(sa_error_message(), "--");
}

/* The data rows of DIR/summary.tsv (no '#' lines except columns). */
static char *summary_body(const char *dir)
{
  char path[512];
  snprintf(path, sizeof path, "%s/summary.tsv", dir);
  char *t = slurp(path);
  static char body[1 << 16];
  size_t len = 0;
  body[0] = '\0';
  if (!t)
    return body;
  for (char *line = t; line && *line;) {
    char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line + 1) : strlen(line);
    if ((line[0] != '#' || !strncmp(line, "# columns:", 10)) && len + n < sizeof body) {
      memcpy(body + len, line, n);
      body[len += n] = '\0';
    }
    line = end ? end + 1 : NULL;
  }
  return body;
}

int main(void)
{
  /* Grid syntax. */
  tap_ok(bad_grid("sigma", "sigma"), "a grid axis without ':' is refused, naming it");
  tap_ok(bad_grid(":1,2", ":1,2"), "a grid axis with an empty option name is refused");
  tap_ok(bad_grid("y:1,,2", "y:1,,2"), "a grid axis with an empty value is refused, naming it");
  tap_ok(bad_grid("y:", "y:"), "a grid axis with no values is refused");
  tap_ok(bad_grid("x:3", "'x'"), "an option given as two axes is refused, naming it");
  tap_ok(bad_grid("a b:1", "a b:1"), "a space in the option name is refused");

  char tmpl[] = "/tmp/test_sweep.XXXXXX";
  char *root = mkdtemp(tmpl);
  if (!root) {
    tap_ok(0, "temporary directory");
    return tap_done();
  }
  char dir[512], pts[512], path[600];
  snprintf(dir, sizeof dir, "%s/out", root);
  snprintf(pts, sizeof pts, "%s/points.tsv", root);
  FILE *fp = fopen(pts, "w");
  fprintf(fp, "# two points\nx\ttag\n-2\tfirst\n13\tbad\n");
  fclose(fp);

  sa_sweep_plan *plan = sa_sweep_plan_new();
  int rc = sa_sweep_add_points_file(plan, pts);
  rc |= sa_sweep_add_grid(plan, "note:a,b,c");
  tap_ok(rc == 0 && sa_sweep_n_points(plan) == 6 && sa_sweep_n_names(plan) == 3,
         "points file (2 rows, 2 options) x grid (3 values) = 6 points, 3 options");
  tap_ok(!strcmp(sa_sweep_value(plan, 0, 0), "-2") && !strcmp(sa_sweep_value(plan, 2, 2), "c") &&
             !strcmp(sa_sweep_value(plan, 3, 0), "13") && !strcmp(sa_sweep_value(plan, 3, 2), "a"),
         "Cartesian order: first axis slowest, last fastest");

  /* The stand-in takes --x and --tag but not --note: use a plan of its own
   * options for running, the 6-point one for the order checks above. */
  sa_sweep_plan_free(plan);
  plan = sa_sweep_plan_new();
  snprintf(path, sizeof path, "%s/missing.tsv", root);
  rc = sa_sweep_add_points_file(plan, path);
  tap_ok(rc == GSL_EINVAL && strstr(sa_error_message(), "cannot open points file") &&
             strstr(sa_error_message(), path) && !strstr(sa_error_message(), "--"),
         "a missing points file: GSL_EINVAL naming the file, no option name");
  rc = sa_sweep_add_points_file(plan, pts);
  sa_sweep_plan *plan2 = sa_sweep_plan_new();
  rc |= sa_sweep_add_grid(plan2, "x:1,99,3");
  tap_ok(rc == 0, "plans parsed");

  char *base[] = {"fake", "--tag=p{point}"};
  sa_sweep sw = {plan2, dir, 2, base, fake_cmd, 1, NULL};
  int argc;
  char **argv = sa_sweep_point_argv(&sw, 2, &argc);
  snprintf(path, sizeof path, "%s/point-0003.tsv", dir);
  tap_ok(argv && argc == 5 && !strcmp(argv[1], "--tag=p0003") && !strcmp(argv[2], "--x=3") &&
             !strcmp(argv[3], "-o") && !strcmp(argv[4], path) && argv[5] == NULL,
         "point 3: fake --tag=p0003 --x=3 -o DIR/point-0003.tsv");
  sa_sweep_argv_free(argv);

  tap_ok(sa_sweep_prepare_dir(&sw) == 0, "prepare_dir creates DIR and plan.tsv");
  calls = 0;
  int s0, s1;
  int r0 = sa_sweep_run_point(&sw, 0, &s0), r1 = sa_sweep_run_point(&sw, 1, &s1);
  tap_ok(r0 == GSL_SUCCESS && r1 == GSL_SUCCESS && s0 == SA_SWEEP_OK && s1 == SA_SWEEP_DIVERGED,
         "x=1 ok, x=99 diverged (exit 3, file kept), both GSL_SUCCESS");
  tap_ok(sa_sweep_point_state(&sw, 2, NULL, 0) == SA_SWEEP_MISSING, "x=3 not run yet: missing");
  /* A temporary left by a killed run is removed and does not count. */
  snprintf(path, sizeof path, "%s/point-0003.tsv.tmp.ABCDEF", dir);
  fp = fopen(path, "w");
  fputs("# half a file\n", fp);
  fclose(fp);
  tap_ok(sa_sweep_prepare_dir(&sw) == 0 && access(path, F_OK) != 0 &&
             sa_sweep_point_state(&sw, 2, NULL, 0) == SA_SWEEP_MISSING,
         "rerun: the killed point's temporary is removed, the point is still missing");
  size_t counts[4];
  rc = sa_sweep_write_summary(&sw, 2, base, counts);
  tap_ok(rc == 0 && counts[SA_SWEEP_OK] == 1 && counts[SA_SWEEP_DIVERGED] == 1 &&
             counts[SA_SWEEP_MISSING] == 1,
         "summary of a partial sweep: 1 ok, 1 diverged, 1 missing");
  int s2;
  tap_ok(sa_sweep_run_point(&sw, 2, &s2) == GSL_SUCCESS && s2 == SA_SWEEP_OK && calls == 3,
         "the missing point runs");
  rc = sa_sweep_write_summary(&sw, 2, base, counts);
  /* tag_p0001 is only in point 1: it is "1" there. */
  const char *want = "# columns: point x y tag_p0001 diverged tag_p0003 status reason\n"
                     "1\t1\t1\t1\tnan\tnan\tok\t-\n"
                     "2\t99\tnan\tnan\t1\tnan\tdiverged\t-\n"
                     "3\t3\t9\tnan\tnan\t1\tok\t-\n";
  char *body = summary_body(dir);
  tap_ok(rc == 0 && !strcmp(body, want),
         "summary: union of result names in order of appearance, nan where absent");
  if (strcmp(body, want))
    tap_diag("summary body:\n%s", body);

  /* Another sweep in the same directory is refused. */
  sa_sweep other = {plan, dir, 2, base, fake_cmd, 1, NULL};
  rc = sa_sweep_prepare_dir(&other);
  tap_ok(rc == GSL_EINVAL && strstr(sa_error_message(), "holds another sweep") &&
             strstr(sa_error_message(), "output directory") && !strstr(sa_error_message(), "--"),
         "a directory holding another sweep is refused (GSL_EINVAL, with the reason, no option "
         "name)");

  /* A point whose file carries another command is not done. */
  char *base_b[] = {"fake", "--tag=other"};
  sa_sweep sw_b = {plan2, dir, 2, base_b, fake_cmd, 1, NULL};
  tap_ok(sa_sweep_point_state(&sw_b, 0, NULL, 0) == SA_SWEEP_MISSING,
         "a point file with another command line does not count as done");

  /* Failing point: recorded with its reason, the others complete. */
  char dir2[512];
  snprintf(dir2, sizeof dir2, "%s/out2", root);
  char *base2[] = {"fake"};
  sa_sweep sw2 = {plan, dir2, 1, base2, fake_cmd, 1, NULL};
  sa_sweep_prepare_dir(&sw2);
  int f0, f1;
  int g0 = sa_sweep_run_point(&sw2, 0, &f0), g1 = sa_sweep_run_point(&sw2, 1, &f1);
  char reason[512] = "";
  int fs = sa_sweep_point_state(&sw2, 1, reason, sizeof reason);
  snprintf(path, sizeof path, "%s/point-0002.tsv", dir2);
  tap_ok(g0 == GSL_SUCCESS && g1 == GSL_SUCCESS && f0 == SA_SWEEP_OK && f1 == SA_SWEEP_FAILED &&
             fs == SA_SWEEP_FAILED && access(path, F_OK) != 0 && strstr(reason, "exit 2") &&
             strstr(reason, "--x"),
         "x=13 fails: recorded in point-0002.failed with exit 2 and the message naming --x");
  tap_diag("reason: %s", reason);
  rc = sa_sweep_write_summary(&sw2, 1, base2, counts);
  body = summary_body(dir2);
  tap_ok(rc == 0 && counts[SA_SWEEP_OK] == 1 && counts[SA_SWEEP_FAILED] == 1 &&
             strstr(body, "\tfailed\texit 2: silentalign fake: invalid value '13' for --x"),
         "summary row of the failed point: status failed and the reason");

  /* The failure record cannot be written (a directory where the file goes:
   * the rename fails even for root): GSL_EFAILED with the path, and the
   * point still counts as failed. */
  char dir3[512];
  snprintf(dir3, sizeof dir3, "%s/out3", root);
  sa_sweep sw3 = {plan, dir3, 1, base2, fake_cmd, 1, NULL};
  sa_sweep_prepare_dir(&sw3);
  snprintf(path, sizeof path, "%s/point-0002.failed", dir3);
  mkdir(path, 0755);
  int f3, g3 = sa_sweep_run_point(&sw3, 1, &f3);
  tap_ok(g3 == GSL_EFAILED && f3 == SA_SWEEP_FAILED && strstr(sa_error_message(), "cannot write") &&
             strstr(sa_error_message(), "point-0002.failed"),
         "an unwritable failure record: GSL_EFAILED naming the file, the point failed");
  tap_diag("message: %s", sa_error_message());
  rmdir(path);

  /* The pending points, in this process: sa_sweep_run_pending. */
  char dir4[512];
  snprintf(dir4, sizeof dir4, "%s/out4", root);
  sa_sweep_plan *plan4 = sa_sweep_plan_new();
  rc = sa_sweep_add_grid(plan4, "x:1,13,99,4");
  sa_sweep sw4 = {plan4, dir4, 1, base2, fake_cmd, 1, NULL};
  sa_sweep_ranks ranks;
  rc |= sa_sweep_ranks_init(&ranks, NULL, NULL, 0);
  tap_ok(rc == GSL_SUCCESS && ranks.rank == 0 && ranks.size == 1 && !ranks.mpi &&
             sa_sweep_ranks_share(&ranks, 7) == 7,
         "not under mpirun: this process alone, rank 0 of 1; sharing a value returns it");
  int s4;
  rc = sa_sweep_prepare_dir(&sw4) | sa_sweep_run_point(&sw4, 0, &s4); /* point 1 done before */
  point_errors errs = {0, 0, GSL_SUCCESS, ""};
  sa_sweep_tally t = {9, 9, 9};
  calls = 0;
  rc |= sa_sweep_run_pending(&sw4, &ranks, 0, on_point_error, &errs, &t);
  tap_ok(rc == GSL_SUCCESS && calls == 3 && t.pending == 3 && t.ran == 3 && t.failed == 1 &&
             errs.n == 0 && sa_sweep_point_state(&sw4, 0, NULL, 0) == SA_SWEEP_OK &&
             sa_sweep_point_state(&sw4, 1, NULL, 0) == SA_SWEEP_FAILED &&
             sa_sweep_point_state(&sw4, 2, NULL, 0) == SA_SWEEP_DIVERGED &&
             sa_sweep_point_state(&sw4, 3, NULL, 0) == SA_SWEEP_OK,
         "run_pending: the 3 points not done run (1 failed, 1 diverged), the done one is skipped");
  calls = 0;
  rc = sa_sweep_run_pending(&sw4, NULL, 0, on_point_error, &errs, &t);
  tap_ok(rc == GSL_SUCCESS && calls == 0 && t.pending == 0 && t.ran == 0 && t.failed == 0,
         "run again (ranks NULL): nothing pending, nothing run");
  /* Retrying the failed point whose record cannot be written (a directory
   * where it goes): on_error gets the point and GSL_EFAILED, the run
   * still returns GSL_SUCCESS and counts it failed. */
  snprintf(path, sizeof path, "%s/point-0002.failed", dir4);
  unlink(path);
  mkdir(path, 0755);
  rc = sa_sweep_run_pending(&sw4, NULL, 1, on_point_error, &errs, &t);
  tap_ok(rc == GSL_SUCCESS && t.pending == 1 && t.ran == 1 && t.failed == 1 && errs.n == 1 &&
             errs.point == 1 && errs.status == GSL_EFAILED &&
             strstr(errs.message, "point-0002.failed"),
         "retry_failed: the failed point runs again; its unwritable record goes to on_error "
         "(point 2, GSL_EFAILED, naming the file), the run returns GSL_SUCCESS");
  tap_diag("on_error: %s", errs.message);
  rmdir(path);
  sa_sweep_ranks_finish(&ranks);
  sa_sweep_plan_free(plan4);

  sa_sweep_plan_free(plan);
  sa_sweep_plan_free(plan2);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  if (system(cmd) != 0)
    tap_diag("could not remove %s", root);
  return tap_done();
}
