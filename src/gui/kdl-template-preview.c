/* kdl-template-preview.c
 *
 * The prompt a template makes for one row, as the runner would send it,
 * with its size in characters and estimated tokens
 * (kdl_text_estimate_tokens()), the render error (an unknown placeholder
 * or a lone brace, with its line) or the warnings (variables that are
 * empty in this row) above it.  When rendering fails the last prompt stays
 * visible, dimmed, so typing a brace does not make the text jump.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-template-preview.h"
#include "kdl-token-estimate.h"

struct _KdlTemplatePreview
{
  AdwBin       parent_instance;

  char        *text;        /* the last successful render, NULL after an error */
  char        *error;
  char        *warning_note;
  GPtrArray   *warnings;    /* of char*: the render's */
  guint        n_chars;
  guint        n_tokens;
  guint        n_renders;

  GtkLabel    *row_label;
  GtkLabel    *counts_label;
  GtkLabel    *note_label;
  GtkLabel    *error_label;
  GtkLabel    *warnings_label;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (KdlTemplatePreview, kdl_template_preview, ADW_TYPE_BIN)

static void
kdl_template_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KDL_TYPE_TEMPLATE_PREVIEW);

  G_OBJECT_CLASS (kdl_template_preview_parent_class)->dispose (object);
}

static void
kdl_template_preview_finalize (GObject *object)
{
  KdlTemplatePreview *self = (KdlTemplatePreview *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->warning_note, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (kdl_template_preview_parent_class)->finalize (object);
}

static void
kdl_template_preview_class_init (KdlTemplatePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_template_preview_dispose;
  object_class->finalize = kdl_template_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-template-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlTemplatePreview, row_label);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplatePreview, counts_label);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplatePreview, note_label);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplatePreview, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplatePreview, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplatePreview, text_view);
}

static void
kdl_template_preview_init (KdlTemplatePreview *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdl_template_preview_new (void)
{
  return g_object_new (KDL_TYPE_TEMPLATE_PREVIEW, NULL);
}

/* Two fixed labels rather than one per problem: a box that starts empty
 * measures its height as if nothing wrapped (GTK 4.8), and the text then
 * overlaps the prompt. */
static void
show_problems (KdlTemplatePreview *self)
{
  g_autoptr(GString) warnings = g_string_new (NULL);

  if (self->warning_note != NULL)
    g_string_append (warnings, self->warning_note);
  for (guint i = 0; i < self->warnings->len; i++)
    {
      if (warnings->len > 0)
        g_string_append_c (warnings, '\n');
      g_string_append (warnings, g_ptr_array_index (self->warnings, i));
    }

  gtk_label_set_text (self->error_label, self->error != NULL ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
  gtk_label_set_text (self->warnings_label, warnings->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings->len > 0);
}

static void
show_counts (KdlTemplatePreview *self)
{
  g_autofree char *chars = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *counts = NULL;

  if (self->text == NULL)
    {
      gtk_label_set_text (self->counts_label, self->error != NULL ? _("Not rendered: fix the error above") : "");
      return;
    }

  chars = g_strdup_printf (ngettext ("%u character", "%u characters", self->n_chars), self->n_chars);
  tokens = g_strdup_printf (ngettext ("about %u token", "about %u tokens", self->n_tokens), self->n_tokens);
  /* Translators: "1234 characters · about 1100 tokens" */
  counts = g_strdup_printf (_("%s · %s"), chars, tokens);
  gtk_label_set_text (self->counts_label, counts);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counts_label),
                               _("Tokens are estimated: a Chinese character counts about 1, "
                                 "an English word about 1.3. Spark reports the real count for each call."));
}

/**
 * kdl_template_preview_render:
 * @template: the template as edited
 * @variables: (element-type utf8 utf8): the row's variables
 *
 * Returns: whether it rendered; otherwise the error is shown
 */
gboolean
kdl_template_preview_render (KdlTemplatePreview *self,
                             KdlTemplate        *template,
                             GHashTable         *variables)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), FALSE);
  g_return_val_if_fail (KDL_IS_TEMPLATE (template), FALSE);

  self->n_renders++;
  text = kdl_template_render (template, variables, &warnings, &error);

  g_clear_pointer (&self->error, g_free);
  g_ptr_array_set_size (self->warnings, 0);

  if (text == NULL)
    {
      self->error = g_strdup (error->message);
      g_clear_pointer (&self->text, g_free);
      gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "dim-label");
    }
  else
    {
      for (guint i = 0; i < warnings->len; i++)
        {
          const KdlRenderWarning *warning = g_ptr_array_index (warnings, i);
          g_ptr_array_add (self->warnings, g_strdup (warning->message));
        }

      self->n_chars = g_utf8_strlen (text, -1);
      self->n_tokens = kdl_text_estimate_tokens (text, -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
      gtk_widget_remove_css_class (GTK_WIDGET (self->text_view), "dim-label");
      g_free (self->text);
      self->text = g_steal_pointer (&text);
    }

  show_problems (self);
  show_counts (self);

  return self->error == NULL;
}

/* Nothing to show (no template open). */
void
kdl_template_preview_clear (KdlTemplatePreview *self)
{
  g_return_if_fail (KDL_IS_TEMPLATE_PREVIEW (self));

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->error, g_free);
  g_ptr_array_set_size (self->warnings, 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  show_problems (self);
  show_counts (self);
}

/* @label: (nullable): which row is shown, "Row 12 (3 of 8)" */
void
kdl_template_preview_set_row_label (KdlTemplatePreview *self,
                                    const char         *label)
{
  g_return_if_fail (KDL_IS_TEMPLATE_PREVIEW (self));
  gtk_label_set_text (self->row_label, label ? label : "");
}

/**
 * kdl_template_preview_set_notes:
 * @info: (nullable): how to read the preview ("{generated} is a sample")
 * @warning: (nullable): a problem with the choice of template (its
 *   language is not the dataset's), shown with the render's warnings
 */
void
kdl_template_preview_set_notes (KdlTemplatePreview *self,
                                const char         *info,
                                const char         *warning)
{
  g_return_if_fail (KDL_IS_TEMPLATE_PREVIEW (self));

  gtk_label_set_text (self->note_label, info ? info : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), info != NULL && info[0] != '\0');

  g_free (self->warning_note);
  self->warning_note = g_strdup (warning);
  show_problems (self);
}

/* Returns: (nullable): the prompt, %NULL when it did not render */
const char *
kdl_template_preview_get_text (KdlTemplatePreview *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), NULL);
  return self->text;
}

/* Returns: (nullable): why it did not render */
const char *
kdl_template_preview_get_error (KdlTemplatePreview *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), NULL);
  return self->error;
}

/* Returns: (transfer full): the warnings shown (the note's first) */
GStrv
kdl_template_preview_dup_warnings (KdlTemplatePreview *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), NULL);

  if (self->warning_note != NULL)
    g_strv_builder_add (builder, self->warning_note);
  for (guint i = 0; i < self->warnings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->warnings, i));

  return g_strv_builder_end (builder);
}

guint
kdl_template_preview_get_n_chars (KdlTemplatePreview *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), 0);
  return self->text != NULL ? self->n_chars : 0;
}

guint
kdl_template_preview_get_n_tokens (KdlTemplatePreview *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), 0);
  return self->text != NULL ? self->n_tokens : 0;
}

/* How often it rendered: tests wait for the next one. */
guint
kdl_template_preview_get_n_renders (KdlTemplatePreview *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_PREVIEW (self), 0);
  return self->n_renders;
}
