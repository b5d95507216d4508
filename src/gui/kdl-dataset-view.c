/* kdl-dataset-view.c
 *
 * The Dataset view: open a file (kdl-dataset-view-files.c), browse its
 * rows in a lazy list with search and sort in workers
 * (kdl-dataset-view-list.c), see one row in detail, edit the column
 * mapping and read what the import left out.
 *
 * This file holds the view together and reads files.  A file is indexed
 * in a worker; its first rows replace what the view showed as soon as they
 * exist ("rows-available"), and the rest follows.  Cancelling, or a file
 * that fails on the way, brings back the dataset shown before.  The shown
 * dataset is the workspace's: opening a file sets it there, and a dataset
 * set there by another view is shown here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-dataset-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-dataset-view-private.h"
#include "kdl-row-item.h"

G_DEFINE_FINAL_TYPE (KdlDatasetView, kdl_dataset_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_DATASET,
  PROP_OPENING,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_rows_available (KdlDataset     *dataset,
                               guint           n_loaded,
                               KdlDatasetView *self);

/* Errors and progress */

void
_kdl_dataset_view_show_error (KdlDatasetView *self,
                              const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static gboolean
pulse_cb (gpointer user_data)
{
  KdlDatasetView *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
update_progress (KdlDatasetView *self)
{
  KdlDataset *reading = self->opening;
  gboolean busy = reading != NULL;

  if (busy)
    {
      g_autofree char *name = g_file_get_basename (kdl_dataset_get_file (reading));
      guint n = kdl_dataset_get_n_loaded (reading);
      g_autofree char *text = NULL;

      if (self->dataset == reading && n > 0)
        text = g_strdup_printf (ngettext ("Reading “%s”… the first %u row is shown, the rest follows",
                                          "Reading “%s”… the first %u rows are shown, the rest follows",
                                          n),
                                name, n);
      else
        text = g_strdup_printf (_("Reading “%s”…"), name);
      gtk_label_set_text (self->progress_label, text);
    }

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  if (busy && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  else if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* The dataset shown */

static void
update_file_labels (KdlDatasetView *self)
{
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *info = NULL;
  guint n;

  if (self->dataset == NULL)
    {
      gtk_label_set_text (self->file_label, "");
      gtk_label_set_text (self->file_info_label, "");
      return;
    }

  name = g_file_get_basename (kdl_dataset_get_file (self->dataset));
  format = g_ascii_strup (kdl_dataset_format_to_string (kdl_dataset_get_format (self->dataset)), -1);
  encoding = kdl_dataset_dup_encoding (self->dataset);
  n = kdl_dataset_get_n_loaded (self->dataset);
  /* A workbook has no text encoding to speak of; it has sheets. */
  if (kdl_dataset_get_format (self->dataset) != KDL_DATASET_FORMAT_XLSX)
    /* Translators: file format, encoding and row count, e.g. “CSV · UTF-8 · 8 rows” */
    info = g_strdup_printf (ngettext ("%s · %s · %u row", "%s · %s · %u rows", n),
                            format, encoding != NULL ? encoding : "", n);
  else if (self->options != NULL && self->options->sheet != NULL)
    /* Translators: file format, sheet name and row count, e.g. “XLSX · sheet “Sheet2” · 8 rows” */
    info = g_strdup_printf (ngettext ("%s · sheet “%s” · %u row", "%s · sheet “%s” · %u rows", n),
                            format, self->options->sheet, n);
  else
    /* Translators: file format and row count, e.g. “XLSX · 8 rows” */
    info = g_strdup_printf (ngettext ("%s · %u row", "%s · %u rows", n), format, n);

  gtk_label_set_text (self->file_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label),
                               g_file_peek_path (kdl_dataset_get_file (self->dataset)));
  gtk_label_set_text (self->file_info_label, info);
}

/* What depends on how far the shown dataset is read. */
static void
sync_dataset (KdlDatasetView *self)
{
  gboolean complete = self->dataset != NULL && kdl_dataset_is_complete (self->dataset);

  kdl_import_problems_set_dataset (self->problems, self->dataset);
  /* A finished index rebuilds the default map: edit only after it. */
  if (complete && kdl_column_mapping_get_dataset (self->column_mapping) != self->dataset)
    kdl_column_mapping_set_dataset (self->column_mapping, self->dataset);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_button), complete);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mapping_button),
                               complete ? _("Which column each template variable reads")
                                        : _("The columns can be mapped once the whole file is read"));
  update_file_labels (self);
  _kdl_dataset_view_sync_list (self);
  update_progress (self);
}

