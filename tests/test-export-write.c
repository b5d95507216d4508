/* test-export-write.c — exports read back by the importers; atomic writes,
 * failures, cancellation and the async forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-dataset.h"
#include "kdl-export.h"
#include "kdl-row-vars.h"
#include "kdl-template.h"
#include "kdl-test-export.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

#define ORIGINAL KDL_TEST_EXPORT_ORIGINAL

typedef struct
{
  guint  row;
  int    variant;
  double score;   /* -1: none */
} Expected;

/* --include-original, no filters. */
static const Expected everything[] = {
  { 1, ORIGINAL, -1 }, { 1, 0, 90 }, { 1, 1, 60 }, { 2, ORIGINAL, -1 }, { 2, 0, 85 }, { 2, 1, 70 },
  { 3, ORIGINAL, -1 }, { 3, 1, -1 }, { 4, 0, 95 }, { 5, ORIGINAL, -1 }, { 5, 0, 80 },
  { 6, ORIGINAL, -1 }, { 6, 0, 75 }, { 6, 1, 88 },
};

static KdlExportPlan *
plan_new (const char      *project,
          gint64           run_id,
          KdlExportFormat  format,
          gboolean         include_original)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  KdlExportPlan *plan;

  kdl_export_options_add_run (options, run_id);
  options->format = format;
  options->include_original = include_original;
  plan = kdl_export_plan_new (project, options, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

/* Loads @path with the importers and checks every record's passage and
 * MCQs (the `reading` and `mcq` variables) against what was exported. */
static void
assert_round_trip (const char *path,
                   const char *map_questions)
{
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autoptr(GArray) rejected = NULL;

  if (map_questions != NULL)
    kdl_import_options_map (options, "questions", map_questions);
  dataset = kdl_test_load (path, options);
  rejected = kdl_dataset_dup_rejected (dataset);
  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, G_N_ELEMENTS (everything));
  map = kdl_dataset_dup_column_map (dataset);

  for (guint i = 0; i < G_N_ELEMENTS (everything); i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autoptr(GHashTable) vars = kdl_row_vars_new (map, record);
      g_autofree char *output = kdl_test_export_expected (everything[i].row, everything[i].variant);

      g_test_message ("%s record %u: row %u variant %d", path, i, everything[i].row, everything[i].variant);
      g_assert_cmpuint (kdl_record_get_row (record), ==, i + 1);
      g_assert_cmpstr (g_hash_table_lookup (vars, "reading"), ==, kdl_test_export_reading (everything[i].row));
      g_assert_cmpstr (g_hash_table_lookup (vars, "mcq"), ==, output);
    }
}

static void
test_round_trip_jsonl (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  /* spark's `target` is no column name the importers know. */
  const struct { KdlExportFormat format; const char *questions; } cases[] = {
    { KDL_EXPORT_FORMAT_SPARK, "target" },
    { KDL_EXPORT_FORMAT_IO, NULL },
    { KDL_EXPORT_FORMAT_ALPACA, NULL },
    { KDL_EXPORT_FORMAT_SHAREGPT, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KdlExportPlan) plan = plan_new (project->path, project->run, cases[i].format, TRUE);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("round-trip-%s.jsonl", kdl_export_format_to_string (cases[i].format));
      g_autofree char *path = kdl_test_export_out_path (name);

      g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      assert_round_trip (path, cases[i].questions);
    }
}

