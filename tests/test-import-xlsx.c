/* test-import-xlsx.c — XLSX import: shared and inline strings, empty
 * cells, rich text, sheets, row ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <xlsxwriter.h>

#include "kdl-test-util.h"

/* Both samples: the same 8 rows as the CSV, cell for cell, so every
 * record has the CSV record's content hash. */
static void
test_sample_zh (void)
{
  g_autofree char *xlsx_path = kdl_test_sample_path ("sample-zh.xlsx");
  g_autofree char *csv_path = kdl_test_sample_path ("sample-zh.csv");
  g_autoptr(KdlDataset) xlsx = kdl_test_load (xlsx_path, NULL);
  g_autoptr(KdlDataset) csv = kdl_test_load (csv_path, NULL);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (xlsx);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (xlsx);
  const guint chars[] = { 696, 777, 706, 845, 743, 837, 681, 788 };

  g_assert_cmpint (kdl_dataset_get_format (xlsx), ==, KDL_DATASET_FORMAT_XLSX);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (xlsx), ==, 8);
  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpstr (columns[0], ==, "阅读文本");
  g_assert_cmpstr (columns[1], ==, "选项");
  g_assert_cmpstr (columns[2], ==, "答案");
  g_assert_null (columns[3]);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(KdlRecord) a = kdl_dataset_get_record (xlsx, i);
      g_autoptr(KdlRecord) b = kdl_dataset_get_record (csv, i);
      g_autofree char *reading = kdl_dataset_get_variable (xlsx, a, "reading");

      g_assert_cmpuint (kdl_record_get_row (a), ==, i + 1);
      g_assert_cmpuint (kdl_record_get_line (a), ==, i + 2);
      g_assert_cmpuint (g_utf8_strlen (reading, -1), ==, chars[i]);
      for (guint f = 0; f < 3; f++)
        g_assert_cmpstr (kdl_record_get_value (a, f), ==, kdl_record_get_value (b, f));
      g_assert_cmpstr (kdl_record_get_hash (a), ==, kdl_record_get_hash (b));
    }
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += words[i][0] != '\0';
  return n;
}

/* Inline strings with every non-ASCII character as a numeric reference. */
static void
test_sample_en (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-en.xlsx");
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  const guint words[] = { 333, 329, 342, 326 };
  g_autoptr(KdlRecord) r1 = NULL;
  g_autoptr(KdlRecord) r2 = NULL;
  g_autoptr(KdlRecord) r3 = NULL;

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autofree char *reading = kdl_dataset_get_variable (dataset, record, "reading");

      g_assert_cmpuint (kdl_record_get_row (record), ==, i + 1);
      g_assert_cmpuint (kdl_record_get_line (record), ==, i + 2);
      g_assert_cmpuint (count_words (reading), ==, words[i]);
    }

  r1 = kdl_dataset_lookup_row (dataset, 1);
  r2 = kdl_dataset_lookup_row (dataset, 2);
  r3 = kdl_dataset_lookup_row (dataset, 3);
  g_assert_nonnull (strstr (kdl_record_lookup (r1, "选项"), "\u0410."));   /* Cyrillic А */
  g_assert_nonnull (strstr (kdl_record_lookup (r1, "选项"), "\u0421."));   /* Cyrillic С */
  g_assert_nonnull (strchr (kdl_record_lookup (r2, "阅读文本"), '"'));
  g_assert_null (strstr (kdl_record_lookup (r3, "选项"), "\u0410"));
}

static void
write_fixture (const char *path,
               gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "数据");
  lxw_worksheet *second = workbook_add_worksheet (workbook, "Second");
  lxw_format *bold = workbook_add_format (workbook);
  lxw_rich_string_tuple part1 = { NULL, (char *)"plain " };
  lxw_rich_string_tuple part2 = { bold, (char *)"粗体" };
  lxw_rich_string_tuple part3 = { NULL, (char *)" end" };
  lxw_rich_string_tuple *rich[] = { &part1, &part2, &part3, NULL };

  format_set_bold (bold);

  /* The header is on sheet row 3: rows 1–2 do not exist. */
  worksheet_write_string (sheet, 2, 0, "passage", NULL);
  worksheet_write_string (sheet, 2, 1, "选项", NULL);
  worksheet_write_string (sheet, 2, 2, "answer", NULL);

  worksheet_write_string (sheet, 3, 0, "第一篇 <&> \"quotes\"", NULL);
  /* column B empty */
  worksheet_write_number (sheet, 3, 2, 3.5, NULL);

  worksheet_write_blank (sheet, 4, 0, bold);            /* a blank row that exists */

  worksheet_write_rich_string (sheet, 5, 0, rich, NULL);
  worksheet_write_boolean (sheet, 5, 1, 1, NULL);
  worksheet_write_string (sheet, 5, 2, "B", NULL);
  worksheet_write_string (sheet, 5, 4, "beyond", NULL);  /* column E, no header */

  worksheet_write_string (sheet, 6, 1, "only B\nsecond line", NULL);

  worksheet_write_string (second, 0, 0, "k", NULL);
  worksheet_write_string (second, 1, 0, "v", NULL);

  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static void
