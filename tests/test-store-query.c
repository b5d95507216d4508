/* test-store-query.c — lists for the GUI (filters, order, paging) and review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-test-store.h"
#include "kdl-test-util.h"

/* Run of 6 rows: scores, checks and outputs to filter on. */
static gint64
make_query_fixture (KdlStore  *store,
                    GArray   **gen_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GArray) refs = NULL;
  const double scores[] = { 90, 40, 75, -1, 60, 95 };      /* -1: not judged */
  const gboolean ok[] = { TRUE, FALSE, TRUE, FALSE, TRUE, TRUE };
  const char *outputs[] = { "alpha 光合作用", "beta", "gamma 100%_x", "delta", "ALPHA two", "epsilon" };
  gint64 run_id = kdl_test_store_add_run (store, 6, 1, TRUE, 100);

  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_cmpuint (refs->len, ==, 12);
  *gen_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint r = 0; r < 6; r++)
    {
      KdlStoreItemRef *gen = kdl_test_store_find_ref (refs, r + 1, 0, KDL_STORE_STAGE_GENERATE);
      KdlStoreItemRef *jud = kdl_test_store_find_ref (refs, r + 1, 0, KDL_STORE_STAGE_JUDGE);
      KdlStoreItemUpdate update = { 0 };

      g_array_append_val (*gen_ids, gen->id);
      update.item_id = gen->id;
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_CHECK;
      update.state = KDL_STORE_ITEM_DONE;
      update.output = outputs[r];
      update.check_ok = ok[r];
      g_assert_true (kdl_store_update_item (store, &update, &error));

      memset (&update, 0, sizeof update);
      update.item_id = jud->id;
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_SCORE;
      update.state = scores[r] < 0 ? KDL_STORE_ITEM_SKIPPED : KDL_STORE_ITEM_DONE;
      update.has_score = scores[r] >= 0;
      update.score = scores[r];
      g_assert_true (kdl_store_update_item (store, &update, &error));
    }

  return run_id;
}

static guint *
query_rows (KdlStoreReader          *reader,
            const KdlStoreItemQuery *query,
            guint                   *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdl_store_reader_query_items (reader, query, &error);
  g_autoptr(GPtrArray) items = NULL;
  guint *rows;

  g_assert_no_error (error);
  items = kdl_store_reader_get_items (reader, (gint64 *)(gpointer)ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, ids->len);

  rows = g_new0 (guint, items->len + 1);
  for (guint i = 0; i < items->len; i++)
    {
      KdlStoreItem *item = items->pdata[i];

      g_assert_cmpint (item->id, ==, g_array_index (ids, gint64, i));
      rows[i] = item->row;
    }
  *n = items->len;

  return rows;
}

#define assert_rows(reader, query, ...) G_STMT_START { \
  const guint expected[] = { __VA_ARGS__ }; \
  guint n; \
  g_autofree guint *got = query_rows (reader, query, &n); \
  g_assert_cmpmem (got, n * sizeof (guint), expected, sizeof expected); \
} G_STMT_END

static void
test_query (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("query");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) gen_ids = NULL;
  g_autoptr(GArray) all = NULL;
  KdlStoreItemQuery query;
  gint64 run_id;

  run_id = make_query_fixture (store, &gen_ids);
  reader = kdl_store_open_reader (store, &error);

  kdl_store_item_query_init (&query, run_id);
  all = kdl_store_reader_query_items (reader, &query, &error);
  g_assert_cmpuint (all->len, ==, 12);

  query.any_stage = FALSE;
  query.stage = KDL_STORE_STAGE_GENERATE;
  assert_rows (reader, &query, 1, 2, 3, 4, 5, 6);

  /* Score filters use the sample's judge score. */
  query.has_min_score = TRUE;
  query.min_score = 60;
  assert_rows (reader, &query, 1, 3, 5, 6);
  query.has_max_score = TRUE;
  query.max_score = 80;
  assert_rows (reader, &query, 3, 5);
  query.has_min_score = query.has_max_score = FALSE;

  query.order = KDL_STORE_ORDER_SCORE_DESC;
  assert_rows (reader, &query, 6, 1, 3, 5, 2, 4);
  query.order = KDL_STORE_ORDER_SCORE_ASC;
  assert_rows (reader, &query, 2, 5, 3, 1, 6, 4);

  /* Paging. */
  query.offset = 1;
  query.limit = 2;
  assert_rows (reader, &query, 5, 3);
  query.offset = 0;
  query.limit = 0;
  query.order = KDL_STORE_ORDER_ROW;

  query.check_ok = 0;
  assert_rows (reader, &query, 2, 4);
  query.check_ok = 1;
  query.stage = KDL_STORE_STAGE_JUDGE;     /* judge items: the judged output's check */
  assert_rows (reader, &query, 1, 3, 5, 6);
  query.check_ok = -1;

  query.states = 1 << KDL_STORE_ITEM_SKIPPED;
  assert_rows (reader, &query, 4);
  query.states = 0;

  /* Search: ASCII case-insensitive, Chinese, and LIKE characters literally. */
  query.stage = KDL_STORE_STAGE_GENERATE;
  query.search = "alpha";
  assert_rows (reader, &query, 1, 5);
  query.search = "光合";
  assert_rows (reader, &query, 1);
  query.search = "100%_";
  assert_rows (reader, &query, 3);
  query.search = "%";
  assert_rows (reader, &query, 3);
  query.search = NULL;

  /* Verdicts. */
  g_assert_true (kdl_store_set_verdict (store, &g_array_index (gen_ids, gint64, 1), 2,
                                        KDL_STORE_VERDICT_ACCEPTED, &error));
  query.verdicts = 1 << KDL_STORE_VERDICT_ACCEPTED;
  assert_rows (reader, &query, 2, 3);
  query.verdicts = 1 << KDL_STORE_VERDICT_NONE;
  assert_rows (reader, &query, 1, 4, 5, 6);
}

