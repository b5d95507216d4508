/* kdl-store-items.c — writing items: the runner's hot path, and resume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include "kdl-store-private.h"

typedef struct
{
  KdlStoreItemUpdate  update;   /* strings owned when `owned` */
  gboolean            owned;
  gint64              now;
} UpdateItem;

static void
update_item_free (gpointer data)
{
  UpdateItem *op = data;

  if (op->owned)
    {
      g_free ((char *)op->update.prompt);
      g_free ((char *)op->update.output);
      g_free ((char *)op->update.check_json);
      g_free ((char *)op->update.parts_json);
      g_free ((char *)op->update.unparsed_reason);
      g_free ((char *)op->update.error_code);
      g_free ((char *)op->update.error_message);
    }
  g_free (op);
}

static UpdateItem *
update_item_new (const KdlStoreItemUpdate *update,
                 gboolean                  copy)
{
  UpdateItem *op = g_new0 (UpdateItem, 1);

  op->update = *update;
  op->owned = copy;
  op->now = g_get_real_time ();

  if (copy)
    {
      op->update.prompt = g_strdup (update->prompt);
      op->update.output = g_strdup (update->output);
      op->update.check_json = g_strdup (update->check_json);
      op->update.parts_json = g_strdup (update->parts_json);
      op->update.unparsed_reason = g_strdup (update->unparsed_reason);
      op->update.error_code = g_strdup (update->error_code);
      op->update.error_message = g_strdup (update->error_message);
    }

  return op;
}

/* Builds the UPDATE for the fields set; statements are cached per text, so
 * each combination of fields is prepared once. */
static char *
update_sql (KdlStoreItemFields fields)
{
  GString *sql = g_string_new ("UPDATE items SET id = id");

  if (fields & KDL_STORE_ITEM_SET_STATE)
    g_string_append (sql, ", state = ?2");
  if (fields & KDL_STORE_ITEM_SET_ATTEMPTS)
    g_string_append (sql, ", attempts = ?3");
  if (fields & KDL_STORE_ITEM_SET_PROMPT)
    g_string_append (sql, ", prompt = ?4");
  if (fields & KDL_STORE_ITEM_SET_OUTPUT)
    g_string_append (sql, ", output = ?5");
  if (fields & KDL_STORE_ITEM_SET_CHECK)
    g_string_append (sql, ", check_ok = ?6, check_json = ?7");
  if (fields & KDL_STORE_ITEM_SET_SCORE)
    g_string_append (sql, ", score = ?8, parts_json = ?9, unparsed_reason = ?10");
  if (fields & KDL_STORE_ITEM_ADD_USAGE)
    g_string_append (sql, ", prompt_tokens = prompt_tokens + ?11,"
                          " completion_tokens = completion_tokens + ?12,"
                          " total_tokens = total_tokens + ?13");
  if (fields & KDL_STORE_ITEM_SET_ERROR)
    g_string_append (sql, ", error_code = ?14, error_message = ?15");
  if (fields & KDL_STORE_ITEM_SET_STARTED)
    g_string_append (sql, ", started_at = ?16");
  if (fields & KDL_STORE_ITEM_SET_FINISHED)
    g_string_append (sql, ", finished_at = ?17");
  g_string_append (sql, " WHERE id = ?1");

  return g_string_free (sql, FALSE);
}

