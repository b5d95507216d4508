/* kdl-store.h — the project file: SQLite, migrations, the writer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threading contract
 * - A KdlStore may be used from any thread.  All its writes go through one
 *   writer thread with its own connection, in queue order, batched into
 *   BEGIN IMMEDIATE … COMMIT transactions.
 * - `_async` writes return at once (the arguments are copied) and call
 *   @callback on the thread-default main context of the calling thread,
 *   only after the change is committed: a reader that looks from inside the
 *   callback sees it.  Get the result with the matching `_finish`.  A NULL
 *   callback is allowed (fire and forget; a failure is logged).
 * - Blocking writes (no suffix) wait on the calling thread until the change
 *   is committed.  They are for the CLI, tests, and GUI code running in a
 *   GTask worker; the GTK main thread uses the `_async` forms or a worker.
 * - Reads use a KdlStoreReader (kdl-store-reader.h): its own connection,
 *   one thread at a time.  Or the `_async` reads below, which run on a
 *   worker thread with a connection of their own.
 * - Two processes may share a project: WAL, a busy timeout and BEGIN
 *   IMMEDIATE keep them apart; a run lock keeps two processes from running
 *   the same run.
 */

#pragma once

#include <gio/gio.h>

#include "kdl-store-reader.h"
#include "kdl-store-stats.h"
#include "kdl-store-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_STORE (kdl_store_get_type ())

G_DECLARE_FINAL_TYPE (KdlStore, kdl_store, KDL, STORE, GObject)

char           *kdl_store_get_default_path       (void);
KdlStore       *kdl_store_open                   (const char               *path,
                                                  GError                  **error);
const char     *kdl_store_get_path               (KdlStore                 *self);
gboolean        kdl_store_flush_sync             (KdlStore                 *self,
                                                  GError                  **error);
KdlStoreReader *kdl_store_open_reader            (KdlStore                 *self,
                                                  GError                  **error);

/* Datasets and templates (blocking). */
gint64          kdl_store_ensure_dataset         (KdlStore                 *self,
                                                  const KdlStoreDatasetSpec *spec,
                                                  GError                  **error);
gboolean        kdl_store_add_rows               (KdlStore                 *self,
                                                  gint64                    dataset_id,
                                                  const KdlStoreRowSpec    *rows,
                                                  gsize                     n_rows,
                                                  GError                  **error);
gint64          kdl_store_add_template_version   (KdlStore                 *self,
                                                  const char               *name,
                                                  KdlStoreStage             kind,
                                                  const char               *text,
                                                  GError                  **error);

/* Runs and their items (blocking). */
gint64          kdl_store_create_run             (KdlStore                 *self,
                                                  const KdlStoreRunSpec    *spec,
                                                  GError                  **error);
gboolean        kdl_store_add_items              (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  const KdlStoreItemSpec   *items,
                                                  gsize                     n_items,
                                                  GError                  **error);
gint64          kdl_store_requeue_interrupted    (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  GError                  **error);

/* The run's state. */
void            kdl_store_set_run_state_async    (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  KdlStoreRunState          state,
                                                  const char               *stop_code,
                                                  const char               *stop_message,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean        kdl_store_set_run_state_finish   (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);
gboolean        kdl_store_set_run_state          (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  KdlStoreRunState          state,
                                                  const char               *stop_code,
                                                  const char               *stop_message,
                                                  GError                  **error);

/* Items: the runner's hot path. */
void            kdl_store_update_item_async      (KdlStore                 *self,
                                                  const KdlStoreItemUpdate *update,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean        kdl_store_update_item_finish     (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);
gboolean        kdl_store_update_item            (KdlStore                 *self,
                                                  const KdlStoreItemUpdate *update,
                                                  GError                  **error);

/* Review: verdicts and edits (originals are never overwritten). */
void            kdl_store_set_verdict_async      (KdlStore                 *self,
                                                  const gint64             *item_ids,
                                                  gsize                     n_items,
                                                  KdlStoreVerdict           verdict,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean        kdl_store_set_verdict_finish     (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);
gboolean        kdl_store_set_verdict            (KdlStore                 *self,
                                                  const gint64             *item_ids,
                                                  gsize                     n_items,
                                                  KdlStoreVerdict           verdict,
                                                  GError                  **error);
void            kdl_store_set_edit_async         (KdlStore                 *self,
                                                  gint64                    item_id,
                                                  const char               *text,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean        kdl_store_set_edit_finish        (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);
gboolean        kdl_store_set_edit               (KdlStore                 *self,
                                                  gint64                    item_id,
                                                  const char               *text,
                                                  GError                  **error);

/* One process runs a run at a time (blocking). */
gboolean        kdl_store_lock_run               (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  GError                  **error);
gboolean        kdl_store_unlock_run             (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  GError                  **error);
void            kdl_store_unlock_run_async       (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean        kdl_store_unlock_run_finish      (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);

/* Reads on a worker thread, for the GUI. */
void            kdl_store_query_items_async      (KdlStore                 *self,
                                                  const KdlStoreItemQuery  *query,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
GArray         *kdl_store_query_items_finish     (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);
void            kdl_store_get_run_stats_async    (KdlStore                 *self,
                                                  gint64                    run_id,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
KdlStoreRunStats *kdl_store_get_run_stats_finish (KdlStore                 *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);

G_END_DECLS
