/* kdl-histogram-data.c — a run's score distribution, ready to draw
 *
 * Buckets are kept sorted and the figures the drawing needs (largest
 * count, range, totals) are updated as buckets are added, so a widget
 * never walks the data while it draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-histogram-data.h"

/* The unparsed bar sits after the scored ones: half a bucket of space,
 * then one bucket wide. */
#define UNPARSED_SLOTS 1.5
#define EPSILON        1e-9

struct _KdlHistogramData
{
  gatomicrefcount  ref_count;
  GArray          *buckets;    /* of KdlChartBucket, sorted by from */
  double           score_max;
  guint            unparsed;
  guint            scored;
  guint            max_count;  /* over the buckets and the unparsed count */
};

G_DEFINE_BOXED_TYPE (KdlHistogramData, kdl_histogram_data,
                     kdl_histogram_data_ref, kdl_histogram_data_unref)

/**
 * kdl_histogram_data_new:
 * @score_max: the judge's maximum score, or 0 when unknown
 *
 * Fill it with kdl_histogram_data_add_bucket() and
 * kdl_histogram_data_set_unparsed(), then hand it to a widget; once a
 * widget holds it, it is not changed any more (make a new one for an
 * update).
 */
KdlHistogramData *
kdl_histogram_data_new (double score_max)
{
  KdlHistogramData *self = g_new0 (KdlHistogramData, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->buckets = g_array_new (FALSE, FALSE, sizeof (KdlChartBucket));
  self->score_max = isfinite (score_max) && score_max > 0 ? score_max : 0;

  return self;
}

KdlHistogramData *
kdl_histogram_data_ref (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kdl_histogram_data_unref (KdlHistogramData *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->buckets);
      g_free (self);
    }
}

void
kdl_histogram_data_add_bucket (KdlHistogramData *self,
                               double            from,
                               double            to,
                               guint             count)
{
  KdlChartBucket bucket = { from, to, count };
  guint pos;

  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (from) && isfinite (to) && to > from);

  for (pos = self->buckets->len; pos > 0; pos--)
    if (g_array_index (self->buckets, KdlChartBucket, pos - 1).from <= from)
      break;

  g_array_insert_val (self->buckets, pos, bucket);
  self->scored += count;
  self->max_count = MAX (self->max_count, count);
}

void
kdl_histogram_data_set_unparsed (KdlHistogramData *self,
                                 guint             unparsed)
{
  g_return_if_fail (self != NULL);

  self->unparsed = unparsed;
  self->max_count = unparsed;
  for (guint i = 0; i < self->buckets->len; i++)
    self->max_count = MAX (self->max_count, g_array_index (self->buckets, KdlChartBucket, i).count);
}

guint
kdl_histogram_data_get_n_buckets (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->buckets->len;
}

const KdlChartBucket *
kdl_histogram_data_get_bucket (KdlHistogramData *self,
                               guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->buckets->len, NULL);

  return &g_array_index (self->buckets, KdlChartBucket, index);
}

guint
kdl_histogram_data_get_unparsed (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->unparsed;
}

double
kdl_histogram_data_get_score_max (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->score_max;
}

/**
 * kdl_histogram_data_get_scored:
 *
 * Returns: the number of scores in the buckets (the unparsed not counted)
 */
guint
kdl_histogram_data_get_scored (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->scored;
}

/**
 * kdl_histogram_data_get_max_count:
 *
 * Returns: the largest count, the unparsed bucket included (both share
 *   one scale)
 */
guint
kdl_histogram_data_get_max_count (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_count;
}

double
kdl_histogram_data_get_range_from (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->buckets->len == 0)
    return 0;

  return g_array_index (self->buckets, KdlChartBucket, 0).from;
}

double
kdl_histogram_data_get_range_to (KdlHistogramData *self)
{
  double to = 0;

  g_return_val_if_fail (self != NULL, 1);

  if (self->buckets->len == 0)
    return self->score_max > 0 ? self->score_max : 1;

  for (guint i = 0; i < self->buckets->len; i++)
    to = MAX (to, g_array_index (self->buckets, KdlChartBucket, i).to);

  return to;
}

