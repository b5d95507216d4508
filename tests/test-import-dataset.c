/* test-import-dataset.c — async indexing, search and sort, variables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-test-util.h"

typedef struct
{
  GArray   *emitted;   /* guint n_loaded per rows-available */
  gboolean  complete_at_first;
  gboolean  done;
  GError   *error;
  GArray   *hits;
} State;

static gboolean
is_done (gpointer data)
{
  return ((State *)data)->done;
}

static void
on_rows_available (KdlDataset *dataset,
                   guint       n_loaded,
                   State      *state)
{
  if (state->emitted->len == 0)
    state->complete_at_first = kdl_dataset_is_complete (dataset);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, n_loaded);
  g_array_append_val (state->emitted, n_loaded);
}

static void
on_indexed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  State *state = user_data;

  kdl_dataset_index_finish (KDL_DATASET (object), result, &state->error);
  state->done = TRUE;
}

static void
test_first_page (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  State state = { g_array_new (FALSE, FALSE, sizeof (guint)) };

  /* Big enough (30 MB) that indexing takes far longer than the main
   * context needs to deliver the first page. */
  for (guint i = 1; i <= 30000; i++)
    {
      g_string_append_printf (text, "{\"input\": \"### 阅读文本\\n第%u篇文章的内容\", \"output\": \"1. 问题", i);
      for (guint k = 0; k < 100; k++)
        g_string_append (text, "选项内容");
      g_string_append (text, "\"}\n");
    }
  g_assert_cmpuint (text->len, >, 30 << 20);
  path = kdl_test_write_file ("page.jsonl", text->str, text->len);
  file = g_file_new_for_path (path);
  dataset = kdl_dataset_new (file, NULL);
  g_signal_connect (dataset, "rows-available", G_CALLBACK (on_rows_available), &state);

  kdl_dataset_index_async (dataset, NULL, on_indexed, &state);
  kdl_test_wait_until (is_done, &state, 20000);
  g_assert_no_error (state.error);

  /* A first page before the index was complete, then everything. */
  g_assert_cmpuint (state.emitted->len, ==, 2);
  g_assert_false (state.complete_at_first);
  g_assert_cmpuint (g_array_index (state.emitted, guint, 0), >, 0);
  g_assert_cmpuint (g_array_index (state.emitted, guint, 0), <, 30000);
  g_assert_cmpuint (g_array_index (state.emitted, guint, 1), ==, 30000);
  g_assert_true (kdl_dataset_is_complete (dataset));

  {
    g_autoptr(KdlRecord) record = kdl_dataset_lookup_row (dataset, 29999);
    g_autofree char *reading = kdl_dataset_get_variable (dataset, record, "reading");
    g_assert_cmpstr (reading, ==, "第29999篇文章的内容");
  }

  g_array_unref (state.emitted);
}

static void
test_load_async_error (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/kindling/x.jsonl");
  g_autoptr(KdlDataset) dataset = kdl_dataset_new (file, NULL);
  State state = { g_array_new (FALSE, FALSE, sizeof (guint)) };

  kdl_dataset_index_async (dataset, NULL, on_indexed, &state);
  kdl_test_wait_until (is_done, &state, 5000);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (state.emitted->len, ==, 0);
  g_clear_error (&state.error);
  g_array_unref (state.emitted);
}

static gboolean
has_hits (gpointer data)
{
  return ((State *)data)->hits != NULL;
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  State *state = user_data;

  state->hits = kdl_dataset_search_finish (KDL_DATASET (object), result, &state->error);
  g_assert_no_error (state->error);
}

static GArray *
search (KdlDataset     *dataset,
        const char     *query,
        KdlDatasetSort  sort,
        const char     *column,
        gboolean        descending)
{
  State state = { 0 };

  kdl_dataset_search_async (dataset, query, sort, column, descending, NULL, on_searched, &state);
  kdl_test_wait_until (has_hits, &state, 10000);
  return state.hits;
}

