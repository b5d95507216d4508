/* kdl-comparison-data.c — several runs' score summaries side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-comparison-data.h"

struct _KdlComparisonData
{
  gatomicrefcount  ref_count;
  GArray          *runs;       /* of KdlRunSummary */
  double           score_max;
  double           value_max;  /* score_max, or the largest figure without one */
};

G_DEFINE_BOXED_TYPE (KdlComparisonData, kdl_comparison_data,
                     kdl_comparison_data_ref, kdl_comparison_data_unref)

static void
summary_clear (gpointer data)
{
  KdlRunSummary *summary = data;

  g_free (summary->label);
}

/**
 * kdl_comparison_data_new:
 * @score_max: the top of the score axis (the judges' maximum), or 0 to
 *   use the largest figure
 */
KdlComparisonData *
kdl_comparison_data_new (double score_max)
{
  KdlComparisonData *self = g_new0 (KdlComparisonData, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->runs = g_array_new (FALSE, FALSE, sizeof (KdlRunSummary));
  g_array_set_clear_func (self->runs, summary_clear);
  self->score_max = isfinite (score_max) && score_max > 0 ? score_max : 0;
  self->value_max = self->score_max;

  return self;
}

KdlComparisonData *
kdl_comparison_data_ref (KdlComparisonData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kdl_comparison_data_unref (KdlComparisonData *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->runs);
      g_free (self);
    }
}

static double
finite_or_nan (double value)
{
  return isfinite (value) ? value : NAN;
}

/**
 * kdl_comparison_data_add:
 * @summary: the run's figures (copied); NAN for unknown ones
 */
void
kdl_comparison_data_add (KdlComparisonData   *self,
                         const KdlRunSummary *summary)
{
  KdlRunSummary copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (summary != NULL);

  copy.label = g_strdup (summary->label ? summary->label : "");
  copy.n = summary->n;
  copy.mean = finite_or_nan (summary->mean);
  copy.median = finite_or_nan (summary->median);
  copy.q1 = finite_or_nan (summary->q1);
  copy.q3 = finite_or_nan (summary->q3);
  copy.min = finite_or_nan (summary->min);
  copy.max = finite_or_nan (summary->max);
  g_array_append_val (self->runs, copy);

  if (self->score_max == 0)
    {
      const double figures[] = { copy.mean, copy.median, copy.q1, copy.q3, copy.min, copy.max };

      for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
        if (isfinite (figures[i]))
          self->value_max = MAX (self->value_max, figures[i]);
    }
}

/**
 * kdl_comparison_data_add_histogram:
 * @mean: the run's mean, or NAN to estimate it from @histogram
 * @median: the run's median, or NAN to estimate it
 *
 * Adds a run known by its histogram (what the store keeps): quartiles,
 * minimum and maximum are estimated from the buckets.
 */
void
kdl_comparison_data_add_histogram (KdlComparisonData *self,
                                   const char        *label,
                                   KdlHistogramData  *histogram,
                                   double             mean,
                                   double             median)
{
  KdlRunSummary summary;

  g_return_if_fail (self != NULL);
  g_return_if_fail (histogram != NULL);

  summary.label = (char *) label;
  summary.n = kdl_histogram_data_get_scored (histogram);
  summary.mean = isfinite (mean) ? mean : kdl_histogram_data_estimate_mean (histogram);
  summary.median = isfinite (median) ? median : kdl_histogram_data_estimate_quantile (histogram, 0.5);
  summary.q1 = kdl_histogram_data_estimate_quantile (histogram, 0.25);
  summary.q3 = kdl_histogram_data_estimate_quantile (histogram, 0.75);
  summary.min = kdl_histogram_data_estimate_quantile (histogram, 0);
  summary.max = kdl_histogram_data_estimate_quantile (histogram, 1);

  kdl_comparison_data_add (self, &summary);
}

guint
kdl_comparison_data_get_n_runs (KdlComparisonData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->runs->len;
}

const KdlRunSummary *
kdl_comparison_data_get_run (KdlComparisonData *self,
                             guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->runs->len, NULL);

  return &g_array_index (self->runs, KdlRunSummary, index);
}

/**
 * kdl_comparison_data_get_value_max:
 *
 * Returns: the value at the top of the score axis, 0 when nothing is known
 */
double
kdl_comparison_data_get_value_max (KdlComparisonData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->value_max;
}

/**
 * kdl_comparison_data_value_to_y:
 *
 * Returns: where @value lies on the score axis (0 at @area's bottom,
 *   the value maximum at its top, clamped), NAN for NAN
 */
double
kdl_comparison_data_value_to_y (KdlComparisonData  *self,
                                const KdlChartRect *area,
                                double              value)
{
  double top;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (area != NULL, NAN);

  if (!isfinite (value))
    return NAN;

  top = self->value_max > 0 ? self->value_max : 1;
  return area->y + area->height - CLAMP (value / top, 0, 1) * area->height;
}

/**
 * kdl_comparison_data_layout:
 * @area: where the boxes go (without axis and labels)
 * @max_box_width: the widest a box may be
 * @boxes: (out caller-allocates) (array): one per run, left to right
 */
void
kdl_comparison_data_layout (KdlComparisonData  *self,
                            const KdlChartRect *area,
                            double              max_box_width,
                            KdlBoxGeometry     *boxes)
{
  double slot, width;

  g_return_if_fail (self != NULL);
  g_return_if_fail (area != NULL);

  if (self->runs->len == 0)
    return;

  slot = area->width / self->runs->len;
  width = MIN (slot * 0.5, max_box_width);

  for (guint i = 0; i < self->runs->len; i++)
    {
      const KdlRunSummary *run = &g_array_index (self->runs, KdlRunSummary, i);
      KdlBoxGeometry *g = &boxes[i];
      double y_q1 = kdl_comparison_data_value_to_y (self, area, run->q1);
      double y_q3 = kdl_comparison_data_value_to_y (self, area, run->q3);

      g->column = (KdlChartRect) { area->x + i * slot, area->y, slot, area->height };
      g->x = area->x + (i + 0.5) * slot;
      g->whisker = width / 4;
      if (isfinite (y_q1) && isfinite (y_q3))
        g->box = (KdlChartRect) { g->x - width / 2, MIN (y_q1, y_q3), width, fabs (y_q1 - y_q3) };
      else
        g->box = (KdlChartRect) { g->x - width / 2, NAN, width, 0 };
      g->y_min = kdl_comparison_data_value_to_y (self, area, run->min);
      g->y_max = kdl_comparison_data_value_to_y (self, area, run->max);
      g->y_median = kdl_comparison_data_value_to_y (self, area, run->median);
      g->y_mean = kdl_comparison_data_value_to_y (self, area, run->mean);
    }
}
