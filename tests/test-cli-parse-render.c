/* test-cli-parse-render.c — kindling-cli parse and render
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-test-util.h"

static JsonObject *
line_object (char       **lines,
             guint        i,
             JsonParser  *parser)
{
  g_assert_nonnull (lines[i]);
  g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
answers_of (JsonObject *row)
{
  JsonArray *mcqs = json_object_get_array_member (row, "mcq");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (mcqs); i++)
    {
      JsonObject *mcq = json_array_get_object_element (mcqs, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%s", i ? " " : "",
                               json_object_get_int_member (mcq, "number"),
                               json_object_get_string_member (mcq, "answer"));
    }

  return g_string_free (out, FALSE);
}

static void
test_parse (void)
{
  g_autofree char *csv = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *xlsx = kdl_test_sample_path ("sample-en.xlsx");
  const char *args[] = { "parse", csv, "--json", NULL };
  const char *args_en[] = { "parse", xlsx, "--json", NULL };
  const char *no_json[] = { "parse", csv, NULL };
  g_autofree char *out = NULL;
  g_autofree char *out_en = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) lines_en = NULL;
  /* data/samples/README.md, ground truth */
  const char *expected[] = {
    "1:C 2:B 3:D 4:A", "7:C 8:D 9:AC 10:B 11:A", "1:D 2:B 3:A", "1:C 2:B 3:D 4:A",
    "6:BD 7:C 8:B", "1:B 2:D 3:D 4:A", "12:B 13:D 14:C", "1:B 2:C 3:D 4:A 5:B",
  };
  const guint shorts[] = { 1, 0, 2, 0, 2, 1, 1, 1 };

  g_assert_cmpint (kdl_test_run_cli (args, NULL, NULL, &out, NULL), ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *row = line_object (lines, i, parser);
      g_autofree char *answers = answers_of (row);

      g_assert_cmpuint (json_object_get_size (row), ==, 4);
      g_assert_cmpint (json_object_get_int_member (row, "row"), ==, i + 1);
      g_assert_cmpstr (answers, ==, expected[i]);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "short_answer")), ==, shorts[i]);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "problems")), ==, 0);
    }

  /* Cyrillic markers read as Latin letters; the correct option kept. */
  g_assert_cmpint (kdl_test_run_cli (args_en, NULL, NULL, &out_en, NULL), ==, 0);
  lines_en = g_strsplit (g_strstrip (out_en), "\n", -1);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *row = line_object (lines_en, 3, parser);
    g_autofree char *answers = answers_of (row);
    JsonObject *q29 = json_array_get_object_element (json_object_get_array_member (row, "mcq"), 1);

    g_assert_cmpstr (answers, ==, "28:B 29:C 30:D");
    g_assert_true (json_object_has_member (json_object_get_object_member (q29, "options"), "A"));
    g_assert_true (json_object_has_member (json_object_get_object_member (q29, "options"), "B"));
  }

  g_assert_cmpint (kdl_test_run_cli (no_json, NULL, NULL, NULL, NULL), ==, 2);
}

static void
test_render (void)
{
  g_autofree char *csv = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *xlsx = kdl_test_sample_path ("sample-en.xlsx");
  g_autofree char *custom = kdl_test_write_file ("custom.tmpl",
                                                 "name: custom\nkind: generate\n---\n"
                                                 "第{row}行 {{字面}}\n{reading}\n{mcq}\n", -1);
  g_autofree char *unknown = kdl_test_write_file ("unknown.tmpl",
                                                  "name: unknown\nkind: generate\n---\nline one\n{no_such_var}\n", -1);
  g_autofree char *generated = kdl_test_write_file ("gen.txt", "1. 题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:A\n", -1);
  g_autofree char *empty_col = kdl_test_write_file ("empty.jsonl",
                                                    "{\"input\": \"### 阅读文本\\n一段文字。\", \"output\": \"\"}\n", -1);
  const char *zh[] = { "render", "--template", "rebuild", "--dataset", csv, "--row", "2", NULL };
  const char *en[] = { "render", "--template", "rebuild", "--dataset", xlsx, "--row", "2", NULL };
  const char *own[] = { "render", "--template", custom, "--dataset", csv, "--row", "3", NULL };
  const char *bad[] = { "render", "--template", unknown, "--dataset", csv, "--row", "3", NULL };
  const char *judge[] = { "render", "--template", "judge", "--dataset", csv, "--row", "1", "--generated", generated, NULL };
  const char *missing_row[] = { "render", "--template", "rebuild", "--dataset", csv, "--row", "9", NULL };
  const char *empty[] = { "render", "--template", custom, "--dataset", empty_col, "--row", "1", NULL };
  g_autofree char *out_zh = NULL;
  g_autofree char *out_en = NULL;
  g_autofree char *out_own = NULL;
  g_autofree char *err_bad = NULL;
  g_autofree char *out_judge = NULL;
  g_autofree char *err_empty = NULL;

  g_assert_cmpint (kdl_test_run_cli (zh, NULL, NULL, &out_zh, NULL), ==, 0);
  g_assert_nonnull (strstr (out_zh, "高考"));
  g_assert_nonnull (strstr (out_zh, "答案:AC"));
  g_assert_null (strstr (out_zh, "{reading}"));

  /* A Chinese prompt never for an English passage, and the reverse. */
  g_assert_cmpint (kdl_test_run_cli (en, NULL, NULL, &out_en, NULL), ==, 0);
  g_assert_null (strstr (out_en, "高考"));
  g_assert_nonnull (strstr (out_en, "English"));

  g_assert_cmpint (kdl_test_run_cli (own, NULL, NULL, &out_own, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out_own, "第3行 {字面}\n"));
  g_assert_nonnull (strstr (out_own, "1. "));

  g_assert_cmpint (kdl_test_run_cli (bad, NULL, NULL, NULL, &err_bad), ==, 2);
  g_assert_nonnull (strstr (err_bad, "no_such_var"));

  g_assert_cmpint (kdl_test_run_cli (judge, NULL, NULL, &out_judge, NULL), ==, 0);
  g_assert_nonnull (strstr (out_judge, "B. 乙"));
  g_assert_nonnull (strstr (out_judge, "总分"));

  g_assert_cmpint (kdl_test_run_cli (missing_row, NULL, NULL, NULL, NULL), ==, 2);

  /* An empty variable is reported, not silently blank. */
  g_assert_cmpint (kdl_test_run_cli (empty, NULL, NULL, NULL, &err_empty), ==, 0);
  g_assert_nonnull (strstr (err_empty, "mcq"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/parse", test_parse);
  g_test_add_func ("/cli/render", test_render);

  return g_test_run ();
}
