/* kdl-pass-rate.c — the structure check's pass rate as a ring
 *
 * A ring split into the passed share (clockwise from 12 o'clock) and the
 * failed share, the percentage in its middle and "N of M passed" below.
 * Items: 0 the passed share, 1 the failed share (none before any check).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-chart-axis.h"
#include "kdl-pass-rate.h"

#define RING 0.28  /* the ring's thickness, as a share of its radius */

struct _KdlPassRate
{
  KdlChart parent_instance;

  guint    passed;
  guint    total;
};

G_DEFINE_FINAL_TYPE (KdlPassRate, kdl_pass_rate, KDL_TYPE_CHART)

enum {
  PROP_0,
  PROP_PASSED,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
kdl_pass_rate_new (void)
{
  return g_object_new (KDL_TYPE_PASS_RATE, NULL);
}

/**
 * kdl_pass_rate_format_percent:
 *
 * "93%"; never "100%" while something failed nor "0%" once something
 * passed (one decimal then).
 *
 * Returns: (transfer full): the percentage
 */
char *
kdl_pass_rate_format_percent (guint passed,
                              guint total)
{
  double percent;

  if (total == 0)
    return g_strdup ("–");

  passed = MIN (passed, total);
  percent = 100.0 * passed / total;

  if (passed < total && round (percent) >= 100)
    return g_strdup_printf ("%.1f%%", floor (percent * 10) / 10);
  if (passed > 0 && round (percent) <= 0)
    return g_strdup_printf ("%.1f%%", ceil (percent * 10) / 10);

  return g_strdup_printf ("%.0f%%", round (percent));
}

static void
kdl_pass_rate_build_scene (KdlChart      *chart,
                           KdlChartScene *scene)
{
  KdlPassRate *self = KDL_PASS_RATE (chart);
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autofree char *percent = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *total = NULL;
  g_autofree char *caption = NULL;
  double line, radius, inner, cx, cy, split;
  KdlChartRect bounds;

  kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_NORMAL, "0", NULL, &line);

  radius = MAX (MIN (width - 2 * KDL_CHART_PAD, height - 3 * KDL_CHART_PAD - line) / 2, 1);
  inner = radius * (1 - RING);
  cx = width / 2;
  cy = KDL_CHART_PAD + radius;
  bounds = (KdlChartRect) { cx - radius, cy - radius, 2 * radius, 2 * radius };
  kdl_chart_scene_set_plot (scene, &bounds, 1);

  if (self->total == 0)
    {
      kdl_chart_scene_add_sector (scene, KDL_CHART_INK_TRACK, -1, cx, cy, radius, inner, 0, 2 * G_PI);
      kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_NORMAL, _("No checks yet"),
                                cx, cy + radius + KDL_CHART_PAD, 0.5, 0, width - 2 * KDL_CHART_PAD);
      return;
    }

  split = 2 * G_PI * kdl_pass_rate_get_fraction (self);
  kdl_chart_scene_add_sector (scene, KDL_CHART_INK_PASS, 0, cx, cy, radius, inner, 0, split);
  kdl_chart_scene_add_sector (scene, KDL_CHART_INK_FAIL, 1, cx, cy, radius, inner, split, 2 * G_PI);
  kdl_chart_scene_add_item (scene, &bounds);
  kdl_chart_scene_set_item_ring (scene, 0, cx, cy, radius, inner, 0, split);
  kdl_chart_scene_add_item (scene, &bounds);
  kdl_chart_scene_set_item_ring (scene, 1, cx, cy, radius, inner, split, 2 * G_PI);

  percent = kdl_pass_rate_format_percent (self->passed, self->total);
  kdl_chart_scene_add_text (scene, KDL_CHART_INK_TEXT,
                            inner > 3 * line ? KDL_CHART_FONT_LARGE : KDL_CHART_FONT_NORMAL,
                            percent, cx, cy, 0.5, 0.5, 0);

  passed = kdl_chart_format_count (self->passed);
  total = kdl_chart_format_count (self->total);
  /* Translators: under the pass-rate ring; numbers of samples */
  caption = g_strdup_printf (_("%s of %s passed the structure check"), passed, total);
  kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, caption,
                            cx, cy + radius + KDL_CHART_PAD, 0.5, 0, width - 2 * KDL_CHART_PAD);
}

static guint
kdl_pass_rate_get_n_items (KdlChart *chart)
{
  return KDL_PASS_RATE (chart)->total > 0 ? 2 : 0;
}

