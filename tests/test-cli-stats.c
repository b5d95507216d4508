/* test-cli-stats.c — kindling-cli stats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-test-store.h"

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *)g_getenv ("KDL_CLI"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  child = g_subprocess_newv ((const char * const *)args->pdata,
                             G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));

  return g_subprocess_get_exit_status (child);
}

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("cli-stats");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) refs = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;
  KdlStoreItemUpdate update = { 0 };
  gint64 run_id, other;

  run_id = kdl_test_store_add_run (store, 3, 1, TRUE, 100);
  other = kdl_test_store_add_run (store, 2, 1, FALSE, 0);
  reader = kdl_store_open_reader (store, &error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  update.item_id = g_array_index (refs, KdlStoreItemRef, 1).id;   /* row 1's judge */
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_SCORE;
  update.state = KDL_STORE_ITEM_DONE;
  update.has_score = TRUE;
  update.score = 85;
  update.parts_json = "{\"内容\":40,\"格式\":45}";
  g_assert_true (kdl_store_update_item (store, &update, &error));

  /* The CLI prints exactly the core's object. */
  id = g_strdup_printf ("%d", (int)run_id);
  g_assert_cmpint (run_cli (&out, &err, "stats", "--project", kdl_store_get_path (store), "--run", id, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  expected = kdl_store_reader_build_stats_json (reader, run_id, &error);
  g_assert_true (json_node_equal (json_parser_get_root (parser), expected));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (expected), "scored"), ==, 1);

  /* Without --run: the newest. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "stats", "--project", kdl_store_get_path (store), "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "run"), ==, other);

  /* The summary for people. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "stats", "--project", kdl_store_get_path (store), "--run", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rebuild"));
  g_assert_nonnull (strstr (out, "85.00"));
}

static void
test_errors (void)
{
  g_autofree char *missing = kdl_test_store_path ("missing");
  g_autofree char *text = kdl_test_store_path ("text");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("cli-errors");

  g_assert_cmpint (run_cli (&out, &err, "stats", "--project", missing, "--json", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (text, "input,output\n", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "stats", "--project", text, "--json", NULL), ==, 2);
  g_assert_nonnull (strstr (err, text));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "stats", "--project", kdl_store_get_path (store), "--run", "42", "--json", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "42"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "stats", "--bogus", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/stats/json", test_json);
  g_test_add_func ("/cli/stats/errors", test_errors);

  return g_test_run ();
}
