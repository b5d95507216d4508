/* test-charts.c — the chart widgets: geometry, hit testing, signals,
 * the threshold, exports, accessibility, dark mode
 *
 * Needs a display: build-aux/dev test test-charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "kdl-chart-export.h"
#include "kdl-histogram.h"
#include "kdl-parts-chart.h"
#include "kdl-pass-rate.h"
#include "kdl-run-comparison.h"
#include "kdl-score-threshold.h"
#include "kdl-token-chart.h"

#define N_BUCKETS 11
#define EPS       1e-6

/* Eleven 4-point buckets over [0, 44] with counts 0, 3, 6, … 30. */
static KdlHistogramData *
make_histogram (guint unparsed)
{
  KdlHistogramData *data = kdl_histogram_data_new (44);

  for (guint k = 0; k < N_BUCKETS; k++)
    kdl_histogram_data_add_bucket (data, 4 * k, 4 * (k + 1), 3 * k);
  kdl_histogram_data_set_unparsed (data, unparsed);

  return data;
}

static GtkWidget *
make_histogram_widget (guint unparsed)
{
  g_autoptr(KdlHistogramData) data = make_histogram (unparsed);
  GtkWidget *chart = g_object_ref_sink (kdl_histogram_new ());

  kdl_histogram_set_data (KDL_HISTOGRAM (chart), data);
  return chart;
}

/* Shows @chart at @width × @height until it has drawn. */
static GtkWidget *
present (GtkWidget *chart,
         int        width,
         int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_widget_set_size_request (chart, width, height);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (chart);

  g_assert_cmpint (gtk_widget_get_width (chart), ==, width);
  g_assert_cmpint (gtk_widget_get_height (chart), ==, height);

  return window;
}

static const KdlChartShape *
find_shape (KdlChartScene     *scene,
            KdlChartShapeKind  kind,
            KdlChartInk        ink,
            int                item)
{
  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == kind && shape->ink == ink && shape->item == item)
        return shape;
    }

  return NULL;
}

static guint
count_shapes (KdlChartScene     *scene,
              KdlChartShapeKind  kind,
              KdlChartInk        ink)
{
  guint count = 0;

  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == kind && shape->ink == ink)
        count++;
    }

  return count;
}

static const KdlChartShape *
find_text (KdlChartScene *scene,
           const char    *text)
{
  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == KDL_CHART_SHAPE_TEXT && g_str_equal (pango_layout_get_text (shape->layout), text))
        return shape;
    }

  return NULL;
}

static void
assert_rect_equal (const KdlChartRect *a,
                   const KdlChartRect *b)
{
  g_assert_cmpfloat_with_epsilon (a->x, b->x, EPS);
  g_assert_cmpfloat_with_epsilon (a->y, b->y, EPS);
  g_assert_cmpfloat_with_epsilon (a->width, b->width, EPS);
  g_assert_cmpfloat_with_epsilon (a->height, b->height, EPS);
}

/* Every label inside the chart, none on top of another, no glyph missing
 * (a box instead of a Chinese character). */
static void
assert_texts_readable (KdlChartScene *scene)
{
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind != KDL_CHART_SHAPE_TEXT)
        continue;

      g_assert_cmpfloat (shape->rect.x, >=, 0);
      g_assert_cmpfloat (shape->rect.y, >=, 0);
      g_assert_cmpfloat (shape->rect.x + shape->rect.width, <=, width);
      g_assert_cmpfloat (shape->rect.y + shape->rect.height, <=, height);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (shape->layout), ==, 0);

      for (guint j = 0; j < texts->len; j++)
        {
          const KdlChartShape *other = g_ptr_array_index (texts, j);
          graphene_rect_t a = GRAPHENE_RECT_INIT (shape->rect.x, shape->rect.y,
                                                  shape->rect.width, shape->rect.height);
          graphene_rect_t b = GRAPHENE_RECT_INIT (other->rect.x, other->rect.y,
                                                  other->rect.width, other->rect.height);
          graphene_rect_t overlap;

          if (graphene_rect_intersection (&a, &b, &overlap) &&
              overlap.size.width > 0.5 && overlap.size.height > 0.5)
            g_error ("“%s” overlaps “%s”",
                     pango_layout_get_text (shape->layout), pango_layout_get_text (other->layout));
        }
      g_ptr_array_add (texts, (gpointer) shape);
    }

  g_assert_cmpuint (texts->len, >, 0);
}

