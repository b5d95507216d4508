/* kdl-run-comparison.c — runs' scores side by side as box plots
 *
 * Per run: a whisker from minimum to maximum, a box from the first to
 * the third quartile, a line at the median and a diamond at the mean,
 * on one score axis; the run's label and size below.  Items are the
 * runs' columns (::item-activated gives the run's index).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-chart-axis.h"
#include "kdl-run-comparison.h"

#define N_TICKS       4
#define MAX_BOX_WIDTH 56

struct _KdlRunComparison
{
  KdlChart           parent_instance;

  KdlComparisonData *data;
};

G_DEFINE_FINAL_TYPE (KdlRunComparison, kdl_run_comparison, KDL_TYPE_CHART)

enum {
  PROP_0,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
kdl_run_comparison_new (void)
{
  return g_object_new (KDL_TYPE_RUN_COMPARISON, NULL);
}

static void
add_box (KdlChartScene        *scene,
         guint                 item,
         const KdlBoxGeometry *g)
{
  const KdlChartRect *b = &g->box;

  if (isfinite (g->y_min) && isfinite (g->y_max))
    {
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_DIM, g->x, g->y_max, g->x, g->y_min, 1, FALSE);
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_DIM,
                                g->x - g->whisker, g->y_min, g->x + g->whisker, g->y_min, 1, FALSE);
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_DIM,
                                g->x - g->whisker, g->y_max, g->x + g->whisker, g->y_max, 1, FALSE);
    }

  if (isfinite (b->y))
    {
      /* The box hides the whisker inside it; its outline keeps a box of
       * zero height (all scores equal) visible. */
      kdl_chart_scene_add_rect (scene, KDL_CHART_INK_BOX, item, b);
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_BAR, b->x, b->y, b->x + b->width, b->y, 1, FALSE);
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_BAR, b->x, b->y + b->height,
                                b->x + b->width, b->y + b->height, 1, FALSE);
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_BAR, b->x, b->y, b->x, b->y + b->height, 1, FALSE);
      kdl_chart_scene_add_line (scene, KDL_CHART_INK_BAR, b->x + b->width, b->y,
                                b->x + b->width, b->y + b->height, 1, FALSE);
    }

  if (isfinite (g->y_median))
    kdl_chart_scene_add_line (scene, KDL_CHART_INK_TEXT,
                              b->x, g->y_median, b->x + b->width, g->y_median, 2, FALSE);

  kdl_chart_scene_add_diamond (scene, KDL_CHART_INK_SECOND, item, g->x, g->y_mean, 10);
}

static void
kdl_run_comparison_build_scene (KdlChart      *chart,
                                KdlChartScene *scene)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (chart);
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autofree KdlBoxGeometry *boxes = NULL;
  const KdlChartInk inks[] = { KDL_CHART_INK_TEXT, KDL_CHART_INK_SECOND };
  const char *labels[] = { _("Median"), _("Mean") };
  double top, step, line, legend, left;
  KdlChartRect area;
  guint n;

  if (self->data == NULL || kdl_comparison_data_get_n_runs (self->data) == 0)
    {
      kdl_chart_add_message (scene, _("No runs to compare yet"));
      return;
    }

  n = kdl_comparison_data_get_n_runs (self->data);
  top = kdl_comparison_data_get_value_max (self->data);
  if (top <= 0)
    top = 1;
  kdl_chart_axis_max (top, N_TICKS, FALSE, &step);
  kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, "0", NULL, &line);

  legend = kdl_chart_add_legend (scene, width - KDL_CHART_PAD, KDL_CHART_PAD, inks, labels, 2);
  left = KDL_CHART_PAD + kdl_chart_axis_label_width (scene, top, step, kdl_chart_format_value) + 6;
  area.x = left;
  area.y = KDL_CHART_PAD + legend + 6 + line / 2;
  area.width = MAX (width - left - KDL_CHART_PAD, 0);
  area.height = MAX (height - area.y - KDL_CHART_PAD - 2 * line - 6, 0);
  kdl_chart_scene_set_plot (scene, &area, top);

  kdl_chart_axis_add_values (scene, &area, top, step, kdl_chart_format_value);

  boxes = g_new (KdlBoxGeometry, n);
  kdl_comparison_data_layout (self->data, &area, MAX_BOX_WIDTH, boxes);

  for (guint i = 0; i < n; i++)
    {
      const KdlRunSummary *run = kdl_comparison_data_get_run (self->data, i);
      const KdlChartRect *column = &boxes[i].column;
      g_autofree char *count = kdl_chart_format_count (run->n);
      g_autofree char *size = g_strdup_printf ("n = %s", count);
      double below = area.y + area.height + 4;

      add_box (scene, i, &boxes[i]);
      if (run->n == 0)
        kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, _("No scores"),
                                  boxes[i].x, area.y + area.height / 2, 0.5, 0.5, column->width - 4);

      kdl_chart_scene_add_text (scene, KDL_CHART_INK_TEXT, KDL_CHART_FONT_SMALL, run->label,
                                boxes[i].x, below, 0.5, 0, column->width - 4);
      kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, size,
                                boxes[i].x, below + line + 2, 0.5, 0, column->width - 4);
      kdl_chart_scene_add_item (scene, column);
    }
}

