/* kdl-store-datasets.c — datasets, their copied rows, template versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-store-private.h"

typedef struct
{
  const KdlStoreDatasetSpec *spec;
  char                      *fingerprint;
  gint64                     now;
} EnsureDataset;

static char *
dataset_fingerprint (const KdlStoreDatasetSpec *spec)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = {
    spec->format,
    spec->encoding != NULL ? spec->encoding : "",
    spec->sheet != NULL ? spec->sheet : "",
    spec->columns_json != NULL ? spec->columns_json : "[]",
    spec->mapping_json != NULL ? spec->mapping_json : "{}",
    spec->content_hash,
  };

  /* Each part with its terminating nul, so ("ab", "c") ≠ ("a", "bc"). */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_checksum_update (sum, (const guchar *)parts[i], strlen (parts[i]) + 1);

  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
ensure_dataset_op (KdlStoreDb  *db,
                   gpointer     data,
                   gint64      *value,
                   GError     **error)
{
  EnsureDataset *op = data;
  const KdlStoreDatasetSpec *spec = op->spec;
  g_autoptr(KdlStoreStmt) find = NULL;
  g_autoptr(KdlStoreStmt) insert = NULL;
  int rc;

  find = kdl_store_db_prepare (db, "SELECT id FROM datasets WHERE fingerprint = ?1", error);
  if (find == NULL)
    return FALSE;
  kdl_store_bind_text (find, 1, op->fingerprint);
  rc = kdl_store_db_step (db, find, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (find, 0);
      return TRUE;
    }

  insert = kdl_store_db_prepare (db,
                                 "INSERT INTO datasets (source_path, format, encoding, sheet, fingerprint,"
                                 " imported_at, columns_json, mapping_json)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce (?7, '[]'), coalesce (?8, '{}'))",
                                 error);
  if (insert == NULL)
    return FALSE;
  kdl_store_bind_text (insert, 1, spec->source_path);
  kdl_store_bind_text (insert, 2, spec->format);
  kdl_store_bind_text (insert, 3, spec->encoding);
  kdl_store_bind_text (insert, 4, spec->sheet);
  kdl_store_bind_text (insert, 5, op->fingerprint);
  sqlite3_bind_int64 (insert, 6, op->now);
  kdl_store_bind_text (insert, 7, spec->columns_json);
  kdl_store_bind_text (insert, 8, spec->mapping_json);
  if (!kdl_store_db_step_done (db, insert, error))
    return FALSE;

  *value = sqlite3_last_insert_rowid (db->handle);

  return TRUE;
}

/**
 * kdl_store_ensure_dataset:
 *
 * Finds the dataset with the same content (format, encoding, sheet,
 * columns, mapping and @spec->content_hash) or records a new one.  Blocks
 * until committed.
 *
 * Returns: the dataset's id, or 0 with @error set
 */
gint64
kdl_store_ensure_dataset (KdlStore                  *self,
                          const KdlStoreDatasetSpec *spec,
                          GError                   **error)
{
  g_autofree char *fingerprint = NULL;
  EnsureDataset op = { spec };
  gint64 id = 0;

  g_return_val_if_fail (KDL_IS_STORE (self), 0);
  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (spec->source_path != NULL, 0);
  g_return_val_if_fail (spec->format != NULL, 0);
  g_return_val_if_fail (spec->content_hash != NULL, 0);

  op.fingerprint = fingerprint = dataset_fingerprint (spec);
  op.now = g_get_real_time ();

  if (!_kdl_store_run (self, ensure_dataset_op, &op, &id, error))
    return 0;

  return id;
}

typedef struct
{
  gint64                 dataset_id;
  const KdlStoreRowSpec *rows;
  gsize                  n_rows;
} AddRows;