static char *
kdl_pass_rate_describe_item (KdlChart *chart,
                             guint     item)
{
  KdlPassRate *self = KDL_PASS_RATE (chart);
  guint count = item == 0 ? self->passed : self->total - self->passed;
  g_autofree char *n = kdl_chart_format_count (count);
  g_autofree char *total = kdl_chart_format_count (self->total);
  g_autofree char *percent = kdl_pass_rate_format_percent (count, self->total);

  if (item == 0)
    /* Translators: a tooltip; numbers of samples and a percentage */
    return g_strdup_printf (_("Passed: %s of %s (%s)"), n, total, percent);

  /* Translators: a tooltip; numbers of samples and a percentage */
  return g_strdup_printf (_("Failed: %s of %s (%s)"), n, total, percent);
}

static char *
kdl_pass_rate_describe (KdlChart *chart)
{
  KdlPassRate *self = KDL_PASS_RATE (chart);
  g_autofree char *percent = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *total = NULL;

  if (self->total == 0)
    return g_strdup (_("Structure check pass rate: no checks yet"));

  percent = kdl_pass_rate_format_percent (self->passed, self->total);
  passed = kdl_chart_format_count (self->passed);
  total = kdl_chart_format_count (self->total);
  /* Translators: the chart's accessible label; a percentage, then numbers of samples */
  return g_strdup_printf (_("Structure check pass rate: %s (%s of %s)"), percent, passed, total);
}

static void
kdl_pass_rate_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 220;
}

guint
kdl_pass_rate_get_passed (KdlPassRate *self)
{
  g_return_val_if_fail (KDL_IS_PASS_RATE (self), 0);

  return self->passed;
}

guint
kdl_pass_rate_get_total (KdlPassRate *self)
{
  g_return_val_if_fail (KDL_IS_PASS_RATE (self), 0);

  return self->total;
}

/**
 * kdl_pass_rate_get_fraction:
 *
 * Returns: passed / total, 0 before any check
 */
double
kdl_pass_rate_get_fraction (KdlPassRate *self)
{
  g_return_val_if_fail (KDL_IS_PASS_RATE (self), 0);

  return self->total > 0 ? (double) self->passed / self->total : 0;
}

/**
 * kdl_pass_rate_set_counts:
 * @passed: samples whose generated questions passed the structure check
 * @total: samples checked (@passed is clamped to it)
 */
void
kdl_pass_rate_set_counts (KdlPassRate *self,
                          guint        passed,
                          guint        total)
{
  g_return_if_fail (KDL_IS_PASS_RATE (self));

  passed = MIN (passed, total);
  if (passed == self->passed && total == self->total)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (passed != self->passed)
    {
      self->passed = passed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSED]);
    }
  if (total != self->total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  kdl_chart_invalidate (KDL_CHART (self));
  g_object_thaw_notify (G_OBJECT (self));
}

static void
kdl_pass_rate_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdlPassRate *self = KDL_PASS_RATE (object);

  switch (prop_id)
    {
    case PROP_PASSED:
      g_value_set_uint (value, self->passed);
      break;

    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_pass_rate_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdlPassRate *self = KDL_PASS_RATE (object);

  switch (prop_id)
    {
    case PROP_PASSED:
      kdl_pass_rate_set_counts (self, g_value_get_uint (value), MAX (self->total, g_value_get_uint (value)));
      break;

    case PROP_TOTAL:
      kdl_pass_rate_set_counts (self, self->passed, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_pass_rate_class_init (KdlPassRateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdlChartClass *chart_class = KDL_CHART_CLASS (klass);

  object_class->get_property = kdl_pass_rate_get_property;
  object_class->set_property = kdl_pass_rate_set_property;

  widget_class->measure = kdl_pass_rate_measure;

  chart_class->build_scene = kdl_pass_rate_build_scene;
  chart_class->get_n_items = kdl_pass_rate_get_n_items;
  chart_class->describe = kdl_pass_rate_describe;
  chart_class->describe_item = kdl_pass_rate_describe_item;

  /**
   * KdlPassRate:passed:
   *
   * Samples that passed (setting it above #KdlPassRate:total raises the
   * total).
   */
  properties[PROP_PASSED] =
    g_param_spec_uint ("passed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KdlPassRate:total:
   *
   * Samples checked (setting it below #KdlPassRate:passed lowers that).
   */
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_pass_rate_init (KdlPassRate *self)
{
}
