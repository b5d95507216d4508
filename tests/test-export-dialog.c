/* test-export-dialog.c — the export dialog writes what `kindling-cli
 * export` writes: every filter, the preview and count, files that the
 * importers read back, the seeded split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-dataset.h"
#include "kdl-export-dialog.h"
#include "kdl-row-vars.h"
#include "kdl-test-export.h"
#include "kdl-test-scores.h"
#include "kdl-test-util.h"

#define ORIGINAL KDL_TEST_EXPORT_ORIGINAL
#define END      0

typedef struct
{
  KdlTestExportProject *project;
  KdlExportDialog      *dialog;
  char                **files;
  guint                 records;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = kdl_test_export_project_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  kdl_test_spin (50);
  g_clear_pointer (&fixture->files, g_strfreev);
  g_clear_pointer (&fixture->project, kdl_test_export_project_free);
}

static void
on_exported (KdlExportDialog *dialog,
             char           **files,
             guint            records,
             Fixture         *fixture)
{
  g_clear_pointer (&fixture->files, g_strfreev);
  fixture->files = g_strdupv (files);
  fixture->records = records;
}

static void
on_destroyed (gpointer  data,
              GObject  *where)
{
  ((Fixture *)data)->dialog = NULL;
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = kdl_export_dialog_new (NULL, fixture->project->store, fixture->project->run, 100, 80);
  g_object_weak_ref (G_OBJECT (fixture->dialog), on_destroyed, fixture);
  g_signal_connect (fixture->dialog, "exported", G_CALLBACK (on_exported), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  kdl_test_wait_not_busy (fixture->dialog);
}

static gboolean
closed (gpointer data)
{
  return ((Fixture *)data)->dialog == NULL;
}

/* Sets the options through the widgets, writes, waits for the files. */
static void
export_with (Fixture                *fixture,
             const KdlExportOptions *options,
             const char             *path)
{
  if (fixture->dialog == NULL)
    open_dialog (fixture);

  kdl_export_dialog_set_options (fixture->dialog, options);
  kdl_export_dialog_set_path (fixture->dialog, path);
  kdl_test_wait_not_busy (fixture->dialog);
  g_assert_nonnull (kdl_export_dialog_get_plan (fixture->dialog));

  kdl_export_dialog_export (fixture->dialog);
  kdl_test_wait_until (closed, fixture, 20000);
  g_assert_nonnull (fixture->files);
}

/* The same options through the core, as `kindling-cli export` runs them. */
static KdlExportPlan *
core_plan (Fixture          *fixture,
           KdlExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlExportOptions) copy = kdl_export_options_copy (options);
  KdlExportPlan *plan;

  if (copy->run_ids->len == 0)
    kdl_export_options_add_run (copy, fixture->project->run);
  plan = kdl_export_plan_new (fixture->project->path, copy, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

/* Reads @path back with the importers: each record's passage and MCQs
 * are those of the listed samples (row, variant pairs, END-terminated). */
static void
assert_round_trip (const char      *path,
                   KdlExportFormat  format,
                   ...)
{
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autoptr(GArray) rejected = NULL;
  guint n = 0;
  va_list args;
  int row;

  /* spark's `target` is no column name the importers know. */
  if (format == KDL_EXPORT_FORMAT_SPARK)
    kdl_import_options_map (options, "questions", "target");
  dataset = kdl_test_load (path, options);
  rejected = kdl_dataset_dup_rejected (dataset);
  g_assert_cmpuint (rejected->len, ==, 0);
  map = kdl_dataset_dup_column_map (dataset);

  va_start (args, format);
  while ((row = va_arg (args, int)) != END)
    {
      int variant = va_arg (args, int);
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, n);
      g_autoptr(GHashTable) vars = NULL;
      g_autofree char *output = kdl_test_export_expected (row, variant);

      g_assert_nonnull (record);
      vars = kdl_row_vars_new (map, record);
      g_assert_cmpstr (g_hash_table_lookup (vars, "reading"), ==, kdl_test_export_reading (row));
      g_assert_cmpstr (g_hash_table_lookup (vars, "mcq"), ==, output);
      n++;
    }
  va_end (args);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, n);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  return contents;
}