static void
show_dataset (KdlDatasetView   *self,
              KdlDataset       *dataset,
              KdlImportOptions *options)
{
  if (self->dataset == dataset)
    return;

  if (self->dataset != NULL && self->dataset != self->opening)
    g_signal_handlers_disconnect_by_func (self->dataset, on_rows_available, self);

  g_set_object (&self->dataset, dataset);
  g_clear_pointer (&self->options, kdl_import_options_free);
  self->options = options != NULL ? kdl_import_options_copy (options) : kdl_import_options_new ();

  if (dataset != NULL && dataset != self->opening &&
      g_signal_handler_find (dataset, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             on_rows_available, self) == 0)
    g_signal_connect_object (dataset, "rows-available", G_CALLBACK (on_rows_available), self, 0);

  kdl_column_mapping_set_dataset (self->column_mapping, NULL);
  kdl_row_detail_set_dataset (self->detail, dataset);
  _kdl_dataset_view_reset_list (self);
  _kdl_dataset_view_sync_options (self);
  sync_dataset (self);

  gtk_stack_set_visible_child_name (self->stack, dataset != NULL ? "dataset" : "empty");

  if (self->workspace != NULL)
    kdl_workspace_set_dataset (self->workspace, dataset);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/* Opening */

static void
adopt_opening (KdlDatasetView *self)
{
  if (self->dataset == self->opening)
    return;

  g_set_object (&self->previous, self->dataset);
  g_clear_pointer (&self->previous_options, kdl_import_options_free);
  self->previous_options = self->options != NULL ? kdl_import_options_copy (self->options) : NULL;
  show_dataset (self, self->opening, self->opening_options);
}

static void
on_rows_available (KdlDataset     *dataset,
                   guint           n_loaded,
                   KdlDatasetView *self)
{
  if (dataset == self->opening && self->dataset != dataset)
    adopt_opening (self);
  else if (dataset == self->dataset)
    sync_dataset (self);
}

static void
finish_opening (KdlDatasetView *self)
{
  if (self->opening != NULL && self->opening != self->dataset)
    g_signal_handlers_disconnect_by_func (self->opening, on_rows_available, self);
  g_clear_object (&self->opening);
  g_clear_pointer (&self->opening_options, kdl_import_options_free);
  g_clear_object (&self->open_cancellable);
  update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING]);
}

typedef struct
{
  KdlDatasetView *self;
  GCancellable   *cancellable;
} OpenData;

static void
on_indexed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(KdlDatasetView) self = data->self;
  g_autoptr(GCancellable) cancellable = data->cancellable;
  KdlDataset *dataset = KDL_DATASET (object);
  g_autoptr(GError) error = NULL;
  gboolean ok = kdl_dataset_index_finish (dataset, result, &error);

  g_free (data);

  /* Another file was opened meanwhile. */
  if (dataset != self->opening || cancellable != self->open_cancellable)
    return;

  if (ok)
    {
      adopt_opening (self);
      g_clear_object (&self->previous);
      g_clear_pointer (&self->previous_options, kdl_import_options_free);
      _kdl_dataset_view_add_recent (self, kdl_dataset_get_file (dataset));
      finish_opening (self);
      sync_dataset (self);
      return;
    }

  /* Back to what was shown before (nothing, or the last file). */
  if (self->dataset == dataset)
    {
      g_autoptr(KdlDataset) previous = g_steal_pointer (&self->previous);

      show_dataset (self, previous, self->previous_options);
    }
  g_clear_object (&self->previous);
  g_clear_pointer (&self->previous_options, kdl_import_options_free);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the dataset: %s"), error->message);
      _kdl_dataset_view_show_error (self, text);
    }

  finish_opening (self);
}

