/* test-runner.c — the run engine against the simulator, over real
 * WebSockets, into a real project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-run-plan.h"
#include "kdl-runner.h"
#include "kdl-spark-provider.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

typedef struct
{
  KdlSparkSim      *sim;
  KdlStore         *store;
  char             *path;
  KdlDataset       *dataset;
  KdlSparkProvider *provider;
  KdlRunOptions     options;
  /* what the last run did */
  KdlStoreRunState  state;
  GError           *error;
  gboolean          done;
  guint             committed;
  guint             slot_updates;
  guint             max_in_flight;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autofree char *sample = kdl_test_sample_path (data ? data : "sample-zh.csv");

  f->sim = kdl_test_sim_new ();
  kdl_spark_sim_set_seed (f->sim, kdl_test_seed (5));
  f->path = kdl_test_store_path ("runner.kindling");
  f->store = kdl_store_open (f->path, &error);
  g_assert_no_error (error);
  f->dataset = kdl_test_load (sample, NULL);

  url = kdl_spark_sim_get_url (f->sim, "max");
  endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, NULL);
  f->provider = kdl_spark_provider_new (endpoint);
  kdl_spark_provider_set_credentials (f->provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_spark_provider_set_timeouts (f->provider, 2000, 2000, 300);
  kdl_spark_provider_set_max_connections (f->provider, 16);

  kdl_run_options_init (&f->options);
  f->options.backoff_base_ms = 5;
  f->options.backoff_max_ms = 40;
  f->options.retries = 8;
  f->options.pushback_ms = 150;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_error (&f->error);
  g_clear_object (&f->provider);
  g_clear_object (&f->dataset);
  g_assert_finalize_object (f->store);
  g_clear_object (&f->sim);
  g_free (f->path);
}

static gint64
create_run (Fixture     *f,
            const char  *generate,
            const char  *judge,
            gint64       from_run,
            guint        variants)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlTemplate) gen = generate ? kdl_template_new_builtin (generate, "zh", &error) : NULL;
  g_autoptr(KdlTemplate) jud = judge ? kdl_template_new_builtin (judge, "zh", &error) : NULL;
  KdlRunPlanSpec spec = { 0 };
  gint64 run_id;

  g_assert_no_error (error);
  spec.dataset = from_run ? NULL : f->dataset;
  spec.from_run = from_run;
  spec.generate = gen;
  spec.judge = jud;
  spec.variants = variants;
  spec.provider_json = "{}";
  spec.params_json = "{}";
  run_id = kdl_run_plan_create (f->store, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  return run_id;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  f->state = kdl_runner_run_finish (KDL_RUNNER (object), result, &f->error);
  f->done = TRUE;
}

static void
on_committed (KdlRunner *runner,
              GArray    *ids,
              gpointer   user_data)
{
  ((Fixture *)user_data)->committed += ids->len;
}

static void
on_slots (KdlRunner *runner,
          GArray    *slots,
          gpointer   user_data)
{
  Fixture *f = user_data;

  f->slot_updates++;
  f->max_in_flight = MAX (f->max_in_flight, kdl_runner_get_progress (runner)->in_flight);
}

static gboolean
is_done (gpointer data)
{
  return ((Fixture *)data)->done;
}

static KdlRunner *
start_runner (Fixture *f,
              gint64   run_id)
{
  KdlRunner *runner = kdl_runner_new (f->store, run_id, KDL_LLM_PROVIDER (f->provider), NULL, &f->options);

  f->done = FALSE;
  f->committed = 0;
  f->slot_updates = 0;
  f->max_in_flight = 0;
  g_clear_error (&f->error);
  kdl_runner_set_update_interval (runner, 10);
  g_signal_connect (runner, "items-committed", G_CALLBACK (on_committed), f);
  g_signal_connect (runner, "slots-changed", G_CALLBACK (on_slots), f);
  kdl_runner_run_async (runner, NULL, on_done, f);

  return runner;
}

static KdlStoreRunState
run_to_end (Fixture *f,
            gint64   run_id)
{
  g_autoptr(KdlRunner) runner = start_runner (f, run_id);

  kdl_test_wait_until (is_done, f, 60000);
  g_assert_no_error (f->error);

  return f->state;
}

static KdlStoreRunStats *
stats_of (Fixture *f,
          gint64   run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (f->store, &error);
  KdlStoreRunStats *stats;

  g_assert_no_error (error);
  stats = kdl_store_reader_get_run_stats (reader, run_id, &error);
  g_assert_no_error (error);

  return stats;
}