static guint
kdl_run_comparison_get_n_items (KdlChart *chart)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (chart);

  return self->data ? kdl_comparison_data_get_n_runs (self->data) : 0;
}

static char *
kdl_run_comparison_describe_item (KdlChart *chart,
                                  guint     item)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (chart);
  const KdlRunSummary *run = kdl_comparison_data_get_run (self->data, item);
  g_autofree char *n = kdl_chart_format_count (run->n);
  g_autofree char *mean = kdl_chart_format_value (run->mean);
  g_autofree char *median = kdl_chart_format_value (run->median);
  g_autofree char *q1 = kdl_chart_format_value (run->q1);
  g_autofree char *q3 = kdl_chart_format_value (run->q3);
  g_autofree char *min = kdl_chart_format_value (run->min);
  g_autofree char *max = kdl_chart_format_value (run->max);

  if (run->n == 0)
    /* Translators: a run's name, then the number of its scores (zero) */
    return g_strdup_printf (_("%s: n = %s, no scores"), run->label, n);

  /* Translators: a tooltip; a run's name, its number of scores, mean,
   * median, first and third quartiles, minimum and maximum */
  return g_strdup_printf (_("%s: n = %s\nMean %s, median %s\nQuartiles %s–%s, range %s–%s"),
                          run->label, n, mean, median, q1, q3, min, max);
}

static char *
kdl_run_comparison_describe (KdlChart *chart)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (chart);
  g_autoptr(GString) text = NULL;
  guint n;

  n = self->data ? kdl_comparison_data_get_n_runs (self->data) : 0;
  if (n == 0)
    return g_strdup (_("Run comparison: no runs yet"));

  /* Translators: the start of the chart's accessible label; each run's
   * figures follow, separated by semicolons */
  text = g_string_new (_("Run comparison: "));
  for (guint i = 0; i < n; i++)
    {
      const KdlRunSummary *run = kdl_comparison_data_get_run (self->data, i);
      g_autofree char *mean = kdl_chart_format_value (run->mean);
      g_autofree char *median = kdl_chart_format_value (run->median);

      if (i > 0)
        g_string_append (text, "; ");
      /* Translators: a run's name, its mean and its median */
      g_string_append_printf (text, _("%s mean %s, median %s"), run->label, mean, median);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kdl_run_comparison_get_data:
 *
 * Returns: (transfer none) (nullable): the runs shown
 */
KdlComparisonData *
kdl_run_comparison_get_data (KdlRunComparison *self)
{
  g_return_val_if_fail (KDL_IS_RUN_COMPARISON (self), NULL);

  return self->data;
}

void
kdl_run_comparison_set_data (KdlRunComparison  *self,
                             KdlComparisonData *data)
{
  g_return_if_fail (KDL_IS_RUN_COMPARISON (self));

  if (kdl_chart_replace_data (KDL_CHART (self), (gpointer *) &self->data, KDL_TYPE_COMPARISON_DATA, data))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

static void
kdl_run_comparison_finalize (GObject *object)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (object);

  g_clear_pointer (&self->data, kdl_comparison_data_unref);

  G_OBJECT_CLASS (kdl_run_comparison_parent_class)->finalize (object);
}

static void
kdl_run_comparison_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, kdl_run_comparison_get_data (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_run_comparison_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KdlRunComparison *self = KDL_RUN_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_DATA:
      kdl_run_comparison_set_data (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_run_comparison_class_init (KdlRunComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdlChartClass *chart_class = KDL_CHART_CLASS (klass);

  object_class->finalize = kdl_run_comparison_finalize;
  object_class->get_property = kdl_run_comparison_get_property;
  object_class->set_property = kdl_run_comparison_set_property;

  chart_class->build_scene = kdl_run_comparison_build_scene;
  chart_class->get_n_items = kdl_run_comparison_get_n_items;
  chart_class->describe = kdl_run_comparison_describe;
  chart_class->describe_item = kdl_run_comparison_describe_item;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL,
                        KDL_TYPE_COMPARISON_DATA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_run_comparison_init (KdlRunComparison *self)
{
}
