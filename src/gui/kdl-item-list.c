/* kdl-item-list.c
 *
 * A column view over the lazy KdlItemListModel: the cells bind to labels
 * the item objects work out once, so scrolling a 50,000-item run costs
 * only the rows on screen.  Picking an item emits ::item-selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-item-list"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-item-list.h"

struct _KdlItemList
{
  AdwBin              parent_instance;

  KdlItemListModel   *model;
  GtkSingleSelection *selection;

  GtkLabel           *count_label;
  GtkSpinner         *spinner;
  GtkDropDown        *filter_dropdown;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (KdlItemList, kdl_item_list, ADW_TYPE_BIN)

enum {
  ITEM_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The filter's entries, in the order of filter_model. */
static const guint filter_states[] = {
  0,
  1 << KDL_STORE_ITEM_PENDING,
  1 << KDL_STORE_ITEM_RUNNING,
  1 << KDL_STORE_ITEM_DONE,
  1 << KDL_STORE_ITEM_FAILED,
  1 << KDL_STORE_ITEM_SKIPPED,
};

static void
update_count (KdlItemList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (kdl_item_list_model_get_run (self->model) <= 0)
    text = g_strdup ("");
  else if (gtk_drop_down_get_selected (self->filter_dropdown) == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
  else
    /* TRANSLATORS: items that match the state filter */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item in this state", "%u items in this state", n), n);

  gtk_label_set_text (self->count_label, text);
  /* Only while there is nothing to show yet: a run's refreshes would keep
   * it turning, and each turn is a frame. */
  gtk_spinner_set_spinning (self->spinner, n == 0 && kdl_item_list_model_get_busy (self->model));
}

static void
on_filter_changed (KdlItemList *self)
{
  guint i = gtk_drop_down_get_selected (self->filter_dropdown);

  kdl_item_list_model_set_states (self->model, i < G_N_ELEMENTS (filter_states) ? filter_states[i] : 0);
  update_count (self);
}

static void
on_selected (KdlItemList *self)
{
  KdlItemObject *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_SELECTED], 0, kdl_item_object_get_id (item));
}

static void
on_activate (GtkColumnView *view,
             guint          position,
             KdlItemList   *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  on_selected (self);
}

static void
kdl_item_list_dispose (GObject *object)
{
  KdlItemList *self = (KdlItemList *)object;

  /* Reads on their way keep the model a little longer than the list. */
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kdl_item_list_parent_class)->dispose (object);
}

static void
kdl_item_list_class_init (KdlItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_item_list_dispose;

  /**
   * KdlItemList::item-selected:
   * @item_id: the item picked
   */
  signals[ITEM_SELECTED] = g_signal_new ("item-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (KDL_TYPE_ITEM_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-item-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlItemList, count_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemList, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdlItemList, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlItemList, column_view);
}

static void
kdl_item_list_init (KdlItemList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = kdl_item_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  /* Selecting nothing by itself: that would read an item nobody asked for. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->model, "notify::busy", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  update_count (self);
}

GtkWidget *
kdl_item_list_new (void)
{
  return g_object_new (KDL_TYPE_ITEM_LIST, NULL);
}

KdlItemListModel *
kdl_item_list_get_model (KdlItemList *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_LIST (self), NULL);

  return self->model;
}

void
kdl_item_list_set_store (KdlItemList *self,
                         KdlStore    *store)
{
  g_return_if_fail (KDL_IS_ITEM_LIST (self));

  kdl_item_list_model_set_store (self->model, store);
}

void
kdl_item_list_set_run (KdlItemList *self,
                       gint64       run_id)
{
  g_return_if_fail (KDL_IS_ITEM_LIST (self));

  kdl_item_list_model_set_run (self->model, run_id);
  update_count (self);
}

void
kdl_item_list_refresh (KdlItemList *self)
{
  g_return_if_fail (KDL_IS_ITEM_LIST (self));

  kdl_item_list_model_refresh (self->model);
}

/**
 * kdl_item_list_set_filter:
 * @states: one of 0 (all) or 1 << #KdlStoreItemState
 */
void
kdl_item_list_set_filter (KdlItemList *self,
                          guint        states)
{
  g_return_if_fail (KDL_IS_ITEM_LIST (self));

  for (guint i = 0; i < G_N_ELEMENTS (filter_states); i++)
    if (filter_states[i] == states)
      gtk_drop_down_set_selected (self->filter_dropdown, i);
}

void
kdl_item_list_select (KdlItemList *self,
                      guint        position)
{
  g_return_if_fail (KDL_IS_ITEM_LIST (self));

  gtk_single_selection_set_selected (self->selection, position);
}

void
kdl_item_list_unselect (KdlItemList *self)
{
  g_return_if_fail (KDL_IS_ITEM_LIST (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}
