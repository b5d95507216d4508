/* kdl-histogram.c — a run's scores as a histogram, with a threshold
 *
 * One bar per bucket on a shared count axis, the unparsed replies apart
 * at the right in their own colour, and an optional threshold drawn as a
 * dashed line (buckets wholly below it are muted).  Clicking a bucket
 * emits ::bucket-activated with its range, clicking the unparsed bucket
 * ::unparsed-activated: the Scores view filters the review list with
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-chart-axis.h"
#include "kdl-histogram.h"

/* Count ticks on the axis, pixels between bars. */
#define N_TICKS 4
#define BAR_GAP 2

struct _KdlHistogram
{
  KdlChart          parent_instance;

  KdlHistogramData *data;
  double            threshold;
  gboolean          show_threshold;
  guint             rows_above;
  guint             rows_total;
};

G_DEFINE_FINAL_TYPE (KdlHistogram, kdl_histogram, KDL_TYPE_CHART)

enum {
  PROP_0,
  PROP_DATA,
  PROP_THRESHOLD,
  PROP_SHOW_THRESHOLD,
  PROP_ROWS_ABOVE,
  PROP_ROWS_TOTAL,
  N_PROPS
};

enum {
  BUCKET_ACTIVATED,
  UNPARSED_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
kdl_histogram_new (void)
{
  return g_object_new (KDL_TYPE_HISTOGRAM, NULL);
}

static char *
format_count (double value)
{
  return kdl_chart_format_count ((gint64) round (value));
}

static void
update_counts (KdlHistogram *self)
{
  guint above = 0, total = 0;

  if (self->data != NULL)
    {
      above = kdl_histogram_data_count_at_least (self->data, self->threshold);
      total = kdl_histogram_data_get_scored (self->data) + kdl_histogram_data_get_unparsed (self->data);
    }

  if (above != self->rows_above)
    {
      self->rows_above = above;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_ABOVE]);
    }
  if (total != self->rows_total)
    {
      self->rows_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_TOTAL]);
    }
}

/* Labels under the bars: each integral bucket's score, or the bucket
 * edges, every stride-th one so they never overlap. */
static void
add_score_labels (KdlHistogram       *self,
                  KdlChartScene      *scene,
                  const KdlChartRect *area,
                  double              y,
                  double              limit)
{
  static const guint strides[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };
  guint n = kdl_histogram_data_get_n_buckets (self->data);
  gboolean integral = kdl_histogram_data_is_integral (self->data);
  guint n_labels = integral ? n : n + 1;
  g_autofree double *values = g_new (double, n_labels);
  g_autofree double *xs = g_new (double, n_labels);
  /* The count axis' labels end 6 px left of the plot. */
  double widest = 0, spacing, last_right = area->x - 8;
  guint stride = strides[G_N_ELEMENTS (strides) - 1];

  for (guint i = 0; i < n_labels; i++)
    {
      const KdlChartBucket *b = kdl_histogram_data_get_bucket (self->data, MIN (i, n - 1));
      g_autofree char *label = NULL;
      double w;

      if (integral)
        {
          values[i] = b->from;
          xs[i] = (kdl_histogram_data_value_to_x (self->data, area, b->from) +
                   kdl_histogram_data_value_to_x (self->data, area, b->to)) / 2;
        }
      else
        {
          values[i] = i < n ? b->from : b->to;
          xs[i] = kdl_histogram_data_value_to_x (self->data, area, values[i]);
        }

      label = kdl_chart_format_value (values[i]);
      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, label, &w, NULL);
      widest = MAX (widest, w);
    }

  spacing = n_labels > 1 ? (xs[n_labels - 1] - xs[0]) / (n_labels - 1) : G_MAXDOUBLE;
  for (guint i = 0; i < G_N_ELEMENTS (strides); i++)
    if (strides[i] * spacing >= widest + 6)
      {
        stride = strides[i];
        break;
      }

  for (guint i = 0; i < n_labels; i++)
    {
      g_autofree char *label = NULL;
      double w;
      long key = integral ? lround (values[i]) : (long) i;

      if (key % stride != 0)
        continue;

      label = kdl_chart_format_value (values[i]);
      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, label, &w, NULL);
      if (xs[i] - w / 2 < last_right + 4 || xs[i] + w / 2 > limit)
        continue;

      kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, label,
                                xs[i], y, 0.5, 0, 0);
      last_right = xs[i] + w / 2;
    }
}

