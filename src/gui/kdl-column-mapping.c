/* kdl-column-mapping.c
 *
 * One combo row per variable — reading, questions, answers and any the
 * user added — listing the dataset's columns.  Every change builds a new
 * KdlColumnMap (maps are immutable once shared with workers), applies it
 * with kdl_dataset_set_column_map() and emits "changed" so the view can
 * show the rows through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-column-mapping"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdl-column-mapping.h"

static const struct {
  const char *variable;
  const char *description;
} standard[] = {
  { "reading", N_("The passage") },
  { "questions", N_("The original questions") },
  { "answers", N_("Their answers (empty: read from the questions)") },
};

/* Variables a template gets from elsewhere, never from a column. */
static const char *reserved[] = { "row", "mcq", "reference", "generated", NULL };

struct _KdlColumnMapping
{
  AdwBin       parent_instance;

  KdlDataset  *dataset;
  GStrv        columns;
  GPtrArray   *rows;      /* AdwComboRow *, in list order */
  gboolean     updating;

  GtkListBox  *list;
  AdwEntryRow *add_row;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (KdlColumnMapping, kdl_column_mapping, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_variable (AdwComboRow *row)
{
  return g_object_get_data (G_OBJECT (row), "kdl-variable");
}

/* The column a row picks, NULL for “Not mapped” (item 0). */
static const char *
row_column (KdlColumnMapping *self,
            AdwComboRow      *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->columns == NULL)
    return NULL;
  return self->columns[selected - 1];
}

static AdwComboRow *
find_row (KdlColumnMapping *self,
          const char       *variable)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (row_variable (g_ptr_array_index (self->rows, i)), variable) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

static void
apply (KdlColumnMapping *self)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(KdlColumnMap) map = NULL;

  if (self->updating || self->dataset == NULL)
    return;

  for (guint i = 0; self->columns[i] != NULL; i++)
    g_ptr_array_add (columns, self->columns[i]);
  map = kdl_column_map_new (columns, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->rows, i);

      kdl_column_map_set (map, row_variable (row), row_column (self, row));
    }

  kdl_dataset_set_column_map (self->dataset, map);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_selected_changed (KdlColumnMapping *self)
{
  apply (self);
}

static void
on_remove_clicked (GtkButton        *button,
                   KdlColumnMapping *self)
{
  kdl_column_mapping_remove_variable (self, g_object_get_data (G_OBJECT (button), "kdl-variable"));
}

static AdwComboRow *
add_row (KdlColumnMapping *self,
         const char       *variable,
         const char       *description,
         const char       *column)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, _("Not mapped"));
  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      gtk_string_list_append (model, self->columns[i]);
      if (g_strcmp0 (self->columns[i], column) == 0)
        selected = i + 1;
    }

  g_object_set_data_full (G_OBJECT (row), "kdl-variable", g_strdup (variable), g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), variable);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);

  if (description == NULL)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the variable “%s”"), variable);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "kdl-variable", g_strdup (variable), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_selected_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->list, GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);

  return row;
}

static void
rebuild (KdlColumnMapping *self)
{
  g_autoptr(KdlColumnMap) map = NULL;
  GPtrArray *variables;

  self->updating = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->columns, g_strfreev);

  if (self->dataset != NULL)
    {
      self->columns = kdl_dataset_dup_columns (self->dataset);
      map = kdl_dataset_dup_column_map (self->dataset);

      for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
        add_row (self, standard[i].variable, _(standard[i].description),
                 kdl_column_map_get (map, standard[i].variable));

      variables = kdl_column_map_get_variables (map);
      for (guint i = 0; i < variables->len; i++)
        {
          const char *variable = g_ptr_array_index (variables, i);

          if (find_row (self, variable) == NULL)
            add_row (self, variable, NULL, kdl_column_map_get (map, variable));
        }
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), self->dataset != NULL);
  self->updating = FALSE;
}

