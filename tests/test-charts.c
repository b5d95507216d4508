/* test-charts.c — the chart widgets: the histogram (geometry against the
 * data, hit testing, signals, the threshold), keys, accessibility, dark mode
 *
 * Needs a display: build-aux/dev test test-charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "kdl-chart-export.h"
#include "kdl-parts-chart.h"
#include "kdl-pass-rate.h"
#include "kdl-run-comparison.h"
#include "kdl-score-threshold.h"
#include "kdl-token-chart.h"
#include "kdl-test-charts.h"

static void
test_histogram_scene (void)
{
  GtkWidget *chart = chart_test_histogram (7);
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

  g_assert_null (chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, 0));  /* count 0 */
  for (guint i = 1; i < N_BUCKETS; i++)
    {
      shape = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);
      g_assert_nonnull (shape);
      chart_test_assert_rect (&shape->rect, &bars[i]);

      /* Heights in proportion to the counts 3, 6, … 30; equal widths. */
      if (per_row == 0)
        per_row = shape->rect.height / (3 * i);
      g_assert_cmpfloat_with_epsilon (shape->rect.height, per_row * 3 * i, EPS);
      g_assert_cmpfloat_with_epsilon (shape->rect.width, bars[1].width, EPS);
      g_assert_cmpfloat (shape->rect.x, >, bars[i - 1].x);
    }
  g_assert_cmpfloat_with_epsilon (bars[N_BUCKETS - 1].height, area.height, EPS);
  g_assert_cmpuint (chart_test_count_shapes (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR), ==, N_BUCKETS - 1);

  /* The unparsed bucket: its own colour, apart, labelled "Unparsed". */
  shape = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED, N_BUCKETS);
  g_assert_nonnull (shape);
  chart_test_assert_rect (&shape->rect, &unparsed);
  g_assert_cmpfloat_with_epsilon (shape->rect.height, per_row * 7, EPS);
  g_assert_cmpfloat (shape->rect.x, >, bars[N_BUCKETS - 1].x + bars[N_BUCKETS - 1].width + bars[1].width / 3);
  label = chart_test_find_text (scene, "Unparsed");
  g_assert_nonnull (label);
  g_assert_cmpfloat (label->rect.y, >=, area.y + area.height);
  g_assert_cmpfloat (label->rect.x + label->rect.width, >, slots[N_BUCKETS].x);

  /* One item per bucket and the unparsed one: the full-height slots. */
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, N_BUCKETS + 1);
  g_assert_cmpuint (kdl_chart_get_n_items (KDL_CHART (chart)), ==, N_BUCKETS + 1);
  g_assert_cmpuint (kdl_histogram_get_unparsed_item (KDL_HISTOGRAM (chart)), ==, N_BUCKETS);
  for (guint i = 0; i <= N_BUCKETS; i++)
    chart_test_assert_rect (kdl_chart_scene_get_item_rect (scene, i), &slots[i]);

  /* Axis labels: counts on the left, scores under the bars, the title. */
  g_assert_nonnull (chart_test_find_text (scene, "30"));
  g_assert_nonnull (chart_test_find_text (scene, "Score (out of 44)"));
  shape = chart_test_find_text (scene, "20");
  g_assert_nonnull (shape);
  chart_test_assert_texts_readable (scene);

  /* Narrow: labels thin out rather than overlap. */
  {
    g_autoptr(KdlChartScene) narrow = kdl_chart_create_scene (KDL_CHART (chart), 200, 160);

    chart_test_assert_texts_readable (narrow);
    g_assert_cmpuint (kdl_chart_scene_get_n_items (narrow), ==, N_BUCKETS + 1);
  }

  g_assert_finalize_object (chart);
}

