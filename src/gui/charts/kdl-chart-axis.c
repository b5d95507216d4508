/* kdl-chart-axis.c — value axes and legends the charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-chart-axis.h"

/* Ticks 0, step, 2·step … up to top (a hair over, for rounding). */
#define FOREACH_TICK(value, top, step) \
  for (double value = 0; value <= (top) + (step) * 1e-6; value += (step))

/**
 * kdl_chart_axis_label_width:
 *
 * Returns: how wide the widest tick label of a value axis is
 */
double
kdl_chart_axis_label_width (KdlChartScene      *scene,
                            double              top,
                            double              step,
                            KdlChartFormatFunc  format)
{
  double widest = 0;

  g_return_val_if_fail (step > 0, 0);

  FOREACH_TICK (value, top, step)
    {
      g_autofree char *label = format (value);
      double w;

      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, label, &w, NULL);
      widest = MAX (widest, w);
    }

  return widest;
}

/**
 * kdl_chart_axis_add_values:
 * @area: the plot: 0 at its bottom, @top at its top
 *
 * A vertical value axis left of @area: a label and a faint grid line per
 * tick, and the base line.
 */
void
kdl_chart_axis_add_values (KdlChartScene      *scene,
                           const KdlChartRect *area,
                           double              top,
                           double              step,
                           KdlChartFormatFunc  format)
{
  double bottom = area->y + area->height;

  g_return_if_fail (step > 0 && top > 0);

  FOREACH_TICK (value, top, step)
    {
      g_autofree char *label = format (value);
      double y = bottom - value / top * area->height;

      if (value > 0)
        kdl_chart_scene_add_line (scene, KDL_CHART_INK_GRID,
                                  area->x, y, area->x + area->width, y, 1, FALSE);
      kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, label,
                                area->x - 6, y, 1, 0.5, 0);
    }

  kdl_chart_scene_add_line (scene, KDL_CHART_INK_AXIS,
                            area->x, bottom, area->x + area->width, bottom, 1, FALSE);
}

/**
 * kdl_chart_add_legend:
 * @right: where the legend ends
 * @y: the legend's top
 *
 * A row of coloured squares with their labels, right-aligned.
 *
 * Returns: the legend's height
 */
double
kdl_chart_add_legend (KdlChartScene      *scene,
                      double              right,
                      double              y,
                      const KdlChartInk  *inks,
                      const char * const *labels,
                      guint               n)
{
  double total = 0, height = 0, x;
  double swatch, w, h;

  kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, "0", NULL, &h);
  swatch = MAX (h * 0.6, 6);

  for (guint i = 0; i < n; i++)
    {
      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, labels[i], &w, NULL);
      total += swatch + 4 + w + (i + 1 < n ? 12 : 0);
    }

  x = right - total;
  for (guint i = 0; i < n; i++)
    {
      KdlChartRect box;

      kdl_chart_scene_add_rect (scene, inks[i], -1,
                                &(KdlChartRect) { x, y + (h - swatch) / 2, swatch, swatch });
      box = kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, labels[i],
                                      x + swatch + 4, y, 0, 0, 0);
      x = box.x + box.width + 12;
      height = MAX (height, box.height);
    }

  return height;
}

/**
 * kdl_chart_add_message:
 *
 * A line of text in the middle of the chart ("No scores yet").
 */
void
kdl_chart_add_message (KdlChartScene *scene,
                       const char    *message)
{
  double width = kdl_chart_scene_get_width (scene);

  kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_NORMAL, message,
                            width / 2, kdl_chart_scene_get_height (scene) / 2, 0.5, 0.5,
                            MAX (width - 2 * KDL_CHART_PAD, 1));
}
