/* kdl-review-list-model.c
 *
 * The model holds the item ids a query found (8 bytes a sample) and
 * creates a KdlReviewItem only when a list asks for a position, i.e. for
 * the rows on screen.  New items start empty; the ids asked for are read
 * a batch at a time by one worker with the model's own reader connection,
 * and the items are filled in when the batch is back.  Items are cached
 * by id, so a new query that keeps a sample keeps its object (and the
 * list its row); the cache drops items nobody else holds once it grows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-review"

#include "config.h"

#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-review-list-model.h"

/* Items read per batch; cached items before unused ones are dropped. */
#define BATCH      100
#define CACHE_SOFT 600

struct _KdlReviewListModel
{
  GObject         parent_instance;

  KdlStore       *store;
  GArray         *ids;          /* gint64 */
  GHashTable     *cache;        /* item id → KdlReviewItem */
  GHashTable     *wanted;       /* item ids to read */
  KdlDuplicates  *duplicates;   /* or NULL: not looked for */
  KdlStoreReader *reader;       /* used by the worker only, one batch at a time */
  GCancellable   *cancellable;
  guint           fetch_id;
  gboolean        fetching;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlReviewListModel, kdl_review_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char   *path;
  GArray *ids;
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_free (fetch->path);
  g_array_unref (fetch->ids);
  g_free (fetch);
}

static void
summaries_free (gpointer data)
{
  GArray *summaries = data;

  for (guint i = 0; i < summaries->len; i++)
    kdl_review_summary_clear (&g_array_index (summaries, KdlReviewSummary, i));
  g_array_unref (summaries);
}

/* The first question's stem, or the start of the text. */
static char *
make_preview (const char *text)
{
  g_autoptr(KdlExam) exam = NULL;
  g_autofree char *flat = NULL;
  const char *source = text;

  if (text == NULL)
    return NULL;

  exam = kdl_exam_parse_combined (text);
  if (exam->mcqs->len > 0)
    source = ((KdlExamMcq *)g_ptr_array_index (exam->mcqs, 0))->stem;
  else if (exam->short_answers->len > 0)
    source = ((KdlExamShortAnswer *)g_ptr_array_index (exam->short_answers, 0))->text;

  flat = g_strstrip (g_strdelimit (g_strdup (source), "\r\n\t", ' '));
  if (g_utf8_strlen (flat, -1) > 120)
    {
      char *end = g_utf8_offset_to_pointer (flat, 120);
      *end = '\0';
    }

  return g_steal_pointer (&flat);
}

/**
 * kdl_review_summaries_read:
 * @summaries: (element-type KdlReviewSummary): appended to, in the order
 *   of @item_ids
 *
 * What the review list shows of each sample: a generate item with the
 * score of the judge item judging it, or a judge item with the text it
 * judged.  The verdict is the sample's as the export reads it (the
 * generate item's, else the judge item's).
 */
gboolean
kdl_review_summaries_read (KdlStoreReader  *reader,
                           const gint64    *item_ids,
                           guint            n_items,
                           GArray          *summaries,
                           GError         **error)
{
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(KdlStoreItem) item = kdl_store_reader_get_item (reader, item_ids[i], error);
      g_autoptr(KdlStoreItem) partner = NULL;
      const KdlStoreItem *gen, *judge;
      KdlReviewSummary summary = { 0 };

      if (item == NULL)
        return FALSE;
      if (item->partner_id != 0)
        {
          partner = kdl_store_reader_get_item (reader, item->partner_id, error);
          if (partner == NULL)
            return FALSE;
        }

      gen = item->stage == KDL_STORE_STAGE_GENERATE ? item : partner;
      judge = item->stage == KDL_STORE_STAGE_JUDGE ? item : partner;

      summary.item_id = item->id;
      summary.review_id = gen != NULL ? gen->id : item->id;
      summary.row = item->row;
      summary.variant = item->variant;
      summary.stage = item->stage;
      summary.state = item->state;
      summary.has_score = judge != NULL && judge->has_score;
      summary.score = summary.has_score ? judge->score : 0;
      summary.unparsed = judge != NULL && !judge->has_score && judge->unparsed_reason != NULL;
      summary.check_ok = gen != NULL ? gen->check_ok : -1;
      summary.verdict = gen != NULL ? gen->verdict : KDL_STORE_VERDICT_NONE;
      if (summary.verdict == KDL_STORE_VERDICT_NONE && judge != NULL)
        summary.verdict = judge->verdict;
      summary.edited = gen != NULL && gen->edited_output != NULL;
      if (gen != NULL)
        summary.preview = make_preview (gen->edited_output ? gen->edited_output : gen->output);
      else if (item->error_message != NULL)
        summary.preview = g_strdup (item->error_message);

      g_array_append_val (summaries, summary);
    }

  return TRUE;
}

