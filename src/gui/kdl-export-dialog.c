/* kdl-export-dialog.c — training files from a run, with a preview
 *
 * A thin view over src/core/kdl-export.h, the code `kindling-cli export`
 * runs: the options become a KdlExportOptions; every change plans again
 * in a worker (kdl_export_plan_new_async), at most every PLAN_DELAY_MS
 * and cancelling the plan before, and the plan's counts and first records
 * are the preview.  Export writes that very plan (temporary files beside
 * the target, renamed when complete) with a progress bar; Cancel stops
 * the write and leaves any old file as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-export-dialog.h"

#define PLAN_DELAY_MS 250
/* Characters of an input field the preview shows (passages are long);
 * the last field, the training target, is shown whole. */
#define PREVIEW_FIELD_CHARS 360

struct _KdlExportDialog
{
  AdwWindow             parent_instance;

  KdlStore             *store;
  gint64                run_id;
  char                 *path;
  KdlExportPlan        *plan;          /* for the options shown, or NULL */
  GCancellable         *plan_cancellable;
  GCancellable         *write_cancellable;
  GtkFileChooserNative *chooser;
  guint                 plan_id;
  gboolean              planning;
  gboolean              writing;

  AdwWindowTitle       *window_title;
  AdwComboRow          *format_row;
  GtkSwitch            *accepted_switch;
  GtkSwitch            *min_score_switch;
  GtkSpinButton        *min_score_spin;
  GtkSwitch            *structure_switch;
  GtkSwitch            *original_switch;
  GtkSwitch            *split_switch;
  GtkSpinButton        *fraction_spin;
  GtkSpinButton        *seed_spin;
  AdwActionRow         *destination_row;
  GtkSpinner           *spinner;
  GtkLabel             *count_label;
  GtkLabel             *left_out_label;
  GtkLabel             *error_label;
  GtkTextView          *preview_view;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (KdlExportDialog, kdl_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
notify_busy (KdlExportDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (KdlExportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.write",
                                 self->plan != NULL && !self->planning && !self->writing &&
                                 kdl_export_plan_get_n_records (self->plan) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", !self->writing);
  gtk_spinner_set_spinning (self->spinner, self->planning);
}

static void
show_error (KdlExportDialog *self,
            const char      *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

/**
 * kdl_export_dialog_dup_options:
 *
 * Returns: (transfer full): the options the widgets show
 */
KdlExportOptions *
kdl_export_dialog_dup_options (KdlExportDialog *self)
{
  KdlExportOptions *options;

  g_return_val_if_fail (KDL_IS_EXPORT_DIALOG (self), NULL);

  options = kdl_export_options_new ();
  kdl_export_options_add_run (options, self->run_id);
  options->format = MIN (adw_combo_row_get_selected (self->format_row), KDL_EXPORT_FORMAT_XLSX);
  options->accepted_only = gtk_switch_get_active (self->accepted_switch);
  options->has_min_score = gtk_switch_get_active (self->min_score_switch);
  options->min_score = gtk_spin_button_get_value (self->min_score_spin);
  options->structure_ok = gtk_switch_get_active (self->structure_switch);
  options->include_original = gtk_switch_get_active (self->original_switch);
  options->val_fraction = gtk_switch_get_active (self->split_switch) ? gtk_spin_button_get_value (self->fraction_spin)
                                                                     : 0;
  options->seed = (guint32)gtk_spin_button_get_value (self->seed_spin);

  return options;
}

/**
 * kdl_export_dialog_set_options:
 *
 * Shows @options in the widgets (not the runs: the dialog's run stays)
 * and plans again.
 */
void
kdl_export_dialog_set_options (KdlExportDialog        *self,
                               const KdlExportOptions *options)
{
  g_return_if_fail (KDL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  adw_combo_row_set_selected (self->format_row, options->format);
  gtk_switch_set_active (self->accepted_switch, options->accepted_only);
  gtk_switch_set_active (self->min_score_switch, options->has_min_score);
  if (options->has_min_score)
    gtk_spin_button_set_value (self->min_score_spin, options->min_score);
  gtk_switch_set_active (self->structure_switch, options->structure_ok);
  gtk_switch_set_active (self->original_switch, options->include_original);
  gtk_switch_set_active (self->split_switch, options->val_fraction > 0);
  if (options->val_fraction > 0)
    gtk_spin_button_set_value (self->fraction_spin, options->val_fraction);
  gtk_spin_button_set_value (self->seed_spin, options->seed);
}

/* The paths that will be written, one per line. */
static void
update_destination (KdlExportDialog *self)
{
  g_autoptr(KdlExportOptions) options = kdl_export_dialog_dup_options (self);
  g_auto(GStrv) paths = NULL;
  g_autofree char *joined = NULL;

  if (self->path == NULL)
    {
      adw_action_row_set_subtitle (self->destination_row, _("Not chosen yet"));
      return;
    }

  if (options->val_fraction > 0)
    paths = kdl_export_split_paths (self->path, options->format);
  else
    paths = g_strdupv ((char *[]) { self->path, NULL });

  joined = g_strjoinv ("\n", paths);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row),
                                 g_strv_length (paths) > 1 ? _("Files") : _("File"));
  adw_action_row_set_subtitle (self->destination_row, joined);
}

static char *
left_out_text (const KdlExportCounts *counts)
{
  g_autofree char *left_out = kdl_export_counts_describe_left_out (counts);

  if (left_out == NULL)
    return g_strdup (_("No sample is left out."));

  return g_strdup_printf (_("Samples left out: %s."), left_out);
}

static void
append_field (GString    *text,
              const char *name,
              const char *value,
              gboolean    shorten)
{
  g_autofree char *shown = NULL;

  if (shorten && g_utf8_strlen (value, -1) > PREVIEW_FIELD_CHARS)
    {
      g_autofree char *head = g_utf8_substring (value, 0, PREVIEW_FIELD_CHARS);
      shown = g_strconcat (head, "…", NULL);
    }
  else
    shown = g_strdup (value);

  g_string_append_printf (text, "%s:\n%s\n", name, shown);
}

/* A record as its fields with their line breaks, not as one JSON line:
 * the keys are the format's, the values what the file holds. */
static void
append_record (GString               *text,
               const KdlExportRecord *record)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, record->text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* xlsx: "header: value" lines already. */
      g_string_append (text, record->text);
      g_string_append_c (text, '\n');
      return;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        append_field (text, l->data, json_node_get_string (node), l->next != NULL);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          /* ShareGPT turns. */
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *turn = json_array_get_element (array, i);
              JsonObject *turn_object = JSON_NODE_HOLDS_OBJECT (turn) ? json_node_get_object (turn) : NULL;
              g_autofree char *name = NULL;

              if (turn_object == NULL)
                continue;
              name = g_strdup_printf ("%s[%s]", (const char *)l->data,
                                      json_object_get_string_member_with_default (turn_object, "from", ""));
              append_field (text, name, json_object_get_string_member_with_default (turn_object, "value", ""),
                            i + 1 < json_array_get_length (array));
            }
        }
    }
}

