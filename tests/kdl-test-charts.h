/* kdl-test-charts.h — shared by the chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-histogram.h"

G_BEGIN_DECLS

/* chart_test_histogram_data () has this many buckets. */
#define N_BUCKETS 11
#define EPS       1e-6

gboolean             chart_test_init                  (int                 *argc,
                                                       char              ***argv);
KdlHistogramData    *chart_test_histogram_data        (guint                unparsed);
GtkWidget           *chart_test_histogram             (guint                unparsed);
GtkWidget           *chart_test_present               (GtkWidget           *chart,
                                                       int                  width,
                                                       int                  height);
const KdlChartShape *chart_test_find_shape            (KdlChartScene       *scene,
                                                       KdlChartShapeKind    kind,
                                                       KdlChartInk          ink,
                                                       int                  item);
guint                chart_test_count_shapes          (KdlChartScene       *scene,
                                                       KdlChartShapeKind    kind,
                                                       KdlChartInk          ink);
const KdlChartShape *chart_test_find_text             (KdlChartScene       *scene,
                                                       const char          *text);
void                 chart_test_assert_rect           (const KdlChartRect  *a,
                                                       const KdlChartRect  *b);
void                 chart_test_assert_texts_readable (KdlChartScene       *scene);
void                 chart_test_count_notify          (GObject             *object,
                                                       GParamSpec          *pspec,
                                                       guint               *count);
double               chart_test_luminance             (const GdkRGBA       *color);
void                 chart_test_pixel_at              (cairo_surface_t     *image,
                                                       int                  x,
                                                       int                  y,
                                                       GdkRGBA             *rgba);
void                 chart_test_assert_color          (const GdkRGBA       *seen,
                                                       const GdkRGBA       *expected);
void                 chart_test_centre_of             (const KdlChartRect  *rect,
                                                       int                 *x,
                                                       int                 *y);

G_END_DECLS
