/* test-store-writer.c — the writer thread: commit before callback, batching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-store-private.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

typedef struct
{
  KdlStoreReader *reader;
  GArray         *ids;
  guint           n_done;
  guint           n_failed;
  guint           n_seen_done;    /* callbacks whose item a reader saw done */
  guint           next_expected;  /* callbacks come in queue order */
  gboolean        in_order;
  GThread        *thread;         /* where callbacks must run */
  gboolean        right_thread;
} Updates;

typedef struct
{
  Updates *updates;
  guint    index;
} Pending;

static gboolean
all_done (gpointer data)
{
  Updates *updates = data;

  return updates->n_done + updates->n_failed == updates->ids->len;
}

static void
on_updated (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Pending *pending = user_data;
  Updates *updates = pending->updates;
  g_autoptr(GError) error = NULL;

  if (pending->index != updates->next_expected)
    updates->in_order = FALSE;
  updates->next_expected = pending->index + 1;
  if (g_thread_self () != updates->thread)
    updates->right_thread = FALSE;

  if (!kdl_store_update_item_finish (KDL_STORE (object), result, &error))
    {
      updates->n_failed++;
      return;
    }
  updates->n_done++;

  /* Told it is done: another connection must see it done already. */
  if (updates->reader != NULL)
    {
      gint64 id = g_array_index (updates->ids, gint64, pending->index);
      g_autoptr(KdlStoreItem) item = kdl_store_reader_get_item (updates->reader, id, &error);

      g_assert_no_error (error);
      if (item->state == KDL_STORE_ITEM_DONE && g_strcmp0 (item->output, "生成的题目") == 0)
        updates->n_seen_done++;
    }
}

static GArray *
item_ids (KdlStore *store,
          gint64    run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GArray) refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < refs->len; i++)
    g_array_append_val (ids, g_array_index (refs, KdlStoreItemRef, i).id);

  return ids;
}

static void
queue_updates (KdlStore *store,
               Updates  *updates)
{
  for (guint i = 0; i < updates->ids->len; i++)
    {
      KdlStoreItemUpdate update = { 0 };
      Pending *pending = g_new0 (Pending, 1);
      char output[] = "生成的题目";

      pending->updates = updates;
      pending->index = i;
      update.item_id = g_array_index (updates->ids, gint64, i);
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_FINISHED |
                      KDL_STORE_ITEM_ADD_USAGE;
      update.state = KDL_STORE_ITEM_DONE;
      update.output = output;
      update.total_tokens = 1;
      kdl_store_update_item_async (store, &update, on_updated, pending);
      /* The update was copied: changing the caller's text changes nothing. */
      memset (output, 'x', sizeof output - 1);
    }
}

static void
test_commit_before_callback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("commit");
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  gint64 run_id = kdl_test_store_add_run (store, 300, 1, FALSE, 0);
  Updates updates = { reader, item_ids (store, run_id), 0 };

  updates.in_order = TRUE;
  updates.right_thread = TRUE;
  updates.thread = g_thread_self ();

  /* Some one at a time (a batch each), then all at once. */
  for (guint i = 0; i < 20; i++)
    {
      Updates one = updates;
      g_autoptr(GArray) single = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_array_append_val (single, g_array_index (updates.ids, gint64, i));
      one.ids = single;
      one.n_done = one.n_seen_done = one.next_expected = 0;
      queue_updates (store, &one);
      kdl_test_wait_until (all_done, &one, 10000);
      g_assert_cmpuint (one.n_seen_done, ==, 1);
    }

  queue_updates (store, &updates);
  kdl_test_wait_until (all_done, &updates, 30000);

  g_assert_cmpuint (updates.n_failed, ==, 0);
  g_assert_cmpuint (updates.n_done, ==, 300);
  g_assert_cmpuint (updates.n_seen_done, ==, 300);
  g_assert_true (updates.in_order);
  g_assert_true (updates.right_thread);
  g_array_unref (updates.ids);
}

