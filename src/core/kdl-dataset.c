/* kdl-dataset.c
 *
 * The import runs in a GTask worker.  What readers see is an immutable
 * KdlImportResult behind a lock: first a small snapshot of the first page
 * ("rows-available" is emitted on the caller's main context as soon as it
 * is there), then the complete index.  Rows are parsed from the in-memory
 * text when asked for, so a 100,000-row file costs little more memory than
 * its size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-dataset"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "kdl-dataset-private.h"
#include "kdl-import-csv.h"
#include "kdl-import-jsonl.h"
#include "kdl-import-xlsx.h"

struct _KdlDataset
{
  GObject           parent_instance;

  GFile            *file;
  KdlImportOptions *options;

  GMutex            lock;
  KdlImportResult  *result;      /* under lock */
  KdlColumnMap     *map;         /* under lock */
  gboolean          indexing;
};

G_DEFINE_FINAL_TYPE (KdlDataset, kdl_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_N_LOADED,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  ROWS_AVAILABLE,
  MAPPING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdl_dataset_finalize (GObject *object)
{
  KdlDataset *self = KDL_DATASET (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->options, kdl_import_options_free);
  g_clear_pointer (&self->result, kdl_import_result_unref);
  g_clear_pointer (&self->map, kdl_column_map_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kdl_dataset_parent_class)->finalize (object);
}

static void
kdl_dataset_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KdlDataset *self = KDL_DATASET (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, kdl_dataset_get_n_loaded (self));
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, kdl_dataset_is_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_dataset_class_init (KdlDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_dataset_finalize;
  object_class->get_property = kdl_dataset_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LOADED] =
    g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlDataset::rows-available:
   * @n_loaded: rows that can be read now
   *
   * Emitted on the main context of the indexing call, once for the first
   * page (while the rest is still indexed) and once when the index is
   * complete.
   */
  signals[ROWS_AVAILABLE] =
    g_signal_new ("rows-available", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * KdlDataset::mapping-changed:
   *
   * kdl_dataset_set_column_map() gave the variables other columns: views
   * that show variables read them again.  Emitted on the thread that set
   * the map.
   */
  signals[MAPPING_CHANGED] =
    g_signal_new ("mapping-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdl_dataset_init (KdlDataset *self)
{
  g_mutex_init (&self->lock);
  self->result = kdl_import_result_new (KDL_DATASET_FORMAT_UNKNOWN);
}

/**
 * kdl_dataset_new:
 * @file: a local file (.jsonl, .csv or .xlsx)
 * @options: (nullable): sheet, encoding and variable mapping
 *
 * An empty dataset; kdl_dataset_index_async () reads it.
 */
KdlDataset *
kdl_dataset_new (GFile                  *file,
                 const KdlImportOptions *options)
{
  KdlDataset *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (KDL_TYPE_DATASET, NULL);
  self->file = g_object_ref (file);
  self->options = options != NULL ? kdl_import_options_copy (options) : kdl_import_options_new ();

  return self;
}

/* Takes @result as what readers see and rebuilds the default mapping
 * from its columns. */
static void
install_result (KdlDataset      *self,
                KdlImportResult *result)
{
  KdlColumnMap *map = kdl_column_map_new (result->columns, self->options->mapping);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->result, kdl_import_result_unref);
  self->result = result;
  g_clear_pointer (&self->map, kdl_column_map_unref);
  self->map = map;
  g_mutex_unlock (&self->lock);
}

KdlImportResult *
_kdl_dataset_ref_result (KdlDataset *self)
{
  KdlImportResult *result;

  g_mutex_lock (&self->lock);
  result = kdl_import_result_ref (self->result);
  g_mutex_unlock (&self->lock);

  return result;
}

static gboolean
run_import (KdlImportJob  *job,
            GError       **error)
{
  KdlDatasetFormat format;
  g_autofree char *basename = g_file_get_basename (job->file);
  guchar head[512];
  gssize n;

  if (!kdl_import_job_open (job, KDL_DATASET_FORMAT_UNKNOWN, error))
    return FALSE;

  n = pread (job->fd, head, sizeof head, 0);
  format = kdl_dataset_format_guess (basename, head, MAX (n, 0));
  job->result->format = format;

  switch (format)
    {
    case KDL_DATASET_FORMAT_JSONL:
      return kdl_import_jsonl (job, error);
    case KDL_DATASET_FORMAT_CSV:
      return kdl_import_csv (job, error);
    case KDL_DATASET_FORMAT_XLSX:
      return kdl_import_xlsx (job, error);
    case KDL_DATASET_FORMAT_UNKNOWN:
    default:
      if (basename != NULL && g_str_has_suffix (basename, ".xls"))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("“%s” is an old Excel .xls file; save it as .xlsx and import that."),
                     job->display_name);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("“%s” is not a dataset Kindling can read: use a .jsonl, .csv or .xlsx file."),
                     job->display_name);
      return FALSE;
    }
}

/* Indexing */

