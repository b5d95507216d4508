/* kdl-template-list.c
 *
 * A GtkListBox over the KdlTemplateLibrary (tens of entries, so a row
 * widget each is fine), in two sections: the built-ins, then the user's
 * templates.  Each row names the template and says what it is: built-in
 * (or built-in with your changes), its language, generate or judge.
 *
 * :selected is the entry the user picked.  It survives a reload of the
 * library (found again by its key) and a list that momentarily has no
 * selected row; the view decides whether the editor follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template-list"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-template-list.h"

struct _KdlTemplateList
{
  AdwBin              parent_instance;

  KdlTemplateLibrary *library;
  KdlTemplateEntry   *selected;
  gboolean            modified;
  guint               selecting;

  GtkListBox         *list_box;
  GtkLabel           *errors_label;
};

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdlTemplateList, kdl_template_list, ADW_TYPE_BIN)

static const char *
language_name (const char *language)
{
  if (g_strcmp0 (language, "zh") == 0)
    return _("Chinese");
  if (g_strcmp0 (language, "en") == 0)
    return _("English");
  /* Translators: a template for passages in any language */
  return _("Any language");
}

/**
 * kdl_template_list_describe:
 *
 * Returns: (transfer full): "Built-in · Chinese · Generate" and the like
 */
char *
kdl_template_list_describe (KdlTemplateEntry *entry)
{
  const char *origin;
  const char *kind;

  if (kdl_template_entry_get_overridden (entry))
    origin = _("Built-in, changed");
  else if (kdl_template_entry_is_builtin (entry))
    origin = _("Built-in");
  else
    /* Translators: a template the user made, as opposed to a built-in */
    origin = _("Yours");

  kind = kdl_template_entry_get_kind (entry) == KDL_TEMPLATE_KIND_JUDGE ? _("Judge") : _("Generate");

  /* Translators: "Built-in · Chinese · Generate" */
  return g_strdup_printf (_("%s · %s · %s"), origin, language_name (kdl_template_entry_get_language (entry)), kind);
}

static KdlTemplateEntry *
row_entry (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "kdl-entry") : NULL;
}

static void
update_row (GtkListBoxRow *row)
{
  KdlTemplateEntry *entry = row_entry (row);
  GtkLabel *name = g_object_get_data (G_OBJECT (row), "kdl-name");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (row), "kdl-subtitle");
  g_autofree char *description = kdl_template_list_describe (entry);
  const char *about = kdl_template_entry_get_description (entry);

  gtk_label_set_text (name, kdl_template_entry_get_name (entry));
  gtk_label_set_text (subtitle, description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), about != NULL && about[0] != '\0' ? about : NULL);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KdlTemplateEntry *entry = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *dot = gtk_label_new ("•");
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, FALSE);
  gtk_box_append (GTK_BOX (line), name);

  gtk_widget_set_visible (dot, FALSE);
  gtk_widget_add_css_class (dot, "accent");
  gtk_widget_set_tooltip_text (dot, _("Unsaved changes"));
  gtk_box_append (GTK_BOX (line), dot);
  gtk_box_append (GTK_BOX (box), line);

  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), subtitle);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "kdl-entry", g_object_ref (entry), g_object_unref);
  g_object_set_data (G_OBJECT (row), "kdl-name", name);
  g_object_set_data (G_OBJECT (row), "kdl-dot", dot);
  g_object_set_data (G_OBJECT (row), "kdl-subtitle", subtitle);
  update_row (GTK_LIST_BOX_ROW (row));
  g_signal_connect_object (entry, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);

  return row;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  KdlTemplateEntry *entry = row_entry (row);
  gboolean builtin = kdl_template_entry_is_builtin (entry);
  GtkWidget *header;

  if (before != NULL && kdl_template_entry_is_builtin (row_entry (before)) == builtin)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (builtin ? _("Built-in") : _("Your Templates"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 0);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_list_box_row_set_header (row, header);
}