static void
kdl_histogram_build_scene (KdlChart      *chart,
                           KdlChartScene *scene)
{
  KdlHistogram *self = KDL_HISTOGRAM (chart);
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autofree KdlChartRect *bars = NULL;
  g_autofree KdlChartRect *slots = NULL;
  g_autofree char *title = NULL;
  KdlChartRect area, unparsed_bar, box;
  double top, step, line, left, top_margin, bottom_margin, score_x0, score_x1;
  guint n;

  if (self->data == NULL)
    {
      kdl_chart_add_message (scene, _("No scores yet"));
      return;
    }

  n = kdl_histogram_data_get_n_buckets (self->data);
  top = kdl_chart_axis_max (kdl_histogram_data_get_max_count (self->data), N_TICKS, TRUE, &step);
  kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, "0", NULL, &line);

  left = KDL_CHART_PAD + kdl_chart_axis_label_width (scene, top, step, format_count) + 6;
  top_margin = KDL_CHART_PAD + (self->show_threshold ? line + 2 : line / 2);
  bottom_margin = KDL_CHART_PAD + 2 * line + 6;
  area = (KdlChartRect) {
    left, top_margin,
    MAX (width - left - KDL_CHART_PAD, 0), MAX (height - top_margin - bottom_margin, 0),
  };
  kdl_chart_scene_set_plot (scene, &area, top);

  kdl_chart_axis_add_values (scene, &area, top, step, format_count);

  bars = g_new (KdlChartRect, n + 1);
  slots = g_new (KdlChartRect, n + 1);
  kdl_histogram_data_layout (self->data, &area, top, BAR_GAP, bars, &unparsed_bar, slots);

  for (guint i = 0; i < n; i++)
    {
      const KdlChartBucket *b = kdl_histogram_data_get_bucket (self->data, i);
      gboolean below = self->show_threshold && b->to <= self->threshold + 1e-9;

      kdl_chart_scene_add_rect (scene, below ? KDL_CHART_INK_BAR_MUTED : KDL_CHART_INK_BAR, i, &bars[i]);
    }
  kdl_chart_scene_add_rect (scene, KDL_CHART_INK_UNPARSED, n, &unparsed_bar);

  for (guint i = 0; i <= n; i++)
    kdl_chart_scene_add_item (scene, &slots[i]);

  /* "Unparsed" under its bar, kept inside the chart. */
  {
    double w, x = slots[n].x + slots[n].width / 2;

    kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, _("Unparsed"), &w, NULL);
    x = MIN (x, width - 2 - w / 2);
    box = kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, _("Unparsed"),
                                    x, area.y + area.height + 4, 0.5, 0, 0);
  }

  if (n > 0)
    add_score_labels (self, scene, &area, area.y + area.height + 4, box.x - 4);

  score_x0 = area.x;
  score_x1 = n > 0 ? slots[n - 1].x + slots[n - 1].width : area.x;
  if (kdl_histogram_data_get_score_max (self->data) > 0)
    {
      g_autofree char *max = kdl_chart_format_value (kdl_histogram_data_get_score_max (self->data));

      /* Translators: the histogram's axis title; %s is the judge's maximum score */
      title = g_strdup_printf (_("Score (out of %s)"), max);
    }
  else
    {
      title = g_strdup (_("Score"));
    }
  kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, title,
                            (score_x0 + score_x1) / 2, height - KDL_CHART_PAD, 0.5, 1,
                            MAX (score_x1 - score_x0, 1));

  if (self->show_threshold && n > 0)
    {
      double x = kdl_histogram_data_value_to_x (self->data, &area, self->threshold);
      g_autofree char *value = kdl_chart_format_value (self->threshold);
      g_autofree char *label = g_strdup_printf ("≥ %s", value);
      double w;

      kdl_chart_scene_add_line (scene, KDL_CHART_INK_THRESHOLD,
                                x, area.y - 2, x, area.y + area.height, 2, TRUE);
      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, label, &w, NULL);
      kdl_chart_scene_add_text (scene, KDL_CHART_INK_THRESHOLD, KDL_CHART_FONT_SMALL, label,
                                CLAMP (x, w / 2 + 2, width - w / 2 - 2), area.y - 2, 0.5, 1, 0);
    }

  if (kdl_histogram_data_get_scored (self->data) + kdl_histogram_data_get_unparsed (self->data) == 0)
    kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_NORMAL, _("No scores yet"),
                              area.x + area.width / 2, area.y + area.height / 2, 0.5, 0.5,
                              MAX (area.width, 1));
}

