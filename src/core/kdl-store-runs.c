/* kdl-store-runs.c — creating runs, their items, and the run state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdl-store-private.h"

/* Member names that never go into a project file, whatever the caller
 * put in the provider settings. */
static gboolean
is_secret_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  static const char * const words[] = {
    "secret", "password", "apikey", "api_key", "api-key", "authorization", "credential",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return g_str_equal (lower, "key");
}

static void
strip_secrets (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *member = json_object_get_member (object, name);

          if (is_secret_name (name))
            {
              g_debug ("Not storing the provider setting “%s”", name);
              json_object_remove_member (object, name);
              continue;
            }
          strip_secrets (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_secrets (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autofree char *lower = g_ascii_strdown (text, -1);

      /* A signed Spark URL carries its signature in the query. */
      if (strstr (lower, "authorization=") != NULL && strchr (text, '?') != NULL)
        {
          g_autofree char *bare = g_strndup (text, strchr (text, '?') - text);
          json_node_set_string (node, bare);
        }
    }
}

static char *
provider_without_secrets (const char  *provider_json,
                          GError     **error)
{
  /* Mutable nodes: the secrets are cut out in place. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;

  if (provider_json == NULL)
    return g_strdup ("{}");

  if (!json_parser_load_from_data (parser, provider_json, -1, NULL))
    {
      g_set_error_literal (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID,
                           _("The run’s provider settings are not valid JSON."));
      return NULL;
    }

  root = json_parser_steal_root (parser);
  strip_secrets (root);

  return json_to_string (root, FALSE);
}

typedef struct
{
  const KdlStoreRunSpec *spec;
  char                  *provider_json;
  gint64                 now;
} CreateRun;

static gboolean
create_run_op (KdlStoreDb  *db,
               gpointer     data,
               gint64      *value,
               GError     **error)
{
  CreateRun *op = data;
  const KdlStoreRunSpec *spec = op->spec;
  g_autoptr(KdlStoreStmt) stmt = NULL;

  stmt = kdl_store_db_prepare (db,
                               "INSERT INTO runs (created_at, updated_at, dataset_id, generate_template_id,"
                               " judge_template_id, parent_run_id, score_max, provider_json, params_json)"
                               " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce (?8, '{}'))",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op->now);
  kdl_store_bind_id (stmt, 2, spec->dataset_id);
  kdl_store_bind_id (stmt, 3, spec->generate_template_id);
  kdl_store_bind_id (stmt, 4, spec->judge_template_id);
  kdl_store_bind_id (stmt, 5, spec->parent_run_id);
  if (spec->score_max > 0)
    sqlite3_bind_double (stmt, 6, spec->score_max);
  kdl_store_bind_text (stmt, 7, op->provider_json);
  kdl_store_bind_text (stmt, 8, spec->params_json);
  if (!kdl_store_db_step_done (db, stmt, error))
    return FALSE;

  *value = sqlite3_last_insert_rowid (db->handle);

  return TRUE;
}

/**
 * kdl_store_create_run:
 *
 * Records a new run (state pending).  Keys, secrets and URL signatures in
 * @spec->provider_json are dropped.  Blocks until committed.
 *
 * Returns: the run's id, or 0 with @error set
 */
gint64
kdl_store_create_run (KdlStore               *self,
                      const KdlStoreRunSpec  *spec,
                      GError                **error)
{
  g_autofree char *provider_json = NULL;
  CreateRun op = { spec };
  gint64 id = 0;

  g_return_val_if_fail (KDL_IS_STORE (self), 0);
  g_return_val_if_fail (spec != NULL, 0);

  op.provider_json = provider_json = provider_without_secrets (spec->provider_json, error);
  if (provider_json == NULL)
    return 0;
  op.now = g_get_real_time ();

  if (!_kdl_store_run (self, create_run_op, &op, &id, error))
    return 0;

  return id;
}

typedef struct
{
  gint64            run_id;
  KdlStoreRunState  state;
  char             *stop_code;
  char             *stop_message;
  gint64            now;
} SetRunState;

static void
set_run_state_free (gpointer data)
{
  SetRunState *op = data;

  g_free (op->stop_code);
  g_free (op->stop_message);
  g_free (op);
}

static gboolean
set_run_state_op (KdlStoreDb  *db,
                  gpointer     data,
                  gint64      *value,
                  GError     **error)
{
  SetRunState *op = data;
  g_autoptr(KdlStoreStmt) stmt = NULL;

  /* started_at: the first start; finished_at: the last end (cleared while
   * the run runs again after a resume). */
  stmt = kdl_store_db_prepare (db,
                               "UPDATE runs SET state = ?2, stop_code = ?3, stop_message = ?4, updated_at = ?5,"
                               " started_at = CASE WHEN ?2 = 'running' THEN coalesce (started_at, ?5) ELSE started_at END,"
                               " finished_at = CASE WHEN ?2 IN ('done', 'failed', 'stopped', 'paused') THEN ?5"
                               "                    WHEN ?2 = 'running' THEN NULL ELSE finished_at END"
                               " WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op->run_id);
  kdl_store_bind_text (stmt, 2, kdl_store_run_state_to_string (op->state));
  kdl_store_bind_text (stmt, 3, op->stop_code);
  kdl_store_bind_text (stmt, 4, op->stop_message);
  sqlite3_bind_int64 (stmt, 5, op->now);
  if (!kdl_store_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (db->handle) == 0)
    return _kdl_store_not_found (db, "run", op->run_id, error);

  *value = 1;

  return TRUE;
}

static SetRunState *
set_run_state_new (gint64            run_id,
                   KdlStoreRunState  state,
                   const char       *stop_code,
                   const char       *stop_message)
{
  SetRunState *op = g_new0 (SetRunState, 1);

  op->run_id = run_id;
  op->state = state;
  op->stop_code = g_strdup (stop_code);
  op->stop_message = g_strdup (stop_message);
  op->now = g_get_real_time ();

  return op;
}

/**
 * kdl_store_set_run_state_async:
 * @stop_code: (nullable): why it stopped, a stable English identifier
 * @stop_message: (nullable): the same for people, in their language
 *
 * Sets the run's state and stop reason (both replaced; pass NULLs when
 * running).  Times the first start and the last stop.
 */
void
kdl_store_set_run_state_async (KdlStore            *self,
                               gint64               run_id,
                               KdlStoreRunState     state,
                               const char          *stop_code,
                               const char          *stop_message,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (KDL_IS_STORE (self));
  g_return_if_fail (state <= KDL_STORE_RUN_FAILED);

  _kdl_store_submit (self, set_run_state_op,
                     set_run_state_new (run_id, state, stop_code, stop_message),
                     set_run_state_free, kdl_store_set_run_state_async, callback, user_data);
}

gboolean
kdl_store_set_run_state_finish (KdlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _kdl_store_finish (self, result, kdl_store_set_run_state_async, NULL, error);
}

gboolean
kdl_store_set_run_state (KdlStore          *self,
                         gint64             run_id,
                         KdlStoreRunState   state,
                         const char        *stop_code,
                         const char        *stop_message,
                         GError           **error)
{
  SetRunState *op;
  gboolean ok;

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= KDL_STORE_RUN_FAILED, FALSE);

  op = set_run_state_new (run_id, state, stop_code, stop_message);
  ok = _kdl_store_run (self, set_run_state_op, op, NULL, error);
  set_run_state_free (op);

  return ok;
}

typedef struct
{
  gint64                  run_id;
  const KdlStoreItemSpec *items;
  gsize                   n_items;
} AddItems;

/* Inserts one item, or finds it when it exists (adding items twice is
 * harmless: a run's items are unique per row × variant × stage). */
static gint64
insert_item (KdlStoreDb     *db,
             gint64          run_id,
             guint           row,
             guint           variant,
             KdlStoreStage   stage,
             gint64          source_item_id,
             GError        **error)
{
  g_autoptr(KdlStoreStmt) insert = NULL;
  g_autoptr(KdlStoreStmt) find = NULL;
  int rc;

  insert = kdl_store_db_prepare (db,
                                 "INSERT INTO items (run_id, row_no, variant, stage, source_item_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)"
                                 " ON CONFLICT (run_id, row_no, variant, stage) DO NOTHING",
                                 error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_int64 (insert, 1, run_id);
  sqlite3_bind_int64 (insert, 2, row);
  sqlite3_bind_int64 (insert, 3, variant);
  kdl_store_bind_text (insert, 4, kdl_store_stage_to_string (stage));
  kdl_store_bind_id (insert, 5, source_item_id);
  if (!kdl_store_db_step_done (db, insert, error))
    return 0;

  if (sqlite3_changes (db->handle) == 1)
    return sqlite3_last_insert_rowid (db->handle);

  find = kdl_store_db_prepare (db,
                               "SELECT id FROM items WHERE run_id = ?1 AND row_no = ?2 AND variant = ?3 AND stage = ?4",
                               error);
  if (find == NULL)
    return 0;
  sqlite3_bind_int64 (find, 1, run_id);
  sqlite3_bind_int64 (find, 2, row);
  sqlite3_bind_int64 (find, 3, variant);
  kdl_store_bind_text (find, 4, kdl_store_stage_to_string (stage));
  rc = kdl_store_db_step (db, find, error);
  if (rc != SQLITE_ROW)
    return rc == 0 ? 0 : (_kdl_store_not_found (db, "item", 0, error), 0);

  return sqlite3_column_int64 (find, 0);
}

static gboolean
add_items_op (KdlStoreDb  *db,
              gpointer     data,
              gint64      *value,
              GError     **error)
{
  AddItems *op = data;

  if (!_kdl_store_exists (db, "run", op->run_id, error))
    return FALSE;

  for (gsize i = 0; i < op->n_items; i++)
    {
      const KdlStoreItemSpec *spec = &op->items[i];
      gint64 source = spec->source_item_id;

      if (spec->generate)
        {
          source = insert_item (db, op->run_id, spec->row, spec->variant,
                                KDL_STORE_STAGE_GENERATE, spec->source_item_id, error);
          if (source == 0)
            goto failed;
        }

      if (spec->judge &&
          insert_item (db, op->run_id, spec->row, spec->variant,
                       KDL_STORE_STAGE_JUDGE, source, error) == 0)
        goto failed;

      continue;

    failed:
      g_prefix_error (error, _("Row %u: "), spec->row);
      return FALSE;
    }

  *value = op->n_items;

  return TRUE;
}

/**
 * kdl_store_add_items:
 * @items: (array length=n_items): the row × variant units to add
 *
 * Adds pending items to a run, all in one transaction; items that exist
 * already are kept as they are.  Blocks until committed.  Then list them
 * with kdl_store_reader_list_unfinished_items(), as a resumed run does.
 */
gboolean
kdl_store_add_items (KdlStore                *self,
                     gint64                   run_id,
                     const KdlStoreItemSpec  *items,
                     gsize                    n_items,
                     GError                 **error)
{
  AddItems op = { run_id, items, n_items };

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);

  for (gsize i = 0; i < n_items; i++)
    if (items[i].row == 0 || (!items[i].generate && !items[i].judge))
      {
        g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID,
                     _("Row %u cannot be added to run %lld: it needs a row id from 1 and a stage."),
                     items[i].row, (long long)run_id);
        return FALSE;
      }

  return _kdl_store_run (self, add_items_op, &op, NULL, error);
}
