/* kdl-chart-style.h — the colours a chart draws with, from the theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a shape means; the style turns it into a colour, so a scene laid
 * out once can be drawn in light or dark mode. */
typedef enum
{
  KDL_CHART_INK_TEXT,
  KDL_CHART_INK_DIM,         /* axis labels, secondary text */
  KDL_CHART_INK_AXIS,
  KDL_CHART_INK_GRID,
  KDL_CHART_INK_BAR,
  KDL_CHART_INK_BAR_MUTED,   /* below the threshold */
  KDL_CHART_INK_SECOND,      /* the second series (completion tokens) */
  KDL_CHART_INK_UNPARSED,
  KDL_CHART_INK_THRESHOLD,
  KDL_CHART_INK_TRACK,       /* a part's maximum, an empty ring */
  KDL_CHART_INK_BOX,         /* a box plot's quartile box */
  KDL_CHART_INK_PASS,
  KDL_CHART_INK_FAIL,
  KDL_CHART_INK_HOVER,
  KDL_CHART_INK_FOCUS,
  KDL_CHART_INK_BACKGROUND,  /* exports only: the widget draws none */
  KDL_CHART_N_INKS
} KdlChartInk;

typedef struct
{
  GdkRGBA inks[KDL_CHART_N_INKS];
} KdlChartStyle;

void     kdl_chart_style_init_default     (KdlChartStyle       *style);
void     kdl_chart_style_init_from_widget (KdlChartStyle       *style,
                                           GtkWidget           *widget);
gboolean kdl_chart_style_equal            (const KdlChartStyle *a,
                                           const KdlChartStyle *b);

G_END_DECLS
