/* kdl-token-chart.c — prompt and completion tokens as stacked bars
 *
 * One column per entry (a run, or a stretch of time during a run):
 * prompt tokens at the bottom, completion tokens stacked on them, on a
 * compact count axis ("12k").  Items are the columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-chart-axis.h"
#include "kdl-token-chart.h"

#define N_TICKS       4
#define MAX_BAR_WIDTH 48

struct _KdlTokenChart
{
  KdlChart      parent_instance;

  KdlTokenData *data;
};

G_DEFINE_FINAL_TYPE (KdlTokenChart, kdl_token_chart, KDL_TYPE_CHART)

enum {
  PROP_0,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
kdl_token_chart_new (void)
{
  return g_object_new (KDL_TYPE_TOKEN_CHART, NULL);
}

static void
kdl_token_chart_build_scene (KdlChart      *chart,
                             KdlChartScene *scene)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (chart);
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autofree KdlChartRect *prompt = NULL;
  g_autofree KdlChartRect *completion = NULL;
  g_autofree KdlChartRect *columns = NULL;
  const KdlChartInk inks[] = { KDL_CHART_INK_BAR, KDL_CHART_INK_SECOND };
  const char *labels[] = { C_ ("tokens", "Prompt"), C_ ("tokens", "Completion") };
  double top, step, line, legend, left, widest = 0, slot, x, last_right = -G_MAXDOUBLE;
  KdlChartRect area, box;
  guint n, stride = 1;

  if (self->data == NULL || kdl_token_data_get_n_entries (self->data) == 0)
    {
      kdl_chart_add_message (scene, _("No tokens used yet"));
      return;
    }

  n = kdl_token_data_get_n_entries (self->data);
  top = kdl_chart_axis_max (kdl_token_data_get_max_total (self->data), N_TICKS, TRUE, &step);
  kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, "0", NULL, &line);

  legend = kdl_chart_add_legend (scene, width - KDL_CHART_PAD, KDL_CHART_PAD, inks, labels, 2);
  left = KDL_CHART_PAD + kdl_chart_axis_label_width (scene, top, step, kdl_chart_format_compact) + 6;
  area.x = left;
  area.y = KDL_CHART_PAD + legend + 6 + line / 2;
  area.width = MAX (width - left - KDL_CHART_PAD, 0);
  area.height = MAX (height - area.y - KDL_CHART_PAD - line - 4, 0);
  kdl_chart_scene_set_plot (scene, &area, top);

  kdl_chart_axis_add_values (scene, &area, top, step, kdl_chart_format_compact);

  prompt = g_new (KdlChartRect, n);
  completion = g_new (KdlChartRect, n);
  columns = g_new (KdlChartRect, n);
  kdl_token_data_layout (self->data, &area, top, MAX_BAR_WIDTH, prompt, completion, columns);

  /* Many entries (a run over time): label every stride-th one. */
  for (guint i = 0; i < n; i++)
    {
      double w;

      kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL,
                                    kdl_token_data_get_label (self->data, i), &w, NULL);
      widest = MAX (widest, w);
    }
  slot = area.width / n;
  while (stride < n && stride * slot < MIN (widest, 80) + 6)
    stride++;

  for (guint i = 0; i < n; i++)
    {
      kdl_chart_scene_add_rect (scene, KDL_CHART_INK_BAR, i, &prompt[i]);
      kdl_chart_scene_add_rect (scene, KDL_CHART_INK_SECOND, i, &completion[i]);
      if (i % stride == 0)
        {
          const char *label = kdl_token_data_get_label (self->data, i);
          double w, limit = MAX (stride * slot - 4, 1);

          /* A label wider than its column stays inside the plot's span,
           * clear of the axis labels. */
          kdl_chart_scene_measure_text (scene, KDL_CHART_FONT_SMALL, label, &w, NULL);
          w = MIN (w, limit);
          x = CLAMP (columns[i].x + columns[i].width / 2, area.x + w / 2, width - KDL_CHART_PAD - w / 2);
          if (x - w / 2 >= last_right + 4)
            {
              box = kdl_chart_scene_add_text (scene, KDL_CHART_INK_DIM, KDL_CHART_FONT_SMALL, label,
                                              x, area.y + area.height + 4, 0.5, 0, limit);
              last_right = box.x + box.width;
            }
        }
      kdl_chart_scene_add_item (scene, &columns[i]);
    }
}

