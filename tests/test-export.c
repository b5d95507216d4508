/* test-export.c — export records: shapes, contents, filters, merged runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-column-map.h"
#include "kdl-export.h"
#include "kdl-template.h"
#include "kdl-test-export.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

/* A record we expect: row and variant, or ORIGINAL for the row's own. */
#define ORIGINAL KDL_TEST_EXPORT_ORIGINAL

typedef struct
{
  guint row;
  int   variant;
} Expected;

static KdlExportOptions *
options_for (gint64          run_id,
             KdlExportFormat format)
{
  KdlExportOptions *options = kdl_export_options_new ();

  kdl_export_options_add_run (options, run_id);
  options->format = format;
  return options;
}

static KdlExportPlan *
plan_new (const char             *project,
          const KdlExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  KdlExportPlan *plan = kdl_export_plan_new (project, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* Writes the plan and returns the lines of the file. */
static GPtrArray *
write_lines (KdlExportPlan *plan,
             const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_export_out_path (name);

  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return kdl_test_read_lines (path);
}

static JsonObject *
parse_object (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* The object's members are exactly @names, in this order. */
static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  for (const GList *l = members; l != NULL; l = l->next, i++)
    {
      g_assert_nonnull (names[i]);
      g_assert_cmpstr (l->data, ==, names[i]);
    }
  g_assert_null (names[i]);
}

/* spark records: {"input", "target"} in the order @expected lists. */
static void
assert_spark_lines (GPtrArray      *lines,
                    const Expected *expected,
                    guint           n_expected)
{
  const char * const names[] = { "input", "target", NULL };

  g_assert_cmpuint (lines->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(JsonObject) object = parse_object (g_ptr_array_index (lines, i));
      g_autofree char *input = kdl_test_export_train_input (expected[i].row);
      g_autofree char *output = kdl_test_export_expected (expected[i].row, expected[i].variant);

      g_test_message ("record %u: row %u variant %d", i, expected[i].row, expected[i].variant);
      assert_members (object, names);
      g_assert_cmpstr (json_object_get_string_member (object, "input"), ==, input);
      g_assert_cmpstr (json_object_get_string_member (object, "target"), ==, output);
    }
}

static void
assert_filtered (KdlTestExportProject *project,
                 KdlExportOptions     *options,
                 const Expected       *expected,
                 guint                 n_expected)
{
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, options);
  g_autoptr(GPtrArray) lines = write_lines (plan, "filtered.jsonl");

  g_assert_cmpuint (kdl_export_plan_get_n_records (plan), ==, n_expected);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->records, ==, n_expected);
  assert_spark_lines (lines, expected, n_expected);
}

/* No filters: every finished sample but the rejected 3/0 and the refusal
 * 5/1 (no MCQ); 4/1 failed. */
static const Expected all_samples[] = {
  { 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 1 }, { 3, 1 }, { 4, 0 }, { 5, 0 }, { 6, 0 }, { 6, 1 },
};

static void
test_spark (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, options);
  g_autoptr(GPtrArray) lines = write_lines (plan, "spark.jsonl");
  const KdlExportCounts *counts = kdl_export_plan_get_counts (plan);

  assert_spark_lines (lines, all_samples, G_N_ELEMENTS (all_samples));

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      /* Characters as themselves, never the generation prompt. */
      g_assert_null (strstr (line, "\\u"));
      g_assert_nonnull (strstr (line, i < 7 ? "阅读文本" : "Citizen"));
      g_assert_null (strstr (line, "生成提示"));
      g_assert_null (strchr (line, '\n'));
    }
  /* The English passage gets the English instruction. */
  g_assert_nonnull (strstr (g_ptr_array_index (lines, 7), "You are an experienced teacher"));

  g_assert_cmpuint (counts->generated, ==, 9);
  g_assert_cmpuint (counts->original, ==, 0);
  g_assert_cmpuint (counts->unfinished, ==, 1);
  g_assert_cmpuint (counts->rejected, ==, 1);
  g_assert_cmpuint (counts->no_mcq, ==, 1);
  g_assert_cmpuint (counts->superseded, ==, 0);
  g_assert_cmpuint (counts->rows, ==, 6);
  g_assert_cmpuint (counts->train, ==, 9);
  g_assert_cmpuint (counts->val, ==, 0);
}