/**
 * kdl_histogram_data_is_integral:
 *
 * Whether every bucket is one whole point ([k, k + 1)): such buckets hold
 * exactly the score k, and are labelled k rather than by their edges.
 */
gboolean
kdl_histogram_data_is_integral (KdlHistogramData *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->buckets->len == 0)
    return FALSE;

  for (guint i = 0; i < self->buckets->len; i++)
    {
      const KdlChartBucket *b = &g_array_index (self->buckets, KdlChartBucket, i);

      if (fabs (b->to - b->from - 1) > EPSILON || fabs (b->from - round (b->from)) > EPSILON)
        return FALSE;
    }

  return TRUE;
}

/**
 * kdl_histogram_data_count_at_least:
 *
 * The scores in buckets that start at or above @threshold.  This is exact
 * when @threshold is a bucket edge (kdl_histogram_data_snap()); a bucket
 * that straddles @threshold is not counted, since which of its scores
 * pass is unknown.
 */
guint
kdl_histogram_data_count_at_least (KdlHistogramData *self,
                                   double            threshold)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->buckets->len; i++)
    {
      const KdlChartBucket *b = &g_array_index (self->buckets, KdlChartBucket, i);

      if (b->from >= threshold - EPSILON)
        count += b->count;
    }

  return count;
}

/**
 * kdl_histogram_data_snap:
 *
 * Returns: the bucket edge nearest to @value (@value itself without
 *   buckets)
 */
double
kdl_histogram_data_snap (KdlHistogramData *self,
                         double            value)
{
  double best;

  g_return_val_if_fail (self != NULL, value);

  if (self->buckets->len == 0)
    return value;

  best = kdl_histogram_data_get_range_to (self);
  for (guint i = 0; i < self->buckets->len; i++)
    {
      double edge = g_array_index (self->buckets, KdlChartBucket, i).from;

      if (fabs (edge - value) < fabs (best - value))
        best = edge;
    }

  return best;
}

/* The value of the score at 0-based @rank: an integral bucket holds its
 * score exactly; otherwise a bucket's scores are spread evenly across it. */
static double
value_at_rank (KdlHistogramData *self,
               guint             rank,
               gboolean          integral)
{
  guint seen = 0;

  for (guint i = 0; i < self->buckets->len; i++)
    {
      const KdlChartBucket *b = &g_array_index (self->buckets, KdlChartBucket, i);

      if (rank < seen + b->count)
        {
          if (integral)
            return b->from;
          return b->from + (rank - seen + 0.5) / b->count * (b->to - b->from);
        }
      seen += b->count;
    }

  g_assert_not_reached ();
  return NAN;
}

/**
 * kdl_histogram_data_estimate_quantile:
 * @q: between 0 (the minimum) and 1 (the maximum)
 *
 * For comparisons where only the histogram is known.  Ranks are
 * interpolated as numpy's default does.
 *
 * Returns: the estimate, or NAN without scores
 */
double
kdl_histogram_data_estimate_quantile (KdlHistogramData *self,
                                      double            q)
{
  gboolean integral;
  double position, lower, upper;
  guint below;

  g_return_val_if_fail (self != NULL, NAN);

  if (self->scored == 0 || !isfinite (q))
    return NAN;

  q = CLAMP (q, 0, 1);
  integral = kdl_histogram_data_is_integral (self);
  position = q * (self->scored - 1);
  below = (guint) floor (position);
  lower = value_at_rank (self, below, integral);
  if (below + 1 >= self->scored)
    return lower;
  upper = value_at_rank (self, below + 1, integral);

  return lower + (position - below) * (upper - lower);
}

/**
 * kdl_histogram_data_estimate_mean:
 *
 * Returns: the mean of the bucket centres (of k for integral buckets),
 *   or NAN without scores
 */