/**
 * kdl_dataset_view_open:
 * @file: a .jsonl, .csv or .xlsx file
 * @options: (nullable): encoding, sheet and mapping
 *
 * Reads @file in a worker; its first rows show as soon as they are read,
 * the rest follows.  Opening another file, or
 * kdl_dataset_view_cancel_open(), stops it.
 */
void
kdl_dataset_view_open (KdlDatasetView         *self,
                       GFile                  *file,
                       const KdlImportOptions *options)
{
  OpenData *data;

  g_return_if_fail (KDL_IS_DATASET_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  kdl_dataset_view_cancel_open (self);
  _kdl_dataset_view_show_error (self, NULL);

  self->opening = kdl_dataset_new (file, options);
  self->opening_options = options != NULL ? kdl_import_options_copy (options) : kdl_import_options_new ();
  self->open_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->opening, "rows-available", G_CALLBACK (on_rows_available), self, 0);

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->open_cancellable);
  kdl_dataset_index_async (self->opening, self->open_cancellable, on_indexed, data);

  update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING]);
}

/**
 * kdl_dataset_view_cancel_open:
 *
 * Stops reading the file being opened; the view shows again what it
 * showed before.
 */
void
kdl_dataset_view_cancel_open (KdlDatasetView *self)
{
  g_autoptr(KdlDataset) previous = NULL;

  g_return_if_fail (KDL_IS_DATASET_VIEW (self));

  if (self->opening == NULL)
    return;

  g_cancellable_cancel (self->open_cancellable);

  /* Do not wait for the worker to notice: the callback finds another
   * cancellable (or none) and leaves the view alone. */
  previous = g_steal_pointer (&self->previous);
  if (self->dataset == self->opening)
    {
      g_signal_handlers_disconnect_by_func (self->opening, on_rows_available, self);
      g_clear_object (&self->opening);
      show_dataset (self, previous, self->previous_options);
    }
  g_clear_pointer (&self->previous_options, kdl_import_options_free);
  finish_opening (self);
}

gboolean
kdl_dataset_view_get_opening (KdlDatasetView *self)
{
  g_return_val_if_fail (KDL_IS_DATASET_VIEW (self), FALSE);
  return self->opening != NULL;
}

gboolean
kdl_dataset_view_get_searching (KdlDatasetView *self)
{
  g_return_val_if_fail (KDL_IS_DATASET_VIEW (self), FALSE);
  return self->searching;
}

/* Returns: (transfer none) (nullable): the dataset shown */
KdlDataset *
kdl_dataset_view_get_dataset (KdlDatasetView *self)
{
  g_return_val_if_fail (KDL_IS_DATASET_VIEW (self), NULL);
  return self->dataset;
}

/* Workspace */

static void
on_workspace_dataset (KdlDatasetView *self)
{
  KdlDataset *dataset = kdl_workspace_get_dataset (self->workspace);

  if (dataset == self->dataset)
    return;

  /* Another view chose a dataset: what this one was opening is moot. */
  if (dataset != self->opening)
    kdl_dataset_view_cancel_open (self);
  show_dataset (self, dataset, NULL);
}

static void
on_workspace_current (KdlDatasetView *self)
{
  if (!self->setting_current)
    _kdl_dataset_view_follow_current (self, kdl_workspace_get_current_position (self->workspace));
}

/* Returns: (transfer none) (nullable): the workspace */
KdlWorkspace *
kdl_dataset_view_get_workspace (KdlDatasetView *self)
{
  g_return_val_if_fail (KDL_IS_DATASET_VIEW (self), NULL);
  return self->workspace;
}

