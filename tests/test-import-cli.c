/* test-import-cli.c — kindling-cli inspect: JSON shape and exit status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-test-util.h"

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("KDL_CLI"));
  g_ptr_array_add (argv, (gpointer)"inspect");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static JsonObject *
inspect_json (const char * const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_samples_json (void)
{
  g_autofree char *csv = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *jsonl = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autofree char *xlsx = kdl_test_sample_path ("sample-en.xlsx");
  const char *csv_args[] = { csv, "--json", NULL };
  const char *jsonl_args[] = { jsonl, "--json", NULL };
  const char *xlsx_args[] = { xlsx, "--json", "--sheet", "Sheet1", NULL };
  g_autoptr(JsonObject) a = inspect_json (csv_args);
  g_autoptr(JsonObject) b = inspect_json (jsonl_args);
  g_autoptr(JsonObject) c = NULL;
  JsonArray *columns = json_object_get_array_member (a, "columns");
  JsonObject *mapping = json_object_get_object_member (a, "mapping");
  const char *fields[] = { "file", "format", "encoding", "loaded", "columns", "mapping", "rejected", "skipped" };

  g_assert_cmpuint (json_object_get_size (a), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (a, fields[i]));

  g_assert_cmpstr (json_object_get_string_member (a, "file"), ==, csv);
  g_assert_cmpstr (json_object_get_string_member (a, "format"), ==, "csv");
  g_assert_cmpstr (json_object_get_string_member (a, "encoding"), ==, "UTF-8");
  g_assert_cmpint (json_object_get_int_member (a, "loaded"), ==, 8);
  g_assert_cmpuint (json_array_get_length (columns), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (columns, 0), ==, "阅读文本");
  g_assert_cmpstr (json_object_get_string_member (mapping, "reading"), ==, "阅读文本");
  g_assert_cmpstr (json_object_get_string_member (mapping, "questions"), ==, "选项");
  g_assert_cmpstr (json_object_get_string_member (mapping, "answers"), ==, "答案");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "rejected")), ==, 0);

  g_assert_cmpstr (json_object_get_string_member (b, "format"), ==, "jsonl");
  g_assert_cmpint (json_object_get_int_member (b, "loaded"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (b, "mapping"), "reading"), ==, "input");

  c = inspect_json (xlsx_args);
  g_assert_cmpstr (json_object_get_string_member (c, "format"), ==, "xlsx");
  g_assert_cmpint (json_object_get_int_member (c, "loaded"), ==, 4);
}

static void
test_rejected_json (void)
{
  g_autofree char *path = kdl_test_write_file ("cli.jsonl",
                                               "{\"input\": \"a\"}\n\n{\"input\": }\n[1]\n{\"input\": \"b\"}\n", -1);
  const char *args[] = { "--json", path, "--map", "answers=input", NULL };
  g_autoptr(JsonObject) root = inspect_json (args);
  JsonArray *rejected = json_object_get_array_member (root, "rejected");
  JsonArray *skipped = json_object_get_array_member (root, "skipped");
  JsonObject *first;
  JsonObject *blank;

  g_assert_cmpint (json_object_get_int_member (root, "loaded"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "mapping"), "answers"), ==, "input");
  g_assert_cmpuint (json_array_get_length (rejected), ==, 2);
  first = json_array_get_object_element (rejected, 0);
  g_assert_cmpint (json_object_get_int_member (first, "row"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (first, "line"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "invalid-json");
  g_assert_true (strlen (json_object_get_string_member (first, "message")) > 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rejected, 1), "code"), ==, "not-an-object");

  g_assert_cmpuint (json_array_get_length (skipped), ==, 1);
  blank = json_array_get_object_element (skipped, 0);
  g_assert_cmpuint (json_object_get_size (blank), ==, 2);
  g_assert_cmpint (json_object_get_int_member (blank, "line"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (blank, "code"), ==, "blank-line");
}

static void
test_summary_and_exit_codes (void)
{
  g_autofree char *csv = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *xlsx = kdl_test_sample_path ("sample-zh.xlsx");
  g_autofree char *txt = kdl_test_write_file ("x.txt", "hello\n", -1);
  g_autofree char *gb = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *plain[] = { csv, NULL };
  const char *missing[] = { "/nonexistent/file.csv", NULL };
  const char *unsupported[] = { txt, NULL };
  const char *bad_sheet[] = { xlsx, "--sheet", "Nope", NULL };
  const char *bad_map[] = { csv, "--map", "reading", NULL };
  const char *unknown_column[] = { csv, "--map", "reading=nope", NULL };
  const char *no_file[] = { NULL };
  gsize len = 0;

  g_assert_cmpint (run_cli (plain, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "阅读文本"));
  g_assert_nonnull (strstr (out, "8"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (missing, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "/nonexistent/file.csv"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (unsupported, NULL, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (bad_sheet, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Sheet1"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (bad_map, NULL, NULL), ==, 2);
  g_assert_cmpint (run_cli (unknown_column, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "nope"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (no_file, NULL, NULL), ==, 2);

  /* A guessed encoding is said on standard error. */
  {
    g_autofree char *converted = g_convert ("题目,答案\n中文的题目,答案甲\n", -1, "GB18030", "UTF-8", NULL, &len, NULL);
    const char *args[] = { NULL, "--json", NULL };
    g_autoptr(JsonParser) parser = json_parser_new ();

    gb = kdl_test_write_file ("gb.csv", converted, len);
    args[0] = gb;
    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (err, "GB18030"));
    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "encoding"), ==, "GB18030");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/cli/samples-json", test_samples_json);
  g_test_add_func ("/import/cli/rejected-json", test_rejected_json);
  g_test_add_func ("/import/cli/summary-and-exit-codes", test_summary_and_exit_codes);

  return g_test_run ();
}
