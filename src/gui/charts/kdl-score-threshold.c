/* kdl-score-threshold.c — a threshold slider for a KdlHistogram
 *
 * "Threshold [----o----] Rows at or above 30: 57 of 100".  The slider
 * spans the histogram's score range and snaps to bucket edges, where the
 * count is exact; it moves the histogram's threshold line and follows
 * it when someone else moves it.  The view can bind anything else to
 * the histogram's threshold, rows-above and rows-total properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-score-threshold.h"

struct _KdlScoreThreshold
{
  GtkWidget     parent_instance;

  KdlHistogram *histogram;
  GSignalGroup *histogram_signals;

  GtkWidget    *title;
  GtkWidget    *scale;
  GtkWidget    *count;
};

G_DEFINE_FINAL_TYPE (KdlScoreThreshold, kdl_score_threshold, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTOGRAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * kdl_score_threshold_new:
 * @histogram: (nullable): the histogram whose threshold it sets
 */
GtkWidget *
kdl_score_threshold_new (KdlHistogram *histogram)
{
  g_return_val_if_fail (histogram == NULL || KDL_IS_HISTOGRAM (histogram), NULL);

  return g_object_new (KDL_TYPE_SCORE_THRESHOLD, "histogram", histogram, NULL);
}

static void
update_text (KdlScoreThreshold *self)
{
  g_autofree char *text = NULL;

  if (self->histogram != NULL && kdl_histogram_get_data (self->histogram) != NULL)
    {
      g_autofree char *threshold = kdl_chart_format_value (kdl_histogram_get_threshold (self->histogram));
      g_autofree char *above = kdl_chart_format_count (kdl_histogram_get_rows_above (self->histogram));
      g_autofree char *total = kdl_chart_format_count (kdl_histogram_get_rows_total (self->histogram));

      /* Translators: the threshold score, then numbers of rows */
      text = g_strdup_printf (_("Rows at or above %s: %s of %s"), threshold, above, total);
    }

  gtk_label_set_text (GTK_LABEL (self->count), text ? text : "");
}

static void
update_value (KdlScoreThreshold *self)
{
  if (self->histogram != NULL)
    gtk_range_set_value (GTK_RANGE (self->scale), kdl_histogram_get_threshold (self->histogram));
}

static void
update_range (KdlScoreThreshold *self)
{
  KdlHistogramData *data = self->histogram ? kdl_histogram_get_data (self->histogram) : NULL;
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (self->scale));
  double from = 0, to = 1, step = 1;

  if (data != NULL && kdl_histogram_data_get_n_buckets (data) > 0)
    {
      const KdlChartBucket *first = kdl_histogram_data_get_bucket (data, 0);

      from = kdl_histogram_data_get_range_from (data);
      to = kdl_histogram_data_get_range_to (data);
      step = first->to - first->from;
    }

  gtk_adjustment_configure (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment), from, to),
                            from, to, step, step, 0);
  gtk_widget_set_sensitive (self->scale, data != NULL && kdl_histogram_data_get_n_buckets (data) > 0);
  update_value (self);
}

static gboolean
on_change_value (GtkRange          *range,
                 GtkScrollType      scroll,
                 double             value,
                 KdlScoreThreshold *self)
{
  KdlHistogramData *data;

  if (self->histogram == NULL)
    return FALSE;

  /* Bucket edges only: there the count of passing rows is exact. */
  data = kdl_histogram_get_data (self->histogram);
  if (data != NULL)
    value = kdl_histogram_data_snap (data, value);

  kdl_histogram_set_threshold (self->histogram, value);
  gtk_range_set_value (range, value);

  return TRUE;
}

/**
 * kdl_score_threshold_get_histogram:
 *
 * Returns: (transfer none) (nullable): the histogram
 */
KdlHistogram *
kdl_score_threshold_get_histogram (KdlScoreThreshold *self)
{
  g_return_val_if_fail (KDL_IS_SCORE_THRESHOLD (self), NULL);

  return self->histogram;
}

