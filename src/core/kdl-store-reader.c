/* kdl-store-reader.c — read connections: datasets, templates, runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are read in kdl-store-reader-items.c, figures in kdl-store-stats.c.
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-store-private.h"
#include "kdl-store-schema.h"

/**
 * kdl_store_reader_open:
 * @path: an existing project
 *
 * Opens a read connection (upgrading an older file first, like
 * kdl_store_open()).  Fails with KDL_STORE_ERROR_NOT_FOUND when the file
 * does not exist.
 *
 * Returns: (transfer full) (nullable): the reader, for the calling thread
 */
KdlStoreReader *
kdl_store_reader_open (const char  *path,
                       GError     **error)
{
  KdlStoreReader *self;
  KdlStoreDb *db;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                   _("There is no project “%s”. Check the path, or create it by starting a run."),
                   name);
      return NULL;
    }

  db = kdl_store_schema_open (path, FALSE, error);
  if (db == NULL)
    return NULL;

  /* A reader never writes, whatever a caller does with it. */
  if (!kdl_store_db_exec (db, "PRAGMA query_only = ON", error))
    {
      kdl_store_db_close (db);
      return NULL;
    }

  self = g_new0 (KdlStoreReader, 1);
  self->db = db;

  return self;
}

void
kdl_store_reader_free (KdlStoreReader *self)
{
  if (self == NULL)
    return;

  kdl_store_db_close (self->db);
  g_free (self);
}

const char *
kdl_store_reader_get_path (KdlStoreReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->db->path;
}

/**
 * kdl_store_reader_get_dataset:
 *
 * Returns: (transfer full) (nullable): the dataset, with how many rows
 * are copied
 */
KdlStoreDataset *
kdl_store_reader_get_dataset (KdlStoreReader  *self,
                              gint64           dataset_id,
                              GError         **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  KdlStoreDataset *dataset;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db,
                               "SELECT source_path, format, encoding, sheet, fingerprint, imported_at,"
                               " columns_json, mapping_json,"
                               " (SELECT count(*) FROM dataset_rows WHERE dataset_id = ?1)"
                               " FROM datasets WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  rc = kdl_store_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _kdl_store_not_found (self->db, "dataset", dataset_id, error);
      return NULL;
    }

  dataset = g_new0 (KdlStoreDataset, 1);
  dataset->id = dataset_id;
  dataset->source_path = kdl_store_column_dup (stmt, 0);
  dataset->format = kdl_store_column_dup (stmt, 1);
  dataset->encoding = kdl_store_column_dup (stmt, 2);
  dataset->sheet = kdl_store_column_dup (stmt, 3);
  dataset->fingerprint = kdl_store_column_dup (stmt, 4);
  dataset->imported_at = sqlite3_column_int64 (stmt, 5);
  dataset->columns_json = kdl_store_column_dup (stmt, 6);
  dataset->mapping_json = kdl_store_column_dup (stmt, 7);
  dataset->n_rows = sqlite3_column_int (stmt, 8);

  return dataset;
}

/**
 * kdl_store_reader_get_row:
 *
 * Returns: (transfer full) (nullable): a copied row
 */
KdlStoreRow *
kdl_store_reader_get_row (KdlStoreReader  *self,
                          gint64           dataset_id,
                          guint            row,
                          GError         **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  KdlStoreRow *result;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db,
                               "SELECT hash, fields_json FROM dataset_rows WHERE dataset_id = ?1 AND row_no = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int64 (stmt, 2, row);
  rc = kdl_store_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                   _("Row %u of dataset %lld is not in the project “%s”."),
                   row, (long long)dataset_id, self->db->display_name);
      return NULL;
    }

  result = g_new0 (KdlStoreRow, 1);
  result->row = row;
  result->hash = kdl_store_column_dup (stmt, 0);
  result->fields_json = kdl_store_column_dup (stmt, 1);

  return result;
}

/**
 * kdl_store_reader_get_template:
 *
 * Returns: (transfer full) (nullable): a template version, with its text
 */
KdlStoreTemplate *
kdl_store_reader_get_template (KdlStoreReader  *self,
                               gint64           template_id,
                               GError         **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  KdlStoreTemplate *template;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db,
                               "SELECT name, kind, sha256, text, created_at FROM template_versions WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, template_id);
  rc = kdl_store_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _kdl_store_not_found (self->db, "template", template_id, error);
      return NULL;
    }

  template = g_new0 (KdlStoreTemplate, 1);
  template->id = template_id;
  template->name = kdl_store_column_dup (stmt, 0);
  kdl_store_stage_from_string ((const char *)sqlite3_column_text (stmt, 1), &template->kind);
  template->sha256 = kdl_store_column_dup (stmt, 2);
  template->text = kdl_store_column_dup (stmt, 3);
  template->created_at = sqlite3_column_int64 (stmt, 4);

  return template;
}

/**
 * _kdl_store_count_samples:
 *
 * The sample counts of a run (a sample is one row × variant): done when
 * every item is done or skipped, failed when one failed, retried when one
 * took more than one attempt.
 */
