/* test-sim.c — the simulator's own behaviour: faults, answers, handshakes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kdl-sim-answer.h"
#include "kdl-sim-faults.h"
#include "kdl-spark-auth.h"
#include "kdl-test-util.h"

static void
test_faults_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlSimFaults) faults = kdl_sim_faults_parse ("11202:0.1, drop:0.05,stall:0.01,401:0.02,invalid:0.03,qps-limit:5,concurrency-limit:4", &error);
  const char *bad[] = { "drop", "drop:2", "drop:x", "foo:0.1", "700:0.1", "11202:-1" };

  g_assert_no_error (error);
  g_assert_cmpuint (faults->faults->len, ==, 5);
  g_assert_cmpuint (faults->qps_limit, ==, 5);
  g_assert_cmpuint (faults->concurrency_limit, ==, 4);
  g_assert_cmpint (g_array_index (faults->faults, KdlSimFault, 0).kind, ==, KDL_SIM_FAULT_ERROR_FRAME);
  g_assert_cmpint (g_array_index (faults->faults, KdlSimFault, 0).code, ==, 11202);
  g_assert_cmpint (g_array_index (faults->faults, KdlSimFault, 1).kind, ==, KDL_SIM_FAULT_DROP);
  g_assert_cmpint (g_array_index (faults->faults, KdlSimFault, 3).kind, ==, KDL_SIM_FAULT_HTTP);
  g_assert_cmpint (g_array_index (faults->faults, KdlSimFault, 4).kind, ==, KDL_SIM_FAULT_INVALID_JSON);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(KdlSimFaults) none = kdl_sim_faults_parse (bad[i], &error);

      g_test_message ("spec %s", bad[i]);
      g_assert_null (none);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

static void
test_faults_pick_rates (void)
{
  g_autoptr(KdlSimFaults) faults = kdl_sim_faults_parse ("11202:0.2,drop:0.1,403:0.5", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (kdl_test_seed (3));
  guint frame = 0, drop = 0, none = 0, http = 0;

  for (guint i = 0; i < 10000; i++)
    {
      const KdlSimFault *fault = kdl_sim_faults_pick (faults, KDL_SIM_FAULT_NONE, rand);

      if (fault == NULL)
        none++;
      else if (fault->kind == KDL_SIM_FAULT_ERROR_FRAME)
        frame++;
      else if (fault->kind == KDL_SIM_FAULT_DROP)
        drop++;
      if (kdl_sim_faults_pick (faults, KDL_SIM_FAULT_HTTP, rand) != NULL)
        http++;
    }

  g_assert_cmpuint (frame, >, 1800);
  g_assert_cmpuint (frame, <, 2200);
  g_assert_cmpuint (drop, >, 850);
  g_assert_cmpuint (drop, <, 1150);
  g_assert_cmpuint (none, >, 6700);
  g_assert_cmpuint (http, >, 4700);
  g_assert_cmpuint (http, <, 5300);
}

/* Checks the canonical MCQ form without the exam parser: four blocks of
 * "N. stem", "A. " … "D. ", "答案:X". */
static void
assert_four_canonical_mcqs (const char *text)
{
  g_auto(GStrv) blocks = g_strsplit (text, "\n\n", -1);

  g_assert_cmpuint (g_strv_length (blocks), ==, 4);
  for (guint q = 0; q < 4; q++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[q], "\n", -1);
      g_autofree char *number = g_strdup_printf ("%u. ", q + 1);

      g_assert_cmpuint (g_strv_length (lines), ==, 6);
      g_assert_true (g_str_has_prefix (lines[0], number));
      for (guint o = 0; o < 4; o++)
        {
          char prefix[4] = { 'A' + o, '.', ' ', 0 };
          g_assert_true (g_str_has_prefix (lines[1 + o], prefix));
        }
      g_assert_true (g_str_has_prefix (lines[5], "答案:"));
      g_assert_cmpuint (strlen (lines[5]), ==, strlen ("答案:") + 1);
      g_assert_true (strchr ("ABCD", lines[5][strlen ("答案:")]) != NULL);
    }
}

static void
test_answer_generate (void)
{
  const char *zh = "请根据文本出四道选择题。\n### 阅读文本\n"
    "夏夜走出空调房，许多城里人会觉得街道像一只还没冷却的烤箱。驱车到郊外，风里却明显多了几分凉意。"
    "气象学家把这种现象称为城市热岛效应。热岛的形成首先与下垫面的改变有关。";
  const char *en = "Write four questions.\n### Passage\nCitizen science projects ask volunteers to count stars. "
    "Light pollution hides the faint stars from city observers. Researchers compare counts across years. "
    "The results show the night sky is getting brighter every year. Some towns now use shielded lamps.";
  g_autofree char *a = kdl_sim_answer_generate (zh);
  g_autofree char *b = kdl_sim_answer_generate (zh);
  g_autofree char *c = kdl_sim_answer_generate (en);
  g_autofree char *tiny = kdl_sim_answer_generate ("hi");

  assert_four_canonical_mcqs (a);
  assert_four_canonical_mcqs (c);
  assert_four_canonical_mcqs (tiny);
  /* Deterministic per prompt, and built from the passage. */
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "热岛"));
  g_assert_nonnull (strstr (c, "According to the passage"));
  g_assert_null (strstr (c, "根据文本"));
  g_assert_false (kdl_sim_answer_is_judge_prompt (zh));
}

