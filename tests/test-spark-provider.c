/* test-spark-provider.c — the Spark provider against the simulator, over
 * real WebSockets on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-error.h"
#include "kdl-sim-answer.h"
#include "kdl-spark-provider.h"
#include "kdl-test-util.h"

#define PASSAGE "### 阅读文本\n夏夜走出空调房，许多城里人会觉得街道像一只还没冷却的烤箱。" \
  "气象学家把这种城市气温高于周边乡村的现象称为城市热岛效应。" \
  "在一些特大城市，城区与郊区的夜间温差可以达到三到五摄氏度。" \
  "热岛的形成首先与下垫面的改变有关。高楼林立的街区像一道道峡谷。"

typedef struct
{
  KdlChatResult *result;
  GError        *error;
  GString       *deltas;
  guint          n_deltas;
  gboolean       done;
  gint64         finished_us;
} Call;

static void
call_clear (Call *call)
{
  g_clear_pointer (&call->result, kdl_chat_result_unref);
  g_clear_error (&call->error);
  if (call->deltas)
    g_string_free (call->deltas, TRUE);
  memset (call, 0, sizeof *call);
}

static void
on_delta (const char *delta,
          gsize       len,
          gpointer    user_data)
{
  Call *call = user_data;

  g_assert_true (g_utf8_validate (delta, len, NULL));
  g_string_append_len (call->deltas, delta, len);
  call->n_deltas++;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->result = kdl_llm_provider_stream_chat_finish (KDL_LLM_PROVIDER (object), result, &call->error);
  call->done = TRUE;
  call->finished_us = g_get_monotonic_time ();
}

static gboolean
call_is_done (gpointer data)
{
  return ((Call *)data)->done;
}

static void
start_call (KdlSparkProvider *provider,
            const char       *prompt,
            GCancellable     *cancellable,
            Call             *call)
{
  g_autoptr(KdlChatRequest) request = kdl_chat_request_new_simple (NULL, prompt);

  memset (call, 0, sizeof *call);
  call->deltas = g_string_new (NULL);
  kdl_llm_provider_stream_chat_async (KDL_LLM_PROVIDER (provider), request, on_delta, call,
                                      cancellable, on_done, call);
}

static void
run_call (KdlSparkProvider *provider,
          const char       *prompt,
          Call             *call)
{
  start_call (provider, prompt, NULL, call);
  kdl_test_wait_until (call_is_done, call, 10000);
}

static KdlSparkProvider *
provider_for (KdlSparkSim *sim,
              const char  *preset)
{
  g_autofree char *url = kdl_spark_sim_get_url (sim, preset);
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new (preset, url, NULL, NULL, NULL);
  KdlSparkProvider *provider = kdl_spark_provider_new (endpoint);

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_spark_provider_set_timeouts (provider, 5000, 5000, 5000);

  return provider;
}

static void
assert_good_answer (Call       *call,
                    const char *prompt)
{
  g_autofree char *expected = kdl_sim_answer_for_prompt (prompt);

  g_assert_no_error (call->error);
  g_assert_nonnull (call->result);
  /* Deltas in order, multi-byte text intact, the result is their sum. */
  g_assert_cmpstr (call->result->text, ==, expected);
  g_assert_cmpstr (call->deltas->str, ==, expected);
  g_assert_cmpuint (call->n_deltas, >=, 2);
  g_assert_cmpuint (call->result->n_frames, >=, 2);
  /* Usage from the last frame. */
  g_assert_true (call->result->has_usage);
  g_assert_cmpint (call->result->usage.prompt_tokens, >, 0);
  g_assert_cmpint (call->result->usage.completion_tokens, >, 0);
  g_assert_cmpint (call->result->usage.total_tokens, ==,
                   call->result->usage.prompt_tokens + call->result->usage.completion_tokens);
  g_assert_nonnull (call->result->sid);
}

static void
test_every_preset (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  guint n;
  const KdlSparkPreset *presets = kdl_spark_presets (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdlSparkProvider) provider = provider_for (sim, presets[i].id);
      Call call;

      g_test_message ("preset %s", presets[i].id);
      run_call (provider, PASSAGE, &call);
      assert_good_answer (&call, PASSAGE);
      call_clear (&call);
    }
}

static void
test_judge_answer (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  const char *prompt = "请按评分标准打分，满分44分，最后以“总分:XX分”的形式给出。\n" PASSAGE;
  Call call;

  run_call (provider, prompt, &call);
  assert_good_answer (&call, prompt);
  g_assert_nonnull (strstr (call.result->text, "总分:"));
  call_clear (&call);
}

