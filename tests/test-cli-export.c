/* test-cli-export.c — kindling-cli export: files, JSON summary, exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-export.h"
#include "kdl-test-export.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

/* Runs `kindling-cli export ARGS…` (NULL-terminated). */
static int
run_export (char **out,
            char **err,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (args, (char *)"export");
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  status = kdl_test_run_cli ((const char * const *)args->pdata, NULL, NULL, out, err);
  g_test_message ("exit %d, stderr: %s", status, *err);
  return status;
}

/* The summary line: {"files", "records", "train", "val"} and nothing else. */
static JsonObject *
parse_summary (const char *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  const char *names[] = { "files", "records", "train", "val" };
  guint i = 0;
  JsonObject *object;

  /* One line. */
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, names[i]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (names));

  return json_object_ref (object);
}

static void
test_json (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("json");
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  g_autofree char *core_path = g_build_filename (dir, "core.jsonl", NULL);
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, project->run);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  JsonArray *files;

  g_assert_cmpint (run_export (&out, &err, "--project", project->path, "--run", run, "--format", "spark",
                               "--out", path, NULL), ==, 0);
  summary = parse_summary (out);
  files = json_object_get_array_member (summary, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (files, 0), ==, path);
  g_assert_cmpint (json_object_get_int_member (summary, "records"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (summary, "train"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (summary, "val"), ==, 0);
  /* What was left out is said on stderr. */
  g_assert_nonnull (strstr (err, "1 rejected"));

  /* The same file the core writes. */
  kdl_export_options_add_run (options, project->run);
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdl_export_plan_write (plan, core_path, NULL, NULL, NULL, &error));
  written = kdl_test_read_file (path);
  expected = kdl_test_read_file (core_path);
  g_assert_cmpstr (written, ==, expected);
}

static void
test_split (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("split");
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  g_autofree char *train = g_build_filename (dir, "data.train.jsonl", NULL);
  g_autofree char *val = g_build_filename (dir, "data.val.jsonl", NULL);
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, project->run);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) train_lines = NULL;
  g_autoptr(GPtrArray) val_lines = NULL;
  JsonArray *files;

  g_assert_cmpint (run_export (&out, &err, "--project", project->path, "--run", run, "--format", "io",
                               "--include-original", "--split", "0.5", "--seed", "3", "--out", path, NULL), ==, 0);
  summary = parse_summary (out);
  files = json_object_get_array_member (summary, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (files, 0), ==, train);
  g_assert_cmpstr (json_array_get_string_element (files, 1), ==, val);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  train_lines = kdl_test_read_lines (train);
  val_lines = kdl_test_read_lines (val);
  g_assert_cmpint (json_object_get_int_member (summary, "records"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (summary, "train"), ==, train_lines->len);
  g_assert_cmpint (json_object_get_int_member (summary, "val"), ==, val_lines->len);
  g_assert_cmpuint (train_lines->len + val_lines->len, ==, 14);
  g_assert_cmpuint (val_lines->len, >, 0);
  g_assert_cmpuint (train_lines->len, >, 0);
}

/* Each filter flag, counted by hand on the fixture (kdl-test-export.h). */
static void
test_filters (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autofree char *dir = kdl_test_export_fresh_dir ("filters");
  g_autofree char *path = g_build_filename (dir, "data.xlsx", NULL);
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, project->run);
  const struct
  {
    const char *flags[4];
    gint64      records;
  } cases[] = {
    { { "--accepted-only", NULL }, 3 },
    { { "--min-score", "80", NULL }, 5 },
    { { "--structure-ok", NULL }, 6 },
    { { "--min-score", "80", "--structure-ok", NULL }, 4 },
    { { "--include-original", "--accepted-only", NULL }, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) summary = NULL;
      g_autoptr(KdlDataset) dataset = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *args[16] = { "export", "--project", project->path, "--run", run, "--format", "xlsx",
                               "--out", path };
      guint n = 9;
      int status;

      for (guint f = 0; cases[i].flags[f] != NULL; f++)
        args[n++] = cases[i].flags[f];
      status = kdl_test_run_cli (args, NULL, NULL, &out, &err);
      g_test_message ("case %u: exit %d, %s", i, status, err);
      g_assert_cmpint (status, ==, 0);
      summary = parse_summary (out);
      g_assert_cmpint (json_object_get_int_member (summary, "records"), ==, cases[i].records);
      dataset = kdl_test_load (path, NULL);
      g_assert_cmpint (kdl_dataset_get_n_loaded (dataset), ==, cases[i].records);
    }
}

