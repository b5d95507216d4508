/* test-spark-frame.c — request and answer frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-error.h"
#include "kdl-spark-frame.h"

static void
test_parse_good (void)
{
  const char *data =
    "{\"header\": {\"code\": 0, \"message\": \"Success\", \"sid\": \"cht000cb087@dx18793cd421fb894542\", \"status\": 2},"
    " \"payload\": {\"choices\": {\"status\": 2, \"seq\": 0, \"text\": [{\"content\": \"你好\", \"role\": \"assistant\", \"index\": 0}]},"
    " \"usage\": {\"text\": {\"question_tokens\": 4, \"prompt_tokens\": 5, \"completion_tokens\": 9, \"total_tokens\": 14}}}}";
  g_autoptr(GError) error = NULL;
  KdlSparkFrame frame;

  g_assert_true (kdl_spark_frame_parse (data, strlen (data), &frame, &error));
  g_assert_no_error (error);
  g_assert_cmpint (frame.code, ==, 0);
  g_assert_cmpint (frame.status, ==, 2);
  g_assert_cmpstr (frame.sid, ==, "cht000cb087@dx18793cd421fb894542");
  g_assert_true (frame.has_choices);
  g_assert_cmpstr (frame.content, ==, "你好");
  g_assert_true (frame.has_usage);
  g_assert_cmpint (frame.usage.question_tokens, ==, 4);
  g_assert_cmpint (frame.usage.prompt_tokens, ==, 5);
  g_assert_cmpint (frame.usage.completion_tokens, ==, 9);
  g_assert_cmpint (frame.usage.total_tokens, ==, 14);
  kdl_spark_frame_clear (&frame);
}

static void
test_parse_middle_without_usage (void)
{
  const char *data =
    "{\"header\": {\"code\": 0, \"message\": \"Success\", \"sid\": \"s\", \"status\": 1},"
    " \"payload\": {\"choices\": {\"status\": 1, \"seq\": 1, \"text\": [{\"content\": \"a\"}, {\"content\": \"b\"}]}}}";
  KdlSparkFrame frame;

  g_assert_true (kdl_spark_frame_parse (data, strlen (data), &frame, NULL));
  g_assert_cmpint (frame.status, ==, 1);
  g_assert_cmpstr (frame.content, ==, "ab");
  g_assert_false (frame.has_usage);
  kdl_spark_frame_clear (&frame);
}

static void
test_parse_error_only (void)
{
  const char *data =
    "{\"header\": {\"code\": 11200, \"message\": \"AppIdNoAuthError:(17:17:15.673) domain.generalv3\", \"sid\": \"cht1\", \"status\": 2}}";
  KdlSparkFrame frame;

  g_assert_true (kdl_spark_frame_parse (data, strlen (data), &frame, NULL));
  g_assert_cmpint (frame.code, ==, 11200);
  g_assert_cmpstr (frame.message, ==, "AppIdNoAuthError:(17:17:15.673) domain.generalv3");
  g_assert_false (frame.has_choices);
  g_assert_null (frame.content);
  g_assert_cmpint (kdl_spark_error_code_classify (frame.code), ==, KDL_ERROR_CLASS_RUN_FATAL);
  kdl_spark_frame_clear (&frame);
}

static void
test_parse_no_choices (void)
{
  /* A web-search plugin frame: a payload without choices. */
  const char *data =
    "{\"header\": {\"code\": 0, \"message\": \"Success\", \"sid\": \"s\", \"status\": 1},"
    " \"payload\": {\"plugins\": {\"text\": [{\"name\": \"ifly_search\", \"content\": \"[]\"}]}}}";
  KdlSparkFrame frame;

  g_assert_true (kdl_spark_frame_parse (data, strlen (data), &frame, NULL));
  g_assert_false (frame.has_choices);
  g_assert_null (frame.content);
  g_assert_cmpint (frame.status, ==, 1);
  kdl_spark_frame_clear (&frame);
}

static void
test_parse_split_sequence (void)
{
  /* A family emoji (a ZWJ sequence) and a combining accent continue across
   * frames; each frame's JSON is valid UTF-8 on its own. */
  const char *a = "{\"header\": {\"code\": 0, \"status\": 0}, \"payload\": {\"choices\": {\"status\": 0, \"text\": [{\"content\": \"高考\\ud83d\\udc68\\u200d\"}]}}}";
  const char *b = "{\"header\": {\"code\": 0, \"status\": 1}, \"payload\": {\"choices\": {\"status\": 1, \"text\": [{\"content\": \"\\ud83d\\udc69 e\"}]}}}";
  const char *c = "{\"header\": {\"code\": 0, \"status\": 2}, \"payload\": {\"choices\": {\"status\": 2, \"text\": [{\"content\": \"\xcc\x81 阅读\"}]}}}";
  const char *frames[] = { a, b, c };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      KdlSparkFrame frame;

      g_assert_true (kdl_spark_frame_parse (frames[i], strlen (frames[i]), &frame, NULL));
      g_assert_true (g_utf8_validate (frame.content, -1, NULL));
      g_string_append (text, frame.content);
      kdl_spark_frame_clear (&frame);
    }

  g_assert_cmpstr (text->str, ==, "高考\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 e\xcc\x81 阅读");
}