static void
test_histogram_scene (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  KdlHistogramData *data = kdl_histogram_get_data (KDL_HISTOGRAM (chart));
  g_autoptr(KdlChartScene) scene = kdl_chart_create_scene (KDL_CHART (chart), 600, 300);
  KdlChartRect area, bars[N_BUCKETS], slots[N_BUCKETS + 1], unparsed;
  const KdlChartShape *shape, *label;
  double top, per_row = 0;

  g_assert_true (kdl_chart_scene_get_plot (scene, &area, &top));
  g_assert_cmpfloat (top, ==, 30);  /* the largest count, on a nice axis */
  g_assert_cmpfloat (area.x, >, 0);
  g_assert_cmpfloat (area.x + area.width, <=, 600);
  g_assert_cmpfloat (area.y + area.height, <, 300);

  /* What was drawn is the data's layout for the plot area. */
  kdl_histogram_data_layout (data, &area, top, 2, bars, &unparsed, slots);

  g_assert_null (find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, 0));  /* count 0 */
  for (guint i = 1; i < N_BUCKETS; i++)
    {
      shape = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);
      g_assert_nonnull (shape);
      assert_rect_equal (&shape->rect, &bars[i]);

      /* Heights in proportion to the counts 3, 6, … 30; equal widths. */
      if (per_row == 0)
        per_row = shape->rect.height / (3 * i);
      g_assert_cmpfloat_with_epsilon (shape->rect.height, per_row * 3 * i, EPS);
      g_assert_cmpfloat_with_epsilon (shape->rect.width, bars[1].width, EPS);
      g_assert_cmpfloat (shape->rect.x, >, bars[i - 1].x);
    }
  g_assert_cmpfloat_with_epsilon (bars[N_BUCKETS - 1].height, area.height, EPS);
  g_assert_cmpuint (count_shapes (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR), ==, N_BUCKETS - 1);

  /* The unparsed bucket: its own colour, apart, labelled "Unparsed". */
  shape = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED, N_BUCKETS);
  g_assert_nonnull (shape);
  assert_rect_equal (&shape->rect, &unparsed);
  g_assert_cmpfloat_with_epsilon (shape->rect.height, per_row * 7, EPS);
  g_assert_cmpfloat (shape->rect.x, >, bars[N_BUCKETS - 1].x + bars[N_BUCKETS - 1].width + bars[1].width / 3);
  label = find_text (scene, "Unparsed");
  g_assert_nonnull (label);
  g_assert_cmpfloat (label->rect.y, >=, area.y + area.height);
  g_assert_cmpfloat (label->rect.x + label->rect.width, >, slots[N_BUCKETS].x);

  /* One item per bucket and the unparsed one: the full-height slots. */
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, N_BUCKETS + 1);
  g_assert_cmpuint (kdl_chart_get_n_items (KDL_CHART (chart)), ==, N_BUCKETS + 1);
  g_assert_cmpuint (kdl_histogram_get_unparsed_item (KDL_HISTOGRAM (chart)), ==, N_BUCKETS);
  for (guint i = 0; i <= N_BUCKETS; i++)
    assert_rect_equal (kdl_chart_scene_get_item_rect (scene, i), &slots[i]);

  /* Axis labels: counts on the left, scores under the bars, the title. */
  g_assert_nonnull (find_text (scene, "30"));
  g_assert_nonnull (find_text (scene, "Score (out of 44)"));
  shape = find_text (scene, "20");
  g_assert_nonnull (shape);
  assert_texts_readable (scene);

  /* Narrow: labels thin out rather than overlap. */
  {
    g_autoptr(KdlChartScene) narrow = kdl_chart_create_scene (KDL_CHART (chart), 200, 160);

    assert_texts_readable (narrow);
    g_assert_cmpuint (kdl_chart_scene_get_n_items (narrow), ==, N_BUCKETS + 1);
  }

  g_assert_finalize_object (chart);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_histogram_threshold (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  KdlHistogram *histogram = KDL_HISTOGRAM (chart);
  g_autoptr(KdlChartScene) scene = NULL;
  g_autoptr(KdlHistogramData) update = NULL;
  const KdlChartShape *line;
  KdlChartRect area;
  guint above_notified = 0;
  double x;

  g_signal_connect (chart, "notify::rows-above", G_CALLBACK (on_notify), &above_notified);

  /* Threshold 0: everything passes; total = scores + unparsed. */
  g_assert_cmpuint (kdl_histogram_get_rows_above (histogram), ==, 165);
  g_assert_cmpuint (kdl_histogram_get_rows_total (histogram), ==, 172);

  kdl_histogram_set_threshold (histogram, 20);
  g_assert_cmpuint (kdl_histogram_get_rows_above (histogram), ==, 135);
  g_assert_cmpuint (above_notified, ==, 1);
  kdl_histogram_set_threshold (histogram, 20);
  g_assert_cmpuint (above_notified, ==, 1);

  /* Hidden until asked for. */
  scene = kdl_chart_create_scene (KDL_CHART (chart), 600, 300);
  g_assert_null (find_shape (scene, KDL_CHART_SHAPE_LINE, KDL_CHART_INK_THRESHOLD, -1));
  g_clear_pointer (&scene, kdl_chart_scene_unref);

  kdl_histogram_set_show_threshold (histogram, TRUE);
  g_assert_nonnull (strstr (kdl_chart_get_summary (KDL_CHART (chart)), "135 at or above 20"));
  scene = kdl_chart_create_scene (KDL_CHART (chart), 600, 300);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, NULL));

  /* The line stands at the value's place on the score axis: the left
   * edge of bucket [20, 24). */
  line = find_shape (scene, KDL_CHART_SHAPE_LINE, KDL_CHART_INK_THRESHOLD, -1);
  g_assert_nonnull (line);
  x = kdl_histogram_data_value_to_x (kdl_histogram_get_data (histogram), &area, 20);
  g_assert_cmpfloat (fabs (line->rect.x - x), <=, 0.5);
  g_assert_cmpfloat (line->rect.width, ==, 0);
  g_assert_cmpfloat_with_epsilon (fabs (kdl_chart_scene_get_item_rect (scene, 5)->x - x), 0, EPS);
  g_assert_nonnull (find_text (scene, "≥ 20"));

  /* Buckets wholly below are muted, the others not. */
  for (guint i = 1; i < N_BUCKETS; i++)
    {
      KdlChartInk ink = i < 5 ? KDL_CHART_INK_BAR_MUTED : KDL_CHART_INK_BAR;

      g_assert_nonnull (find_shape (scene, KDL_CHART_SHAPE_RECT, ink, i));
    }
  assert_texts_readable (scene);

  /* A live update recounts. */
  update = make_histogram (0);
  kdl_histogram_data_add_bucket (update, 44, 48, 10);
  kdl_histogram_set_data (histogram, update);
  g_assert_cmpuint (kdl_histogram_get_rows_above (histogram), ==, 145);
  g_assert_cmpuint (kdl_histogram_get_rows_total (histogram), ==, 175);
  g_assert_cmpuint (above_notified, ==, 2);

  g_assert_finalize_object (chart);
}

static void
test_histogram_empty (void)
{
  GtkWidget *chart = g_object_ref_sink (kdl_histogram_new ());
  g_autoptr(KdlHistogramData) zeros = kdl_histogram_data_new (10);
  g_autoptr(KdlChartScene) scene = NULL;

  /* No data: a message, nothing to point at. */
  scene = kdl_chart_create_scene (KDL_CHART (chart), 400, 200);
  g_assert_nonnull (find_text (scene, "No scores yet"));
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 0);
  g_assert_cmpuint (kdl_chart_get_n_items (KDL_CHART (chart)), ==, 0);
  g_assert_cmpint (kdl_chart_get_item_at (KDL_CHART (chart), 10, 10), ==, -1);
  g_clear_pointer (&scene, kdl_chart_scene_unref);

  /* Only zero counts: an axis, no bars, no NAN anywhere. */
  for (guint k = 0; k < 5; k++)
    kdl_histogram_data_add_bucket (zeros, 2 * k, 2 * k + 2, 0);
  kdl_histogram_set_data (KDL_HISTOGRAM (chart), zeros);
  kdl_histogram_set_show_threshold (KDL_HISTOGRAM (chart), TRUE);
  kdl_histogram_set_threshold (KDL_HISTOGRAM (chart), 4);
  g_assert_cmpuint (kdl_histogram_get_rows_above (KDL_HISTOGRAM (chart)), ==, 0);

  for (guint size = 0; size < 2; size++)
    {
      scene = kdl_chart_create_scene (KDL_CHART (chart), size ? 400 : 0, size ? 200 : 0);
      g_assert_cmpuint (count_shapes (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR), ==, 0);
      g_assert_cmpuint (count_shapes (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED), ==, 0);
      for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
        {
          const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

          g_assert_true (isfinite (shape->rect.x) && isfinite (shape->rect.y));
          g_assert_true (isfinite (shape->rect.width) && isfinite (shape->rect.height));
        }
      g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 6);
      if (size)
        g_assert_nonnull (find_text (scene, "No scores yet"));
      g_clear_pointer (&scene, kdl_chart_scene_unref);
    }

  g_assert_finalize_object (chart);
}

