/* kdl-workspace.h — what the views of one window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-dataset.h"
#include "kdl-runner.h"
#include "kdl-store.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_WORKSPACE (kdl_workspace_get_type ())

G_DECLARE_FINAL_TYPE (KdlWorkspace, kdl_workspace, KDL, WORKSPACE, GObject)

KdlWorkspace *kdl_workspace_new                  (KdlSession          *session);
KdlSession   *kdl_workspace_get_session          (KdlWorkspace        *self);
KdlStore     *kdl_workspace_get_store            (KdlWorkspace        *self);
void          kdl_workspace_set_store            (KdlWorkspace        *self,
                                                  KdlStore            *store);
void          kdl_workspace_open_store_async     (KdlWorkspace        *self,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      kdl_workspace_open_store_finish    (KdlWorkspace        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
KdlDataset   *kdl_workspace_get_dataset          (KdlWorkspace        *self);
void          kdl_workspace_set_dataset          (KdlWorkspace        *self,
                                                  KdlDataset          *dataset);
GArray       *kdl_workspace_get_selection        (KdlWorkspace        *self);
void          kdl_workspace_set_selection        (KdlWorkspace        *self,
                                                  GArray              *positions);
int           kdl_workspace_get_current_position (KdlWorkspace        *self);
void          kdl_workspace_set_current_position (KdlWorkspace        *self,
                                                  int                  position);
gint64        kdl_workspace_get_current_run      (KdlWorkspace        *self);
void          kdl_workspace_set_current_run      (KdlWorkspace        *self,
                                                  gint64               run_id);
KdlRunner    *kdl_workspace_get_runner           (KdlWorkspace        *self);
void          kdl_workspace_set_runner           (KdlWorkspace        *self,
                                                  KdlRunner           *runner);
void          kdl_workspace_runs_changed         (KdlWorkspace        *self);

G_END_DECLS
