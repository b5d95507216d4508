/* kdl-run-plan.c
 *
 * Creating a run copies its rows into the project (so it never reads the
 * source file again), stores the exact template texts, and creates one
 * pending item per row × variant × stage.  Blocking: call it from a
 * worker in a GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-plan"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdl-row-vars.h"
#include "kdl-run-plan.h"

#define ROW_BATCH 2000

gboolean
kdl_run_select_from_string (const char   *text,
                            KdlRunSelect *select)
{
  if (g_strcmp0 (text, "all") == 0)
    *select = KDL_RUN_SELECT_ALL;
  else if (g_strcmp0 (text, "failed") == 0)
    *select = KDL_RUN_SELECT_FAILED;
  else if (g_strcmp0 (text, "unscored") == 0)
    *select = KDL_RUN_SELECT_UNSCORED;
  else
    return FALSE;

  return TRUE;
}

/* "A-B", "A-" or "-B" (row ids, inclusive) or "N". */
gboolean
kdl_run_parse_rows (const char *text,
                    guint      *first,
                    guint      *last)
{
  g_auto(GStrv) parts = NULL;
  guint64 a = 0, b = 0;

  if (text == NULL || *text == '\0')
    return FALSE;

  parts = g_strsplit (text, "-", 2);
  if ((*parts[0] && !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT, &a, NULL)) ||
      (parts[1] != NULL && *parts[1] && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &b, NULL)))
    return FALSE;

  if (parts[1] == NULL)
    b = a;
  if (a == 0 && b == 0)
    return FALSE;
  if (b != 0 && a > b)
    return FALSE;

  *first = a;
  *last = b;

  return TRUE;
}

/**
 * kdl_run_plan_resolve_template:
 * @name: a template name or file (see kdl_template_resolve())
 * @kind: the stage it must be for
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error
 *   set when it cannot be found or is for the other stage
 */
KdlTemplate *
kdl_run_plan_resolve_template (const char       *name,
                               const char       *language,
                               KdlTemplateKind   kind,
                               GError          **error)
{
  g_autoptr(KdlTemplate) template = kdl_template_resolve (name, language, error);

  if (template == NULL)
    return NULL;

  if (kdl_template_get_kind (template) != kind)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   kind == KDL_TEMPLATE_KIND_JUDGE
                     ? _("Template “%s” is not a judge template.")
                     : _("Template “%s” is a judge template, not a generate template."),
                   name);
      return NULL;
    }

  return g_steal_pointer (&template);
}

/**
 * kdl_run_plan_check_templates:
 * @dataset: (nullable): the rows, %NULL for a run over another run
 * @generate: (nullable)
 * @judge: (nullable)
 *
 * Unknown placeholders are an input error, caught before any call: the
 * templates are checked against the first row's variables.
 */
gboolean
kdl_run_plan_check_templates (KdlDataset   *dataset,
                              KdlTemplate  *generate,
                              KdlTemplate  *judge,
                              GError      **error)
{
  g_autoptr(KdlRecord) record = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autoptr(GHashTable) vars = NULL;

  if (dataset == NULL || kdl_dataset_get_n_loaded (dataset) == 0)
    return TRUE;

  record = kdl_dataset_get_record (dataset, 0);
  map = kdl_dataset_dup_column_map (dataset);
  vars = kdl_row_vars_new (map, record);
  g_hash_table_replace (vars, g_strdup ("generated"), g_strdup (""));

  return (generate == NULL || kdl_template_check (generate, vars, error)) &&
         (judge == NULL || kdl_template_check (judge, vars, error));
}

/* The language of the passages, from the first rows that have one. */
char *
kdl_run_plan_detect_language (KdlDataset *dataset)
{
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_autoptr(GString) sample = g_string_new (NULL);
  guint n = kdl_dataset_get_n_loaded (dataset);

  for (guint i = 0; i < n && i < 20 && sample->len < 4000; i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autofree char *reading = record ? kdl_column_map_resolve (map, record, "reading") : NULL;

      if (reading != NULL)
        g_string_append (sample, reading);
    }

  return g_strdup (kdl_text_detect_language (sample->str));
}

