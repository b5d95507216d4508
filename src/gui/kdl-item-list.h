/* kdl-item-list.h — the items of a run in a column view, filtered by state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-item-list-model.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_ITEM_LIST (kdl_item_list_get_type ())

G_DECLARE_FINAL_TYPE (KdlItemList, kdl_item_list, KDL, ITEM_LIST, AdwBin)

GtkWidget        *kdl_item_list_new        (void);
KdlItemListModel *kdl_item_list_get_model  (KdlItemList *self);
void              kdl_item_list_set_store  (KdlItemList *self,
                                            KdlStore    *store);
void              kdl_item_list_set_run    (KdlItemList *self,
                                            gint64       run_id);
void              kdl_item_list_refresh    (KdlItemList *self);
void              kdl_item_list_set_filter (KdlItemList *self,
                                            guint        states);
void              kdl_item_list_select     (KdlItemList *self,
                                            guint        position);
void              kdl_item_list_unselect   (KdlItemList *self);

G_END_DECLS