static guint
kdl_histogram_get_n_items (KdlChart *chart)
{
  KdlHistogram *self = KDL_HISTOGRAM (chart);

  return self->data ? kdl_histogram_data_get_n_buckets (self->data) + 1 : 0;
}

static char *
kdl_histogram_describe_item (KdlChart *chart,
                             guint     item)
{
  KdlHistogram *self = KDL_HISTOGRAM (chart);
  const KdlChartBucket *b;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *count = NULL;

  if (item == kdl_histogram_get_unparsed_item (self))
    {
      count = kdl_chart_format_count (kdl_histogram_data_get_unparsed (self->data));
      /* Translators: a tooltip; %s is a number of judge replies without a readable score */
      return g_strdup_printf (_("Unparsed replies\nRows: %s"), count);
    }

  b = kdl_histogram_data_get_bucket (self->data, item);
  from = kdl_chart_format_value (b->from);
  to = kdl_chart_format_value (b->to);
  count = kdl_chart_format_count (b->count);

  if (kdl_histogram_data_is_integral (self->data))
    /* Translators: a tooltip; the first %s is a score, the second a number of rows */
    return g_strdup_printf (_("Score %s\nRows: %s"), from, count);

  /* Translators: a tooltip; a range of scores, then a number of rows */
  return g_strdup_printf (_("Scores %s–%s\nRows: %s"), from, to, count);
}

static char *
kdl_histogram_describe (KdlChart *chart)
{
  KdlHistogram *self = KDL_HISTOGRAM (chart);
  g_autofree char *scored = NULL;
  g_autofree char *unparsed = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *above = NULL;

  if (self->data == NULL)
    return g_strdup (_("Score histogram: no scores yet"));

  scored = kdl_chart_format_count (kdl_histogram_data_get_scored (self->data));
  unparsed = kdl_chart_format_count (kdl_histogram_data_get_unparsed (self->data));

  if (!self->show_threshold)
    /* Translators: the chart's accessible label; numbers of rows */
    return g_strdup_printf (_("Score histogram: %s scored, %s unparsed"), scored, unparsed);

  threshold = kdl_chart_format_value (self->threshold);
  above = kdl_chart_format_count (kdl_histogram_data_count_at_least (self->data, self->threshold));
  /* Translators: the chart's accessible label; numbers of rows, then the threshold score */
  return g_strdup_printf (_("Score histogram: %s scored, %s unparsed, %s at or above %s"),
                          scored, unparsed, above, threshold);
}

static void
kdl_histogram_item_activated (KdlChart *chart,
                              guint     item)
{
  KdlHistogram *self = KDL_HISTOGRAM (chart);
  const KdlChartBucket *b;

  if (self->data == NULL)
    return;

  if (item == kdl_histogram_get_unparsed_item (self))
    {
      g_signal_emit (self, signals[UNPARSED_ACTIVATED], 0);
      return;
    }

  b = kdl_histogram_data_get_bucket (self->data, item);
  g_signal_emit (self, signals[BUCKET_ACTIVATED], 0, b->from, b->to);
}

/**
 * kdl_histogram_get_data:
 *
 * Returns: (transfer none) (nullable): the histogram shown
 */
KdlHistogramData *
kdl_histogram_get_data (KdlHistogram *self)
{
  g_return_val_if_fail (KDL_IS_HISTOGRAM (self), NULL);

  return self->data;
}

/**
 * kdl_histogram_set_data:
 * @data: (nullable): the new histogram (a live update: call again with a
 *   new one as results come in)
 */
