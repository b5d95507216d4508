/* kdl-prompts-view-actions.c — what the Prompts view does to templates
 *
 * prompts.save (Ctrl+S), undo, redo, duplicate, rename, delete, revert,
 * new, import, export, previous-row, next-row.  File work goes through
 * KdlTemplateLibrary (in a worker); dialogs are AdwMessageDialogs, file
 * choosers GtkFileChooserNative.
 *
 * Built-ins: saving one writes the user copy NAME.LANG.tmpl that overrides
 * it (kdl_template_resolve() looks there first, so runs and the CLI use
 * it); "Revert to Built-in" deletes that copy.  A built-in is never
 * renamed or deleted; duplicating makes a template of one's own, with the
 * editor's text, unsaved changes included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-prompts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-prompts-view-private.h"

static GtkWindow *
parent_window (KdlPromptsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A callback's hold on the view and what to do next. */
typedef struct
{
  KdlPromptsView   *self;
  KdlTemplateEntry *entry;
  KdlPromptsThen    proceed;
  KdlPromptsThen    cancel;
  gpointer          data;
  GDestroyNotify    destroy;
  gboolean          first_override;
} Step;

static Step *
step_new (KdlPromptsView *self)
{
  Step *step = g_new0 (Step, 1);

  step->self = g_object_ref (self);
  step->entry = self->entry != NULL ? g_object_ref (self->entry) : NULL;

  return step;
}

static void
step_free (Step *step)
{
  if (step->destroy != NULL && step->data != NULL)
    step->destroy (step->data);
  g_clear_object (&step->entry);
  g_clear_object (&step->self);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static void
step_finish (Step     *step,
             gboolean  proceed)
{
  KdlPromptsThen then = proceed ? step->proceed : step->cancel;

  if (then != NULL)
    then (step->self, step->data);
  step_free (step);
}

static AdwMessageDialog *
message_dialog (KdlPromptsView *self,
                const char     *heading,
                const char     *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");

  return dialog;
}

/* A failed file operation is a toast (cancelled: the view is going). */
static void
report (KdlPromptsView *self,
        const GError   *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _kdl_prompts_view_toast (self, error->message);
}

/* Ends a library change: the view is no longer busy; %FALSE when it failed. */
static gboolean
change_done (KdlPromptsView *self,
             GObject        *library,
             GAsyncResult   *result)
{
  g_autoptr(GError) error = NULL;

  _kdl_prompts_view_add_busy (self, -1);

  if (kdl_template_library_change_finish (KDL_TEMPLATE_LIBRARY (library), result, &error))
    return TRUE;

  report (self, error);
  return FALSE;
}

/* Save ---------------------------------------------------------------- */

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Step *step = user_data;
  KdlPromptsView *self = step->self;

  if (!change_done (self, object, result))
    {
      step_finish (step, FALSE);
      return;
    }

  if (step->entry == self->entry)
    kdl_template_editor_rebase (self->editor, kdl_template_entry_get_template (step->entry));

  if (step->first_override)
    {
      g_autofree char *message = g_strdup_printf (_("Saved as your copy of the built-in “%s”; "
                                                    "“Revert to Built-in” brings back the original"),
                                                  kdl_template_entry_get_name (step->entry));
      _kdl_prompts_view_toast (self, message);
    }

  step_finish (step, TRUE);
}

/* Saves the editor's template; then @step proceeds (or cancels on error). */
static void
save (KdlPromptsView *self,
      Step           *step)
{
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GError) error = NULL;

  template = kdl_template_editor_dup_template (self->editor, &error);
  if (template == NULL)
    {
      _kdl_prompts_view_toast (self, error->message);
      step_finish (step, FALSE);
      return;
    }

  step->first_override = kdl_template_entry_is_builtin (step->entry) &&
                         !kdl_template_entry_get_overridden (step->entry);
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_save_async (self->library, step->entry, template, self->cancellable, on_saved, step);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);

  if (self->entry == NULL || self->busy > 0)
    return;

  save (self, step_new (self));
}

/* Unsaved changes: save, discard or cancel ------------------------------ */

static void
on_settle_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Step *step = user_data;

  if (g_str_equal (response, "save") && step->self->entry != NULL)
    save (step->self, step);
  else
    step_finish (step, g_str_equal (response, "discard"));
}

