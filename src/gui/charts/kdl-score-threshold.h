/* kdl-score-threshold.h — a threshold slider for a KdlHistogram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-histogram.h"

G_BEGIN_DECLS

#define KDL_TYPE_SCORE_THRESHOLD (kdl_score_threshold_get_type ())

G_DECLARE_FINAL_TYPE (KdlScoreThreshold, kdl_score_threshold, KDL, SCORE_THRESHOLD, GtkWidget)

GtkWidget    *kdl_score_threshold_new           (KdlHistogram      *histogram);
KdlHistogram *kdl_score_threshold_get_histogram (KdlScoreThreshold *self);
void          kdl_score_threshold_set_histogram (KdlScoreThreshold *self,
                                                 KdlHistogram      *histogram);
GtkWidget    *kdl_score_threshold_get_scale     (KdlScoreThreshold *self);
const char   *kdl_score_threshold_get_text      (KdlScoreThreshold *self);

G_END_DECLS