static gint64
count_items (Fixture    *f,
             gint64      run_id,
             const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM items WHERE run_id = %" G_GINT64_FORMAT " AND %s",
                                          run_id, where);

  kdl_store_flush_sync (f->store, NULL);
  return kdl_test_store_query_int (f->path, sql);
}

static void
test_full_run (Fixture       *f,
               gconstpointer  data)
{
  gint64 run_id = create_run (f, "rebuild", "judge", 0, 1);
  g_autoptr(KdlStoreRunStats) stats = NULL;
  g_autoptr(KdlRunner) runner = NULL;
  KdlSparkSimStats sim;

  f->options.concurrency = 4;
  runner = start_runner (f, run_id);
  kdl_test_wait_until (is_done, f, 30000);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_DONE);

  /* 8 rows: 8 generations, 8 judgements, all scored. */
  stats = stats_of (f, run_id);
  g_assert_cmpuint (stats->rows, ==, 8);
  g_assert_cmpuint (stats->done, ==, 8);
  g_assert_cmpuint (stats->failed, ==, 0);
  g_assert_cmpuint (stats->scored, ==, 8);
  g_assert_true (stats->has_scores);
  g_assert_cmpint (stats->total_tokens, >, 0);
  g_assert_cmpint (count_items (f, run_id, "state = 'done' AND prompt IS NOT NULL AND output IS NOT NULL"), ==, 16);
  g_assert_cmpint (count_items (f, run_id, "stage = 'generate' AND check_ok = 1"), ==, 8);
  g_assert_cmpint (count_items (f, run_id, "stage = 'judge' AND score IS NOT NULL AND parts_json != '{}'"), ==, 8);
  /* The judge saw the generated text. */
  g_assert_cmpint (count_items (f, run_id, "stage = 'judge' AND instr (prompt, '待评价的选择题') > 0"), ==, 8);

  /* Told about every item, after it was committed; streams were shown. */
  g_assert_cmpuint (f->committed, ==, 16);
  g_assert_cmpuint (f->slot_updates, >, 0);
  g_assert_cmpuint (kdl_runner_get_progress (runner)->items_done, ==, 16);
  g_assert_cmpint (kdl_runner_get_progress (runner)->total_tokens, ==, stats->total_tokens);

  /* Never more calls than allowed. */
  kdl_spark_sim_get_stats (f->sim, &sim);
  g_assert_cmpuint (sim.completed, ==, 16);
  g_assert_cmpuint (sim.max_active, <=, 4);
  g_assert_cmpuint (sim.max_active, ==, 4);
}

static void
test_exact_concurrency (Fixture       *f,
                        gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", NULL, 0, 6);
  KdlSparkSimStats sim;
  gint64 start;
  double seconds;

  /* 10 rows × 6 variants = 60 calls of ~100 ms at 8 at a time. */
  kdl_spark_sim_set_latency (f->sim, 80, 4);
  f->options.concurrency = 8;
  start = g_get_monotonic_time ();
  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  kdl_spark_sim_get_stats (f->sim, &sim);
  g_assert_cmpuint (sim.completed, ==, 60);
  g_assert_cmpuint (sim.max_active, ==, 8);
  g_assert_cmpuint (f->max_in_flight, ==, 8);
  /* Slots never idle while work remains: about 60 / 8 rounds of ~0.1 s
   * (generous bound, so a loaded machine does not fail it). */
  g_test_message ("60 calls at concurrency 8 took %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, 3.0);
}

static void
test_chain_and_rejudge (Fixture       *f,
                        gconstpointer  data)
{
  gint64 first = create_run (f, "rebuild", "judge", 0, 1);
  gint64 chained, rejudge;
  g_autoptr(KdlStoreRunStats) a = NULL;
  g_autoptr(KdlStoreRunStats) c = NULL;
  g_autofree char *same_scores = NULL;

  g_assert_cmpint (run_to_end (f, first), ==, KDL_STORE_RUN_DONE);

  /* Expand what rebuild produced: its output is the input's questions. */
  chained = create_run (f, "expand", "judge", first, 1);
  g_assert_cmpint (run_to_end (f, chained), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, chained, "stage = 'generate' AND state = 'done' AND source_item_id IN "
                                "(SELECT id FROM items WHERE run_id = 1 AND stage = 'generate')"), ==, 8);

  /* Re-judge the same generations: no generation, same judge, same
   * deterministic scores. */
  rejudge = create_run (f, NULL, "judge", first, 1);
  g_assert_cmpint (run_to_end (f, rejudge), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, rejudge, "stage = 'generate'"), ==, 0);
  a = stats_of (f, first);
  c = stats_of (f, rejudge);
  g_assert_cmpuint (c->scored, ==, 8);
  g_assert_cmpfloat (a->mean, ==, c->mean);
  same_scores = g_strdup_printf ("stage = 'judge' AND score = (SELECT j.score FROM items j WHERE j.run_id = %"
                                 G_GINT64_FORMAT " AND j.stage = 'judge' AND j.row_no = items.row_no)", first);
  g_assert_cmpint (count_items (f, rejudge, same_scores), ==, 8);
}

