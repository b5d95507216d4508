/* kdl-store-writer.h — the one thread that writes a project (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-store-db.h"

G_BEGIN_DECLS

typedef struct _KdlStoreWriter KdlStoreWriter;

/* A write, run on the writer thread inside a batch transaction and its own
 * savepoint: when it fails, its changes alone are rolled back.  @value is
 * what the caller gets back (an id, a count…). */
typedef gboolean (*KdlStoreOpFunc) (KdlStoreDb  *db,
                                    gpointer     data,
                                    gint64      *value,
                                    GError     **error);

#define KDL_STORE_WRITER_DEFAULT_MAX_OPS     512
#define KDL_STORE_WRITER_DEFAULT_MAX_WAIT_US 2000

KdlStoreWriter *kdl_store_writer_new              (KdlStoreDb      *db);
void            kdl_store_writer_free             (KdlStoreWriter  *self);
void            kdl_store_writer_submit           (KdlStoreWriter  *self,
                                                   KdlStoreOpFunc   func,
                                                   gpointer         data,
                                                   GDestroyNotify   data_free,
                                                   GTask           *task);
gboolean        kdl_store_writer_run              (KdlStoreWriter  *self,
                                                   KdlStoreOpFunc   func,
                                                   gpointer         data,
                                                   gint64          *value,
                                                   GError         **error);
gboolean        kdl_store_writer_flush            (KdlStoreWriter  *self,
                                                   GError         **error);
void            kdl_store_writer_set_batch_limits (KdlStoreWriter  *self,
                                                   guint            max_ops,
                                                   guint            max_wait_us);
void            kdl_store_writer_set_tick         (KdlStoreWriter  *self,
                                                   KdlStoreOpFunc   func,
                                                   gpointer         data,
                                                   guint            interval_ms);
guint64         kdl_store_writer_get_n_commits    (KdlStoreWriter  *self);

G_END_DECLS
