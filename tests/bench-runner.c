/* bench-runner.c — how much of the quota the run engine uses
 *
 * Against the simulator program (its own process, fixed latency):
 * - throughput at concurrency 1, 4, 16 as a fraction of the limit
 *   (concurrency / per-call latency) and as a ratio to a one-call-at-a-time
 *   loop (what the notebook does);
 * - client CPU per call (this process: main loop, preparing worker, store
 *   writer);
 * - items committed per second with an instant server;
 * - the largest main-context stall while 32 streams run.
 * Prints figures; asserts nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "kdl-run-plan.h"
#include "kdl-runner.h"
#include "kdl-spark-provider.h"
#include "kdl-test-util.h"

#define LATENCY_MS 100
#define FRAME_MS   5
#define FRAMES     8

typedef struct
{
  gboolean         done;
  KdlStoreRunState state;
  gint64           last_tick;
  gint64           max_gap;
  guint            ticks;
} Wait;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
write_rows (const char *dir,
            guint       n)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char *path = g_build_filename (dir, g_strdup_printf ("rows-%u.jsonl", n), NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "{\"input\": \"请出四道选择题。\\n### 阅读文本\\n第%u篇。城市热岛效应使夜间温度升高。"
                            "沥青路面吸收太阳辐射。高楼之间的风变小了。绿地和水面可以降温。\", \"output\": \"\"}\n", i);
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));

  return path;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->state = kdl_runner_run_finish (KDL_RUNNER (object), result, NULL);
  wait->done = TRUE;
}

static gboolean
tick (gpointer user_data)
{
  Wait *wait = user_data;
  gint64 now = g_get_monotonic_time ();

  if (wait->last_tick > 0)
    wait->max_gap = MAX (wait->max_gap, now - wait->last_tick);
  wait->last_tick = now;
  wait->ticks++;

  return G_SOURCE_CONTINUE;
}

/* One run of @n_rows rows, generate only; returns seconds. */
static double
run_once (const char     *dir,
          const char     *url,
          guint           n_rows,
          guint           concurrency,
          Wait           *wait,
          double         *cpu,
          gboolean        measure_stall)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = write_rows (dir, n_rows);
  g_autofree char *project = g_build_filename (dir, g_strdup_printf ("bench-%u-%u.kindling", concurrency, n_rows), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (rows);
  g_autoptr(KdlDataset) dataset = kdl_dataset_load (file, NULL, NULL, &error);
  g_autoptr(KdlStore) store = kdl_store_open (project, &error);
  g_autoptr(KdlTemplate) template = kdl_template_new_builtin ("expand", "zh", &error);
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, NULL);
  g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
  g_autoptr(KdlRunner) runner = NULL;
  KdlRunPlanSpec spec = { 0 };
  KdlRunOptions options;
  gint64 run_id, start;
  double cpu_start;
  guint tick_id = 0;

  g_assert_no_error (error);
  spec.dataset = dataset;
  spec.generate = template;
  run_id = kdl_run_plan_create (store, &spec, &error);
  g_assert_no_error (error);

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_spark_provider_set_max_connections (provider, concurrency);
  kdl_run_options_init (&options);
  options.concurrency = concurrency;
  runner = kdl_runner_new (store, run_id, KDL_LLM_PROVIDER (provider), NULL, &options);

  memset (wait, 0, sizeof *wait);
  if (measure_stall)
    tick_id = g_timeout_add (1, tick, wait);

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  kdl_runner_run_async (runner, NULL, on_done, wait);
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  *cpu = cpu_seconds () - cpu_start;

  if (tick_id)
    g_source_remove (tick_id);
  g_assert_cmpint (wait->state, ==, KDL_STORE_RUN_DONE);

  return (g_get_monotonic_time () - start) / 1e6;
}

typedef struct
{
  KdlLlmProvider *provider;
  KdlChatRequest *request;
  guint           left;
} Loop;

