/* kdl-histogram-data.h — a run's score distribution, ready to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart-data.h"

G_BEGIN_DECLS

/* Scores s with from <= s < to (the last bucket may close at to), as the
 * store's stats give them. */
typedef struct
{
  double from;
  double to;
  guint  count;
} KdlChartBucket;

#define KDL_TYPE_HISTOGRAM_DATA (kdl_histogram_data_get_type ())

typedef struct _KdlHistogramData KdlHistogramData;

GType                 kdl_histogram_data_get_type          (void) G_GNUC_CONST;
KdlHistogramData     *kdl_histogram_data_new               (double                  score_max);
KdlHistogramData     *kdl_histogram_data_ref               (KdlHistogramData       *self);
void                  kdl_histogram_data_unref             (KdlHistogramData       *self);
void                  kdl_histogram_data_add_bucket        (KdlHistogramData       *self,
                                                            double                  from,
                                                            double                  to,
                                                            guint                   count);
void                  kdl_histogram_data_set_unparsed      (KdlHistogramData       *self,
                                                            guint                   unparsed);
guint                 kdl_histogram_data_get_n_buckets     (KdlHistogramData       *self);
const KdlChartBucket *kdl_histogram_data_get_bucket        (KdlHistogramData       *self,
                                                            guint                   index);
guint                 kdl_histogram_data_get_unparsed      (KdlHistogramData       *self);
double                kdl_histogram_data_get_score_max     (KdlHistogramData       *self);
guint                 kdl_histogram_data_get_scored        (KdlHistogramData       *self);
guint                 kdl_histogram_data_get_max_count     (KdlHistogramData       *self);
double                kdl_histogram_data_get_range_from    (KdlHistogramData       *self);
double                kdl_histogram_data_get_range_to      (KdlHistogramData       *self);
gboolean              kdl_histogram_data_is_integral       (KdlHistogramData       *self);
guint                 kdl_histogram_data_count_at_least    (KdlHistogramData       *self,
                                                            double                  threshold);
double                kdl_histogram_data_snap              (KdlHistogramData       *self,
                                                            double                  value);
double                kdl_histogram_data_estimate_quantile (KdlHistogramData       *self,
                                                            double                  q);
double                kdl_histogram_data_estimate_mean     (KdlHistogramData       *self);
void                  kdl_histogram_data_layout            (KdlHistogramData       *self,
                                                            const KdlChartRect     *area,
                                                            double                  count_max,
                                                            double                  gap,
                                                            KdlChartRect           *bars,
                                                            KdlChartRect           *unparsed_bar,
                                                            KdlChartRect           *slots);
double                kdl_histogram_data_value_to_x        (KdlHistogramData       *self,
                                                            const KdlChartRect     *area,
                                                            double                  value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlHistogramData, kdl_histogram_data_unref)

G_END_DECLS
