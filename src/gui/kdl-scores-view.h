/* kdl-scores-view.h — the Scores view: charts, review and export of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-chart-card.h"
#include "kdl-histogram.h"
#include "kdl-review-pane.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_SCORES_VIEW (kdl_scores_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlScoresView, kdl_scores_view, KDL, SCORES_VIEW, AdwBin)

GtkWidget     *kdl_scores_view_new             (void);
KdlWorkspace  *kdl_scores_view_get_workspace   (KdlScoresView *self);
void           kdl_scores_view_set_workspace   (KdlScoresView *self,
                                                KdlWorkspace  *workspace);
gint64         kdl_scores_view_get_run         (KdlScoresView *self);
KdlHistogram  *kdl_scores_view_get_histogram   (KdlScoresView *self);
KdlReviewPane *kdl_scores_view_get_review_pane (KdlScoresView *self);
KdlChartCard  *kdl_scores_view_get_card        (KdlScoresView *self,
                                                const char    *name);
const char    *kdl_scores_view_get_page        (KdlScoresView *self);
void           kdl_scores_view_set_page        (KdlScoresView *self,
                                                const char    *name);
GArray        *kdl_scores_view_get_compared    (KdlScoresView *self);
void           kdl_scores_view_set_compared    (KdlScoresView *self,
                                                GArray        *run_ids);
void           kdl_scores_view_refresh         (KdlScoresView *self);
gboolean       kdl_scores_view_is_busy         (KdlScoresView *self);

G_END_DECLS