static void
test_shards (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("cli-shards");
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("shards");
  g_autofree char *path = g_build_filename (dir, "merged.jsonl", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 dataset_id = kdl_test_export_add_dataset (store, "cli-shards");
  g_autofree char *s1 = g_strdup_printf ("%" G_GINT64_FORMAT, kdl_test_export_add_run (store, dataset_id, 4, 6, "B", FALSE));
  g_autofree char *s2 = g_strdup_printf ("%" G_GINT64_FORMAT, kdl_test_export_add_run (store, dataset_id, 1, 3, "A", FALSE));

  g_assert_cmpint (run_export (&out, &err, "--project", kdl_store_get_path (store), "--run", s1, "--run", s2,
                               "--format", "io", "--out", path, NULL), ==, 0);
  summary = parse_summary (out);
  g_assert_cmpint (json_object_get_int_member (summary, "records"), ==, 6);

  /* Ordered by row id, whatever the order of the shards. */
  lines = kdl_test_read_lines (path);
  for (guint row = 1; row <= 6; row++)
    {
      g_autofree char *needle = g_strdup_printf ("【%s】第%u行第1题", row <= 3 ? "A" : "B", row);

      g_assert_nonnull (strstr (g_ptr_array_index (lines, row - 1), needle));
    }
}

static void
test_empty (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *dir = kdl_test_export_fresh_dir ("empty");
  g_autofree char *path = g_build_filename (dir, "none.jsonl", NULL);
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, project->run);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run_export (&out, &err, "--project", project->path, "--run", run, "--format", "sharegpt",
                               "--min-score", "1000", "--out", path, NULL), ==, 0);
  summary = parse_summary (out);
  g_assert_cmpint (json_object_get_int_member (summary, "records"), ==, 0);
  g_assert_nonnull (strstr (err, "No records"));
  contents = kdl_test_read_file (path);
  g_assert_cmpstr (contents, ==, "");
}

static void
assert_usage_error (const char * const *args,
                    const char         *in_stderr)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = kdl_test_run_cli (args, NULL, NULL, &out, &err);

  g_test_message ("%s %s …: exit %d, %s", args[0], args[1], status, err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  if (in_stderr != NULL)
    g_assert_nonnull (strstr (err, in_stderr));
}

static void
test_errors (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autofree char *dir = kdl_test_export_fresh_dir ("errors");
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *file = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "out.jsonl", NULL);
  g_autofree char *missing = kdl_test_store_path ("missing");
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, project->run);
  gint64 other_dataset = kdl_test_export_add_dataset (project->store, "other");
  g_autofree char *other = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            kdl_test_export_add_run (project->store, other_dataset, 1, 2, "X", FALSE));
  const char *p = project->path;

  g_assert_true (g_file_set_contents (file, "keep", -1, NULL));

  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", "999", "--format", "spark", "--out", path, NULL }, "999");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", "x1", "--format", "spark", "--out", path, NULL }, "x1");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--format", "spark", "--out", path, NULL }, "--run");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "csv", "--out", path, NULL }, "csv");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--out", path, NULL }, "--format");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", NULL }, "--out");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--split", "1.5", "--seed", "1", "--out", path, NULL }, "1.5");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--split", "0", "--seed", "1", "--out", path, NULL }, NULL);
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--split", "abc", "--seed", "1", "--out", path, NULL }, "abc");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--split", "0.2", "--out", path, NULL }, "--seed");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--seed", "2", "--out", path, NULL }, "--split");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--split", "0.2", "--seed", "-4", "--out", path, NULL }, "-4");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--min-score", "high", "--out", path, NULL }, "high");
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--out", under_file, NULL }, dir);
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--run", other, "--format", "io", "--out", path, NULL }, other);
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--template", "no-such-template", "--out", path, NULL }, "no-such-template");
  assert_usage_error ((const char *[]) { "export", "--project", missing, "--run", run, "--format", "io", "--out", path, NULL }, missing);
  assert_usage_error ((const char *[]) { "export", "--project", p, "--run", run, "--format", "io", "--out", path, "extra", NULL }, NULL);

  /* Nothing was written anywhere. */
  g_assert_cmpuint (kdl_test_count_files (dir), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/export/json", test_json);
  g_test_add_func ("/cli/export/split", test_split);
  g_test_add_func ("/cli/export/filters", test_filters);
  g_test_add_func ("/cli/export/shards", test_shards);
  g_test_add_func ("/cli/export/empty", test_empty);
  g_test_add_func ("/cli/export/errors", test_errors);

  return g_test_run ();
}