/* Writes the same plan with the core and compares the bytes. */
static void
assert_same_as_core (Fixture          *fixture,
                     KdlExportOptions *options,
                     const char       *name)
{
  g_autoptr(KdlExportPlan) plan = core_plan (fixture, options);
  g_autoptr(GError) error = NULL;
  g_autofree char *core_name = g_strconcat ("core-", name, NULL);
  g_autofree char *path = kdl_test_export_out_path (core_name);
  g_auto(GStrv) paths = NULL;

  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  paths = kdl_export_plan_get_paths (plan, path);
  g_assert_cmpuint (g_strv_length (paths), ==, g_strv_length (fixture->files));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *ours = read_file (fixture->files[i]);
      g_autofree char *theirs = read_file (paths[i]);

      g_assert_cmpstr (ours, ==, theirs);
    }
  g_assert_cmpuint (fixture->records, ==, kdl_export_plan_get_counts (plan)->records);
}

/* The preview and the count are the core plan's, and follow the options. */
static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(KdlExportOptions) shown = NULL;
  g_autoptr(KdlExportPlan) expected = NULL;
  KdlExportPlan *plan;
  GPtrArray *preview, *core_preview;

  open_dialog (fixture);

  /* At first: no filter, one file. */
  shown = kdl_export_dialog_dup_options (fixture->dialog);
  g_assert_false (shown->accepted_only || shown->has_min_score || shown->structure_ok || shown->include_original);
  g_assert_cmpfloat (shown->val_fraction, ==, 0);
  plan = kdl_export_dialog_get_plan (fixture->dialog);
  g_assert_nonnull (plan);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->records, ==, 9);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->rejected, ==, 1);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->no_mcq, ==, 1);

  /* Accepted only: a new plan with three records, the core's preview. */
  options->accepted_only = TRUE;
  kdl_export_dialog_set_options (fixture->dialog, options);
  g_assert_null (kdl_export_dialog_get_plan (fixture->dialog));
  kdl_test_wait_not_busy (fixture->dialog);
  plan = kdl_export_dialog_get_plan (fixture->dialog);
  g_assert_nonnull (plan);
  expected = core_plan (fixture, options);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->records, ==, 3);
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->not_accepted, ==,
                    kdl_export_plan_get_counts (expected)->not_accepted);

  preview = kdl_export_plan_get_preview (plan);
  core_preview = kdl_export_plan_get_preview (expected);
  g_assert_cmpuint (preview->len, ==, core_preview->len);
  for (guint i = 0; i < preview->len; i++)
    g_assert_cmpstr (((KdlExportRecord *)preview->pdata[i])->text, ==,
                     ((KdlExportRecord *)core_preview->pdata[i])->text);
}

/* Each filter alone, then all of them, in each format: the samples the
 * fixture's table says, read back by the importers, byte for byte what
 * the core writes. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  static const KdlExportFormat formats[] = {
    KDL_EXPORT_FORMAT_SPARK, KDL_EXPORT_FORMAT_IO, KDL_EXPORT_FORMAT_ALPACA, KDL_EXPORT_FORMAT_SHAREGPT,
  };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      for (guint c = 0; c < 6; c++)
        {
          g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
          g_autofree char *name = g_strdup_printf ("filters-%s-%u.jsonl", kdl_export_format_to_string (formats[f]), c);
          g_autofree char *path = kdl_test_export_out_path (name);

          options->format = formats[f];
          switch (c)
            {
            case 1: options->accepted_only = TRUE; break;
            case 2: options->has_min_score = TRUE; options->min_score = 80; break;
            case 3: options->structure_ok = TRUE; break;
            case 4: options->include_original = TRUE; break;
            case 5:
              options->accepted_only = options->has_min_score = options->structure_ok = TRUE;
              options->min_score = 80;
              break;
            default: break;
            }

          g_test_message ("%s, case %u", kdl_export_format_to_string (formats[f]), c);
          export_with (fixture, options, path);
          g_assert_cmpuint (g_strv_length (fixture->files), ==, 1);
          g_assert_cmpstr (fixture->files[0], ==, path);
          assert_same_as_core (fixture, options, name);

          switch (c)
            {
            case 0:
              assert_round_trip (path, formats[f], 1, 0, 1, 1, 2, 0, 2, 1, 3, 1, 4, 0, 5, 0, 6, 0, 6, 1, END);
              break;
            case 1:
              assert_round_trip (path, formats[f], 1, 0, 4, 0, 6, 0, END);
              break;
            case 2:
              assert_round_trip (path, formats[f], 1, 0, 2, 0, 4, 0, 5, 0, 6, 1, END);
              break;
            case 3:
              assert_round_trip (path, formats[f], 1, 0, 2, 0, 3, 1, 4, 0, 6, 0, 6, 1, END);
              break;
            case 4:
              assert_round_trip (path, formats[f], 1, ORIGINAL, 1, 0, 1, 1, 2, ORIGINAL, 2, 0, 2, 1,
                                 3, ORIGINAL, 3, 1, 4, 0, 5, ORIGINAL, 5, 0, 6, ORIGINAL, 6, 0, 6, 1, END);
              break;
            case 5:
              assert_round_trip (path, formats[f], 1, 0, 4, 0, END);
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }
}

/* xlsx through the dialog: the workbook importer reads it back. */
static void
test_xlsx (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autofree char *path = kdl_test_export_out_path ("dialog.xlsx");

  options->format = KDL_EXPORT_FORMAT_XLSX;
  options->has_min_score = TRUE;
  options->min_score = 80;
  export_with (fixture, options, path);
  g_assert_cmpuint (fixture->records, ==, 5);
  assert_round_trip (path, KDL_EXPORT_FORMAT_XLSX, 1, 0, 2, 0, 4, 0, 5, 0, 6, 1, END);
}

