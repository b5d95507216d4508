/* kdl-chart-axis.h — value axes and legends the charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart-scene.h"

G_BEGIN_DECLS

typedef char *(*KdlChartFormatFunc) (double value);

/* Room around a chart's plot. */
#define KDL_CHART_PAD 8

double kdl_chart_axis_label_width (KdlChartScene      *scene,
                                   double              top,
                                   double              step,
                                   KdlChartFormatFunc  format);
void   kdl_chart_axis_add_values  (KdlChartScene      *scene,
                                   const KdlChartRect *area,
                                   double              top,
                                   double              step,
                                   KdlChartFormatFunc  format);
double kdl_chart_add_legend       (KdlChartScene      *scene,
                                   double              right,
                                   double              y,
                                   const KdlChartInk  *inks,
                                   const char * const *labels,
                                   guint               n);
void   kdl_chart_add_message      (KdlChartScene      *scene,
                                   const char         *message);

G_END_DECLS
