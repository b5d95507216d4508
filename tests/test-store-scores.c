/* test-store-scores.c — the figures the Scores view draws: spread,
 * structure-check pass rate, tokens by stage, the unparsed filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-test-store.h"

#define N_ROWS 10

/* Row r's judge score (-1: none), the generate item's check (-1: not
 * checked), and whether the judge reply was unparsed. */
static const double scores[N_ROWS] = { 10, 20, 20, 35, 50, 70, 90, 100, -1, -1 };
static const int checks[N_ROWS] = { 1, 1, 1, 1, 1, 1, 0, 0, 1, -1 };
static const gboolean unparsed[N_ROWS] = { FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE };

typedef struct
{
  KdlStore       *store;
  KdlStoreReader *reader;
  gint64          run;
  gint64          gen_ids[N_ROWS + 1];
  gint64          judge_ids[N_ROWS + 1];
} Fixture;

static void
update (KdlStore           *store,
        KdlStoreItemUpdate *update)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdl_store_update_item (store, update, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refs = NULL;

  fixture->store = kdl_test_store_new ("scores");
  fixture->run = kdl_test_store_add_run (fixture->store, N_ROWS, 1, TRUE, 100);
  fixture->reader = kdl_store_open_reader (fixture->store, &error);
  g_assert_no_error (error);

  refs = kdl_store_reader_list_unfinished_items (fixture->reader, fixture->run, &error);
  g_assert_no_error (error);

  for (guint row = 1; row <= N_ROWS; row++)
    {
      KdlStoreItemUpdate gen = { 0 };
      KdlStoreItemUpdate judge = { 0 };

      fixture->gen_ids[row] = kdl_test_store_find_ref (refs, row, 0, KDL_STORE_STAGE_GENERATE)->id;
      fixture->judge_ids[row] = kdl_test_store_find_ref (refs, row, 0, KDL_STORE_STAGE_JUDGE)->id;

      gen.item_id = fixture->gen_ids[row];
      gen.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_ADD_USAGE;
      gen.state = KDL_STORE_ITEM_DONE;
      gen.output = "1. 题目\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:A";
      gen.prompt_tokens = 100;
      gen.completion_tokens = 50;
      gen.total_tokens = 150;
      if (checks[row - 1] >= 0)
        {
          gen.fields |= KDL_STORE_ITEM_SET_CHECK;
          gen.check_ok = checks[row - 1];
        }
      update (fixture->store, &gen);

      /* Row 10's judge failed and used nothing. */
      judge.item_id = fixture->judge_ids[row];
      judge.fields = KDL_STORE_ITEM_SET_STATE;
      judge.state = row == N_ROWS ? KDL_STORE_ITEM_FAILED : KDL_STORE_ITEM_DONE;
      if (row < N_ROWS)
        {
          judge.fields |= KDL_STORE_ITEM_SET_SCORE | KDL_STORE_ITEM_ADD_USAGE;
          judge.has_score = scores[row - 1] >= 0;
          judge.score = scores[row - 1];
          judge.unparsed_reason = unparsed[row - 1] ? "no-total" : NULL;
          judge.prompt_tokens = 30;
          judge.completion_tokens = 5;
          judge.total_tokens = 35;
        }
      update (fixture->store, &judge);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->reader, kdl_store_reader_free);
  g_clear_object (&fixture->store);
}

/* By hand, sorted: 10 20 20 35 50 70 90 100 (n = 8).  Quartile at
 * position (n − 1)·q: q1 at 1.75 → 20 + 0.75·(20 − 20) = 20; median at
 * 3.5 → (35 + 50) / 2 = 42.5; q3 at 5.25 → 70 + 0.25·(90 − 70) = 75. */
static void
test_spread (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = kdl_store_reader_get_run_stats (fixture->reader, fixture->run, &error);

  g_assert_no_error (error);
  g_assert_true (stats->has_scores);
  g_assert_cmpuint (stats->scored, ==, 8);
  g_assert_cmpuint (stats->unparsed, ==, 1);
  g_assert_cmpfloat_with_epsilon (stats->mean, 395.0 / 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->lowest, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->highest, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->q1, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->median, 42.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->q3, 75, 1e-9);
}