static void
on_query_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GArray **ids = user_data;
  g_autoptr(GError) error = NULL;

  *ids = kdl_store_query_items_finish (KDL_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
on_stats_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KdlStoreRunStats **stats = user_data;
  g_autoptr(GError) error = NULL;

  *stats = kdl_store_get_run_stats_finish (KDL_STORE (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static void
test_query_async (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("query-async");
  g_autoptr(GArray) gen_ids = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  KdlStoreItemQuery query;
  char search[] = "ALPHA";
  gint64 run_id = make_query_fixture (store, &gen_ids);

  kdl_store_item_query_init (&query, run_id);
  query.any_stage = FALSE;
  query.search = search;
  kdl_store_query_items_async (store, &query, NULL, on_query_done, &ids);
  search[0] = 'X';   /* the query was copied */
  kdl_store_get_run_stats_async (store, run_id, NULL, on_stats_done, &stats);

  kdl_test_wait_until (is_set, &ids, 10000);
  kdl_test_wait_until (is_set, &stats, 10000);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, g_array_index (gen_ids, gint64, 0));
  g_assert_cmpuint (stats->scored, ==, 5);
}

static void
test_review (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("review");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) gen_ids = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(KdlStoreItem) item = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *original = NULL;
  gint64 missing = 424242;
  gint64 run_id, first, second;

  run_id = make_query_fixture (store, &gen_ids);
  reader = kdl_store_open_reader (store, &error);
  first = g_array_index (gen_ids, gint64, 0);
  second = g_array_index (gen_ids, gint64, 1);

  g_assert_true (kdl_store_set_edit (store, first, "1. 改过的题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:C", &error));
  g_assert_no_error (error);
  g_assert_true (kdl_store_set_verdict (store, &first, 1, KDL_STORE_VERDICT_ACCEPTED, &error));
  g_assert_true (kdl_store_set_verdict (store, &second, 1, KDL_STORE_VERDICT_REJECTED, &error));

  /* The original output is still there, beside the edit. */
  item = kdl_store_reader_get_item (reader, first, &error);
  g_assert_cmpstr (item->output, ==, "alpha 光合作用");
  g_assert_cmpstr (item->edited_output, ==, "1. 改过的题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:C");
  g_assert_cmpint (item->edited_at, >, 0);
  g_assert_cmpint (item->verdict, ==, KDL_STORE_VERDICT_ACCEPTED);
  g_assert_cmpint (item->verdict_at, >, 0);
  edited = kdl_store_reader_get_output (reader, first, TRUE, &error);
  original = kdl_store_reader_get_output (reader, first, FALSE, &error);
  g_assert_cmpstr (edited, ==, item->edited_output);
  g_assert_cmpstr (original, ==, "alpha 光合作用");
  g_assert_cmpint (kdl_test_store_query_int (kdl_store_get_path (store),
                                             "SELECT count (*) FROM items WHERE output = 'alpha 光合作用'"), ==, 1);

  reviews = kdl_store_reader_list_reviews (reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 2);
  g_assert_cmpuint (((KdlStoreReview *)reviews->pdata[0])->row, ==, 1);
  g_assert_cmpint (((KdlStoreReview *)reviews->pdata[0])->verdict, ==, KDL_STORE_VERDICT_ACCEPTED);
  g_assert_nonnull (((KdlStoreReview *)reviews->pdata[0])->edited_output);
  g_assert_cmpint (((KdlStoreReview *)reviews->pdata[1])->verdict, ==, KDL_STORE_VERDICT_REJECTED);
  g_assert_null (((KdlStoreReview *)reviews->pdata[1])->edited_output);

  /* Dropping the edit and the verdict: the original counts again. */
  g_assert_true (kdl_store_set_edit (store, first, NULL, &error));
  g_assert_true (kdl_store_set_verdict (store, &first, 1, KDL_STORE_VERDICT_NONE, &error));
  g_clear_pointer (&edited, g_free);
  edited = kdl_store_reader_get_output (reader, first, TRUE, &error);
  g_assert_cmpstr (edited, ==, "alpha 光合作用");
  g_clear_pointer (&reviews, g_ptr_array_unref);
  reviews = kdl_store_reader_list_reviews (reader, run_id, &error);
  g_assert_cmpuint (reviews->len, ==, 1);

  /* All or nothing: one missing item refuses the whole bulk action. */
  {
    gint64 ids[] = { second, missing };

    g_assert_false (kdl_store_set_verdict (store, ids, 2, KDL_STORE_VERDICT_ACCEPTED, &error));
    g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_pointer (&item, kdl_store_item_free);
    item = kdl_store_reader_get_item (reader, second, &error);
    g_assert_cmpint (item->verdict, ==, KDL_STORE_VERDICT_REJECTED);
  }

  g_assert_false (kdl_store_set_edit (store, missing, "x", &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/query", test_query);
  g_test_add_func ("/store/query-async", test_query_async);
  g_test_add_func ("/store/review", test_review);

  return g_test_run ();
}
