/* kdl-scores-data.h — a run's stats as the charts' data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-comparison-data.h"
#include "kdl-histogram-data.h"
#include "kdl-parts-data.h"
#include "kdl-store.h"
#include "kdl-token-data.h"

G_BEGIN_DECLS

KdlHistogramData *kdl_scores_histogram_from_stats (const KdlStoreRunStats *stats);
KdlPartsData     *kdl_scores_parts_from_stats     (const KdlStoreRunStats *stats);
KdlTokenData     *kdl_scores_tokens_from_stats    (const KdlStoreRunStats *stats);
void              kdl_scores_summary_from_stats   (const KdlStoreRunStats *stats,
                                                   const char             *label,
                                                   KdlRunSummary          *summary);
gboolean          kdl_scores_bucket_range         (KdlHistogramData       *data,
                                                   guint                   index,
                                                   gboolean               *has_min,
                                                   double                 *min,
                                                   gboolean               *has_max,
                                                   double                 *max);
double            kdl_scores_threshold_minimum    (KdlHistogramData       *data,
                                                   double                  threshold);
char             *kdl_scores_run_label            (const KdlStoreRun      *run);

G_END_DECLS