/* One score: every quartile is that score. */
static void
test_spread_single (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("single");
  gint64 run = kdl_test_store_add_run (store, 1, 1, TRUE, 10);
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GArray) refs = kdl_store_reader_list_unfinished_items (reader, run, &error);
  g_autoptr(KdlStoreRunStats) stats = NULL;
  KdlStoreItemUpdate judge = { 0 };

  judge.item_id = kdl_test_store_find_ref (refs, 1, 0, KDL_STORE_STAGE_JUDGE)->id;
  judge.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_SCORE;
  judge.state = KDL_STORE_ITEM_DONE;
  judge.has_score = TRUE;
  judge.score = 7;
  update (store, &judge);

  stats = kdl_store_reader_get_run_stats (reader, run, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (stats->q1, ==, 7);
  g_assert_cmpfloat (stats->median, ==, 7);
  g_assert_cmpfloat (stats->q3, ==, 7);
  g_assert_cmpfloat (stats->lowest, ==, 7);
  g_assert_cmpfloat (stats->highest, ==, 7);
  g_assert_cmpuint (stats->checked, ==, 0);
  g_assert_cmpuint (stats->check_passed, ==, 0);
}

/* Checked: rows 1–9 (row 10 never was); passed: 1–6 and 9. */
static void
test_pass_rate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = kdl_store_reader_get_run_stats (fixture->reader, fixture->run, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (stats->checked, ==, 9);
  g_assert_cmpuint (stats->check_passed, ==, 7);
}

/* A judge-only run counts the checks of the texts it judged, in the
 * run that made them. */
static void
test_pass_rate_rejudge (Fixture       *fixture,
                        gconstpointer  data)
{
  static const guint judged[] = { 1, 2, 7, 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  KdlStoreRunSpec spec = { 0 };
  KdlStoreItemSpec items[G_N_ELEMENTS (judged)];
  gint64 rejudge;

  spec.parent_run_id = fixture->run;
  spec.judge_template_id = kdl_store_add_template_version (fixture->store, "judge", KDL_STORE_STAGE_JUDGE,
                                                           "name: judge\nkind: judge\n---\n{generated}\n", &error);
  g_assert_no_error (error);
  spec.score_max = 100;
  rejudge = kdl_store_create_run (fixture->store, &spec, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (judged); i++)
    items[i] = (KdlStoreItemSpec) { judged[i], 0, FALSE, TRUE, fixture->gen_ids[judged[i]] };
  g_assert_true (kdl_store_add_items (fixture->store, rejudge, items, G_N_ELEMENTS (items), &error));
  g_assert_no_error (error);

  stats = kdl_store_reader_get_run_stats (fixture->reader, rejudge, &error);
  g_assert_no_error (error);
  /* Rows 1, 2 passed, 7 failed, 10 was never checked. */
  g_assert_cmpuint (stats->checked, ==, 3);
  g_assert_cmpuint (stats->check_passed, ==, 2);
  g_assert_false (stats->has_scores);
}

static void
test_stage_tokens (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRunStats) stats = kdl_store_reader_get_run_stats (fixture->reader, fixture->run, &error);

  g_assert_no_error (error);
  g_assert_cmpint (stats->stage_prompt_tokens[KDL_STORE_STAGE_GENERATE], ==, 10 * 100);
  g_assert_cmpint (stats->stage_completion_tokens[KDL_STORE_STAGE_GENERATE], ==, 10 * 50);
  g_assert_cmpint (stats->stage_prompt_tokens[KDL_STORE_STAGE_JUDGE], ==, 9 * 30);
  g_assert_cmpint (stats->stage_completion_tokens[KDL_STORE_STAGE_JUDGE], ==, 9 * 5);
  /* The run's own totals agree. */
  g_assert_cmpint (stats->prompt_tokens, ==, 1000 + 270);
  g_assert_cmpint (stats->completion_tokens, ==, 500 + 45);
}

