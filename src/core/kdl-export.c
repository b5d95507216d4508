/* kdl-export.c — export options, formats, and the plan: what will be written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-export-private.h"

G_DEFINE_QUARK (kdl-export-error-quark, kdl_export_error)

G_DEFINE_FINAL_TYPE (KdlExportPlan, kdl_export_plan, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (KdlExportOptions, kdl_export_options,
                     kdl_export_options_copy, kdl_export_options_free)

static const char * const format_names[] = { "spark", "io", "alpaca", "sharegpt", "xlsx" };

const char *
kdl_export_format_to_string (KdlExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

gboolean
kdl_export_format_from_string (const char      *str,
                               KdlExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (str, format_names[i]))
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * kdl_export_counts_describe_left_out:
 *
 * Returns: (transfer full) (nullable): why samples were left out, e.g.
 *   "2 unfinished, 1 rejected" (translated), or %NULL when none was
 */
char *
kdl_export_counts_describe_left_out (const KdlExportCounts *counts)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->unfinished > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u unfinished"), counts->unfinished));
  if (counts->superseded > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u replaced by a newer run"), counts->superseded));
  if (counts->rejected > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u rejected"), counts->rejected));
  if (counts->not_accepted > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u not accepted"), counts->not_accepted));
  if (counts->below_min_score > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u below the minimum score or unscored"), counts->below_min_score));
  if (counts->structure_failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u failing the structure check"), counts->structure_failed));
  if (counts->no_mcq > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u without any question"), counts->no_mcq));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (_(", "), (char **)parts->pdata);
}

/* Returns: "jsonl" or "xlsx" */
const char *
kdl_export_format_get_extension (KdlExportFormat format)
{
  return format == KDL_EXPORT_FORMAT_XLSX ? "xlsx" : "jsonl";
}

/**
 * kdl_export_split_paths:
 * @path: the file the user chose
 *
 * `out/data.jsonl` → `out/data.train.jsonl`, `out/data.val.jsonl`; a name
 * without an extension gets the format's.
 *
 * Returns: (transfer full) (array zero-terminated=1): the train and the
 *   validation path
 */
char **
kdl_export_split_paths (const char      *path,
                        KdlExportFormat  format)
{
  const char *base;
  const char *dot;
  g_autofree char *stem = NULL;
  const char *ext;
  char **paths = g_new0 (char *, 3);

  g_return_val_if_fail (path != NULL, NULL);

  base = strrchr (path, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : path;
  dot = strrchr (base, '.');

  /* ".hidden" is a name, not an extension. */
  if (dot != NULL && dot != base && dot[1] != '\0')
    {
      stem = g_strndup (path, dot - path);
      ext = dot + 1;
    }
  else
    {
      stem = g_strdup (path);
      ext = kdl_export_format_get_extension (format);
    }

  paths[0] = g_strdup_printf ("%s.train.%s", stem, ext);
  paths[1] = g_strdup_printf ("%s.val.%s", stem, ext);

  return paths;
}

/* Options */

KdlExportOptions *
kdl_export_options_new (void)
{
  KdlExportOptions *options = g_new0 (KdlExportOptions, 1);

  options->format = KDL_EXPORT_FORMAT_SPARK;
  options->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  options->preview_limit = KDL_EXPORT_DEFAULT_PREVIEW;

  return options;
}

KdlExportOptions *
kdl_export_options_copy (const KdlExportOptions *options)
{
  KdlExportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (options->run_ids != NULL)
    g_array_append_vals (copy->run_ids, options->run_ids->data, options->run_ids->len);
  copy->train_template = g_strdup (options->train_template);

  return copy;
}

void
kdl_export_options_free (KdlExportOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->run_ids, g_array_unref);
  g_free (options->train_template);
  g_free (options);
}

void
kdl_export_options_add_run (KdlExportOptions *options,
                            gint64            run_id)
{
  g_return_if_fail (options != NULL);

  g_array_append_val (options->run_ids, run_id);
}

void
kdl_export_options_set_train_template (KdlExportOptions *options,
                                       const char       *name_or_path)
{
  g_return_if_fail (options != NULL);

  g_free (options->train_template);
  options->train_template = g_strdup (name_or_path);
}

gboolean
kdl_export_options_validate (const KdlExportOptions  *options,
                             GError                 **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->format >= G_N_ELEMENTS (format_names))
    {
      g_set_error_literal (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID,
                           _("Unknown export format: choose spark, io, alpaca, sharegpt or xlsx."));
      return FALSE;
    }

  if (options->run_ids == NULL || options->run_ids->len == 0)
    {
      g_set_error_literal (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID,
                           _("Choose at least one run to export."));
      return FALSE;
    }

  for (guint i = 0; i < options->run_ids->len; i++)
    if (g_array_index (options->run_ids, gint64, i) <= 0)
      {
        g_set_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID,
                     _("“%lld” is not a run id: run ids are whole numbers from 1."),
                     (long long)g_array_index (options->run_ids, gint64, i));
        return FALSE;
      }

  if (options->has_min_score && !isfinite (options->min_score))
    {
      g_set_error_literal (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID,
                           _("The minimum score must be a number."));
      return FALSE;
    }

  if (!isfinite (options->val_fraction) || options->val_fraction < 0 || options->val_fraction >= 1)
    {
      g_set_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID,
                   _("The validation share must be more than 0 and less than 1 (for example 0.1), not %g."),
                   options->val_fraction);
      return FALSE;
    }

  return TRUE;
}

/* Records */

void
kdl_export_record_free (KdlExportRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->reading);
  g_free (record->input);
  g_free (record->output);
  g_free (record->text);
  g_free (record);
}

/* The plan */

static void
kdl_export_plan_finalize (GObject *object)
{
  KdlExportPlan *self = KDL_EXPORT_PLAN (object);

  g_clear_pointer (&self->project_path, g_free);
  g_clear_pointer (&self->options, kdl_export_options_free);
  g_clear_pointer (&self->mapping_json, g_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->preview, g_ptr_array_unref);

  G_OBJECT_CLASS (kdl_export_plan_parent_class)->finalize (object);
}

static void
kdl_export_plan_class_init (KdlExportPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdl_export_plan_finalize;
}

static void
kdl_export_plan_init (KdlExportPlan *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (KdlExportEntry));
  self->preview = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_export_record_free);
}