static gboolean
update_item_op (KdlStoreDb  *db,
                gpointer     data,
                gint64      *value,
                GError     **error)
{
  UpdateItem *op = data;
  const KdlStoreItemUpdate *u = &op->update;
  g_autofree char *sql = update_sql (u->fields);
  g_autoptr(KdlStoreStmt) stmt = NULL;

  stmt = kdl_store_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* Binding a parameter the statement does not use is harmless. */
  sqlite3_bind_int64 (stmt, 1, u->item_id);
  kdl_store_bind_text (stmt, 2, kdl_store_item_state_to_string (u->state));
  sqlite3_bind_int64 (stmt, 3, u->attempts);
  kdl_store_bind_text (stmt, 4, u->prompt);
  kdl_store_bind_text (stmt, 5, u->output);
  sqlite3_bind_int (stmt, 6, u->check_ok ? 1 : 0);
  kdl_store_bind_text (stmt, 7, u->check_json);
  if (u->has_score)
    sqlite3_bind_double (stmt, 8, u->score);
  kdl_store_bind_text (stmt, 9, u->parts_json);
  kdl_store_bind_text (stmt, 10, u->unparsed_reason);
  sqlite3_bind_int64 (stmt, 11, u->prompt_tokens);
  sqlite3_bind_int64 (stmt, 12, u->completion_tokens);
  sqlite3_bind_int64 (stmt, 13, u->total_tokens);
  kdl_store_bind_text (stmt, 14, u->error_code);
  kdl_store_bind_text (stmt, 15, u->error_message);
  sqlite3_bind_int64 (stmt, 16, u->started_at != 0 ? u->started_at : op->now);
  sqlite3_bind_int64 (stmt, 17, u->finished_at != 0 ? u->finished_at : op->now);

  if (!kdl_store_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db->handle) == 0)
    return _kdl_store_not_found (db, "item", u->item_id, error);

  if (u->fields & KDL_STORE_ITEM_ADD_USAGE)
    {
      g_autoptr(KdlStoreStmt) run = NULL;

      run = kdl_store_db_prepare (db,
                                  "UPDATE runs SET prompt_tokens = prompt_tokens + ?2,"
                                  " completion_tokens = completion_tokens + ?3,"
                                  " total_tokens = total_tokens + ?4, updated_at = ?5"
                                  " WHERE id = (SELECT run_id FROM items WHERE id = ?1)",
                                  error);
      if (run == NULL)
        return FALSE;
      sqlite3_bind_int64 (run, 1, u->item_id);
      sqlite3_bind_int64 (run, 2, u->prompt_tokens);
      sqlite3_bind_int64 (run, 3, u->completion_tokens);
      sqlite3_bind_int64 (run, 4, u->total_tokens);
      sqlite3_bind_int64 (run, 5, op->now);
      if (!kdl_store_db_step_done (db, run, error))
        return FALSE;
    }

  *value = 1;

  return TRUE;
}

static gboolean
check_update (const KdlStoreItemUpdate *update)
{
  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (update->item_id > 0, FALSE);
  g_return_val_if_fail (update->fields != 0, FALSE);
  g_return_val_if_fail (update->state <= KDL_STORE_ITEM_SKIPPED, FALSE);

  return TRUE;
}

/**
 * kdl_store_update_item_async:
 * @update: what to change; copied before the call returns
 * @callback: (nullable): called on the calling thread's main context once
 *   the change is committed
 *
 * Changes one item.  Updates are batched with whatever else is queued, so
 * thousands a second cost a few transactions.  ADD_USAGE adds the tokens
 * to the item and to its run in the same transaction.
 */
void
kdl_store_update_item_async (KdlStore                 *self,
                             const KdlStoreItemUpdate *update,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_return_if_fail (KDL_IS_STORE (self));
  if (!check_update (update))
    return;

  _kdl_store_submit (self, update_item_op, update_item_new (update, TRUE), update_item_free,
                     kdl_store_update_item_async, callback, user_data);
}

gboolean
kdl_store_update_item_finish (KdlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _kdl_store_finish (self, result, kdl_store_update_item_async, NULL, error);
}

/**
 * kdl_store_update_item:
 *
 * kdl_store_update_item_async(), blocking until committed.
 */
gboolean
kdl_store_update_item (KdlStore                  *self,
                       const KdlStoreItemUpdate  *update,
                       GError                   **error)
{
  UpdateItem *op;
  gboolean ok;

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);
  if (!check_update (update))
    return FALSE;

  op = update_item_new (update, FALSE);
  ok = _kdl_store_run (self, update_item_op, op, NULL, error);
  update_item_free (op);

  return ok;
}

typedef struct
{
  KdlStoreLocks *locks;
  gint64         run_id;
} Requeue;

static gboolean
requeue_op (KdlStoreDb  *db,
            gpointer     data,
            gint64      *value,
            GError     **error)
{
  Requeue *op = data;
  g_autoptr(KdlStoreStmt) stmt = NULL;

  if (!_kdl_store_lock_check_ours (db, op->locks, op->run_id, error))
    return FALSE;

  stmt = kdl_store_db_prepare (db,
                               "UPDATE items SET state = 'pending', started_at = NULL"
                               " WHERE run_id = ?1 AND state = 'running'",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->run_id);
  if (!kdl_store_db_step_done (db, stmt, error))
    return FALSE;

  *value = sqlite3_changes (db->handle);

  return TRUE;
}

/**
 * kdl_store_requeue_interrupted:
 *
 * Puts the items a crashed or killed process left `running` back to
 * `pending` so a resumed run redoes them; finished items are untouched.
 * The caller must hold the run's lock (kdl_store_lock_run()), so items
 * another live process is running are never taken.  Blocks until committed.
 *
 * Returns: how many items were requeued, or -1 with @error set
 */
gint64
kdl_store_requeue_interrupted (KdlStore  *self,
                               gint64     run_id,
                               GError   **error)
{
  Requeue op = { &self->locks, run_id };
  gint64 n = 0;

  g_return_val_if_fail (KDL_IS_STORE (self), -1);

  if (!_kdl_store_run (self, requeue_op, &op, &n, error))
    return -1;

  return n;
}
