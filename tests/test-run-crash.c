/* test-run-crash.c — kill `kindling-cli run` with SIGKILL at several
 * moments, resume, and prove nothing finished was redone, everything got
 * done, and the file is sound; a second reader watches all along
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-store.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

#define N_ROWS 60

typedef struct
{
  GSubprocess    *sim;
  char           *base;
  char           *dir;
  char           *dataset;
  char           *project;
  char           *log;
  KdlStoreReader *watcher;
  guint           watched;
  guint           watch_id;
} Fixture;

/* A dataset of N_ROWS distinct passages, built from the samples. */
static char *
write_dataset (const char *dir)
{
  g_autofree char *sample = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char *path = g_build_filename (dir, "rows.jsonl", NULL);
  guint n_lines;

  g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  n_lines = g_strv_length (lines) - 1;

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      JsonObject *object;
      g_autofree char *input = NULL;
      g_autofree char *line = NULL;

      g_assert_true (json_parser_load_from_data (parser, lines[i % n_lines], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      input = g_strdup_printf ("%s（第%u篇）", json_object_get_string_member (object, "input"), i + 1);
      json_object_set_string_member (object, "input", input);
      json_generator_set_root (gen, json_parser_get_root (parser));
      line = json_generator_to_data (gen, NULL);
      g_string_append_printf (out, "%s\n", line);
    }

  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));

  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *log_arg = NULL;

  f->dir = g_dir_make_tmp ("kindling-crash-XXXXXX", NULL);
  f->dataset = write_dataset (f->dir);
  f->project = g_build_filename (f->dir, "crash.kindling", NULL);
  f->log = g_build_filename (f->dir, "requests.log", NULL);
  log_arg = g_strconcat ("--request-log=", f->log, NULL);
  {
    const char *extra[] = { "--latency-ms=80", "--frame-ms=10", "--frames=4", log_arg, NULL };
    f->sim = kdl_test_spawn_sim (extra, &f->base);
  }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_handle_id (&f->watch_id, g_source_remove);
  g_clear_pointer (&f->watcher, kdl_store_reader_free);
  g_subprocess_force_exit (f->sim);
  g_subprocess_wait (f->sim, NULL, NULL);
  g_clear_object (&f->sim);
  g_free (f->base);
  g_free (f->dataset);
  g_free (f->project);
  g_free (f->log);
  g_free (f->dir);
}

static GSubprocess *
spawn_run (Fixture *f,
           gboolean resume)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *url = g_strconcat (f->base, "/v3.5/chat", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_setenv (launcher, "SPARK_APP_ID", KDL_SIM_APP_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_KEY", KDL_SIM_API_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_SECRET", KDL_SIM_API_SECRET, TRUE);

  if (resume)
    proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KDL_CLI"), "run", "--resume", "1",
                                        "--project", f->project, "--endpoint", url, "--concurrency", "6", NULL);
  else
    proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KDL_CLI"), "run", "--dataset", f->dataset,
                                        "--template", "expand", "--project", f->project, "--endpoint", url,
                                        "--concurrency", "6", NULL);
  g_assert_no_error (error);

  return proc;
}

/* What the GUI does while a CLI runs: read figures every 20 ms. */
static gboolean
watch (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;

  if (f->watcher == NULL)
    {
      if (!g_file_test (f->project, G_FILE_TEST_EXISTS))
        return G_SOURCE_CONTINUE;
      f->watcher = kdl_store_reader_open (f->project, &error);
      if (f->watcher == NULL)
        return G_SOURCE_CONTINUE;   /* still being created */
    }

  stats = kdl_store_reader_get_run_stats (f->watcher, 1, &error);
  if (g_error_matches (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND))
    return G_SOURCE_CONTINUE;
  g_assert_no_error (error);
  f->watched++;

  return G_SOURCE_CONTINUE;
}

/* Prompt hashes of the items committed as done so far. */
static GHashTable *
done_prompts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_reader_open (f->project, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KdlStoreItemQuery query;

  if (reader == NULL)
    return done;   /* killed before the project existed */

  kdl_store_item_query_init (&query, 1);
  query.any_stage = TRUE;
  query.states = 1 << KDL_STORE_ITEM_DONE;
  ids = kdl_store_reader_query_items (reader, &query, &error);
  if (ids == NULL)
    return done;   /* killed before the run existed */
  if (ids->len == 0)
    return done;
  items = kdl_store_reader_get_items (reader, (gint64 *)ids->data, ids->len, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < items->len; i++)
    {
      const KdlStoreItem *item = g_ptr_array_index (items, i);

      g_assert_nonnull (item->prompt);
      g_assert_nonnull (item->output);
      g_hash_table_add (done, g_compute_checksum_for_string (G_CHECKSUM_SHA256, item->prompt, -1));
    }

  return done;
}

