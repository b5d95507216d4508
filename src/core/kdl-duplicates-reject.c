/* kdl-duplicates-reject.c — the bulk action "reject duplicates"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-duplicates"

#include "config.h"

#include "kdl-duplicates.h"

typedef struct
{
  KdlStoreVerdict generate;
  KdlStoreVerdict judge;
} Verdicts;

/* A sample's verdict is its generate item's, or else its judge item's
 * (how export reads it).  Keyed by variant << 32 | row: GLib 2.74's
 * g_int64_hash() only reads the low 32 bits. */
static GHashTable *
read_verdicts (KdlStore       *store,
               gint64          run_id,
               GError        **error)
{
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GHashTable) samples = NULL;

  reader = kdl_store_open_reader (store, error);
  if (reader == NULL)
    return NULL;
  reviews = kdl_store_reader_list_reviews (reader, run_id, error);
  if (reviews == NULL)
    return NULL;

  samples = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < reviews->len; i++)
    {
      const KdlStoreReview *review = g_ptr_array_index (reviews, i);
      gint64 key = ((gint64)review->variant << 32) | review->row;
      Verdicts *verdicts = g_hash_table_lookup (samples, &key);

      if (verdicts == NULL)
        {
          verdicts = g_new0 (Verdicts, 1);
          g_hash_table_insert (samples, g_memdup2 (&key, sizeof key), verdicts);
        }
      if (review->stage == KDL_STORE_STAGE_GENERATE)
        verdicts->generate = review->verdict;
      else
        verdicts->judge = review->verdict;
    }

  return g_steal_pointer (&samples);
}

/**
 * kdl_duplicates_reject:
 * @store: the project @duplicates was found in
 * @codes: a KdlDuplicateCode mask: which flags to act on
 * @flags: KDL_DUPLICATE_REJECT_OVERRIDE_ACCEPTED to reject samples a
 *   reviewer accepted as well
 * @n_rejected: (out) (optional): how many samples became rejected
 *
 * The bulk action "reject duplicates": sets the verdict `rejected` on the
 * flagged generate items (all or none), which is all it changes: outputs
 * and edits stay.  Samples already rejected are left as they are, and so,
 * unless @flags say otherwise, are samples a reviewer accepted.
 * Blocking; the GUI calls kdl_duplicates_reject_async().
 */
gboolean
kdl_duplicates_reject (KdlStore                 *store,
                       KdlDuplicates            *duplicates,
                       guint                     codes,
                       KdlDuplicateRejectFlags   flags,
                       guint                    *n_rejected,
                       GError                  **error)
{
  g_autoptr(GHashTable) verdicts = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (KDL_IS_STORE (store), FALSE);
  g_return_val_if_fail (KDL_IS_DUPLICATES (duplicates), FALSE);

  if (n_rejected != NULL)
    *n_rejected = 0;

  verdicts = read_verdicts (store, kdl_duplicates_get_run_id (duplicates), error);
  if (verdicts == NULL)
    return FALSE;

  for (guint i = 0; i < kdl_duplicates_get_n_items (duplicates); i++)
    {
      const KdlDuplicateItem *item = kdl_duplicates_get_item (duplicates, i);
      gint64 key = ((gint64)item->variant << 32) | item->row;
      const Verdicts *sample = g_hash_table_lookup (verdicts, &key);
      KdlStoreVerdict verdict = KDL_STORE_VERDICT_NONE;

      if ((item->codes & codes) == 0)
        continue;
      if (sample != NULL)
        verdict = sample->generate != KDL_STORE_VERDICT_NONE ? sample->generate : sample->judge;
      if (verdict == KDL_STORE_VERDICT_REJECTED ||
          (verdict == KDL_STORE_VERDICT_ACCEPTED && !(flags & KDL_DUPLICATE_REJECT_OVERRIDE_ACCEPTED)))
        continue;
      g_array_append_val (ids, item->item_id);
    }

  if (ids->len > 0 &&
      !kdl_store_set_verdict (store, (const gint64 *)(gpointer)ids->data, ids->len,
                              KDL_STORE_VERDICT_REJECTED, error))
    return FALSE;

  if (n_rejected != NULL)
    *n_rejected = ids->len;

  return TRUE;
}

typedef struct
{
  KdlDuplicates           *duplicates;
  guint                    codes;
  KdlDuplicateRejectFlags  flags;
} RejectData;

static void
reject_data_free (gpointer data)
{
  RejectData *reject = data;

  g_clear_object (&reject->duplicates);
  g_free (reject);
}

static void
reject_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RejectData *data = task_data;
  GError *error = NULL;
  guint n_rejected = 0;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!kdl_duplicates_reject (KDL_STORE (source_object), data->duplicates, data->codes, data->flags,
                              &n_rejected, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_rejected);
}

/**
 * kdl_duplicates_reject_async:
 *
 * kdl_duplicates_reject() on a worker thread; @callback runs on the
 * caller's thread-default main context after the verdicts are committed.
 */
void
kdl_duplicates_reject_async (KdlStore                 *store,
                             KdlDuplicates            *duplicates,
                             guint                     codes,
                             KdlDuplicateRejectFlags   flags,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  RejectData *data;

  g_return_if_fail (KDL_IS_STORE (store));
  g_return_if_fail (KDL_IS_DUPLICATES (duplicates));

  data = g_new0 (RejectData, 1);
  data->duplicates = g_object_ref (duplicates);
  data->codes = codes;
  data->flags = flags;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_duplicates_reject_async);
  g_task_set_task_data (task, data, reject_data_free);
  g_task_run_in_thread (task, reject_thread);
}

gboolean
kdl_duplicates_reject_finish (KdlStore      *store,
                              GAsyncResult  *result,
                              guint         *n_rejected,
                              GError       **error)
{
  gssize n;

  g_return_val_if_fail (KDL_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_duplicates_reject_async, FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n_rejected != NULL)
    *n_rejected = n < 0 ? 0 : (guint)n;

  return n >= 0;
}
