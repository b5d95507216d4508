/* test-chart-kinds.c — the rubric parts, run comparison, pass rate and
 * token charts: geometry against the data, hit testing, what they say
 *
 * Needs a display: build-aux/dev test test-chart-kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-parts-chart.h"
#include "kdl-pass-rate.h"
#include "kdl-run-comparison.h"
#include "kdl-token-chart.h"
#include "kdl-test-charts.h"

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
      const KdlChartShape *bar = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);
      const KdlChartShape *track = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_TRACK, i);
      const KdlChartShape *name = chart_test_find_text (scene, kdl_parts_data_get_name (data, i));
      const KdlChartRect *item = kdl_chart_scene_get_item_rect (scene, i);

      g_assert_nonnull (bar);
      chart_test_assert_rect (&bar->rect, &bars[i]);
      if (i < 2)
        chart_test_assert_rect (&track->rect, &tracks[i]);
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
  g_assert_nonnull (chart_test_find_text (scene, "8 / 10"));
  g_assert_nonnull (chart_test_find_text (scene, "3"));
  chart_test_assert_texts_readable (scene);

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
      const KdlChartShape *box = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BOX, i);
      const KdlChartShape *mean = chart_test_find_shape (scene, KDL_CHART_SHAPE_DIAMOND, KDL_CHART_INK_SECOND, i);

      g_assert_nonnull (box);
      chart_test_assert_rect (&box->rect, &boxes[i].box);
      g_assert_nonnull (mean);
      g_assert_cmpfloat_with_epsilon (mean->rect.y + mean->rect.height / 2, boxes[i].y_mean, EPS);
      g_assert_cmpfloat_with_epsilon (mean->rect.x + mean->rect.width / 2, boxes[i].x, EPS);
      chart_test_assert_rect (kdl_chart_scene_get_item_rect (scene, i), &boxes[i].column);
    }
  /* Side by side: A left of B; A's box higher (better scores). */
  g_assert_cmpfloat (boxes[0].x, <, boxes[1].x);
  g_assert_cmpfloat (boxes[0].box.y, <, boxes[1].box.y);
  g_assert_cmpfloat_with_epsilon (boxes[0].box.height / area.height, 10.0 / 40, EPS);
  /* The empty run: no box, a note, still an item. */
  g_assert_null (chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BOX, 2));
  g_assert_nonnull (chart_test_find_text (scene, "No scores"));
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 3);
  g_assert_nonnull (chart_test_find_text (scene, "n = 100"));
  chart_test_assert_texts_readable (scene);

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
  g_assert_nonnull (chart_test_find_shape (scene, KDL_CHART_SHAPE_SECTOR, KDL_CHART_INK_TRACK, -1));
  g_assert_nonnull (chart_test_find_text (scene, "No checks yet"));
  g_assert_cmpuint (kdl_chart_scene_get_n_items (scene), ==, 0);
  g_clear_pointer (&scene, kdl_chart_scene_unref);

  kdl_pass_rate_set_counts (rate, 93, 100);
  g_assert_cmpfloat_with_epsilon (kdl_pass_rate_get_fraction (rate), 0.93, EPS);
  scene = kdl_chart_create_scene (KDL_CHART (chart), 240, 220);
  passed = chart_test_find_shape (scene, KDL_CHART_SHAPE_SECTOR, KDL_CHART_INK_PASS, 0);
  failed = chart_test_find_shape (scene, KDL_CHART_SHAPE_SECTOR, KDL_CHART_INK_FAIL, 1);
  g_assert_nonnull (passed);
  g_assert_nonnull (failed);
  g_assert_cmpfloat (passed->angle_from, ==, 0);
  g_assert_cmpfloat_with_epsilon (passed->angle_to, 2 * G_PI * 0.93, EPS);
  g_assert_cmpfloat_with_epsilon (failed->angle_from, passed->angle_to, EPS);
  g_assert_cmpfloat_with_epsilon (failed->angle_to, 2 * G_PI, EPS);
  g_assert_cmpfloat (passed->inner_radius, >, 0);
  g_assert_cmpfloat (passed->inner_radius, <, passed->radius);
  g_assert_nonnull (chart_test_find_text (scene, "93%"));
  g_assert_nonnull (chart_test_find_text (scene, "93 of 100 passed the structure check"));
  chart_test_assert_texts_readable (scene);

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
      const KdlChartShape *p = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);
      const KdlChartShape *c = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_SECOND, i);

      g_assert_nonnull (p);
      g_assert_nonnull (c);
      chart_test_assert_rect (&p->rect, &prompt[i]);
      chart_test_assert_rect (&c->rect, &completion[i]);
      g_assert_cmpfloat_with_epsilon (c->rect.y + c->rect.height, p->rect.y, EPS);
      g_assert_cmpfloat_with_epsilon (p->rect.height / area.height,
                                      kdl_token_data_get_prompt (data, i) / top, EPS);
      chart_test_assert_rect (kdl_chart_scene_get_item_rect (scene, i), &columns[i]);
      g_assert_nonnull (chart_test_find_text (scene, kdl_token_data_get_label (data, i)));
    }
  g_assert_nonnull (chart_test_find_text (scene, "600k"));
  g_assert_nonnull (chart_test_find_text (scene, "Prompt"));
  g_assert_nonnull (chart_test_find_text (scene, "Completion"));
  chart_test_assert_texts_readable (scene);

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
    g_assert_nonnull (chart_test_find_text (dense, "10:00"));
    g_assert_null (chart_test_find_text (dense, "10:01"));
    chart_test_assert_texts_readable (dense);
  }

  g_assert_finalize_object (chart);
}

int
main (int   argc,
      char *argv[])
{
  if (!chart_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/charts/parts", test_parts);
  g_test_add_func ("/charts/comparison", test_comparison);
  g_test_add_func ("/charts/pass-rate", test_pass_rate);
  g_test_add_func ("/charts/tokens", test_tokens);

  return g_test_run ();
}
