/* kdl-chart-data.c — what every chart shares: rectangles, axes, numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "kdl-chart-data.h"

/**
 * kdl_chart_rect_contains:
 *
 * Half-open like pixels: a point on the right or bottom edge belongs to
 * the next rectangle, so neighbouring bars never both claim it.
 */
gboolean
kdl_chart_rect_contains (const KdlChartRect *rect,
                         double              x,
                         double              y)
{
  g_return_val_if_fail (rect != NULL, FALSE);

  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

/**
 * kdl_chart_axis_max:
 * @value: the largest value the axis must show
 * @n_ticks: about how many steps the axis should have
 * @integral: whether steps must be whole numbers (counts)
 * @step: (out) (optional): the step between ticks
 *
 * A "nice" top for a value axis, at least @value: the smallest step of
 * 1, 2, 2.5 or 5 times a power of ten that needs at most @n_ticks + 1
 * steps.  Zero, negative or non-finite values give an axis of one step,
 * so nothing ever divides by zero.
 *
 * Returns: the axis maximum, > 0
 */
double
kdl_chart_axis_max (double    value,
                    guint     n_ticks,
                    gboolean  integral,
                    double   *step)
{
  static const double factors[] = { 1, 2, 2.5, 5 };
  double magnitude;

  if (!isfinite (value) || value <= 0)
    {
      if (step != NULL)
        *step = 1;
      return 1;
    }

  n_ticks = MAX (n_ticks, 1) + 1;
  magnitude = pow (10, floor (log10 (value / n_ticks)));
  if (integral)
    magnitude = MAX (magnitude, 1);

  /* The tolerance keeps 0.3 / 0.1 = 2.999… at 3 steps. */
  for (;; magnitude *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
      {
        double s = factors[i] * magnitude;
        double n = ceil (value / s - 1e-9);

        if (integral && factors[i] == 2.5 && magnitude < 10)
          continue;
        if (n <= n_ticks)
          {
            if (step != NULL)
              *step = s;
            return n * s;
          }
      }
}

/**
 * kdl_chart_format_value:
 *
 * A score as people write it: "38", "38.5", "4.4"; at most two decimals.
 */
char *
kdl_chart_format_value (double value)
{
  char *text;
  char *end;

  if (!isfinite (value))
    return g_strdup ("–");

  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", round (value) == 0 ? 0.0 : round (value));

  text = g_strdup_printf ("%.2f", value);
  end = text + strlen (text) - 1;
  while (end > text && *end == '0')
    *end-- = '\0';

  return text;
}

/**
 * kdl_chart_format_count:
 *
 * A count with the locale's digit grouping ("12,345").
 */
char *
kdl_chart_format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/**
 * kdl_chart_format_compact:
 *
 * An axis label for large counts: "950", "12k", "1.5M".
 */
char *
kdl_chart_format_compact (double value)
{
  double magnitude = fabs (value);

  if (magnitude >= 1e9)
    return g_strdup_printf ("%gG", round (value / 1e8) / 10);
  if (magnitude >= 1e6)
    return g_strdup_printf ("%gM", round (value / 1e5) / 10);
  if (magnitude >= 1e3)
    return g_strdup_printf ("%gk", round (value / 1e2) / 10);

  return kdl_chart_format_value (value);
}
