/* kdl-review-item.h — one sample of the review list, filled in lazily
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_REVIEW_ITEM (kdl_review_item_get_type ())

G_DECLARE_FINAL_TYPE (KdlReviewItem, kdl_review_item, KDL, REVIEW_ITEM, GObject)

/* What the list shows of a sample, read from the project in a worker. */
typedef struct
{
  gint64             item_id;
  gint64             review_id;   /* the generate item (verdicts, edits, duplicates) */
  guint              row;
  guint              variant;
  KdlStoreStage      stage;
  KdlStoreItemState  state;
  gboolean           has_score;
  double             score;
  gboolean           unparsed;
  int                check_ok;    /* -1 not checked, 0, 1 */
  KdlStoreVerdict    verdict;     /* the sample's (export rules) */
  gboolean           edited;
  char              *preview;     /* the first question's stem, or the text's start */
} KdlReviewSummary;

void              kdl_review_summary_clear    (KdlReviewSummary *summary);

KdlReviewItem    *kdl_review_item_new         (gint64            item_id);
gint64            kdl_review_item_get_item_id (KdlReviewItem    *self);
gboolean          kdl_review_item_get_loaded  (KdlReviewItem    *self);
const KdlReviewSummary *kdl_review_item_get_summary (KdlReviewItem *self);
void              kdl_review_item_set_summary (KdlReviewItem    *self,
                                               const KdlReviewSummary *summary);
guint             kdl_review_item_get_duplicates (KdlReviewItem *self);
void              kdl_review_item_set_duplicates (KdlReviewItem *self,
                                                  guint          codes);

G_END_DECLS