static void
test_histogram_hit (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  GtkWidget *window = present (chart, 600, 300);
  KdlChart *c = KDL_CHART (chart);
  KdlChartScene *scene = kdl_chart_get_scene (c);
  KdlChartRect area;
  g_autofree char *text = NULL;

  g_assert_cmpfloat (kdl_chart_scene_get_width (scene), ==, 600);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, NULL));

  for (guint i = 0; i <= N_BUCKETS; i++)
    {
      const KdlChartRect *r = kdl_chart_scene_get_item_rect (scene, i);

      /* Anywhere in the column, the bar's height or not. */
      g_assert_cmpint (kdl_chart_get_item_at (c, r->x + r->width / 2, r->y + r->height - 1), ==, i);
      g_assert_cmpint (kdl_chart_get_item_at (c, r->x + r->width / 2, r->y + 1), ==, i);
      /* The gap between two bars belongs to one of them, never nothing. */
      g_assert_cmpint (kdl_chart_get_item_at (c, r->x + 0.5, r->y + r->height / 2), ==, i);
    }

  /* The axis labels, the space between the scores and "Unparsed", and
   * below the plot are nothing. */
  g_assert_cmpint (kdl_chart_get_item_at (c, area.x / 2, area.y + area.height / 2), ==, -1);
  g_assert_cmpint (kdl_chart_get_item_at (c, area.x + area.width / 2, area.y + area.height + 2), ==, -1);
  {
    const KdlChartRect *last = kdl_chart_scene_get_item_rect (scene, N_BUCKETS - 1);
    const KdlChartRect *unparsed = kdl_chart_scene_get_item_rect (scene, N_BUCKETS);
    double between = (last->x + last->width + unparsed->x) / 2;

    g_assert_cmpint (kdl_chart_get_item_at (c, between, area.y + area.height / 2), ==, -1);
  }

  /* What hovering shows: exact values. */
  text = kdl_chart_dup_item_text (c, 5);
  g_assert_cmpstr (text, ==, "Scores 20–24\nRows: 15");
  g_clear_pointer (&text, g_free);
  text = kdl_chart_dup_item_text (c, N_BUCKETS);
  g_assert_cmpstr (text, ==, "Unparsed replies\nRows: 7");
  g_clear_pointer (&text, g_free);
  g_assert_null (kdl_chart_dup_item_text (c, N_BUCKETS + 1));

  /* Hover (a CSS state change) keeps the layout; new data does not. */
  g_assert_true (kdl_chart_get_scene (c) == scene);
  gtk_widget_set_state_flags (chart, GTK_STATE_FLAG_PRELIGHT, FALSE);
  gtk_widget_queue_draw (chart);
  gtk_test_widget_wait_for_draw (chart);
  g_assert_true (kdl_chart_get_scene (c) == scene);
  gtk_widget_unset_state_flags (chart, GTK_STATE_FLAG_PRELIGHT);
  {
    g_autoptr(KdlHistogramData) update = make_histogram (8);

    kdl_histogram_set_data (KDL_HISTOGRAM (chart), update);
    scene = kdl_chart_get_scene (c);
    g_assert_true (find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED, N_BUCKETS)->rect.height >
                   find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, 2)->rect.height);
  }

  /* A new size lays out again. */
  gtk_widget_set_size_request (chart, 500, 250);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 250);
  while (gtk_widget_get_width (chart) != 500)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (chart);
  g_assert_cmpfloat (kdl_chart_scene_get_width (kdl_chart_get_scene (c)), ==, 500);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (chart);
}

typedef struct
{
  guint  buckets;
  guint  unparsed;
  double from;
  double to;
} Activations;

static void
on_bucket_activated (KdlHistogram *histogram,
                     double        from,
                     double        to,
                     Activations  *seen)
{
  seen->buckets++;
  seen->from = from;
  seen->to = to;
}

static void
on_unparsed_activated (KdlHistogram *histogram,
                       Activations  *seen)
{
  seen->unparsed++;
}

static void
test_histogram_activate (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  GtkWidget *window = present (chart, 600, 300);
  KdlChart *c = KDL_CHART (chart);
  KdlChartScene *scene = kdl_chart_get_scene (c);
  const KdlChartRect *r;
  Activations seen = { 0 };

  g_signal_connect (chart, "bucket-activated", G_CALLBACK (on_bucket_activated), &seen);
  g_signal_connect (chart, "unparsed-activated", G_CALLBACK (on_unparsed_activated), &seen);

  /* A click: what the gesture does with the point it got. */
  r = kdl_chart_scene_get_item_rect (scene, 3);
  kdl_chart_activate_item (c, kdl_chart_get_item_at (c, r->x + 3, r->y + r->height - 3));
  g_assert_cmpuint (seen.buckets, ==, 1);
  g_assert_cmpfloat (seen.from, ==, 12);
  g_assert_cmpfloat (seen.to, ==, 16);

  g_assert_true (gtk_widget_activate_action (chart, "chart.activate-item", "u", 7));
  g_assert_cmpuint (seen.buckets, ==, 2);
  g_assert_cmpfloat (seen.from, ==, 28);
  g_assert_cmpfloat (seen.to, ==, 32);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 7);

  g_assert_true (gtk_widget_activate_action (chart, "chart.activate-item", "u", N_BUCKETS));
  g_assert_cmpuint (seen.unparsed, ==, 1);
  g_assert_cmpuint (seen.buckets, ==, 2);

  /* The keyboard: Left/Right (and Home/End) move, Enter activates. */
  kdl_chart_set_focus_item (c, -1);
  gtk_widget_activate_action (chart, "chart.focus-next", NULL);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 0);
  gtk_widget_activate_action (chart, "chart.focus-next", NULL);
  gtk_widget_activate_action (chart, "chart.focus-next", NULL);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 2);
  gtk_widget_activate_action (chart, "chart.focus-previous", NULL);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 1);
  gtk_widget_activate_action (chart, "chart.activate-focused", NULL);
  g_assert_cmpuint (seen.buckets, ==, 3);
  g_assert_cmpfloat (seen.from, ==, 4);
  gtk_widget_activate_action (chart, "chart.focus-last", NULL);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, N_BUCKETS);
  gtk_widget_activate_action (chart, "chart.focus-next", NULL);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, N_BUCKETS);
  gtk_widget_activate_action (chart, "chart.activate-focused", NULL);
  g_assert_cmpuint (seen.unparsed, ==, 2);
  gtk_widget_activate_action (chart, "chart.focus-first", NULL);
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 0);

  /* Focus lands on the first bucket; focus drawn without a crash. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  g_assert_false (gtk_widget_has_focus (chart));
  kdl_chart_set_focus_item (c, -1);
  g_assert_true (gtk_widget_get_focusable (chart));
  gtk_widget_grab_focus (chart);
  g_assert_true (gtk_widget_has_focus (chart));
  g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 0);
  gtk_widget_queue_draw (chart);
  gtk_test_widget_wait_for_draw (chart);

  /* Fewer buckets: the focus stays on one that exists. */
  kdl_chart_set_focus_item (c, N_BUCKETS);
  {
    g_autoptr(KdlHistogramData) small = kdl_histogram_data_new (4);

    kdl_histogram_data_add_bucket (small, 0, 1, 2);
    kdl_histogram_set_data (KDL_HISTOGRAM (chart), small);
    g_assert_cmpint (kdl_chart_get_focus_item (c), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (chart);
}

/* The action a key is bound to on the chart's class. */
static const char *
bound_action (GtkWidget *widget,
              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }

  return NULL;
}

