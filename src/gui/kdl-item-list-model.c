/* kdl-item-list-model.c
 *
 * A GListModel over a run's items that never holds the run in memory: the
 * item ids come from a query on a worker (kdl_store_query_items_async),
 * a KdlItemObject is made only when the view asks for its position, and
 * the objects asked for in one main-loop turn are read together on a
 * worker (kdl_store_reader_get_items, with their judges or judged items).
 * Objects no row holds any more are dropped once the cache is full.
 *
 * A refresh (while a run works: a few times a second) runs the query
 * again — at most one at a time; refreshes that come meanwhile make one
 * more — tells the view only what moved (common head and tail kept), and
 * reads the objects it holds again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-item-list-model"

#include "config.h"

#include "kdl-item-list-model.h"

#define CACHE_MAX 1024

struct _KdlItemListModel
{
  GObject       parent_instance;

  KdlStore     *store;
  gint64        run_id;
  guint         states;

  GArray       *ids;          /* gint64, the list */
  GHashTable   *objects;      /* gint64* → KdlItemObject */
  guint64       n_created;

  GCancellable *cancellable;  /* of the query and the reads; new per run */
  gboolean      querying;
  gboolean      query_again;

  GArray       *to_read;      /* gint64 */
  GHashTable   *queued;       /* gint64* in to_read */
  gboolean      reading;
  guint         read_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlItemListModel, kdl_item_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_BUSY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_queued (KdlItemListModel *self);

static gboolean
is_busy (KdlItemListModel *self)
{
  return self->querying || self->reading || self->read_id != 0;
}

static void
notify_busy (KdlItemListModel *self,
             gboolean          was_busy)
{
  if (was_busy != is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gint64 *
int64_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* Reading ------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *items;     /* KdlStoreItem */
  GHashTable *partners;  /* gint64* → KdlStoreItem */
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->partners, g_hash_table_unref);
  g_free (result);
}

static gint64
partner_of (const KdlStoreItem *item)
{
  return item->stage == KDL_STORE_STAGE_GENERATE ? item->partner_id : item->source_item_id;
}

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KdlStore *store = source_object;
  GArray *ids = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) partners = NULL;
  ReadResult *result;
  GError *error = NULL;

  reader = kdl_store_open_reader (store, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = g_new0 (ReadResult, 1);
  result->partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify)kdl_store_item_free);
  result->items = kdl_store_reader_get_items (reader, (const gint64 *)ids->data, ids->len, &error);
  if (result->items == NULL)
    {
      read_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < result->items->len; i++)
    {
      gint64 partner = partner_of (g_ptr_array_index (result->items, i));

      if (partner > 0)
        g_array_append_val (partner_ids, partner);
    }

  if (partner_ids->len > 0)
    {
      partners = kdl_store_reader_get_items (reader, (const gint64 *)partner_ids->data, partner_ids->len, NULL);
      for (guint i = 0; partners != NULL && i < partners->len; i++)
        {
          KdlStoreItem *item = g_ptr_array_index (partners, i);

          g_hash_table_insert (result->partners, int64_key (item->id), item);
          partners->pdata[i] = NULL;
        }
    }

  g_task_return_pointer (task, result, (GDestroyNotify)read_result_free);
}

/* Drops objects only the cache holds, once there are too many. */
static void
evict (KdlItemListModel *self)
{
  GHashTableIter iter;
  KdlItemObject *object;

  if (g_hash_table_size (self->objects) <= CACHE_MAX)
    return;

  g_hash_table_iter_init (&iter, self->objects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&object))
    if (G_OBJECT (object)->ref_count == 1)
      g_hash_table_iter_remove (&iter);
}

static void
on_read (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(KdlItemListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  ReadResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  gboolean was_busy = is_busy (self);

  if (g_task_get_cancellable (G_TASK (res)) == self->cancellable)
    self->reading = FALSE;

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read items of run %" G_GINT64_FORMAT ": %s", self->run_id, error->message);
    }
  else
    {
      for (guint i = 0; i < result->items->len; i++)
        {
          const KdlStoreItem *item = g_ptr_array_index (result->items, i);
          gint64 partner = partner_of (item);
          KdlItemObject *obj = g_hash_table_lookup (self->objects, &item->id);

          if (obj != NULL)
            kdl_item_object_update (obj, item, partner > 0 ? g_hash_table_lookup (result->partners, &partner) : NULL);
        }
      read_result_free (result);
    }

  evict (self);
  if (self->to_read->len > 0 && !self->reading)
    read_queued (self);
  notify_busy (self, was_busy);
}