/**
 * kdl_score_threshold_set_histogram:
 * @histogram: (nullable): the histogram whose threshold the slider sets;
 *   its threshold line is shown from now on
 */
void
kdl_score_threshold_set_histogram (KdlScoreThreshold *self,
                                   KdlHistogram      *histogram)
{
  g_return_if_fail (KDL_IS_SCORE_THRESHOLD (self));
  g_return_if_fail (histogram == NULL || KDL_IS_HISTOGRAM (histogram));

  if (!g_set_object (&self->histogram, histogram))
    return;

  g_signal_group_set_target (self->histogram_signals, histogram);
  if (histogram != NULL)
    kdl_histogram_set_show_threshold (histogram, TRUE);

  update_range (self);
  update_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTOGRAM]);
}

/**
 * kdl_score_threshold_get_scale:
 *
 * Returns: (transfer none): the slider
 */
GtkWidget *
kdl_score_threshold_get_scale (KdlScoreThreshold *self)
{
  g_return_val_if_fail (KDL_IS_SCORE_THRESHOLD (self), NULL);

  return self->scale;
}

/**
 * kdl_score_threshold_get_text:
 *
 * Returns: the count shown beside the slider
 */
const char *
kdl_score_threshold_get_text (KdlScoreThreshold *self)
{
  g_return_val_if_fail (KDL_IS_SCORE_THRESHOLD (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->count));
}

static void
kdl_score_threshold_dispose (GObject *object)
{
  KdlScoreThreshold *self = KDL_SCORE_THRESHOLD (object);
  GtkWidget *child;

  if (self->histogram_signals != NULL)
    g_signal_group_set_target (self->histogram_signals, NULL);
  g_clear_object (&self->histogram_signals);
  g_clear_object (&self->histogram);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kdl_score_threshold_parent_class)->dispose (object);
}

static void
kdl_score_threshold_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdlScoreThreshold *self = KDL_SCORE_THRESHOLD (object);

  switch (prop_id)
    {
    case PROP_HISTOGRAM:
      g_value_set_object (value, kdl_score_threshold_get_histogram (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_score_threshold_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KdlScoreThreshold *self = KDL_SCORE_THRESHOLD (object);

  switch (prop_id)
    {
    case PROP_HISTOGRAM:
      kdl_score_threshold_set_histogram (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_score_threshold_class_init (KdlScoreThresholdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_score_threshold_dispose;
  object_class->get_property = kdl_score_threshold_get_property;
  object_class->set_property = kdl_score_threshold_set_property;

  properties[PROP_HISTOGRAM] =
    g_param_spec_object ("histogram", NULL, NULL,
                         KDL_TYPE_HISTOGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kdl_score_threshold_init (KdlScoreThreshold *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  self->title = gtk_label_new (_("Threshold"));
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 1);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_widget_set_sensitive (self->scale, FALSE);
  gtk_widget_set_parent (self->scale, GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  -1);
  g_signal_connect (self->scale, "change-value", G_CALLBACK (on_change_value), self);

  self->count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->count), 0);
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_widget_set_parent (self->count, GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->count, NULL,
                                  -1);

  self->histogram_signals = g_signal_group_new (KDL_TYPE_HISTOGRAM);
  g_signal_group_connect_swapped (self->histogram_signals, "notify::data",
                                  G_CALLBACK (update_range), self);
  g_signal_group_connect_swapped (self->histogram_signals, "notify::data",
                                  G_CALLBACK (update_text), self);
  g_signal_group_connect_swapped (self->histogram_signals, "notify::threshold",
                                  G_CALLBACK (update_value), self);
  g_signal_group_connect_swapped (self->histogram_signals, "notify::threshold",
                                  G_CALLBACK (update_text), self);
  g_signal_group_connect_swapped (self->histogram_signals, "notify::rows-above",
                                  G_CALLBACK (update_text), self);
  g_signal_group_connect_swapped (self->histogram_signals, "notify::rows-total",
                                  G_CALLBACK (update_text), self);
}
