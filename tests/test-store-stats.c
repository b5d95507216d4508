/* test-store-stats.c — a run's figures against hand-computed values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-test-store.h"

typedef struct
{
  KdlStore       *store;
  KdlStoreReader *reader;
  GArray         *refs;
} Fixture;

static void
load_refs (Fixture *fixture,
           gint64   run_id)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&fixture->refs, g_array_unref);
  fixture->refs = kdl_store_reader_list_unfinished_items (fixture->reader, run_id, &error);
  g_assert_no_error (error);
}

static void
set_gen (Fixture           *fixture,
         guint              row,
         guint              variant,
         KdlStoreItemState  state,
         guint              attempts,
         gint64             tokens)
{
  g_autoptr(GError) error = NULL;
  KdlStoreItemUpdate update = { 0 };

  update.item_id = kdl_test_store_find_ref (fixture->refs, row, variant, KDL_STORE_STAGE_GENERATE)->id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_ATTEMPTS | KDL_STORE_ITEM_ADD_USAGE;
  update.state = state;
  update.attempts = attempts;
  update.total_tokens = tokens;
  g_assert_true (kdl_store_update_item (fixture->store, &update, &error));
  g_assert_no_error (error);
}

/* score < 0: no score (unparsed when @unparsed is set). */
static void
set_judge (Fixture           *fixture,
           guint              row,
           guint              variant,
           KdlStoreItemState  state,
           double             score,
           const char        *parts,
           const char        *unparsed,
           gint64             tokens)
{
  g_autoptr(GError) error = NULL;
  KdlStoreItemUpdate update = { 0 };

  update.item_id = kdl_test_store_find_ref (fixture->refs, row, variant, KDL_STORE_STAGE_JUDGE)->id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_SCORE | KDL_STORE_ITEM_ADD_USAGE |
                  KDL_STORE_ITEM_SET_ATTEMPTS;
  update.state = state;
  update.attempts = 1;
  update.has_score = score >= 0;
  update.score = score;
  update.parts_json = parts;
  update.unparsed_reason = unparsed;
  update.total_tokens = tokens;
  g_assert_true (kdl_store_update_item (fixture->store, &update, &error));
  g_assert_no_error (error);
}

static void
assert_buckets (GArray       *histogram,
                const double *from,
                const double *to,
                const guint  *counts,
                guint         n)
{
  g_assert_cmpuint (histogram->len, ==, n);
  for (guint k = 0; k < n; k++)
    {
      KdlStoreBucket *bucket = &g_array_index (histogram, KdlStoreBucket, k);

      g_assert_cmpfloat_with_epsilon (bucket->from, from[k], 1e-9);
      g_assert_cmpfloat_with_epsilon (bucket->to, to[k], 1e-9);
      g_assert_cmpuint (bucket->count, ==, counts[k]);
    }
}

/* Run A (score_max 100): 8 rows.
 *   rows 1–5 judged 90, 75, 80, 60, 95 (row 3 generated twice), with parts
 *   row 6 judged without a score (unparsed)
 *   row 7 generation failed, judge skipped
 *   row 8 generated, judge still pending
 * By hand: done 6, failed 1, retried 2 (rows 3 and 7), scored 5, unparsed 1,
 * mean 400 / 5 = 80, median of 60 75 80 90 95 = 80,
 * buckets of 10: [60,70) 1, [70,80) 1, [80,90) 1, [90,100] 2,
 * 内容 (45+40+50+30+50)/5 = 43, 格式 (45+35+30+30+45)/5 = 37,
 * tokens 10·(1+2+3+4+5+6+8) + 5·6 + 7 = 320 + 7. */