static void
test_legacy_domain (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autofree char *url = kdl_spark_sim_get_url (sim, "lite");
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("lite", url, "general", NULL, NULL);
  g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
  Call call;

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_call (provider, PASSAGE, &call);
  assert_good_answer (&call, PASSAGE);
  call_clear (&call);
}

static void
test_finetuned (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autofree char *url = kdl_spark_sim_get_url (sim, "custom");
  const char *patches[] = { KDL_SIM_RESOURCE_ID, "wrong-resource", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (patches); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("custom", url, KDL_SIM_SERVICE_ID,
                                                                     patches[i], &error);
      g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
      Call call;

      g_assert_no_error (error);
      kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
      run_call (provider, PASSAGE, &call);
      if (i == 0)
        {
          assert_good_answer (&call, PASSAGE);
        }
      else
        {
          /* The simulator checks header.patch_id against the serviceId. */
          g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_DOMAIN);
          g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RUN_FATAL);
        }
      call_clear (&call);
    }
}

static void
test_domain_mismatch (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autofree char *url = kdl_spark_sim_get_url (sim, "max");
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("custom", url, "generalv3", NULL, NULL);
  g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
  Call call;

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_DOMAIN);
  g_assert_nonnull (strstr (call.error->message, "domain"));
  call_clear (&call);
}

static void
test_wrong_secret (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  KdlSparkSimStats stats;
  Call call;

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, "not-the-secret");
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_HTTP_UNAUTHORIZED);
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RUN_FATAL);
  g_assert_nonnull (strstr (call.error->message, "APISecret"));
  g_assert_cmpstr (call.deltas->str, ==, "");
  call_clear (&call);

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, "unknown-key", KDL_SIM_API_SECRET);
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_HTTP_UNAUTHORIZED);
  call_clear (&call);

  /* A wrong APPID passes the handshake and fails on the licence. */
  kdl_spark_provider_set_credentials (provider, "otherapp", KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_NO_LICENCE);
  g_assert_nonnull (strstr (call.error->message, "licence"));
  call_clear (&call);

  kdl_spark_sim_get_stats (sim, &stats);
  g_assert_cmpuint (stats.rejected, ==, 2);
}

static void
test_skewed_date (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  Call call;

  /* Within the 300 s window: accepted. */
  kdl_spark_sim_set_clock_offset (sim, 250);
  run_call (provider, PASSAGE, &call);
  assert_good_answer (&call, PASSAGE);
  call_clear (&call);

  kdl_spark_sim_set_clock_offset (sim, -400);
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_HTTP_FORBIDDEN);
  g_assert_nonnull (strstr (call.error->message, "clock"));
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RUN_FATAL);
  call_clear (&call);
}

static void
test_large_prompt (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "pro-128k");
  g_autoptr(GString) prompt = g_string_new ("### 阅读文本\n");
  Call call;

  /* 200 KB, far beyond libsoup's 128 KiB default frame limit. */
  while (prompt->len < 200 * 1024)
    g_string_append (prompt, "城市热岛效应使夜间温度升高，影响居民的睡眠与健康。");

  run_call (provider, prompt->str, &call);
  assert_good_answer (&call, prompt->str);
  g_assert_cmpint (call.result->usage.prompt_tokens, >, 60000);
  call_clear (&call);
}

typedef struct
{
  const char    *spec;
  int            code;
  KdlErrorClass  klass;
  gboolean       content_first;  /* text arrives before the error */
} FaultCase;