static void
test_keys (void)
{
  const struct { guint keyval; const char *action; } keys[] = {
    { GDK_KEY_Left, "chart.focus-previous" }, { GDK_KEY_Up, "chart.focus-previous" },
    { GDK_KEY_Right, "chart.focus-next" }, { GDK_KEY_Down, "chart.focus-next" },
    { GDK_KEY_Home, "chart.focus-first" }, { GDK_KEY_End, "chart.focus-last" },
    { GDK_KEY_Return, "chart.activate-focused" }, { GDK_KEY_KP_Enter, "chart.activate-focused" },
    { GDK_KEY_space, "chart.activate-focused" },
  };
  GtkWidget *chart = g_object_ref_sink (kdl_token_chart_new ());

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (bound_action (chart, keys[i].keyval), ==, keys[i].action);
  g_assert_null (bound_action (chart, GDK_KEY_a));

  g_assert_finalize_object (chart);
}

static void
test_score_threshold (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  GtkWidget *threshold = g_object_ref_sink (kdl_score_threshold_new (KDL_HISTOGRAM (chart)));
  KdlScoreThreshold *st = KDL_SCORE_THRESHOLD (threshold);
  GtkRange *scale = GTK_RANGE (kdl_score_threshold_get_scale (st));
  GtkAdjustment *adjustment = gtk_range_get_adjustment (scale);
  g_autoptr(KdlHistogramData) update = NULL;
  gboolean handled = FALSE;

  g_assert_true (kdl_score_threshold_get_histogram (st) == KDL_HISTOGRAM (chart));
  g_assert_true (kdl_histogram_get_show_threshold (KDL_HISTOGRAM (chart)));
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 44);
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (adjustment), ==, 4);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (scale)));
  g_assert_cmpstr (kdl_score_threshold_get_text (st), ==, "Rows at or above 0: 165 of 172");

  /* Dragging snaps to a bucket edge, where the count is exact. */
  g_signal_emit_by_name (scale, "change-value", GTK_SCROLL_JUMP, 21.7, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (kdl_histogram_get_threshold (KDL_HISTOGRAM (chart)), ==, 20);
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 20);
  g_assert_cmpstr (kdl_score_threshold_get_text (st), ==, "Rows at or above 20: 135 of 172");

  /* Set elsewhere: the slider follows. */
  kdl_histogram_set_threshold (KDL_HISTOGRAM (chart), 32);
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 32);
  g_assert_cmpstr (kdl_score_threshold_get_text (st), ==, "Rows at or above 32: 81 of 172");

  /* New data during a run: new range, new count. */
  update = kdl_histogram_data_new (10);
  for (guint k = 0; k <= 10; k++)
    kdl_histogram_data_add_bucket (update, k, k + 1, 1);
  kdl_histogram_set_data (KDL_HISTOGRAM (chart), update);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 11);
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (adjustment), ==, 1);
  g_assert_cmpstr (kdl_score_threshold_get_text (st), ==, "Rows at or above 32: 0 of 11");
  g_signal_emit_by_name (scale, "change-value", GTK_SCROLL_JUMP, 7.4, &handled);
  g_assert_cmpstr (kdl_score_threshold_get_text (st), ==, "Rows at or above 7: 4 of 11");

  /* Let go of the histogram: it no longer drives anything. */
  kdl_score_threshold_set_histogram (st, NULL);
  kdl_histogram_set_threshold (KDL_HISTOGRAM (chart), 2);
  g_assert_cmpstr (kdl_score_threshold_get_text (st), ==, "");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (scale)));

  g_assert_finalize_object (threshold);
  g_assert_finalize_object (chart);
}

