/* test-import-csv.c — CSV import: RFC 4180, line numbers, rejects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-test-util.h"

#define ISSUE(a, i) (&g_array_index ((a), KdlImportIssue, (i)))

/* Ground truth of data/samples/README.md; the first and last characters
 * as Python's csv module reads them. */
static void
test_sample (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-zh.csv");
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  g_autoptr(GArray) skipped = kdl_dataset_dup_skipped (dataset);
  const guint lines[] = { 2, 30, 61, 85, 108, 138, 162, 185 };
  const guint chars[] = { 696, 777, 706, 845, 743, 837, 681, 788 };
  const char *starts[] = { "夏夜走出空调", "很多人相信，", "一朵花从开放", "钟表上的“统",
                           "\u3000\u3000摆渡\n\u3000", "在南极和格陵", "不同的语言切", "箱子里的全球" };
  const char *ends[] = { "统工程。", "构之路。", "的丰盈。", "的轨迹。", "没用了。", "料编写）", "界分类。", "和制度。" };

  g_assert_cmpint (kdl_dataset_get_format (dataset), ==, KDL_DATASET_FORMAT_CSV);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 8);
  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpuint (g_strv_length (columns), ==, 3);
  g_assert_cmpstr (columns[0], ==, "阅读文本");
  g_assert_cmpstr (columns[1], ==, "选项");
  g_assert_cmpstr (columns[2], ==, "答案");
  g_assert_cmpstr (kdl_column_map_get (map, "reading"), ==, "阅读文本");
  g_assert_cmpstr (kdl_column_map_get (map, "questions"), ==, "选项");
  g_assert_cmpstr (kdl_column_map_get (map, "answers"), ==, "答案");

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autofree char *reading = kdl_dataset_get_variable (dataset, record, "reading");
      g_autofree char *answers = kdl_dataset_get_variable (dataset, record, "answers");

      g_assert_cmpuint (kdl_record_get_row (record), ==, i + 1);
      g_assert_cmpuint (kdl_record_get_line (record), ==, lines[i]);
      g_assert_cmpuint (g_utf8_strlen (reading, -1), ==, chars[i]);
      g_assert_true (g_str_has_prefix (reading, starts[i]));
      g_assert_true (g_str_has_suffix (reading, ends[i]));
      g_assert_nonnull (answers);
    }
}

static void
test_rfc4180 (void)
{
  const char *text =
    "\xEF\xBB\xBF" "name,text,\"quoted \"\"head\"\"\"\r\n"
    "a,\"two\r\nlines\",\"x,y\"\r\n"
    "b,\"say \"\"hi\"\"\",  spaced  \r\n"
    "\r\n"
    "c,,\"\"\r\n"
    "d,\"three\nline\nfield\",last";
  g_autoptr(KdlDataset) dataset = kdl_test_load_text ("rfc.csv", text, -1);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autoptr(GArray) skipped = kdl_dataset_dup_skipped (dataset);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  g_autoptr(KdlRecord) a = kdl_dataset_lookup_row (dataset, 1);
  g_autoptr(KdlRecord) b = kdl_dataset_lookup_row (dataset, 2);
  g_autoptr(KdlRecord) c = kdl_dataset_lookup_row (dataset, 3);
  g_autoptr(KdlRecord) d = kdl_dataset_lookup_row (dataset, 4);

  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpstr (columns[0], ==, "name");
  g_assert_cmpstr (columns[2], ==, "quoted \"head\"");

  g_assert_cmpuint (kdl_record_get_line (a), ==, 2);
  g_assert_cmpstr (kdl_record_lookup (a, "text"), ==, "two\r\nlines");
  g_assert_cmpstr (kdl_record_get_value (a, 2), ==, "x,y");
  g_assert_cmpuint (kdl_record_get_line (b), ==, 4);
  g_assert_cmpstr (kdl_record_lookup (b, "text"), ==, "say \"hi\"");
  g_assert_cmpstr (kdl_record_get_value (b, 2), ==, "  spaced  ");
  g_assert_cmpuint (kdl_record_get_line (c), ==, 6);
  g_assert_cmpstr (kdl_record_lookup (c, "text"), ==, "");
  g_assert_cmpstr (kdl_record_get_value (c, 2), ==, "");
  g_assert_cmpuint (kdl_record_get_line (d), ==, 7);
  g_assert_cmpstr (kdl_record_lookup (d, "text"), ==, "three\nline\nfield");
  g_assert_cmpstr (kdl_record_get_value (d, 2), ==, "last");

  kdl_test_assert_issue (skipped, 0, 0, 5, KDL_IMPORT_BLANK_LINE);
}

