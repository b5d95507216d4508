/* kdl-template-editor.c
 *
 * The header as widgets (kind, language, temperature, max_tokens, for a
 * judge score_max and score_pattern, description) above the prompt in a
 * GtkSourceView, and the variable palette under it.  The name is not
 * edited here: it is the file's name (rename is an action of the view).
 *
 * Placeholders get text tags from kdl_template_scan_placeholders()
 * against the variables the view gives (the previewed row's, or the
 * standard ones): known, unknown, or a lone brace.  Tags and ::changed
 * follow an edit after KDL_TEMPLATE_EDITOR_THROTTLE ms, at most that often
 * while typing; :modified follows at once.
 *
 * Undo and redo are the buffer's (Ctrl+Z, Ctrl+Shift+Z); loading a
 * template cannot be undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-template-editor.h"
#include "kdl-variable-palette.h"

struct _KdlTemplateEditor
{
  AdwBin              parent_instance;

  KdlTemplate        *baseline;       /* the saved state :modified compares with */
  GHashTable         *known;          /* variable names, or NULL: the standard ones */
  guint               throttle_id;
  guint               loading;
  gboolean            modified;

  GtkWidget          *fields;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *language_dropdown;
  GtkSpinButton      *temperature_spin;
  GtkSpinButton      *max_tokens_spin;
  GtkWidget          *score_max_field;
  GtkSpinButton      *score_max_spin;
  GtkEntry           *description_entry;
  GtkEntry           *score_pattern_entry;
  GtkSourceView      *source_view;
  GtkSourceBuffer    *buffer;
  KdlVariablePalette *palette;
};

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdlTemplateEditor, kdl_template_editor, ADW_TYPE_BIN)

static const char * const languages[] = { NULL, "zh", "en" };

static guint
language_index (const char *language)
{
  language = kdl_template_normalize_language (language);

  for (guint i = 1; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i], language) == 0)
      return i;

  return 0;
}

static void
retag (KdlTemplateEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tags[3];
  g_autoptr(GPtrArray) placeholders = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  tags[KDL_PLACEHOLDER_KNOWN] = gtk_text_tag_table_lookup (table, KDL_TEMPLATE_EDITOR_TAG_KNOWN);
  tags[KDL_PLACEHOLDER_UNKNOWN] = gtk_text_tag_table_lookup (table, KDL_TEMPLATE_EDITOR_TAG_UNKNOWN);
  tags[KDL_PLACEHOLDER_INVALID] = gtk_text_tag_table_lookup (table, KDL_TEMPLATE_EDITOR_TAG_INVALID);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    gtk_text_buffer_remove_tag (buffer, tags[i], &start, &end);

  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  placeholders = kdl_template_scan_placeholders (text, -1, 1, self->known);

  for (guint i = 0; i < placeholders->len; i++)
    {
      const KdlPlaceholder *ph = g_ptr_array_index (placeholders, i);
      GtkTextIter from, to;

      gtk_text_buffer_get_iter_at_offset (buffer, &from, ph->start_char);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, ph->end_char);
      gtk_text_buffer_apply_tag (buffer, tags[ph->status], &from, &to);
    }
}

static gboolean
fields_differ (KdlTemplateEditor *self)
{
  KdlTemplate *base = self->baseline;
  KdlTemplateKind kind = gtk_drop_down_get_selected (self->kind_dropdown) == 1 ? KDL_TEMPLATE_KIND_JUDGE
                                                                              : KDL_TEMPLATE_KIND_GENERATE;
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_entry));
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->score_pattern_entry));
  const char *base_description = kdl_template_get_description (base);
  const char *base_pattern = kdl_template_get_score_pattern (base);

  if (kind != kdl_template_get_kind (base) ||
      gtk_drop_down_get_selected (self->language_dropdown) != language_index (kdl_template_get_language (base)) ||
      gtk_spin_button_get_value (self->temperature_spin) != kdl_template_get_temperature (base) ||
      gtk_spin_button_get_value_as_int (self->max_tokens_spin) != kdl_template_get_max_tokens (base) ||
      g_strcmp0 (description, base_description ? base_description : "") != 0)
    return TRUE;

  if (kind == KDL_TEMPLATE_KIND_JUDGE &&
      (gtk_spin_button_get_value_as_int (self->score_max_spin) != kdl_template_get_score_max (base) ||
       g_strcmp0 (pattern, base_pattern ? base_pattern : "") != 0))
    return TRUE;

  return FALSE;
}