static void
show_plan (KdlExportDialog *self)
{
  const KdlExportCounts *counts = kdl_export_plan_get_counts (self->plan);
  const KdlExportOptions *options = kdl_export_plan_get_options (self->plan);
  GPtrArray *preview = kdl_export_plan_get_preview (self->plan);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *records = NULL;
  g_autofree char *count = NULL;
  g_autofree char *left_out = left_out_text (counts);

  records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", counts->records),
                             counts->records);
  if (options->val_fraction > 0)
    /* Translators: "12 records from 6 rows: 10 for training, 2 for validation" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s from %u row: %u for training, %u for validation",
                                          "%s from %u rows: %u for training, %u for validation",
                                          counts->rows),
                             records, counts->rows, counts->train, counts->val);
  else
    /* Translators: "12 records from 6 rows" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s from %u row", "%s from %u rows", counts->rows),
                             records, counts->rows);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->left_out_label, left_out);

  for (guint i = 0; i < preview->len; i++)
    {
      const KdlExportRecord *record = g_ptr_array_index (preview, i);
      const char *side = record->side == KDL_EXPORT_SIDE_VAL ? _("validation") : _("training");

      if (record->source == KDL_EXPORT_SOURCE_ORIGINAL)
        /* Translators: a preview record's heading: a row id, then "training" or "validation" */
        g_string_append_printf (text, _("── Row %u · original questions · %s ──\n"), record->row, side);
      else
        /* Translators: a preview record's heading: a row id, a 1-based draft, then "training" or "validation" */
        g_string_append_printf (text, _("── Row %u · draft %u · %s ──\n"), record->row, record->variant + 1, side);
      append_record (text, record);
      g_string_append_c (text, '\n');
    }
  if (preview->len < counts->records)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "… and %u more record", "… and %u more records",
                                               counts->records - preview->len),
                            counts->records - preview->len);
  else if (counts->records == 0)
    g_string_append (text, _("Nothing to export with these options."));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), text->str, -1);
}

