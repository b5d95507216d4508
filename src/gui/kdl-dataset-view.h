/* kdl-dataset-view.h — the Dataset view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-dataset.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_DATASET_VIEW (kdl_dataset_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlDatasetView, kdl_dataset_view, KDL, DATASET_VIEW, AdwBin)

GtkWidget    *kdl_dataset_view_new           (void);
KdlWorkspace *kdl_dataset_view_get_workspace (KdlDatasetView         *self);
void          kdl_dataset_view_set_workspace (KdlDatasetView         *self,
                                              KdlWorkspace           *workspace);
KdlDataset   *kdl_dataset_view_get_dataset   (KdlDatasetView         *self);
void          kdl_dataset_view_open          (KdlDatasetView         *self,
                                              GFile                  *file,
                                              const KdlImportOptions *options);
void          kdl_dataset_view_cancel_open   (KdlDatasetView         *self);
gboolean      kdl_dataset_view_get_opening   (KdlDatasetView         *self);
gboolean      kdl_dataset_view_get_searching (KdlDatasetView         *self);

G_END_DECLS
