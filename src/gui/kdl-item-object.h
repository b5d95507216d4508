/* kdl-item-object.h — one item of a run, as a row of the item list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_ITEM_OBJECT (kdl_item_object_get_type ())

G_DECLARE_FINAL_TYPE (KdlItemObject, kdl_item_object, KDL, ITEM_OBJECT, GObject)

const char        *kdl_item_state_label           (KdlStoreItemState   state);
const char        *kdl_item_stage_label           (KdlStoreStage       stage);

KdlItemObject     *kdl_item_object_new            (gint64              id);
gint64             kdl_item_object_get_id         (KdlItemObject      *self);
gboolean           kdl_item_object_get_loaded     (KdlItemObject      *self);
KdlStoreItemState  kdl_item_object_get_state      (KdlItemObject      *self);
KdlStoreStage      kdl_item_object_get_stage      (KdlItemObject      *self);
guint              kdl_item_object_get_row        (KdlItemObject      *self);
gboolean           kdl_item_object_get_has_score  (KdlItemObject      *self);
double             kdl_item_object_get_score      (KdlItemObject      *self);
const char        *kdl_item_object_get_score_label (KdlItemObject     *self);
const char        *kdl_item_object_get_state_label (KdlItemObject     *self);
void               kdl_item_object_update         (KdlItemObject      *self,
                                                   const KdlStoreItem *item,
                                                   const KdlStoreItem *partner);

G_END_DECLS
