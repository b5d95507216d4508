/* kdl-dataset-view-list.c — the rows: search, sort, selection, status
 *
 * Searching and sorting parse every row, so they run in a worker over the
 * index (kdl_dataset_search_async()); the result, a list of positions,
 * replaces the lazy model's.  A newer search cancels the older one, and a
 * result that comes back cancelled is dropped.
 *
 * What is picked is kept as dataset positions (KdlRowSelection): a row
 * hidden by a search stays picked, and shows picked again when the search
 * lets it back in.  The workspace gets every picked row, listed or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-dataset-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-dataset-view-private.h"

/* The sort menu's first items; the dataset's columns follow. */
enum {
  SORT_ROW,
  SORT_READING_LENGTH,
  SORT_FIRST_COLUMN,
};

static gboolean
search_active (KdlDatasetView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0' ||
         gtk_drop_down_get_selected (self->sort_dropdown) != SORT_ROW ||
         gtk_toggle_button_get_active (self->descending_button);
}

static void
set_searching (KdlDatasetView *self,
               gboolean        searching)
{
  if (self->searching == searching)
    return;

  self->searching = searching;
  gtk_spinner_set_spinning (self->search_spinner, searching);
  g_object_notify (G_OBJECT (self), "searching");
}

static void
cancel_search (KdlDatasetView *self)
{
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  set_searching (self, FALSE);
}

void
_kdl_dataset_view_update_status (KdlDatasetView *self)
{
  g_autofree char *rows = NULL;
  guint n_loaded = self->dataset != NULL ? kdl_dataset_get_n_loaded (self->dataset) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_selected = (guint)gtk_bitset_get_size (kdl_row_selection_get_picked (self->selection));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (query[0] != '\0' && !kdl_row_list_model_is_all (self->rows))
    rows = g_strdup_printf (ngettext ("%u of %u row matches", "%u of %u rows match", n_loaded),
                            n_shown, n_loaded);
  else
    rows = g_strdup_printf (ngettext ("%u row", "%u rows", n_shown), n_shown);

  if (n_selected > 0)
    {
      g_autofree char *selected = g_strdup_printf (ngettext ("%u selected", "%u selected", n_selected),
                                                   n_selected);
      g_autofree char *text = NULL;

      /* Translators: row count, then how many are selected, e.g. “8 rows · 2 selected” */
      text = g_strdup_printf (_("%s · %s"), rows, selected);
      gtk_label_set_text (self->status_label, text);
    }
  else
    gtk_label_set_text (self->status_label, rows);

  gtk_stack_set_visible_child_name (self->list_stack,
                                    n_shown == 0 && query[0] != '\0' && !self->searching ? "no-results" : "list");
}

/* Selection */

static void
set_current (KdlDatasetView *self,
             int             position)
{
  kdl_row_detail_set_position (self->detail, position);

  if (self->workspace != NULL)
    {
      self->setting_current = TRUE;
      kdl_workspace_set_current_position (self->workspace, position);
      self->setting_current = FALSE;
    }
}

/* Writes the picked rows to the workspace; @hint is the row the user just
 * picked, if any, which becomes the current row. */
static void
write_selection (KdlDatasetView *self,
                 int             hint)
{
  GtkBitset *picked = kdl_row_selection_get_picked (self->selection);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkBitsetIter iter;
  guint value;
  int current = kdl_row_detail_get_position (self->detail);
  guint64 size = gtk_bitset_get_size (picked);

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, picked, &value);
       ok;
       ok = gtk_bitset_iter_next (&iter, &value))
    g_array_append_val (positions, value);

  if (self->workspace != NULL)
    kdl_workspace_set_selection (self->workspace, positions);

  if (size == 0)
    current = -1;
  else if (size == 1)
    current = (int)gtk_bitset_get_minimum (picked);
  else if (hint >= 0)
    current = hint;
  else if (current < 0 || !gtk_bitset_contains (picked, current))
    current = (int)gtk_bitset_get_minimum (picked);

  set_current (self, current);
  _kdl_dataset_view_update_status (self);
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              first,
                      guint              n_items,
                      KdlDatasetView    *self)
{
  GtkBitset *picked = kdl_row_selection_get_picked (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  int hint = -1;

  if (self->resetting)
    return;

  /* The first row picked now that was not before becomes current. */
  for (guint i = first; i < first + n_items && i < n && hint < 0; i++)
    {
      guint position = kdl_row_list_model_get_position (self->rows, i);

      if (gtk_bitset_contains (picked, position) && !gtk_bitset_contains (self->picked, position))
        hint = (int)position;
    }

  gtk_bitset_unref (self->picked);
  self->picked = gtk_bitset_copy (picked);
  write_selection (self, hint);
}

static void
scroll_to (KdlDatasetView *self,
           guint           index)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(): its list view does. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", index);
        break;
      }
}

