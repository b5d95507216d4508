/* kdl-column-mapping.h — edit which column each template variable reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-dataset.h"

G_BEGIN_DECLS

#define KDL_TYPE_COLUMN_MAPPING (kdl_column_mapping_get_type ())

G_DECLARE_FINAL_TYPE (KdlColumnMapping, kdl_column_mapping, KDL, COLUMN_MAPPING, AdwBin)

GtkWidget  *kdl_column_mapping_new          (void);
KdlDataset *kdl_column_mapping_get_dataset  (KdlColumnMapping *self);
void        kdl_column_mapping_set_dataset  (KdlColumnMapping *self,
                                             KdlDataset       *dataset);
gboolean    kdl_column_mapping_set_column   (KdlColumnMapping *self,
                                             const char       *variable,
                                             const char       *column);
gboolean    kdl_column_mapping_add_variable (KdlColumnMapping *self,
                                             const char       *variable,
                                             GError          **error);
void        kdl_column_mapping_remove_variable (KdlColumnMapping *self,
                                             const char       *variable);

G_END_DECLS