static void
test_answer_judge (void)
{
  const char *rubric = "请评分，满分40分。\n- 题目数量（10分）：是否四题\n- 答案正确性（20分）：答案是否正确\n"
                       "- 选项质量（10分）：干扰项\n最后以“总分:XX分”的形式给出。\n";
  guint buckets[5] = { 0 };

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("%s### 待评题目 %u\n1. 题目", rubric, i);
      g_autofree char *reply = kdl_sim_answer_judge (prompt);
      g_autofree char *again = kdl_sim_answer_judge (prompt);
      const char *total = strstr (reply, "总分:");
      int score, a, b, c;
      const char *parts;

      g_assert_true (kdl_sim_answer_is_judge_prompt (prompt));
      g_assert_cmpstr (reply, ==, again);
      g_assert_nonnull (total);
      g_assert_true (g_str_has_suffix (reply, "分"));
      score = atoi (total + strlen ("总分:"));
      g_assert_cmpint (score, >=, 0);
      g_assert_cmpint (score, <=, 40);
      buckets[MIN (score / 8, 4)]++;

      /* The parts line: each within its maximum, summing to the total. */
      parts = strstr (reply, "\n题目数量:");
      g_assert_nonnull (parts);
      g_assert_cmpint (sscanf (parts, "\n题目数量:%d分 答案正确性:%d分 选项质量:%d分", &a, &b, &c), ==, 3);
      g_assert_cmpint (a, <=, 10);
      g_assert_cmpint (b, <=, 20);
      g_assert_cmpint (c, <=, 10);
      g_assert_cmpint (a + b + c, ==, score);
    }

  /* Spread over the range. */
  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    g_assert_cmpuint (buckets[i], >, 15);
}

static void
test_token_count (void)
{
  g_assert_cmpint (kdl_sim_answer_count_tokens ("你好世界"), ==, 5);
  g_assert_cmpint (kdl_sim_answer_count_tokens ("hello brave new world"), >=, 5);
}

typedef struct
{
  SoupMessage *msg;
  GBytes      *body;
  gboolean     done;
} Fetch;

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  fetch->done = TRUE;
}

static gboolean
fetch_done (gpointer data)
{
  return ((Fetch *)data)->done;
}

/* A plain HTTP GET to the WebSocket path: the refusal is readable. */
static guint
fetch (KdlSparkSim *sim,
       const char  *path_and_query,
       char       **message)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", kdl_spark_sim_get_port (sim), path_and_query);
  g_autoptr(JsonParser) parser = json_parser_new ();
  Fetch f = { soup_message_new ("GET", url), NULL, FALSE };
  guint status;

  soup_session_send_and_read_async (session, f.msg, G_PRIORITY_DEFAULT, NULL, on_fetched, &f);
  kdl_test_wait_until (fetch_done, &f, 5000);
  status = soup_message_get_status (f.msg);
  g_assert_nonnull (f.body);
  if (message != NULL && json_parser_load_from_data (parser, g_bytes_get_data (f.body, NULL), g_bytes_get_size (f.body), NULL))
    *message = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "message"));
  g_bytes_unref (f.body);
  g_object_unref (f.msg);

  return status;
}