static void
read_queued (KdlItemListModel *self)
{
  g_autoptr(GTask) task = NULL;
  GArray *ids;
  guint n;

  if (self->reading || self->to_read->len == 0 || self->store == NULL)
    return;

  n = MIN (self->to_read->len, KDL_ITEM_LIST_MODEL_PAGE);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (ids, self->to_read->data, n);
  for (guint i = 0; i < n; i++)
    g_hash_table_remove (self->queued, &g_array_index (ids, gint64, i));
  g_array_remove_range (self->to_read, 0, n);

  self->reading = TRUE;
  task = g_task_new (self->store, self->cancellable, on_read, g_object_ref (self));
  g_task_set_source_tag (task, read_queued);
  g_task_set_task_data (task, ids, (GDestroyNotify)g_array_unref);
  g_task_run_in_thread (task, read_worker);
}

static gboolean
read_idle (gpointer user_data)
{
  KdlItemListModel *self = user_data;
  gboolean was_busy = is_busy (self);

  self->read_id = 0;
  read_queued (self);
  notify_busy (self, was_busy);

  return G_SOURCE_REMOVE;
}

/* Reads @id with the others asked for in this main-loop turn. */
static void
queue_read (KdlItemListModel *self,
            gint64            id)
{
  gboolean was_busy = is_busy (self);

  if (g_hash_table_contains (self->queued, &id))
    return;

  g_hash_table_add (self->queued, int64_key (id));
  g_array_append_val (self->to_read, id);
  if (self->read_id == 0 && !self->reading)
    /* Not an idle priority: redraws (a spinner turning) would starve it. */
    self->read_id = g_idle_add_full (G_PRIORITY_DEFAULT, read_idle, self, NULL);
  notify_busy (self, was_busy);
}

/* GListModel ------------------------------------------------------------------ */