/* Another view made @position the current row: pick it here too. */
void
_kdl_dataset_view_follow_current (KdlDatasetView *self,
                                  int             position)
{
  guint index;

  if (self->dataset == NULL || position == kdl_row_detail_get_position (self->detail))
    return;

  if (position >= 0 && kdl_row_list_model_find (self->rows, position, &index))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), index, TRUE);
      scroll_to (self, index);
    }
  else
    kdl_row_detail_set_position (self->detail, position);
}

/* Search and sort */

typedef struct
{
  KdlDatasetView *self;
  GCancellable   *cancellable;
} SearchData;

static void
show_positions (KdlDatasetView *self,
                GArray         *positions)
{
  if (positions != NULL)
    kdl_row_list_model_set_positions (self->rows, positions);
  else
    kdl_row_list_model_set_all (self->rows, kdl_dataset_get_n_loaded (self->dataset));

  _kdl_dataset_view_update_status (self);
}

static void
on_search_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchData *data = user_data;
  g_autoptr(KdlDatasetView) self = data->self;
  g_autoptr(GCancellable) cancellable = data->cancellable;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GError) error = NULL;

  g_free (data);
  positions = kdl_dataset_search_finish (KDL_DATASET (object), result, &error);

  /* A newer search, or another dataset, took over. */
  if (g_cancellable_is_cancelled (cancellable) || KDL_DATASET (object) != self->dataset)
    return;

  g_clear_object (&self->search_cancellable);
  set_searching (self, FALSE);

  if (positions == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The search failed: %s"), error->message);
      _kdl_dataset_view_show_error (self, text);
      return;
    }

  show_positions (self, positions);
}

/**
 * _kdl_dataset_view_search:
 *
 * Lists the rows that match the search text in the chosen order: all of
 * them at once when there is neither, else what a worker finds.
 */
void
_kdl_dataset_view_search (KdlDatasetView *self)
{
  guint sort_item = gtk_drop_down_get_selected (self->sort_dropdown);
  KdlDatasetSort sort = KDL_DATASET_SORT_ROW;
  const char *column = NULL;
  SearchData *data;

  cancel_search (self);

  if (self->dataset == NULL || self->resetting)
    return;

  if (!search_active (self))
    {
      show_positions (self, NULL);
      return;
    }

  if (sort_item == SORT_READING_LENGTH)
    sort = KDL_DATASET_SORT_READING_LENGTH;
  else if (sort_item >= SORT_FIRST_COLUMN && sort_item != GTK_INVALID_LIST_POSITION &&
           self->sort_columns != NULL && sort_item - SORT_FIRST_COLUMN < g_strv_length (self->sort_columns))
    {
      sort = KDL_DATASET_SORT_COLUMN;
      column = self->sort_columns[sort_item - SORT_FIRST_COLUMN];
    }

  self->search_cancellable = g_cancellable_new ();
  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->search_cancellable);
  set_searching (self, TRUE);
  kdl_dataset_search_async (self->dataset,
                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                            sort, column,
                            gtk_toggle_button_get_active (self->descending_button),
                            self->search_cancellable, on_search_done, data);
}

static void
on_search_changed (KdlDatasetView *self)
{
  _kdl_dataset_view_search (self);
}

static void
on_sort_changed (KdlDatasetView *self)
{
  _kdl_dataset_view_search (self);
}

static void
on_mapping_changed (KdlDatasetView *self)
{
  g_autoptr(KdlColumnMap) map = NULL;
  GPtrArray *variables;

  kdl_row_list_model_reload (self->rows);
  kdl_row_detail_reload (self->detail);

  /* Opening the file again (another encoding) keeps the mapping. */
  map = kdl_dataset_dup_column_map (self->dataset);
  variables = kdl_column_map_get_variables (map);
  if (self->options->mapping != NULL)
    g_hash_table_remove_all (self->options->mapping);
  for (guint i = 0; i < variables->len; i++)
    kdl_import_options_map (self->options, g_ptr_array_index (variables, i),
                            kdl_column_map_get (map, g_ptr_array_index (variables, i)));

  /* Search reads the mapped variables; sorting by length reads `reading`. */
  if (search_active (self))
    _kdl_dataset_view_search (self);
}

