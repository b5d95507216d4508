/* kdl-store.c — opening a project and handing writes to the writer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writes themselves live by topic in kdl-store-datasets.c,
 * kdl-store-runs.c, kdl-store-items.c, kdl-store-review.c and
 * kdl-store-lock.c.  Async writes are GTasks completed by the writer thread
 * on the caller's context after the COMMIT (kdl-store-writer.c).
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "kdl-store-private.h"
#include "kdl-store-schema.h"

G_DEFINE_FINAL_TYPE (KdlStore, kdl_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdl_store_finalize (GObject *object)
{
  KdlStore *self = (KdlStore *)object;

  /* Releases this process's run locks and writes everything queued. */
  _kdl_store_locks_clear (self);
  g_clear_pointer (&self->writer, kdl_store_writer_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kdl_store_parent_class)->finalize (object);
}

static void
kdl_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KdlStore *self = KDL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, kdl_store_get_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_store_class_init (KdlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_store_finalize;
  object_class->get_property = kdl_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_store_init (KdlStore *self)
{
}

/**
 * kdl_store_get_default_path:
 *
 * Returns: `$XDG_DATA_HOME/kindling/default.kindling`
 */
char *
kdl_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kindling", "default.kindling", NULL);
}

/**
 * kdl_store_open:
 * @path: (nullable): a `.kindling` file; NULL for the default project,
 *   whose folder is created when missing
 *
 * Opens a project, creating the file when it does not exist and upgrading
 * an older one, and starts its writer thread.  Fails with a
 * KDL_STORE_ERROR that names the file when it is not a project
 * (NOT_A_PROJECT) or comes from a newer Kindling (TOO_NEW).
 *
 * Returns: (transfer full) (nullable): the store
 */
KdlStore *
kdl_store_open (const char  *path,
                GError     **error)
{
  g_autofree char *default_path = NULL;
  KdlStoreDb *db;
  KdlStore *self;

  if (path == NULL)
    {
      g_autofree char *dir = NULL;

      path = default_path = kdl_store_get_default_path ();
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (dir);

          g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO,
                       _("The folder “%s” for the default project cannot be created: %s."),
                       name, g_strerror (saved_errno));
          return NULL;
        }
    }

  db = kdl_store_schema_open (path, TRUE, error);
  if (db == NULL)
    return NULL;

  self = g_object_new (KDL_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->writer = kdl_store_writer_new (db);
  _kdl_store_locks_init (self);

  return self;
}

const char *
kdl_store_get_path (KdlStore *self)
{
  g_return_val_if_fail (KDL_IS_STORE (self), NULL);

  return self->path;
}

/**
 * kdl_store_flush_sync:
 *
 * Blocks until every write queued before the call (from any thread) is
 * committed.  Their callbacks may still be waiting for their main contexts
 * to run.  For shutdown and tests.
 */
gboolean
kdl_store_flush_sync (KdlStore  *self,
                      GError   **error)
{
  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);

  return kdl_store_writer_flush (self->writer, error);
}

/**
 * kdl_store_open_reader:
 *
 * Returns: (transfer full) (nullable): a new read connection to this
 * project, for the calling thread
 */
KdlStoreReader *
kdl_store_open_reader (KdlStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (KDL_IS_STORE (self), NULL);

  return kdl_store_reader_open (self->path, error);
}

void
_kdl_store_submit (KdlStore            *self,
                   KdlStoreOpFunc       func,
                   gpointer             data,
                   GDestroyNotify       data_free,
                   gpointer             source_tag,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = NULL;

  if (callback != NULL)
    {
      task = g_task_new (self, NULL, callback, user_data);
      g_task_set_source_tag (task, source_tag);
    }

  kdl_store_writer_submit (self->writer, func, data, data_free, task);
}

