/* kdl-row-item.h — one visible row of the Dataset view's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kdl-dataset.h"

G_BEGIN_DECLS

#define KDL_TYPE_ROW_ITEM (kdl_row_item_get_type ())

G_DECLARE_FINAL_TYPE (KdlRowItem, kdl_row_item, KDL, ROW_ITEM, GObject)

KdlRowItem *kdl_row_item_new             (KdlDataset *dataset,
                                          guint       position);
guint       kdl_row_item_get_position    (KdlRowItem *self);
guint       kdl_row_item_get_row         (KdlRowItem *self);
const char *kdl_row_item_get_reading     (KdlRowItem *self);
const char *kdl_row_item_get_questions   (KdlRowItem *self);
const char *kdl_row_item_get_answers     (KdlRowItem *self);
guint       kdl_row_item_get_n_mcqs      (KdlRowItem *self);
guint       kdl_row_item_get_n_problems  (KdlRowItem *self);
void        kdl_row_item_reload          (KdlRowItem *self);

char       *kdl_row_item_one_line        (const char *text,
                                          guint       max_chars);

G_END_DECLS