static void
update_modified (KdlTemplateEditor *self)
{
  gboolean modified = FALSE;

  if (self->baseline != NULL)
    {
      g_autofree char *body = kdl_template_editor_dup_body (self);

      modified = g_strcmp0 (body, kdl_template_get_body (self->baseline)) != 0 || fields_differ (self);
    }

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static gboolean
on_throttle (gpointer data)
{
  KdlTemplateEditor *self = data;

  self->throttle_id = 0;
  retag (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
edited (KdlTemplateEditor *self)
{
  if (self->loading > 0)
    return;

  update_modified (self);
  if (self->throttle_id == 0)
    self->throttle_id = g_timeout_add (KDL_TEMPLATE_EDITOR_THROTTLE, on_throttle, self);
}

static void
update_judge_fields (KdlTemplateEditor *self)
{
  gboolean judge = gtk_drop_down_get_selected (self->kind_dropdown) == 1;

  gtk_widget_set_visible (self->score_max_field, judge);
  gtk_widget_set_visible (GTK_WIDGET (self->score_pattern_entry), judge);
}

static void
on_kind_changed (KdlTemplateEditor *self)
{
  update_judge_fields (self);
  edited (self);
}

/* An invalid pattern is marked where it is typed, not when saving. */
static void
on_pattern_changed (KdlTemplateEditor *self)
{
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->score_pattern_entry));
  g_autoptr(KdlTemplate) probe = kdl_template_new ("probe", KDL_TEMPLATE_KIND_JUDGE);
  g_autoptr(GError) error = NULL;

  if (kdl_template_set_score_pattern (probe, pattern, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->score_pattern_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_pattern_entry),
                                   _("A regular expression whose one group “( )” is the score; "
                                     "leave it empty to read “总分:XX分” and its variants"));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->score_pattern_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_pattern_entry), error->message);
    }

  edited (self);
}

static void
on_palette_insert (KdlTemplateEditor *self,
                   const char        *name)
{
  kdl_template_editor_insert_placeholder (self, name);
}

static void
update_style (KdlTemplateEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->buffer));

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);

  /* GNOME palette: blue for variables, red for mistakes. */
  g_object_set (gtk_text_tag_table_lookup (table, KDL_TEMPLATE_EDITOR_TAG_KNOWN),
                "foreground", dark ? "#99c1f1" : "#1a5fb4",
                "background", dark ? "rgba(53,132,228,0.25)" : "rgba(53,132,228,0.12)",
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, KDL_TEMPLATE_EDITOR_TAG_UNKNOWN),
                "foreground", dark ? "#ff7b63" : "#c01c28",
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, KDL_TEMPLATE_EDITOR_TAG_INVALID),
                "background", dark ? "rgba(224,27,36,0.45)" : "rgba(224,27,36,0.25)",
                NULL);
}

static void
create_tags (KdlTemplateEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GdkRGBA red = { 0.88, 0.11, 0.14, 1 };

  gtk_text_buffer_create_tag (buffer, KDL_TEMPLATE_EDITOR_TAG_KNOWN, NULL);
  gtk_text_buffer_create_tag (buffer, KDL_TEMPLATE_EDITOR_TAG_UNKNOWN,
                              "underline", PANGO_UNDERLINE_ERROR,
                              "underline-rgba", &red,
                              NULL);
  gtk_text_buffer_create_tag (buffer, KDL_TEMPLATE_EDITOR_TAG_INVALID, NULL);
}

static void
kdl_template_editor_dispose (GObject *object)
{
  KdlTemplateEditor *self = (KdlTemplateEditor *)object;

  g_clear_handle_id (&self->throttle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_TEMPLATE_EDITOR);

  G_OBJECT_CLASS (kdl_template_editor_parent_class)->dispose (object);
}

static void
kdl_template_editor_finalize (GObject *object)
{
  KdlTemplateEditor *self = (KdlTemplateEditor *)object;

  g_clear_object (&self->baseline);
  g_clear_pointer (&self->known, g_hash_table_unref);

  G_OBJECT_CLASS (kdl_template_editor_parent_class)->finalize (object);
}