static void
test_parse_invalid (void)
{
  const char *cases[] = {
    "{\"header\": {\"code\": 0, \"message\": \"Succ",
    "not json at all",
    "[1, 2, 3]",
    "{\"payload\": {}}",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      KdlSparkFrame frame;

      g_assert_false (kdl_spark_frame_parse (cases[i], strlen (cases[i]), &frame, &error));
      g_assert_error (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_FRAME);
      g_assert_cmpint (kdl_error_classify (error), ==, KDL_ERROR_CLASS_RETRYABLE);
    }
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_build_request (void)
{
  g_autoptr(KdlSparkEndpoint) max = kdl_spark_endpoint_new ("max", NULL, NULL, NULL, NULL);
  g_autoptr(KdlChatRequest) request = kdl_chat_request_new_simple ("你是命题老师", "阅读下文");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root, *header, *chat;
  JsonArray *messages;

  request->temperature = 0.5;
  request->max_tokens = 1024;
  request->top_k = 4;
  text = kdl_spark_frame_build_request ("12345678", max, request);
  root = parse_object (text, parser);
  header = json_object_get_object_member (root, "header");
  g_assert_cmpstr (json_object_get_string_member (header, "app_id"), ==, "12345678");
  g_assert_false (json_object_has_member (header, "patch_id"));
  chat = json_object_get_object_member (json_object_get_object_member (root, "parameter"), "chat");
  g_assert_cmpstr (json_object_get_string_member (chat, "domain"), ==, "generalv3.5");
  g_assert_cmpfloat (json_object_get_double_member (chat, "temperature"), ==, 0.5);
  g_assert_cmpint (json_object_get_int_member (chat, "max_tokens"), ==, 1024);
  g_assert_cmpint (json_object_get_int_member (chat, "top_k"), ==, 4);
  messages = json_object_get_array_member (json_object_get_object_member (json_object_get_object_member (root, "payload"), "message"), "text");
  g_assert_cmpint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "content"), ==, "阅读下文");
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "payload"), "functions"));
}

static void
test_build_request_finetuned (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlSparkEndpoint) custom = kdl_spark_endpoint_new ("custom", KDL_SPARK_FINETUNED_URL,
                                                               "xspark13b6k", "res-42", &error);
  g_autoptr(KdlChatRequest) request = kdl_chat_request_new_simple (NULL, "hi");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root, *header, *chat;
  JsonArray *patch;

  g_assert_no_error (error);
  text = kdl_spark_frame_build_request ("12345678", custom, request);
  root = parse_object (text, parser);
  header = json_object_get_object_member (root, "header");
  patch = json_object_get_array_member (header, "patch_id");
  g_assert_nonnull (patch);
  g_assert_cmpint (json_array_get_length (patch), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (patch, 0), ==, "res-42");
  chat = json_object_get_object_member (json_object_get_object_member (root, "parameter"), "chat");
  g_assert_cmpstr (json_object_get_string_member (chat, "domain"), ==, "xspark13b6k");
  /* Server defaults are left alone when the request does not set them. */
  g_assert_false (json_object_has_member (chat, "temperature"));
  g_assert_false (json_object_has_member (chat, "top_k"));
}

static void
test_endpoints (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlSparkEndpoint) bad = kdl_spark_endpoint_new ("gpt", NULL, NULL, NULL, &error);
  g_autoptr(KdlSparkEndpoint) custom = NULL;
  guint n = 0;
  const KdlSparkPreset *presets = kdl_spark_presets (&n);

  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  custom = kdl_spark_endpoint_new ("custom", NULL, "x", NULL, &error);
  g_assert_null (custom);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* The table of SPARK-PROTOCOL.md §2. */
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (kdl_spark_preset_lookup ("lite")->domain, ==, "lite");
  g_assert_cmpstr (kdl_spark_preset_lookup ("pro")->domain, ==, "generalv3");
  g_assert_cmpstr (kdl_spark_preset_lookup ("pro-128k")->url, ==, "wss://spark-api.xf-yun.com/chat/pro-128k");
  g_assert_cmpstr (kdl_spark_preset_lookup ("max")->url, ==, "wss://spark-api.xf-yun.com/v3.5/chat");
  g_assert_cmpstr (kdl_spark_preset_lookup ("max-32k")->domain, ==, "max-32k");
  g_assert_cmpstr (kdl_spark_preset_lookup ("ultra")->domain, ==, "4.0Ultra");
  g_assert_true (kdl_spark_preset_for_path ("/v4.0/chat") == kdl_spark_preset_lookup ("ultra"));
  for (guint i = 0; i < n; i++)
    g_assert_true (g_str_has_prefix (presets[i].url, "wss://"));
}

