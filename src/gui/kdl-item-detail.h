/* kdl-item-detail.h — one item: prompt, output, judge reply, score, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-store.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_ITEM_DETAIL (kdl_item_detail_get_type ())

G_DECLARE_FINAL_TYPE (KdlItemDetail, kdl_item_detail, KDL, ITEM_DETAIL, AdwBin)

GtkWidget *kdl_item_detail_new         (void);
void       kdl_item_detail_set_store   (KdlItemDetail *self,
                                        KdlStore      *store);
void       kdl_item_detail_show_item   (KdlItemDetail *self,
                                        gint64         item_id);
gint64     kdl_item_detail_get_item_id (KdlItemDetail *self);
gboolean   kdl_item_detail_get_loaded  (KdlItemDetail *self);
const char *kdl_item_detail_get_score_text (KdlItemDetail *self);

G_END_DECLS