static void
test_parts (void)
{
  g_autoptr(KdlPartsData) data = kdl_parts_data_new ();
  GtkWidget *chart = g_object_ref_sink (kdl_parts_chart_new ());
  g_autoptr(KdlChartScene) scene = NULL;
  KdlChartRect area, tracks[3], bars[3];
  g_autofree char *text = NULL;
  double top;

  kdl_parts_data_add (data, "题干质量", 8, 10);
  kdl_parts_data_add (data, "Options", 15, 20);
  kdl_parts_data_add (data, "格式", 3, 0);
  kdl_parts_chart_set_data (KDL_PARTS_CHART (chart), data);

  scene = kdl_chart_create_scene (KDL_CHART (chart), 400, 150);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, &top));
  g_assert_cmpfloat (top, ==, 20);
  kdl_parts_data_layout (data, &area, 18, tracks, bars);

  for (guint i = 0; i < 3; i++)
    {
      const KdlChartShape *bar = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);
      const KdlChartShape *track = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_TRACK, i);
      const KdlChartShape *name = find_text (scene, kdl_parts_data_get_name (data, i));
      const KdlChartRect *item = kdl_chart_scene_get_item_rect (scene, i);

      g_assert_nonnull (bar);
      assert_rect_equal (&bar->rect, &bars[i]);
      if (i < 2)
        assert_rect_equal (&track->rect, &tracks[i]);
      else
        g_assert_null (track);  /* no maximum known */

      /* The name left of its bar, on its row. */
      g_assert_nonnull (name);
      g_assert_cmpfloat (name->rect.x + name->rect.width, <=, bar->rect.x);
      g_assert_cmpfloat (fabs ((name->rect.y + name->rect.height / 2) - (bar->rect.y + bar->rect.height / 2)), <=, 1);
      g_assert_cmpint (kdl_chart_get_item_at (KDL_CHART (chart), 0, 0), ==, -1);
      g_assert_cmpint (kdl_chart_scene_item_at (scene, bar->rect.x + 1, bar->rect.y + 1), ==, i);
      g_assert_cmpint (kdl_chart_scene_item_at (scene, item->x + 1, item->y + item->height / 2), ==, i);
    }
  /* Mean against max: 8 of 10 is 80 % of a track half as long as 20's. */
  g_assert_cmpfloat_with_epsilon (bars[0].width / tracks[0].width, 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (tracks[0].width / tracks[1].width, 0.5, EPS);
  g_assert_nonnull (find_text (scene, "8 / 10"));
  g_assert_nonnull (find_text (scene, "3"));
  assert_texts_readable (scene);

  text = kdl_chart_dup_item_text (KDL_CHART (chart), 1);
  g_assert_cmpstr (text, ==, "Options: mean 15 of 20");
  g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==,
                   "Rubric parts: 题干质量: mean 8 of 10; Options: mean 15 of 20; 格式: mean 3");

  kdl_parts_chart_set_data (KDL_PARTS_CHART (chart), NULL);
  g_assert_cmpuint (kdl_chart_get_n_items (KDL_CHART (chart)), ==, 0);

  g_assert_finalize_object (chart);
}

static void
test_comparison (void)
{
  g_autoptr(KdlComparisonData) data = kdl_comparison_data_new (40);
  const KdlRunSummary a = { (char *) "模板 A", 100, 30, 31, 25, 35, 10, 40 };
  const KdlRunSummary b = { (char *) "模板 B", 80, 20, 21, 15, 24, 2, 33 };
  const KdlRunSummary none = { (char *) "empty", 0, NAN, NAN, NAN, NAN, NAN, NAN };
  GtkWidget *chart = g_object_ref_sink (kdl_run_comparison_new ());
  g_autoptr(KdlChartScene) scene = NULL;
  KdlBoxGeometry boxes[3];
  g_autofree char *text = NULL;
  KdlChartRect area;

  kdl_comparison_data_add (data, &a);
  kdl_comparison_data_add (data, &b);
  kdl_comparison_data_add (data, &none);
  kdl_run_comparison_set_data (KDL_RUN_COMPARISON (chart), data);

  scene = kdl_chart_create_scene (KDL_CHART (chart), 480, 300);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, NULL));
  kdl_comparison_data_layout (data, &area, 56, boxes);

  for (guint i = 0; i < 2; i++)
    {
      const KdlChartShape *box = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BOX, i);
      const KdlChartShape *mean = find_shape (scene, KDL_CHART_SHAPE_DIAMOND, KDL_CHART_INK_SECOND, i);

      g_assert_nonnull (box);
      assert_rect_equal (&box->rect, &boxes[i].box);
      g_assert_nonnull (mean);
      g_assert_cmpfloat_with_epsilon (mean->rect.y + mean->rect.height / 2, boxes[i].y_mean, EPS);
      g_assert_cmpfloat_with_epsilon (mean->rect.x + mean->rect.width / 2, boxes[i].x, EPS);
      assert_rect_equal (kdl_chart_scene_get_item_rect (scene, i), &boxes[i].column);
    }
  /* Side by side: A left of B; A's box higher (better scores). */
  g_assert_cmpfloat (boxes[0].x, <, boxes[1].x);
  g_assert_cmpfloat (boxes[0].box.y, <, boxes[1].box.y);
  g_assert_cmpfloat_with_epsilon (boxes[0].box.height / area.height, 10.0 / 40, EPS);
  /* The empty run: no box, a note, still an item. */
  g_assert_null (find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BOX, 2));
  g_assert_nonnull (find_text (scene, "No scores"));
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 3);
  g_assert_nonnull (find_text (scene, "n = 100"));
  assert_texts_readable (scene);

  text = kdl_chart_dup_item_text (KDL_CHART (chart), 0);
  g_assert_cmpstr (text, ==, "模板 A: n = 100\nMean 30, median 31\nQuartiles 25–35, range 10–40");
  g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==,
                   "Run comparison: 模板 A mean 30, median 31; 模板 B mean 20, median 21; empty mean –, median –");

  g_assert_finalize_object (chart);
}