static void
test_round_trip_xlsx (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, project->run, KDL_EXPORT_FORMAT_XLSX, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_export_out_path ("round-trip.xlsx");
  g_autoptr(KdlDataset) dataset = NULL;
  g_auto(GStrv) columns = NULL;
  const char * const expected_columns[] = { "阅读文本", "题目", "答案", "分数", NULL };
  const KdlExportRecord *first;

  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_round_trip (path, NULL);

  dataset = kdl_test_load (path, NULL);
  columns = kdl_dataset_dup_columns (dataset);
  g_assert_cmpstrv (columns, expected_columns);

  for (guint i = 0; i < G_N_ELEMENTS (everything); i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      const char *score = kdl_record_lookup (record, "分数");
      const char *answers = kdl_record_lookup (record, "答案");

      if (everything[i].score < 0)
        g_assert_true (score == NULL || *score == '\0');
      else
        {
          g_autofree char *text = g_strdup_printf ("%g", everything[i].score);
          g_assert_cmpstr (score, ==, text);
        }
      /* Questions without answer lines; answers as "N. X" lines. */
      g_assert_null (strstr (kdl_record_lookup (record, "题目"), "答案"));
      g_assert_true (g_str_has_prefix (answers, "1. "));
    }

  /* The preview shows the four cells. */
  first = g_ptr_array_index (kdl_export_plan_get_preview (plan), 0);
  g_assert_true (g_str_has_prefix (first->text, "阅读文本: 城市热岛效应"));
  g_assert_nonnull (strstr (first->text, "\n答案: 1. A\n2. A\n分数: "));
}

/* Quotes and backslashes are escaped; the line still reads back. */
static void
test_escaping (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *path = kdl_test_export_out_path ("escaping.jsonl");
  const char *edit = "1. 文中“\"引号\"”和 C:\\路径 指什么？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:D";

  g_assert_true (kdl_store_set_edit (project->store, project->gen_ids[1][0], edit, &error));
  g_assert_no_error (error);
  plan = plan_new (project->path, project->run, KDL_EXPORT_FORMAT_SPARK, FALSE);
  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  lines = kdl_test_read_lines (path);

  g_assert_nonnull (strstr (g_ptr_array_index (lines, 0), "“\\\"引号\\\"”和 C:\\\\路径"));
  g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (lines, 0), -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "target"),
                   ==, edit);
}

/* An existing file is replaced when the export succeeds. */
static void
test_replace (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, project->run, KDL_EXPORT_FORMAT_IO, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("replace");
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  g_autoptr(GPtrArray) lines = NULL;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  lines = kdl_test_read_lines (path);
  g_assert_cmpuint (lines->len, ==, kdl_export_plan_get_n_records (plan));
  g_assert_cmpuint (kdl_test_count_files (dir), ==, 1);
}

static void
assert_untouched (const char *dir,
                  const char *path,
                  const char *contents,
                  guint       n_files)
{
  g_autofree char *now = kdl_test_read_file (path);

  g_assert_cmpstr (now, ==, contents);
  g_assert_cmpuint (kdl_test_count_files (dir), ==, n_files);
}

/* A failure part-way leaves the old file as it was and no temporary file. */
static void
test_failure_keeps_old (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("failure");
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "data.xlsx", NULL);
  g_autofree char *template = kdl_test_write_file ("broken.tmpl", "name: broken\nkind: generate\n---\n{reading}{no_such_column}", -1);
  g_autofree char *huge = NULL;
  GString *stem = g_string_new ("1. ");

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_true (g_file_set_contents (xlsx, "old xlsx", -1, NULL));

  /* The template only fails when records are rendered: on write. */
  kdl_export_options_add_run (options, project->run);
  options->format = KDL_EXPORT_FORMAT_IO;
  options->preview_limit = 0;
  kdl_export_options_set_train_template (options, template);
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_clear_error (&error);
  assert_untouched (dir, path, "old\n", 2);

  /* A text longer than an xlsx cell, in the second record. */
  for (guint i = 0; i < 3500; i++)
    g_string_append (stem, "题目很长很长很长很长");
  g_string_append (stem, "？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:A");
  huge = g_string_free (stem, FALSE);
  g_assert_true (kdl_store_set_edit (project->store, project->gen_ids[1][1], huge, &error));
  g_assert_no_error (error);
  g_clear_object (&plan);
  plan = plan_new (project->path, project->run, KDL_EXPORT_FORMAT_XLSX, FALSE);
  g_assert_false (kdl_export_plan_write (plan, xlsx, NULL, NULL, NULL, &error));
  g_assert_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  assert_untouched (dir, xlsx, "old xlsx", 2);
}

