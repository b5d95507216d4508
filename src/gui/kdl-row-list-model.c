/* kdl-row-list-model.c
 *
 * The Dataset view lists up to 100,000 rows: this model holds only their
 * positions — all loaded rows in order, or the positions a search in a
 * worker returned — and makes a KdlRowItem when the list asks for one,
 * i.e. for the rows on screen.  Items alive are remembered (weakly), so a
 * row asked for twice is parsed once and a new column map reaches every
 * row on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-row-list-model"

#include "config.h"

#include "kdl-row-item.h"
#include "kdl-row-list-model.h"

struct _KdlRowListModel
{
  GObject     parent_instance;

  KdlDataset *dataset;
  GArray     *positions;  /* guint; NULL: every row 0…n_all-1 */
  guint       n_all;
  GHashTable *alive;      /* position → Alive */
};

/* A row item given out and not yet finalized. */
typedef struct
{
  KdlRowListModel *self;
  KdlRowItem      *item;   /* weak */
  guint            position;
} Alive;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlRowListModel, kdl_row_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  Alive *alive = data;

  g_hash_table_remove (alive->self->alive, GUINT_TO_POINTER (alive->position));
}

static void
forget_items (KdlRowListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (G_OBJECT (((Alive *)value)->item), item_finalized, value);
  g_hash_table_remove_all (self->alive);
}

static guint
n_items (KdlRowListModel *self)
{
  return self->positions != NULL ? self->positions->len : self->n_all;
}

static GType
kdl_row_list_model_get_item_type (GListModel *model)
{
  return KDL_TYPE_ROW_ITEM;
}

static guint
kdl_row_list_model_get_n_items (GListModel *model)
{
  return n_items (KDL_ROW_LIST_MODEL (model));
}

static gpointer
kdl_row_list_model_get_item (GListModel *model,
                             guint       index)
{
  KdlRowListModel *self = KDL_ROW_LIST_MODEL (model);
  KdlRowItem *item;
  Alive *alive;
  guint position;

  if (self->dataset == NULL || index >= n_items (self))
    return NULL;

  position = kdl_row_list_model_get_position (self, index);
  alive = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (position));
  if (alive != NULL)
    return g_object_ref (alive->item);

  item = kdl_row_item_new (self->dataset, position);
  alive = g_new (Alive, 1);
  alive->self = self;
  alive->item = item;
  alive->position = position;
  g_object_weak_ref (G_OBJECT (item), item_finalized, alive);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (position), alive);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kdl_row_list_model_get_item_type;
  iface->get_n_items = kdl_row_list_model_get_n_items;
  iface->get_item = kdl_row_list_model_get_item;
}

static void
kdl_row_list_model_dispose (GObject *object)
{
  KdlRowListModel *self = KDL_ROW_LIST_MODEL (object);

  forget_items (self);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (kdl_row_list_model_parent_class)->dispose (object);
}

static void
kdl_row_list_model_finalize (GObject *object)
{
  KdlRowListModel *self = KDL_ROW_LIST_MODEL (object);

  g_clear_pointer (&self->alive, g_hash_table_unref);

  G_OBJECT_CLASS (kdl_row_list_model_parent_class)->finalize (object);
}