static void
test_batching (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("batching");
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(KdlStoreRun) run = NULL;
  gint64 run_id = kdl_test_store_add_run (store, 5000, 2, FALSE, 0);
  Updates updates = { NULL, item_ids (store, run_id), 0 };
  guint64 commits_before, commits;
  gint64 start;

  g_assert_cmpuint (updates.ids->len, ==, 10000);
  updates.in_order = TRUE;
  updates.right_thread = TRUE;
  updates.thread = g_thread_self ();

  _kdl_store_set_batch_limits (store, 256, 2000);
  commits_before = _kdl_store_get_n_commits (store);
  start = g_get_monotonic_time ();
  queue_updates (store, &updates);
  kdl_test_wait_until (all_done, &updates, 60000);
  commits = _kdl_store_get_n_commits (store) - commits_before;
  g_test_message ("10000 updates in %u commits, %.0f ms", (guint)commits,
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (updates.n_done, ==, 10000);
  g_assert_true (updates.in_order);
  /* Batched: at most 256 per transaction, and far fewer transactions
   * than updates. */
  g_assert_cmpuint (commits, >=, 10000 / 256);
  g_assert_cmpuint (commits, <=, 10000 / 10);

  run = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_cmpuint (run->done, ==, 10000);
  g_assert_cmpint (run->total_tokens, ==, 10000);
  g_array_unref (updates.ids);
}

typedef struct
{
  guint     n_ok;
  guint     n_failed;
  GError   *error;
} Outcome;

static void
on_outcome (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;
  GError *error = NULL;

  if (kdl_store_update_item_finish (KDL_STORE (object), result, &error))
    outcome->n_ok++;
  else
    {
      outcome->n_failed++;
      g_clear_error (&outcome->error);
      outcome->error = error;
    }
}

static gboolean
outcome_complete (gpointer data)
{
  Outcome *outcome = data;

  return outcome->n_ok + outcome->n_failed == 3;
}

static void
test_failure_isolated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("isolated");
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  gint64 run_id = kdl_test_store_add_run (store, 3, 1, FALSE, 0);
  g_autoptr(GArray) ids = item_ids (store, run_id);
  g_autoptr(KdlStoreItem) bad = NULL;
  g_autoptr(KdlStoreItem) good = NULL;
  KdlStoreItemUpdate update = { 0 };
  Outcome outcome = { 0 };
  guint64 commits_before;

  /* A long wait so the three land in one batch. */
  _kdl_store_set_batch_limits (store, 100, 200000);
  commits_before = _kdl_store_get_n_commits (store);

  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_CHECK;
  update.state = KDL_STORE_ITEM_DONE;
  update.check_ok = TRUE;
  for (guint i = 0; i < 3; i++)
    {
      update.item_id = g_array_index (ids, gint64, i);
      update.check_json = i == 1 ? "{\"ok\": tru" : "{\"ok\":true}";
      kdl_store_update_item_async (store, &update, on_outcome, &outcome);
    }
  kdl_test_wait_until (outcome_complete, &outcome, 10000);

  g_assert_cmpuint (_kdl_store_get_n_commits (store) - commits_before, ==, 1);
  g_assert_cmpuint (outcome.n_ok, ==, 2);
  g_assert_cmpuint (outcome.n_failed, ==, 1);
  g_assert_error (outcome.error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID);
  g_clear_error (&outcome.error);

  bad = kdl_store_reader_get_item (reader, g_array_index (ids, gint64, 1), &error);
  good = kdl_store_reader_get_item (reader, g_array_index (ids, gint64, 2), &error);
  g_assert_cmpint (bad->state, ==, KDL_STORE_ITEM_PENDING);
  g_assert_null (bad->check_json);
  g_assert_cmpint (good->state, ==, KDL_STORE_ITEM_DONE);
  g_assert_cmpint (good->check_ok, ==, 1);
}

