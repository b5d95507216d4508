/* bench-spark.c — client cost and throughput against the simulator program
 *
 * Prints, for concurrency 1, 4 and 16: calls per second, that rate as a
 * fraction of the ideal (concurrency / per-call latency), and the client's
 * CPU time per call.  The simulator runs in its own process so the CPU
 * figures are the client's alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "kdl-spark-provider.h"
#include "kdl-test-util.h"

#define LATENCY_MS  100
#define FRAME_MS    5
#define FRAMES      8

typedef struct
{
  KdlSparkProvider *provider;
  KdlChatRequest   *request;
  guint             to_start;
  guint             in_flight;
  guint             done;
  guint             failed;
} Bench;

static void start_one (Bench *bench);

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlChatResult) res = kdl_llm_provider_stream_chat_finish (KDL_LLM_PROVIDER (object), result, &error);

  bench->in_flight--;
  if (res == NULL)
    bench->failed++;
  bench->done++;
  if (bench->to_start > 0)
    start_one (bench);
}

static void
start_one (Bench *bench)
{
  bench->to_start--;
  bench->in_flight++;
  kdl_llm_provider_stream_chat_async (KDL_LLM_PROVIDER (bench->provider), bench->request, NULL, NULL,
                                      NULL, on_done, bench);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *latency = g_strdup_printf ("--latency-ms=%d", LATENCY_MS);
  g_autofree char *frame = g_strdup_printf ("--frame-ms=%d", FRAME_MS);
  g_autofree char *frames = g_strdup_printf ("--frames=%d", FRAMES);
  const char *extra[] = { latency, frame, frames, NULL };
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  const guint levels[] = { 1, 4, 16 };
  /* Per-call time: the first frame after LATENCY_MS, then FRAMES-1 more. */
  const double call_s = (LATENCY_MS + (FRAMES - 1) * FRAME_MS) / 1000.0;
  double sequential_rate = 0;

  sim = kdl_test_spawn_sim (extra, &base);
  url = g_strconcat (base, "/v3.5/chat", NULL);
  endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, NULL);

  printf ("bench-spark: simulator latency %d ms, %d frames %d ms apart (ideal %.0f ms per call)\n",
          LATENCY_MS, FRAMES, FRAME_MS, call_s * 1000);
  printf ("%-12s %8s %10s %12s %14s %16s\n", "concurrency", "calls", "calls/s", "of ideal",
          "vs 1-at-a-time", "client CPU/call");

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
      g_autoptr(KdlChatRequest) request = kdl_chat_request_new_simple (NULL,
        "### 阅读文本\n冰芯是记录气候的档案。科学家在南极钻取冰芯。冰层中的气泡保存了古代大气。通过分析同位素可以推算温度。");
      guint n_calls = 40 * levels[l];
      Bench bench = { provider, request, n_calls, 0, 0, 0 };
      gint64 start;
      double cpu_start, seconds, cpu, rate;

      kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
      kdl_spark_provider_set_max_connections (provider, levels[l]);

      start = g_get_monotonic_time ();
      cpu_start = cpu_seconds ();
      for (guint i = 0; i < levels[l]; i++)
        start_one (&bench);
      while (bench.done < n_calls)
        g_main_context_iteration (NULL, TRUE);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      cpu = cpu_seconds () - cpu_start;
      rate = n_calls / seconds;
      if (levels[l] == 1)
        sequential_rate = rate;

      printf ("%-12u %8u %10.1f %11.0f%% %13.1fx %13.2f ms%s\n",
              levels[l], n_calls, rate, 100.0 * rate / (levels[l] / call_s),
              rate / sequential_rate, 1000.0 * cpu / n_calls,
              bench.failed ? " (some failed!)" : "");
      if (bench.failed)
        return 1;
    }

  g_subprocess_force_exit (sim);

  return 0;
}