static void
test_pass_rate (void)
{
  GtkWidget *chart = g_object_ref_sink (kdl_pass_rate_new ());
  KdlPassRate *rate = KDL_PASS_RATE (chart);
  g_autoptr(KdlChartScene) scene = NULL;
  const KdlChartShape *passed, *failed;
  g_autofree char *text = NULL;
  double r;

  /* Before any check: a grey ring and a note, nothing to point at. */
  scene = kdl_chart_create_scene (KDL_CHART (chart), 240, 220);
  g_assert_nonnull (find_shape (scene, KDL_CHART_SHAPE_SECTOR, KDL_CHART_INK_TRACK, -1));
  g_assert_nonnull (find_text (scene, "No checks yet"));
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 0);
  g_clear_pointer (&scene, kdl_chart_scene_unref);

  kdl_pass_rate_set_counts (rate, 93, 100);
  g_assert_cmpfloat_with_epsilon (kdl_pass_rate_get_fraction (rate), 0.93, EPS);
  scene = kdl_chart_create_scene (KDL_CHART (chart), 240, 220);
  passed = find_shape (scene, KDL_CHART_SHAPE_SECTOR, KDL_CHART_INK_PASS, 0);
  failed = find_shape (scene, KDL_CHART_SHAPE_SECTOR, KDL_CHART_INK_FAIL, 1);
  g_assert_nonnull (passed);
  g_assert_nonnull (failed);
  g_assert_cmpfloat (passed->angle_from, ==, 0);
  g_assert_cmpfloat_with_epsilon (passed->angle_to, 2 * G_PI * 0.93, EPS);
  g_assert_cmpfloat_with_epsilon (failed->angle_from, passed->angle_to, EPS);
  g_assert_cmpfloat_with_epsilon (failed->angle_to, 2 * G_PI, EPS);
  g_assert_cmpfloat (passed->inner_radius, >, 0);
  g_assert_cmpfloat (passed->inner_radius, <, passed->radius);
  g_assert_nonnull (find_text (scene, "93%"));
  g_assert_nonnull (find_text (scene, "93 of 100 passed the structure check"));
  assert_texts_readable (scene);

  /* Pointing: on the ring by angle; the hole and the corners are nothing. */
  r = (passed->radius + passed->inner_radius) / 2;
  g_assert_cmpint (kdl_chart_scene_item_at (scene, passed->cx + r * sin (0.1), passed->cy - r * cos (0.1)), ==, 0);
  g_assert_cmpint (kdl_chart_scene_item_at (scene, passed->cx + r * sin (3.0), passed->cy - r * cos (3.0)), ==, 0);
  g_assert_cmpint (kdl_chart_scene_item_at (scene, passed->cx + r * sin (6.0), passed->cy - r * cos (6.0)), ==, 1);
  g_assert_cmpint (kdl_chart_scene_item_at (scene, passed->cx, passed->cy), ==, -1);
  g_assert_cmpint (kdl_chart_scene_item_at (scene, 1, 1), ==, -1);

  text = kdl_chart_dup_item_text (KDL_CHART (chart), 1);
  g_assert_cmpstr (text, ==, "Failed: 7 of 100 (7%)");
  g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==,
                   "Structure check pass rate: 93% (93 of 100)");

  /* Percentages that do not lie. */
  {
    const struct { guint passed, total; const char *text; } cases[] = {
      { 999, 1000, "99.9%" }, { 1, 1000, "0.1%" }, { 0, 0, "–" }, { 1, 2, "50%" },
      { 5, 5, "100%" }, { 0, 7, "0%" }, { 9, 4, "100%" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *percent = kdl_pass_rate_format_percent (cases[i].passed, cases[i].total);

        g_assert_cmpstr (percent, ==, cases[i].text);
      }
  }

  /* Properties keep passed ≤ total. */
  g_object_set (chart, "total", 50, NULL);
  g_assert_cmpuint (kdl_pass_rate_get_passed (rate), ==, 50);
  g_object_set (chart, "passed", 70, NULL);
  g_assert_cmpuint (kdl_pass_rate_get_total (rate), ==, 70);

  g_assert_finalize_object (chart);
}

static void
test_tokens (void)
{
  g_autoptr(KdlTokenData) data = kdl_token_data_new ();
  GtkWidget *chart = g_object_ref_sink (kdl_token_chart_new ());
  g_autoptr(KdlChartScene) scene = NULL;
  KdlChartRect area, prompt[3], completion[3], columns[3];
  g_autofree char *text = NULL;
  double top;

  kdl_token_data_add (data, "rebuild", 412000, 138000);
  kdl_token_data_add (data, "expand", 380000, 201000);
  kdl_token_data_add (data, "评审", 520000, 40000);
  kdl_token_chart_set_data (KDL_TOKEN_CHART (chart), data);

  scene = kdl_chart_create_scene (KDL_CHART (chart), 420, 260);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, &top));
  g_assert_cmpfloat (top, ==, 600000);
  kdl_token_data_layout (data, &area, top, 48, prompt, completion, columns);

  for (guint i = 0; i < 3; i++)
    {
      const KdlChartShape *p = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);
      const KdlChartShape *c = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_SECOND, i);

      g_assert_nonnull (p);
      g_assert_nonnull (c);
      assert_rect_equal (&p->rect, &prompt[i]);
      assert_rect_equal (&c->rect, &completion[i]);
      g_assert_cmpfloat_with_epsilon (c->rect.y + c->rect.height, p->rect.y, EPS);
      g_assert_cmpfloat_with_epsilon (p->rect.height / area.height,
                                      kdl_token_data_get_prompt (data, i) / top, EPS);
      assert_rect_equal (kdl_chart_scene_get_item_rect (scene, i), &columns[i]);
      g_assert_nonnull (find_text (scene, kdl_token_data_get_label (data, i)));
    }
  g_assert_nonnull (find_text (scene, "600k"));
  g_assert_nonnull (find_text (scene, "Prompt"));
  g_assert_nonnull (find_text (scene, "Completion"));
  assert_texts_readable (scene);

  text = kdl_chart_dup_item_text (KDL_CHART (chart), 2);
  g_assert_cmpstr (text, ==, "评审\nPrompt: 520000 tokens\nCompletion: 40000 tokens\nTotal: 560000 tokens");
  g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==,
                   "Token usage: 1312000 prompt and 379000 completion tokens");

  /* Over time: many entries, labels thinned out, never overlapping. */
  {
    g_autoptr(KdlTokenData) series = kdl_token_data_new ();
    g_autoptr(KdlChartScene) dense = NULL;

    for (guint minute = 0; minute < 60; minute++)
      {
        g_autofree char *label = g_strdup_printf ("10:%02u", minute);

        kdl_token_data_add (series, label, 1000 + 10 * minute, 500);
      }
    kdl_token_chart_set_data (KDL_TOKEN_CHART (chart), series);
    dense = kdl_chart_create_scene (KDL_CHART (chart), 420, 260);
    g_assert_cmpuint (kdl_chart_scene_get_n_items (dense), ==, 60);
    g_assert_nonnull (find_text (dense, "10:00"));
    g_assert_null (find_text (dense, "10:01"));
    assert_texts_readable (dense);
  }

  g_assert_finalize_object (chart);
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* The colour of one pixel of a PNG loaded with cairo (opaque). */
static void
pixel_at (cairo_surface_t *image,
          int              x,
          int              y,
          GdkRGBA         *rgba)
{
  guint32 pixel;

  cairo_surface_flush (image);
  pixel = *(guint32 *) (cairo_image_surface_get_data (image) +
                        y * cairo_image_surface_get_stride (image) + 4 * x);
  rgba->alpha = ((pixel >> 24) & 0xff) / 255.0;
  rgba->red = ((pixel >> 16) & 0xff) / 255.0;
  rgba->green = ((pixel >> 8) & 0xff) / 255.0;
  rgba->blue = (pixel & 0xff) / 255.0;
}

static void
assert_color (const GdkRGBA *seen,
              const GdkRGBA *expected)
{
  g_assert_cmpfloat (fabs (seen->red - expected->red), <=, 2 / 255.0);
  g_assert_cmpfloat (fabs (seen->green - expected->green), <=, 2 / 255.0);
  g_assert_cmpfloat (fabs (seen->blue - expected->blue), <=, 2 / 255.0);
  g_assert_cmpfloat (seen->alpha, ==, 1);
}

