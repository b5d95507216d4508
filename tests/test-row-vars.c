/* test-row-vars.c — the variables of a row, from a dataset and from the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-dataset.h"
#include "kdl-row-vars.h"
#include "kdl-test-util.h"

static GHashTable *
vars_for (KdlDataset *dataset,
          guint       row)
{
  g_autoptr(KdlRecord) record = kdl_dataset_lookup_row (dataset, row);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);

  g_assert_nonnull (record);
  return kdl_row_vars_new (map, record);
}

static void
test_raw_exam_columns (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-zh.csv");
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  g_autoptr(GHashTable) vars = vars_for (dataset, 2);
  const char *mcq = g_hash_table_lookup (vars, "mcq");
  g_auto(GStrv) blocks = NULL;

  /* Every column by name, and the mapped variables. */
  g_assert_cmpstr (g_hash_table_lookup (vars, "row"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (vars, "reading"), ==, g_hash_table_lookup (vars, "阅读文本"));
  g_assert_cmpstr (g_hash_table_lookup (vars, "questions"), ==, g_hash_table_lookup (vars, "选项"));
  g_assert_cmpstr (g_hash_table_lookup (vars, "answers"), ==, g_hash_table_lookup (vars, "答案"));
  g_assert_nonnull (g_hash_table_lookup (vars, "reference"));

  /* Row 2: questions 7–11, all MCQs, 9 has two answers; the canonical form
   * numbers them from 1. */
  g_assert_nonnull (mcq);
  blocks = g_strsplit (mcq, "\n\n", -1);
  g_assert_cmpuint (g_strv_length (blocks), ==, 5);
  g_assert_true (g_str_has_prefix (blocks[0], "1. "));
  g_assert_true (g_str_has_suffix (blocks[0], "答案:C"));
  g_assert_true (g_str_has_suffix (blocks[2], "答案:AC"));
  g_assert_true (g_str_has_suffix (blocks[4], "答案:A"));
}

static void
test_cleaned_output (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  g_autoptr(GHashTable) vars = vars_for (dataset, 7);
  const char *questions = g_hash_table_lookup (vars, "questions");
  const char *output = g_hash_table_lookup (vars, "output");

  /* The passage after the marker line. */
  g_assert_false (g_str_has_prefix (g_hash_table_lookup (vars, "reading"), "###"));
  g_assert_nonnull (strstr (g_hash_table_lookup (vars, "input"), g_hash_table_lookup (vars, "reading")));
  /* Line 7 has two MCQs, answers B and C. */
  g_assert_cmpstr (g_hash_table_lookup (vars, "answers"), ==, "1. B\n2. C");
  g_assert_null (strstr (questions, "答案"));
  g_assert_true (g_str_has_prefix (questions, "1. "));
  {
    g_auto(GStrv) lines = g_strsplit (questions, "\n", -1);

    /* Every line kept as written, in order, and only the answers dropped. */
    g_assert_cmpuint (g_strv_length (lines), ==, 2 * 5 + 1);
    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_nonnull (strstr (output, lines[i]));
  }
  /* Already canonical: mcq is the output itself. */
  g_assert_cmpstr (g_hash_table_lookup (vars, "mcq"), ==, output);
}

static void
test_from_project_json (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-zh.csv");
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_autoptr(GError) error = NULL;

  for (guint row = 1; row <= 8; row++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_lookup_row (dataset, row);
      g_autoptr(GHashTable) direct = kdl_row_vars_new (map, record);
      g_autofree char *fields = kdl_row_vars_fields_to_json (record);
      g_autofree char *mapping = kdl_row_vars_mapping_to_json (map);
      g_autoptr(GHashTable) stored = kdl_row_vars_new_from_json (fields, mapping, row, &error);
      GHashTableIter iter;
      gpointer key, value;

      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (direct), ==, g_hash_table_size (stored));
      g_hash_table_iter_init (&iter, direct);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_assert_cmpstr (g_hash_table_lookup (stored, key), ==, value);
    }

  g_assert_null (kdl_row_vars_new_from_json ("[1]", NULL, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_remap (void)
{
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autofree char *path = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GHashTable) vars = NULL;

  path = kdl_test_write_file ("remap.jsonl",
                              "{\"passage_text\": \"春天来了。\", \"qs\": \"1. 问\\nA. 甲\\nB. 乙\\nC. 丙\\nD. 丁\\n答案:B\"}\n", -1);
  g_assert_true (kdl_import_options_parse_map (options, "reading=passage_text", NULL));
  g_assert_true (kdl_import_options_parse_map (options, "questions=qs", NULL));
  dataset = kdl_test_load (path, options);
  vars = vars_for (dataset, 1);

  g_assert_cmpstr (g_hash_table_lookup (vars, "reading"), ==, "春天来了。");
  g_assert_cmpstr (g_hash_table_lookup (vars, "answers"), ==, "1. B");
  g_assert_cmpstr (g_hash_table_lookup (vars, "mcq"), ==, "1. 问\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:B");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/row-vars/raw-exam-columns", test_raw_exam_columns);
  g_test_add_func ("/row-vars/cleaned-output", test_cleaned_output);
  g_test_add_func ("/row-vars/from-project", test_from_project_json);
  g_test_add_func ("/row-vars/remap", test_remap);

  return g_test_run ();
}