gboolean
_kdl_store_finish (KdlStore      *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   gint64        *value,
                   GError       **error)
{
  gssize ret;

  g_return_val_if_fail (KDL_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (g_task_had_error (G_TASK (result)))
    {
      g_task_propagate_int (G_TASK (result), error);
      return FALSE;
    }

  ret = g_task_propagate_int (G_TASK (result), NULL);
  if (value != NULL)
    *value = ret;

  return TRUE;
}

gboolean
_kdl_store_run (KdlStore        *self,
                KdlStoreOpFunc   func,
                gpointer         data,
                gint64          *value,
                GError         **error)
{
  return kdl_store_writer_run (self->writer, func, data, value, error);
}

gboolean
_kdl_store_not_found (KdlStoreDb  *db,
                      const char  *what,
                      gint64       id,
                      GError     **error)
{
  /* @what is "run", "item", "dataset" or "template": the messages are
   * whole sentences so translators see them as such. */
  if (g_str_equal (what, "run"))
    g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                 _("The project “%s” has no run %lld."), db->display_name, (long long)id);
  else if (g_str_equal (what, "item"))
    g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                 _("The project “%s” has no item %lld."), db->display_name, (long long)id);
  else if (g_str_equal (what, "dataset"))
    g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                 _("The project “%s” has no dataset %lld."), db->display_name, (long long)id);
  else
    g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND,
                 _("The project “%s” has no template version %lld."), db->display_name, (long long)id);

  return FALSE;
}

/* Checks that a run, item or dataset exists before a write that needs it,
 * for a clearer message than a foreign key failure. */
gboolean
_kdl_store_exists (KdlStoreDb  *db,
                   const char  *what,
                   gint64       id,
                   GError     **error)
{
  g_autoptr(KdlStoreStmt) stmt = NULL;
  const char *sql;
  int rc;

  if (g_str_equal (what, "run"))
    sql = "SELECT 1 FROM runs WHERE id = ?1";
  else if (g_str_equal (what, "item"))
    sql = "SELECT 1 FROM items WHERE id = ?1";
  else
    sql = "SELECT 1 FROM datasets WHERE id = ?1";

  stmt = kdl_store_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = kdl_store_db_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _kdl_store_not_found (db, what, id, error);

  return TRUE;
}

/* Reads on a worker thread, each with a connection of its own. */

static void
query_items_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  KdlStore *self = source_object;
  KdlStoreItemQuery *query = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  GError *error = NULL;
  GArray *ids;

  reader = kdl_store_reader_open (self->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ids = kdl_store_reader_query_items (reader, query, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify)g_array_unref);
}

static void
query_free (gpointer data)
{
  KdlStoreItemQuery *query = data;

  g_free ((char *)query->search);
  g_free (query);
}

/**
 * kdl_store_query_items_async:
 *
 * kdl_store_reader_query_items() on a worker thread.
 */
void
kdl_store_query_items_async (KdlStore                *self,
                             const KdlStoreItemQuery *query,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  KdlStoreItemQuery *copy;

  g_return_if_fail (KDL_IS_STORE (self));
  g_return_if_fail (query != NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->search = g_strdup (query->search);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_store_query_items_async);
  g_task_set_task_data (task, copy, query_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, query_items_thread);
}

/**
 * kdl_store_query_items_finish:
 *
 * Returns: (transfer full): item ids (gint64), in the query's order
 */
GArray *
kdl_store_query_items_finish (KdlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (KDL_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
run_stats_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  KdlStore *self = source_object;
  gint64 *run_id = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  GError *error = NULL;
  KdlStoreRunStats *stats;

  reader = kdl_store_reader_open (self->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  stats = kdl_store_reader_get_run_stats (reader, *run_id, &error);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify)kdl_store_run_stats_free);
}

/**
 * kdl_store_get_run_stats_async:
 *
 * kdl_store_reader_get_run_stats() on a worker thread.
 */
void
kdl_store_get_run_stats_async (KdlStore            *self,
                               gint64               run_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDL_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_store_get_run_stats_async);
  g_task_set_task_data (task, g_memdup2 (&run_id, sizeof run_id), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, run_stats_thread);
}

KdlStoreRunStats *
kdl_store_get_run_stats_finish (KdlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (KDL_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_kdl_store_set_batch_limits (KdlStore *self,
                             guint     max_ops,
                             guint     max_wait_us)
{
  kdl_store_writer_set_batch_limits (self->writer, max_ops, max_wait_us);
}

guint64
_kdl_store_get_n_commits (KdlStore *self)
{
  return kdl_store_writer_get_n_commits (self->writer);
}