static guint
kdl_token_chart_get_n_items (KdlChart *chart)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (chart);

  return self->data ? kdl_token_data_get_n_entries (self->data) : 0;
}

static char *
kdl_token_chart_describe_item (KdlChart *chart,
                               guint     item)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (chart);
  g_autofree char *prompt = kdl_chart_format_count (kdl_token_data_get_prompt (self->data, item));
  g_autofree char *completion = kdl_chart_format_count (kdl_token_data_get_completion (self->data, item));
  g_autofree char *total = kdl_chart_format_count (kdl_token_data_get_total (self->data, item));

  /* Translators: a tooltip; a run's name (or a time), then numbers of tokens */
  return g_strdup_printf (_("%s\nPrompt: %s tokens\nCompletion: %s tokens\nTotal: %s tokens"),
                          kdl_token_data_get_label (self->data, item), prompt, completion, total);
}

static char *
kdl_token_chart_describe (KdlChart *chart)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (chart);
  gint64 prompt = 0, completion = 0;
  g_autofree char *p = NULL;
  g_autofree char *c = NULL;
  guint n;

  n = self->data ? kdl_token_data_get_n_entries (self->data) : 0;
  if (n == 0)
    return g_strdup (_("Token usage: none yet"));

  for (guint i = 0; i < n; i++)
    {
      prompt += kdl_token_data_get_prompt (self->data, i);
      completion += kdl_token_data_get_completion (self->data, i);
    }
  p = kdl_chart_format_count (prompt);
  c = kdl_chart_format_count (completion);

  /* Translators: the chart's accessible label; numbers of tokens */
  return g_strdup_printf (_("Token usage: %s prompt and %s completion tokens"), p, c);
}

/**
 * kdl_token_chart_get_data:
 *
 * Returns: (transfer none) (nullable): the usage shown
 */
KdlTokenData *
kdl_token_chart_get_data (KdlTokenChart *self)
{
  g_return_val_if_fail (KDL_IS_TOKEN_CHART (self), NULL);

  return self->data;
}

void
kdl_token_chart_set_data (KdlTokenChart *self,
                          KdlTokenData  *data)
{
  g_return_if_fail (KDL_IS_TOKEN_CHART (self));

  if (kdl_chart_replace_data (KDL_CHART (self), (gpointer *) &self->data, KDL_TYPE_TOKEN_DATA, data))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

static void
kdl_token_chart_finalize (GObject *object)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (object);

  g_clear_pointer (&self->data, kdl_token_data_unref);

  G_OBJECT_CLASS (kdl_token_chart_parent_class)->finalize (object);
}

static void
kdl_token_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, kdl_token_chart_get_data (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_token_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdlTokenChart *self = KDL_TOKEN_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      kdl_token_chart_set_data (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_token_chart_class_init (KdlTokenChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdlChartClass *chart_class = KDL_CHART_CLASS (klass);

  object_class->finalize = kdl_token_chart_finalize;
  object_class->get_property = kdl_token_chart_get_property;
  object_class->set_property = kdl_token_chart_set_property;

  chart_class->build_scene = kdl_token_chart_build_scene;
  chart_class->get_n_items = kdl_token_chart_get_n_items;
  chart_class->describe = kdl_token_chart_describe;
  chart_class->describe_item = kdl_token_chart_describe_item;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL,
                        KDL_TYPE_TOKEN_DATA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_token_chart_init (KdlTokenChart *self)
{
}
