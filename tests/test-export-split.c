/* test-export-split.c — the seeded train/validation split, by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-export.h"
#include "kdl-test-export.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

#define N_ROWS     41
#define N_VARIANTS 3

/* 41 rows × 3 variants of four MCQs each; every seventh row lost its
 * third variant, so rows have two or three records. */
static gint64
make_project (KdlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(GArray) refs = NULL;
  gint64 run_id = kdl_test_store_add_run (store, N_ROWS, N_VARIANTS, FALSE, 0);

  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < refs->len; i++)
    {
      const KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);
      KdlStoreItemUpdate update = { 0 };
      GString *output = g_string_new (NULL);

      for (guint n = 1; n <= 4; n++)
        g_string_append_printf (output, "%s%u. 第%u行第%u稿题%u？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:C",
                                n > 1 ? "\n\n" : "", n, ref->row, ref->variant, n);

      update.item_id = ref->id;
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_CHECK;
      update.state = ref->row % 7 == 0 && ref->variant == 2 ? KDL_STORE_ITEM_FAILED : KDL_STORE_ITEM_DONE;
      update.output = output->str;
      update.check_ok = TRUE;
      g_assert_true (kdl_store_update_item (store, &update, &error));
      g_string_free (output, TRUE);
    }

  return run_id;
}

static KdlExportPlan *
split_plan (const char *project,
            gint64      run_id,
            double      fraction,
            guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  KdlExportPlan *plan;

  kdl_export_options_add_run (options, run_id);
  options->val_fraction = fraction;
  options->seed = seed;
  plan = kdl_export_plan_new (project, options, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

/* Writes and returns the two files' paths. */
static char **
write_split (KdlExportPlan *plan,
             const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_export_out_path (name);

  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return kdl_export_plan_get_paths (plan, path);
}

/* The row and variant a spark line was made from (its first stem says). */
static void
line_sample (const char *line,
             guint      *row,
             guint      *variant)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *target;

  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  target = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "target");
  g_assert_cmpint (sscanf (target, "1. 第%u行第%u稿", row, variant), ==, 2);
}

/* Row → side (1 train, 2 val) from the two files; fails if a row or a
 * sample is on both sides. */
static GHashTable *
sides_of (char **paths,
          guint *n_records)
{
  GHashTable *sides = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) samples = g_hash_table_new (NULL, NULL);

  *n_records = 0;
  for (guint side = 1; side <= 2; side++)
    {
      g_autoptr(GPtrArray) lines = kdl_test_read_lines (paths[side - 1]);
      guint previous_row = 0;

      for (guint i = 0; i < lines->len; i++)
        {
          guint row, variant;
          gpointer known;

          line_sample (g_ptr_array_index (lines, i), &row, &variant);
          g_assert_cmpuint (row, >=, previous_row);   /* row order within a file */
          previous_row = row;
          known = g_hash_table_lookup (sides, GUINT_TO_POINTER (row));
          g_assert_true (known == NULL || GPOINTER_TO_UINT (known) == side);
          g_hash_table_insert (sides, GUINT_TO_POINTER (row), GUINT_TO_POINTER (side));
          g_assert_true (g_hash_table_add (samples, GUINT_TO_POINTER (row * 16 + variant)));
          (*n_records)++;
        }
    }

  return sides;
}

/* The documented algorithm, written again: Fisher–Yates over the sorted
 * rows with GRand, the first round(F × n) go to validation. */
static GHashTable *
documented_val_rows (guint   n_rows,
                     double  fraction,
                     guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint rows[N_ROWS];
  guint n_val = (guint)floor (fraction * n_rows + 0.5);
  GHashTable *val = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_rows; i++)
    rows[i] = i + 1;
  for (guint i = n_rows - 1; i >= 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint tmp = rows[i];

      rows[i] = rows[j];
      rows[j] = tmp;
    }
  for (guint i = 0; i < n_val; i++)
    g_hash_table_add (val, GUINT_TO_POINTER (rows[i]));

  return val;
}

static void
test_properties (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("split");
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(KdlExportPlan) whole = NULL;
  g_autoptr(GHashTable) sides = NULL;
  g_autoptr(GHashTable) expected_val = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) train = NULL;
  g_autoptr(GPtrArray) val = NULL;
  g_autofree char *whole_path = kdl_test_export_out_path ("whole.jsonl");
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  const KdlExportCounts *counts;
  guint32 seed = kdl_test_seed (20240607);
  gint64 run_id = make_project (store);
  guint n_records, n_val_rows = 0, t = 0, v = 0;

  plan = split_plan (kdl_store_get_path (store), run_id, 0.5, seed);
  paths = write_split (plan, "split.jsonl");
  counts = kdl_export_plan_get_counts (plan);

  /* Every row on one side only, every sample once. */
  sides = sides_of (paths, &n_records);
  g_assert_cmpuint (g_hash_table_size (sides), ==, N_ROWS);
  g_assert_cmpuint (n_records, ==, N_ROWS * N_VARIANTS - N_ROWS / 7);
  g_assert_cmpuint (counts->records, ==, n_records);

  /* round(0.5 × 41) = 21, half up; the rows the documented shuffle picks. */
  expected_val = documented_val_rows (N_ROWS, 0.5, seed);
  for (guint row = 1; row <= N_ROWS; row++)
    {
      gboolean is_val = GPOINTER_TO_UINT (g_hash_table_lookup (sides, GUINT_TO_POINTER (row))) == 2;

      n_val_rows += is_val;
      g_assert_cmpint (is_val, ==, g_hash_table_contains (expected_val, GUINT_TO_POINTER (row)));
    }
  g_assert_cmpuint (n_val_rows, ==, 21);
  g_assert_cmpuint (counts->val_rows, ==, 21);
  g_assert_cmpuint (counts->rows, ==, N_ROWS);

  /* Union = the unsplit export, each file in its order. */
  whole = split_plan (kdl_store_get_path (store), run_id, 0, 0);
  g_assert_true (kdl_export_plan_write (whole, whole_path, NULL, NULL, NULL, &error));
  all = kdl_test_read_lines (whole_path);
  train = kdl_test_read_lines (paths[0]);
  val = kdl_test_read_lines (paths[1]);
  g_assert_cmpuint (train->len, ==, counts->train);
  g_assert_cmpuint (val->len, ==, counts->val);
  g_assert_cmpuint (train->len + val->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    {
      const char *line = g_ptr_array_index (all, i);

      if (t < train->len && g_str_equal (line, g_ptr_array_index (train, t)))
        t++;
      else
        {
          g_assert_cmpuint (v, <, val->len);
          g_assert_cmpstr (line, ==, g_ptr_array_index (val, v));
          v++;
        }
    }
}