static GType
get_item_type (GListModel *model)
{
  return KDL_TYPE_ITEM_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return KDL_ITEM_LIST_MODEL (model)->ids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KdlItemListModel *self = KDL_ITEM_LIST_MODEL (model);
  KdlItemObject *object;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  object = g_hash_table_lookup (self->objects, &id);
  if (object == NULL)
    {
      object = kdl_item_object_new (id);
      g_hash_table_insert (self->objects, int64_key (id), object);
      self->n_created++;
      queue_read (self, id);
    }

  return g_object_ref (object);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* The query --------------------------------------------------------------------- */

static void
replace_ids (KdlItemListModel *self,
             GArray           *ids)
{
  guint old_len = self->ids->len;
  guint new_len = ids->len;
  guint head = 0, tail = 0;
  g_autoptr(GArray) old = NULL;

  while (head < old_len && head < new_len &&
         g_array_index (self->ids, gint64, head) == g_array_index (ids, gint64, head))
    head++;
  while (tail < old_len - head && tail < new_len - head &&
         g_array_index (self->ids, gint64, old_len - 1 - tail) == g_array_index (ids, gint64, new_len - 1 - tail))
    tail++;

  old = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (ids);

  if (head != old_len || head != new_len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), head, old_len - head - tail, new_len - head - tail);
      if (old_len != new_len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void start_query (KdlItemListModel *self);

static void
on_queried (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KdlItemListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdl_store_query_items_finish (KDL_STORE (object), result, &error);
  gboolean was_busy = is_busy (self);
  GHashTableIter iter;
  gint64 *id;

  /* A query of a run no longer shown. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  self->querying = FALSE;

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list items of run %" G_GINT64_FORMAT ": %s", self->run_id, error->message);
    }
  else
    {
      replace_ids (self, ids);

      /* What rows show may have changed: read it again. */
      g_hash_table_iter_init (&iter, self->objects);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
        queue_read (self, *id);
    }

  if (self->query_again)
    {
      self->query_again = FALSE;
      start_query (self);
    }

  notify_busy (self, was_busy);
}

static void
start_query (KdlItemListModel *self)
{
  KdlStoreItemQuery query;
  gboolean was_busy = is_busy (self);

  if (self->store == NULL || self->run_id <= 0)
    return;

  if (self->querying)
    {
      self->query_again = TRUE;
      return;
    }

  kdl_store_item_query_init (&query, self->run_id);
  query.any_stage = TRUE;
  query.states = self->states;
  query.order = KDL_STORE_ORDER_ROW;

  self->querying = TRUE;
  kdl_store_query_items_async (self->store, &query, self->cancellable, on_queried, g_object_ref (self));
  notify_busy (self, was_busy);
}

/* Forgets everything: another run, store or filter. */
static void
reset (KdlItemListModel *self)
{
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean was_busy = is_busy (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->querying = FALSE;
  self->query_again = FALSE;
  self->reading = FALSE;
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_array_set_size (self->to_read, 0);
  g_hash_table_remove_all (self->queued);

  /* All rows go: the view lets go of their objects first. */
  if (self->ids->len > 0)
    {
      g_autoptr(GArray) old = g_steal_pointer (&self->ids);

      self->ids = g_array_ref (empty);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_hash_table_remove_all (self->objects);

  start_query (self);
  notify_busy (self, was_busy);
}

/* GObject ----------------------------------------------------------------------- */

static void
kdl_item_list_model_dispose (GObject *object)
{
  KdlItemListModel *self = (KdlItemListModel *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdl_item_list_model_parent_class)->dispose (object);
}

static void
kdl_item_list_model_finalize (GObject *object)
{
  KdlItemListModel *self = (KdlItemListModel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->objects, g_hash_table_unref);
  g_clear_pointer (&self->to_read, g_array_unref);
  g_clear_pointer (&self->queued, g_hash_table_unref);

  G_OBJECT_CLASS (kdl_item_list_model_parent_class)->finalize (object);
}

static void
kdl_item_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdlItemListModel *self = KDL_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_item_list_model_class_init (KdlItemListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_item_list_model_dispose;
  object_class->finalize = kdl_item_list_model_finalize;
  object_class->get_property = kdl_item_list_model_get_property;

  /* A query or a read is on its way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_item_list_model_init (KdlItemListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->to_read = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->queued = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

KdlItemListModel *
kdl_item_list_model_new (void)
{
  return g_object_new (KDL_TYPE_ITEM_LIST_MODEL, NULL);
}

void
kdl_item_list_model_set_store (KdlItemListModel *self,
                               KdlStore         *store)
{
  g_return_if_fail (KDL_IS_ITEM_LIST_MODEL (self));
  g_return_if_fail (store == NULL || KDL_IS_STORE (store));

  if (g_set_object (&self->store, store))
    reset (self);
}

/* The run whose items to list; 0 for none. */
void
kdl_item_list_model_set_run (KdlItemListModel *self,
                             gint64            run_id)
{
  g_return_if_fail (KDL_IS_ITEM_LIST_MODEL (self));

  if (self->run_id == run_id)
    return;

  self->run_id = run_id;
  reset (self);
}

gint64
kdl_item_list_model_get_run (KdlItemListModel *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_LIST_MODEL (self), 0);

  return self->run_id;
}

/**
 * kdl_item_list_model_set_states:
 * @states: a mask of 1 << #KdlStoreItemState; 0 for every state
 */
void
kdl_item_list_model_set_states (KdlItemListModel *self,
                                guint             states)
{
  g_return_if_fail (KDL_IS_ITEM_LIST_MODEL (self));

  if (self->states == states)
    return;

  self->states = states;
  reset (self);
}

/* Items changed in the project: the list follows, soon. */
void
kdl_item_list_model_refresh (KdlItemListModel *self)
{
  g_return_if_fail (KDL_IS_ITEM_LIST_MODEL (self));

  start_query (self);
}

gboolean
kdl_item_list_model_get_busy (KdlItemListModel *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_LIST_MODEL (self), FALSE);

  return is_busy (self);
}

gint64
kdl_item_list_model_get_id (KdlItemListModel *self,
                            guint             position)
{
  g_return_val_if_fail (KDL_IS_ITEM_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

/* Objects alive in the cache now: far fewer than the items of a big run. */
guint
kdl_item_list_model_get_n_objects (KdlItemListModel *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_LIST_MODEL (self), 0);

  return g_hash_table_size (self->objects);
}

guint64
kdl_item_list_model_get_n_created (KdlItemListModel *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_LIST_MODEL (self), 0);

  return self->n_created;
}
