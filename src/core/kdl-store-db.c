/* kdl-store-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-store-db.h"

/* Writers wait this long for another process's transaction; batches are a
 * few milliseconds, so only a stuck process makes anyone wait this long. */
#define BUSY_TIMEOUT_MS 30000

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

KdlStoreDb *
kdl_store_db_open (const char  *path,
                   gboolean     create,
                   GError     **error)
{
  KdlStoreDb *self;
  sqlite3 *handle = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  self = g_new0 (KdlStoreDb, 1);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &handle, flags, NULL);
  self->handle = handle;
  if (rc != SQLITE_OK)
    {
      if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                     _("There is no project “%s”. Check the path, or create it by starting a run."),
                     self->display_name);
      else
        kdl_store_db_fail (self, rc, error);
      kdl_store_db_close (self);
      return NULL;
    }

  sqlite3_extended_result_codes (handle, 1);
  sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);

  return self;
}

void
kdl_store_db_close (KdlStoreDb *self)
{
  if (self == NULL)
    return;

  /* Statements first: sqlite3_close refuses while any is alive. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL && sqlite3_close (self->handle) != SQLITE_OK)
    g_warning ("Could not close the project %s: %s", self->display_name, sqlite3_errmsg (self->handle));
  g_free (self->path);
  g_free (self->display_name);
  g_free (self);
}

/**
 * kdl_store_db_fail:
 * @rc: an SQLite result code other than OK, ROW and DONE
 *
 * Turns @rc into a KDL_STORE_ERROR that names the file and says what the
 * user can do.
 *
 * Returns: FALSE, always
 */
gboolean
kdl_store_db_fail (KdlStoreDb *self,
                   int         rc,
                   GError    **error)
{
  const char *detail = self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);
  const char *name = self->display_name;

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Kindling project: it is not an SQLite database. Choose a .kindling file."),
                   name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_BUSY,
                   _("The project “%s” is busy: another program has been writing to it for too long. Try again when it has finished."),
                   name);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_CORRUPT,
                   _("The project “%s” is damaged (%s). Restore it from a backup."),
                   name, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO,
                   _("The disk holding the project “%s” is full. Free some space and try again."),
                   name);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO,
                   _("The project “%s” cannot be written (%s). Check the permissions of the file and its folder."),
                   name, detail);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO,
                   _("The project “%s” cannot be opened (%s). Check that its folder exists and can be written."),
                   name, detail);
      break;

    case SQLITE_IOERR:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO,
                   _("Reading or writing the project “%s” failed (%s). Check that the disk is not full and the file is not on a removable or network drive, then try again."),
                   name, detail);
      break;

    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID,
                   _("The project “%s” refused a change: %s."),
                   name, detail);
      break;

    default:
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_FAILED,
                   _("The project “%s” could not be used: %s."),
                   name, detail);
      break;
    }

  return FALSE;
}

gboolean
kdl_store_db_exec (KdlStoreDb  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return kdl_store_db_fail (self, rc, error);

  return TRUE;
}

/**
 * kdl_store_db_prepare:
 *
 * Returns: (transfer none): the cached statement for @sql; use it with
 * g_autoptr(KdlStoreStmt) so it is reset after use.
 */
KdlStoreStmt *
kdl_store_db_prepare (KdlStoreDb  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kdl_store_db_fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/* Returns SQLITE_ROW, SQLITE_DONE, or 0 with @error set. */
int
kdl_store_db_step (KdlStoreDb    *self,
                   KdlStoreStmt  *stmt,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  kdl_store_db_fail (self, rc, error);
  return 0;
}

gboolean
kdl_store_db_step_done (KdlStoreDb    *self,
                        KdlStoreStmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW;

  if (!ok)
    kdl_store_db_fail (self, rc, error);
  sqlite3_reset (stmt);

  return ok;
}

gboolean
kdl_store_db_query_int (KdlStoreDb  *self,
                        const char  *sql,
                        gint64      *value,
                        GError     **error)
{
  g_autoptr(KdlStoreStmt) stmt = kdl_store_db_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = kdl_store_db_step (self, stmt, error);
  if (rc == 0)
    return FALSE;

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;

  return TRUE;
}

/* Returns: (nullable): the first column of the first row; NULL with
 * @error unset when there is no row or it is NULL. */
char *
kdl_store_db_query_text (KdlStoreDb  *self,
                         const char  *sql,
                         GError     **error)
{
  g_autoptr(KdlStoreStmt) stmt = kdl_store_db_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  if (kdl_store_db_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  return kdl_store_column_dup (stmt, 0);
}

void
kdl_store_stmt_reset (KdlStoreStmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
kdl_store_bind_text (KdlStoreStmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* 0 stands for "none", stored as NULL so foreign keys accept it. */
void
kdl_store_bind_id (KdlStoreStmt *stmt,
                   int           index,
                   gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

void
kdl_store_bind_time (KdlStoreStmt *stmt,
                     int           index,
                     gint64        usec)
{
  kdl_store_bind_id (stmt, index, usec);
}

char *
kdl_store_column_dup (KdlStoreStmt *stmt,
                      int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

gint64
kdl_store_column_id (KdlStoreStmt *stmt,
                     int           column)
{
  return sqlite3_column_int64 (stmt, column);
}

/* NULL → -1, else 0 or 1. */
int
kdl_store_column_tristate (KdlStoreStmt *stmt,
                           int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int (stmt, column) != 0;
}
