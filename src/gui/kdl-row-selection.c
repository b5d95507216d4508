/* kdl-row-selection.c
 *
 * GtkMultiSelection (GTK 4.8) keeps every selected item in a hash table,
 * so picking 100,000 rows would make — parse — 100,000 row items.  This
 * selection keeps a bitset of dataset positions instead and never asks
 * the model for an item.  Because it counts dataset positions, not list
 * positions, a row stays picked while a search hides it, and is picked
 * again when the list shows it.  A plain click (select an item, unselect
 * the rest) and “unselect all” drop the hidden rows too; adding to the
 * selection changes only the rows listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-row-selection"

#include "config.h"

#include "kdl-row-selection.h"

struct _KdlRowSelection
{
  GObject          parent_instance;

  KdlRowListModel *model;
  GtkBitset       *picked;   /* dataset positions */
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlRowSelection, kdl_row_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_listed (KdlRowSelection *self)
{
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

/* GListModel */

static GType
kdl_row_selection_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (G_LIST_MODEL (KDL_ROW_SELECTION (list)->model));
}

static guint
kdl_row_selection_get_n_items (GListModel *list)
{
  return n_listed (KDL_ROW_SELECTION (list));
}

static gpointer
kdl_row_selection_get_item (GListModel *list,
                            guint       position)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (list);

  if (self->model == NULL)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->model), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kdl_row_selection_get_item_type;
  iface->get_n_items = kdl_row_selection_get_n_items;
  iface->get_item = kdl_row_selection_get_item;
}

/* GtkSelectionModel */

static gboolean
kdl_row_selection_is_selected (GtkSelectionModel *model,
                               guint              position)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (model);

  if (position >= n_listed (self))
    return FALSE;
  return gtk_bitset_contains (self->picked, kdl_row_list_model_get_position (self->model, position));
}

static GtkBitset *
kdl_row_selection_get_selection_in_range (GtkSelectionModel *model,
                                          guint              position,
                                          guint              n_items)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (model);
  GtkBitset *result = gtk_bitset_new_empty ();
  guint end = MIN (position + n_items, n_listed (self));

  if (gtk_bitset_is_empty (self->picked))
    return result;

  for (guint i = position; i < end; i++)
    if (gtk_bitset_contains (self->picked, kdl_row_list_model_get_position (self->model, i)))
      gtk_bitset_add (result, i);

  return result;
}

static gboolean
kdl_row_selection_set_selection (GtkSelectionModel *model,
                                 GtkBitset         *selected,
                                 GtkBitset         *mask)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (model);
  guint n = n_listed (self);
  guint min = G_MAXUINT, max = 0;
  GtkBitsetIter iter;
  guint index;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, mask, &index);
       more && index < n;
       more = gtk_bitset_iter_next (&iter, &index))
    {
      guint position = kdl_row_list_model_get_position (self->model, index);
      gboolean was = gtk_bitset_contains (self->picked, position);
      gboolean now = gtk_bitset_contains (selected, index);

      if (was == now)
        continue;
      if (now)
        gtk_bitset_add (self->picked, position);
      else
        gtk_bitset_remove (self->picked, position);
      min = MIN (min, index);
      max = MAX (max, index);
    }

  if (min <= max)
    gtk_selection_model_selection_changed (model, min, max - min + 1);

  return TRUE;
}

/* Also forgets the rows a search hides (a plain click picks one row). */
static gboolean
kdl_row_selection_select_item (GtkSelectionModel *model,
                               guint              position,
                               gboolean           unselect_rest)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (model);
  guint n = n_listed (self);

  if (position >= n)
    return FALSE;

  if (!unselect_rest)
    {
      g_autoptr(GtkBitset) one = gtk_bitset_new_range (position, 1);

      return kdl_row_selection_set_selection (model, one, one);
    }

  gtk_bitset_remove_all (self->picked);
  gtk_bitset_add (self->picked, kdl_row_list_model_get_position (self->model, position));
  gtk_selection_model_selection_changed (model, 0, n);

  return TRUE;
}

static gboolean
kdl_row_selection_unselect_all (GtkSelectionModel *model)
{
  kdl_row_selection_clear (KDL_ROW_SELECTION (model));
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = kdl_row_selection_is_selected;
  iface->get_selection_in_range = kdl_row_selection_get_selection_in_range;
  iface->set_selection = kdl_row_selection_set_selection;
  iface->select_item = kdl_row_selection_select_item;
  iface->unselect_all = kdl_row_selection_unselect_all;
}

/* GObject */

static void
on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  KdlRowSelection *self)
{
  /* The picked rows are dataset positions: nothing to move. */
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
kdl_row_selection_dispose (GObject *object)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kdl_row_selection_parent_class)->dispose (object);
}

static void
kdl_row_selection_finalize (GObject *object)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (object);

  g_clear_pointer (&self->picked, gtk_bitset_unref);

  G_OBJECT_CLASS (kdl_row_selection_parent_class)->finalize (object);
}

static void
kdl_row_selection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_row_selection_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdlRowSelection *self = KDL_ROW_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      kdl_row_selection_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_row_selection_class_init (KdlRowSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_row_selection_dispose;
  object_class->finalize = kdl_row_selection_finalize;
  object_class->get_property = kdl_row_selection_get_property;
  object_class->set_property = kdl_row_selection_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, KDL_TYPE_ROW_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_row_selection_init (KdlRowSelection *self)
{
  self->picked = gtk_bitset_new_empty ();
}

KdlRowSelection *
kdl_row_selection_new (KdlRowListModel *model)
{
  return g_object_new (KDL_TYPE_ROW_SELECTION, "model", model, NULL);
}

/* Returns: (transfer none) (nullable): the rows listed */
KdlRowListModel *
kdl_row_selection_get_model (KdlRowSelection *self)
{
  g_return_val_if_fail (KDL_IS_ROW_SELECTION (self), NULL);
  return self->model;
}

void
kdl_row_selection_set_model (KdlRowSelection *self,
                             KdlRowListModel *model)
{
  guint removed, added;

  g_return_if_fail (KDL_IS_ROW_SELECTION (self));
  g_return_if_fail (model == NULL || KDL_IS_ROW_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = n_listed (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  gtk_bitset_remove_all (self->picked);
  added = n_listed (self);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * kdl_row_selection_get_picked:
 *
 * Returns: (transfer none): the dataset positions picked, listed or not;
 *   do not change it
 */
GtkBitset *
kdl_row_selection_get_picked (KdlRowSelection *self)
{
  g_return_val_if_fail (KDL_IS_ROW_SELECTION (self), NULL);
  return self->picked;
}

/* Picks nothing, listed or not. */
void
kdl_row_selection_clear (KdlRowSelection *self)
{
  guint n;

  g_return_if_fail (KDL_IS_ROW_SELECTION (self));

  if (gtk_bitset_is_empty (self->picked))
    return;

  gtk_bitset_remove_all (self->picked);
  n = n_listed (self);
  if (n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n);
}
