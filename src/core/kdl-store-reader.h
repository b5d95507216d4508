/* kdl-store-reader.h — a read connection to a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader has its own SQLite connection and is used by one thread at a
 * time (open one per thread).  In WAL mode it never waits for the writer
 * and sees every committed change as of each call.
 */

#pragma once

#include <glib.h>

#include "kdl-store-types.h"

G_BEGIN_DECLS

typedef struct _KdlStoreReader KdlStoreReader;

KdlStoreReader   *kdl_store_reader_open              (const char              *path,
                                                      GError                 **error);
void              kdl_store_reader_free              (KdlStoreReader          *self);
const char       *kdl_store_reader_get_path          (KdlStoreReader          *self);

KdlStoreDataset  *kdl_store_reader_get_dataset       (KdlStoreReader          *self,
                                                      gint64                   dataset_id,
                                                      GError                 **error);
KdlStoreRow      *kdl_store_reader_get_row           (KdlStoreReader          *self,
                                                      gint64                   dataset_id,
                                                      guint                    row,
                                                      GError                 **error);
KdlStoreTemplate *kdl_store_reader_get_template      (KdlStoreReader          *self,
                                                      gint64                   template_id,
                                                      GError                 **error);

KdlStoreRun      *kdl_store_reader_get_run           (KdlStoreReader          *self,
                                                      gint64                   run_id,
                                                      GError                 **error);
GPtrArray        *kdl_store_reader_list_runs         (KdlStoreReader          *self,
                                                      GError                 **error);
gint64            kdl_store_reader_get_latest_run_id (KdlStoreReader          *self,
                                                      GError                 **error);

GArray           *kdl_store_reader_list_unfinished_items (KdlStoreReader      *self,
                                                      gint64                   run_id,
                                                      GError                 **error);
GArray           *kdl_store_reader_list_outputs      (KdlStoreReader          *self,
                                                      gint64                   run_id,
                                                      GError                 **error);
char             *kdl_store_reader_get_output        (KdlStoreReader          *self,
                                                      gint64                   item_id,
                                                      gboolean                 edited,
                                                      GError                 **error);
GArray           *kdl_store_reader_query_items       (KdlStoreReader          *self,
                                                      const KdlStoreItemQuery *query,
                                                      GError                 **error);
KdlStoreItem     *kdl_store_reader_get_item          (KdlStoreReader          *self,
                                                      gint64                   item_id,
                                                      GError                 **error);
GPtrArray        *kdl_store_reader_get_items         (KdlStoreReader          *self,
                                                      const gint64            *item_ids,
                                                      gsize                    n_items,
                                                      GError                 **error);
GPtrArray        *kdl_store_reader_list_reviews      (KdlStoreReader          *self,
                                                      gint64                   run_id,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreReader, kdl_store_reader_free)

G_END_DECLS