static void
test_faults_mixed (Fixture       *f,
                   gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", "judge", 0, 4);
  g_autoptr(KdlStoreRunStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  gint64 failed, fatal_failed;

  kdl_spark_sim_set_faults (f->sim, "drop:0.08,invalid:0.05,stall:0.04,11202:0.08,11203:0.05,10008:0.05,10013:0.04",
                            &error);
  g_assert_no_error (error);
  f->options.concurrency = 6;
  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);

  stats = stats_of (f, run_id);
  g_assert_cmpuint (stats->retried, >, 0);
  /* Retryable faults were retried until they succeeded; the only failures
   * are the item-fatal 10013s, each with its reason. */
  failed = count_items (f, run_id, "state = 'failed'");
  fatal_failed = count_items (f, run_id, "state = 'failed' AND error_code = 'spark-10013' AND error_message != ''");
  g_test_message ("%" G_GINT64_FORMAT " items failed with 10013, %u samples retried", failed, stats->retried);
  g_assert_cmpint (failed, ==, fatal_failed);
  g_assert_cmpint (count_items (f, run_id, "state IN ('pending', 'running')"), ==, 0);
  /* A failed generation skips its judge. */
  g_assert_cmpint (count_items (f, run_id, "stage = 'judge' AND state = 'skipped'"), ==,
                   count_items (f, run_id, "stage = 'generate' AND state = 'failed'"));
  g_assert_cmpint (count_items (f, run_id, "state = 'done'") + failed +
                   count_items (f, run_id, "state = 'skipped'"), ==, 80);
}

static void
test_auth_stops (Fixture       *f,
                 gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", "judge", 0, 3);
  g_autoptr(KdlRunner) runner = NULL;
  KdlSparkSimStats sim;

  kdl_spark_sim_set_faults (f->sim, "401:1", NULL);
  f->options.concurrency = 4;
  runner = start_runner (f, run_id);
  kdl_test_wait_until (is_done, f, 10000);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_STOPPED);
  g_assert_cmpstr (kdl_runner_get_stop_code (runner), ==, "http-401");
  g_assert_nonnull (strstr (kdl_runner_get_stop_message (runner), "APISecret"));

  /* At most one failed call per slot, and nothing lost: all pending. */
  kdl_spark_sim_get_stats (f->sim, &sim);
  g_assert_cmpuint (sim.handshakes, <=, 4);
  g_assert_cmpuint (sim.handshakes, >=, 1);
  g_assert_cmpint (count_items (f, run_id, "state = 'pending'"), ==, 60);
  g_assert_cmpint (kdl_test_store_query_int (f->path, "SELECT count(*) FROM runs WHERE state = 'stopped' AND stop_code = 'http-401'"), ==, 1);

  /* Stopped while some items wait for a retry: they go back to pending too. */
  {
    g_autoptr(KdlRunner) again = NULL;

    kdl_spark_sim_set_faults (f->sim, "drop:0.5", NULL);
    f->options.backoff_base_ms = 2000;
    f->options.backoff_max_ms = 2000;
    again = start_runner (f, run_id);
    kdl_test_spin (300);
    kdl_runner_cancel (again);
    kdl_test_wait_until (is_done, f, 10000);
    g_assert_cmpint (f->state, ==, KDL_STORE_RUN_STOPPED);
    g_assert_cmpint (count_items (f, run_id, "state = 'running'"), ==, 0);
    f->options.backoff_base_ms = 5;
    f->options.backoff_max_ms = 40;
  }

  /* Keys fixed: resume finishes everything. */
  kdl_spark_sim_set_faults (f->sim, NULL, NULL);
  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 60);
}

static void
test_daily_limit_resumable (Fixture       *f,
                            gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", "judge", 0, 1);
  g_autoptr(KdlRunner) runner = NULL;

  kdl_spark_sim_set_faults (f->sim, "11201:1", NULL);
  runner = start_runner (f, run_id);
  kdl_test_wait_until (is_done, f, 10000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_STOPPED);
  g_assert_cmpstr (kdl_runner_get_stop_code (runner), ==, "spark-11201");
  g_assert_cmpint (count_items (f, run_id, "state IN ('done', 'failed')"), ==, 0);

  kdl_spark_sim_set_faults (f->sim, NULL, NULL);
  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 16);
}

