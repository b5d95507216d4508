/* kdl-store-review.c — verdicts and edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A review lives in its own table beside the item: an edit never touches
 * items.output, so the original stays, and clearing the edit shows it again.
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include "kdl-store-private.h"

typedef struct
{
  gint64          *item_ids;
  gsize            n_items;
  KdlStoreVerdict  verdict;
  gint64           now;
} SetVerdict;

static void
set_verdict_free (gpointer data)
{
  SetVerdict *op = data;

  g_free (op->item_ids);
  g_free (op);
}

static gboolean
set_verdict_op (KdlStoreDb  *db,
                gpointer     data,
                gint64      *value,
                GError     **error)
{
  SetVerdict *op = data;
  KdlStoreStmt *stmt;

  stmt = kdl_store_db_prepare (db,
                               "INSERT INTO reviews (item_id, verdict, verdict_at) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (item_id) DO UPDATE SET verdict = excluded.verdict,"
                               " verdict_at = excluded.verdict_at",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (gsize i = 0; i < op->n_items; i++)
    {
      if (!_kdl_store_exists (db, "item", op->item_ids[i], error))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, op->item_ids[i]);
      if (op->verdict == KDL_STORE_VERDICT_NONE)
        sqlite3_bind_null (stmt, 2);
      else
        kdl_store_bind_text (stmt, 2, kdl_store_verdict_to_string (op->verdict));
      sqlite3_bind_int64 (stmt, 3, op->now);
      if (!kdl_store_db_step_done (db, stmt, error))
        {
          kdl_store_stmt_reset (stmt);
          return FALSE;
        }
    }

  kdl_store_stmt_reset (stmt);
  *value = op->n_items;

  return TRUE;
}

static SetVerdict *
set_verdict_new (const gint64    *item_ids,
                 gsize            n_items,
                 KdlStoreVerdict  verdict)
{
  SetVerdict *op = g_new0 (SetVerdict, 1);

  op->item_ids = g_memdup2 (item_ids, n_items * sizeof *item_ids);
  op->n_items = n_items;
  op->verdict = verdict;
  op->now = g_get_real_time ();

  return op;
}

/**
 * kdl_store_set_verdict_async:
 * @item_ids: (array length=n_items): the items (one for a single sample,
 *   many for a bulk action); copied
 * @verdict: accepted, rejected, or NONE to clear
 *
 * Sets the review verdict of items, all or none.
 */
void
kdl_store_set_verdict_async (KdlStore            *self,
                             const gint64        *item_ids,
                             gsize                n_items,
                             KdlStoreVerdict      verdict,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (KDL_IS_STORE (self));
  g_return_if_fail (item_ids != NULL || n_items == 0);
  g_return_if_fail (verdict <= KDL_STORE_VERDICT_REJECTED);

  _kdl_store_submit (self, set_verdict_op, set_verdict_new (item_ids, n_items, verdict),
                     set_verdict_free, kdl_store_set_verdict_async, callback, user_data);
}

gboolean
kdl_store_set_verdict_finish (KdlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _kdl_store_finish (self, result, kdl_store_set_verdict_async, NULL, error);
}

gboolean
kdl_store_set_verdict (KdlStore         *self,
                       const gint64     *item_ids,
                       gsize             n_items,
                       KdlStoreVerdict   verdict,
                       GError          **error)
{
  SetVerdict *op;
  gboolean ok;

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (verdict <= KDL_STORE_VERDICT_REJECTED, FALSE);

  op = set_verdict_new (item_ids, n_items, verdict);
  ok = _kdl_store_run (self, set_verdict_op, op, NULL, error);
  set_verdict_free (op);

  return ok;
}

typedef struct
{
  gint64  item_id;
  char   *text;
  gint64  now;
} SetEdit;

static void
set_edit_free (gpointer data)
{
  SetEdit *op = data;

  g_free (op->text);
  g_free (op);
}

static gboolean
set_edit_op (KdlStoreDb  *db,
             gpointer     data,
             gint64      *value,
             GError     **error)
{
  SetEdit *op = data;
  g_autoptr(KdlStoreStmt) stmt = NULL;

  if (!_kdl_store_exists (db, "item", op->item_id, error))
    return FALSE;

  stmt = kdl_store_db_prepare (db,
                               "INSERT INTO reviews (item_id, edited_output, edited_at) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (item_id) DO UPDATE SET edited_output = excluded.edited_output,"
                               " edited_at = excluded.edited_at",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->item_id);
  kdl_store_bind_text (stmt, 2, op->text);
  if (op->text != NULL)
    sqlite3_bind_int64 (stmt, 3, op->now);
  if (!kdl_store_db_step_done (db, stmt, error))
    return FALSE;

  *value = 1;

  return TRUE;
}

static SetEdit *
set_edit_new (gint64      item_id,
              const char *text)
{
  SetEdit *op = g_new0 (SetEdit, 1);

  op->item_id = item_id;
  op->text = g_strdup (text);
  op->now = g_get_real_time ();

  return op;
}

/**
 * kdl_store_set_edit_async:
 * @text: (nullable): the reviewer's version of the output; NULL drops the
 *   edit and the original counts again
 *
 * Stores an edit beside the item's output, which is never overwritten.
 */
void
kdl_store_set_edit_async (KdlStore            *self,
                          gint64               item_id,
                          const char          *text,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (KDL_IS_STORE (self));

  _kdl_store_submit (self, set_edit_op, set_edit_new (item_id, text), set_edit_free,
                     kdl_store_set_edit_async, callback, user_data);
}

gboolean
kdl_store_set_edit_finish (KdlStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _kdl_store_finish (self, result, kdl_store_set_edit_async, NULL, error);
}

gboolean
kdl_store_set_edit (KdlStore    *self,
                    gint64       item_id,
                    const char  *text,
                    GError     **error)
{
  SetEdit *op;
  gboolean ok;

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);

  op = set_edit_new (item_id, text);
  ok = _kdl_store_run (self, set_edit_op, op, NULL, error);
  set_edit_free (op);

  return ok;
}