/**
 * _kdl_prompts_view_settle:
 * @heading: the question, "Save Changes to “mine”?"
 * @proceed: called once the changes are saved or discarded
 * @cancel: (nullable): called when the user keeps editing (or saving failed)
 * @data: (nullable): for both; @destroy frees it
 */
void
_kdl_prompts_view_settle (KdlPromptsView *self,
                          const char     *heading,
                          KdlPromptsThen  proceed,
                          KdlPromptsThen  cancel,
                          gpointer        data,
                          GDestroyNotify  destroy)
{
  AdwMessageDialog *dialog;
  Step *step = step_new (self);

  step->proceed = proceed;
  step->cancel = cancel;
  step->data = data;
  step->destroy = destroy;

  dialog = message_dialog (self, heading, _("Your changes to this template are lost unless you save them."));
  adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  g_signal_connect (dialog, "response", G_CALLBACK (on_settle_response), step);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo, redo, rows ------------------------------------------------------ */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (kdl_template_editor_get_buffer (self->editor));

  if (g_str_equal (action_name, "prompts.undo") && gtk_text_buffer_get_can_undo (buffer))
    gtk_text_buffer_undo (buffer);
  else if (g_str_equal (action_name, "prompts.redo") && gtk_text_buffer_get_can_redo (buffer))
    gtk_text_buffer_redo (buffer);
}

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _kdl_prompts_view_move_row (KDL_PROMPTS_VIEW (widget), g_str_equal (action_name, "prompts.next-row") ? 1 : -1);
}

/* New, duplicate, import: a new user template --------------------------- */

static void
on_added (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  KdlPromptsView *self = step->self;
  g_autoptr(KdlTemplateEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  _kdl_prompts_view_add_busy (self, -1);

  entry = kdl_template_library_add_finish (KDL_TEMPLATE_LIBRARY (object), result, &error);
  if (entry == NULL)
    {
      report (self, error);
      return;
    }

  /* proceed set: a duplicate, which carries the editor's changes along. */
  if (step->proceed != NULL)
    {
      message = g_strdup_printf (_("Duplicated as “%s”"), kdl_template_entry_get_name (entry));
      _kdl_prompts_view_open_now (self, entry);
    }
  else
    {
      if (step->data != NULL)
        message = g_strdup_printf (_("Imported as “%s”"), kdl_template_entry_get_name (entry));
      kdl_prompts_view_open (self, entry);
    }

  if (message != NULL)
    _kdl_prompts_view_toast (self, message);
}

static void
nothing (KdlPromptsView *self,
         gpointer        data)
{
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  Step *step;

  if (self->entry == NULL || self->busy > 0)
    return;

  template = kdl_template_editor_dup_template (self->editor, &error);
  if (template == NULL)
    {
      _kdl_prompts_view_toast (self, error->message);
      return;
    }

  step = step_new (self);
  step->proceed = nothing;
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_add_async (self->library, template, kdl_template_entry_get_name (self->entry),
                                  self->cancellable, on_added, step);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);
  /* Translators: the name of a new template (also its file name) */
  g_autoptr(KdlTemplate) template = kdl_template_new (_("untitled"), KDL_TEMPLATE_KIND_GENERATE);

  if (self->busy > 0)
    return;

  kdl_template_set_language (template, self->dataset_language);
  kdl_template_set_body (template, "{reading}");
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_add_async (self->library, template, NULL, self->cancellable, on_added, step_new (self));
}

/**
 * kdl_prompts_view_import_file:
 * @file: a template file
 *
 * Adds a copy of @file to the user's templates (under a free name) and
 * opens it, asking first about unsaved changes.  A broken file is
 * reported with its line.
 */
