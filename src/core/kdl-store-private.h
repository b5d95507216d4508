/* kdl-store-private.h — shared by the kdl-store-*.c files (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-store.h"
#include "kdl-store-db.h"
#include "kdl-store-writer.h"

G_BEGIN_DECLS

/* Who holds run locks in this process (kdl-store-lock.c). */
typedef struct
{
  GMutex      mutex;
  GHashTable *held;            /* run ids (gint64 *) this store locked */
  gint        n_held;          /* atomic: the heartbeat runs only when > 0 */
  gint        pid;
  char       *host;
  char       *process_start;
} KdlStoreLocks;

struct _KdlStore
{
  GObject         parent_instance;

  char           *path;
  KdlStoreWriter *writer;
  KdlStoreLocks   locks;
};

struct _KdlStoreReader
{
  KdlStoreDb *db;
};

/* Submitting writes (kdl-store.c). */
void      _kdl_store_submit         (KdlStore             *self,
                                     KdlStoreOpFunc        func,
                                     gpointer              data,
                                     GDestroyNotify        data_free,
                                     gpointer              source_tag,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  _kdl_store_finish         (KdlStore             *self,
                                     GAsyncResult         *result,
                                     gpointer              source_tag,
                                     gint64               *value,
                                     GError              **error);
gboolean  _kdl_store_run            (KdlStore             *self,
                                     KdlStoreOpFunc        func,
                                     gpointer              data,
                                     gint64               *value,
                                     GError              **error);
gboolean  _kdl_store_exists         (KdlStoreDb           *db,
                                     const char           *what,
                                     gint64                id,
                                     GError              **error);
gboolean  _kdl_store_not_found      (KdlStoreDb           *db,
                                     const char           *what,
                                     gint64                id,
                                     GError              **error);

/* Reading (kdl-store-reader.c). */
gboolean  _kdl_store_count_samples  (KdlStoreDb           *db,
                                     gint64                run_id,
                                     guint                *rows,
                                     guint                *samples,
                                     guint                *done,
                                     guint                *failed,
                                     guint                *retried,
                                     GError              **error);

/* Run locks (kdl-store-lock.c). */
void      _kdl_store_locks_init     (KdlStore             *self);
void      _kdl_store_locks_clear    (KdlStore             *self);
gboolean  _kdl_store_lock_check_ours (KdlStoreDb          *db,
                                     KdlStoreLocks        *locks,
                                     gint64                run_id,
                                     GError              **error);

/* For tests and benchmarks. */
void      _kdl_store_set_batch_limits (KdlStore           *self,
                                     guint                 max_ops,
                                     guint                 max_wait_us);
guint64   _kdl_store_get_n_commits  (KdlStore             *self);
void      _kdl_store_set_heartbeat_interval (KdlStore     *self,
                                     guint                 interval_ms);

G_END_DECLS
