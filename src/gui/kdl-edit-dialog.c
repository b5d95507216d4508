/* kdl-edit-dialog.c
 *
 * The original on the left (read-only), the edit on the right, and under
 * them the structure check of the edit as it is typed (the check the
 * runner ran, with the row's MCQs as originals when the template used
 * them), so a reviewer sees at once whether the edit would pass
 * "structure ok" in an export.  Saving stores the edit beside the
 * original (kdl_store_set_edit_async); an edit equal to the original
 * drops the edit instead.  The original is never changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-review"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-edit-dialog.h"
#include "kdl-exam-parser.h"

#define CHECK_DELAY_MS 250

struct _KdlEditDialog
{
  AdwWindow          parent_instance;

  KdlStore          *store;
  gint64             item_id;
  char              *original;
  char              *row_mcq;      /* originals to keep, or NULL */
  KdlStructureCheck *check;
  guint              check_id;
  gboolean           saving;

  AdwWindowTitle    *window_title;
  GtkTextView       *original_view;
  GtkTextView       *edit_view;
  GtkLabel          *check_label;
  GtkLabel          *problems_label;
  GtkLabel          *error_label;
};

G_DEFINE_FINAL_TYPE (KdlEditDialog, kdl_edit_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
run_check (KdlEditDialog *self)
{
  g_autofree char *text = kdl_edit_dialog_dup_text (self);
  g_autoptr(KdlExam) originals = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  g_clear_handle_id (&self->check_id, g_source_remove);

  if (self->row_mcq != NULL)
    originals = kdl_exam_parse_combined (self->row_mcq);

  g_clear_pointer (&self->check, kdl_structure_check_free);
  self->check = kdl_structure_check_run (text, originals != NULL ? originals->mcqs : NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "error");

  if (self->check->ok)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Structure check passed: %u question.",
                                                              "Structure check passed: %u questions.",
                                                              self->check->mcq_count),
                                                self->check->mcq_count);
      gtk_label_set_text (self->check_label, label);
      gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "success");
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
      return;
    }

  gtk_label_set_text (self->check_label,
                      _("Structure check failed: this edit is left out of exports that ask for a passed check."));
  gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "error");

  for (guint i = 0; i < self->check->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (self->check->problems, i);

      g_string_append_printf (problems, "%s• %s", i > 0 ? "\n" : "", problem->message);
    }
  gtk_label_set_text (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);
}

static gboolean
check_cb (gpointer data)
{
  KdlEditDialog *self = data;

  self->check_id = 0;
  run_check (self);

  return G_SOURCE_REMOVE;
}

static void
on_edit_changed (GtkTextBuffer *buffer,
                 KdlEditDialog *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_cb, self);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KdlEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.save", TRUE);

  if (!kdl_store_set_edit_finish (KDL_STORE (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The edit was not saved: %s"), error->message);

      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->item_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * kdl_edit_dialog_save:
 *
 * Stores the edit (or drops it when the text is the original again), then
 * emits ::saved and closes; on failure it stays open and says why.
 */
void
kdl_edit_dialog_save (KdlEditDialog *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KDL_IS_EDIT_DIALOG (self));

  if (self->saving)
    return;

  text = kdl_edit_dialog_dup_text (self);
  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.save", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  kdl_store_set_edit_async (self->store, self->item_id,
                            g_strcmp0 (text, self->original) == 0 ? NULL : text,
                            on_saved, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kdl_edit_dialog_save (KDL_EDIT_DIALOG (widget));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdlEditDialog *self = KDL_EDIT_DIALOG (widget);

  kdl_edit_dialog_set_text (self, self->original);
}

static void
kdl_edit_dialog_dispose (GObject *object)
{
  KdlEditDialog *self = (KdlEditDialog *)object;

  g_clear_handle_id (&self->check_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_EDIT_DIALOG);

  G_OBJECT_CLASS (kdl_edit_dialog_parent_class)->dispose (object);
}

static void
kdl_edit_dialog_finalize (GObject *object)
{
  KdlEditDialog *self = (KdlEditDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->original, g_free);
  g_clear_pointer (&self->row_mcq, g_free);
  g_clear_pointer (&self->check, kdl_structure_check_free);

  G_OBJECT_CLASS (kdl_edit_dialog_parent_class)->finalize (object);
}

static void
kdl_edit_dialog_class_init (KdlEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_edit_dialog_dispose;
  object_class->finalize = kdl_edit_dialog_finalize;

  /**
   * KdlEditDialog::saved:
   * @item_id: the item whose edit was stored (or dropped)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlEditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdlEditDialog, original_view);
  gtk_widget_class_bind_template_child (widget_class, KdlEditDialog, edit_view);
  gtk_widget_class_bind_template_child (widget_class, KdlEditDialog, check_label);
  gtk_widget_class_bind_template_child (widget_class, KdlEditDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KdlEditDialog, error_label);

  gtk_widget_class_install_action (widget_class, "edit.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "edit.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "edit.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "edit.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kdl_edit_dialog_init (KdlEditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->edit_view), "changed",
                           G_CALLBACK (on_edit_changed), self, 0);
}

/**
 * kdl_edit_dialog_new:
 * @sample: the sample to edit (what is needed is copied)
 */
KdlEditDialog *
kdl_edit_dialog_new (GtkWindow             *parent,
                     KdlStore              *store,
                     const KdlReviewSample *sample)
{
  KdlEditDialog *self;
  g_autofree char *subtitle = NULL;
  const char *edit;

  g_return_val_if_fail (KDL_IS_STORE (store), NULL);
  g_return_val_if_fail (sample != NULL, NULL);

  self = g_object_new (KDL_TYPE_EDIT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->item_id = kdl_review_sample_get_review_item (sample);
  self->original = g_strdup (kdl_review_sample_get_original (sample));
  if (sample->uses_mcq)
    self->row_mcq = g_strdup (sample->row_mcq);

  /* Translators: the edit window's subtitle: a row id and a 1-based draft number */
  subtitle = g_strdup_printf (_("Row %u · draft %u"), sample->row, sample->item->variant + 1);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->original_view),
                            self->original ? self->original : "", -1);
  edit = kdl_review_sample_get_edit (sample);
  kdl_edit_dialog_set_text (self, edit ? edit : self->original);
  run_check (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->edit_view));

  return self;
}

gint64
kdl_edit_dialog_get_item_id (KdlEditDialog *self)
{
  g_return_val_if_fail (KDL_IS_EDIT_DIALOG (self), 0);

  return self->item_id;
}

char *
kdl_edit_dialog_dup_text (KdlEditDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (KDL_IS_EDIT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->edit_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
kdl_edit_dialog_set_text (KdlEditDialog *self,
                          const char    *text)
{
  g_return_if_fail (KDL_IS_EDIT_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->edit_view), text ? text : "", -1);
}

/**
 * kdl_edit_dialog_get_check:
 *
 * Returns: (transfer none): the structure check of the edit (checked
 *   again now if it was typed since)
 */
const KdlStructureCheck *
kdl_edit_dialog_get_check (KdlEditDialog *self)
{
  g_return_val_if_fail (KDL_IS_EDIT_DIALOG (self), NULL);

  if (self->check_id != 0 || self->check == NULL)
    run_check (self);

  return self->check;
}