static void
test_flush (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("flush");
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(KdlStoreRun) run = NULL;
  gint64 run_id = kdl_test_store_add_run (store, 500, 1, FALSE, 0);
  g_autoptr(GArray) ids = item_ids (store, run_id);
  KdlStoreItemUpdate update = { 0 };

  /* Fire and forget, then wait for the disk without a main loop. */
  update.fields = KDL_STORE_ITEM_SET_STATE;
  update.state = KDL_STORE_ITEM_DONE;
  for (guint i = 0; i < ids->len; i++)
    {
      update.item_id = g_array_index (ids, gint64, i);
      kdl_store_update_item_async (store, &update, NULL, NULL);
    }
  kdl_store_set_run_state_async (store, run_id, KDL_STORE_RUN_DONE, NULL, NULL, NULL, NULL);
  g_assert_true (kdl_store_flush_sync (store, &error));
  g_assert_no_error (error);

  run = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_cmpuint (run->done, ==, 500);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_DONE);
}

static void
test_close_writes_queue (void)
{
  g_autoptr(GError) error = NULL;
  KdlStore *store = kdl_test_store_new ("close");
  g_autofree char *path = g_strdup (kdl_store_get_path (store));
  gint64 run_id = kdl_test_store_add_run (store, 200, 1, FALSE, 0);
  g_autoptr(GArray) ids = item_ids (store, run_id);
  KdlStoreItemUpdate update = { 0 };

  update.fields = KDL_STORE_ITEM_SET_STATE;
  update.state = KDL_STORE_ITEM_DONE;
  for (guint i = 0; i < ids->len; i++)
    {
      update.item_id = g_array_index (ids, gint64, i);
      kdl_store_update_item_async (store, &update, NULL, NULL);
    }

  /* Closing the store writes everything queued first. */
  g_assert_finalize_object (store);
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM items WHERE state = 'done'"), ==, 200);
}

typedef struct
{
  KdlStore     *store;
  GArray       *ids;
  GMainContext *context;
  Updates       updates;
} ThreadJob;

static gpointer
updating_thread (gpointer data)
{
  ThreadJob *job = data;

  /* Callbacks come back on this thread's own context. */
  g_main_context_push_thread_default (job->context);
  job->updates.thread = g_thread_self ();
  job->updates.in_order = TRUE;
  job->updates.right_thread = TRUE;
  job->updates.ids = job->ids;
  queue_updates (job->store, &job->updates);
  while (!all_done (&job->updates))
    g_main_context_iteration (job->context, TRUE);
  g_main_context_pop_thread_default (job->context);

  return NULL;
}

static void
test_other_thread (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("threads");
  gint64 run_id = kdl_test_store_add_run (store, 400, 1, FALSE, 0);
  g_autoptr(GArray) ids = item_ids (store, run_id);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) second = g_array_new (FALSE, FALSE, sizeof (gint64));
  ThreadJob a = { store, first, g_main_context_new () };
  ThreadJob b = { store, second, g_main_context_new () };
  GThread *ta, *tb;

  g_array_append_vals (first, ids->data, 200);
  g_array_append_vals (second, &g_array_index (ids, gint64, 200), 200);

  ta = g_thread_new ("a", updating_thread, &a);
  tb = g_thread_new ("b", updating_thread, &b);
  g_thread_join (ta);
  g_thread_join (tb);

  g_assert_cmpuint (a.updates.n_done, ==, 200);
  g_assert_cmpuint (b.updates.n_done, ==, 200);
  g_assert_true (a.updates.right_thread);
  g_assert_true (b.updates.right_thread);
  g_assert_true (a.updates.in_order);
  g_assert_true (b.updates.in_order);
  g_assert_cmpint (kdl_test_store_query_int (kdl_store_get_path (store),
                                             "SELECT count (*) FROM items WHERE state = 'done'"), ==, 400);
  g_main_context_unref (a.context);
  g_main_context_unref (b.context);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/writer/commit-before-callback", test_commit_before_callback);
  g_test_add_func ("/store/writer/batching", test_batching);
  g_test_add_func ("/store/writer/failure-isolated", test_failure_isolated);
  g_test_add_func ("/store/writer/flush", test_flush);
  g_test_add_func ("/store/writer/close", test_close_writes_queue);
  g_test_add_func ("/store/writer/other-thread", test_other_thread);

  return g_test_run ();
}
