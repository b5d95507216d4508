/* kdl-parts-chart.c — a rubric's parts as horizontal bars
 *
 * One row per part: its name, a faint track as long as the part's
 * maximum and a bar as long as its mean on a scale shared by all parts,
 * then "mean / max".  Items are the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-chart-axis.h"
#include "kdl-parts-chart.h"

#define ROW_HEIGHT    30
#define MAX_THICKNESS 18

struct _KdlPartsChart
{
  KdlChart      parent_instance;

  KdlPartsData *data;
};

G_DEFINE_FINAL_TYPE (KdlPartsChart, kdl_parts_chart, KDL_TYPE_CHART)

enum {
  PROP_0,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
kdl_parts_chart_new (void)
{
  return g_object_new (KDL_TYPE_PARTS_CHART, NULL);
}

static char *
format_part_value (KdlPartsData *data,
                   guint         i)
{
  g_autofree char *mean = kdl_chart_format_value (kdl_parts_data_get_mean (data, i));
  g_autofree char *max = NULL;

  if (kdl_parts_data_get_max (data, i) <= 0)
    return g_steal_pointer (&mean);

  max = kdl_chart_format_value (kdl_parts_data_get_max (data, i));
  return g_strdup_printf ("%s / %s", mean, max);
}

static void
kdl_parts_chart_build_scene (KdlChart      *chart,
                             KdlChartScene *scene)
{
  KdlPartsChart *self = KDL_PARTS_CHART (chart);
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autofree KdlChartRect *tracks = NULL;
  g_autofree KdlChartRect *bars = NULL;
  double names_w = 0, values_w = 0, row;
  KdlChartRect area;
  guint n;

  if (self->data == NULL || kdl_parts_data_get_n_parts (self->data) == 0)
    {
      kdl_chart_add_message (scene, _("No rubric parts yet"));
      return;
    }

  n = kdl_parts_data_get_n_parts (self->data);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = format_part_value (self->data, i);
      double w;

      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_NORMAL,
                                    kdl_parts_data_get_name (self->data, i), &w, NULL);
      names_w = MAX (names_w, w);
      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, value, &w, NULL);
      values_w = MAX (values_w, w);
    }
  names_w = MIN (names_w, width * 0.35);

  area.x = KDL_CHART_PAD + names_w + 10;
  area.y = KDL_CHART_PAD;
  area.width = MAX (width - area.x - values_w - 8 - KDL_CHART_PAD, 0);
  area.height = MAX (height - 2 * KDL_CHART_PAD, 0);
  kdl_chart_scene_set_plot (scene, &area, kdl_parts_data_get_scale_max (self->data));

  tracks = g_new (KdlChartRect, n);
  bars = g_new (KdlChartRect, n);
  kdl_parts_data_layout (self->data, &area, MAX_THICKNESS, tracks, bars);

  row = area.height / n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = format_part_value (self->data, i);
      double centre = tracks[i].y + tracks[i].height / 2;
      double end = MAX (tracks[i].x + tracks[i].width, bars[i].x + bars[i].width);

      kdl_chart_scene_add_rect (scene, KDL_CHART_INK_TRACK, i, &tracks[i]);
      kdl_chart_scene_add_rect (scene, KDL_CHART_INK_BAR, i, &bars[i]);
      kdl_chart_scene_add_text (scene, KDL_CHART_INK_TEXT, KDL_CHART_FONT_NORMAL,
                                kdl_parts_data_get_name (self->data, i),
                                area.x - 10, centre, 1, 0.5, names_w);
      kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, value,
                                end + 8, centre, 0, 0.5, 0);
      kdl_chart_scene_add_item (scene, &(KdlChartRect) {
                                  KDL_CHART_PAD, area.y + i * row,
                                  width - 2 * KDL_CHART_PAD, row,
                                });
    }
}

static guint
kdl_parts_chart_get_n_items (KdlChart *chart)
{
  KdlPartsChart *self = KDL_PARTS_CHART (chart);

  return self->data ? kdl_parts_data_get_n_parts (self->data) : 0;
}

static char *
kdl_parts_chart_describe_item (KdlChart *chart,
                               guint     item)
{
  KdlPartsChart *self = KDL_PARTS_CHART (chart);
  const char *name = kdl_parts_data_get_name (self->data, item);
  g_autofree char *mean = kdl_chart_format_value (kdl_parts_data_get_mean (self->data, item));
  g_autofree char *max = NULL;

  if (kdl_parts_data_get_max (self->data, item) <= 0)
    /* Translators: a rubric part's name, then its mean score */
    return g_strdup_printf (_("%s: mean %s"), name, mean);

  max = kdl_chart_format_value (kdl_parts_data_get_max (self->data, item));
  /* Translators: a rubric part's name, its mean score and its maximum */
  return g_strdup_printf (_("%s: mean %s of %s"), name, mean, max);
}