static void
test_faults (void)
{
  const FaultCase cases[] = {
    { "11200:1", KDL_SPARK_ERROR_NO_LICENCE, KDL_ERROR_CLASS_RUN_FATAL, FALSE },
    { "10013:1", KDL_SPARK_ERROR_INPUT_MODERATION, KDL_ERROR_CLASS_ITEM_FATAL, FALSE },
    { "10014:1", KDL_SPARK_ERROR_OUTPUT_MODERATION, KDL_ERROR_CLASS_ITEM_FATAL, TRUE },
    { "10907:1", KDL_SPARK_ERROR_TOO_MANY_TOKENS, KDL_ERROR_CLASS_ITEM_FATAL, FALSE },
    { "11201:1", KDL_SPARK_ERROR_DAILY_LIMIT, KDL_ERROR_CLASS_RUN_PAUSE, FALSE },
    { "11202:1", KDL_SPARK_ERROR_QPS_LIMIT, KDL_ERROR_CLASS_RETRYABLE, FALSE },
    { "11203:1", KDL_SPARK_ERROR_CONCURRENCY_LIMIT, KDL_ERROR_CLASS_RETRYABLE, FALSE },
    { "10008:1", KDL_SPARK_ERROR_CAPACITY, KDL_ERROR_CLASS_RETRYABLE, FALSE },
    { "10015:1", KDL_SPARK_ERROR_APPID_BLACKLISTED, KDL_ERROR_CLASS_RUN_FATAL, FALSE },
    { "401:1", KDL_SPARK_ERROR_HTTP_UNAUTHORIZED, KDL_ERROR_CLASS_RUN_FATAL, FALSE },
    { "403:1", KDL_SPARK_ERROR_HTTP_FORBIDDEN, KDL_ERROR_CLASS_RUN_FATAL, FALSE },
    { "503:1", 503, KDL_ERROR_CLASS_RETRYABLE, FALSE },
    { "drop:1", KDL_SPARK_ERROR_CONNECTION_LOST, KDL_ERROR_CLASS_RETRYABLE, TRUE },
    { "invalid:1", KDL_SPARK_ERROR_INVALID_FRAME, KDL_ERROR_CLASS_RETRYABLE, TRUE },
    { "stall:1", KDL_SPARK_ERROR_STALL_TIMEOUT, KDL_ERROR_CLASS_RETRYABLE, TRUE },
  };
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");

  kdl_spark_provider_set_timeouts (provider, 2000, 2000, 300);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *describe = NULL;
      Call call;

      g_test_message ("fault %s", cases[i].spec);
      kdl_spark_sim_set_faults (sim, cases[i].spec, &error);
      g_assert_no_error (error);

      run_call (provider, PASSAGE, &call);
      g_assert_error (call.error, KDL_SPARK_ERROR, cases[i].code);
      g_assert_cmpint (kdl_error_classify (call.error), ==, cases[i].klass);
      g_assert_cmpint (call.deltas->len > 0, ==, cases[i].content_first);
      describe = kdl_spark_error_code_describe (cases[i].code, NULL);
      g_assert_true (g_str_has_prefix (call.error->message, describe));
      call_clear (&call);
    }

  /* Back to normal: the same provider works again. */
  kdl_spark_sim_set_faults (sim, NULL, NULL);
  {
    Call call;

    run_call (provider, PASSAGE, &call);
    assert_good_answer (&call, PASSAGE);
    call_clear (&call);
  }
}

static void
test_fault_rates_are_seeded (void)
{
  guint32 seed = kdl_test_seed (7);
  guint failures[2] = { 0, 0 };

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
      g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");

      kdl_spark_sim_set_seed (sim, seed);
      kdl_spark_sim_set_faults (sim, "11202:0.3,drop:0.2", NULL);
      for (guint i = 0; i < 20; i++)
        {
          Call call;

          run_call (provider, PASSAGE, &call);
          if (call.error != NULL)
            failures[round]++;
          call_clear (&call);
        }
    }

  /* Same seed, same sequence; about half fail. */
  g_assert_cmpuint (failures[0], ==, failures[1]);
  g_assert_cmpuint (failures[0], >, 3);
  g_assert_cmpuint (failures[0], <, 17);
}

static void
test_limits (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  Call calls[6];
  guint limited = 0, ok = 0;

  kdl_spark_sim_set_faults (sim, "concurrency-limit:2", NULL);
  kdl_spark_sim_set_latency (sim, 200, 10);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    start_call (provider, PASSAGE, NULL, &calls[i]);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      kdl_test_wait_until (call_is_done, &calls[i], 10000);
      if (g_error_matches (calls[i].error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_CONCURRENCY_LIMIT))
        limited++;
      else if (calls[i].error == NULL)
        ok++;
      call_clear (&calls[i]);
    }
  g_assert_cmpuint (ok, ==, 2);
  g_assert_cmpuint (limited, ==, 4);

  kdl_spark_sim_set_faults (sim, "qps-limit:3", NULL);
  kdl_spark_sim_set_latency (sim, 5, 2);
  limited = ok = 0;
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    start_call (provider, PASSAGE, NULL, &calls[i]);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      kdl_test_wait_until (call_is_done, &calls[i], 10000);
      if (g_error_matches (calls[i].error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_QPS_LIMIT))
        limited++;
      else if (calls[i].error == NULL)
        ok++;
      call_clear (&calls[i]);
    }
  g_assert_cmpuint (ok, ==, 3);
  g_assert_cmpuint (limited, ==, 3);
}

static void
test_first_frame_timeout (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  gint64 start;
  Call call;

  kdl_spark_sim_set_latency (sim, 3000, 10);
  kdl_spark_provider_set_timeouts (provider, 2000, 250, 2000);
  start = g_get_monotonic_time ();
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_FIRST_FRAME_TIMEOUT);
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RETRYABLE);
  g_assert_cmpint (call.finished_us - start, <, 2000 * 1000);
  call_clear (&call);
}

