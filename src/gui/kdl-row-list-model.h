/* kdl-row-list-model.h — a lazy list of dataset positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-dataset.h"

G_BEGIN_DECLS

#define KDL_TYPE_ROW_LIST_MODEL (kdl_row_list_model_get_type ())

G_DECLARE_FINAL_TYPE (KdlRowListModel, kdl_row_list_model, KDL, ROW_LIST_MODEL, GObject)

KdlRowListModel *kdl_row_list_model_new           (void);
KdlDataset      *kdl_row_list_model_get_dataset   (KdlRowListModel *self);
void             kdl_row_list_model_set_dataset   (KdlRowListModel *self,
                                                   KdlDataset      *dataset);
void             kdl_row_list_model_set_all       (KdlRowListModel *self,
                                                   guint            n_rows);
void             kdl_row_list_model_set_positions (KdlRowListModel *self,
                                                   GArray          *positions);
gboolean         kdl_row_list_model_is_all        (KdlRowListModel *self);
guint            kdl_row_list_model_get_position  (KdlRowListModel *self,
                                                   guint            index);
gboolean         kdl_row_list_model_find          (KdlRowListModel *self,
                                                   guint            position,
                                                   guint           *index);
void             kdl_row_list_model_reload        (KdlRowListModel *self);

G_END_DECLS
