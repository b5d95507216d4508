/* kdl-item-list-model.h — a lazy list of a run's items, read from the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-item-object.h"
#include "kdl-store.h"

G_BEGIN_DECLS

/* Items are read in batches of at most this many. */
#define KDL_ITEM_LIST_MODEL_PAGE 64

#define KDL_TYPE_ITEM_LIST_MODEL (kdl_item_list_model_get_type ())

G_DECLARE_FINAL_TYPE (KdlItemListModel, kdl_item_list_model, KDL, ITEM_LIST_MODEL, GObject)

KdlItemListModel *kdl_item_list_model_new           (void);
void              kdl_item_list_model_set_store     (KdlItemListModel *self,
                                                     KdlStore         *store);
void              kdl_item_list_model_set_run       (KdlItemListModel *self,
                                                     gint64            run_id);
gint64            kdl_item_list_model_get_run       (KdlItemListModel *self);
void              kdl_item_list_model_set_states    (KdlItemListModel *self,
                                                     guint             states);
void              kdl_item_list_model_refresh       (KdlItemListModel *self);
gboolean          kdl_item_list_model_get_busy      (KdlItemListModel *self);
gint64            kdl_item_list_model_get_id        (KdlItemListModel *self,
                                                     guint             position);
guint             kdl_item_list_model_get_n_objects (KdlItemListModel *self);
guint64           kdl_item_list_model_get_n_created (KdlItemListModel *self);

G_END_DECLS