static void
on_planned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KdlExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlExportPlan) plan = kdl_export_plan_new_finish (result, &error);

  if (plan == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->planning = FALSE;
  g_clear_object (&self->plan);

  if (plan == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot export with these options: %s"), error->message);

      show_error (self, text);
      gtk_label_set_text (self->count_label, "");
      gtk_label_set_text (self->left_out_label, "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), "", -1);
    }
  else
    {
      show_error (self, NULL);
      self->plan = g_steal_pointer (&plan);
      show_plan (self);
    }

  update_actions (self);
  notify_busy (self);
}

static gboolean
plan_cb (gpointer data)
{
  KdlExportDialog *self = data;
  g_autoptr(KdlExportOptions) options = kdl_export_dialog_dup_options (self);

  self->plan_id = 0;

  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  self->plan_cancellable = g_cancellable_new ();

  kdl_export_plan_new_async (kdl_store_get_path (self->store), options, self->plan_cancellable,
                             on_planned, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
on_options_changed (KdlExportDialog *self)
{
  if (self->writing)
    return;

  /* What is shown no longer matches the options until the new plan. */
  g_clear_object (&self->plan);
  self->planning = TRUE;
  g_clear_handle_id (&self->plan_id, g_source_remove);
  self->plan_id = g_timeout_add (PLAN_DELAY_MS, plan_cb, self);
  update_destination (self);
  update_actions (self);
  notify_busy (self);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  KdlExportDialog *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%u of %u records written"), done, total);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 1);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KdlExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  const KdlExportCounts *counts;

  self->writing = FALSE;
  g_clear_object (&self->write_cancellable);
  /* Hidden by opacity: it keeps its place, and its allocation. */
  gtk_widget_set_opacity (GTK_WIDGET (self->progress_bar), 0);
  update_actions (self);
  notify_busy (self);

  if (!kdl_export_plan_write_finish (KDL_EXPORT_PLAN (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        text = g_strdup (_("The export was cancelled; no file was changed."));
      else
        text = g_strdup_printf (_("The files were not written: %s"), error->message);
      show_error (self, text);
      return;
    }

  counts = kdl_export_plan_get_counts (KDL_EXPORT_PLAN (object));
  files = kdl_export_plan_get_paths (KDL_EXPORT_PLAN (object), self->path);
  g_signal_emit (self, signals[EXPORTED], 0, files, counts->records);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_write (KdlExportDialog *self)
{
  if (self->plan == NULL || self->path == NULL || self->writing)
    return;

  self->writing = TRUE;
  self->write_cancellable = g_cancellable_new ();
  show_error (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_set_opacity (GTK_WIDGET (self->progress_bar), 1);
  update_actions (self);
  notify_busy (self);

  kdl_export_plan_write_async (self->plan, self->path, on_progress, g_object_ref (self), g_object_unref,
                               self->write_cancellable, on_written, g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     KdlExportDialog *self)
{
  gboolean write = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kdl-then-write"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  g_free (self->path);
  self->path = g_file_get_path (file);
  update_destination (self);
  if (write)
    start_write (self);
}

static void
choose (KdlExportDialog *self,
        gboolean         then_write)
{
  g_autoptr(KdlExportOptions) options = kdl_export_dialog_dup_options (self);
  g_autofree char *name = NULL;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Training Data"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("run-%lld.%s", (long long)self->run_id, kdl_export_format_get_extension (options->format));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "kdl-then-write", GINT_TO_POINTER (then_write));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose (KDL_EXPORT_DIALOG (widget), FALSE);
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  kdl_export_dialog_export (KDL_EXPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlExportDialog *self = KDL_EXPORT_DIALOG (widget);

  if (self->writing)
    g_cancellable_cancel (self->write_cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
kdl_export_dialog_close_request (GtkWindow *window)
{
  KdlExportDialog *self = KDL_EXPORT_DIALOG (window);

  /* Closing while writing stops the write; the old file stays. */
  if (self->writing)
    g_cancellable_cancel (self->write_cancellable);

  return GTK_WINDOW_CLASS (kdl_export_dialog_parent_class)->close_request (window);
}

static void
kdl_export_dialog_dispose (GObject *object)
{
  KdlExportDialog *self = (KdlExportDialog *)object;

  g_cancellable_cancel (self->plan_cancellable);
  g_cancellable_cancel (self->write_cancellable);
  g_clear_handle_id (&self->plan_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (kdl_export_dialog_parent_class)->dispose (object);
}

static void
kdl_export_dialog_finalize (GObject *object)
{
  KdlExportDialog *self = (KdlExportDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->write_cancellable);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kdl_export_dialog_parent_class)->finalize (object);
}

static void
kdl_export_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdlExportDialog *self = KDL_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, kdl_export_dialog_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_export_dialog_class_init (KdlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kdl_export_dialog_dispose;
  object_class->finalize = kdl_export_dialog_finalize;
  object_class->get_property = kdl_export_dialog_get_property;
  window_class->close_request = kdl_export_dialog_close_request;

  /* Planning or writing. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlExportDialog::exported:
   * @files: (array zero-terminated=1): the files written
   * @records: how many records they hold
   *
   * The files are in place; the dialog closes.
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRV, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, accepted_switch);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, min_score_switch);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, min_score_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, structure_switch);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, original_switch);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, split_switch);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, fraction_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, left_out_label);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, KdlExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
kdl_export_dialog_init (KdlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accepted_switch, "notify::active", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_score_switch, "notify::active", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_score_spin, "value-changed", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->structure_switch, "notify::active", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->original_switch, "notify::active", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split_switch, "notify::active", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fraction_spin, "value-changed", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->seed_spin, "value-changed", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * kdl_export_dialog_new:
 * @run_id: the run whose samples are exported
 * @score_max: its judge's scale (the minimum score's range), 0 if none
 * @min_score: the minimum score to start with (the histogram's threshold)
 */
KdlExportDialog *
kdl_export_dialog_new (GtkWindow *parent,
                       KdlStore  *store,
                       gint64     run_id,
                       double     score_max,
                       double     min_score)
{
  KdlExportDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (KDL_IS_STORE (store), NULL);
  g_return_val_if_fail (run_id > 0, NULL);

  self = g_object_new (KDL_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->run_id = run_id;

  subtitle = g_strdup_printf (_("Run %lld"), (long long)run_id);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (score_max > 0)
    gtk_spin_button_set_range (self->min_score_spin, 0, score_max);
  if (score_max == floor (score_max) && min_score == floor (min_score))
    gtk_spin_button_set_digits (self->min_score_spin, 0);
  gtk_spin_button_set_value (self->min_score_spin, min_score);

  update_destination (self);
  on_options_changed (self);

  return self;
}

gint64
kdl_export_dialog_get_run (KdlExportDialog *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_DIALOG (self), 0);

  return self->run_id;
}

const char *
kdl_export_dialog_get_path (KdlExportDialog *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_DIALOG (self), NULL);

  return self->path;
}

/**
 * kdl_export_dialog_set_path:
 * @path: (nullable): the file to write (with a split, its name is the
 *   base of the two files)
 */
void
kdl_export_dialog_set_path (KdlExportDialog *self,
                            const char      *path)
{
  g_return_if_fail (KDL_IS_EXPORT_DIALOG (self));

  g_free (self->path);
  self->path = g_strdup (path);
  update_destination (self);
}

/**
 * kdl_export_dialog_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan for the options shown,
 *   %NULL while planning or when the options do not work
 */
KdlExportPlan *
kdl_export_dialog_get_plan (KdlExportDialog *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_DIALOG (self), NULL);

  return self->planning ? NULL : self->plan;
}

/**
 * kdl_export_dialog_export:
 *
 * Writes the planned records (asking for a destination first if none was
 * chosen); ::exported follows when the files are in place.
 */
void
kdl_export_dialog_export (KdlExportDialog *self)
{
  g_return_if_fail (KDL_IS_EXPORT_DIALOG (self));

  if (self->plan == NULL || self->planning || self->writing)
    return;

  if (self->path == NULL)
    choose (self, TRUE);
  else
    start_write (self);
}

gboolean
kdl_export_dialog_is_busy (KdlExportDialog *self)
{
  g_return_val_if_fail (KDL_IS_EXPORT_DIALOG (self), FALSE);

  return self->planning || self->writing;
}