static char *
strv_to_json (GStrv strv)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/* Identifies the content: the rows' own hashes, in order. */
static char *
dataset_content_hash (KdlDataset *dataset)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint n = kdl_dataset_get_n_loaded (dataset);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      guint row = kdl_dataset_get_row_id (dataset, i);

      g_checksum_update (sum, (const guchar *)&row, sizeof row);
      if (record != NULL)
        g_checksum_update (sum, (const guchar *)kdl_record_get_hash (record), -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static gint64
store_dataset (KdlStore    *store,
               KdlDataset  *dataset,
               GError     **error)
{
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autofree char *columns_json = strv_to_json (columns);
  g_autofree char *mapping_json = kdl_row_vars_mapping_to_json (map);
  g_autofree char *encoding = kdl_dataset_dup_encoding (dataset);
  g_autofree char *hash = dataset_content_hash (dataset);
  g_autofree char *path = g_file_get_path (kdl_dataset_get_file (dataset));
  const char *formats[] = { "unknown", "jsonl", "csv", "xlsx" };
  KdlStoreDatasetSpec spec = { 0 };

  spec.source_path = path;
  spec.format = formats[kdl_dataset_get_format (dataset)];
  spec.encoding = encoding;
  spec.columns_json = columns_json;
  spec.mapping_json = mapping_json;
  spec.content_hash = hash;

  return kdl_store_ensure_dataset (store, &spec, error);
}

/* Row ids of @run's samples that failed, or that have no score. */
static GHashTable *
rows_of_previous_run (KdlStoreReader  *reader,
                      gint64           run_id,
                      KdlRunSelect     select,
                      GError         **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) ids = NULL;
  KdlStoreItemQuery query;

  kdl_store_item_query_init (&query, run_id);
  query.any_stage = TRUE;
  ids = kdl_store_reader_query_items (reader, &query, error);
  if (ids == NULL)
    return NULL;

  for (guint start = 0; start < ids->len; start += 500)
    {
      g_autoptr(GPtrArray) items = kdl_store_reader_get_items (reader, &g_array_index (ids, gint64, start),
                                                               MIN (500, ids->len - start), error);

      if (items == NULL)
        return NULL;

      for (guint i = 0; i < items->len; i++)
        {
          const KdlStoreItem *item = g_ptr_array_index (items, i);
          gboolean pick;

          if (select == KDL_RUN_SELECT_FAILED)
            pick = item->state == KDL_STORE_ITEM_FAILED;
          else
            pick = item->stage == KDL_STORE_STAGE_JUDGE && !item->has_score;

          if (pick)
            g_hash_table_add (rows, GUINT_TO_POINTER (item->row));
        }
    }

  return g_steal_pointer (&rows);
}

static gint64
previous_run_of_dataset (KdlStoreReader  *reader,
                         gint64           dataset_id,
                         GError         **error)
{
  g_autoptr(GPtrArray) runs = kdl_store_reader_list_runs (reader, error);

  if (runs == NULL)
    return -1;

  for (guint i = runs->len; i > 0; i--)
    {
      const KdlStoreRun *run = g_ptr_array_index (runs, i - 1);

      if (run->dataset_id == dataset_id)
        return run->id;
    }

  return 0;
}

static gboolean
row_in_range (const KdlRunPlanSpec *spec,
              guint                 row)
{
  return (spec->row_first == 0 || row >= spec->row_first) &&
         (spec->row_last == 0 || row <= spec->row_last);
}

static gint64
create_from_dataset (KdlStore              *store,
                     const KdlRunPlanSpec  *spec,
                     KdlStoreRunSpec       *run_spec,
                     GError               **error)
{
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KdlStoreRowSpec));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (spec->dataset);
  KdlDataset *dataset = spec->dataset;
  guint n = spec->positions ? spec->positions->len : kdl_dataset_get_n_loaded (dataset);
  guint variants = MAX (spec->variants, 1);
  gint64 dataset_id;
  gint64 run_id;

  dataset_id = store_dataset (store, dataset, error);
  if (dataset_id <= 0)
    return -1;  /* 0 with the error set */

  if (spec->select != KDL_RUN_SELECT_ALL)
    {
      gint64 previous;

      reader = kdl_store_open_reader (store, error);
      if (reader == NULL)
        return -1;
      previous = previous_run_of_dataset (reader, dataset_id, error);
      if (previous < 0)
        return -1;
      if (previous == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("There is no earlier run over this dataset to pick failed or unscored rows from."));
          return -1;
        }
      wanted = rows_of_previous_run (reader, previous, spec->select, error);
      if (wanted == NULL)
        return -1;
    }

  for (guint i = 0; i < n; i++)
    {
      guint position = spec->positions ? g_array_index (spec->positions, guint, i) : i;
      guint row = kdl_dataset_get_row_id (dataset, position);
      g_autoptr(KdlRecord) record = NULL;
      KdlStoreRowSpec row_spec;

      if (!row_in_range (spec, row) ||
          (wanted != NULL && !g_hash_table_contains (wanted, GUINT_TO_POINTER (row))))
        continue;
      if (spec->limit > 0 && rows->len >= spec->limit)
        break;

      record = kdl_dataset_get_record (dataset, position);
      if (record == NULL)
        continue;

      row_spec.row = row;
      row_spec.hash = g_strdup (kdl_record_get_hash (record));
      row_spec.fields_json = kdl_row_vars_fields_to_json (record);
      g_ptr_array_add (keep, (gpointer)row_spec.hash);
      g_ptr_array_add (keep, (gpointer)row_spec.fields_json);
      g_array_append_val (rows, row_spec);

      for (guint v = 0; v < variants; v++)
        {
          KdlStoreItemSpec item = { row, v, spec->generate != NULL, spec->judge != NULL, 0 };
          g_array_append_val (items, item);
        }
    }

  if (rows->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No rows match the selection: nothing to run."));
      return -1;
    }

  for (guint start = 0; start < rows->len; start += ROW_BATCH)
    if (!kdl_store_add_rows (store, dataset_id, &g_array_index (rows, KdlStoreRowSpec, start),
                             MIN (ROW_BATCH, rows->len - start), error))
      return -1;

  run_spec->dataset_id = dataset_id;
  run_id = kdl_store_create_run (store, run_spec, error);
  if (run_id <= 0)
    return -1;

  if (!kdl_store_add_items (store, run_id, (const KdlStoreItemSpec *)items->data, items->len, error))
    return -1;

  return run_id;
}

