/* kdl-row-detail.h — one row: passage, questions, answers, problems, fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-dataset.h"

G_BEGIN_DECLS

#define KDL_TYPE_ROW_DETAIL (kdl_row_detail_get_type ())

G_DECLARE_FINAL_TYPE (KdlRowDetail, kdl_row_detail, KDL, ROW_DETAIL, AdwBin)

GtkWidget  *kdl_row_detail_new             (void);
KdlDataset *kdl_row_detail_get_dataset     (KdlRowDetail *self);
void        kdl_row_detail_set_dataset     (KdlRowDetail *self,
                                            KdlDataset   *dataset);
int         kdl_row_detail_get_position    (KdlRowDetail *self);
void        kdl_row_detail_set_position    (KdlRowDetail *self,
                                            int           position);
void        kdl_row_detail_reload          (KdlRowDetail *self);
char       *kdl_row_detail_dup_passage     (KdlRowDetail *self);
guint       kdl_row_detail_get_n_mcqs      (KdlRowDetail *self);
guint       kdl_row_detail_get_n_short     (KdlRowDetail *self);
guint       kdl_row_detail_get_n_problems  (KdlRowDetail *self);

G_END_DECLS