void
kdl_dataset_view_set_workspace (KdlDatasetView *self,
                                KdlWorkspace   *workspace)
{
  g_return_if_fail (KDL_IS_DATASET_VIEW (self));
  g_return_if_fail (workspace == NULL || KDL_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);

  if (workspace != NULL)
    {
      g_signal_connect_object (workspace, "notify::dataset", G_CALLBACK (on_workspace_dataset), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::current-position", G_CALLBACK (on_workspace_current), self,
                               G_CONNECT_SWAPPED);
      /* A workspace with a dataset already: show it; else share ours. */
      if (kdl_workspace_get_dataset (workspace) != NULL)
        on_workspace_dataset (self);
      else if (self->dataset != NULL)
        kdl_workspace_set_dataset (workspace, self->dataset);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* Actions */

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _kdl_dataset_view_show_error (KDL_DATASET_VIEW (widget), NULL);
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  kdl_dataset_view_cancel_open (KDL_DATASET_VIEW (widget));
}

/* GObject */

static void
kdl_dataset_view_dispose (GObject *object)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (object);

  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  if (self->opening != NULL)
    g_signal_handlers_disconnect_by_data (self->opening, self);

  _kdl_dataset_view_dispose_files (self);
  /* AdwBin would keep a pointer to the child the template disposes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_DATASET_VIEW);

  g_clear_object (&self->workspace);
  g_clear_object (&self->dataset);
  g_clear_object (&self->opening);
  g_clear_object (&self->previous);
  g_clear_pointer (&self->options, kdl_import_options_free);
  g_clear_pointer (&self->opening_options, kdl_import_options_free);
  g_clear_pointer (&self->previous_options, kdl_import_options_free);

  G_OBJECT_CLASS (kdl_dataset_view_parent_class)->dispose (object);
}

static void
kdl_dataset_view_finalize (GObject *object)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (object);

  g_clear_pointer (&self->picked, gtk_bitset_unref);
  g_clear_pointer (&self->sort_columns, g_strfreev);

  G_OBJECT_CLASS (kdl_dataset_view_parent_class)->finalize (object);
}

static void
kdl_dataset_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_OPENING:
      g_value_set_boolean (value, kdl_dataset_view_get_opening (self));
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_dataset_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      kdl_dataset_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_dataset_view_class_init (KdlDatasetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_dataset_view_dispose;
  object_class->finalize = kdl_dataset_view_finalize;
  object_class->get_property = kdl_dataset_view_get_property;
  object_class->set_property = kdl_dataset_view_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, KDL_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, KDL_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A file is being read (the progress bar shows). */
  properties[PROP_OPENING] =
    g_param_spec_boolean ("opening", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A search or sort is running in a worker. */
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_COLUMN_MAPPING);
  g_type_ensure (KDL_TYPE_IMPORT_PROBLEMS);
  g_type_ensure (KDL_TYPE_ROW_DETAIL);
  g_type_ensure (KDL_TYPE_ROW_ITEM);
  g_type_ensure (KDL_TYPE_ROW_LIST_MODEL);
  g_type_ensure (KDL_TYPE_ROW_SELECTION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-dataset-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, stack);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, recent_box);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, recent_list);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, file_label);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, file_info_label);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, descending_button);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, mapping_button);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, column_mapping);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, options_button);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, encoding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, encoding_model);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, sheet_label);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, sheet_entry);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, problems);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, selection);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, rows);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, status_label);
  gtk_widget_class_bind_template_child (widget_class, KdlDatasetView, detail);

  gtk_widget_class_install_action (widget_class, "dataset.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "dataset.cancel-open", NULL, cancel_open_action);

  _kdl_dataset_view_class_init_list (widget_class);
  _kdl_dataset_view_class_init_files (widget_class);
}

static void
kdl_dataset_view_init (KdlDatasetView *self)
{
  self->picked = gtk_bitset_new_empty ();

  gtk_widget_init_template (GTK_WIDGET (self));

  _kdl_dataset_view_init_list (self);
  _kdl_dataset_view_init_files (self);
  show_dataset (self, NULL, NULL);
}

GtkWidget *
kdl_dataset_view_new (void)
{
  return g_object_new (KDL_TYPE_DATASET_VIEW, NULL);
}