/* The unparsed bucket as a filter: exactly row 9's sample. */
static void
test_query_unparsed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gen = NULL;
  g_autoptr(GArray) any = NULL;
  KdlStoreItemQuery query;

  kdl_store_item_query_init (&query, fixture->run);
  query.any_stage = FALSE;
  query.stage = KDL_STORE_STAGE_GENERATE;
  query.unparsed = TRUE;
  gen = kdl_store_reader_query_items (fixture->reader, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gen->len, ==, 1);
  g_assert_cmpint (g_array_index (gen, gint64, 0), ==, fixture->gen_ids[9]);

  query.any_stage = TRUE;
  any = kdl_store_reader_query_items (fixture->reader, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (any->len, ==, 2);
  g_assert_cmpint (g_array_index (any, gint64, 0), ==, fixture->gen_ids[9]);
  g_assert_cmpint (g_array_index (any, gint64, 1), ==, fixture->judge_ids[9]);
}

static GArray *
query_verdicts (Fixture       *fixture,
                KdlStoreStage  stage,
                guint          verdicts)
{
  g_autoptr(GError) error = NULL;
  KdlStoreItemQuery query;
  GArray *ids;

  kdl_store_item_query_init (&query, fixture->run);
  query.any_stage = FALSE;
  query.stage = stage;
  query.verdicts = verdicts;
  ids = kdl_store_reader_query_items (fixture->reader, &query, &error);
  g_assert_no_error (error);

  return ids;
}

static void
set_verdict (Fixture         *fixture,
             gint64           item_id,
             KdlStoreVerdict  verdict)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdl_store_set_verdict (fixture->store, &item_id, 1, verdict, &error));
  g_assert_no_error (error);
}

/* The verdict filter reads the sample's verdict as the export does: the
 * generate item's, else the judge item's, from either side. */
static void
test_query_sample_verdict (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;

  set_verdict (fixture, fixture->judge_ids[3], KDL_STORE_VERDICT_REJECTED);

  ids = query_verdicts (fixture, KDL_STORE_STAGE_GENERATE, 1 << KDL_STORE_VERDICT_REJECTED);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, fixture->gen_ids[3]);
  g_clear_pointer (&ids, g_array_unref);

  ids = query_verdicts (fixture, KDL_STORE_STAGE_GENERATE, 1 << KDL_STORE_VERDICT_NONE);
  g_assert_cmpuint (ids->len, ==, N_ROWS - 1);
  g_clear_pointer (&ids, g_array_unref);

  /* The generate item's own verdict wins over its judge's. */
  set_verdict (fixture, fixture->gen_ids[3], KDL_STORE_VERDICT_ACCEPTED);
  ids = query_verdicts (fixture, KDL_STORE_STAGE_GENERATE, 1 << KDL_STORE_VERDICT_REJECTED);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  ids = query_verdicts (fixture, KDL_STORE_STAGE_JUDGE, 1 << KDL_STORE_VERDICT_ACCEPTED);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, fixture->judge_ids[3]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/scores/spread", Fixture, NULL, fixture_set_up, test_spread, fixture_tear_down);
  g_test_add_func ("/store/scores/spread-single", test_spread_single);
  g_test_add ("/store/scores/pass-rate", Fixture, NULL, fixture_set_up, test_pass_rate, fixture_tear_down);
  g_test_add ("/store/scores/pass-rate-rejudge", Fixture, NULL, fixture_set_up, test_pass_rate_rejudge,
              fixture_tear_down);
  g_test_add ("/store/scores/stage-tokens", Fixture, NULL, fixture_set_up, test_stage_tokens, fixture_tear_down);
  g_test_add ("/store/scores/query-unparsed", Fixture, NULL, fixture_set_up, test_query_unparsed,
              fixture_tear_down);

  g_test_add ("/store/scores/query-sample-verdict", Fixture, NULL, fixture_set_up, test_query_sample_verdict,
              fixture_tear_down);

  return g_test_run ();
}
