/* kdl-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "kdl-test-util.h"

/**
 * kdl_test_seed:
 *
 * Randomised tests take their seed from `KDL_TEST_SEED` when it is set (to
 * reproduce a failure), else @fallback; the seed is printed either way.
 */
guint32
kdl_test_seed (guint32 fallback)
{
  const char *env = g_getenv ("KDL_TEST_SEED");
  guint32 seed = env != NULL ? (guint32)g_ascii_strtoull (env, NULL, 10) : fallback;

  g_test_message ("seed %u (set KDL_TEST_SEED to reproduce)", seed);

  return seed;
}

/* A simulator on a free loopback port, fast enough for unit tests. */
KdlSparkSim *
kdl_test_sim_new (void)
{
  g_autoptr(GError) error = NULL;
  KdlSparkSim *sim = kdl_spark_sim_new ();

  kdl_spark_sim_set_latency (sim, 5, 2);
  kdl_spark_sim_listen (sim, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdl_spark_sim_get_port (sim), >, 0);

  return sim;
}

typedef struct
{
  gboolean timed_out;
} WaitState;

static gboolean
on_wait_timeout (gpointer user_data)
{
  WaitState *state = user_data;

  state->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @predicate holds; fails the test after
 * @timeout_ms, so a broken implementation never hangs the suite. */
void
kdl_test_wait_until (gboolean (*predicate) (gpointer),
                     gpointer   data,
                     guint      timeout_ms)
{
  WaitState state = { FALSE };
  guint id = g_timeout_add (timeout_ms, on_wait_timeout, &state);

  while (!predicate (data) && !state.timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (state.timed_out)
    g_error ("timed out after %u ms", timeout_ms);

  g_source_remove (id);
}

void
kdl_test_spin (guint ms)
{
  WaitState state = { FALSE };

  g_timeout_add (ms, on_wait_timeout, &state);
  while (!state.timed_out)
    g_main_context_iteration (NULL, TRUE);
}

char *
kdl_test_sample_path (const char *name)
{
  const char *dir = g_getenv ("KDL_SAMPLES_DIR");

  g_assert_nonnull (dir);

  return g_build_filename (dir, name, NULL);
}

/* Sets LC_ALL; a test that needs a locale must fail without it, or it
 * silently tests the C locale. */
gboolean
kdl_test_set_locale (const char *locale)
{
  return setlocale (LC_ALL, locale) != NULL;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/**
 * kdl_test_spawn_sim:
 * @extra_args: (nullable): more arguments for kindling-spark-sim
 * @base_url: (out): `ws://127.0.0.1:PORT`
 *
 * Starts the simulator program (`$KDL_SIM`) on a free port.
 */
GSubprocess *
kdl_test_spawn_sim (const char * const *extra_args,
                    char              **base_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocess *proc;
  const char *sim = g_getenv ("KDL_SIM");

  g_assert_nonnull (sim);
  g_ptr_array_add (argv, (gpointer)sim);
  g_ptr_array_add (argv, (gpointer)"--port=0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A test that fails aborts without tearing down: the simulator must not
   * outlive it (it would hold the test's stderr open and hang meson). */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  *base_url = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*base_url);
  g_assert_true (g_str_has_prefix (*base_url, "ws://127.0.0.1:"));

  return proc;
}

/**
 * kdl_test_run_cli:
 * @args: arguments after `kindling-cli`
 * @env: (nullable): `NAME=VALUE` strings added to the environment
 * @input: (nullable): standard input
 * @out: (out) (optional): standard output
 * @err: (out) (optional): standard error
 *
 * Returns: the exit status of `$KDL_CLI`
 */
int
kdl_test_run_cli (const char * const *args,
                  const char * const *env,
                  const char         *input,
                  char              **out,
                  char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *cli = g_getenv ("KDL_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer)cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] ? pair[1] : "", TRUE);
    }

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);

  g_test_message ("kindling-cli %s → %d\nstderr: %s", args[0],
                  g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1,
                  stderr_text);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  g_assert_true (g_subprocess_get_if_exited (proc));

  return g_subprocess_get_exit_status (proc);
}

static char *temp_dir;

static void
remove_temp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (temp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (temp_dir);
}

/* Writes a fixture into a temporary folder removed at exit; returns its path. */
char *
kdl_test_write_file (const char *name,
                     const char *contents,
                     gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path;

  if (temp_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("kindling-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_temp_dir);
    }

  path = g_build_filename (temp_dir, name, NULL);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

/* Loads a dataset (blocking) and fails the test on an error. */
KdlDataset *
kdl_test_load (const char             *path,
               const KdlImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KdlDataset *dataset = kdl_dataset_load (file, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_true (kdl_dataset_is_complete (dataset));

  return dataset;
}

KdlDataset *
kdl_test_load_text (const char *name,
                    const char *contents,
                    gssize      len)
{
  g_autofree char *path = kdl_test_write_file (name, contents, len);

  return kdl_test_load (path, NULL);
}

guint
kdl_test_count_issues (GArray     *issues,
                       const char *code)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    n += g_str_equal (g_array_index (issues, KdlImportIssue, i).code, code);

  return n;
}

/* Issue @i has this row, line and code; a rejected one (row > 0) also a message. */
void
kdl_test_assert_issue (GArray     *issues,
                       guint       i,
                       guint       row,
                       guint       line,
                       const char *code)
{
  const KdlImportIssue *issue;

  g_assert_cmpuint (i, <, issues->len);
  issue = &g_array_index (issues, KdlImportIssue, i);
  g_assert_cmpuint (issue->row, ==, row);
  g_assert_cmpuint (issue->line, ==, line);
  g_assert_cmpstr (issue->code, ==, code);
  if (row != 0)
    g_assert_true (issue->message != NULL && issue->message[0] != '\0');
}

/**
 * kdl_test_require_session:
 * @what: what the test needs, for the skip message
 *
 * Call first in main().  Tests that need a display, a session bus or an
 * unlocked keyring run in the session `build-aux/dev test` makes (it sets
 * KDL_TEST_SESSION).  Outside it they are skipped as a whole; inside it
 * they run, and fail loudly if something is missing.
 */
void
kdl_test_require_session (const char *what)
{
  if (g_getenv ("KDL_TEST_SESSION") != NULL)
    return;

  if (g_getenv ("DISPLAY") != NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return;

  /* The TAP plan of a skipped test program. */
  printf ("1..0 # SKIP needs %s: run it with build-aux/dev test\n", what);
  exit (0);
}

/**
 * kdl_test_make_large:
 * @dir: where to write
 * @format: "jsonl" or "csv"
 * @rows: how many rows
 *
 * Writes @rows rows of make_large.py (seed 1) to @dir/large-ROWS.FORMAT
 * with /usr/bin/python3; the caller checks that it exists first.
 *
 * Returns: (transfer full): the file's path
 */
char *
kdl_test_make_large (const char *dir,
                     const char *format,
                     guint       rows)
{
  g_autofree char *script = kdl_test_sample_path ("make_large.py");
  g_autofree char *name = g_strdup_printf ("large-%u.%s", rows, format);
  g_autofree char *count = g_strdup_printf ("%u", rows);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           "/usr/bin/python3", script, "--rows", count, "--format", format,
                           "--out", path, "--quiet", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);

  return path;
}