static gint64
make_run_a (Fixture *fixture)
{
  const double scores[] = { 90, 75, 80, 60, 95 };
  const char *parts[] = {
    "{\"内容\":45,\"格式\":45}",
    "{\"内容\":40,\"格式\":35}",
    "{\"内容\":50,\"格式\":30,\"note\":\"no number\"}",
    "{\"内容\":30,\"格式\":30}",
    "{\"内容\":50,\"格式\":45}",
  };
  gint64 run_id = kdl_test_store_add_run (fixture->store, 8, 1, TRUE, 100);

  load_refs (fixture, run_id);
  for (guint row = 1; row <= 8; row++)
    {
      if (row == 7)
        {
          set_gen (fixture, row, 0, KDL_STORE_ITEM_FAILED, 3, 7);
          set_judge (fixture, row, 0, KDL_STORE_ITEM_SKIPPED, -1, NULL, NULL, 0);
          continue;
        }

      set_gen (fixture, row, 0, KDL_STORE_ITEM_DONE, row == 3 ? 2 : 1, 10 * row);
      if (row <= 5)
        set_judge (fixture, row, 0, KDL_STORE_ITEM_DONE, scores[row - 1], parts[row - 1], NULL, 5);
      else if (row == 6)
        set_judge (fixture, row, 0, KDL_STORE_ITEM_DONE, -1, NULL, "no-score", 5);
    }

  return run_id;
}

static void
fixture_init (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GError) error = NULL;

  fixture->store = kdl_test_store_new (name);
  fixture->reader = kdl_store_open_reader (fixture->store, &error);
  g_assert_no_error (error);
  fixture->refs = NULL;
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_pointer (&fixture->refs, g_array_unref);
  g_clear_pointer (&fixture->reader, kdl_store_reader_free);
  g_clear_object (&fixture->store);
}

static void
test_run_a (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  Fixture fixture;
  const double from[] = { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90 };
  const double to[] = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
  const guint counts[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 2 };
  gint64 run_id;

  fixture_init (&fixture, "stats-a");
  run_id = make_run_a (&fixture);

  stats = kdl_store_reader_get_run_stats (fixture.reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->run_id, ==, run_id);
  g_assert_cmpuint (stats->rows, ==, 8);
  g_assert_cmpuint (stats->samples, ==, 8);
  g_assert_cmpuint (stats->done, ==, 6);
  g_assert_cmpuint (stats->failed, ==, 1);
  g_assert_cmpuint (stats->retried, ==, 2);   /* row 3, and row 7's three attempts */
  g_assert_cmpuint (stats->scored, ==, 5);
  g_assert_cmpuint (stats->unparsed, ==, 1);
  g_assert_true (stats->has_scores);
  g_assert_cmpfloat_with_epsilon (stats->mean, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->median, 80, 1e-9);
  g_assert_cmpfloat (stats->score_max, ==, 100);
  assert_buckets (stats->histogram, from, to, counts, G_N_ELEMENTS (counts));

  g_assert_cmpuint (stats->parts->len, ==, 2);
  g_assert_cmpstr (g_array_index (stats->parts, KdlStorePart, 0).name, ==, "内容");
  g_assert_cmpfloat_with_epsilon (g_array_index (stats->parts, KdlStorePart, 0).mean, 43, 1e-9);
  g_assert_cmpuint (g_array_index (stats->parts, KdlStorePart, 0).count, ==, 5);
  g_assert_cmpstr (g_array_index (stats->parts, KdlStorePart, 1).name, ==, "格式");
  g_assert_cmpfloat_with_epsilon (g_array_index (stats->parts, KdlStorePart, 1).mean, 37, 1e-9);

  g_assert_cmpint (stats->total_tokens, ==, 327);

  fixture_clear (&fixture);
}

/* Run B: a 10-point scale, one bucket per point, even count.
 * Scores 3, 7, 10, 10: mean 7.5, median (7 + 10) / 2 = 8.5. */
static void
test_per_point (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  Fixture fixture;
  double from[11], to[11];
  guint counts[11] = { 0 };
  gint64 run_id;

  fixture_init (&fixture, "stats-b");
  run_id = kdl_test_store_add_run (fixture.store, 2, 2, TRUE, 10);
  load_refs (&fixture, run_id);
  set_judge (&fixture, 1, 0, KDL_STORE_ITEM_DONE, 3, NULL, NULL, 0);
  set_judge (&fixture, 1, 1, KDL_STORE_ITEM_DONE, 10, NULL, NULL, 0);
  set_judge (&fixture, 2, 0, KDL_STORE_ITEM_DONE, 7, NULL, NULL, 0);
  set_judge (&fixture, 2, 1, KDL_STORE_ITEM_DONE, 10, NULL, NULL, 0);

  stats = kdl_store_reader_get_run_stats (fixture.reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->rows, ==, 2);
  g_assert_cmpuint (stats->samples, ==, 4);
  g_assert_cmpuint (stats->done, ==, 0);   /* generate items still pending */
  g_assert_cmpfloat_with_epsilon (stats->mean, 7.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->median, 8.5, 1e-9);
  for (guint k = 0; k < 11; k++)
    {
      from[k] = k;
      to[k] = k + 1;
    }
  counts[3] = 1;
  counts[7] = 1;
  counts[10] = 2;
  assert_buckets (stats->histogram, from, to, counts, 11);
  g_assert_cmpuint (stats->parts->len, ==, 0);

  fixture_clear (&fixture);
}