/* A row already copied must be the same row: runs that used it rely on it. */
static gboolean
check_same_row (KdlStoreDb             *db,
                gint64                  dataset_id,
                const KdlStoreRowSpec  *row,
                GError                **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  stmt = kdl_store_db_prepare (db, "SELECT hash FROM dataset_rows WHERE dataset_id = ?1 AND row_no = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int64 (stmt, 2, row->row);
  rc = kdl_store_db_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _kdl_store_not_found (db, "dataset", dataset_id, error);

  if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), row->hash) != 0)
    {
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID,
                   _("Row %u of dataset %lld in the project “%s” differs from the copy a run already used; import the changed file as a new dataset."),
                   row->row, (long long)dataset_id, db->display_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_rows_op (KdlStoreDb  *db,
             gpointer     data,
             gint64      *value,
             GError     **error)
{
  AddRows *op = data;
  KdlStoreStmt *insert;
  gint64 added = 0;

  if (!_kdl_store_exists (db, "dataset", op->dataset_id, error))
    return FALSE;

  insert = kdl_store_db_prepare (db,
                                 "INSERT INTO dataset_rows (dataset_id, row_no, hash, fields_json)"
                                 " VALUES (?1, ?2, ?3, ?4)"
                                 " ON CONFLICT (dataset_id, row_no) DO NOTHING",
                                 error);
  if (insert == NULL)
    return FALSE;

  for (gsize i = 0; i < op->n_rows; i++)
    {
      const KdlStoreRowSpec *row = &op->rows[i];

      sqlite3_bind_int64 (insert, 1, op->dataset_id);
      sqlite3_bind_int64 (insert, 2, row->row);
      kdl_store_bind_text (insert, 3, row->hash);
      kdl_store_bind_text (insert, 4, row->fields_json);
      if (!kdl_store_db_step_done (db, insert, error))
        {
          g_prefix_error (error, _("Row %u: "), row->row);
          kdl_store_stmt_reset (insert);
          return FALSE;
        }

      if (sqlite3_changes (db->handle) == 1)
        added++;
      else if (!check_same_row (db, op->dataset_id, row, error))
        {
          kdl_store_stmt_reset (insert);
          return FALSE;
        }
    }

  kdl_store_stmt_reset (insert);
  *value = added;

  return TRUE;
}

/**
 * kdl_store_add_rows:
 * @rows: (array length=n_rows): rows to copy; row ids start at 1
 *
 * Copies rows into the project in one transaction.  Rows already there
 * are kept when they have the same hash; a different hash is refused (a
 * copied row never changes).  Blocks until committed.
 */
gboolean
kdl_store_add_rows (KdlStore               *self,
                    gint64                  dataset_id,
                    const KdlStoreRowSpec  *rows,
                    gsize                   n_rows,
                    GError                **error)
{
  AddRows op = { dataset_id, rows, n_rows };

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  for (gsize i = 0; i < n_rows; i++)
    if (rows[i].row == 0 || rows[i].hash == NULL || rows[i].fields_json == NULL)
      {
        g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID,
                     _("Row %u cannot be copied into the project: it needs a row id from 1, a hash and its fields."),
                     rows[i].row);
        return FALSE;
      }

  return _kdl_store_run (self, add_rows_op, &op, NULL, error);
}

typedef struct
{
  const char    *name;
  KdlStoreStage  kind;
  const char    *text;
  char          *sha256;
  gint64         now;
} AddTemplate;

static gboolean
add_template_op (KdlStoreDb  *db,
                 gpointer     data,
                 gint64      *value,
                 GError     **error)
{
  AddTemplate *op = data;
  g_autoptr(KdlStoreStmt) insert = NULL;
  g_autoptr(KdlStoreStmt) find = NULL;

  insert = kdl_store_db_prepare (db,
                                 "INSERT INTO template_versions (name, kind, sha256, text, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)"
                                 " ON CONFLICT (name, kind, sha256) DO NOTHING",
                                 error);
  if (insert == NULL)
    return FALSE;
  kdl_store_bind_text (insert, 1, op->name);
  kdl_store_bind_text (insert, 2, kdl_store_stage_to_string (op->kind));
  kdl_store_bind_text (insert, 3, op->sha256);
  kdl_store_bind_text (insert, 4, op->text);
  sqlite3_bind_int64 (insert, 5, op->now);
  if (!kdl_store_db_step_done (db, insert, error))
    return FALSE;

  find = kdl_store_db_prepare (db,
                               "SELECT id FROM template_versions WHERE name = ?1 AND kind = ?2 AND sha256 = ?3",
                               error);
  if (find == NULL)
    return FALSE;
  kdl_store_bind_text (find, 1, op->name);
  kdl_store_bind_text (find, 2, kdl_store_stage_to_string (op->kind));
  kdl_store_bind_text (find, 3, op->sha256);
  if (kdl_store_db_step (db, find, error) != SQLITE_ROW)
    return error == NULL || *error != NULL ? FALSE : _kdl_store_not_found (db, "template", 0, error);

  *value = sqlite3_column_int64 (find, 0);

  return TRUE;
}

/**
 * kdl_store_add_template_version:
 * @text: the whole template file as run, header included
 *
 * Records the exact text a run uses; the same name, kind and text give the
 * same id.  Blocks until committed.
 *
 * Returns: the version's id, or 0 with @error set
 */
gint64
kdl_store_add_template_version (KdlStore       *self,
                                const char     *name,
                                KdlStoreStage   kind,
                                const char     *text,
                                GError        **error)
{
  g_autofree char *sha256 = NULL;
  AddTemplate op = { name, kind, text };
  gint64 id = 0;

  g_return_val_if_fail (KDL_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (kind == KDL_STORE_STAGE_GENERATE || kind == KDL_STORE_STAGE_JUDGE, 0);

  op.sha256 = sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  op.now = g_get_real_time ();

  if (!_kdl_store_run (self, add_template_op, &op, &id, error))
    return 0;

  return id;
}
