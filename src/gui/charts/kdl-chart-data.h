/* kdl-chart-data.h — what every chart shares: rectangles, axes, numbers
 *
 * The chart data types (kdl-histogram-data.h and its siblings) and their
 * layout functions need only GLib: the geometry they compute is what the
 * widgets draw and what the tests assert on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Device units (pixels of the widget or of the exported image), y down. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} KdlChartRect;

gboolean kdl_chart_rect_contains      (const KdlChartRect *rect,
                                       double              x,
                                       double              y);
double   kdl_chart_axis_max           (double              value,
                                       guint               n_ticks,
                                       gboolean            integral,
                                       double             *step);
char    *kdl_chart_format_value       (double              value);
char    *kdl_chart_format_count       (gint64              count);
char    *kdl_chart_format_compact     (double              value);

G_END_DECLS