static void
test_io (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_IO);
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, options);
  g_autoptr(GPtrArray) lines = write_lines (plan, "io.jsonl");
  const char * const names[] = { "input", "output", NULL };

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (all_samples));
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(JsonObject) object = parse_object (g_ptr_array_index (lines, i));
      g_autofree char *input = kdl_test_export_train_input (all_samples[i].row);
      g_autofree char *output = kdl_test_export_expected (all_samples[i].row, all_samples[i].variant);

      assert_members (object, names);
      g_assert_cmpstr (json_object_get_string_member (object, "input"), ==, input);
      g_assert_cmpstr (json_object_get_string_member (object, "output"), ==, output);
    }
}

static void
test_alpaca (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_ALPACA);
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, options);
  g_autoptr(GPtrArray) lines = write_lines (plan, "alpaca.jsonl");
  const char * const names[] = { "instruction", "input", "output", NULL };

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (all_samples));
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(JsonObject) object = parse_object (g_ptr_array_index (lines, i));
      g_autofree char *input = kdl_test_export_train_input (all_samples[i].row);
      g_autofree char *output = kdl_test_export_expected (all_samples[i].row, all_samples[i].variant);
      const char *marker = strstr (input, "\n" KDL_READING_MARKER "\n");
      g_autofree char *instruction = g_strndup (input, marker - input);

      /* The instruction before the marker line, the passage after it. */
      assert_members (object, names);
      g_assert_cmpstr (json_object_get_string_member (object, "instruction"), ==, instruction);
      g_assert_cmpstr (json_object_get_string_member (object, "input"), ==,
                       kdl_test_export_reading (all_samples[i].row));
      g_assert_cmpstr (json_object_get_string_member (object, "output"), ==, output);
    }
}

static void
test_sharegpt (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SHAREGPT);
  g_autoptr(KdlExportPlan) plan = plan_new (project->path, options);
  g_autoptr(GPtrArray) lines = write_lines (plan, "sharegpt.jsonl");
  const char * const names[] = { "conversations", NULL };
  const char * const turn_names[] = { "from", "value", NULL };

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (all_samples));
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(JsonObject) object = parse_object (g_ptr_array_index (lines, i));
      g_autofree char *input = kdl_test_export_train_input (all_samples[i].row);
      g_autofree char *output = kdl_test_export_expected (all_samples[i].row, all_samples[i].variant);
      JsonArray *turns;
      JsonObject *human;
      JsonObject *gpt;

      assert_members (object, names);
      turns = json_object_get_array_member (object, "conversations");
      g_assert_cmpuint (json_array_get_length (turns), ==, 2);
      human = json_array_get_object_element (turns, 0);
      gpt = json_array_get_object_element (turns, 1);
      assert_members (human, turn_names);
      assert_members (gpt, turn_names);
      g_assert_cmpstr (json_object_get_string_member (human, "from"), ==, "human");
      g_assert_cmpstr (json_object_get_string_member (human, "value"), ==, input);
      g_assert_cmpstr (json_object_get_string_member (gpt, "from"), ==, "gpt");
      g_assert_cmpstr (json_object_get_string_member (gpt, "value"), ==, output);
    }
}

/* The preview is the first records exactly as written, before writing. */
static void
test_preview (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_IO);
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *path = kdl_test_export_out_path ("preview.jsonl");
  GPtrArray *preview;

  options->include_original = TRUE;
  options->preview_limit = 3;
  plan = plan_new (project->path, options);
  preview = kdl_export_plan_get_preview (plan);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (preview->len, ==, 3);

  lines = write_lines (plan, "preview.jsonl");
  for (guint i = 0; i < preview->len; i++)
    {
      const KdlExportRecord *record = g_ptr_array_index (preview, i);

      g_assert_cmpstr (record->text, ==, g_ptr_array_index (lines, i));
      g_assert_cmpuint (record->row, ==, 1);
    }

  /* Row 1's original, then its two samples (1/1 edited). */
  g_assert_cmpint (((KdlExportRecord *)g_ptr_array_index (preview, 0))->source, ==, KDL_EXPORT_SOURCE_ORIGINAL);
  g_assert_false (((KdlExportRecord *)g_ptr_array_index (preview, 0))->has_score);
  g_assert_cmpint (((KdlExportRecord *)g_ptr_array_index (preview, 1))->source, ==, KDL_EXPORT_SOURCE_GENERATED);
  g_assert_cmpfloat (((KdlExportRecord *)g_ptr_array_index (preview, 1))->score, ==, 90);
  g_assert_cmpint (((KdlExportRecord *)g_ptr_array_index (preview, 1))->item_id, ==, project->gen_ids[1][0]);
  g_assert_false (((KdlExportRecord *)g_ptr_array_index (preview, 1))->edited);
  g_assert_true (((KdlExportRecord *)g_ptr_array_index (preview, 2))->edited);
  g_assert_cmpint (((KdlExportRecord *)g_ptr_array_index (preview, 2))->variant, ==, 1);
}

