/* kdl-row-selection.h — a multiple selection of dataset rows, by position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kdl-row-list-model.h"

G_BEGIN_DECLS

#define KDL_TYPE_ROW_SELECTION (kdl_row_selection_get_type ())

G_DECLARE_FINAL_TYPE (KdlRowSelection, kdl_row_selection, KDL, ROW_SELECTION, GObject)

KdlRowSelection *kdl_row_selection_new          (KdlRowListModel *model);
KdlRowListModel *kdl_row_selection_get_model    (KdlRowSelection *self);
void             kdl_row_selection_set_model    (KdlRowSelection *self,
                                                 KdlRowListModel *model);
GtkBitset       *kdl_row_selection_get_picked   (KdlRowSelection *self);
void             kdl_row_selection_clear        (KdlRowSelection *self);

G_END_DECLS