static void
test_classification (void)
{
  const struct { int code; KdlErrorClass klass; } table[] = {
    { 401, KDL_ERROR_CLASS_RUN_FATAL },
    { 403, KDL_ERROR_CLASS_RUN_FATAL },
    { 429, KDL_ERROR_CLASS_RETRYABLE },
    { 502, KDL_ERROR_CLASS_RETRYABLE },
    { 10000, KDL_ERROR_CLASS_RETRYABLE },
    { 10003, KDL_ERROR_CLASS_RUN_FATAL },
    { 10005, KDL_ERROR_CLASS_ITEM_FATAL },
    { 10007, KDL_ERROR_CLASS_RETRYABLE },
    { 10008, KDL_ERROR_CLASS_RETRYABLE },
    { 10012, KDL_ERROR_CLASS_RETRYABLE },
    { 10013, KDL_ERROR_CLASS_ITEM_FATAL },
    { 10014, KDL_ERROR_CLASS_ITEM_FATAL },
    { 10015, KDL_ERROR_CLASS_RUN_FATAL },
    { 10016, KDL_ERROR_CLASS_RUN_FATAL },
    { 10019, KDL_ERROR_CLASS_ITEM_FATAL },
    { 10110, KDL_ERROR_CLASS_RETRYABLE },
    { 10163, KDL_ERROR_CLASS_ITEM_FATAL },
    { 10222, KDL_ERROR_CLASS_RETRYABLE },
    { 10907, KDL_ERROR_CLASS_ITEM_FATAL },
    { 11200, KDL_ERROR_CLASS_RUN_FATAL },
    { 11201, KDL_ERROR_CLASS_RUN_PAUSE },
    { 11202, KDL_ERROR_CLASS_RETRYABLE },
    { 11203, KDL_ERROR_CLASS_RETRYABLE },
    { KDL_SPARK_ERROR_STALL_TIMEOUT, KDL_ERROR_CLASS_RETRYABLE },
    { KDL_SPARK_ERROR_CONNECTION_LOST, KDL_ERROR_CLASS_RETRYABLE },
    { KDL_SPARK_ERROR_TLS, KDL_ERROR_CLASS_RUN_FATAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *message = kdl_spark_error_code_describe (table[i].code, NULL);

      g_test_message ("code %d", table[i].code);
      g_assert_cmpint (kdl_spark_error_code_classify (table[i].code), ==, table[i].klass);
      g_assert_true (message != NULL && *message);
    }

  g_assert_true (kdl_spark_error_code_lowers_rate (11202));
  g_assert_true (kdl_spark_error_code_lowers_rate (11203));
  g_assert_false (kdl_spark_error_code_lowers_rate (10008));
}

static void
test_messages_say_what_to_do (void)
{
  g_autofree char *m403 = kdl_spark_error_code_describe (403, NULL);
  g_autofree char *m401 = kdl_spark_error_code_describe (401, NULL);
  g_autofree char *m11200 = kdl_spark_error_code_describe (11200, "AppIdNoAuthError");
  g_autofree char *id = kdl_spark_error_code_to_id (11200);
  g_autofree char *id401 = kdl_spark_error_code_to_id (401);

  g_assert_nonnull (strstr (m403, "clock"));
  g_assert_nonnull (strstr (m401, "APIKey"));
  g_assert_nonnull (strstr (m401, "APISecret"));
  g_assert_nonnull (strstr (m11200, "licence"));
  g_assert_nonnull (strstr (m11200, "AppIdNoAuthError"));
  g_assert_cmpstr (id, ==, "spark-11200");
  g_assert_cmpstr (id401, ==, "http-401");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spark-frame/parse/good", test_parse_good);
  g_test_add_func ("/spark-frame/parse/middle", test_parse_middle_without_usage);
  g_test_add_func ("/spark-frame/parse/error-only", test_parse_error_only);
  g_test_add_func ("/spark-frame/parse/no-choices", test_parse_no_choices);
  g_test_add_func ("/spark-frame/parse/split-sequence", test_parse_split_sequence);
  g_test_add_func ("/spark-frame/parse/invalid", test_parse_invalid);
  g_test_add_func ("/spark-frame/build/request", test_build_request);
  g_test_add_func ("/spark-frame/build/finetuned", test_build_request_finetuned);
  g_test_add_func ("/spark-frame/endpoints", test_endpoints);
  g_test_add_func ("/spark-frame/classification", test_classification);
  g_test_add_func ("/spark-frame/messages", test_messages_say_what_to_do);

  return g_test_run ();
}
