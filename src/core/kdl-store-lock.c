/* kdl-store-lock.c — one process runs a run at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run lock is a row of run_locks, taken inside the writer's BEGIN
 * IMMEDIATE transaction, so two processes cannot both take it.  A lock is
 * stale when its holder is gone: on the same host and pid namespace, when
 * the pid no longer exists, is a zombie, or belongs to a newer process
 * (the start time differs); elsewhere (a sandbox, another machine), when
 * its heartbeat is older than STALE_AFTER.  The writer thread refreshes the
 * heartbeat of the locks this process holds.
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "kdl-store-private.h"

#define HEARTBEAT_INTERVAL_MS 5000
#define STALE_AFTER_USEC      (60 * G_USEC_PER_SEC)

/* Field 22 of /proc/PID/stat (start time in clock ticks since boot) and
 * field 3 (the state letter); FALSE when there is no such file. */
static gboolean
read_proc_stat (int    pid,
                char **start_time,
                char  *state)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  /* The command name (field 2) may hold spaces and parentheses. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL || after_name[1] != ' ')
    return FALSE;

  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return FALSE;

  if (state != NULL)
    *state = fields[0][0];
  if (start_time != NULL)
    *start_time = g_strdup (fields[19]);

  return TRUE;
}

static gboolean
process_alive (int         pid,
               const char *start_time)
{
  g_autofree char *current_start = NULL;
  char state = 0;

  if (pid <= 0)
    return FALSE;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return FALSE;

  if (!read_proc_stat (pid, &current_start, &state))
    return TRUE;   /* no /proc: trust kill () */

  if (state == 'Z' || state == 'X')
    return FALSE;

  return start_time == NULL || g_strcmp0 (start_time, current_start) == 0;
}

static gboolean
heartbeat_op (KdlStoreDb  *db,
              gpointer     data,
              gint64      *value,
              GError     **error)
{
  KdlStoreLocks *locks = data;
  g_autoptr(KdlStoreStmt) stmt = NULL;

  if (g_atomic_int_get (&locks->n_held) == 0)
    return TRUE;

  stmt = kdl_store_db_prepare (db,
                               "UPDATE run_locks SET heartbeat_at = ?1"
                               " WHERE pid = ?2 AND host = ?3 AND process_start IS ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int (stmt, 2, locks->pid);
  kdl_store_bind_text (stmt, 3, locks->host);
  kdl_store_bind_text (stmt, 4, locks->process_start);

  return kdl_store_db_step_done (db, stmt, error);
}

void
_kdl_store_locks_init (KdlStore *self)
{
  KdlStoreLocks *locks = &self->locks;
  g_autofree char *pid_ns = g_file_read_link ("/proc/self/ns/pid", NULL);

  g_mutex_init (&locks->mutex);
  locks->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  locks->pid = getpid ();
  /* The pid namespace tells a Flatpak sandbox and the host apart: a pid
   * means nothing across them. */
  locks->host = g_strdup_printf ("%s|%s", g_get_host_name (), pid_ns != NULL ? pid_ns : "");
  read_proc_stat (locks->pid, &locks->process_start, NULL);

  kdl_store_writer_set_tick (self->writer, heartbeat_op, locks, HEARTBEAT_INTERVAL_MS);
}

typedef struct
{
  KdlStoreLocks *locks;
  gint64         run_id;
} LockRun;

static gboolean
holder_alive (KdlStoreLocks *locks,
              int            pid,
              const char    *host,
              const char    *process_start,
              gint64         heartbeat_at)
{
  if (g_strcmp0 (host, locks->host) == 0)
    return pid == locks->pid || process_alive (pid, process_start);

  return g_get_real_time () - heartbeat_at < STALE_AFTER_USEC;
}

static void
set_locked_error (KdlStoreDb     *db,
                  KdlStoreLocks  *locks,
                  gint64          run_id,
                  int             pid,
                  const char     *host,
                  gint64          locked_at,
                  GError        **error)
{
  g_autofree char *since = kdl_store_format_time (locked_at);
  g_autofree char *hostname = g_strndup (host, strcspn (host, "|"));

  if (pid == locks->pid && g_strcmp0 (host, locks->host) == 0)
    g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED,
                 _("Run %lld of the project “%s” is already running in this program."),
                 (long long)run_id, db->display_name);
  else
    g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED,
                 _("Run %lld of the project “%s” is already running in another process (pid %d on %s, since %s). Wait for it to finish or stop it, then resume the run."),
                 (long long)run_id, db->display_name, pid, hostname, since != NULL ? since : "?");
}