static gboolean
render_preview (KdlExportPlan   *self,
                KdlStoreReader  *reader,
                GError         **error)
{
  g_autoptr(KdlExportRenderer) renderer = _kdl_export_renderer_new (self, reader);
  guint n = MIN (self->options->preview_limit, self->entries->len);

  for (guint i = 0; i < n; i++)
    {
      KdlExportRecord *record;

      record = _kdl_export_renderer_render (renderer, &g_array_index (self->entries, KdlExportEntry, i), error);
      if (record == NULL)
        return FALSE;
      g_ptr_array_add (self->preview, record);
    }

  return TRUE;
}

/**
 * kdl_export_plan_new:
 * @project_path: the project file (kdl_store_get_path ())
 *
 * Reads the runs and decides every record: the counts, the split and the
 * preview are ready when this returns.  Blocks: call it from the CLI or a
 * worker (kdl_export_plan_new_async ()).  Each call opens its own reader.
 *
 * Returns: (transfer full) (nullable): the plan
 */
KdlExportPlan *
kdl_export_plan_new (const char              *project_path,
                     const KdlExportOptions  *options,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(KdlExportPlan) self = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kdl_export_options_validate (options, error))
    return NULL;

  reader = kdl_store_reader_open (project_path, error);
  if (reader == NULL)
    return NULL;

  self = g_object_new (KDL_TYPE_EXPORT_PLAN, NULL);
  self->project_path = g_strdup (project_path);
  self->options = kdl_export_options_copy (options);

  if (!_kdl_export_plan_select (self, reader, cancellable, error))
    return NULL;

  if (!render_preview (self, reader, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  char             *project_path;
  KdlExportOptions *options;
} NewData;

static void
new_data_free (NewData *data)
{
  g_free (data->project_path);
  kdl_export_options_free (data->options);
  g_free (data);
}

static void
new_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  KdlExportPlan *plan;

  plan = kdl_export_plan_new (data->project_path, data->options, cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

/**
 * kdl_export_plan_new_async:
 *
 * kdl_export_plan_new () in a worker thread; @callback runs on the
 * thread-default main context of the caller.  The options are copied.
 */
void
kdl_export_plan_new_async (const char             *project_path,
                           const KdlExportOptions *options,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (options != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_export_plan_new_async);

  data = g_new0 (NewData, 1);
  data->project_path = g_strdup (project_path);
  data->options = kdl_export_options_copy (options);
  g_task_set_task_data (task, data, (GDestroyNotify)new_data_free);
  g_task_run_in_thread (task, new_worker);
}

KdlExportPlan *
kdl_export_plan_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_export_plan_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
kdl_export_plan_get_project_path (KdlExportPlan *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), NULL);
  return self->project_path;
}

/* Returns: (transfer none): a copy of the options the plan was made with */
const KdlExportOptions *
kdl_export_plan_get_options (KdlExportPlan *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), NULL);
  return self->options;
}

/* Returns: (transfer none): what will be written and what was left out */
const KdlExportCounts *
kdl_export_plan_get_counts (KdlExportPlan *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), NULL);
  return &self->counts;
}

guint
kdl_export_plan_get_n_records (KdlExportPlan *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), 0);
  return self->entries->len;
}

/**
 * kdl_export_plan_get_preview:
 *
 * Returns: (transfer none) (element-type KdlExportRecord): the first
 *   `preview_limit` records, exactly as they will be written
 */
GPtrArray *
kdl_export_plan_get_preview (KdlExportPlan *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), NULL);
  return self->preview;
}

/**
 * kdl_export_plan_get_paths:
 * @path: the file the user chose
 *
 * Returns: (transfer full) (array zero-terminated=1): the files
 *   kdl_export_plan_write () writes: @path, or with a split the train and
 *   the validation file
 */
char **
kdl_export_plan_get_paths (KdlExportPlan *self,
                           const char    *path)
{
  char **paths;

  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->options->val_fraction > 0)
    return kdl_export_split_paths (path, self->options->format);

  paths = g_new0 (char *, 2);
  paths[0] = g_strdup (path);
  return paths;
}