static void
test_seed (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("split-seed");
  g_autoptr(KdlExportPlan) first = NULL;
  g_autoptr(KdlExportPlan) again = NULL;
  g_autoptr(KdlExportPlan) other = NULL;
  g_autoptr(GHashTable) sides1 = NULL;
  g_autoptr(GHashTable) sides3 = NULL;
  g_auto(GStrv) paths1 = NULL;
  g_auto(GStrv) paths2 = NULL;
  g_auto(GStrv) paths3 = NULL;
  guint32 seed = kdl_test_seed (7);
  gint64 run_id = make_project (store);
  guint n, differ = 0;

  first = split_plan (kdl_store_get_path (store), run_id, 0.25, seed);
  again = split_plan (kdl_store_get_path (store), run_id, 0.25, seed);
  other = split_plan (kdl_store_get_path (store), run_id, 0.25, seed + 1);
  paths1 = write_split (first, "seed-a.jsonl");
  paths2 = write_split (again, "seed-b.jsonl");
  paths3 = write_split (other, "seed-c.jsonl");

  /* The same seed: byte-identical files. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *a = kdl_test_read_file (paths1[i]);
      g_autofree char *b = kdl_test_read_file (paths2[i]);

      g_assert_cmpstr (a, ==, b);
    }

  /* Another seed: another assignment (of the same size). */
  sides1 = sides_of (paths1, &n);
  sides3 = sides_of (paths3, &n);
  for (guint row = 1; row <= N_ROWS; row++)
    differ += g_hash_table_lookup (sides1, GUINT_TO_POINTER (row)) != g_hash_table_lookup (sides3, GUINT_TO_POINTER (row));
  g_assert_cmpuint (differ, >, 0);
  g_assert_cmpuint (kdl_export_plan_get_counts (first)->val_rows, ==, 10);
  g_assert_cmpuint (kdl_export_plan_get_counts (other)->val_rows, ==, 10);
}

static void
test_fractions (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("split-fractions");
  gint64 run_id = make_project (store);
  const struct { double fraction; guint val_rows; } cases[] = {
    { 0.1, 4 }, { 0.25, 10 }, { 0.3, 12 }, { 0.9, 37 }, { 0.01, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KdlExportPlan) plan = split_plan (kdl_store_get_path (store), run_id, cases[i].fraction, 3);
      const KdlExportCounts *counts = kdl_export_plan_get_counts (plan);

      g_test_message ("fraction %g", cases[i].fraction);
      g_assert_cmpuint (counts->val_rows, ==, cases[i].val_rows);
      g_assert_cmpuint (counts->train + counts->val, ==, counts->records);
      if (cases[i].val_rows == 0)
        g_assert_cmpuint (counts->val, ==, 0);
    }
}

/* Originals follow their row; an xlsx split reads back whole. */
static void
test_originals_and_xlsx (void)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_export_out_path ("split.xlsx");
  g_auto(GStrv) paths = NULL;
  guint loaded = 0;

  kdl_export_options_add_run (options, project->run);
  options->format = KDL_EXPORT_FORMAT_XLSX;
  options->include_original = TRUE;
  options->val_fraction = 0.5;
  options->seed = kdl_test_seed (11);
  options->preview_limit = 100;
  plan = kdl_export_plan_new (project->path, options, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < kdl_export_plan_get_preview (plan)->len; i++)
    {
      const KdlExportRecord *record = g_ptr_array_index (kdl_export_plan_get_preview (plan), i);

      for (guint j = 0; j < kdl_export_plan_get_preview (plan)->len; j++)
        {
          const KdlExportRecord *other = g_ptr_array_index (kdl_export_plan_get_preview (plan), j);

          if (other->row == record->row)
            g_assert_cmpint (other->side, ==, record->side);
        }
    }
  g_assert_cmpuint (kdl_export_plan_get_counts (plan)->val_rows, ==, 3);

  g_assert_true (kdl_export_plan_write (plan, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  paths = kdl_export_plan_get_paths (plan, path);
  g_assert_true (g_str_has_suffix (paths[0], "split.train.xlsx"));
  g_assert_true (g_str_has_suffix (paths[1], "split.val.xlsx"));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdlDataset) dataset = kdl_test_load (paths[i], NULL);

      loaded += kdl_dataset_get_n_loaded (dataset);
      g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==,
                        i == 0 ? kdl_export_plan_get_counts (plan)->train : kdl_export_plan_get_counts (plan)->val);
    }
  g_assert_cmpuint (loaded, ==, 14);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/split/properties", test_properties);
  g_test_add_func ("/export/split/seed", test_seed);
  g_test_add_func ("/export/split/fractions", test_fractions);
  g_test_add_func ("/export/split/originals-xlsx", test_originals_and_xlsx);

  return g_test_run ();
}