static void
centre_of (const KdlChartRect *r,
           int                *x,
           int                *y)
{
  *x = (int) (r->x + r->width / 2);
  *y = (int) (r->y + r->height / 2);
}

static void
test_export_png (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  g_autofree char *dir = g_dir_make_tmp ("kdl-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scores.png", NULL);
  g_autoptr(KdlChartScene) scene = kdl_chart_create_scene (KDL_CHART (chart), 640, 360);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  KdlChartStyle style;
  GdkRGBA seen;
  int x, y;

  kdl_chart_get_style (KDL_CHART (chart), &style);
  g_assert_true (kdl_chart_export_png (KDL_CHART (chart), path, 640, 360, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);

  /* Bars in the bar colour where the layout put them, the unparsed bar
   * in its own, background around. */
  for (guint i = 1; i < N_BUCKETS; i++)
    {
      const KdlChartShape *bar = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);

      centre_of (&bar->rect, &x, &y);
      pixel_at (image, x, y, &seen);
      assert_color (&seen, &style.inks[KDL_CHART_INK_BAR]);
    }
  centre_of (&find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED, N_BUCKETS)->rect, &x, &y);
  pixel_at (image, x, y, &seen);
  assert_color (&seen, &style.inks[KDL_CHART_INK_UNPARSED]);
  pixel_at (image, 1, 1, &seen);
  assert_color (&seen, &style.inks[KDL_CHART_INK_BACKGROUND]);
  /* Above the short first bar: background, not bar. */
  {
    const KdlChartShape *bar = find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, 1);

    pixel_at (image, bar->rect.x + bar->rect.width / 2, bar->rect.y - 8, &seen);
    g_assert_false (fabs (seen.blue - style.inks[KDL_CHART_INK_BAR].blue) < 0.02 &&
                    fabs (seen.red - style.inks[KDL_CHART_INK_BAR].red) < 0.02);
  }

  /* Text readable on the background, though the chart is in no window:
   * the axis title has dark pixels. */
  g_assert_cmpfloat (luminance (&style.inks[KDL_CHART_INK_TEXT]), <, 0.3);
  {
    const KdlChartShape *title = find_text (scene, "Score (out of 44)");
    double darkest = 1;

    for (int ty = title->rect.y; ty < title->rect.y + title->rect.height; ty++)
      for (int tx = title->rect.x; tx < title->rect.x + title->rect.width; tx++)
        {
          pixel_at (image, tx, ty, &seen);
          darkest = MIN (darkest, luminance (&seen));
        }
    g_assert_cmpfloat (darkest, <, 0.5);
  }
  cairo_surface_destroy (image);

  /* Without a size: the chart's own (natural, as it is not shown). */
  {
    g_autoptr(GBytes) bytes = kdl_chart_render (KDL_CHART (chart), KDL_CHART_FORMAT_PNG, 0, 0, &error);
    const guint8 *png;

    g_assert_no_error (error);
    png = g_bytes_get_data (bytes, NULL);
    g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
    /* IHDR: width and height, big-endian, at 16. */
    g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (png + 16)), ==, 360);
    g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (png + 20)), ==, 220);
  }

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (chart);
}

/* "rgb(20.784314%,51.764706%,89.411765%)" or "rgb(53,132,228)". */
static gboolean
parse_svg_rgb (const char *text,
               GdkRGBA    *rgba)
{
  double c[3];
  const char *p;
  char *end;

  p = strstr (text, "rgb(");
  if (p == NULL)
    return FALSE;
  p += 4;

  for (guint i = 0; i < 3; i++)
    {
      c[i] = g_ascii_strtod (p, &end);
      if (end == p)
        return FALSE;
      p = end;
      if (*p == '%')
        {
          c[i] = c[i] / 100;
          p++;
        }
      else
        {
          c[i] = c[i] / 255;
        }
      if (*p == ',')
        p++;
    }

  rgba->red = c[0];
  rgba->green = c[1];
  rgba->blue = c[2];
  return TRUE;
}

static gboolean
same_color (const GdkRGBA *a,
            const GdkRGBA *b)
{
  return fabs (a->red - b->red) < 0.01 && fabs (a->green - b->green) < 0.01 &&
         fabs (a->blue - b->blue) < 0.01 && fabs (a->alpha - b->alpha) < 0.01;
}

/* Filled paths of @color outside <defs> (glyph outlines live there). */
static guint
count_filled (xmlNode       *node,
              const GdkRGBA *color)
{
  guint count = 0;

  for (; node != NULL; node = node->next)
    {
      xmlChar *style;
      GdkRGBA fill = { 0, 0, 0, 1 };

      if (node->type != XML_ELEMENT_NODE || xmlStrEqual (node->name, BAD_CAST "defs"))
        continue;

      if (xmlStrEqual (node->name, BAD_CAST "path") || xmlStrEqual (node->name, BAD_CAST "rect"))
        {
          style = xmlGetProp (node, BAD_CAST "style");
          if (style == NULL)
            style = xmlGetProp (node, BAD_CAST "fill");
          if (style != NULL)
            {
              const char *f = strstr ((const char *) style, "fill:");
              const char *opacity = strstr ((const char *) style, "fill-opacity:");

              if (opacity != NULL)
                fill.alpha = g_ascii_strtod (opacity + strlen ("fill-opacity:"), NULL);
              if (parse_svg_rgb (f ? f : (const char *) style, &fill) && same_color (&fill, color))
                count++;
              xmlFree (style);
            }
        }

      count += count_filled (node->children, color);
    }

  return count;
}

