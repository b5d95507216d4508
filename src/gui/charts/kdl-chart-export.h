/* kdl-chart-export.h — charts as PNG and SVG files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-chart.h"

G_BEGIN_DECLS

typedef enum
{
  KDL_CHART_FORMAT_PNG,
  KDL_CHART_FORMAT_SVG,
} KdlChartFormat;

gboolean  kdl_chart_format_for_file (GFile               *file,
                                     KdlChartFormat      *format);
void      kdl_chart_draw            (KdlChart            *chart,
                                     cairo_t             *cr,
                                     int                  width,
                                     int                  height);
GBytes   *kdl_chart_render          (KdlChart            *chart,
                                     KdlChartFormat       format,
                                     int                  width,
                                     int                  height,
                                     GError             **error);
gboolean  kdl_chart_export_png      (KdlChart            *chart,
                                     const char          *path,
                                     int                  width,
                                     int                  height,
                                     GError             **error);
gboolean  kdl_chart_export_svg      (KdlChart            *chart,
                                     const char          *path,
                                     int                  width,
                                     int                  height,
                                     GError             **error);
void      kdl_chart_export_async    (KdlChart            *chart,
                                     GFile               *file,
                                     KdlChartFormat       format,
                                     int                  width,
                                     int                  height,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  kdl_chart_export_finish   (KdlChart            *chart,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
