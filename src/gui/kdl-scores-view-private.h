/* kdl-scores-view-private.h — shared by the Scores view's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-parts-chart.h"
#include "kdl-pass-rate.h"
#include "kdl-run-comparison.h"
#include "kdl-score-threshold.h"
#include "kdl-scores-view.h"
#include "kdl-token-chart.h"
#include "kdl-workspace.h"

G_BEGIN_DECLS

struct _KdlScoresView
{
  AdwBin             parent_instance;

  KdlWorkspace      *workspace;
  GSignalGroup      *workspace_signals;
  GSignalGroup      *runner_signals;
  KdlStore          *store;          /* the workspace's, as last seen */
  GPtrArray         *runs;           /* KdlStoreRun, in the dropdown's order */
  gint64             run_id;         /* shown */
  const KdlStoreRun *run;            /* shown (in runs), or NULL */
  KdlStoreRunStats  *stats;          /* of the run shown, or NULL */
  GArray            *compared;       /* gint64: runs picked for the comparison */
  gboolean           compared_set;   /* picked by someone, not the default */
  gint64             threshold_run;  /* the run the threshold was set for */

  GCancellable      *cancellable;
  guint              pending;        /* reads in flight */
  gboolean           stats_dirty;    /* read again when the read in flight ends */
  gboolean           stats_reading;
  guint              refresh_id;     /* the live-update throttle */
  gboolean           syncing;        /* the dropdown set from code */
  gboolean           listing;        /* a run listing is in the worker */
  gboolean           list_again;     /* …and something changed meanwhile */

  AdwToastOverlay   *toast_overlay;
  GtkStack          *main_stack;
  GtkStringList     *run_labels;
  GtkDropDown       *run_dropdown;
  GtkLabel          *run_state_label;
  GtkStack          *inner_stack;
  KdlChartCard      *histogram_card;
  KdlHistogram      *histogram;
  KdlScoreThreshold *threshold;
  GtkButton         *rejudge_button;
  KdlChartCard      *parts_card;
  KdlPartsChart     *parts_chart;
  KdlChartCard      *pass_card;
  KdlPassRate       *pass_rate;
  KdlChartCard      *tokens_card;
  KdlTokenChart     *token_chart;
  KdlChartCard      *comparison_card;
  GtkMenuButton     *compare_button;
  GtkBox            *compare_box;
  KdlRunComparison  *comparison;
  KdlReviewPane     *review_pane;
};

void _kdl_scores_view_busy              (KdlScoresView *self,
                                         gboolean       busy);
void _kdl_scores_view_toast             (KdlScoresView *self,
                                         const char    *text);
void _kdl_scores_view_read_comparison   (KdlScoresView *self);
void _kdl_scores_view_rebuild_compare   (KdlScoresView *self);
void _kdl_scores_view_rejudge           (KdlScoresView *self);
void _kdl_scores_view_export            (KdlScoresView *self);

G_END_DECLS