static void
test_handshake_refusals (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_seconds (now, -1000);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", kdl_spark_sim_get_port (sim));
  g_autofree char *base = g_strdup_printf ("ws://%s/v3.5/chat", host);
  g_autofree char *good = kdl_spark_auth_sign_url (base, KDL_SIM_API_KEY, KDL_SIM_API_SECRET, now, NULL);
  g_autofree char *wrong = kdl_spark_auth_sign_url (base, KDL_SIM_API_KEY, "bad", now, NULL);
  g_autofree char *stale = kdl_spark_auth_sign_url (base, KDL_SIM_API_KEY, KDL_SIM_API_SECRET, old, NULL);
  g_autofree char *unknown = kdl_spark_auth_sign_url (base, "who", KDL_SIM_API_SECRET, now, NULL);
  g_autofree char *message = NULL;

  g_assert_cmpuint (fetch (sim, "/v3.5/chat", &message), ==, 401);
  g_assert_cmpstr (message, ==, "Unauthorized");
  g_clear_pointer (&message, g_free);

  g_assert_cmpuint (fetch (sim, strstr (wrong, "/v3.5"), &message), ==, 401);
  g_assert_cmpstr (message, ==, "HMAC signature does not match");
  g_clear_pointer (&message, g_free);

  g_assert_cmpuint (fetch (sim, strstr (unknown, "/v3.5"), &message), ==, 401);
  g_assert_nonnull (strstr (message, "fail to retrieve credential"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpuint (fetch (sim, strstr (stale, "/v3.5"), &message), ==, 403);
  g_assert_nonnull (strstr (message, "date"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpuint (fetch (sim, "/v9/chat", &message), ==, 404);
  g_clear_pointer (&message, g_free);

  /* A correct signature without the upgrade headers: not a WebSocket. */
  g_assert_cmpuint (fetch (sim, strstr (good, "/v3.5"), NULL), ==, 400);
}

typedef struct
{
  SoupWebsocketConnection *conn;
  GPtrArray               *frames;
  gboolean                 closed;
  gboolean                 connected;
} Raw;

static void
on_raw_message (SoupWebsocketConnection *conn,
                gint                     type,
                GBytes                  *message,
                gpointer                 user_data)
{
  Raw *raw = user_data;

  g_ptr_array_add (raw->frames, g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
on_raw_closed (SoupWebsocketConnection *conn,
               gpointer                 user_data)
{
  ((Raw *)user_data)->closed = TRUE;
}

static void
on_raw_connected (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Raw *raw = user_data;
  g_autoptr(GError) error = NULL;

  raw->conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
  g_signal_connect (raw->conn, "message", G_CALLBACK (on_raw_message), raw);
  g_signal_connect (raw->conn, "closed", G_CALLBACK (on_raw_closed), raw);
  raw->connected = TRUE;
}

static gboolean
raw_connected (gpointer data)
{
  return ((Raw *)data)->connected;
}

static gboolean
raw_closed (gpointer data)
{
  return ((Raw *)data)->closed;
}

static void
raw_connect (KdlSparkSim *sim,
             SoupSession *session,
             Raw         *raw)
{
  g_autofree char *base = kdl_spark_sim_get_url (sim, "max");
  g_autofree char *url = kdl_spark_auth_sign_url (base, KDL_SIM_API_KEY, KDL_SIM_API_SECRET, NULL, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  memset (raw, 0, sizeof *raw);
  raw->frames = g_ptr_array_new_with_free_func (g_free);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_raw_connected, raw);
  kdl_test_wait_until (raw_connected, raw, 5000);
}

static void
test_one_question_per_connection (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *request = "{\"header\":{\"app_id\":\"" KDL_SIM_APP_ID "\"},\"parameter\":{\"chat\":{\"domain\":\"generalv3.5\"}},"
                        "\"payload\":{\"message\":{\"text\":[{\"role\":\"user\",\"content\":\"你好\"}]}}}";
  gboolean saw_10007 = FALSE;
  KdlSparkSimStats stats;
  Raw raw;

  kdl_spark_sim_set_latency (sim, 100, 10);
  raw_connect (sim, session, &raw);
  soup_websocket_connection_send_text (raw.conn, request);
  soup_websocket_connection_send_text (raw.conn, request);
  kdl_test_wait_until (raw_closed, &raw, 5000);

  for (guint i = 0; i < raw.frames->len; i++)
    if (strstr (g_ptr_array_index (raw.frames, i), "\"code\":10007") != NULL)
      saw_10007 = TRUE;
  g_assert_true (saw_10007);
  /* The first answer still ends with status 2 and a normal close. */
  g_assert_nonnull (strstr (g_ptr_array_index (raw.frames, raw.frames->len - 1), "\"status\":2"));
  g_assert_cmpuint (soup_websocket_connection_get_close_code (raw.conn), ==, SOUP_WEBSOCKET_CLOSE_NORMAL);
  kdl_spark_sim_get_stats (sim, &stats);
  g_assert_cmpuint (stats.completed, ==, 1);

  g_object_unref (raw.conn);
  g_ptr_array_unref (raw.frames);
}

static void
test_idle_close (void)
{
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  Raw raw;

  kdl_spark_sim_set_idle_close (sim, 200);
  raw_connect (sim, session, &raw);
  kdl_test_wait_until (raw_closed, &raw, 3000);
  g_assert_cmpuint (raw.frames->len, ==, 0);

  g_object_unref (raw.conn);
  g_ptr_array_unref (raw.frames);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sim/faults/parse", test_faults_parse);
  g_test_add_func ("/sim/faults/rates", test_faults_pick_rates);
  g_test_add_func ("/sim/answer/generate", test_answer_generate);
  g_test_add_func ("/sim/answer/judge", test_answer_judge);
  g_test_add_func ("/sim/answer/tokens", test_token_count);
  g_test_add_func ("/sim/handshake/refusals", test_handshake_refusals);
  g_test_add_func ("/sim/one-question", test_one_question_per_connection);
  g_test_add_func ("/sim/idle-close", test_idle_close);

  return g_test_run ();
}