/* The sort menu: by row, by passage length, by each column. */
static void
fill_sort_menu (KdlDatasetView *self)
{
  g_auto(GStrv) columns = self->dataset != NULL ? kdl_dataset_dup_columns (self->dataset) : NULL;
  const char *selected_column = NULL;
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint new_selected = SORT_ROW;

  if (self->sort_columns != NULL && columns != NULL &&
      g_strv_equal ((const char * const *)self->sort_columns, (const char * const *)columns) &&
      n_old > 0)
    return;

  if (selected == SORT_READING_LENGTH)
    new_selected = SORT_READING_LENGTH;
  else if (selected >= SORT_FIRST_COLUMN && selected != GTK_INVALID_LIST_POSITION &&
           self->sort_columns != NULL && selected - SORT_FIRST_COLUMN < g_strv_length (self->sort_columns))
    selected_column = self->sort_columns[selected - SORT_FIRST_COLUMN];

  g_ptr_array_add (items, g_strdup (_("Sort by row")));
  g_ptr_array_add (items, g_strdup (_("Sort by passage length")));
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      /* Translators: an item of the sort menu, sorting by a column's values */
      g_ptr_array_add (items, g_strdup_printf (_("Sort by “%s”"), columns[i]));
      if (g_strcmp0 (columns[i], selected_column) == 0)
        new_selected = SORT_FIRST_COLUMN + i;
    }
  g_ptr_array_add (items, NULL);

  self->resetting = TRUE;
  gtk_string_list_splice (self->sort_model, 0, n_old, (const char * const *)items->pdata);
  gtk_drop_down_set_selected (self->sort_dropdown, new_selected);
  self->resetting = FALSE;

  g_strfreev (self->sort_columns);
  self->sort_columns = g_steal_pointer (&columns);
}

/**
 * _kdl_dataset_view_reset_list:
 *
 * A new dataset: all its rows, in order, nothing picked.
 */
void
_kdl_dataset_view_reset_list (KdlDatasetView *self)
{
  cancel_search (self);

  self->resetting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->descending_button, FALSE);
  gtk_drop_down_set_selected (self->sort_dropdown, SORT_ROW);
  g_clear_pointer (&self->sort_columns, g_strfreev);
  self->resetting = FALSE;
  fill_sort_menu (self);

  self->resetting = TRUE;
  kdl_row_selection_clear (self->selection);
  gtk_bitset_remove_all (self->picked);
  kdl_row_list_model_set_dataset (self->rows, self->dataset);
  self->resetting = FALSE;
  kdl_row_detail_set_position (self->detail, -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), self->dataset != NULL);
  _kdl_dataset_view_update_status (self);
}

/**
 * _kdl_dataset_view_sync_list:
 *
 * The dataset read more rows (or all): list them, or search again.
 */
void
_kdl_dataset_view_sync_list (KdlDatasetView *self)
{
  if (self->dataset == NULL)
    {
      _kdl_dataset_view_update_status (self);
      return;
    }

  fill_sort_menu (self);

  if (!search_active (self))
    {
      kdl_row_list_model_set_all (self->rows, kdl_dataset_get_n_loaded (self->dataset));
      _kdl_dataset_view_update_status (self);
    }
  else
    _kdl_dataset_view_search (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (widget);

  if (self->dataset != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Cells: a GtkInscription bound to one property of KdlRowItem.  Made in
 * C: GTK 4.8 lists make ~200 rows at once, and a builder factory parsing
 * a template for each of their cells made showing the first rows slow. */

typedef struct
{
  const char *property;
  float       xalign;
  guint       min_chars;
  guint       nat_chars;
  gboolean    numeric;
} Cell;

static const Cell cells[] = {   /* in the order of the columns */
  { "row",        1.0, 4,  6,  TRUE },
  { "reading",    0.0, 12, 30, FALSE },
  { "questions",  0.0, 10, 20, FALSE },
  { "answers",    0.0, 6,  12, FALSE },
  { "n-mcqs",     1.0, 3,  3,  TRUE },
  { "n-problems", 1.0, 3,  3,  TRUE },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            const Cell               *cell)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), cell->xalign);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), cell->min_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), cell->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (cell->numeric)
    gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (list_item, inscription);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           const Cell               *cell)
{
  /* Numbers become text through GValue's transform. */
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (list_item), cell->property,
                                              gtk_list_item_get_child (list_item), "text",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (list_item), "kdl-binding", binding);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             const Cell               *cell)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "kdl-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
set_up_columns (KdlDatasetView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (cells));

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer)&cells[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer)&cells[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), (gpointer)&cells[i]);
      gtk_column_view_column_set_factory (column, factory);
    }
}

void
_kdl_dataset_view_init_list (KdlDatasetView *self)
{
  set_up_columns (self);

  /* Typing in the list searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

void
_kdl_dataset_view_class_init_list (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mapping_changed);

  gtk_widget_class_install_action (widget_class, "dataset.find", NULL, find_action);
}