static gint64
create_from_run (KdlStore              *store,
                 const KdlRunPlanSpec  *spec,
                 KdlStoreRunSpec       *run_spec,
                 GError               **error)
{
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, error);
  g_autoptr(KdlStoreRun) parent = NULL;
  g_autoptr(GArray) outputs = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  guint rows_taken = 0;
  guint last_row = 0;
  gint64 run_id;

  if (reader == NULL)
    return -1;

  parent = kdl_store_reader_get_run (reader, spec->from_run, error);
  if (parent == NULL)
    return -1;

  outputs = kdl_store_reader_list_outputs (reader, spec->from_run, error);
  if (outputs == NULL)
    return -1;

  if (spec->select != KDL_RUN_SELECT_ALL)
    {
      wanted = rows_of_previous_run (reader, spec->from_run, spec->select, error);
      if (wanted == NULL)
        return -1;
    }

  for (guint i = 0; i < outputs->len; i++)
    {
      const KdlStoreItemRef *ref = &g_array_index (outputs, KdlStoreItemRef, i);
      KdlStoreItemSpec item = { 0 };

      if (!row_in_range (spec, ref->row) ||
          (wanted != NULL && !g_hash_table_contains (wanted, GUINT_TO_POINTER (ref->row))))
        continue;
      if (ref->row != last_row)
        {
          if (spec->limit > 0 && rows_taken >= spec->limit)
            break;
          rows_taken++;
          last_row = ref->row;
        }

      item.row = ref->row;
      item.variant = ref->variant;
      item.generate = spec->generate != NULL;
      item.judge = spec->judge != NULL;
      item.source_item_id = ref->id;
      g_array_append_val (items, item);
    }

  if (items->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Run %lld has no finished outputs that match the selection: nothing to run."),
                   (long long)spec->from_run);
      return -1;
    }

  run_spec->dataset_id = parent->dataset_id;
  run_spec->parent_run_id = spec->from_run;
  run_id = kdl_store_create_run (store, run_spec, error);
  if (run_id <= 0)
    return -1;

  if (!kdl_store_add_items (store, run_id, (const KdlStoreItemSpec *)items->data, items->len, error))
    return -1;

  return run_id;
}

static gint64
store_template (KdlStore     *store,
                KdlTemplate  *template,
                GError      **error)
{
  g_autofree char *text = NULL;

  if (template == NULL)
    return 0;

  text = kdl_template_to_text (template);

  return kdl_store_add_template_version (store, kdl_template_get_name (template),
                                         kdl_template_get_kind (template) == KDL_TEMPLATE_KIND_JUDGE
                                           ? KDL_STORE_STAGE_JUDGE : KDL_STORE_STAGE_GENERATE,
                                         text, error);
}

/**
 * kdl_run_plan_create:
 *
 * Returns: the new run's id, or -1 with @error set (nothing is created
 *   when the selection is empty)
 */
gint64
kdl_run_plan_create (KdlStore              *store,
                     const KdlRunPlanSpec  *spec,
                     GError               **error)
{
  KdlStoreRunSpec run_spec = { 0 };

  g_return_val_if_fail (KDL_IS_STORE (store), -1);
  g_return_val_if_fail (spec->dataset != NULL || spec->from_run > 0, -1);
  g_return_val_if_fail (spec->generate != NULL || spec->judge != NULL, -1);

  run_spec.generate_template_id = store_template (store, spec->generate, error);
  if (spec->generate != NULL && run_spec.generate_template_id <= 0)
    return -1;
  run_spec.judge_template_id = store_template (store, spec->judge, error);
  if (spec->judge != NULL && run_spec.judge_template_id <= 0)
    return -1;
  run_spec.score_max = spec->judge ? kdl_template_get_score_max (spec->judge) : 0;
  run_spec.provider_json = spec->provider_json;
  run_spec.params_json = spec->params_json;

  if (spec->from_run > 0)
    return create_from_run (store, spec, &run_spec, error);

  return create_from_dataset (store, spec, &run_spec, error);
}