static gboolean
lock_op (KdlStoreDb  *db,
         gpointer     data,
         gint64      *value,
         GError     **error)
{
  LockRun *op = data;
  KdlStoreLocks *locks = op->locks;
  g_autoptr(KdlStoreStmt) find = NULL;
  g_autoptr(KdlStoreStmt) take = NULL;
  gint64 now = g_get_real_time ();
  int rc;

  find = kdl_store_db_prepare (db,
                               "SELECT pid, host, process_start, locked_at, heartbeat_at,"
                               " (SELECT count(*) FROM runs WHERE id = ?1)"
                               " FROM (SELECT 1) LEFT JOIN run_locks ON run_id = ?1",
                               error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, op->run_id);
  rc = kdl_store_db_step (db, find, error);
  if (rc == 0)
    return FALSE;
  if (rc != SQLITE_ROW || sqlite3_column_int (find, 5) == 0)
    return _kdl_store_not_found (db, "run", op->run_id, error);

  if (sqlite3_column_type (find, 0) != SQLITE_NULL)
    {
      int pid = sqlite3_column_int (find, 0);
      const char *host = (const char *)sqlite3_column_text (find, 1);
      const char *start = (const char *)sqlite3_column_text (find, 2);

      if (holder_alive (locks, pid, host, start, sqlite3_column_int64 (find, 4)))
        {
          set_locked_error (db, locks, op->run_id, pid, host, sqlite3_column_int64 (find, 3), error);
          return FALSE;
        }

      g_debug ("Taking over the stale lock of run %lld from pid %d", (long long)op->run_id, pid);
    }

  take = kdl_store_db_prepare (db,
                               "INSERT OR REPLACE INTO run_locks (run_id, pid, host, process_start, locked_at, heartbeat_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                               error);
  if (take == NULL)
    return FALSE;
  sqlite3_bind_int64 (take, 1, op->run_id);
  sqlite3_bind_int (take, 2, locks->pid);
  kdl_store_bind_text (take, 3, locks->host);
  kdl_store_bind_text (take, 4, locks->process_start);
  sqlite3_bind_int64 (take, 5, now);

  return kdl_store_db_step_done (db, take, error);
}

static gboolean
unlock_op (KdlStoreDb  *db,
           gpointer     data,
           gint64      *value,
           GError     **error)
{
  LockRun *op = data;
  g_autoptr(KdlStoreStmt) stmt = NULL;

  stmt = kdl_store_db_prepare (db, "DELETE FROM run_locks WHERE run_id = ?1 AND pid = ?2 AND host = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->run_id);
  sqlite3_bind_int (stmt, 2, op->locks->pid);
  kdl_store_bind_text (stmt, 3, op->locks->host);

  return kdl_store_db_step_done (db, stmt, error);
}

/**
 * kdl_store_lock_run:
 *
 * Marks @run_id as run by this process, so no other process runs it at the
 * same time.  Fails with KDL_STORE_ERROR_RUN_LOCKED (a message naming the
 * process) while another live process holds it, and when this process does
 * already; takes over a lock whose holder is gone.  Released by
 * kdl_store_unlock_run() or when the store is finalized; a killed process's
 * lock goes stale.  Blocks until committed.
 */
gboolean
kdl_store_lock_run (KdlStore  *self,
                    gint64     run_id,
                    GError   **error)
{
  LockRun op = { &self->locks, run_id };

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);

  if (!_kdl_store_run (self, lock_op, &op, NULL, error))
    return FALSE;

  g_mutex_lock (&self->locks.mutex);
  if (g_hash_table_add (self->locks.held, g_memdup2 (&run_id, sizeof run_id)))
    g_atomic_int_inc (&self->locks.n_held);
  g_mutex_unlock (&self->locks.mutex);

  return TRUE;
}

/**
 * kdl_store_unlock_run:
 *
 * Releases a lock taken with kdl_store_lock_run(); nothing happens when
 * this process does not hold it.
 */
gboolean
kdl_store_unlock_run (KdlStore  *self,
                      gint64     run_id,
                      GError   **error)
{
  LockRun op = { &self->locks, run_id };

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);

  g_mutex_lock (&self->locks.mutex);
  if (g_hash_table_remove (self->locks.held, &run_id))
    g_atomic_int_add (&self->locks.n_held, -1);
  g_mutex_unlock (&self->locks.mutex);

  return _kdl_store_run (self, unlock_op, &op, NULL, error);
}