static void
show_error (KdlColumnMapping *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

static void
on_add_changed (KdlColumnMapping *self)
{
  show_error (self, NULL);
}

static void
on_add_apply (KdlColumnMapping *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  g_autoptr(GError) error = NULL;

  if (!kdl_column_mapping_add_variable (self, name, &error))
    {
      show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  show_error (self, NULL);
}

static void
kdl_column_mapping_dispose (GObject *object)
{
  KdlColumnMapping *self = KDL_COLUMN_MAPPING (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_COLUMN_MAPPING);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (kdl_column_mapping_parent_class)->dispose (object);
}

static void
kdl_column_mapping_finalize (GObject *object)
{
  KdlColumnMapping *self = KDL_COLUMN_MAPPING (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (kdl_column_mapping_parent_class)->finalize (object);
}

static void
kdl_column_mapping_class_init (KdlColumnMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_column_mapping_dispose;
  object_class->finalize = kdl_column_mapping_finalize;

  /**
   * KdlColumnMapping::changed:
   *
   * The dataset has a new column map (already applied).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-column-mapping.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlColumnMapping, list);
  gtk_widget_class_bind_template_child (widget_class, KdlColumnMapping, add_row);
  gtk_widget_class_bind_template_child (widget_class, KdlColumnMapping, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_add_changed);
}

static void
kdl_column_mapping_init (KdlColumnMapping *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), FALSE);
}

GtkWidget *
kdl_column_mapping_new (void)
{
  return g_object_new (KDL_TYPE_COLUMN_MAPPING, NULL);
}

/* Returns: (transfer none) (nullable): the dataset being edited */
KdlDataset *
kdl_column_mapping_get_dataset (KdlColumnMapping *self)
{
  g_return_val_if_fail (KDL_IS_COLUMN_MAPPING (self), NULL);
  return self->dataset;
}

/**
 * kdl_column_mapping_set_dataset:
 * @dataset: (nullable): the dataset whose mapping to edit
 *
 * Shows its columns and current map; call again when the dataset's
 * columns are final (after indexing).
 */
void
kdl_column_mapping_set_dataset (KdlColumnMapping *self,
                                KdlDataset       *dataset)
{
  g_return_if_fail (KDL_IS_COLUMN_MAPPING (self));
  g_return_if_fail (dataset == NULL || KDL_IS_DATASET (dataset));

  g_set_object (&self->dataset, dataset);
  show_error (self, NULL);
  rebuild (self);
}

/**
 * kdl_column_mapping_set_column:
 * @variable: a variable shown (or a new one, which is added)
 * @column: (nullable): one of the dataset's columns; %NULL to unmap
 *
 * What picking @column in @variable's row does.
 *
 * Returns: %FALSE when the dataset has no such column
 */
gboolean
kdl_column_mapping_set_column (KdlColumnMapping *self,
                               const char       *variable,
                               const char       *column)
{
  AdwComboRow *row;
  guint selected = 0;

  g_return_val_if_fail (KDL_IS_COLUMN_MAPPING (self), FALSE);
  g_return_val_if_fail (variable != NULL, FALSE);

  if (self->dataset == NULL)
    return FALSE;

  if (column != NULL)
    {
      for (guint i = 0; self->columns[i] != NULL && selected == 0; i++)
        if (g_str_equal (self->columns[i], column))
          selected = i + 1;
      if (selected == 0)
        return FALSE;
    }

  row = find_row (self, variable);
  if (row == NULL)
    {
      if (!kdl_column_mapping_add_variable (self, variable, NULL))
        return FALSE;
      row = find_row (self, variable);
    }

  if (adw_combo_row_get_selected (row) != selected)
    adw_combo_row_set_selected (row, selected);

  return TRUE;
}

/**
 * kdl_column_mapping_add_variable:
 * @variable: a new variable name for templates (`{name}`)
 *
 * Adds a row for @variable, reading the column of that name when there is
 * one, else the first column.
 */
gboolean
kdl_column_mapping_add_variable (KdlColumnMapping  *self,
                                 const char        *variable,
                                 GError           **error)
{
  const char *column = NULL;

  g_return_val_if_fail (KDL_IS_COLUMN_MAPPING (self), FALSE);
  g_return_val_if_fail (variable != NULL, FALSE);

  if (self->dataset == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Open a dataset first."));
      return FALSE;
    }
  if (*variable == '\0' || strpbrk (variable, "{} \t\n") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A variable name is one word without spaces or braces, for example “title”."));
      return FALSE;
    }
  if (g_strv_contains (reserved, variable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is filled in by Kindling itself; choose another name."), variable);
      return FALSE;
    }
  if (find_row (self, variable) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already a variable called “%s”."), variable);
      return FALSE;
    }

  if (self->columns[0] != NULL)
    column = g_strv_contains ((const char * const *)self->columns, variable) ? variable : self->columns[0];

  add_row (self, variable, NULL, column);
  apply (self);

  return TRUE;
}

/* Takes @variable off the map (standard variables just lose their column). */
void
kdl_column_mapping_remove_variable (KdlColumnMapping *self,
                                    const char       *variable)
{
  AdwComboRow *row;

  g_return_if_fail (KDL_IS_COLUMN_MAPPING (self));
  g_return_if_fail (variable != NULL);

  row = find_row (self, variable);
  if (row == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
    if (g_str_equal (standard[i].variable, variable))
      {
        adw_combo_row_set_selected (row, 0);
        return;
      }

  g_ptr_array_remove (self->rows, row);
  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  apply (self);
}