static void
test_filter_accepted (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = NULL;
  /* 6/0 was accepted on its judge item. */
  const Expected expected[] = { { 1, 0 }, { 4, 0 }, { 6, 0 } };

  options->accepted_only = TRUE;
  assert_filtered (project, options, expected, G_N_ELEMENTS (expected));

  plan = plan_new (project->path, options);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->rejected, ==, 1);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->not_accepted, ==, 7);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->no_mcq, ==, 0);
}

static void
test_filter_min_score (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = NULL;
  /* ≥ 80: 90, 85, 95, 80 (exactly the minimum), 88; 3/1 has no score. */
  const Expected expected[] = { { 1, 0 }, { 2, 0 }, { 4, 0 }, { 5, 0 }, { 6, 1 } };
  const Expected above_zero[] = { { 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 1 }, { 4, 0 }, { 5, 0 }, { 6, 0 }, { 6, 1 } };

  options->has_min_score = TRUE;
  options->min_score = 80;
  assert_filtered (project, options, expected, G_N_ELEMENTS (expected));

  plan = plan_new (project->path, options);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->below_min_score, ==, 5);

  /* Any minimum leaves the unscored sample out. */
  options->min_score = 0;
  assert_filtered (project, options, above_zero, G_N_ELEMENTS (above_zero));
}

static void
test_filter_structure (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = NULL;
  /* 1/1's edit drops the originals the rebuild had to keep, 5/0's edit
   * has three MCQs, 2/1 and 5/1 failed; 4/0 failed but its edit passes. */
  const Expected expected[] = { { 1, 0 }, { 2, 0 }, { 3, 1 }, { 4, 0 }, { 6, 0 }, { 6, 1 } };
  const Expected both[] = { { 1, 0 }, { 2, 0 }, { 4, 0 }, { 6, 1 } };

  options->structure_ok = TRUE;
  assert_filtered (project, options, expected, G_N_ELEMENTS (expected));

  plan = plan_new (project->path, options);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->structure_failed, ==, 4);

  options->has_min_score = TRUE;
  options->min_score = 80;
  assert_filtered (project, options, both, G_N_ELEMENTS (both));
}

static void
test_include_original (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = NULL;
  /* Each row's own MCQs first; row 4 has none. */
  const Expected expected[] = {
    { 1, ORIGINAL }, { 1, 0 }, { 1, 1 }, { 2, ORIGINAL }, { 2, 0 }, { 2, 1 }, { 3, ORIGINAL }, { 3, 1 },
    { 4, 0 }, { 5, ORIGINAL }, { 5, 0 }, { 6, ORIGINAL }, { 6, 0 }, { 6, 1 },
  };
  /* Originals do not depend on the filters, which judge samples. */
  const Expected accepted[] = {
    { 1, ORIGINAL }, { 1, 0 }, { 2, ORIGINAL }, { 3, ORIGINAL }, { 4, 0 }, { 5, ORIGINAL },
    { 6, ORIGINAL }, { 6, 0 },
  };

  options->include_original = TRUE;
  assert_filtered (project, options, expected, G_N_ELEMENTS (expected));

  plan = plan_new (project->path, options);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->original, ==, 5);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->generated, ==, 9);

  options->accepted_only = TRUE;
  assert_filtered (project, options, accepted, G_N_ELEMENTS (accepted));
}

/* A judge-only run exports the outputs it judged, with its own scores and
 * verdicts (the generate item's verdict still counts first). */