typedef struct
{
  KdlDataset   *self;
  GMainContext *context;
} IndexData;

typedef struct
{
  KdlDataset *self;
  guint       n_loaded;
} Available;

static void
index_data_free (IndexData *data)
{
  g_clear_object (&data->self);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
emit_rows_available (gpointer user_data)
{
  Available *available = user_data;

  /* When the whole index got there first, its own emission follows. */
  if (!kdl_dataset_is_complete (available->self))
    {
      g_object_notify_by_pspec (G_OBJECT (available->self), properties[PROP_N_LOADED]);
      g_signal_emit (available->self, signals[ROWS_AVAILABLE], 0, available->n_loaded);
    }
  g_object_unref (available->self);
  g_free (available);

  return G_SOURCE_REMOVE;
}

static void
publish_first_page (KdlImportJob *job,
                    guint         n_spans,
                    gpointer      user_data)
{
  IndexData *data = user_data;
  Available *available;

  install_result (data->self, kdl_import_result_snapshot (job->result, n_spans));

  available = g_new0 (Available, 1);
  available->self = g_object_ref (data->self);
  available->n_loaded = n_spans;
  g_main_context_invoke (data->context, emit_rows_available, available);
}

static gboolean
index_in_thread (KdlDataset    *self,
                 KdlImportJob  *job,
                 GError       **error)
{
  if (!run_import (job, error))
    return FALSE;

  install_result (self, g_steal_pointer (&job->result));
  return TRUE;
}

static void
index_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KdlDataset *self = source_object;
  IndexData *data = task_data;
  g_autoptr(KdlImportJob) job = kdl_import_job_new (self->file, self->options, cancellable);
  GError *error = NULL;

  job->publish = publish_first_page;
  job->publish_data = data;

  if (!index_in_thread (self, job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
index_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KdlDataset *self = KDL_DATASET (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  self->indexing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  g_signal_emit (self, signals[ROWS_AVAILABLE], 0, kdl_dataset_get_n_loaded (self));
  g_task_return_boolean (task, TRUE);
}

/**
 * kdl_dataset_index_async:
 *
 * Reads and indexes the file in a worker.  "rows-available" is emitted on
 * the thread-default main context of this call, first for the first page,
 * then for the complete index, just before @callback runs.
 */
void
kdl_dataset_index_async (KdlDataset          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  IndexData *data;

  g_return_if_fail (KDL_IS_DATASET (self));
  g_return_if_fail (!self->indexing);

  self->indexing = TRUE;
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, kdl_dataset_index_async);

  data = g_new0 (IndexData, 1);
  data->self = g_object_ref (self);
  data->context = g_main_context_ref_thread_default ();

  inner = g_task_new (self, cancellable, index_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify)index_data_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, index_worker);
}

gboolean
kdl_dataset_index_finish (KdlDataset    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (KDL_IS_DATASET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The same, blocking the calling thread (the CLI, tests, fuzzers). */
gboolean
kdl_dataset_index (KdlDataset    *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(KdlImportJob) job = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), FALSE);

  job = kdl_import_job_new (self->file, self->options, cancellable);
  return index_in_thread (self, job, error);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kdl_dataset_index_finish (KDL_DATASET (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (object), g_object_unref);
}

/**
 * kdl_dataset_load_async:
 *
 * kdl_dataset_new () and kdl_dataset_index_async () in one; use those two
 * to follow "rows-available" while the file is indexed.
 */
void
kdl_dataset_load_async (GFile                  *file,
                        const KdlImportOptions *options,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(KdlDataset) self = NULL;
  GTask *task;

  g_return_if_fail (G_IS_FILE (file));

  self = kdl_dataset_new (file, options);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_dataset_load_async);
  kdl_dataset_index_async (self, cancellable, load_done, task);
}

/* Returns: (transfer full): the dataset, fully indexed */
KdlDataset *
kdl_dataset_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

KdlDataset *
kdl_dataset_load (GFile                  *file,
                  const KdlImportOptions *options,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autoptr(KdlDataset) self = kdl_dataset_new (file, options);

  if (!kdl_dataset_index (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Accessors (any thread) */

GFile *
kdl_dataset_get_file (KdlDataset *self)
{
  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);
  return self->file;
}

gboolean
kdl_dataset_is_complete (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), FALSE);

  result = _kdl_dataset_ref_result (self);
  return result->complete;
}

KdlDatasetFormat
kdl_dataset_get_format (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), KDL_DATASET_FORMAT_UNKNOWN);

  result = _kdl_dataset_ref_result (self);
  return result->format;
}

/* "UTF-8", "GB18030" (guessed or named) or the encoding the user named. */
char *
kdl_dataset_dup_encoding (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  return g_strdup (result->encoding);
}

/* Returns: (nullable): a translated notice about the encoding, set when
 * GB18030 was guessed or when the file is not valid in any encoding tried */
char *
kdl_dataset_dup_encoding_notice (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  return g_strdup (result->encoding_notice);
}

