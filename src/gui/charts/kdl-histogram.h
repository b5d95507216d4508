/* kdl-histogram.h — a run's scores as a histogram, with a threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart.h"
#include "kdl-histogram-data.h"

G_BEGIN_DECLS

#define KDL_TYPE_HISTOGRAM (kdl_histogram_get_type ())

G_DECLARE_FINAL_TYPE (KdlHistogram, kdl_histogram, KDL, HISTOGRAM, KdlChart)

GtkWidget        *kdl_histogram_new                (void);
KdlHistogramData *kdl_histogram_get_data           (KdlHistogram     *self);
void              kdl_histogram_set_data           (KdlHistogram     *self,
                                                    KdlHistogramData *data);
double            kdl_histogram_get_threshold      (KdlHistogram     *self);
void              kdl_histogram_set_threshold      (KdlHistogram     *self,
                                                    double            threshold);
gboolean          kdl_histogram_get_show_threshold (KdlHistogram     *self);
void              kdl_histogram_set_show_threshold (KdlHistogram     *self,
                                                    gboolean          show_threshold);
guint             kdl_histogram_get_rows_above     (KdlHistogram     *self);
guint             kdl_histogram_get_rows_total     (KdlHistogram     *self);
guint             kdl_histogram_get_unparsed_item  (KdlHistogram     *self);

G_END_DECLS