static void
test_export_svg (void)
{
  GtkWidget *chart = make_histogram_widget (7);
  g_autofree char *dir = g_dir_make_tmp ("kdl-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scores.svg", NULL);
  g_autoptr(GError) error = NULL;
  KdlChartStyle style;
  xmlDoc *doc;
  xmlNode *root;
  xmlChar *width, *height;

  kdl_chart_get_style (KDL_CHART (chart), &style);
  g_assert_true (kdl_chart_export_svg (KDL_CHART (chart), path, 640, 360, &error));
  g_assert_no_error (error);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  width = xmlGetProp (root, BAD_CAST "width");
  height = xmlGetProp (root, BAD_CAST "height");
  g_assert_cmpfloat (g_ascii_strtod ((const char *) width, NULL), ==, 640);
  g_assert_cmpfloat (g_ascii_strtod ((const char *) height, NULL), ==, 360);
  xmlFree (width);
  xmlFree (height);

  /* Ten bars (the count-0 bucket draws none), one unparsed bar. */
  g_assert_cmpuint (count_filled (root->children, &style.inks[KDL_CHART_INK_BAR]), ==, N_BUCKETS - 1);
  g_assert_cmpuint (count_filled (root->children, &style.inks[KDL_CHART_INK_UNPARSED]), ==, 1);
  xmlFreeDoc (doc);

  /* The threshold mutes five of them: still the same drawing code. */
  kdl_histogram_set_threshold (KDL_HISTOGRAM (chart), 20);
  kdl_histogram_set_show_threshold (KDL_HISTOGRAM (chart), TRUE);
  g_assert_true (kdl_chart_export_svg (KDL_CHART (chart), path, 640, 360, &error));
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpuint (count_filled (xmlDocGetRootElement (doc)->children, &style.inks[KDL_CHART_INK_BAR]), ==, 6);
  g_assert_cmpuint (count_filled (xmlDocGetRootElement (doc)->children, &style.inks[KDL_CHART_INK_BAR_MUTED]), ==, 4);
  xmlFreeDoc (doc);

  if (g_getenv ("KDL_KEEP_EXPORTS") == NULL)
    g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (chart);
}

static void
test_export_errors (void)
{
  GtkWidget *chart = make_histogram_widget (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/x/y/Chart.SVG");
  KdlChartFormat format;

  g_assert_false (kdl_chart_export_png (KDL_CHART (chart), "/nonexistent-kdl-dir/a.png", 100, 100, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-kdl-dir/a.png"));
  g_assert_false (g_file_test ("/nonexistent-kdl-dir", G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (kdl_chart_export_svg (KDL_CHART (chart), "/tmp/never.svg", 20000, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (kdl_chart_format_for_file (file, &format));
  g_assert_cmpint (format, ==, KDL_CHART_FORMAT_SVG);
  g_clear_object (&file);
  file = g_file_new_for_path ("/x/chart.jpeg");
  g_assert_false (kdl_chart_format_for_file (file, &format));

  g_assert_finalize_object (chart);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (kdl_chart_export_finish (KDL_CHART (object), result, error) && *error != NULL);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
test_export_async (void)
{
  g_autoptr(KdlPartsData) data = kdl_parts_data_new ();
  GtkWidget *chart = g_object_ref_sink (kdl_parts_chart_new ());
  g_autofree char *dir = g_dir_make_tmp ("kdl-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "parts.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  kdl_parts_data_add (data, "a", 1, 2);
  kdl_parts_chart_set_data (KDL_PARTS_CHART (chart), data);

  kdl_chart_export_async (KDL_CHART (chart), file, KDL_CHART_FORMAT_PNG, 300, 120, NULL, on_exported, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 300);
  cairo_surface_destroy (image);

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (chart);
}

static void
test_accessible (void)
{
  GType types[] = {
    KDL_TYPE_HISTOGRAM, KDL_TYPE_PARTS_CHART, KDL_TYPE_RUN_COMPARISON,
    KDL_TYPE_PASS_RATE, KDL_TYPE_TOKEN_CHART,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *chart = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);
      g_assert_true (gtk_widget_get_focusable (chart));
      g_assert_true (gtk_widget_get_has_tooltip (chart));
      /* Labelled even before it has data. */
      g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), !=, "");
      g_assert_finalize_object (chart);
    }

  {
    GtkWidget *chart = make_histogram_widget (7);
    guint notified = 0;

    g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==, "Score histogram: 165 scored, 7 unparsed");
    g_signal_connect (chart, "notify::summary", G_CALLBACK (on_notify), &notified);
    kdl_histogram_set_show_threshold (KDL_HISTOGRAM (chart), TRUE);
    g_assert_cmpuint (notified, ==, 1);
    g_assert_finalize_object (chart);
  }
}

static void
test_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *chart = make_histogram_widget (7);
  GtkWidget *window = present (chart, 400, 240);
  KdlChartStyle light, dark;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GdkRGBA seen;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_widget_queue_draw (chart);
  gtk_test_widget_wait_for_draw (chart);
  kdl_chart_get_style (KDL_CHART (chart), &light);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_widget_queue_draw (chart);
  gtk_test_widget_wait_for_draw (chart);
  kdl_chart_get_style (KDL_CHART (chart), &dark);

  g_assert_cmpfloat (luminance (&light.inks[KDL_CHART_INK_TEXT]), <, 0.3);
  g_assert_cmpfloat (luminance (&dark.inks[KDL_CHART_INK_TEXT]), >, 0.7);
  g_assert_cmpfloat (luminance (&light.inks[KDL_CHART_INK_BACKGROUND]), >, 0.9);
  g_assert_cmpfloat (luminance (&dark.inks[KDL_CHART_INK_BACKGROUND]), <, 0.2);
  g_assert_false (kdl_chart_style_equal (&light, &dark));

  /* An export in dark mode is drawn on the dark background. */
  bytes = kdl_chart_render (KDL_CHART (chart), KDL_CHART_FORMAT_PNG, 200, 100, &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "kdl-dark.png", NULL);
    cairo_surface_t *image;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    image = cairo_image_surface_create_from_png (path);
    pixel_at (image, 1, 1, &seen);
    assert_color (&seen, &dark.inks[KDL_CHART_INK_BACKGROUND]);
    cairo_surface_destroy (image);
    g_unlink (path);
  }

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (chart);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run it with build-aux/dev test test-charts");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/charts/needs-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/charts/histogram/scene", test_histogram_scene);
  g_test_add_func ("/charts/histogram/threshold", test_histogram_threshold);
  g_test_add_func ("/charts/histogram/empty", test_histogram_empty);
  g_test_add_func ("/charts/histogram/hit-test", test_histogram_hit);
  g_test_add_func ("/charts/histogram/activate", test_histogram_activate);
  g_test_add_func ("/charts/keys", test_keys);
  g_test_add_func ("/charts/score-threshold", test_score_threshold);
  g_test_add_func ("/charts/parts", test_parts);
  g_test_add_func ("/charts/comparison", test_comparison);
  g_test_add_func ("/charts/pass-rate", test_pass_rate);
  g_test_add_func ("/charts/tokens", test_tokens);
  g_test_add_func ("/charts/export/png", test_export_png);
  g_test_add_func ("/charts/export/svg", test_export_svg);
  g_test_add_func ("/charts/export/errors", test_export_errors);
  g_test_add_func ("/charts/export/async", test_export_async);
  g_test_add_func ("/charts/accessible", test_accessible);
  g_test_add_func ("/charts/dark", test_dark);

  return g_test_run ();
}