double
kdl_histogram_data_estimate_mean (KdlHistogramData *self)
{
  gboolean integral;
  double sum = 0;

  g_return_val_if_fail (self != NULL, NAN);

  if (self->scored == 0)
    return NAN;

  integral = kdl_histogram_data_is_integral (self);
  for (guint i = 0; i < self->buckets->len; i++)
    {
      const KdlChartBucket *b = &g_array_index (self->buckets, KdlChartBucket, i);
      double centre = integral ? b->from : (b->from + b->to) / 2;

      sum += centre * b->count;
    }

  return sum / self->scored;
}

static double
scored_width (KdlHistogramData   *self,
              const KdlChartRect *area)
{
  return area->width * self->buckets->len / (self->buckets->len + UNPARSED_SLOTS);
}

/**
 * kdl_histogram_data_value_to_x:
 * @area: the bars' area, as given to kdl_histogram_data_layout()
 *
 * Returns: where @value lies on the score axis, clamped to the scored
 *   bars' span
 */
double
kdl_histogram_data_value_to_x (KdlHistogramData   *self,
                               const KdlChartRect *area,
                               double              value)
{
  double from, to, span;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (area != NULL, 0);

  from = kdl_histogram_data_get_range_from (self);
  to = kdl_histogram_data_get_range_to (self);
  span = scored_width (self, area);

  if (!isfinite (value) || to <= from)
    return area->x;

  value = CLAMP (value, from, to);
  return area->x + (value - from) / (to - from) * span;
}

/**
 * kdl_histogram_data_layout:
 * @area: where the bars go (the plot, without axes or labels)
 * @count_max: the count at the top of @area (the axis maximum, at least
 *   the largest count)
 * @gap: pixels between neighbouring bars
 * @bars: (out caller-allocates) (array): one rectangle per bucket
 * @unparsed_bar: (out caller-allocates): the unparsed bucket's rectangle
 * @slots: (out caller-allocates) (array) (optional): n_buckets + 1
 *   full-height columns without gaps, the unparsed one last: where
 *   pointing finds a bucket
 *
 * The scored buckets span the left part of @area in proportion to their
 * score ranges; the unparsed bucket stands apart at the right, as wide as
 * an average bucket.  Heights are count / @count_max of @area's height,
 * bottoms on @area's bottom; a zero @count_max draws nothing tall.
 */
void
kdl_histogram_data_layout (KdlHistogramData   *self,
                           const KdlChartRect *area,
                           double              count_max,
                           double              gap,
                           KdlChartRect       *bars,
                           KdlChartRect       *unparsed_bar,
                           KdlChartRect       *slots)
{
  guint n;
  double unit, inset, bottom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (area != NULL);
  g_return_if_fail (unparsed_bar != NULL);

  n = self->buckets->len;
  unit = area->width / (n + UNPARSED_SLOTS);
  bottom = area->y + area->height;

#define HEIGHT(count) (count_max > 0 ? MIN ((count) / count_max, 1.0) * area->height : 0)

  for (guint i = 0; i < n; i++)
    {
      const KdlChartBucket *b = &g_array_index (self->buckets, KdlChartBucket, i);
      double x0 = kdl_histogram_data_value_to_x (self, area, b->from);
      double x1 = kdl_histogram_data_value_to_x (self, area, b->to);
      double h = HEIGHT (b->count);

      inset = MIN (gap / 2, (x1 - x0) / 4);
      bars[i] = (KdlChartRect) { x0 + inset, bottom - h, x1 - x0 - 2 * inset, h };
      if (slots != NULL)
        slots[i] = (KdlChartRect) { x0, area->y, x1 - x0, area->height };
    }

  inset = MIN (gap / 2, unit / 4);
  *unparsed_bar = (KdlChartRect) {
    area->x + (n + UNPARSED_SLOTS - 1) * unit + inset,
    bottom - HEIGHT (self->unparsed),
    unit - 2 * inset,
    HEIGHT (self->unparsed),
  };
  if (slots != NULL)
    slots[n] = (KdlChartRect) { area->x + (n + UNPARSED_SLOTS - 1) * unit, area->y, unit, area->height };

#undef HEIGHT
}