static void
test_rejudge (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->rejudge, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = NULL;
  /* ≥ 90 in the re-judging run; 3/0 stays rejected, 5/1 has no MCQ. */
  const Expected high[] = { { 1, 1 }, { 2, 0 }, { 2, 1 }, { 3, 1 }, { 5, 0 }, { 6, 0 } };
  /* 1/0 and 4/0 accepted on the generate item, 2/0 on the new judge item;
   * 6/0's acceptance was on the first run's judge item. */
  const Expected accepted[] = { { 1, 0 }, { 2, 0 }, { 4, 0 } };

  options->has_min_score = TRUE;
  options->min_score = 90;
  assert_filtered (project, options, high, G_N_ELEMENTS (high));

  plan = plan_new (project->path, options);
  for (guint i = 0; i < kdl_export_plan_get_preview (plan)->len; i++)
    {
      const KdlExportRecord *record = g_ptr_array_index (kdl_export_plan_get_preview (plan), i);

      g_assert_cmpint (record->run_id, ==, project->rejudge);
      g_assert_cmpint (record->item_id, ==, project->gen_ids[record->row][record->variant]);
      g_assert_cmpfloat (record->score, ==, kdl_test_export_rejudge_scores[record->row - 1][record->variant]);
    }
  /* The failed 4/1 was never judged again: the run does not cover it. */
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->unfinished, ==, 0);

  options->has_min_score = FALSE;
  options->accepted_only = TRUE;
  assert_filtered (project, options, accepted, G_N_ELEMENTS (accepted));
}

static void
test_template_override (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_IO);
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template = kdl_test_write_file ("my-input.tmpl",
                                                   "name: my-input\nkind: generate\n---\n第{row}行：{reading}", -1);

  kdl_export_options_set_train_template (options, template);
  plan = plan_new (project->path, options);
  lines = write_lines (plan, "template.jsonl");
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(JsonObject) object = parse_object (g_ptr_array_index (lines, i));
      g_autofree char *input = g_strdup_printf ("第%u行：%s", all_samples[i].row,
                                                kdl_test_export_reading (all_samples[i].row));

      g_assert_cmpstr (json_object_get_string_member (object, "input"), ==, input);
    }

  /* A template that does not exist is an error before anything is written. */
  kdl_export_options_set_train_template (options, "no-such-template");
  g_clear_object (&plan);
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
  g_assert_null (plan);
}

/* Shards merge by row id; the newest run wins a row × variant both have,
 * unless its sample did not finish. */