static void
fetch_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KdlReviewListModel *self = source_object;
  Fetch *fetch = task_data;
  g_autoptr(GArray) summaries = g_array_new (FALSE, TRUE, sizeof (KdlReviewSummary));
  GError *error = NULL;

  if (self->reader == NULL || g_strcmp0 (kdl_store_reader_get_path (self->reader), fetch->path) != 0)
    {
      g_clear_pointer (&self->reader, kdl_store_reader_free);
      self->reader = kdl_store_reader_open (fetch->path, &error);
      if (self->reader == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (!kdl_review_summaries_read (self->reader, (const gint64 *)(gpointer)fetch->ids->data, fetch->ids->len,
                                  summaries, &error))
    {
      summaries_free (g_steal_pointer (&summaries));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&summaries), summaries_free);
}

static void schedule_fetch (KdlReviewListModel *self);

static void
set_fetching (KdlReviewListModel *self,
              gboolean            fetching)
{
  gboolean was = kdl_review_list_model_is_loading (self);

  self->fetching = fetching;
  if (was != kdl_review_list_model_is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KdlReviewListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *summaries = g_task_propagate_pointer (G_TASK (result), &error);

  if (summaries == NULL)
    {
      /* A sample deleted under us or a closed project: its row stays empty. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read samples for the review list: %s", error->message);
    }
  else
    {
      for (guint i = 0; i < summaries->len; i++)
        {
          const KdlReviewSummary *summary = &g_array_index (summaries, KdlReviewSummary, i);
          KdlReviewItem *item = g_hash_table_lookup (self->cache, &summary->item_id);

          if (item != NULL)
            {
              kdl_review_item_set_summary (item, summary);
              kdl_review_item_set_duplicates (item, self->duplicates
                                                    ? kdl_duplicates_get_codes (self->duplicates, summary->review_id)
                                                    : 0);
            }
        }
      summaries_free (summaries);
    }

  set_fetching (self, FALSE);
  if (g_hash_table_size (self->wanted) > 0)
    schedule_fetch (self);
}

static gboolean
fetch_cb (gpointer data)
{
  KdlReviewListModel *self = data;
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;
  GHashTableIter iter;
  gpointer key;

  self->fetch_id = 0;
  if (self->fetching || self->store == NULL || g_hash_table_size (self->wanted) == 0)
    return G_SOURCE_REMOVE;

  fetch = g_new0 (Fetch, 1);
  fetch->path = g_strdup (kdl_store_get_path (self->store));
  fetch->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_hash_table_iter_init (&iter, self->wanted);
  while (fetch->ids->len < BATCH && g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_array_append_val (fetch->ids, *(gint64 *)key);
      g_hash_table_iter_remove (&iter);
    }

  set_fetching (self, TRUE);
  task = g_task_new (self, self->cancellable, on_fetched, g_object_ref (self));
  g_task_set_source_tag (task, fetch_cb);
  g_task_set_task_data (task, fetch, fetch_free);
  g_task_run_in_thread (task, fetch_worker);

  return G_SOURCE_REMOVE;
}

static void
schedule_fetch (KdlReviewListModel *self)
{
  /* An idle gathers every position a list asks for in one frame. */
  if (self->fetch_id == 0 && !self->fetching)
    self->fetch_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fetch_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
want (KdlReviewListModel *self,
      gint64              item_id)
{
  g_hash_table_add (self->wanted, g_memdup2 (&item_id, sizeof item_id));
  schedule_fetch (self);
}

/* Forget items only the cache holds. */
static void
trim_cache (KdlReviewListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->cache) < CACHE_SOFT)
    return;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (G_OBJECT (value)->ref_count == 1)
      g_hash_table_iter_remove (&iter);
}

static GType
kdl_review_list_model_get_item_type (GListModel *model)
{
  return KDL_TYPE_REVIEW_ITEM;
}

static guint
kdl_review_list_model_get_n_items (GListModel *model)
{
  return KDL_REVIEW_LIST_MODEL (model)->ids->len;
}

static gpointer
kdl_review_list_model_get_item (GListModel *model,
                                guint       position)
{
  KdlReviewListModel *self = KDL_REVIEW_LIST_MODEL (model);
  KdlReviewItem *item;
  gint64 item_id;

  if (position >= self->ids->len)
    return NULL;

  item_id = g_array_index (self->ids, gint64, position);
  item = g_hash_table_lookup (self->cache, &item_id);
  if (item == NULL)
    {
      trim_cache (self);
      item = kdl_review_item_new (item_id);
      g_hash_table_insert (self->cache, g_memdup2 (&item_id, sizeof item_id), item);
      want (self, item_id);
    }

  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kdl_review_list_model_get_item_type;
  iface->get_n_items = kdl_review_list_model_get_n_items;
  iface->get_item = kdl_review_list_model_get_item;
}

static void
kdl_review_list_model_dispose (GObject *object)
{
  KdlReviewListModel *self = (KdlReviewListModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fetch_id, g_source_remove);

  G_OBJECT_CLASS (kdl_review_list_model_parent_class)->dispose (object);
}

static void
kdl_review_list_model_finalize (GObject *object)
{
  KdlReviewListModel *self = (KdlReviewListModel *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_object (&self->duplicates);
  g_clear_pointer (&self->reader, kdl_store_reader_free);

  G_OBJECT_CLASS (kdl_review_list_model_parent_class)->finalize (object);
}

static void
kdl_review_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KdlReviewListModel *self = KDL_REVIEW_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, kdl_review_list_model_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_review_list_model_class_init (KdlReviewListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_review_list_model_dispose;
  object_class->finalize = kdl_review_list_model_finalize;
  object_class->get_property = kdl_review_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_review_list_model_init (KdlReviewListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

KdlReviewListModel *
kdl_review_list_model_new (void)
{
  return g_object_new (KDL_TYPE_REVIEW_LIST_MODEL, NULL);
}

KdlStore *
kdl_review_list_model_get_store (KdlReviewListModel *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_LIST_MODEL (self), NULL);

  return self->store;
}

/**
 * kdl_review_list_model_set_store:
 *
 * The project the ids belong to; clears the list.
 */
void
kdl_review_list_model_set_store (KdlReviewListModel *self,
                                 KdlStore           *store)
{
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (KDL_IS_REVIEW_LIST_MODEL (self));

  if (self->store == store)
    return;

  kdl_review_list_model_set_ids (self, empty);
  g_set_object (&self->store, store);
  g_hash_table_remove_all (self->cache);
}

/**
 * kdl_review_list_model_get_ids:
 *
 * Returns: (transfer none) (element-type gint64): the ids, in list order
 */
GArray *
kdl_review_list_model_get_ids (KdlReviewListModel *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_LIST_MODEL (self), NULL);

  return self->ids;
}

/**
 * kdl_review_list_model_set_ids:
 * @ids: (element-type gint64): a query's ids (a reference is kept; do not
 *   change it afterwards)
 *
 * Only the part between the first and the last id that differ is
 * replaced, so a list keeps its rows (and its selection) when a live
 * update appends samples.
 */
void
kdl_review_list_model_set_ids (KdlReviewListModel *self,
                               GArray             *ids)
{
  g_autoptr(GArray) old = NULL;
  guint prefix = 0, suffix = 0;

  g_return_if_fail (KDL_IS_REVIEW_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);

  old = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (ids);

  while (prefix < old->len && prefix < ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) == g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;

  if (prefix == old->len && prefix == ids->len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix, ids->len - prefix - suffix);
}

/**
 * kdl_review_list_model_find:
 *
 * Returns: the position of @item_id, or -1
 */
int
kdl_review_list_model_find (KdlReviewListModel *self,
                            gint64              item_id)
{
  g_return_val_if_fail (KDL_IS_REVIEW_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == item_id)
      return i;

  return -1;
}

/**
 * kdl_review_list_model_reload:
 *
 * Reads the items created so far again (after a verdict or an edit).
 */
void
kdl_review_list_model_reload (KdlReviewListModel *self)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (KDL_IS_REVIEW_LIST_MODEL (self));

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    want (self, *(gint64 *)key);
}

/**
 * kdl_review_list_model_set_duplicates:
 * @duplicates: (nullable): the run's duplicate flags; %NULL: not looked for
 *
 * Items show the flags of their sample (its generate item) once read.
 */
void
kdl_review_list_model_set_duplicates (KdlReviewListModel *self,
                                      KdlDuplicates      *duplicates)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (KDL_IS_REVIEW_LIST_MODEL (self));

  g_set_object (&self->duplicates, duplicates);

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const KdlReviewSummary *summary = kdl_review_item_get_summary (value);

      if (kdl_review_item_get_loaded (value))
        kdl_review_item_set_duplicates (value, duplicates ? kdl_duplicates_get_codes (duplicates, summary->review_id)
                                                          : 0);
    }
}

/* How many items exist now (for tests: only visible rows get one). */
guint
kdl_review_list_model_get_n_cached (KdlReviewListModel *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_LIST_MODEL (self), 0);

  return g_hash_table_size (self->cache);
}

gboolean
kdl_review_list_model_is_loading (KdlReviewListModel *self)
{
  g_return_val_if_fail (KDL_IS_REVIEW_LIST_MODEL (self), FALSE);

  return self->fetching || g_hash_table_size (self->wanted) > 0;
}
