/* kdl-dataset-view.h — the Dataset view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_DATASET_VIEW (kdl_dataset_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlDatasetView, kdl_dataset_view, KDL, DATASET_VIEW, AdwBin)

GtkWidget *kdl_dataset_view_new (void);

G_END_DECLS