static GHashTable *
passages_of (const char *path)
{
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  GHashTable *passages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < kdl_dataset_get_n_loaded (dataset); i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autoptr(GHashTable) vars = kdl_row_vars_new (map, record);

      g_hash_table_add (passages, g_strdup (g_hash_table_lookup (vars, "reading")));
    }

  return passages;
}

/* The split: two files, disjoint by passage, together every record; the
 * same seed gives the same bytes, another seed (some seed) other files. */
static void
test_split_seed (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autofree char *first = kdl_test_export_out_path ("split-a.jsonl");
  g_autofree char *second = kdl_test_export_out_path ("split-b.jsonl");
  g_auto(GStrv) files_a = NULL;
  g_autoptr(GHashTable) train = NULL;
  g_autoptr(GHashTable) val = NULL;
  g_autofree char *val_a = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean other = FALSE;

  options->format = KDL_EXPORT_FORMAT_IO;
  options->include_original = TRUE;
  options->val_fraction = 0.34;
  options->seed = 7;

  export_with (fixture, options, first);
  assert_same_as_core (fixture, options, "split-core.jsonl");
  files_a = g_steal_pointer (&fixture->files);
  g_assert_cmpuint (g_strv_length (files_a), ==, 2);
  g_assert_true (g_str_has_suffix (files_a[0], "split-a.train.jsonl"));
  g_assert_true (g_str_has_suffix (files_a[1], "split-a.val.jsonl"));

  train = passages_of (files_a[0]);
  val = passages_of (files_a[1]);
  /* Six rows, round (0.34 × 6) = 2 for validation. */
  g_assert_cmpuint (g_hash_table_size (val), ==, 2);
  g_assert_cmpuint (g_hash_table_size (train), ==, 4);
  g_hash_table_iter_init (&iter, val);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_false (g_hash_table_contains (train, key));

  /* Same seed, another dialog: the same bytes. */
  export_with (fixture, options, second);
  {
    g_autofree char *a = read_file (files_a[0]);
    g_autofree char *b = read_file (fixture->files[0]);
    g_autofree char *c = read_file (files_a[1]);
    g_autofree char *d = read_file (fixture->files[1]);

    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (c, ==, d);
    val_a = g_steal_pointer (&c);
  }

  /* Some other seed puts other rows in the validation file. */
  for (guint32 seed = 1; seed <= 8 && !other; seed++)
    {
      g_autofree char *name = g_strdup_printf ("split-seed-%u.jsonl", seed);
      g_autofree char *path = kdl_test_export_out_path (name);
      g_autofree char *val_b = NULL;

      if (seed == 7)
        continue;
      options->seed = seed;
      export_with (fixture, options, path);
      val_b = read_file (fixture->files[1]);
      other = g_strcmp0 (val_a, val_b) != 0;
    }
  g_assert_true (other);
}

/* Nothing chosen yet: the destination row says so, and an export would
 * ask for a file instead of writing. */
static void
test_no_destination (Fixture       *fixture,
                     gconstpointer  data)
{
  open_dialog (fixture);
  g_assert_null (kdl_export_dialog_get_path (fixture->dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.write", NULL));
  kdl_test_spin (200);
  /* Still open: it asks where to write first. */
  g_assert_nonnull (fixture->dialog);
  g_assert_null (fixture->files);
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_scores_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export-dialog/preview", test_preview);
  ADD ("/export-dialog/filters", test_filters);
  ADD ("/export-dialog/xlsx", test_xlsx);
  ADD ("/export-dialog/split-seed", test_split_seed);
  ADD ("/export-dialog/no-destination", test_no_destination);
#undef ADD

  return g_test_run ();
}