static void
kdl_row_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdlRowListModel *self = KDL_ROW_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, n_items (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_row_list_model_class_init (KdlRowListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_row_list_model_dispose;
  object_class->finalize = kdl_row_list_model_finalize;
  object_class->get_property = kdl_row_list_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_row_list_model_init (KdlRowListModel *self)
{
  self->alive = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

KdlRowListModel *
kdl_row_list_model_new (void)
{
  return g_object_new (KDL_TYPE_ROW_LIST_MODEL, NULL);
}

/* Returns: (transfer none) (nullable): the dataset the positions are in */
KdlDataset *
kdl_row_list_model_get_dataset (KdlRowListModel *self)
{
  g_return_val_if_fail (KDL_IS_ROW_LIST_MODEL (self), NULL);
  return self->dataset;
}

/* Two signals, all out then all in: GTK 4.8's list item manager looks
 * up every added item (making each, i.e. parsing every row) when one
 * signal both removes a row it tracks and adds others. */
static void
replace (KdlRowListModel *self,
         GArray          *positions,
         guint            n_all)
{
  guint removed = n_items (self);
  guint added;

  forget_items (self);
  g_clear_pointer (&self->positions, g_array_unref);
  self->n_all = 0;
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  self->positions = positions != NULL ? g_array_ref (positions) : NULL;
  self->n_all = n_all;
  added = n_items (self);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * kdl_row_list_model_set_dataset:
 * @dataset: (nullable): the dataset
 *
 * Lists every row @dataset has loaded so far.
 */
void
kdl_row_list_model_set_dataset (KdlRowListModel *self,
                                KdlDataset      *dataset)
{
  g_return_if_fail (KDL_IS_ROW_LIST_MODEL (self));
  g_return_if_fail (dataset == NULL || KDL_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  g_set_object (&self->dataset, dataset);
  replace (self, NULL, dataset != NULL ? kdl_dataset_get_n_loaded (dataset) : 0);
}

/**
 * kdl_row_list_model_set_all:
 * @n_rows: how many rows the dataset has loaded now
 *
 * Lists every row in order.  When the model already did, only the new
 * rows are added (what is selected stays selected).
 */
void
kdl_row_list_model_set_all (KdlRowListModel *self,
                            guint            n_rows)
{
  guint old;

  g_return_if_fail (KDL_IS_ROW_LIST_MODEL (self));

  if (self->positions != NULL || n_rows < self->n_all)
    {
      replace (self, NULL, n_rows);
      return;
    }
  if (n_rows == self->n_all)
    return;

  old = self->n_all;
  self->n_all = n_rows;
  g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_rows - old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * kdl_row_list_model_set_positions:
 * @positions: (element-type guint): dataset positions, in the order to show
 *
 * Lists these rows instead (a search result); the model keeps a
 * reference and never changes the array.
 */
void
kdl_row_list_model_set_positions (KdlRowListModel *self,
                                  GArray          *positions)
{
  g_return_if_fail (KDL_IS_ROW_LIST_MODEL (self));
  g_return_if_fail (positions != NULL);

  replace (self, positions, 0);
}

/* Whether the model lists every loaded row in order. */
gboolean
kdl_row_list_model_is_all (KdlRowListModel *self)
{
  g_return_val_if_fail (KDL_IS_ROW_LIST_MODEL (self), TRUE);
  return self->positions == NULL;
}

/* The dataset position of the item at @index (no item is made). */
guint
kdl_row_list_model_get_position (KdlRowListModel *self,
                                 guint            index)
{
  g_return_val_if_fail (KDL_IS_ROW_LIST_MODEL (self), 0);
  g_return_val_if_fail (index < n_items (self), 0);

  if (self->positions == NULL)
    return index;
  return g_array_index (self->positions, guint, index);
}

/* Where dataset position @position is listed, if it is. */
gboolean
kdl_row_list_model_find (KdlRowListModel *self,
                         guint            position,
                         guint           *index)
{
  g_return_val_if_fail (KDL_IS_ROW_LIST_MODEL (self), FALSE);

  if (self->positions == NULL)
    {
      if (position >= self->n_all)
        return FALSE;
      if (index != NULL)
        *index = position;
      return TRUE;
    }

  for (guint i = 0; i < self->positions->len; i++)
    if (g_array_index (self->positions, guint, i) == position)
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * kdl_row_list_model_reload:
 *
 * Reads the rows on screen again (the column map changed); the list keeps
 * its items, its selection and its scroll position.
 */
void
kdl_row_list_model_reload (KdlRowListModel *self)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (KDL_IS_ROW_LIST_MODEL (self));

  /* Reloading notifies bindings, which must not see the table change. */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (items, g_object_ref (((Alive *)value)->item));

  for (guint i = 0; i < items->len; i++)
    kdl_row_item_reload (g_ptr_array_index (items, i));
}