static void
assert_rows (KdlDataset *dataset,
             GArray     *hits,
             const guint *rows,
             guint       n)
{
  g_assert_cmpuint (hits->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (kdl_dataset_get_row_id (dataset, g_array_index (hits, guint, i)), ==, rows[i]);
}

static void
test_search_sort (void)
{
  g_autofree char *zh_path = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *en_path = kdl_test_sample_path ("sample-en.xlsx");
  g_autoptr(KdlDataset) zh = kdl_test_load (zh_path, NULL);
  g_autoptr(KdlDataset) en = kdl_test_load (en_path, NULL);
  g_autoptr(GArray) all = search (zh, "", KDL_DATASET_SORT_ROW, NULL, FALSE);
  g_autoptr(GArray) heat = search (zh, "热岛", KDL_DATASET_SORT_ROW, NULL, FALSE);
  g_autoptr(GArray) longest = search (zh, "", KDL_DATASET_SORT_READING_LENGTH, NULL, TRUE);
  g_autoptr(GArray) shortest = search (zh, "", KDL_DATASET_SORT_READING_LENGTH, NULL, FALSE);
  g_autoptr(GArray) reversed = search (zh, "", KDL_DATASET_SORT_ROW, NULL, TRUE);
  g_autoptr(GArray) answers = search (zh, "AC", KDL_DATASET_SORT_ROW, NULL, FALSE);
  g_autoptr(GArray) upper = search (en, "EVERY WINTER, Thousands", KDL_DATASET_SORT_ROW, NULL, FALSE);
  g_autoptr(GArray) none = search (en, "no such text anywhere", KDL_DATASET_SORT_ROW, NULL, FALSE);
  g_autoptr(GArray) by_column = search (zh, "", KDL_DATASET_SORT_COLUMN, "答案", FALSE);
  const guint all_rows[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  const guint by_length_desc[] = { 4, 6, 8, 2, 5, 3, 1, 7 };   /* 845 837 788 777 743 706 696 681 */
  const guint by_length_asc[] = { 7, 1, 3, 5, 2, 8, 6, 4 };
  const guint reversed_rows[] = { 8, 7, 6, 5, 4, 3, 2, 1 };
  const guint heat_rows[] = { 1 };
  const guint ac_rows[] = { 2 };
  const guint citizen_rows[] = { 1 };

  assert_rows (zh, all, all_rows, 8);
  assert_rows (zh, heat, heat_rows, 1);
  assert_rows (zh, longest, by_length_desc, 8);
  assert_rows (zh, shortest, by_length_asc, 8);
  assert_rows (zh, reversed, reversed_rows, 8);
  assert_rows (zh, answers, ac_rows, 1);
  assert_rows (en, upper, citizen_rows, 1);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpuint (by_column->len, ==, 8);
  for (guint i = 1; i < by_column->len; i++)
    {
      g_autoptr(KdlRecord) a = kdl_dataset_get_record (zh, g_array_index (by_column, guint, i - 1));
      g_autoptr(KdlRecord) b = kdl_dataset_get_record (zh, g_array_index (by_column, guint, i));

      g_assert_cmpint (strcmp (kdl_record_lookup (a, "答案"), kdl_record_lookup (b, "答案")), <=, 0);
    }
}

static void
test_column_map (void)
{
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_write_file ("map.csv", "Passage,Question,Key,正文\nP,Q,K,Z\n", -1);
  g_autoptr(KdlDataset) plain = kdl_test_load (path, NULL);
  g_autoptr(KdlDataset) mapped = NULL;
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (plain);
  g_autoptr(KdlColumnMap) remap = NULL;
  g_autoptr(KdlRecord) record = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *by_name = NULL;

  g_assert_cmpstr (kdl_column_map_get (map, "reading"), ==, "Passage");
  g_assert_cmpstr (kdl_column_map_get (map, "questions"), ==, "Question");
  g_assert_cmpstr (kdl_column_map_get (map, "answers"), ==, "Key");

  g_assert_false (kdl_import_options_parse_map (options, "reading", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_true (kdl_import_options_parse_map (options, "reading=正文", NULL));
  g_assert_true (kdl_import_options_parse_map (options, "hint=Key", NULL));
  mapped = kdl_test_load (path, options);
  remap = kdl_dataset_dup_column_map (mapped);
  g_assert_cmpstr (kdl_column_map_get (remap, "reading"), ==, "正文");
  g_assert_cmpstr (kdl_column_map_get (remap, "hint"), ==, "Key");
  g_assert_cmpuint (kdl_column_map_get_variables (remap)->len, ==, 4);

  record = kdl_dataset_get_record (mapped, 0);
  reading = kdl_dataset_get_variable (mapped, record, "reading");
  by_name = kdl_dataset_get_variable (mapped, record, "Passage");
  g_assert_cmpstr (reading, ==, "Z");
  g_assert_cmpstr (by_name, ==, "P");

  g_assert_cmpstr (kdl_column_map_extract_reading ("指令\n### 阅读文本\n正文"), ==, "正文");
  g_assert_cmpstr (kdl_column_map_extract_reading ("no marker"), ==, "no marker");
  g_assert_cmpstr (kdl_column_map_extract_reading ("x ### 阅读文本 inline"), ==, "x ### 阅读文本 inline");
}

static void
test_cancel (void)
{
  g_autofree char *path = kdl_test_write_file ("cancel.jsonl", "{\"a\": \"1\"}\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KdlDataset) dataset = kdl_dataset_new (file, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  State state = { g_array_new (FALSE, FALSE, sizeof (guint)) };

  g_cancellable_cancel (cancellable);
  kdl_dataset_index_async (dataset, cancellable, on_indexed, &state);
  kdl_test_wait_until (is_done, &state, 5000);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_array_unref (state.emitted);
}

static void
test_unsupported (void)
{
  g_autofree char *path = kdl_test_write_file ("notes.txt", "just text\n", -1);
  g_autofree char *xls = kdl_test_write_file ("old.xls", "\xD0\xCF\x11\xE0", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) xls_file = g_file_new_for_path (xls);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) dataset = kdl_dataset_load (file, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  dataset = kdl_dataset_load (xls_file, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, ".xlsx"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/dataset/first-page", test_first_page);
  g_test_add_func ("/import/dataset/async-error", test_load_async_error);
  g_test_add_func ("/import/dataset/search-sort", test_search_sort);
  g_test_add_func ("/import/dataset/column-map", test_column_map);
  g_test_add_func ("/import/dataset/cancel", test_cancel);
  g_test_add_func ("/import/dataset/unsupported", test_unsupported);

  return g_test_run ();
}