static void
test_rejects (void)
{
  const char *text =
    "a,b\n"                      /* 1 header */
    "1,2\n"                      /* 2 row 1 */
    "1,2,3\n"                    /* 3 row 2 wrong count */
    "only\n"                     /* 4 row 3 wrong count */
    "x\"y,2\n"                   /* 5 row 4 stray quote */
    "\"ok\"junk,2\n"             /* 6 row 5 stray quote */
    "caf\xE9,2\n"                /* 7 row 6 invalid utf8 */
    "\n"                         /* 8 blank */
    "5,6\n"                      /* 9 row 7 */
    "\"open,7\n"                 /* 10 row 8 unterminated … */
    "8,9\n";                     /* 11 … swallowed */
  g_autoptr(KdlDataset) dataset = kdl_test_load_text ("bad.csv", text, -1);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  g_autoptr(GArray) skipped = kdl_dataset_dup_skipped (dataset);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 2);
  g_assert_cmpuint (kdl_dataset_get_row_id (dataset, 0), ==, 1);
  g_assert_cmpuint (kdl_dataset_get_row_id (dataset, 1), ==, 7);
  g_assert_cmpuint (kdl_dataset_get_n_records (dataset), ==, 8);
  g_assert_cmpuint (rejected->len, ==, 6);
  kdl_test_assert_issue (rejected, 0, 2, 3, KDL_IMPORT_WRONG_FIELD_COUNT);
  kdl_test_assert_issue (rejected, 1, 3, 4, KDL_IMPORT_WRONG_FIELD_COUNT);
  kdl_test_assert_issue (rejected, 2, 4, 5, KDL_IMPORT_STRAY_QUOTE);
  kdl_test_assert_issue (rejected, 3, 5, 6, KDL_IMPORT_STRAY_QUOTE);
  kdl_test_assert_issue (rejected, 4, 6, 7, KDL_IMPORT_INVALID_UTF8);
  kdl_test_assert_issue (rejected, 5, 8, 10, KDL_IMPORT_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (ISSUE (rejected, 0)->message, "3"));
  g_assert_nonnull (strstr (ISSUE (rejected, 5)->message, "11"));
  kdl_test_assert_issue (skipped, 0, 0, 8, KDL_IMPORT_BLANK_LINE);
}

static void
test_header_names (void)
{
  g_autoptr(KdlDataset) dataset = kdl_test_load_text ("names.csv", "x,,x\n1,2,3\n", -1);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, 0);

  g_assert_cmpuint (g_strv_length (columns), ==, 3);
  g_assert_cmpstr (columns[0], ==, "x");
  g_assert_cmpstr (columns[1], ==, "B");
  g_assert_cmpstr (columns[2], ==, "x (2)");
  g_assert_cmpstr (kdl_record_lookup (record, "x (2)"), ==, "3");
}

/* Only LF ends a record: a bare CR inside a field is data (found by the
 * fuzzer: libcsv's default also ends records at a CR). */
static void
test_bare_cr (void)
{
  g_autoptr(KdlDataset) dataset = kdl_test_load_text ("cr.csv", "a,b\n1,x\ry\n2,\"q\"\r\n", -1);
  g_autoptr(KdlRecord) first = kdl_dataset_get_record (dataset, 0);
  g_autoptr(KdlRecord) second = kdl_dataset_get_record (dataset, 1);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 2);
  g_assert_cmpstr (kdl_record_lookup (first, "b"), ==, "x\ry");
  g_assert_cmpstr (kdl_record_lookup (second, "b"), ==, "q");
  g_assert_cmpuint (kdl_record_get_line (second), ==, 3);
}

static void
test_empty_and_broken_header (void)
{
  g_autoptr(KdlDataset) empty = kdl_test_load_text ("empty.csv", "", 0);
  g_autofree char *path = kdl_test_write_file ("badhead.csv", "\"a,b\n1,2\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) broken = kdl_dataset_load (file, NULL, NULL, &error);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (empty), ==, 0);
  g_assert_null (broken);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Past the first megabyte: records with quoted line breaks cross the point
 * where the first page is published and the rest is read. */
static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new ("阅读文本,选项,答案\n");
  g_autoptr(KdlDataset) dataset = NULL;
  guint n = 6000;

  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (text, "\"第%u篇\n", i);
      for (guint k = 0; k < 20; k++)
        g_string_append (text, "文本文本文本");
      g_string_append_printf (text, "\n结束\",\"1. 问题%u\",\"1.A\"\n", i);
    }
  g_assert_cmpuint (text->len, >, 2 << 20);

  dataset = kdl_test_load_text ("large.csv", text->str, text->len);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, n);
  for (guint pos = 0; pos < n; pos += 331)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, pos);
      g_autofree char *prefix = g_strdup_printf ("第%u篇\n", pos + 1);
      g_autofree char *questions = g_strdup_printf ("1. 问题%u", pos + 1);

      g_assert_cmpuint (kdl_record_get_row (record), ==, pos + 1);
      g_assert_cmpuint (kdl_record_get_line (record), ==, 2 + 3 * pos);
      g_assert_true (g_str_has_prefix (kdl_record_lookup (record, "阅读文本"), prefix));
      g_assert_cmpstr (kdl_record_lookup (record, "选项"), ==, questions);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/sample", test_sample);
  g_test_add_func ("/import/csv/rfc4180", test_rfc4180);
  g_test_add_func ("/import/csv/rejects", test_rejects);
  g_test_add_func ("/import/csv/header-names", test_header_names);
  g_test_add_func ("/import/csv/bare-cr", test_bare_cr);
  g_test_add_func ("/import/csv/empty-and-broken-header", test_empty_and_broken_header);
  g_test_add_func ("/import/csv/large", test_large);

  return g_test_run ();
}