void
kdl_histogram_set_data (KdlHistogram     *self,
                        KdlHistogramData *data)
{
  g_return_if_fail (KDL_IS_HISTOGRAM (self));

  if (kdl_chart_replace_data (KDL_CHART (self), (gpointer *) &self->data, KDL_TYPE_HISTOGRAM_DATA, data))
    {
      update_counts (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
    }
}

double
kdl_histogram_get_threshold (KdlHistogram *self)
{
  g_return_val_if_fail (KDL_IS_HISTOGRAM (self), 0);

  return self->threshold;
}

/**
 * kdl_histogram_set_threshold:
 *
 * Rows in buckets starting at or above @threshold count as passing
 * (#KdlHistogram:rows-above); use a bucket edge for an exact count.
 */
void
kdl_histogram_set_threshold (KdlHistogram *self,
                             double        threshold)
{
  g_return_if_fail (KDL_IS_HISTOGRAM (self));
  g_return_if_fail (isfinite (threshold));

  if (threshold == self->threshold)
    return;

  self->threshold = threshold;
  update_counts (self);
  if (self->show_threshold)
    kdl_chart_invalidate (KDL_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

gboolean
kdl_histogram_get_show_threshold (KdlHistogram *self)
{
  g_return_val_if_fail (KDL_IS_HISTOGRAM (self), FALSE);

  return self->show_threshold;
}

void
kdl_histogram_set_show_threshold (KdlHistogram *self,
                                  gboolean      show_threshold)
{
  g_return_if_fail (KDL_IS_HISTOGRAM (self));

  show_threshold = !!show_threshold;
  if (show_threshold == self->show_threshold)
    return;

  self->show_threshold = show_threshold;
  kdl_chart_invalidate (KDL_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_THRESHOLD]);
}

/**
 * kdl_histogram_get_rows_above:
 *
 * Returns: the scores at or above the threshold (see
 *   kdl_histogram_data_count_at_least())
 */
guint
kdl_histogram_get_rows_above (KdlHistogram *self)
{
  g_return_val_if_fail (KDL_IS_HISTOGRAM (self), 0);

  return self->rows_above;
}

/**
 * kdl_histogram_get_rows_total:
 *
 * Returns: the scores and the unparsed replies together
 */
guint
kdl_histogram_get_rows_total (KdlHistogram *self)
{
  g_return_val_if_fail (KDL_IS_HISTOGRAM (self), 0);

  return self->rows_total;
}

/**
 * kdl_histogram_get_unparsed_item:
 *
 * Items are the buckets in order, then the unparsed bucket.
 *
 * Returns: the unparsed bucket's item number
 */
guint
kdl_histogram_get_unparsed_item (KdlHistogram *self)
{
  g_return_val_if_fail (KDL_IS_HISTOGRAM (self), 0);

  return self->data ? kdl_histogram_data_get_n_buckets (self->data) : 0;
}

static void
kdl_histogram_finalize (GObject *object)
{
  KdlHistogram *self = KDL_HISTOGRAM (object);

  g_clear_pointer (&self->data, kdl_histogram_data_unref);

  G_OBJECT_CLASS (kdl_histogram_parent_class)->finalize (object);
}

static void
kdl_histogram_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdlHistogram *self = KDL_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, kdl_histogram_get_data (self));
      break;

    case PROP_THRESHOLD:
      g_value_set_double (value, kdl_histogram_get_threshold (self));
      break;

    case PROP_SHOW_THRESHOLD:
      g_value_set_boolean (value, kdl_histogram_get_show_threshold (self));
      break;

    case PROP_ROWS_ABOVE:
      g_value_set_uint (value, kdl_histogram_get_rows_above (self));
      break;

    case PROP_ROWS_TOTAL:
      g_value_set_uint (value, kdl_histogram_get_rows_total (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_histogram_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdlHistogram *self = KDL_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_DATA:
      kdl_histogram_set_data (self, g_value_get_boxed (value));
      break;

    case PROP_THRESHOLD:
      kdl_histogram_set_threshold (self, g_value_get_double (value));
      break;

    case PROP_SHOW_THRESHOLD:
      kdl_histogram_set_show_threshold (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_histogram_class_init (KdlHistogramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdlChartClass *chart_class = KDL_CHART_CLASS (klass);

  object_class->finalize = kdl_histogram_finalize;
  object_class->get_property = kdl_histogram_get_property;
  object_class->set_property = kdl_histogram_set_property;

  chart_class->build_scene = kdl_histogram_build_scene;
  chart_class->get_n_items = kdl_histogram_get_n_items;
  chart_class->describe = kdl_histogram_describe;
  chart_class->describe_item = kdl_histogram_describe_item;
  chart_class->item_activated = kdl_histogram_item_activated;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL,
                        KDL_TYPE_HISTOGRAM_DATA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_THRESHOLD] =
    g_param_spec_boolean ("show-threshold", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ROWS_ABOVE] =
    g_param_spec_uint ("rows-above", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ROWS_TOTAL] =
    g_param_spec_uint ("rows-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlHistogram::bucket-activated:
   * @from: the bucket's lowest score
   * @to: the bucket's upper edge (scores below it; the last bucket may
   *   include it)
   */
  signals[BUCKET_ACTIVATED] =
    g_signal_new ("bucket-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * KdlHistogram::unparsed-activated:
   *
   * The unparsed bucket was clicked: show those replies, offer to judge
   * them again.
   */
  signals[UNPARSED_ACTIVATED] =
    g_signal_new ("unparsed-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kdl_histogram_init (KdlHistogram *self)
{
}