void
kdl_prompts_view_import_file (KdlPromptsView *self,
                              GFile          *file)
{
  Step *step;

  g_return_if_fail (KDL_IS_PROMPTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  step = step_new (self);
  step->data = g_object_ref (file);
  step->destroy = g_object_unref;
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_import_async (self->library, file, self->cancellable, on_added, step);
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  g_autofree char *message = NULL;

  if (!change_done (step->self, object, result))
    return;

  message = g_strdup_printf (_("Exported to %s"), g_file_peek_path (step->data));
  _kdl_prompts_view_toast (step->self, message);
}

/**
 * kdl_prompts_view_export_file:
 * @file: where to write the template as the editor shows it
 */
void
kdl_prompts_view_export_file (KdlPromptsView *self,
                              GFile          *file)
{
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  Step *step;

  g_return_if_fail (KDL_IS_PROMPTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  template = kdl_template_editor_dup_template (self->editor, &error);
  if (template == NULL)
    {
      _kdl_prompts_view_toast (self, error->message);
      return;
    }

  step = step_new (self);
  step->data = g_object_ref (file);
  step->destroy = g_object_unref;
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_export_async (self->library, template, file, self->cancellable, on_export_done, step);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     KdlPromptsView  *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean importing = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_OPEN;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (importing)
    kdl_prompts_view_import_file (self, file);
  else
    kdl_prompts_view_export_file (self, file);
}

static void
show_chooser (KdlPromptsView       *self,
              GtkFileChooserAction  action)
{
  gboolean importing = action == GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (importing ? _("Import a Template File") : _("Export the Template"),
                                         parent_window (self), action,
                                         importing ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Template files"));
  gtk_file_filter_add_pattern (filter, "*.tmpl");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  if (!importing && self->entry != NULL)
    {
      const char *language = kdl_template_entry_get_language (self->entry);
      g_autofree char *name = kdl_template_entry_is_builtin (self->entry) && language != NULL
                                ? g_strdup_printf ("%s.%s.tmpl", kdl_template_entry_get_name (self->entry), language)
                                : g_strdup_printf ("%s.tmpl", kdl_template_entry_get_name (self->entry));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_chooser (KDL_PROMPTS_VIEW (widget),
                g_str_equal (action_name, "prompts.import") ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                            : GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* Rename ---------------------------------------------------------------- */

static void
on_renamed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  KdlPromptsView *self = step->self;

  if (!change_done (self, object, result))
    return;

  /* The saved text has the new name; unsaved changes stay unsaved. */
  if (step->entry == self->entry)
    kdl_template_editor_rebase (self->editor, kdl_template_entry_get_template (step->entry));
}

static void
on_rename_text (GtkEditable      *entry,
                AdwMessageDialog *dialog)
{
  KdlPromptsView *self = g_object_get_data (G_OBJECT (dialog), "kdl-view");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "kdl-error");
  const char *name = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  gboolean same = self->entry != NULL && g_str_equal (name, kdl_template_entry_get_name (self->entry));
  gboolean available = same || kdl_template_library_name_is_free (self->library, name, self->entry, &error);

  adw_message_dialog_set_response_enabled (dialog, "rename", available && !same);
  gtk_label_set_text (error_label, error != NULL ? error->message : "");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(Step) step = user_data;
  KdlPromptsView *self = step->self;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kdl-entry");
  KdlTemplateEntry *target;

  if (!g_str_equal (response, "rename") || step->entry == NULL)
    return;

  /* Not step->entry in the same call as g_steal_pointer (&step). */
  target = step->entry;
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_rename_async (self->library, target, gtk_editable_get_text (entry),
                                     self->cancellable, on_renamed, g_steal_pointer (&step));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *error_label;
  g_autofree char *heading = NULL;

  if (self->entry == NULL || kdl_template_entry_is_builtin (self->entry) || self->busy > 0)
    return;

  heading = g_strdup_printf (_("Rename “%s”"), kdl_template_entry_get_name (self->entry));
  dialog = message_dialog (self, heading,
                           _("The file is renamed too. Runs and kindling-cli refer to the template by this name."));
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_response_enabled (dialog, "rename", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), kdl_template_entry_get_name (self->entry));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_add_css_class (error_label, "caption");
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "kdl-view", self);
  g_object_set_data (G_OBJECT (dialog), "kdl-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "kdl-error", error_label);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_rename_text), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), step_new (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Delete and revert ------------------------------------------------------ */

static void
on_removed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  KdlPromptsView *self = step->self;

  if (!change_done (self, object, result))
    return;

  if (step->entry != self->entry)
    return;

  /* A reverted built-in shows its shipped text; a deleted template is gone. */
  if (kdl_template_entry_is_builtin (step->entry))
    _kdl_prompts_view_open_now (self, step->entry);
  else
    _kdl_prompts_view_open_default (self);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(Step) step = user_data;
  KdlPromptsView *self = step->self;
  KdlTemplateEntry *target;

  if (g_str_equal (response, "cancel") || step->entry == NULL || self->busy > 0)
    return;

  /* A built-in with changes only in the editor: nothing on disk. */
  if (kdl_template_entry_is_builtin (step->entry) && !kdl_template_entry_get_overridden (step->entry))
    {
      if (step->entry == self->entry)
        _kdl_prompts_view_open_now (self, step->entry);
      return;
    }

  target = step->entry;
  _kdl_prompts_view_add_busy (self, +1);
  kdl_template_library_delete_async (self->library, target, self->cancellable,
                                     on_removed, g_steal_pointer (&step));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);
  gboolean reverting = g_str_equal (action_name, "prompts.revert");
  const char *name;
  GFile *file;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->entry == NULL || self->busy > 0 || reverting != kdl_template_entry_is_builtin (self->entry))
    return;

  name = kdl_template_entry_get_name (self->entry);
  file = kdl_template_entry_get_file (self->entry);

  if (reverting)
    {
      heading = g_strdup_printf (_("Revert “%s” to the Built-in?"), name);
      if (file != NULL)
        body = g_strdup_printf (_("Your copy %s is deleted and the original text comes back. "
                                  "Your changes to it are lost."), g_file_peek_path (file));
      else
        body = g_strdup (_("Your unsaved changes are discarded and the original text comes back."));
    }
  else
    {
      heading = g_strdup_printf (_("Delete “%s”?"), name);
      body = g_strdup_printf (_("The file %s is deleted. This cannot be undone."), g_file_peek_path (file));
    }

  dialog = message_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "remove", reverting ? _("_Revert") : _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response), step_new (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Enabling ---------------------------------------------------------------- */

void
_kdl_prompts_view_update_actions (KdlPromptsView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (kdl_template_editor_get_buffer (self->editor));
  KdlDataset *dataset = self->workspace != NULL ? kdl_workspace_get_dataset (self->workspace) : NULL;
  gboolean idle = self->busy == 0;
  gboolean open = self->entry != NULL;
  gboolean builtin = open && kdl_template_entry_is_builtin (self->entry);
  gboolean modified = open && kdl_template_editor_get_modified (self->editor);
  gboolean loaded = kdl_template_library_get_loaded (self->library);
  int position = dataset != NULL ? MAX (kdl_workspace_get_current_position (self->workspace), 0) : 0;
  guint n_rows = dataset != NULL ? kdl_dataset_get_n_loaded (dataset) : 0;

  gtk_widget_action_set_enabled (widget, "prompts.save", idle && open && modified);
  gtk_widget_action_set_enabled (widget, "prompts.duplicate", idle && open);
  gtk_widget_action_set_enabled (widget, "prompts.rename", idle && open && !builtin);
  gtk_widget_action_set_enabled (widget, "prompts.delete", idle && open && !builtin);
  gtk_widget_action_set_enabled (widget, "prompts.revert",
                                 idle && builtin && (modified || kdl_template_entry_get_overridden (self->entry)));
  gtk_widget_action_set_enabled (widget, "prompts.new", idle && loaded);
  gtk_widget_action_set_enabled (widget, "prompts.import", idle && loaded);
  gtk_widget_action_set_enabled (widget, "prompts.export", idle && open);
  gtk_widget_action_set_enabled (widget, "prompts.undo", open && gtk_text_buffer_get_can_undo (buffer));
  gtk_widget_action_set_enabled (widget, "prompts.redo", open && gtk_text_buffer_get_can_redo (buffer));
  gtk_widget_action_set_enabled (widget, "prompts.previous-row", n_rows > 0 && position > 0);
  gtk_widget_action_set_enabled (widget, "prompts.next-row", n_rows > 0 && (guint)position + 1 < n_rows);
}

void
_kdl_prompts_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "prompts.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "prompts.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "prompts.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "prompts.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "prompts.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "prompts.delete", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "prompts.revert", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "prompts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "prompts.import", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "prompts.export", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "prompts.previous-row", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "prompts.next-row", NULL, row_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "prompts.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "prompts.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "prompts.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "prompts.redo", NULL);
}