/* Run C: no score_max known: the top score rounded up, 43, in tenths.
 * Run D: a fractional scale where 0.15 / 0.05 is 2.999… in floating point. */
static void
test_ranges (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) c = NULL;
  g_autoptr(KdlStoreRunStats) d = NULL;
  g_autoptr(KdlStoreRunStats) empty = NULL;
  Fixture fixture;
  gint64 run_c, run_d, run_e;

  fixture_init (&fixture, "stats-c");
  run_c = kdl_test_store_add_run (fixture.store, 3, 1, TRUE, 0);
  load_refs (&fixture, run_c);
  set_judge (&fixture, 1, 0, KDL_STORE_ITEM_DONE, 42.5, NULL, NULL, 0);
  set_judge (&fixture, 2, 0, KDL_STORE_ITEM_DONE, 17, NULL, NULL, 0);
  set_judge (&fixture, 3, 0, KDL_STORE_ITEM_DONE, -1, NULL, "no-score", 0);

  c = kdl_store_reader_get_run_stats (fixture.reader, run_c, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (c->score_max, ==, 43);
  g_assert_cmpuint (c->histogram->len, ==, 10);
  g_assert_cmpuint (g_array_index (c->histogram, KdlStoreBucket, 3).count, ==, 1);   /* 17 in [12.9, 17.2) */
  g_assert_cmpuint (g_array_index (c->histogram, KdlStoreBucket, 9).count, ==, 1);   /* 42.5 in [38.7, 43] */
  g_assert_cmpfloat (g_array_index (c->histogram, KdlStoreBucket, 9).to, ==, 43);
  g_assert_cmpfloat_with_epsilon (c->median, (42.5 + 17) / 2, 1e-9);
  g_assert_cmpuint (c->unparsed, ==, 1);

  run_d = kdl_test_store_add_run (fixture.store, 2, 1, TRUE, 0.5);
  load_refs (&fixture, run_d);
  set_judge (&fixture, 1, 0, KDL_STORE_ITEM_DONE, 0.15, NULL, NULL, 0);
  set_judge (&fixture, 2, 0, KDL_STORE_ITEM_DONE, 0.7, NULL, NULL, 0);   /* over the top: last bucket */
  d = kdl_store_reader_get_run_stats (fixture.reader, run_d, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->histogram->len, ==, 10);
  g_assert_cmpuint (g_array_index (d->histogram, KdlStoreBucket, 3).count, ==, 1);
  g_assert_cmpuint (g_array_index (d->histogram, KdlStoreBucket, 9).count, ==, 1);

  /* No scores: no mean, buckets all empty. */
  run_e = kdl_test_store_add_run (fixture.store, 2, 1, FALSE, 100);
  empty = kdl_store_reader_get_run_stats (fixture.reader, run_e, &error);
  g_assert_no_error (error);
  g_assert_false (empty->has_scores);
  g_assert_cmpuint (empty->scored, ==, 0);
  g_assert_cmpuint (empty->histogram->len, ==, 10);
  for (guint k = 0; k < 10; k++)
    g_assert_cmpuint (g_array_index (empty->histogram, KdlStoreBucket, k).count, ==, 0);

  g_assert_null (kdl_store_reader_get_run_stats (fixture.reader, 9999, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);

  fixture_clear (&fixture);
}

static void
test_layout (void)
{
  guint n;
  double width;

  kdl_store_histogram_layout (100, &n, &width);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpfloat (width, ==, 10);
  kdl_store_histogram_layout (5, &n, &width);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat (width, ==, 1);
  kdl_store_histogram_layout (20, &n, &width);
  g_assert_cmpuint (n, ==, 21);
  kdl_store_histogram_layout (21, &n, &width);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpfloat (width, ==, 2.1);
  kdl_store_histogram_layout (7.5, &n, &width);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpfloat (width, ==, 0.75);
  kdl_store_histogram_layout (0, &n, &width);
  g_assert_cmpuint (n, ==, 0);
}

static char **
member_names (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);

  return g_strv_builder_end (builder);
}

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) latest = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) run_keys = NULL;
  const char * const expected[] = {
    "runs", "run", "done", "failed", "scored", "unparsed", "mean", "median", "histogram", "parts", "tokens", NULL
  };
  const char * const expected_run[] = { "id", "created", "template", "judge", "rows", "done", "failed", NULL };
  JsonObject *root, *first, *bucket, *parts;
  JsonArray *runs;
  Fixture fixture;
  gint64 run_a, run_b;

  fixture_init (&fixture, "stats-json");

  /* A project without runs. */
  node = kdl_store_reader_build_stats_json (fixture.reader, 0, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);
  g_assert_true (json_object_get_null_member (root, "run"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "runs")), ==, 0);
  g_assert_true (json_object_get_null_member (root, "mean"));
  g_assert_cmpint (json_object_get_int_member (root, "tokens"), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  run_a = make_run_a (&fixture);
  run_b = kdl_test_store_add_run (fixture.store, 2, 1, FALSE, 0);

  node = kdl_store_reader_build_stats_json (fixture.reader, run_a, &error);
  g_assert_no_error (error);
  text = json_to_string (node, FALSE);
  g_test_message ("%s", text);
  root = json_node_get_object (node);

  keys = member_names (root);
  g_assert_cmpstrv (keys, expected);
  g_assert_cmpint (json_object_get_int_member (root, "run"), ==, run_a);
  g_assert_cmpint (json_object_get_int_member (root, "done"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (root, "failed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "scored"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "unparsed"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "mean"), 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "median"), 80, 1e-9);
  g_assert_cmpint (json_object_get_int_member (root, "tokens"), ==, 327);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "histogram")), ==, 10);
  bucket = json_array_get_object_element (json_object_get_array_member (root, "histogram"), 9);
  g_assert_cmpint (json_object_get_int_member (bucket, "from"), ==, 90);
  g_assert_cmpint (json_object_get_int_member (bucket, "to"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (bucket, "count"), ==, 2);

  parts = json_object_get_object_member (root, "parts");
  g_assert_cmpuint (json_object_get_size (parts), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (parts, "内容"), 43, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (parts, "格式"), 37, 1e-9);

  runs = json_object_get_array_member (root, "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  first = json_array_get_object_element (runs, 0);
  run_keys = member_names (first);
  g_assert_cmpstrv (run_keys, expected_run);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, run_a);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       json_object_get_string_member (first, "created"), 0, 0));
  g_assert_cmpstr (json_object_get_string_member (first, "template"), ==, "rebuild");
  g_assert_cmpstr (json_object_get_string_member (first, "judge"), ==, "judge");
  g_assert_cmpint (json_object_get_int_member (first, "rows"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (first, "done"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (first, "failed"), ==, 1);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (runs, 1), "judge"));

  /* 0 is the newest run: B, without scores. */
  latest = kdl_store_reader_build_stats_json (fixture.reader, 0, &error);
  g_assert_no_error (error);
  root = json_node_get_object (latest);
  g_assert_cmpint (json_object_get_int_member (root, "run"), ==, run_b);
  g_assert_true (json_object_get_null_member (root, "mean"));
  g_assert_true (json_object_get_null_member (root, "median"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "histogram")), ==, 0);

  g_assert_null (kdl_store_reader_build_stats_json (fixture.reader, 12345, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);

  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/stats/run", test_run_a);
  g_test_add_func ("/store/stats/per-point", test_per_point);
  g_test_add_func ("/store/stats/ranges", test_ranges);
  g_test_add_func ("/store/stats/layout", test_layout);
  g_test_add_func ("/store/stats/json", test_json);

  return g_test_run ();
}