static char *
kdl_parts_chart_describe (KdlChart *chart)
{
  KdlPartsChart *self = KDL_PARTS_CHART (chart);
  g_autoptr(GString) text = NULL;
  guint n;

  n = self->data ? kdl_parts_data_get_n_parts (self->data) : 0;
  if (n == 0)
    return g_strdup (_("Rubric parts: none yet"));

  /* Translators: the start of the chart's accessible label; each part's
   * mean follows, separated by semicolons */
  text = g_string_new (_("Rubric parts: "));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = kdl_parts_chart_describe_item (chart, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, item);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
kdl_parts_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KdlPartsChart *self = KDL_PARTS_CHART (widget);
  guint n = self->data ? kdl_parts_data_get_n_parts (self->data) : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 360;
    }
  else
    {
      *minimum = MAX (n, 1) * 22 + 2 * KDL_CHART_PAD;
      *natural = MAX (n, 3) * ROW_HEIGHT + 2 * KDL_CHART_PAD;
    }
}

/**
 * kdl_parts_chart_get_data:
 *
 * Returns: (transfer none) (nullable): the parts shown
 */
KdlPartsData *
kdl_parts_chart_get_data (KdlPartsChart *self)
{
  g_return_val_if_fail (KDL_IS_PARTS_CHART (self), NULL);

  return self->data;
}

void
kdl_parts_chart_set_data (KdlPartsChart *self,
                          KdlPartsData  *data)
{
  g_return_if_fail (KDL_IS_PARTS_CHART (self));

  if (kdl_chart_replace_data (KDL_CHART (self), (gpointer *) &self->data, KDL_TYPE_PARTS_DATA, data))
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
    }
}

static void
kdl_parts_chart_finalize (GObject *object)
{
  KdlPartsChart *self = KDL_PARTS_CHART (object);

  g_clear_pointer (&self->data, kdl_parts_data_unref);

  G_OBJECT_CLASS (kdl_parts_chart_parent_class)->finalize (object);
}

static void
kdl_parts_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlPartsChart *self = KDL_PARTS_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, kdl_parts_chart_get_data (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_parts_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdlPartsChart *self = KDL_PARTS_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      kdl_parts_chart_set_data (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_parts_chart_class_init (KdlPartsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdlChartClass *chart_class = KDL_CHART_CLASS (klass);

  object_class->finalize = kdl_parts_chart_finalize;
  object_class->get_property = kdl_parts_chart_get_property;
  object_class->set_property = kdl_parts_chart_set_property;

  widget_class->measure = kdl_parts_chart_measure;

  chart_class->build_scene = kdl_parts_chart_build_scene;
  chart_class->get_n_items = kdl_parts_chart_get_n_items;
  chart_class->describe = kdl_parts_chart_describe;
  chart_class->describe_item = kdl_parts_chart_describe_item;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL,
                        KDL_TYPE_PARTS_DATA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_parts_chart_init (KdlPartsChart *self)
{
}