static void
test_stall_timeout (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  Call call;

  /* Frames come, but slower than the idle timeout allows. */
  kdl_spark_sim_set_latency (sim, 5, 1500);
  kdl_spark_provider_set_timeouts (provider, 2000, 2000, 200);
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_STALL_TIMEOUT);
  g_assert_cmpuint (call.deltas->len, >, 0);
  call_clear (&call);
}

static gboolean
accept_nothing (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  /* Keep the TCP connection open and never answer the upgrade. */
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

static void
test_connect_timeout (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autofree char *url = NULL;
  guint16 port;
  gint64 start;
  Call call;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (accept_nothing), held);
  g_socket_service_start (service);

  url = g_strdup_printf ("ws://127.0.0.1:%u/v3.5/chat", port);
  endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, NULL);
  provider = kdl_spark_provider_new (endpoint);
  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_spark_provider_set_timeouts (provider, 300, 5000, 5000);

  start = g_get_monotonic_time ();
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_CONNECT_TIMEOUT);
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RETRYABLE);
  g_assert_cmpint (call.finished_us - start, <, 3 * G_USEC_PER_SEC);
  call_clear (&call);

  g_socket_service_stop (service);
}

static void
test_connection_refused (void)
{
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("max", "ws://127.0.0.1:1/v3.5/chat", NULL, NULL, NULL);
  g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
  Call call;

  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_CONNECT);
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RETRYABLE);
  call_clear (&call);
}

static gboolean
sim_has_no_connections (gpointer data)
{
  KdlSparkSimStats stats;

  kdl_spark_sim_get_stats (data, &stats);
  return stats.open_connections == 0;
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  KdlSparkSimStats stats;
  gint64 start;
  Call call;

  /* Mid-stream. */
  kdl_spark_sim_set_latency (sim, 5, 300);
  start_call (provider, PASSAGE, cancellable, &call);
  start = g_get_monotonic_time ();
  g_timeout_add (450, cancel_soon, cancellable);
  kdl_test_wait_until (call_is_done, &call, 5000);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (call.finished_us - start, <, 1500 * 1000);
  g_assert_cmpuint (call.deltas->len, >, 0);
  call_clear (&call);

  /* Cancellation closes the socket: the server sees it go. */
  kdl_test_wait_until (sim_has_no_connections, sim, 5000);
  kdl_spark_sim_get_stats (sim, &stats);
  g_assert_cmpuint (stats.completed, ==, 0);

  /* Before the first frame. */
  g_cancellable_reset (cancellable);
  kdl_spark_sim_set_latency (sim, 2000, 10);
  start_call (provider, PASSAGE, cancellable, &call);
  g_timeout_add (100, cancel_soon, cancellable);
  kdl_test_wait_until (call_is_done, &call, 5000);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  call_clear (&call);
  kdl_test_wait_until (sim_has_no_connections, sim, 5000);

  /* Already cancelled. */
  start_call (provider, PASSAGE, cancellable, &call);
  kdl_test_wait_until (call_is_done, &call, 5000);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  call_clear (&call);
}

static void
test_concurrent_calls (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  Call calls[16];
  KdlSparkSimStats stats;

  /* libsoup's defaults (2 per host) would serialise these. */
  kdl_spark_provider_set_max_connections (provider, 16);
  kdl_spark_sim_set_latency (sim, 300, 20);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    start_call (provider, PASSAGE, NULL, &calls[i]);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      kdl_test_wait_until (call_is_done, &calls[i], 10000);
      assert_good_answer (&calls[i], PASSAGE);
      g_test_message ("call %u first frame %.3f s, total %.3f s", i,
                      calls[i].result->first_frame_seconds, calls[i].result->seconds);
      call_clear (&calls[i]);
    }

  kdl_spark_sim_get_stats (sim, &stats);
  g_assert_cmpuint (stats.completed, ==, 16);
  g_assert_cmpuint (stats.max_active, ==, 16);
}