static void
test_shards (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("shards");
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(KdlExportOptions) reversed = kdl_export_options_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(KdlExportPlan) plan2 = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path1 = kdl_test_export_out_path ("shards.jsonl");
  g_autofree char *path2 = kdl_test_export_out_path ("shards2.jsonl");
  const char *from[] = { NULL, "S1", "S1", "S2", "S2", "S2", "S2" };
  gint64 dataset_id = kdl_test_export_add_dataset (store, "shards");
  gint64 s1 = kdl_test_export_add_run (store, dataset_id, 1, 3, "S1", FALSE);
  gint64 s2 = kdl_test_export_add_run (store, dataset_id, 3, 6, "S2", FALSE);
  gint64 s3 = kdl_test_export_add_run (store, dataset_id, 1, 1, "S3", TRUE);

  kdl_export_options_add_run (options, s3);
  kdl_export_options_add_run (options, s2);
  kdl_export_options_add_run (options, s1);
  kdl_export_options_add_run (options, s2);   /* twice counts once */
  options->format = KDL_EXPORT_FORMAT_IO;
  plan = plan_new (kdl_store_get_path (store), options);
  lines = write_lines (plan, "shards.jsonl");

  g_assert_cmpuint (lines->len, ==, 6);
  for (guint row = 1; row <= 6; row++)
    {
      g_autoptr(JsonObject) object = parse_object (g_ptr_array_index (lines, row - 1));
      g_autofree char *output = kdl_test_export_shard_output (row, from[row]);
      g_autofree char *input = kdl_test_export_train_input (row);

      g_assert_cmpstr (json_object_get_string_member (object, "output"), ==, output);
      g_assert_cmpstr (json_object_get_string_member (object, "input"), ==, input);
    }
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->superseded, ==, 1);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->unfinished, ==, 1);

  /* The order of --run does not matter. */
  kdl_export_options_add_run (reversed, s1);
  kdl_export_options_add_run (reversed, s2);
  kdl_export_options_add_run (reversed, s3);
  reversed->format = KDL_EXPORT_FORMAT_IO;
  plan2 = plan_new (kdl_store_get_path (store), reversed);
  g_assert_true (kdl_export_plan_write (plan2, path2, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  first = kdl_test_read_file (path1);
  second = kdl_test_read_file (path2);
  g_assert_cmpstr (first, ==, second);
}

static void
test_errors (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = options_for (project->run, KDL_EXPORT_FORMAT_SPARK);
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = kdl_test_store_path ("missing");
  gint64 other_dataset = kdl_test_export_add_dataset (project->store, "other");
  gint64 other = kdl_test_export_add_run (project->store, other_dataset, 1, 2, "X", FALSE);

  /* Runs over different datasets cannot be merged by row id. */
  kdl_export_options_add_run (options, other);
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_DATASETS);
  g_assert_null (plan);
  g_clear_error (&error);

  /* An unknown run. */
  g_array_set_size (options->run_ids, 0);
  kdl_export_options_add_run (options, 999);
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);

  /* No project there. */
  g_array_set_size (options->run_ids, 0);
  kdl_export_options_add_run (options, project->run);
  plan = kdl_export_plan_new (missing, options, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (plan);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Options that make no sense. */
  options->val_fraction = 1;
  g_assert_false (kdl_export_options_validate (options, &error));
  g_assert_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  options->val_fraction = -0.1;
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  options->val_fraction = 0;
  g_array_set_size (options->run_ids, 0);
  g_assert_false (kdl_export_options_validate (options, &error));
  g_assert_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID);
}

static void
test_formats (void)
{
  KdlExportFormat format;
  g_auto(GStrv) paths = kdl_export_split_paths ("/tmp/out/data.jsonl", KDL_EXPORT_FORMAT_SPARK);
  g_auto(GStrv) bare = kdl_export_split_paths ("/tmp/out.d/data", KDL_EXPORT_FORMAT_XLSX);
  g_auto(GStrv) hidden = kdl_export_split_paths (".data", KDL_EXPORT_FORMAT_IO);

  for (guint i = 0; i <= KDL_EXPORT_FORMAT_XLSX; i++)
    {
      g_assert_true (kdl_export_format_from_string (kdl_export_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
    }
  g_assert_false (kdl_export_format_from_string ("csv", &format));
  g_assert_cmpstr (kdl_export_format_get_extension (KDL_EXPORT_FORMAT_XLSX), ==, "xlsx");
  g_assert_cmpstr (kdl_export_format_get_extension (KDL_EXPORT_FORMAT_SHAREGPT), ==, "jsonl");

  g_assert_cmpstr (paths[0], ==, "/tmp/out/data.train.jsonl");
  g_assert_cmpstr (paths[1], ==, "/tmp/out/data.val.jsonl");
  g_assert_null (paths[2]);
  g_assert_cmpstr (bare[0], ==, "/tmp/out.d/data.train.xlsx");
  g_assert_cmpstr (bare[1], ==, "/tmp/out.d/data.val.xlsx");
  g_assert_cmpstr (hidden[0], ==, ".data.train.jsonl");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/spark", test_spark);
  g_test_add_func ("/export/io", test_io);
  g_test_add_func ("/export/alpaca", test_alpaca);
  g_test_add_func ("/export/sharegpt", test_sharegpt);
  g_test_add_func ("/export/preview", test_preview);
  g_test_add_func ("/export/filter/accepted", test_filter_accepted);
  g_test_add_func ("/export/filter/min-score", test_filter_min_score);
  g_test_add_func ("/export/filter/structure", test_filter_structure);
  g_test_add_func ("/export/filter/include-original", test_include_original);
  g_test_add_func ("/export/rejudge", test_rejudge);
  g_test_add_func ("/export/template", test_template_override);
  g_test_add_func ("/export/shards", test_shards);
  g_test_add_func ("/export/errors", test_errors);

  return g_test_run ();
}