static gsize
log_size (Fixture *f)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (f->log, &contents, &len, NULL);
  return len;
}

/* No request after @offset in the log asks for a prompt in @done. */
static void
assert_not_asked_again (Fixture    *f,
                        gsize       offset,
                        GHashTable *done)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (f->log, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, offset);
  lines = g_strsplit (contents + offset, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && g_hash_table_contains (done, lines[i]))
      g_error ("a finished item was asked for again after a resume: %s", lines[i]);
}

static void
test_kill_and_resume (Fixture       *f,
                      gconstpointer  data)
{
  /* Kill points in ms after the start: before the project exists, while
   * copying rows, mid-run at several loads. */
  const guint kill_after[] = { 5, 90, 250, 400, 300, 500 };
  guint32 seed = kdl_test_seed (17);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GSubprocess) last = NULL;
  g_autoptr(GError) error = NULL;
  gboolean started = FALSE;

  f->watch_id = g_timeout_add (20, watch, f);

  for (guint k = 0; k < G_N_ELEMENTS (kill_after); k++)
    {
      g_autoptr(GSubprocess) proc = spawn_run (f, started);
      g_autoptr(GHashTable) done = NULL;
      guint delay = kill_after[k] + g_rand_int_range (rand, 0, 40);
      gsize offset;

      kdl_test_spin (delay);
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      if (g_file_test (f->project, G_FILE_TEST_EXISTS))
        {
          g_assert_true (kdl_test_store_integrity_ok (f->project));
          started = kdl_test_store_query_int (f->project, "SELECT count(*) FROM runs") > 0;
        }

      done = done_prompts (f);
      offset = log_size (f);
      g_test_message ("kill %u after %u ms: %u items done", k, delay, g_hash_table_size (done));

      /* The next process must not ask again for any of these. */
      g_object_set_data_full (G_OBJECT (proc), "done", g_steal_pointer (&done), (GDestroyNotify)g_hash_table_unref);
      g_object_set_data (G_OBJECT (proc), "offset", GSIZE_TO_POINTER (offset));
      g_clear_object (&last);
      last = g_object_ref (proc);

      if (k + 1 < G_N_ELEMENTS (kill_after))
        continue;
    }

  /* Finish it. */
  {
    g_autoptr(GSubprocess) proc = spawn_run (f, started);
    GHashTable *done = g_object_get_data (G_OBJECT (last), "done");
    gsize offset = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (last), "offset"));

    g_subprocess_wait (proc, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (proc));
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
    assert_not_asked_again (f, offset, done);
  }

  /* Every row done exactly once: one done item per row and stage, nothing
   * left pending or running, and a sound file. */
  g_assert_true (kdl_test_store_integrity_ok (f->project));
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE state = 'done'"), ==, 2 * N_ROWS);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE state != 'done'"), ==, 0);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(DISTINCT row_no) FROM items"), ==, N_ROWS);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM runs"), ==, 1);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM runs WHERE state = 'done'"), ==, 1);
  g_assert_cmpuint (f->watched, >, 10);
}

/* Each kill, then a resume that is killed again: items done before each
 * kill are never asked for by any later process. */
static void
test_no_redo_between_kills (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean started = FALSE;

  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(GSubprocess) proc = spawn_run (f, started);
      g_autoptr(GHashTable) done = NULL;
      g_autoptr(GSubprocess) next = NULL;
      gsize offset;

      kdl_test_spin (150 + 60 * k);
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, &error);
      started = g_file_test (f->project, G_FILE_TEST_EXISTS) &&
                kdl_test_store_query_int (f->project, "SELECT count(*) FROM runs") > 0;
      done = done_prompts (f);
      offset = log_size (f);

      /* The next process runs a while (or to the end); then check. */
      next = spawn_run (f, started);
      kdl_test_spin (200);
      g_subprocess_send_signal (next, SIGKILL);
      g_subprocess_wait (next, NULL, &error);
      assert_not_asked_again (f, offset, done);
      g_assert_true (kdl_test_store_integrity_ok (f->project));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/run-crash/kill-and-resume", Fixture, NULL, fixture_setup, test_kill_and_resume, fixture_teardown);
  g_test_add ("/run-crash/no-redo-between-kills", Fixture, NULL, fixture_setup, test_no_redo_between_kills, fixture_teardown);

  return g_test_run ();
}