static void
test_insecure_urls (void)
{
  const struct { const char *url; int code; } cases[] = {
    { "ws://spark-api.xf-yun.com/v3.5/chat", KDL_SPARK_ERROR_INSECURE_URL },
    { "ws://192.168.1.10:8080/v3.5/chat", KDL_SPARK_ERROR_INSECURE_URL },
    { "http://127.0.0.1/v3.5/chat", KDL_SPARK_ERROR_INVALID_URL },
    { "not a url", KDL_SPARK_ERROR_INVALID_URL },
    /* A signed URL pasted as the endpoint: its query holds the APIKey. */
    { "wss://spark-api.xf-yun.com/v3.5/chat?authorization=YXBp&date=x&host=y", KDL_SPARK_ERROR_INVALID_URL },
    { "wss://user:pw@spark-api.xf-yun.com/v3.5/chat", KDL_SPARK_ERROR_INVALID_URL },
  };

  g_assert_true (kdl_spark_url_is_allowed ("ws://127.0.0.1:9/x", NULL));
  g_assert_true (kdl_spark_url_is_allowed ("ws://localhost:9/x", NULL));
  g_assert_true (kdl_spark_url_is_allowed ("ws://[::1]:9/x", NULL));
  g_assert_true (kdl_spark_url_is_allowed ("wss://spark-api.xf-yun.com/v3.5/chat", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("custom", cases[i].url, "generalv3.5", NULL, NULL);
      g_autoptr(KdlSparkProvider) provider = kdl_spark_provider_new (endpoint);
      Call call;

      g_assert_false (kdl_spark_url_is_allowed (cases[i].url, &error));
      g_assert_error (error, KDL_SPARK_ERROR, cases[i].code);

      kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
      run_call (provider, PASSAGE, &call);
      g_assert_error (call.error, KDL_SPARK_ERROR, cases[i].code);
      call_clear (&call);
    }
}

static void
test_no_credentials (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(KdlSparkProvider) provider = provider_for (sim, "max");
  Call call;

  kdl_spark_provider_set_credentials (provider, NULL, NULL, NULL);
  g_assert_false (kdl_spark_provider_has_credentials (provider));
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_NO_CREDENTIALS);
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RUN_FATAL);
  call_clear (&call);
}

static void
test_tls_verified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "data", "test-server.crt", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "data", "test-server.key", NULL);
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_autoptr(KdlSparkSim) sim = kdl_spark_sim_new ();
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(GTlsDatabase) trusted = NULL;
  g_autofree char *url = NULL;
  Call call;

  g_assert_no_error (error);
  kdl_spark_sim_set_tls_certificate (sim, cert);
  kdl_spark_sim_set_latency (sim, 5, 2);
  kdl_spark_sim_listen (sim, 0, &error);
  g_assert_no_error (error);
  url = kdl_spark_sim_get_url (sim, "max");
  g_assert_true (g_str_has_prefix (url, "wss://"));

  provider = provider_for (sim, "max");

  /* Self-signed: the system's trust store refuses it. */
  run_call (provider, PASSAGE, &call);
  g_assert_error (call.error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_TLS);
  g_assert_cmpint (kdl_error_classify (call.error), ==, KDL_ERROR_CLASS_RUN_FATAL);
  call_clear (&call);

  /* Trusted explicitly, the same server works: verification is on, not broken. */
  trusted = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  kdl_spark_provider_set_tls_database (provider, trusted);
  run_call (provider, PASSAGE, &call);
  assert_good_answer (&call, PASSAGE);
  call_clear (&call);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spark-provider/every-preset", test_every_preset);
  g_test_add_func ("/spark-provider/judge", test_judge_answer);
  g_test_add_func ("/spark-provider/legacy-domain", test_legacy_domain);
  g_test_add_func ("/spark-provider/finetuned", test_finetuned);
  g_test_add_func ("/spark-provider/domain-mismatch", test_domain_mismatch);
  g_test_add_func ("/spark-provider/wrong-secret", test_wrong_secret);
  g_test_add_func ("/spark-provider/skewed-date", test_skewed_date);
  g_test_add_func ("/spark-provider/large-prompt", test_large_prompt);
  g_test_add_func ("/spark-provider/faults", test_faults);
  g_test_add_func ("/spark-provider/faults-seeded", test_fault_rates_are_seeded);
  g_test_add_func ("/spark-provider/limits", test_limits);
  g_test_add_func ("/spark-provider/timeout/first-frame", test_first_frame_timeout);
  g_test_add_func ("/spark-provider/timeout/stall", test_stall_timeout);
  g_test_add_func ("/spark-provider/timeout/connect", test_connect_timeout);
  g_test_add_func ("/spark-provider/connection-refused", test_connection_refused);
  g_test_add_func ("/spark-provider/cancel", test_cancel);
  g_test_add_func ("/spark-provider/concurrent", test_concurrent_calls);
  g_test_add_func ("/spark-provider/insecure-urls", test_insecure_urls);
  g_test_add_func ("/spark-provider/no-credentials", test_no_credentials);
  g_test_add_func ("/spark-provider/tls", test_tls_verified);

  return g_test_run ();
}