static void
kdl_template_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdlTemplateEditor *self = KDL_TEMPLATE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_template_editor_class_init (KdlTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_template_editor_dispose;
  object_class->finalize = kdl_template_editor_finalize;
  object_class->get_property = kdl_template_editor_get_property;

  /**
   * KdlTemplateEditor:modified:
   *
   * Whether the fields or the prompt differ from the saved template.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlTemplateEditor::changed:
   *
   * The template changed: at most every KDL_TEMPLATE_EDITOR_THROTTLE ms
   * while typing, at once when a template is loaded.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* TESTING.md: GtkSourceView types before the template is parsed. */
  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (KDL_TYPE_VARIABLE_PALETTE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, fields);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, temperature_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, max_tokens_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, score_max_field);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, score_max_spin);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, description_entry);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, score_pattern_entry);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateEditor, palette);
}

static void
kdl_template_editor_init (KdlTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  /* Braces are placeholders here, not code: no bracket matching. */
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
  create_tags (self);
  update_style (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_dropdown, "notify::selected", G_CALLBACK (edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->temperature_spin, "value-changed", G_CALLBACK (edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_tokens_spin, "value-changed", G_CALLBACK (edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->score_max_spin, "value-changed", G_CALLBACK (edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->description_entry, "changed", G_CALLBACK (edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->score_pattern_entry, "changed", G_CALLBACK (on_pattern_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->palette, "insert", G_CALLBACK (on_palette_insert), self, G_CONNECT_SWAPPED);

  update_judge_fields (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
kdl_template_editor_new (void)
{
  return g_object_new (KDL_TYPE_TEMPLATE_EDITOR, NULL);
}

/**
 * kdl_template_editor_set_template:
 * @template: what to edit (copied); it becomes the saved state
 * @builtin: whether it is a built-in, whose kind and language are fixed
 *
 * Fills the fields and the prompt.  Loading is not an undoable step and
 * leaves the editor unmodified; ::changed is emitted at once.
 */
void
kdl_template_editor_set_template (KdlTemplateEditor *self,
                                  KdlTemplate       *template,
                                  gboolean           builtin)
{
  const char *description;
  const char *pattern;
  GtkTextIter start;

  g_return_if_fail (KDL_IS_TEMPLATE_EDITOR (self));
  g_return_if_fail (KDL_IS_TEMPLATE (template));

  self->loading++;

  g_set_object (&self->baseline, template);
  description = kdl_template_get_description (template);
  pattern = kdl_template_get_score_pattern (template);

  gtk_drop_down_set_selected (self->kind_dropdown, kdl_template_get_kind (template) == KDL_TEMPLATE_KIND_JUDGE);
  gtk_drop_down_set_selected (self->language_dropdown, language_index (kdl_template_get_language (template)));
  gtk_spin_button_set_value (self->temperature_spin, kdl_template_get_temperature (template));
  gtk_spin_button_set_value (self->max_tokens_spin, kdl_template_get_max_tokens (template));
  gtk_spin_button_set_value (self->score_max_spin, MAX (1, kdl_template_get_score_max (template)));
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry), description ? description : "");
  gtk_editable_set_text (GTK_EDITABLE (self->score_pattern_entry), pattern ? pattern : "");

  {
    const char *tooltip = builtin ? _("A built-in’s kind and language are fixed; duplicate it to change them") : NULL;

    gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), !builtin);
    gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), !builtin);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_dropdown), tooltip);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->language_dropdown), tooltip);
  }

  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), kdl_template_get_body (template), -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);

  update_judge_fields (self);
  self->loading--;

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  update_modified (self);
  kdl_template_editor_update_now (self);
}

/**
 * kdl_template_editor_rebase:
 * @saved: the template as it is now saved (after a save or a rename)
 *
 * Makes @saved the state :modified compares with, leaving the fields, the
 * prompt and the undo history as they are.
 */
void
kdl_template_editor_rebase (KdlTemplateEditor *self,
                            KdlTemplate       *saved)
{
  g_return_if_fail (KDL_IS_TEMPLATE_EDITOR (self));
  g_return_if_fail (KDL_IS_TEMPLATE (saved));

  g_set_object (&self->baseline, saved);
  update_modified (self);
}

/* Returns: (transfer full): the prompt as it is in the editor */
char *
kdl_template_editor_dup_body (KdlTemplateEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

KdlTemplateKind
kdl_template_editor_get_kind (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), KDL_TEMPLATE_KIND_GENERATE);

  return gtk_drop_down_get_selected (self->kind_dropdown) == 1 ? KDL_TEMPLATE_KIND_JUDGE
                                                               : KDL_TEMPLATE_KIND_GENERATE;
}

