/* kdl-review-sample.h — everything the review shows about one sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-store.h"
#include "kdl-structure-check.h"

G_BEGIN_DECLS

/* A sample is a generate item and the judge item judging it; a review
 * list shows either (a judge-only run has only judge items). */
typedef struct
{
  KdlStoreItem *item;        /* the item the list shows */
  KdlStoreItem *gen;         /* the generate item (may be @item), or NULL */
  KdlStoreItem *judge;       /* the judge item (may be @item), or NULL */
  guint         row;
  char         *reading;     /* the row's passage, or NULL */
  char         *row_mcq;     /* the row's own MCQs (canonical), or NULL */
  gboolean      uses_mcq;    /* the generate template was given {mcq} */
  double        score_max;   /* the judge's scale, 0 if unknown */
} KdlReviewSample;

KdlReviewSample   *kdl_review_sample_read             (KdlStoreReader   *reader,
                                                       gint64            item_id,
                                                       GError          **error);
void               kdl_review_sample_load_async       (KdlStore         *store,
                                                       gint64            item_id,
                                                       GCancellable     *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer          user_data);
KdlReviewSample   *kdl_review_sample_load_finish      (GAsyncResult     *result,
                                                       GError          **error);
void               kdl_review_sample_free             (KdlReviewSample  *self);

gint64             kdl_review_sample_get_review_item  (const KdlReviewSample *self);
KdlStoreVerdict    kdl_review_sample_get_verdict      (const KdlReviewSample *self);
const char        *kdl_review_sample_get_original     (const KdlReviewSample *self);
const char        *kdl_review_sample_get_edit         (const KdlReviewSample *self);
const char        *kdl_review_sample_get_text         (const KdlReviewSample *self);
KdlStructureCheck *kdl_review_sample_check            (const KdlReviewSample *self,
                                                       const char            *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlReviewSample, kdl_review_sample_free)

G_END_DECLS