static void
test_token_budget (Fixture       *f,
                   gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", NULL, 0, 3);
  g_autoptr(KdlRunner) runner = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  gint64 done_first;

  /* One call costs ~1,500 tokens here: stop after a few. */
  f->options.concurrency = 2;
  f->options.max_total_tokens = 5000;
  runner = start_runner (f, run_id);
  kdl_test_wait_until (is_done, f, 10000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_STOPPED);
  g_assert_cmpstr (kdl_runner_get_stop_code (runner), ==, "token-budget");
  done_first = count_items (f, run_id, "state = 'done'");
  g_assert_cmpint (done_first, >, 0);
  g_assert_cmpint (done_first, <, 24);
  stats = stats_of (f, run_id);
  g_assert_cmpint (stats->total_tokens, >=, 5000);

  /* A bigger budget goes on from there and redoes nothing. */
  f->options.max_total_tokens = 0;
  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 24);
  g_assert_cmpint (count_items (f, run_id, "attempts > 1"), ==, 0);
}

static gboolean
some_done (gpointer data)
{
  Fixture *f = data;

  return f->committed >= 6;
}

static gboolean
is_paused (gpointer data)
{
  return kdl_runner_get_progress (data)->state == KDL_STORE_RUN_PAUSED;
}

static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", "judge", 0, 3);
  g_autoptr(KdlRunner) runner = NULL;
  KdlSparkSimStats before, after;

  kdl_spark_sim_set_latency (f->sim, 30, 2);
  f->options.concurrency = 3;
  runner = start_runner (f, run_id);
  kdl_test_wait_until (some_done, f, 10000);

  kdl_runner_pause (runner);
  g_assert_true (kdl_runner_is_paused (runner));
  kdl_test_wait_until (is_paused, runner, 10000);
  /* Calls in flight finished and were saved; no new ones start. */
  g_assert_cmpuint (kdl_runner_get_progress (runner)->in_flight, ==, 0);
  kdl_spark_sim_get_stats (f->sim, &before);
  kdl_test_spin (300);
  kdl_spark_sim_get_stats (f->sim, &after);
  g_assert_cmpuint (after.requests, ==, before.requests);
  g_assert_false (f->done);
  g_assert_cmpint (kdl_test_store_query_int (f->path, "SELECT count(*) FROM runs WHERE state = 'paused'"), ==, 1);

  kdl_runner_resume (runner);
  kdl_test_wait_until (is_done, f, 20000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 48);
  kdl_spark_sim_get_stats (f->sim, &after);
  g_assert_cmpuint (after.completed, ==, 48);
}

static void
test_cancel_and_resume (Fixture       *f,
                        gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", "judge", 0, 3);
  g_autoptr(KdlRunner) runner = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 done_before;

  kdl_spark_sim_set_latency (f->sim, 60, 5);
  f->options.concurrency = 4;
  runner = kdl_runner_new (f->store, run_id, KDL_LLM_PROVIDER (f->provider), NULL, &f->options);
  kdl_runner_run_async (runner, cancellable, on_done, f);
  kdl_test_spin (200);
  g_cancellable_cancel (cancellable);
  kdl_test_wait_until (is_done, f, 10000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_STOPPED);
  g_assert_cmpstr (kdl_runner_get_stop_code (runner), ==, "cancelled");
  /* Cancelled calls go back to pending; nothing is left running. */
  g_assert_cmpint (count_items (f, run_id, "state = 'running'"), ==, 0);
  done_before = count_items (f, run_id, "state = 'done'");
  g_assert_cmpint (done_before, <, 48);

  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 48);
}

static void
test_regenerate_then_skip (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Asks to keep {mcq} but under a heading the simulator does not know, so
   * its answers drop the originals and fail the check every time. */
  g_autoptr(KdlTemplate) gen = kdl_template_new_from_text ("name: keep\nkind: generate\n---\n"
                                                           "### 阅读文本\n{reading}\n\n### 原题\n{mcq}\n",
                                                           -1, "keep.tmpl", &error);
  g_autoptr(KdlTemplate) jud = kdl_template_new_builtin ("judge", "zh", &error);
  KdlRunPlanSpec spec = { 0 };
  gint64 run_id;

  g_assert_no_error (error);
  spec.dataset = f->dataset;
  spec.generate = gen;
  spec.judge = jud;
  spec.limit = 3;
  run_id = kdl_run_plan_create (f->store, &spec, &error);
  g_assert_no_error (error);

  f->options.regenerate_on_fail = 2;
  g_assert_cmpint (run_to_end (f, run_id), ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "stage = 'generate' AND state = 'done' AND check_ok = 0 AND attempts = 3"), ==, 3);
  g_assert_cmpint (count_items (f, run_id, "instr (check_json, 'original-missing') > 0"), ==, 3);
  g_assert_cmpint (count_items (f, run_id, "stage = 'judge' AND state = 'skipped'"), ==, 3);
}