int
kdl_template_editor_get_score_max (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), 0);
  return gtk_spin_button_get_value_as_int (self->score_max_spin);
}

/* Returns: the score pattern as typed, valid or not ("" for none) */
const char *
kdl_template_editor_get_score_pattern (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->score_pattern_entry));
}

/* Returns: (nullable): the template's name (%NULL before one is loaded) */
const char *
kdl_template_editor_get_name (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);

  return self->baseline != NULL ? kdl_template_get_name (self->baseline) : NULL;
}

/**
 * kdl_template_editor_dup_template:
 *
 * Returns: (transfer full) (nullable): the template as edited, or %NULL
 *   with @error when the score pattern is not a valid expression (or
 *   nothing is loaded)
 */
KdlTemplate *
kdl_template_editor_dup_template (KdlTemplateEditor  *self,
                                  GError            **error)
{
  g_autoptr(KdlTemplate) template = NULL;
  g_autofree char *body = NULL;
  KdlTemplateKind kind;

  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);

  if (self->baseline == NULL)
    {
      g_set_error_literal (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
                           _("No template is open; pick one in the list"));
      return NULL;
    }

  kind = kdl_template_editor_get_kind (self);
  template = kdl_template_new (kdl_template_get_name (self->baseline), kind);
  kdl_template_set_description (template, gtk_editable_get_text (GTK_EDITABLE (self->description_entry)));
  kdl_template_set_language (template, languages[gtk_drop_down_get_selected (self->language_dropdown) % G_N_ELEMENTS (languages)]);
  kdl_template_set_temperature (template, gtk_spin_button_get_value (self->temperature_spin));
  kdl_template_set_max_tokens (template, gtk_spin_button_get_value_as_int (self->max_tokens_spin));

  if (kind == KDL_TEMPLATE_KIND_JUDGE)
    {
      kdl_template_set_score_max (template, gtk_spin_button_get_value_as_int (self->score_max_spin));
      if (!kdl_template_set_score_pattern (template, gtk_editable_get_text (GTK_EDITABLE (self->score_pattern_entry)), error))
        return NULL;
    }

  body = kdl_template_editor_dup_body (self);
  kdl_template_set_body (template, body);

  return g_steal_pointer (&template);
}

gboolean
kdl_template_editor_get_modified (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), FALSE);
  return self->modified;
}

/**
 * kdl_template_editor_set_variables:
 * @variables: (nullable) (element-type utf8 utf8): the previewed row's
 *   variables (name → value); %NULL: the standard variables
 *
 * Placeholders are checked against these names, and the palette offers
 * them.  Re-tags at once.
 */
void
kdl_template_editor_set_variables (KdlTemplateEditor *self,
                                   GHashTable        *variables)
{
  g_return_if_fail (KDL_IS_TEMPLATE_EDITOR (self));

  g_clear_pointer (&self->known, g_hash_table_unref);
  if (variables != NULL)
    self->known = g_hash_table_ref (variables);

  kdl_variable_palette_set_variables (self->palette, variables);
  retag (self);
}

/**
 * kdl_template_editor_insert_placeholder:
 * @name: a variable
 *
 * Puts "{name}" at the cursor (over the selection), as one undoable step,
 * and gives the prompt the keyboard focus.
 */
void
kdl_template_editor_insert_placeholder (KdlTemplateEditor *self,
                                        const char        *name)
{
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;

  g_return_if_fail (KDL_IS_TEMPLATE_EDITOR (self));
  g_return_if_fail (name != NULL);

  if (self->baseline == NULL)
    return;

  buffer = GTK_TEXT_BUFFER (self->buffer);
  text = g_strdup_printf ("{%s}", name);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view), gtk_text_buffer_get_insert (buffer));
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* Tags and ::changed now, instead of after the throttle. */
void
kdl_template_editor_update_now (KdlTemplateEditor *self)
{
  g_return_if_fail (KDL_IS_TEMPLATE_EDITOR (self));

  g_clear_handle_id (&self->throttle_id, g_source_remove);
  on_throttle (self);
}

GtkSourceBuffer *
kdl_template_editor_get_buffer (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);
  return self->buffer;
}

GtkSourceView *
kdl_template_editor_get_view (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);
  return self->source_view;
}

KdlVariablePalette *
kdl_template_editor_get_palette (KdlTemplateEditor *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_EDITOR (self), NULL);
  return self->palette;
}
