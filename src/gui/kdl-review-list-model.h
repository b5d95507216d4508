/* kdl-review-list-model.h — a lazy list of a run's samples, by item id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-duplicates.h"
#include "kdl-review-item.h"
#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_REVIEW_LIST_MODEL (kdl_review_list_model_get_type ())

G_DECLARE_FINAL_TYPE (KdlReviewListModel, kdl_review_list_model, KDL, REVIEW_LIST_MODEL, GObject)

KdlReviewListModel *kdl_review_list_model_new            (void);
KdlStore           *kdl_review_list_model_get_store      (KdlReviewListModel *self);
void                kdl_review_list_model_set_store      (KdlReviewListModel *self,
                                                          KdlStore           *store);
GArray             *kdl_review_list_model_get_ids        (KdlReviewListModel *self);
void                kdl_review_list_model_set_ids        (KdlReviewListModel *self,
                                                          GArray             *ids);
int                 kdl_review_list_model_find           (KdlReviewListModel *self,
                                                          gint64              item_id);
void                kdl_review_list_model_reload         (KdlReviewListModel *self);
void                kdl_review_list_model_set_duplicates (KdlReviewListModel *self,
                                                          KdlDuplicates      *duplicates);
guint               kdl_review_list_model_get_n_cached   (KdlReviewListModel *self);
gboolean            kdl_review_list_model_is_loading     (KdlReviewListModel *self);

gboolean            kdl_review_summaries_read            (KdlStoreReader     *reader,
                                                          const gint64       *item_ids,
                                                          guint               n_items,
                                                          GArray             *summaries,
                                                          GError            **error);

G_END_DECLS
