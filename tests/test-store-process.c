/* test-store-process.c — two processes on one project; the run lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second process is this program again, started with --child-write or
 * --child-lock before the test framework sees its arguments.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kdl-store-private.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

typedef struct
{
  guint n_pending;
  guint n_failed;
} Counter;

static void
on_updated (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdl_store_update_item_finish (KDL_STORE (object), result, &error))
    {
      g_printerr ("update failed: %s\n", error->message);
      counter->n_failed++;
    }
  counter->n_pending--;
}

/* Marks every unfinished item of @run_id done, in small bursts so the two
 * processes' transactions interleave. */
static void
update_all (KdlStore *store,
            gint64    run_id,
            Counter  *counter,
            gboolean  (*between) (gpointer),
            gpointer  between_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GArray) refs = NULL;

  g_assert_no_error (error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < refs->len; i++)
    {
      KdlStoreItemUpdate update = { 0 };

      update.item_id = g_array_index (refs, KdlStoreItemRef, i).id;
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_ADD_USAGE;
      update.state = KDL_STORE_ITEM_DONE;
      update.output = "1. 题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:A";
      update.total_tokens = 2;
      counter->n_pending++;
      kdl_store_update_item_async (store, &update, on_updated, counter);

      if (i % 50 == 49)
        {
          while (counter->n_pending > 0)
            g_main_context_iteration (NULL, TRUE);
          if (between != NULL)
            between (between_data);
        }
    }

  while (counter->n_pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
pause_briefly (gpointer data)
{
  g_usleep (1000);
  return TRUE;
}

static int
child_write (const char *path,
             gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_store_open (path, &error);
  Counter counter = { 0 };

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!kdl_store_lock_run (store, run_id, &error) ||
      !kdl_store_set_run_state (store, run_id, KDL_STORE_RUN_RUNNING, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  update_all (store, run_id, &counter, pause_briefly, NULL);

  if (!kdl_store_set_run_state (store, run_id, KDL_STORE_RUN_DONE, NULL, NULL, &error) ||
      !kdl_store_flush_sync (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return counter.n_failed == 0 ? 0 : 1;
}

static int
child_lock (const char *path,
            gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_store_open (path, &error);
  char buffer[16];

  if (store == NULL || !kdl_store_lock_run (store, run_id, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("locked\n");
  fflush (stdout);

  /* Hold the lock until killed (or until the parent closes our stdin). */
  while (fread (buffer, 1, sizeof buffer, stdin) > 0)
    ;

  return 0;
}

static GSubprocess *
spawn_child (const char      *mode,
             const char      *path,
             gint64           run_id,
             GSubprocessFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  GSubprocess *child;

  g_assert_no_error (error);
  child = g_subprocess_new (flags, &error, self, mode, path, id, NULL);
  g_assert_no_error (error);

  return child;
}

typedef struct
{
  KdlStoreReader *reader;
  gint64          run_id;
  guint           last_done;
  guint           n_reads;
  guint           n_partial;   /* reads that saw the child half-way */
  gboolean        child_exited;
} Watch;

/* A GUI-like reader while both processes write: figures only grow. */
static gboolean
read_progress (gpointer data)
{
  Watch *watch = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = kdl_store_reader_get_run_stats (watch->reader, watch->run_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (stats->done, >=, watch->last_done);
  watch->last_done = stats->done;
  watch->n_reads++;
  if (stats->done > 0 && stats->done < stats->samples)
    watch->n_partial++;

  return TRUE;
}

static void
on_child_exited (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  watch->child_exited = TRUE;
}

static gboolean
keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
child_started (gpointer data)
{
  Watch *watch = data;

  read_progress (watch);
  return watch->last_done > 0 || watch->child_exited;
}

static gboolean
child_exited (gpointer data)
{
  return ((Watch *)data)->child_exited;
}

static void
test_two_writers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("two-writers");
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(KdlStoreRun) mine = NULL;
  g_autoptr(KdlStoreRun) theirs = NULL;
  const char *path = kdl_store_get_path (store);
  gint64 run_mine = kdl_test_store_add_run (store, 1500, 1, FALSE, 0);
  gint64 run_theirs = kdl_test_store_add_run (store, 1500, 1, FALSE, 0);
  Watch watch = { reader, run_theirs };
  Counter counter = { 0 };

  child = spawn_child ("--child-write", path, run_theirs, G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_wait_check_async (child, NULL, on_child_exited, &watch);

  /* Write our run while the child writes its own, reading meanwhile. */
  g_assert_true (kdl_store_lock_run (store, run_mine, &error));
  {
    /* Wakes the loop up to look: the child sends no events. */
    guint ticker = g_timeout_add (2, G_SOURCE_FUNC (keep_ticking), NULL);

    kdl_test_wait_until (child_started, &watch, 30000);
    g_source_remove (ticker);
  }
  update_all (store, run_mine, &counter, read_progress, &watch);
  kdl_test_wait_until (child_exited, &watch, 60000);
  g_assert_true (kdl_store_flush_sync (store, &error));
  g_test_message ("the reader looked %u times, %u of them while the other process was half-way",
                  watch.n_reads, watch.n_partial);

  g_assert_cmpuint (counter.n_failed, ==, 0);
  mine = kdl_store_reader_get_run (reader, run_mine, &error);
  theirs = kdl_store_reader_get_run (reader, run_theirs, &error);
  g_assert_cmpuint (mine->done, ==, 1500);
  g_assert_cmpuint (theirs->done, ==, 1500);
  g_assert_cmpint (mine->total_tokens, ==, 3000);
  g_assert_cmpint (theirs->total_tokens, ==, 3000);
  g_assert_cmpint (theirs->state, ==, KDL_STORE_RUN_DONE);
  /* The child released its lock when it closed the project. */
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM run_locks"), ==, 1);
  g_assert_true (kdl_test_store_integrity_ok (path));
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}

static gboolean
child_half_way (gpointer data)
{
  Watch *watch = data;

  read_progress (watch);
  return watch->last_done >= 500;
}

static void
test_killed_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("killed");
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  const char *path = kdl_store_get_path (store);
  gint64 run_id = kdl_test_store_add_run (store, 6000, 1, FALSE, 0);
  Watch watch = { reader, run_id };
  Counter counter = { 0 };
  guint ticker;
  guint done_when_killed;

  child = spawn_child ("--child-write", path, run_id, G_SUBPROCESS_FLAGS_NONE);
  ticker = g_timeout_add (1, keep_ticking, NULL);
  kdl_test_wait_until (child_half_way, &watch, 30000);
  g_source_remove (ticker);

  /* Killed in the middle of its writes. */
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));

  g_assert_true (kdl_test_store_integrity_ok (path));
  run = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_no_error (error);
  done_when_killed = run->done;
  g_test_message ("killed after %u of 6000 items", done_when_killed);
  g_assert_cmpuint (done_when_killed, >=, 500);
  g_assert_cmpuint (done_when_killed, <, 6000);
  /* Tokens and items were committed together. */
  g_assert_cmpint (run->total_tokens, ==, 2 * done_when_killed);

  /* Resume here: the dead holder's lock is taken over, the rest done. */
  g_assert_true (kdl_store_lock_run (store, run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdl_store_requeue_interrupted (store, run_id, &error), ==, 0);
  update_all (store, run_id, &counter, NULL, NULL);
  g_assert_true (kdl_store_flush_sync (store, &error));

  g_clear_pointer (&run, kdl_store_run_free);
  run = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_cmpuint (run->done, ==, 6000);
  g_assert_cmpint (run->total_tokens, ==, 12000);
  g_assert_cmpuint (counter.n_failed, ==, 0);
  g_assert_true (kdl_test_store_integrity_ok (path));
}

static char *
read_line (GSubprocess *child)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  return g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_run_lock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("lock");
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *line = NULL;
  g_autofree char *pid_text = NULL;
  const char *path = kdl_store_get_path (store);
  gint64 run_id = kdl_test_store_add_run (store, 3, 1, FALSE, 0);
  gint64 other_run = kdl_test_store_add_run (store, 3, 1, FALSE, 0);

  child = spawn_child ("--child-lock", path, run_id,
                       G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  line = read_line (child);
  g_assert_cmpstr (line, ==, "locked");

  /* A second locker fails, naming the process that runs it. */
  g_assert_false (kdl_store_lock_run (store, run_id, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED);
  pid_text = g_strdup_printf ("pid %s", g_subprocess_get_identifier (child));
  g_assert_nonnull (strstr (error->message, pid_text));
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_cmpint (kdl_store_requeue_interrupted (store, run_id, &error), ==, -1);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED);
  g_clear_error (&error);

  /* Other runs are free; the same run twice in one process is not. */
  g_assert_true (kdl_store_lock_run (store, other_run, &error));
  g_assert_no_error (error);
  g_assert_false (kdl_store_lock_run (store, other_run, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED);
  g_clear_error (&error);

  /* The holder is killed: its lock is stale and taken over. */
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM run_locks"), ==, 2);

  g_assert_true (kdl_store_lock_run (store, run_id, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT pid FROM run_locks WHERE run_id = %d", (int)run_id);
    g_assert_cmpint (kdl_test_store_query_int (path, sql), ==, getpid ());
  }
  g_assert_cmpint (kdl_store_requeue_interrupted (store, run_id, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (kdl_store_unlock_run (store, run_id, &error));
  g_assert_true (kdl_store_unlock_run (store, other_run, &error));
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM run_locks"), ==, 0);
}

static void
test_run_lock_stale (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("lock-stale");
  const char *path = kdl_store_get_path (store);
  gint64 run_id = kdl_test_store_add_run (store, 1, 1, FALSE, 0);
  gint64 now = g_get_real_time ();
  g_autofree char *sql = NULL;

  /* Another machine (or a sandbox) with a fresh heartbeat holds it. */
  sql = g_strdup_printf ("INSERT INTO run_locks VALUES (%d, 1, 'elsewhere|pid:[1]', NULL, %" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ")", (int)run_id, now, now);
  exec_raw (path, sql);
  g_assert_false (kdl_store_lock_run (store, run_id, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED);
  g_assert_nonnull (strstr (error->message, "elsewhere"));
  g_clear_error (&error);

  /* Its heartbeat stopped two minutes ago: stale. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE run_locks SET heartbeat_at = %" G_GINT64_FORMAT, now - 120 * G_USEC_PER_SEC);
  exec_raw (path, sql);
  g_assert_true (kdl_store_lock_run (store, run_id, &error));
  g_assert_no_error (error);
  g_assert_true (kdl_store_unlock_run (store, run_id, &error));

  /* On this host, a live pid that started at another time is a reused
   * pid: stale too. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO run_locks SELECT %d, %d, host, '1', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         " FROM (SELECT '%s' AS host)",
                         (int)run_id, (int)getppid (), now, now, store->locks.host);
  exec_raw (path, sql);
  g_assert_true (kdl_store_lock_run (store, run_id, &error));
  g_assert_no_error (error);
}

static void
test_heartbeat (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("heartbeat");
  const char *path = kdl_store_get_path (store);
  gint64 run_id = kdl_test_store_add_run (store, 1, 1, FALSE, 0);
  gint64 first;

  _kdl_store_set_heartbeat_interval (store, 50);
  g_assert_true (kdl_store_lock_run (store, run_id, &error));
  first = kdl_test_store_query_int (path, "SELECT heartbeat_at FROM run_locks");

  /* The writer refreshes it with nothing else to write. */
  for (guint i = 0; i < 300 && kdl_test_store_query_int (path, "SELECT heartbeat_at FROM run_locks") == first; i++)
    g_usleep (10000);
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT heartbeat_at FROM run_locks"), >, first);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child-write"))
    return child_write (argv[2], g_ascii_strtoll (argv[3], NULL, 10));
  if (argc == 4 && g_str_equal (argv[1], "--child-lock"))
    return child_lock (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/process/two-writers", test_two_writers);
  g_test_add_func ("/store/process/killed-writer", test_killed_writer);
  g_test_add_func ("/store/process/run-lock", test_run_lock);
  g_test_add_func ("/store/process/run-lock-stale", test_run_lock_stale);
  g_test_add_func ("/store/process/heartbeat", test_heartbeat);

  return g_test_run ();
}