/* Paths that cannot be written: nothing appears anywhere. */
static void
test_unwritable (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, project->run, KDL_EXPORT_FORMAT_SPARK, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("unwritable");
  g_autofree char *file = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "out.jsonl", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.jsonl", NULL);

  g_assert_true (g_file_set_contents (file, "keep", -1, NULL));

  g_assert_false (kdl_export_plan_write (plan, under_file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_false (kdl_export_plan_write (plan, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_false (kdl_export_plan_write (plan, dir, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);

  assert_untouched (dir, file, "keep", 1);
}

static void
cancel_on_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("cancel");
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  g_auto(GStrv) paths = NULL;

  kdl_export_options_add_run (options, project->run);
  options->val_fraction = 0.5;
  options->seed = 7;
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_no_error (error);
  paths = kdl_export_plan_get_paths (plan, path);
  g_assert_true (g_file_set_contents (paths[0], "old train\n", -1, NULL));

  /* The first progress report (0 done) cancels: neither file is written. */
  g_assert_false (kdl_export_plan_write (plan, path, cancel_on_progress, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_untouched (dir, paths[0], "old train\n", 1);
  g_assert_false (g_file_test (paths[1], G_FILE_TEST_EXISTS));
}

typedef struct
{
  GMainLoop     *loop;
  GThread       *main_thread;
  KdlExportPlan *plan;
  GError        *error;
  guint          n_progress;
  guint          last_done;
  guint          last_total;
  guint          n_notify;
  gboolean       notified_before_done;
} AsyncState;

static void
on_plan (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->plan = kdl_export_plan_new_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (state->n_notify, ==, 0);
  g_assert_cmpuint (done, >=, state->last_done);
  state->n_progress++;
  state->last_done = done;
  state->last_total = total;
}

static void
on_progress_notify (gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->n_notify++;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->notified_before_done = state->n_notify == 1;
  kdl_export_plan_write_finish (KDL_EXPORT_PLAN (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("async");
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  AsyncState state = { loop, g_thread_self () };

  kdl_export_options_add_run (options, project->run);
  options->include_original = TRUE;
  kdl_export_plan_new_async (project->path, options, NULL, on_plan, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (kdl_export_plan_get_n_records (state.plan), ==, G_N_ELEMENTS (everything));
  g_assert_cmpuint (kdl_export_plan_get_preview (state.plan)->len, ==, KDL_EXPORT_DEFAULT_PREVIEW);

  kdl_export_plan_write_async (state.plan, path, on_progress, &state, on_progress_notify, NULL, on_written, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_cmpuint (state.last_done, ==, G_N_ELEMENTS (everything));
  g_assert_cmpuint (state.last_total, ==, G_N_ELEMENTS (everything));
  g_assert_true (state.notified_before_done);
  lines = kdl_test_read_lines (path);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (everything));

  /* Cancelled: an error, and the file as it was. */
  state.n_notify = 0;
  state.last_done = 0;
  g_cancellable_cancel (cancellable);
  kdl_export_plan_write_async (state.plan, path, on_progress, &state, on_progress_notify, cancellable,
                               on_written, &state);
  g_main_loop_run (loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (state.notified_before_done);
  g_clear_error (&state.error);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = kdl_test_read_lines (path);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (everything));
  g_assert_cmpuint (kdl_test_count_files (dir), ==, 1);

  g_clear_object (&state.plan);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/write/round-trip-jsonl", test_round_trip_jsonl);
  g_test_add_func ("/export/write/round-trip-xlsx", test_round_trip_xlsx);
  g_test_add_func ("/export/write/escaping", test_escaping);
  g_test_add_func ("/export/write/replace", test_replace);
  g_test_add_func ("/export/write/failure-keeps-old", test_failure_keeps_old);
  g_test_add_func ("/export/write/unwritable", test_unwritable);
  g_test_add_func ("/export/write/cancel", test_cancel);
  g_test_add_func ("/export/write/async", test_async);

  return g_test_run ();
}