gboolean
_kdl_store_count_samples (KdlStoreDb  *db,
                          gint64       run_id,
                          guint       *rows,
                          guint       *samples,
                          guint       *done,
                          guint       *failed,
                          guint       *retried,
                          GError     **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;

  stmt = kdl_store_db_prepare (db,
                               "SELECT count (DISTINCT row_no), count (*),"
                               " total (n_failed = 0 AND n_open = 0), total (n_failed > 0), total (max_attempts > 1)"
                               " FROM (SELECT row_no, sum (state = 'failed') AS n_failed,"
                               "              sum (state IN ('pending', 'running')) AS n_open,"
                               "              max (attempts) AS max_attempts"
                               "       FROM items WHERE run_id = ?1 GROUP BY row_no, variant)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (kdl_store_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;

  *rows = sqlite3_column_int (stmt, 0);
  *samples = sqlite3_column_int (stmt, 1);
  *done = sqlite3_column_int (stmt, 2);
  *failed = sqlite3_column_int (stmt, 3);
  if (retried != NULL)
    *retried = sqlite3_column_int (stmt, 4);

  return TRUE;
}

#define RUN_COLUMNS \
  "SELECT r.id, r.created_at, r.started_at, r.finished_at, r.updated_at, r.dataset_id," \
  " r.generate_template_id, r.judge_template_id, r.parent_run_id, g.name, j.name, r.score_max," \
  " r.provider_json, r.params_json, r.state, r.stop_code, r.stop_message," \
  " r.prompt_tokens, r.completion_tokens, r.total_tokens" \
  " FROM runs r" \
  " LEFT JOIN template_versions g ON g.id = r.generate_template_id" \
  " LEFT JOIN template_versions j ON j.id = r.judge_template_id"

static KdlStoreRun *
run_from_row (KdlStoreDb    *db,
              KdlStoreStmt  *stmt,
              GError       **error)
{
  g_autoptr(KdlStoreRun) run = g_new0 (KdlStoreRun, 1);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->created_at = sqlite3_column_int64 (stmt, 1);
  run->started_at = sqlite3_column_int64 (stmt, 2);
  run->finished_at = sqlite3_column_int64 (stmt, 3);
  run->updated_at = sqlite3_column_int64 (stmt, 4);
  run->dataset_id = sqlite3_column_int64 (stmt, 5);
  run->generate_template_id = sqlite3_column_int64 (stmt, 6);
  run->judge_template_id = sqlite3_column_int64 (stmt, 7);
  run->parent_run_id = sqlite3_column_int64 (stmt, 8);
  run->template_name = kdl_store_column_dup (stmt, 9);
  run->judge_name = kdl_store_column_dup (stmt, 10);
  run->score_max = sqlite3_column_double (stmt, 11);
  run->provider_json = kdl_store_column_dup (stmt, 12);
  run->params_json = kdl_store_column_dup (stmt, 13);
  kdl_store_run_state_from_string ((const char *)sqlite3_column_text (stmt, 14), &run->state);
  run->stop_code = kdl_store_column_dup (stmt, 15);
  run->stop_message = kdl_store_column_dup (stmt, 16);
  run->prompt_tokens = sqlite3_column_int64 (stmt, 17);
  run->completion_tokens = sqlite3_column_int64 (stmt, 18);
  run->total_tokens = sqlite3_column_int64 (stmt, 19);

  if (!_kdl_store_count_samples (db, run->id, &run->rows, &run->samples,
                                 &run->done, &run->failed, NULL, error))
    return NULL;

  return g_steal_pointer (&run);
}

/**
 * kdl_store_reader_get_run:
 *
 * Returns: (transfer full) (nullable): the run with its sample counts
 */
KdlStoreRun *
kdl_store_reader_get_run (KdlStoreReader  *self,
                          gint64           run_id,
                          GError         **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db, RUN_COLUMNS " WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = kdl_store_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _kdl_store_not_found (self->db, "run", run_id, error);
      return NULL;
    }

  return run_from_row (self->db, stmt, error);
}

/**
 * kdl_store_reader_list_runs:
 *
 * Returns: (transfer full) (element-type KdlStoreRun): every run, oldest
 * first, with sample counts
 */
GPtrArray *
kdl_store_reader_list_runs (KdlStoreReader  *self,
                            GError         **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_store_run_free);
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = kdl_store_db_prepare (self->db, RUN_COLUMNS " ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = kdl_store_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      KdlStoreRun *run = run_from_row (self->db, stmt, error);

      if (run == NULL)
        return NULL;
      g_ptr_array_add (runs, run);
    }

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&runs);
}

/**
 * kdl_store_reader_get_latest_run_id:
 *
 * Returns: the newest run's id; 0 when there is none, or with @error set
 */
gint64
kdl_store_reader_get_latest_run_id (KdlStoreReader  *self,
                                    GError         **error)
{
  gint64 id = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (!kdl_store_db_query_int (self->db, "SELECT coalesce (max (id), 0) FROM runs", &id, error))
    return 0;

  return id;
}
