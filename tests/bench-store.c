/* bench-store.c — item commits per second and stats on 50,000 items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing about time.
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "kdl-store-private.h"
#include "kdl-test-store.h"

#define N_ROWS 25000   /* × generate + judge = 50,000 items */

typedef struct
{
  guint n_pending;
  guint n_failed;
} Counter;

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static void
on_updated (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Counter *counter = user_data;

  if (!kdl_store_update_item_finish (KDL_STORE (object), result, NULL))
    counter->n_failed++;
  counter->n_pending--;
}

static void
fill_update (KdlStoreItemUpdate    *update,
             const KdlStoreItemRef *ref,
             const char            *output,
             GRand                 *rand)
{
  static char parts[64];

  memset (update, 0, sizeof *update);
  update->item_id = ref->id;
  update->fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_ATTEMPTS | KDL_STORE_ITEM_SET_PROMPT |
                   KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_ADD_USAGE | KDL_STORE_ITEM_SET_FINISHED;
  update->state = KDL_STORE_ITEM_DONE;
  update->attempts = 1;
  update->prompt = output;
  update->output = output;
  update->prompt_tokens = 900;
  update->completion_tokens = 300;
  update->total_tokens = 1200;

  if (ref->stage == KDL_STORE_STAGE_GENERATE)
    {
      update->fields |= KDL_STORE_ITEM_SET_CHECK;
      update->check_ok = g_rand_int_range (rand, 0, 10) != 0;
      update->check_json = update->check_ok ? "{\"ok\":true,\"mcq_count\":4,\"problems\":[]}"
                                            : "{\"ok\":false,\"mcq_count\":3,\"problems\":[]}";
    }
  else
    {
      int content = g_rand_int_range (rand, 20, 51);
      int form = g_rand_int_range (rand, 20, 51);

      g_snprintf (parts, sizeof parts, "{\"内容\":%d,\"格式\":%d}", content, form);
      update->fields |= KDL_STORE_ITEM_SET_SCORE;
      update->has_score = TRUE;
      update->score = content + form;
      update->parts_json = parts;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdl-bench-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.kindling", NULL);
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) output = g_string_new (NULL);
  Counter counter = { 0 };
  KdlStoreItemQuery query;
  guint64 commits;
  gint64 start, run_id;
  double seconds;
  guint n_sync;

  g_assert_no_error (error);
  setlocale (LC_ALL, "");

  /* About the size of four generated questions. */
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (output, "%u. 根据文章内容，下列说法正确的一项是\nA. 选项一\nB. 选项二\nC. 选项三\nD. 选项四\n答案:B\n\n", i + 1);

  store = kdl_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  run_id = kdl_test_store_add_run (store, N_ROWS, 1, TRUE, 100);
  g_print ("setup: %u rows copied and %u items added in %.2f s\n", N_ROWS, 2 * N_ROWS, seconds_since (start));

  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refs->len, ==, 2 * N_ROWS);

  /* Unbatched, for comparison: one blocking update per transaction. */
  _kdl_store_set_batch_limits (store, 1, 0);
  n_sync = 2000;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_sync; i++)
    {
      KdlStoreItemUpdate update;

      fill_update (&update, &g_array_index (refs, KdlStoreItemRef, i), output->str, rand);
      update.fields &= ~KDL_STORE_ITEM_ADD_USAGE;
      g_assert_true (kdl_store_update_item (store, &update, &error));
    }
  seconds = seconds_since (start);
  g_print ("one update per transaction (blocking): %.0f item commits/s\n", n_sync / seconds);

  /* The runner's way: async updates batched by the writer thread. */
  _kdl_store_set_batch_limits (store, KDL_STORE_WRITER_DEFAULT_MAX_OPS, KDL_STORE_WRITER_DEFAULT_MAX_WAIT_US);
  commits = _kdl_store_get_n_commits (store);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < refs->len; i++)
    {
      KdlStoreItemUpdate update;

      fill_update (&update, &g_array_index (refs, KdlStoreItemRef, i), output->str, rand);
      counter.n_pending++;
      kdl_store_update_item_async (store, &update, on_updated, &counter);
    }
  g_print ("queued %u updates in %.3f s\n", refs->len, seconds_since (start));
  while (counter.n_pending > 0)
    g_main_context_iteration (NULL, TRUE);
  seconds = seconds_since (start);
  commits = _kdl_store_get_n_commits (store) - commits;
  g_assert_cmpuint (counter.n_failed, ==, 0);
  g_print ("batched through the writer thread: %u item commits in %.2f s = %.0f item commits/s (%u transactions, %.0f items each)\n",
           refs->len, seconds, refs->len / seconds, (guint)commits, refs->len / (double)commits);

  /* The figures on 50,000 items. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(KdlStoreRunStats) stats = NULL;

      start = g_get_monotonic_time ();
      stats = kdl_store_reader_get_run_stats (reader, run_id, &error);
      g_assert_no_error (error);
      g_print ("stats of %u items: %.1f ms (scored %u, mean %.2f, median %.1f)\n",
               refs->len, seconds_since (start) * 1000, stats->scored, stats->mean, stats->median);
    }

  {
    g_autoptr(JsonNode) node = NULL;

    start = g_get_monotonic_time ();
    node = kdl_store_reader_build_stats_json (reader, run_id, &error);
    g_assert_no_error (error);
    g_print ("stats --json object: %.1f ms\n", seconds_since (start) * 1000);
  }

  kdl_store_item_query_init (&query, run_id);
  query.any_stage = FALSE;
  query.order = KDL_STORE_ORDER_SCORE_DESC;
  {
    g_autoptr(GArray) ids = NULL;
    g_autoptr(GPtrArray) page = NULL;

    start = g_get_monotonic_time ();
    ids = kdl_store_reader_query_items (reader, &query, &error);
    g_assert_no_error (error);
    g_print ("list of %u generate items by score: %.1f ms\n", ids->len, seconds_since (start) * 1000);

    start = g_get_monotonic_time ();
    page = kdl_store_reader_get_items (reader, (gint64 *)(gpointer)ids->data, MIN (50, ids->len), &error);
    g_assert_no_error (error);
    g_print ("one screen (50 items with texts): %.1f ms\n", seconds_since (start) * 1000);
  }

  query.search = "说法正确";
  query.check_ok = 1;
  query.has_min_score = TRUE;
  query.min_score = 80;
  {
    g_autoptr(GArray) ids = NULL;

    start = g_get_monotonic_time ();
    ids = kdl_store_reader_query_items (reader, &query, &error);
    g_assert_no_error (error);
    g_print ("filtered list (search + structure ok + score ≥ 80): %u items in %.1f ms\n",
             ids->len, seconds_since (start) * 1000);
  }

  g_clear_pointer (&reader, kdl_store_reader_free);
  g_clear_object (&store);
  {
    GStatBuf buf;

    if (g_stat (path, &buf) == 0)
      g_print ("project file: %.1f MB\n", buf.st_size / 1e6);
  }

  if (g_getenv ("KDL_BENCH_KEEP") != NULL)
    g_print ("kept %s\n", path);
  else
    {
      g_unlink (path);
      g_rmdir (dir);
    }

  return 0;
}