typedef struct
{
  guint  min_concurrency;
  double min_qps;
} PushBack;

static void
on_push_back_progress (KdlRunner *runner,
                       gpointer   user_data)
{
  PushBack *seen = user_data;
  const KdlRunProgress *p = kdl_runner_get_progress (runner);

  seen->min_concurrency = MIN (seen->min_concurrency, p->concurrency);
  if (p->qps > 0)
    seen->min_qps = seen->min_qps > 0 ? MIN (seen->min_qps, p->qps) : p->qps;
}

static void
test_push_back (Fixture       *f,
                gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", NULL, 0, 4);
  g_autoptr(KdlRunner) runner = NULL;
  PushBack seen = { G_MAXUINT, 0 };
  KdlSparkSimStats sim;

  /* The account allows 3 calls at once: the runner, asked for 8, must
   * come down instead of failing items. */
  kdl_spark_sim_set_faults (f->sim, "concurrency-limit:3", NULL);
  kdl_spark_sim_set_latency (f->sim, 60, 5);
  f->options.concurrency = 8;
  f->options.pushback_ms = 2000;
  runner = start_runner (f, run_id);
  g_signal_connect (runner, "progress", G_CALLBACK (on_push_back_progress), &seen);
  kdl_test_wait_until (is_done, f, 30000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 40);
  g_assert_cmpuint (seen.min_concurrency, <, 8);
  g_assert_cmpuint (seen.min_concurrency, >=, 1);

  /* …and at most 5 requests a second: the rate comes down (11202). */
  run_id = create_run (f, "expand", NULL, 0, 2);
  g_clear_object (&runner);
  kdl_spark_sim_set_faults (f->sim, "qps-limit:5", NULL);
  kdl_spark_sim_set_latency (f->sim, 5, 1);
  kdl_spark_sim_reset_stats (f->sim);
  f->options.concurrency = 4;
  runner = start_runner (f, run_id);
  g_signal_connect (runner, "progress", G_CALLBACK (on_push_back_progress), &seen);
  kdl_test_wait_until (is_done, f, 30000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (count_items (f, run_id, "state = 'done'"), ==, 20);
  g_assert_cmpfloat (seen.min_qps, >, 0);
  g_assert_cmpfloat (seen.min_qps, <, 20);
  kdl_spark_sim_get_stats (f->sim, &sim);
  g_test_message ("qps limit: %u requests for 20 items, lowest rate %.1f/s", sim.requests, seen.min_qps);
}

static void
test_second_process_refused (Fixture       *f,
                             gconstpointer  data)
{
  gint64 run_id = create_run (f, "expand", NULL, 0, 1);
  g_autoptr(KdlRunner) first = NULL;
  g_autoptr(KdlStore) other = NULL;
  g_autoptr(GError) error = NULL;

  kdl_spark_sim_set_latency (f->sim, 200, 5);
  first = start_runner (f, run_id);
  kdl_test_spin (100);

  /* The run is locked by this process: a second runner is refused. */
  other = kdl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (kdl_store_lock_run (other, run_id, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED);

  kdl_test_wait_until (is_done, f, 10000);
  g_assert_cmpint (f->state, ==, KDL_STORE_RUN_DONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, sample) \
  g_test_add ("/runner/" path, Fixture, sample, fixture_setup, func, fixture_teardown)

  ADD ("full-run", test_full_run, NULL);
  ADD ("exact-concurrency", test_exact_concurrency, "sample-finetune.jsonl");
  ADD ("chain-and-rejudge", test_chain_and_rejudge, NULL);
  ADD ("faults-mixed", test_faults_mixed, "sample-finetune.jsonl");
  ADD ("auth-stops", test_auth_stops, "sample-finetune.jsonl");
  ADD ("daily-limit", test_daily_limit_resumable, NULL);
  ADD ("token-budget", test_token_budget, NULL);
  ADD ("pause-resume", test_pause_resume, NULL);
  ADD ("cancel-resume", test_cancel_and_resume, NULL);
  ADD ("regenerate-then-skip", test_regenerate_then_skip, NULL);
  ADD ("locked", test_second_process_refused, NULL);
  ADD ("push-back", test_push_back, "sample-finetune.jsonl");

  return g_test_run ();
}