/**
 * kdl_store_unlock_run_async:
 * @callback: (nullable): called once the lock is gone from the file
 *
 * kdl_store_unlock_run() without waiting: for the main thread, where a
 * blocking write could wait behind a long batch or another process.  The
 * writer keeps the queue's order, so writes queued before are done first.
 */
void
kdl_store_unlock_run_async (KdlStore            *self,
                            gint64               run_id,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LockRun *op;

  g_return_if_fail (KDL_IS_STORE (self));

  g_mutex_lock (&self->locks.mutex);
  if (g_hash_table_remove (self->locks.held, &run_id))
    g_atomic_int_add (&self->locks.n_held, -1);
  g_mutex_unlock (&self->locks.mutex);

  op = g_new0 (LockRun, 1);
  op->locks = &self->locks;
  op->run_id = run_id;
  _kdl_store_submit (self, unlock_op, op, g_free, kdl_store_unlock_run_async, callback, user_data);
}

gboolean
kdl_store_unlock_run_finish (KdlStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _kdl_store_finish (self, result, kdl_store_unlock_run_async, NULL, error);
}

/* For writes only the lock holder may make. */
gboolean
_kdl_store_lock_check_ours (KdlStoreDb     *db,
                            KdlStoreLocks  *locks,
                            gint64          run_id,
                            GError        **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  int rc;

  stmt = kdl_store_db_prepare (db, "SELECT 1 FROM run_locks WHERE run_id = ?1 AND pid = ?2 AND host = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, locks->pid);
  kdl_store_bind_text (stmt, 3, locks->host);
  rc = kdl_store_db_step (db, stmt, error);
  if (rc == 0)
    return FALSE;

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED,
                   _("Run %lld of the project “%s” must be locked by this process before it is resumed."),
                   (long long)run_id, db->display_name);
      return FALSE;
    }

  return TRUE;
}

void
_kdl_store_set_heartbeat_interval (KdlStore *self,
                                   guint     interval_ms)
{
  kdl_store_writer_set_tick (self->writer, heartbeat_op, &self->locks, interval_ms);
}

/* Before the writer stops: releases what this store holds. */
void
_kdl_store_locks_clear (KdlStore *self)
{
  KdlStoreLocks *locks = &self->locks;
  g_autoptr(GList) held = NULL;

  if (locks->held == NULL)
    return;

  g_mutex_lock (&locks->mutex);
  held = g_hash_table_get_keys (locks->held);
  g_mutex_unlock (&locks->mutex);

  for (GList *l = held; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      gint64 run_id = *(gint64 *)l->data;   /* unlocking frees the key */

      if (!kdl_store_unlock_run (self, run_id, &error))
        g_warning ("Could not release run %lld: %s", (long long)run_id, error->message);
    }

  kdl_store_writer_set_tick (self->writer, NULL, NULL, 0);
  g_clear_pointer (&locks->held, g_hash_table_unref);
  g_clear_pointer (&locks->host, g_free);
  g_clear_pointer (&locks->process_start, g_free);
  g_mutex_clear (&locks->mutex);
}
