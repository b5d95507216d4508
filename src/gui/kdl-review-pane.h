/* kdl-review-pane.h — review a run's samples: filters, list, one sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-duplicates.h"
#include "kdl-review-list-model.h"
#include "kdl-review-sample.h"
#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_REVIEW_PANE (kdl_review_pane_get_type ())

G_DECLARE_FINAL_TYPE (KdlReviewPane, kdl_review_pane, KDL, REVIEW_PANE, AdwBin)

/* Which samples the list shows (kdl_review_pane_get_filter ()). */
typedef struct
{
  gboolean  has_min_score;
  double    min_score;
  gboolean  has_max_score;
  double    max_score;
  int       check_ok;          /* -1 any, 0 failed, 1 passed */
  guint     states;            /* mask of 1 << KdlStoreItemState; 0 = any */
  guint     verdicts;          /* mask of 1 << KdlStoreVerdict; 0 = any */
  gboolean  unparsed;
  gboolean  duplicates;        /* only samples flagged as duplicates */
  char     *search;
} KdlReviewFilter;

GtkWidget             *kdl_review_pane_new               (void);
KdlStore              *kdl_review_pane_get_store         (KdlReviewPane   *self);
void                   kdl_review_pane_set_store         (KdlReviewPane   *self,
                                                          KdlStore        *store);
gint64                 kdl_review_pane_get_run           (KdlReviewPane   *self);
void                   kdl_review_pane_set_run           (KdlReviewPane   *self,
                                                          gint64           run_id,
                                                          KdlStoreStage    stage,
                                                          double           score_max);
double                 kdl_review_pane_get_threshold     (KdlReviewPane   *self);
void                   kdl_review_pane_set_threshold     (KdlReviewPane   *self,
                                                          double           threshold);
const KdlReviewFilter *kdl_review_pane_get_filter        (KdlReviewPane   *self);
void                   kdl_review_pane_set_filter        (KdlReviewPane   *self,
                                                          const KdlReviewFilter *filter);
void                   kdl_review_pane_set_score_range   (KdlReviewPane   *self,
                                                          gboolean         has_min,
                                                          double           min,
                                                          gboolean         has_max,
                                                          double           max);
void                   kdl_review_pane_show_unparsed     (KdlReviewPane   *self);
void                   kdl_review_pane_clear_filters     (KdlReviewPane   *self);
void                   kdl_review_pane_refresh           (KdlReviewPane   *self);
KdlDuplicates         *kdl_review_pane_get_duplicates    (KdlReviewPane   *self);
void                   kdl_review_pane_set_duplicates    (KdlReviewPane   *self,
                                                          KdlDuplicates   *duplicates);
KdlReviewListModel    *kdl_review_pane_get_model         (KdlReviewPane   *self);
guint                  kdl_review_pane_get_selected      (KdlReviewPane   *self);
void                   kdl_review_pane_select            (KdlReviewPane   *self,
                                                          guint            position);
const KdlReviewSample *kdl_review_pane_get_sample        (KdlReviewPane   *self);
gboolean               kdl_review_pane_is_busy           (KdlReviewPane   *self);

void                   kdl_store_item_query_set_filter   (KdlStoreItemQuery     *query,
                                                          const KdlReviewFilter *filter);

G_END_DECLS