static GtkListBoxRow *
find_row (KdlTemplateList  *self,
          KdlTemplateEntry *entry)
{
  GtkListBoxRow *row;

  for (int i = 0; entry != NULL && (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (row_entry (row) == entry)
      return row;

  return NULL;
}

static void
update_dots (KdlTemplateList *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "kdl-dot"),
                            self->modified && row_entry (row) == self->selected);
}

static void
set_selected (KdlTemplateList  *self,
              KdlTemplateEntry *entry)
{
  if (g_set_object (&self->selected, entry))
    {
      update_dots (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

static void
on_row_selected (KdlTemplateList *self,
                 GtkListBoxRow   *row)
{
  /* No row for a moment (the model changed): the pick still stands. */
  if (row == NULL || self->selecting > 0)
    return;

  set_selected (self, row_entry (row));
}

static void
update_errors (KdlTemplateList *self)
{
  GPtrArray *errors = kdl_template_library_get_errors (self->library);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, error->message);
    }

  gtk_label_set_text (self->errors_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), text->len > 0);
}

/* After the list box made its rows: the pick is selected again, found by
 * its key when a reload replaced the entries. */
static void
on_items_changed (KdlTemplateList *self)
{
  KdlTemplateEntry *entry = self->selected;

  if (entry != NULL && find_row (self, entry) == NULL)
    entry = kdl_template_library_lookup_key (self->library, kdl_template_entry_get_key (entry));

  update_errors (self);

  if (entry == NULL)
    {
      set_selected (self, NULL);
      return;
    }

  kdl_template_list_select (self, entry);
}

static void
kdl_template_list_dispose (GObject *object)
{
  KdlTemplateList *self = (KdlTemplateList *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_TEMPLATE_LIST);
  g_clear_object (&self->library);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (kdl_template_list_parent_class)->dispose (object);
}

static void
kdl_template_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdlTemplateList *self = KDL_TEMPLATE_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_template_list_class_init (KdlTemplateListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_template_list_dispose;
  object_class->get_property = kdl_template_list_get_property;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, KDL_TYPE_TEMPLATE_ENTRY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-template-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateList, list_box);
  gtk_widget_class_bind_template_child (widget_class, KdlTemplateList, errors_label);
}

static void
kdl_template_list_init (KdlTemplateList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
  g_signal_connect_object (self->list_box, "row-selected", G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
}

GtkWidget *
kdl_template_list_new (void)
{
  return g_object_new (KDL_TYPE_TEMPLATE_LIST, NULL);
}

void
kdl_template_list_set_library (KdlTemplateList    *self,
                               KdlTemplateLibrary *library)
{
  g_return_if_fail (KDL_IS_TEMPLATE_LIST (self));
  g_return_if_fail (KDL_IS_TEMPLATE_LIBRARY (library));
  g_return_if_fail (self->library == NULL);

  self->library = g_object_ref (library);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (library), create_row, self, NULL);
  /* Connected after the list box's own handler: the rows exist. */
  g_signal_connect_object (library, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  update_errors (self);
}

/* Returns: (transfer none) (nullable): the entry the user picked */
KdlTemplateEntry *
kdl_template_list_get_selected (KdlTemplateList *self)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE_LIST (self), NULL);
  return self->selected;
}

/**
 * kdl_template_list_select:
 * @entry: (nullable): an entry of the library
 *
 * Selects @entry's row; :selected notifies when it is another entry.
 */
void
kdl_template_list_select (KdlTemplateList  *self,
                          KdlTemplateEntry *entry)
{
  GtkListBoxRow *row;

  g_return_if_fail (KDL_IS_TEMPLATE_LIST (self));

  row = find_row (self, entry);
  self->selecting++;
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
  else
    gtk_list_box_unselect_all (self->list_box);
  self->selecting--;

  set_selected (self, row != NULL ? entry : NULL);
  update_dots (self);
}

/* Marks the selected row as having unsaved changes. */
void
kdl_template_list_set_modified (KdlTemplateList *self,
                                gboolean         modified)
{
  g_return_if_fail (KDL_IS_TEMPLATE_LIST (self));

  self->modified = modified;
  update_dots (self);
}