/* All records seen so far, the rejected ones included. */
guint
kdl_dataset_get_n_records (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), 0);

  result = _kdl_dataset_ref_result (self);
  return result->n_records;
}

/* The rows that loaded; positions run from 0 to this minus one. */
guint
kdl_dataset_get_n_loaded (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), 0);

  result = _kdl_dataset_ref_result (self);
  return result->spans->len;
}

GStrv
kdl_dataset_dup_columns (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;
  GStrvBuilder *builder;
  GStrv columns;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < result->columns->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (result->columns, i));
  columns = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return columns;
}

/* Returns: (transfer full) (element-type KdlImportIssue): the rejected
 * records, in file order; do not change the array */
GArray *
kdl_dataset_dup_rejected (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  return g_array_ref (result->rejected);
}

/* Returns: (transfer full) (element-type KdlImportIssue): the skipped
 * blank lines or rows, in file order */
GArray *
kdl_dataset_dup_skipped (KdlDataset *self)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  return g_array_ref (result->skipped);
}

/* The row id of the loaded row at @position, 0 if there is none. */
guint
kdl_dataset_get_row_id (KdlDataset *self,
                        guint       position)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), 0);

  result = _kdl_dataset_ref_result (self);
  if (position >= result->spans->len)
    return 0;
  return g_array_index (result->spans, KdlSpan, position).row;
}

static gboolean
find_span (KdlImportResult *result,
           guint            row,
           guint           *position)
{
  guint lo = 0;
  guint hi = result->spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint mid_row = g_array_index (result->spans, KdlSpan, mid).row;

      if (mid_row == row)
        {
          *position = mid;
          return TRUE;
        }
      if (mid_row < row)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

/* Where the row with id @row is among the loaded rows; %FALSE when it
 * was rejected or does not exist. */
gboolean
kdl_dataset_find_row (KdlDataset *self,
                      guint       row,
                      guint      *position)
{
  g_autoptr(KdlImportResult) result = NULL;
  guint pos = 0;

  g_return_val_if_fail (KDL_IS_DATASET (self), FALSE);

  result = _kdl_dataset_ref_result (self);
  if (!find_span (result, row, &pos))
    return FALSE;
  if (position != NULL)
    *position = pos;
  return TRUE;
}

KdlRecord *
_kdl_dataset_parse (KdlImportResult *result,
                    guint            position)
{
  const KdlSpan *span = &g_array_index (result->spans, KdlSpan, position);

  switch (result->format)
    {
    case KDL_DATASET_FORMAT_JSONL:
      return kdl_import_jsonl_parse_record (result, span);
    case KDL_DATASET_FORMAT_CSV:
      return kdl_import_csv_parse_record (result, span);
    case KDL_DATASET_FORMAT_XLSX:
      return kdl_import_xlsx_parse_record (result, span);
    case KDL_DATASET_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * kdl_dataset_get_record:
 * @position: 0 ≤ @position < kdl_dataset_get_n_loaded ()
 *
 * Parses the row's fields (they are not kept: hold on to the record).
 *
 * Returns: (transfer full) (nullable): the record
 */
KdlRecord *
kdl_dataset_get_record (KdlDataset *self,
                        guint       position)
{
  g_autoptr(KdlImportResult) result = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  if (position >= result->spans->len)
    return NULL;

  return _kdl_dataset_parse (result, position);
}

/* Returns: (transfer full) (nullable): the loaded record with row id @row */
KdlRecord *
kdl_dataset_lookup_row (KdlDataset *self,
                        guint       row)
{
  g_autoptr(KdlImportResult) result = NULL;
  guint position;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  result = _kdl_dataset_ref_result (self);
  if (!find_span (result, row, &position))
    return NULL;

  return _kdl_dataset_parse (result, position);
}

/* Returns: (transfer full): the current mapping of variables to columns */
KdlColumnMap *
kdl_dataset_dup_column_map (KdlDataset *self)
{
  KdlColumnMap *map;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->map == NULL)
    self->map = kdl_column_map_new (self->result->columns, self->options->mapping);
  map = kdl_column_map_ref (self->map);
  g_mutex_unlock (&self->lock);

  return map;
}

/* Replaces the mapping (the GUI's editor); the map must not change after. */
void
kdl_dataset_set_column_map (KdlDataset   *self,
                            KdlColumnMap *map)
{
  g_return_if_fail (KDL_IS_DATASET (self));
  g_return_if_fail (map != NULL);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->map, kdl_column_map_unref);
  self->map = kdl_column_map_ref (map);
  g_mutex_unlock (&self->lock);

  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

/* Returns: (transfer full) (nullable): @variable of @record, see
 * kdl_column_map_resolve () */
char *
kdl_dataset_get_variable (KdlDataset      *self,
                          const KdlRecord *record,
                          const char      *variable)
{
  g_autoptr(KdlColumnMap) map = NULL;

  g_return_val_if_fail (KDL_IS_DATASET (self), NULL);

  map = kdl_dataset_dup_column_map (self);
  return kdl_column_map_resolve (map, record, variable);
}