static void
loop_next (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loop *loop = user_data;
  g_autoptr(KdlChatResult) res = kdl_llm_provider_stream_chat_finish (loop->provider, result, NULL);

  g_assert_nonnull (res);
  if (--loop->left > 0)
    kdl_llm_provider_stream_chat_async (loop->provider, loop->request, NULL, NULL, NULL, loop_next, loop);
}

/* The notebook's way: one call, wait, the next call. */
static double
sequential_rate (const char *url,
                 guint       n)
{
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, NULL);
  g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
  g_autoptr(KdlChatRequest) request = kdl_chat_request_new_simple (NULL, "### 阅读文本\n城市热岛效应使夜间温度升高。沥青路面吸收太阳辐射。");
  Loop loop = { KDL_LLM_PROVIDER (provider), request, n };
  gint64 start = g_get_monotonic_time ();

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_llm_provider_stream_chat_async (loop.provider, request, NULL, NULL, NULL, loop_next, &loop);
  while (loop.left > 0)
    g_main_context_iteration (NULL, TRUE);

  return n / ((g_get_monotonic_time () - start) / 1e6);
}

static GSubprocess *
spawn (const char *latency,
       const char *frame,
       const char *frames,
       char      **url)
{
  const char *extra[] = { latency, frame, frames, NULL };
  g_autofree char *base = NULL;
  GSubprocess *sim = kdl_test_spawn_sim (extra, &base);

  *url = g_strconcat (base, "/v3.5/chat", NULL);
  return sim;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("kindling-bench-XXXXXX", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) sim = NULL;
  const guint levels[] = { 1, 4, 16 };
  const double call_s = (LATENCY_MS + (FRAMES - 1) * FRAME_MS) / 1000.0;
  double seq;
  Wait wait;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  sim = spawn ("--latency-ms=100", "--frame-ms=5", "--frames=8", &url);
  seq = sequential_rate (url, 20);
  printf ("bench-runner: simulator %d ms to the first frame, %d frames %d ms apart (ideal %.0f ms per call)\n",
          LATENCY_MS, FRAMES, FRAME_MS, call_s * 1000);
  printf ("one call at a time (the notebook loop): %.2f calls/s\n\n", seq);
  printf ("%-12s %6s %9s %11s %14s %16s\n", "concurrency", "items", "items/s", "of limit", "vs 1-at-a-time",
          "client CPU/item");

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      guint n = 30 * levels[l];
      double cpu = 0;
      double seconds = run_once (dir, url, n, levels[l], &wait, &cpu, FALSE);
      double rate = n / seconds;

      printf ("%-12u %6u %9.1f %10.0f%% %13.1fx %13.2f ms\n", levels[l], n, rate,
              100.0 * rate / (levels[l] / call_s), rate / seq, 1000.0 * cpu / n);
    }
  g_subprocess_force_exit (sim);
  g_clear_object (&sim);
  g_clear_pointer (&url, g_free);

  /* An instant server: the engine and the store are the limit. */
  {
    double cpu = 0;
    double seconds;

    sim = spawn ("--latency-ms=0", "--frame-ms=0", "--frames=1", &url);
    seconds = run_once (dir, url, 2000, 32, &wait, &cpu, FALSE);
    printf ("\ninstant server, concurrency 32: %.0f items committed/s (%.2f ms CPU per item)\n",
            2000 / seconds, 1000.0 * cpu / 2000);
    g_subprocess_force_exit (sim);
    g_clear_object (&sim);
    g_clear_pointer (&url, g_free);
  }

  /* 32 live streams of many small frames: how long can the main context
   * be kept from running a 1 ms timer? */
  {
    double cpu = 0;
    double seconds;

    sim = spawn ("--latency-ms=50", "--frame-ms=10", "--frames=40", &url);
    seconds = run_once (dir, url, 256, 32, &wait, &cpu, TRUE);
    printf ("32 streams × 40 frames: largest main-context stall %.1f ms over %.1f s (%u ticks of 1 ms)\n",
            wait.max_gap / 1000.0, seconds, wait.ticks);
    g_subprocess_force_exit (sim);
  }

  return 0;
}