check_fixture (KdlDataset *dataset)
{
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autoptr(GArray) skipped = kdl_dataset_dup_skipped (dataset);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_autoptr(KdlRecord) first = NULL;
  g_autoptr(KdlRecord) rich = NULL;
  g_autoptr(KdlRecord) last = NULL;

  g_assert_cmpuint (g_strv_length (columns), ==, 5);
  g_assert_cmpstr (columns[0], ==, "passage");
  g_assert_cmpstr (columns[3], ==, "D");
  g_assert_cmpstr (columns[4], ==, "E");
  g_assert_cmpstr (kdl_column_map_get (map, "reading"), ==, "passage");
  g_assert_cmpstr (kdl_column_map_get (map, "questions"), ==, "选项");
  g_assert_cmpstr (kdl_column_map_get (map, "answers"), ==, "answer");

  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 3);

  /* Row ids are the sheet row minus the header row (3). */
  first = kdl_dataset_lookup_row (dataset, 1);
  g_assert_nonnull (first);
  g_assert_cmpuint (kdl_record_get_line (first), ==, 4);
  g_assert_cmpstr (kdl_record_lookup (first, "passage"), ==, "第一篇 <&> \"quotes\"");
  g_assert_cmpstr (kdl_record_lookup (first, "选项"), ==, "");
  g_assert_cmpstr (kdl_record_lookup (first, "answer"), ==, "3.5");

  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpuint (g_array_index (skipped, KdlImportIssue, 0).line, ==, 5);
  g_assert_cmpstr (g_array_index (skipped, KdlImportIssue, 0).code, ==, KDL_IMPORT_BLANK_ROW);
  g_assert_null (kdl_dataset_lookup_row (dataset, 2));

  rich = kdl_dataset_lookup_row (dataset, 3);
  g_assert_cmpstr (kdl_record_lookup (rich, "passage"), ==, "plain 粗体 end");
  g_assert_cmpstr (kdl_record_lookup (rich, "选项"), ==, "TRUE");
  g_assert_cmpstr (kdl_record_lookup (rich, "E"), ==, "beyond");
  g_assert_cmpstr (kdl_record_lookup (rich, "D"), ==, "");

  last = kdl_dataset_lookup_row (dataset, 4);
  g_assert_cmpstr (kdl_record_lookup (last, "passage"), ==, "");
  g_assert_cmpstr (kdl_record_lookup (last, "选项"), ==, "only B\nsecond line");
}

static void
test_fixture_shared_and_inline (void)
{
  g_autofree char *shared_path = kdl_test_write_file ("shared.xlsx", "", 0);
  g_autofree char *inline_path = kdl_test_write_file ("inline.xlsx", "", 0);
  g_autoptr(KdlDataset) shared = NULL;
  g_autoptr(KdlDataset) inline_strings = NULL;

  write_fixture (shared_path, FALSE);
  write_fixture (inline_path, TRUE);

  shared = kdl_test_load (shared_path, NULL);
  inline_strings = kdl_test_load (inline_path, NULL);
  check_fixture (shared);
  check_fixture (inline_strings);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdlRecord) a = kdl_dataset_get_record (shared, i);
      g_autoptr(KdlRecord) b = kdl_dataset_get_record (inline_strings, i);

      g_assert_cmpstr (kdl_record_get_hash (a), ==, kdl_record_get_hash (b));
    }
}

static void
test_sheets (void)
{
  g_autofree char *path = kdl_test_write_file ("sheets.xlsx", "", 0);
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(KdlDataset) second = NULL;
  g_autoptr(KdlRecord) record = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) missing = NULL;

  write_fixture (path, FALSE);

  kdl_import_options_set_sheet (options, "Second");
  second = kdl_test_load (path, options);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (second), ==, 1);
  record = kdl_dataset_get_record (second, 0);
  g_assert_cmpstr (kdl_record_lookup (record, "k"), ==, "v");
  g_assert_cmpuint (kdl_record_get_row (record), ==, 1);

  kdl_import_options_set_sheet (options, "Nope");
  missing = kdl_dataset_load (file, options, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "数据"));
  g_assert_nonnull (strstr (error->message, "Second"));
}

static void
test_not_a_workbook (void)
{
  g_autofree char *path = kdl_test_write_file ("broken.xlsx", "PK\003\004 not really a zip", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) dataset = kdl_dataset_load (file, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/xlsx/sample-zh", test_sample_zh);
  g_test_add_func ("/import/xlsx/sample-en", test_sample_en);
  g_test_add_func ("/import/xlsx/shared-and-inline", test_fixture_shared_and_inline);
  g_test_add_func ("/import/xlsx/sheets", test_sheets);
  g_test_add_func ("/import/xlsx/not-a-workbook", test_not_a_workbook);

  return g_test_run ();
}