static void
test_histogram_threshold (void)
{
  GtkWidget *chart = chart_test_histogram (7);
  KdlHistogram *histogram = KDL_HISTOGRAM (chart);
  g_autoptr(KdlChartScene) scene = NULL;
  g_autoptr(KdlHistogramData) update = NULL;
  const KdlChartShape *line;
  KdlChartRect area;
  guint above_notified = 0;
  double x;

  g_signal_connect (chart, "notify::rows-above", G_CALLBACK (chart_test_count_notify), &above_notified);

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
  g_assert_null (chart_test_find_shape (scene, KDL_CHART_SHAPE_LINE, KDL_CHART_INK_THRESHOLD, -1));
  g_clear_pointer (&scene, kdl_chart_scene_unref);

  kdl_histogram_set_show_threshold (histogram, TRUE);
  g_assert_nonnull (strstr (kdl_chart_get_summary (KDL_CHART (chart)), "135 at or above 20"));
  scene = kdl_chart_create_scene (KDL_CHART (chart), 600, 300);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, NULL));

  /* The line stands at the value's place on the score axis: the left
   * edge of bucket [20, 24). */
  line = chart_test_find_shape (scene, KDL_CHART_SHAPE_LINE, KDL_CHART_INK_THRESHOLD, -1);
  g_assert_nonnull (line);
  x = kdl_histogram_data_value_to_x (kdl_histogram_get_data (histogram), &area, 20);
  g_assert_cmpfloat (fabs (line->rect.x - x), <=, 0.5);
  g_assert_cmpfloat (line->rect.width, ==, 0);
  g_assert_cmpfloat_with_epsilon (fabs (kdl_chart_scene_get_item_rect (scene, 5)->x - x), 0, EPS);
  g_assert_nonnull (chart_test_find_text (scene, "≥ 20"));

  /* Buckets wholly below are muted, the others not. */
  for (guint i = 1; i < N_BUCKETS; i++)
    {
      KdlChartInk ink = i < 5 ? KDL_CHART_INK_BAR_MUTED : KDL_CHART_INK_BAR;

      g_assert_nonnull (chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, ink, i));
    }
  chart_test_assert_texts_readable (scene);

  /* A live update recounts. */
  update = chart_test_histogram_data (0);
  kdl_histogram_data_add_bucket (update, 44, 48, 10);
  kdl_histogram_set_data (histogram, update);
  g_assert_cmpuint (kdl_histogram_get_rows_above (histogram), ==, 145);
  g_assert_cmpuint (kdl_histogram_get_rows_total (histogram), ==, 175);
  g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==,
                   "Score histogram: 175 scored, 0 unparsed, 145 at or above 20");
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
  g_assert_nonnull (chart_test_find_text (scene, "No scores yet"));
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
      g_assert_cmpuint (chart_test_count_shapes (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR), ==, 0);
      g_assert_cmpuint (chart_test_count_shapes (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED), ==, 0);
      for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
        {
          const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

          g_assert_true (isfinite (shape->rect.x) && isfinite (shape->rect.y));
          g_assert_true (isfinite (shape->rect.width) && isfinite (shape->rect.height));
        }
      g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 6);
      if (size)
        g_assert_nonnull (chart_test_find_text (scene, "No scores yet"));
      g_clear_pointer (&scene, kdl_chart_scene_unref);
    }

  g_assert_finalize_object (chart);
}

static void
test_histogram_hit (void)
{
  GtkWidget *chart = chart_test_histogram (7);
  GtkWidget *window = chart_test_present (chart, 600, 300);
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
    g_autoptr(KdlHistogramData) update = chart_test_histogram_data (8);

    kdl_histogram_set_data (KDL_HISTOGRAM (chart), update);
    scene = kdl_chart_get_scene (c);
    g_assert_true (chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED, N_BUCKETS)->rect.height >
                   chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, 2)->rect.height);
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
  GtkWidget *chart = chart_test_histogram (7);
  GtkWidget *window = chart_test_present (chart, 600, 300);
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
  GtkWidget *chart = chart_test_histogram (7);
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
    GtkWidget *chart = chart_test_histogram (7);
    guint notified = 0;

    g_assert_cmpstr (kdl_chart_get_summary (KDL_CHART (chart)), ==, "Score histogram: 165 scored, 7 unparsed");
    g_signal_connect (chart, "notify::summary", G_CALLBACK (chart_test_count_notify), &notified);
    kdl_histogram_set_show_threshold (KDL_HISTOGRAM (chart), TRUE);
    g_assert_cmpuint (notified, ==, 1);
    g_assert_finalize_object (chart);
  }
}

static void
test_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *chart = chart_test_histogram (7);
  GtkWidget *window = chart_test_present (chart, 400, 240);
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

  g_assert_cmpfloat (chart_test_luminance (&light.inks[KDL_CHART_INK_TEXT]), <, 0.3);
  g_assert_cmpfloat (chart_test_luminance (&dark.inks[KDL_CHART_INK_TEXT]), >, 0.7);
  g_assert_cmpfloat (chart_test_luminance (&light.inks[KDL_CHART_INK_BACKGROUND]), >, 0.9);
  g_assert_cmpfloat (chart_test_luminance (&dark.inks[KDL_CHART_INK_BACKGROUND]), <, 0.2);
  g_assert_false (kdl_chart_style_equal (&light, &dark));

  /* An export in dark mode is drawn on the dark background. */
  bytes = kdl_chart_render (KDL_CHART (chart), KDL_CHART_FORMAT_PNG, 200, 100, &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "kdl-dark.png", NULL);
    cairo_surface_t *image;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    image = cairo_image_surface_create_from_png (path);
    chart_test_pixel_at (image, 1, 1, &seen);
    chart_test_assert_color (&seen, &dark.inks[KDL_CHART_INK_BACKGROUND]);
    cairo_surface_destroy (image);
    g_unlink (path);
  }

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (chart);
}

int
main (int   argc,
      char *argv[])
{
  if (!chart_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/charts/histogram/scene", test_histogram_scene);
  g_test_add_func ("/charts/histogram/threshold", test_histogram_threshold);
  g_test_add_func ("/charts/histogram/empty", test_histogram_empty);
  g_test_add_func ("/charts/histogram/hit-test", test_histogram_hit);
  g_test_add_func ("/charts/histogram/activate", test_histogram_activate);
  g_test_add_func ("/charts/keys", test_keys);
  g_test_add_func ("/charts/score-threshold", test_score_threshold);
  g_test_add_func ("/charts/accessible", test_accessible);
  g_test_add_func ("/charts/dark", test_dark);

  return g_test_run ();
}
