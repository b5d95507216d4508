/* test-chart-data.c — the charts' data and layout, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-comparison-data.h"
#include "kdl-histogram-data.h"
#include "kdl-parts-data.h"
#include "kdl-token-data.h"

#define N_BUCKETS 11
#define EPS       1e-9

/* Eleven 4-point buckets over [0, 44] with counts 0, 3, 6, … 30. */
static KdlHistogramData *
make_histogram (guint unparsed)
{
  KdlHistogramData *data = kdl_histogram_data_new (44);

  /* Added backwards: the data keeps them sorted. */
  for (int k = N_BUCKETS - 1; k >= 0; k--)
    kdl_histogram_data_add_bucket (data, 4 * k, 4 * (k + 1), 3 * k);
  kdl_histogram_data_set_unparsed (data, unparsed);

  return data;
}

static void
test_axis_max (void)
{
  double step;

  g_assert_cmpfloat (kdl_chart_axis_max (0, 4, TRUE, &step), ==, 1);
  g_assert_cmpfloat (step, ==, 1);
  g_assert_cmpfloat (kdl_chart_axis_max (NAN, 4, TRUE, &step), ==, 1);
  g_assert_cmpfloat (kdl_chart_axis_max (-3, 4, FALSE, &step), ==, 1);

  g_assert_cmpfloat (kdl_chart_axis_max (30, 4, TRUE, &step), ==, 30);
  g_assert_cmpfloat (step, ==, 10);
  g_assert_cmpfloat (kdl_chart_axis_max (7, 4, TRUE, &step), ==, 8);
  g_assert_cmpfloat (step, ==, 2);
  g_assert_cmpfloat (kdl_chart_axis_max (9, 4, TRUE, &step), ==, 10);
  g_assert_cmpfloat (step, ==, 2);
  /* Counts never get a step of 2.5 or 0.5. */
  g_assert_cmpfloat (kdl_chart_axis_max (11, 4, TRUE, &step), ==, 15);
  g_assert_cmpfloat (step, ==, 5);
  g_assert_cmpfloat (kdl_chart_axis_max (2, 4, TRUE, &step), ==, 2);
  g_assert_cmpfloat (step, ==, 1);
  g_assert_cmpfloat (kdl_chart_axis_max (44, 4, FALSE, &step), ==, 50);
  g_assert_cmpfloat (step, ==, 10);
  g_assert_cmpfloat_with_epsilon (kdl_chart_axis_max (0.3, 3, FALSE, &step), 0.3, EPS);
  g_assert_cmpfloat_with_epsilon (step, 0.1, EPS);
  g_assert_cmpfloat (kdl_chart_axis_max (120000, 4, TRUE, &step), ==, 125000);
  g_assert_cmpfloat (step, ==, 25000);
  g_assert_cmpfloat (kdl_chart_axis_max (0.4, 4, TRUE, &step), ==, 1);
  g_assert_cmpfloat (step, ==, 1);
}

static void
test_format (void)
{
  const struct { double value; const char *text; } values[] = {
    { 38, "38" }, { 38.5, "38.5" }, { 4.4, "4.4" }, { -0.0, "0" },
    { 1.0 / 3, "0.33" }, { 30.8, "30.8" }, { 1e-12, "0" }, { NAN, "–" },
  };
  const struct { double value; const char *text; } compact[] = {
    { 950, "950" }, { 12000, "12k" }, { 1500000, "1.5M" }, { 2.5e9, "2.5G" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = kdl_chart_format_value (values[i].value);

      g_assert_cmpstr (text, ==, values[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (compact); i++)
    {
      g_autofree char *text = kdl_chart_format_compact (compact[i].value);

      g_assert_cmpstr (text, ==, compact[i].text);
    }
}

static void
test_histogram_figures (void)
{
  g_autoptr(KdlHistogramData) data = make_histogram (7);

  g_assert_cmpuint (kdl_histogram_data_get_n_buckets (data), ==, N_BUCKETS);
  for (guint i = 0; i < N_BUCKETS; i++)
    {
      const KdlChartBucket *b = kdl_histogram_data_get_bucket (data, i);

      g_assert_cmpfloat (b->from, ==, 4 * i);
      g_assert_cmpfloat (b->to, ==, 4 * (i + 1));
      g_assert_cmpuint (b->count, ==, 3 * i);
    }

  g_assert_cmpuint (kdl_histogram_data_get_scored (data), ==, 165);
  g_assert_cmpuint (kdl_histogram_data_get_unparsed (data), ==, 7);
  g_assert_cmpuint (kdl_histogram_data_get_max_count (data), ==, 30);
  g_assert_cmpfloat (kdl_histogram_data_get_range_from (data), ==, 0);
  g_assert_cmpfloat (kdl_histogram_data_get_range_to (data), ==, 44);
  g_assert_false (kdl_histogram_data_is_integral (data));

  /* Whole buckets at or above the threshold: 5 … 10 → 3 × 45. */
  g_assert_cmpuint (kdl_histogram_data_count_at_least (data, 20), ==, 135);
  g_assert_cmpuint (kdl_histogram_data_count_at_least (data, 0), ==, 165);
  g_assert_cmpuint (kdl_histogram_data_count_at_least (data, 44), ==, 0);
  /* A straddled bucket is not counted. */
  g_assert_cmpuint (kdl_histogram_data_count_at_least (data, 21), ==, 135 - 15);

  g_assert_cmpfloat (kdl_histogram_data_snap (data, 21.9), ==, 20);
  g_assert_cmpfloat (kdl_histogram_data_snap (data, 22.1), ==, 24);
  g_assert_cmpfloat (kdl_histogram_data_snap (data, 100), ==, 44);
  g_assert_cmpfloat (kdl_histogram_data_snap (data, -5), ==, 0);

  /* The unparsed count shares the scale. */
  kdl_histogram_data_set_unparsed (data, 40);
  g_assert_cmpuint (kdl_histogram_data_get_max_count (data), ==, 40);
}

static void
test_histogram_quantiles (void)
{
  g_autoptr(KdlHistogramData) points = kdl_histogram_data_new (5);
  g_autoptr(KdlHistogramData) spread = kdl_histogram_data_new (10);
  g_autoptr(KdlHistogramData) empty = kdl_histogram_data_new (10);

  /* Scores 1, 2, 2, 3, 3, 3 in one-point buckets. */
  kdl_histogram_data_add_bucket (points, 0, 1, 0);
  kdl_histogram_data_add_bucket (points, 1, 2, 1);
  kdl_histogram_data_add_bucket (points, 2, 3, 2);
  kdl_histogram_data_add_bucket (points, 3, 4, 3);
  g_assert_true (kdl_histogram_data_is_integral (points));
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (points, 0), ==, 1);
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (points, 1), ==, 3);
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (points, 0.5), ==, 2.5);
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (points, 0.25), ==, 2);
  g_assert_cmpfloat_with_epsilon (kdl_histogram_data_estimate_mean (points), 14.0 / 6, EPS);

  /* Two scores spread over [0, 10): at 2.5 and 7.5. */
  kdl_histogram_data_add_bucket (spread, 0, 10, 2);
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (spread, 0), ==, 2.5);
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (spread, 1), ==, 7.5);
  g_assert_cmpfloat (kdl_histogram_data_estimate_quantile (spread, 0.5), ==, 5);

  g_assert_true (isnan (kdl_histogram_data_estimate_quantile (empty, 0.5)));
  g_assert_true (isnan (kdl_histogram_data_estimate_mean (empty)));
}

static void
test_histogram_layout (void)
{
  g_autoptr(KdlHistogramData) data = make_histogram (7);
  const KdlChartRect area = { 10, 20, 310, 200 };
  KdlChartRect bars[N_BUCKETS], slots[N_BUCKETS + 1], unparsed;
  double count_max = 40;

  kdl_histogram_data_layout (data, &area, count_max, 2, bars, &unparsed, slots);

  for (guint i = 0; i < N_BUCKETS; i++)
    {
      /* Heights in proportion to the counts, on the area's bottom. */
      g_assert_cmpfloat_with_epsilon (bars[i].height, 3 * i / count_max * area.height, EPS);
      g_assert_cmpfloat_with_epsilon (bars[i].y + bars[i].height, area.y + area.height, EPS);
      /* Equal widths, a 2 px gap, ordered left to right inside the area. */
      g_assert_cmpfloat_with_epsilon (bars[i].width, bars[0].width, EPS);
      g_assert_cmpfloat_with_epsilon (bars[i].x, slots[i].x + 1, EPS);
      g_assert_cmpfloat_with_epsilon (slots[i].width, bars[i].width + 2, EPS);
      g_assert_cmpfloat (bars[i].x, >=, area.x);
      if (i > 0)
        {
          g_assert_cmpfloat (bars[i].x, >, bars[i - 1].x + bars[i - 1].width);
          g_assert_cmpfloat_with_epsilon (slots[i].x, slots[i - 1].x + slots[i - 1].width, EPS);
        }
      g_assert_cmpfloat (slots[i].y, ==, area.y);
      g_assert_cmpfloat (slots[i].height, ==, area.height);
      /* A bucket's left edge is where its score lies on the axis. */
      g_assert_cmpfloat_with_epsilon (kdl_histogram_data_value_to_x (data, &area, 4 * i), slots[i].x, EPS);
    }

  /* The unparsed bar: apart (a half-bucket gap), as wide, same scale. */
  g_assert_cmpfloat_with_epsilon (unparsed.width, bars[0].width, EPS);
  g_assert_cmpfloat_with_epsilon (unparsed.height, 7 / count_max * area.height, EPS);
  g_assert_cmpfloat_with_epsilon (unparsed.x - (bars[N_BUCKETS - 1].x + bars[N_BUCKETS - 1].width),
                                  2 + slots[0].width / 2, EPS);
  g_assert_cmpfloat_with_epsilon (unparsed.x + unparsed.width + 1, area.x + area.width, EPS);
  g_assert_cmpfloat_with_epsilon (slots[N_BUCKETS].x, unparsed.x - 1, EPS);

  /* Scores outside the range are clamped to the bars' span. */
  g_assert_cmpfloat (kdl_histogram_data_value_to_x (data, &area, -3), ==, area.x);
  g_assert_cmpfloat_with_epsilon (kdl_histogram_data_value_to_x (data, &area, 99),
                                  slots[N_BUCKETS - 1].x + slots[N_BUCKETS - 1].width, EPS);
}

static void
test_histogram_zero (void)
{
  g_autoptr(KdlHistogramData) zeros = kdl_histogram_data_new (10);
  g_autoptr(KdlHistogramData) empty = kdl_histogram_data_new (0);
  const KdlChartRect area = { 0, 0, 100, 50 };
  KdlChartRect bars[5], slots[6], unparsed;

  for (guint k = 0; k < 5; k++)
    kdl_histogram_data_add_bucket (zeros, 2 * k, 2 * k + 2, 0);
  g_assert_cmpuint (kdl_histogram_data_get_max_count (zeros), ==, 0);

  /* Both an axis of 0 and the axis a zero count gets: nothing tall, nothing NAN. */
  for (guint round = 0; round < 2; round++)
    {
      double top = round == 0 ? 0 : kdl_chart_axis_max (0, 4, TRUE, NULL);

      kdl_histogram_data_layout (zeros, &area, top, 2, bars, &unparsed, slots);
      for (guint i = 0; i < 5; i++)
        {
          g_assert_cmpfloat (bars[i].height, ==, 0);
          g_assert_true (isfinite (bars[i].x) && isfinite (bars[i].y) && isfinite (bars[i].width));
        }
      g_assert_cmpfloat (unparsed.height, ==, 0);
    }

  /* No buckets at all (no scale): only the unparsed bar, inside the area. */
  kdl_histogram_data_set_unparsed (empty, 4);
  g_assert_cmpfloat (kdl_histogram_data_get_range_to (empty), ==, 1);
  kdl_histogram_data_layout (empty, &area, 4, 2, NULL, &unparsed, slots);
  g_assert_cmpfloat_with_epsilon (unparsed.height, area.height, EPS);
  g_assert_cmpfloat (unparsed.x, >=, area.x);
  g_assert_cmpfloat (unparsed.x + unparsed.width, <=, area.x + area.width);
  g_assert_cmpuint (kdl_histogram_data_count_at_least (empty, 0), ==, 0);
}

static void
test_parts_layout (void)
{
  g_autoptr(KdlPartsData) data = kdl_parts_data_new ();
  const KdlChartRect area = { 50, 10, 200, 90 };
  KdlChartRect tracks[4], bars[4];

  kdl_parts_data_add (data, "题干准确性", 8, 10);
  kdl_parts_data_add (data, "Options", 15, 20);
  kdl_parts_data_add (data, "No max", 3, 0);
  kdl_parts_data_add (data, "Over", 25, 20);
  g_assert_cmpuint (kdl_parts_data_get_n_parts (data), ==, 4);
  g_assert_cmpstr (kdl_parts_data_get_name (data, 0), ==, "题干准确性");
  g_assert_cmpfloat (kdl_parts_data_get_scale_max (data), ==, 20);

  kdl_parts_data_layout (data, &area, 100, tracks, bars);

  /* One shared scale: 20 points are the whole width. */
  g_assert_cmpfloat_with_epsilon (tracks[0].width, 100, EPS);
  g_assert_cmpfloat_with_epsilon (bars[0].width, 80, EPS);
  g_assert_cmpfloat_with_epsilon (tracks[1].width, 200, EPS);
  g_assert_cmpfloat_with_epsilon (bars[1].width, 150, EPS);
  g_assert_cmpfloat (tracks[2].width, ==, 0);
  g_assert_cmpfloat_with_epsilon (bars[2].width, 30, EPS);
  /* A mean above the scale is clamped, never drawn outside. */
  g_assert_cmpfloat_with_epsilon (bars[3].width, 200, EPS);

  for (guint i = 0; i < 4; i++)
    {
      double row = area.height / 4;

      g_assert_cmpfloat (bars[i].x, ==, area.x);
      g_assert_cmpfloat_with_epsilon (bars[i].height, row * 0.6, EPS);
      g_assert_cmpfloat_with_epsilon (bars[i].y + bars[i].height / 2, area.y + (i + 0.5) * row, EPS);
      g_assert_cmpfloat (tracks[i].y, ==, bars[i].y);
    }

  /* The thickness cap. */
  kdl_parts_data_layout (data, &area, 5, tracks, bars);
  g_assert_cmpfloat (bars[0].height, ==, 5);
}

static void
test_comparison_layout (void)
{
  g_autoptr(KdlComparisonData) data = kdl_comparison_data_new (40);
  g_autoptr(KdlHistogramData) histogram = kdl_histogram_data_new (4);
  const KdlRunSummary a = { (char *) "模板 A", 100, 30, 31, 25, 35, 10, 40 };
  const KdlRunSummary none = { (char *) "empty", 0, NAN, NAN, NAN, NAN, NAN, NAN };
  const KdlChartRect area = { 40, 10, 300, 200 };
  const KdlRunSummary *b;
  KdlBoxGeometry boxes[3];

  kdl_histogram_data_add_bucket (histogram, 1, 2, 1);
  kdl_histogram_data_add_bucket (histogram, 2, 3, 2);
  kdl_histogram_data_add_bucket (histogram, 3, 4, 3);

  kdl_comparison_data_add (data, &a);
  kdl_comparison_data_add_histogram (data, "B", histogram, NAN, NAN);
  kdl_comparison_data_add (data, &none);
  g_assert_cmpuint (kdl_comparison_data_get_n_runs (data), ==, 3);
  g_assert_cmpfloat (kdl_comparison_data_get_value_max (data), ==, 40);

  b = kdl_comparison_data_get_run (data, 1);
  g_assert_cmpstr (b->label, ==, "B");
  g_assert_cmpuint (b->n, ==, 6);
  g_assert_cmpfloat (b->min, ==, 1);
  g_assert_cmpfloat (b->max, ==, 3);
  g_assert_cmpfloat (b->median, ==, 2.5);
  g_assert_cmpfloat (b->q1, ==, 2);
  g_assert_cmpfloat (b->q3, ==, 3);
  g_assert_cmpfloat_with_epsilon (b->mean, 14.0 / 6, EPS);

  kdl_comparison_data_layout (data, &area, 56, boxes);

  /* Run A: y = bottom − value / 40 × height. */
  g_assert_cmpfloat_with_epsilon (boxes[0].box.y, 210 - 35.0 / 40 * 200, EPS);
  g_assert_cmpfloat_with_epsilon (boxes[0].box.height, 10.0 / 40 * 200, EPS);
  g_assert_cmpfloat_with_epsilon (boxes[0].y_median, 210 - 31.0 / 40 * 200, EPS);
  g_assert_cmpfloat_with_epsilon (boxes[0].y_mean, 210 - 30.0 / 40 * 200, EPS);
  g_assert_cmpfloat_with_epsilon (boxes[0].y_min, 210 - 10.0 / 40 * 200, EPS);
  g_assert_cmpfloat_with_epsilon (boxes[0].y_max, 10, EPS);
  g_assert_cmpfloat (boxes[0].box.width, ==, 50);  /* half the 100 px slot */
  g_assert_cmpfloat (boxes[0].x, ==, 90);

  /* Side by side, in order, each centred in its slot. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (boxes[i].column.x, area.x + i * 100, EPS);
      g_assert_cmpfloat_with_epsilon (boxes[i].x, boxes[i].column.x + 50, EPS);
      g_assert_cmpfloat_with_epsilon (boxes[i].box.x + boxes[i].box.width / 2, boxes[i].x, EPS);
    }

  /* A run without scores draws nothing but is still a column. */
  g_assert_true (isnan (boxes[2].y_median));
  g_assert_true (isnan (boxes[2].box.y));
  g_assert_cmpfloat (boxes[2].column.width, ==, 100);

  /* Without a score maximum the largest figure tops the axis. */
  {
    g_autoptr(KdlComparisonData) open = kdl_comparison_data_new (0);

    kdl_comparison_data_add (open, &a);
    g_assert_cmpfloat (kdl_comparison_data_get_value_max (open), ==, 40);
    kdl_comparison_data_add (open, &none);
    g_assert_cmpfloat (kdl_comparison_data_get_value_max (open), ==, 40);
  }
}

static void
test_token_layout (void)
{
  g_autoptr(KdlTokenData) data = kdl_token_data_new ();
  const KdlChartRect area = { 0, 0, 400, 100 };
  KdlChartRect prompt[3], completion[3], columns[3];

  kdl_token_data_add (data, "run 1", 6000, 2000);
  kdl_token_data_add (data, "run 2", 3000, 7000);
  kdl_token_data_add (data, "run 3", -5, 0);
  g_assert_cmpint (kdl_token_data_get_max_total (data), ==, 10000);
  g_assert_cmpint (kdl_token_data_get_total (data, 0), ==, 8000);
  g_assert_cmpint (kdl_token_data_get_prompt (data, 2), ==, 0);

  kdl_token_data_layout (data, &area, 10000, 48, prompt, completion, columns);

  for (guint i = 0; i < 3; i++)
    {
      double p = kdl_token_data_get_prompt (data, i) / 10000.0 * area.height;
      double c = kdl_token_data_get_completion (data, i) / 10000.0 * area.height;

      g_assert_cmpfloat_with_epsilon (prompt[i].height, p, EPS);
      g_assert_cmpfloat_with_epsilon (completion[i].height, c, EPS);
      /* Prompt on the bottom, completion stacked right on it. */
      g_assert_cmpfloat_with_epsilon (prompt[i].y + prompt[i].height, 100, EPS);
      g_assert_cmpfloat_with_epsilon (completion[i].y + completion[i].height, prompt[i].y, EPS);
      g_assert_cmpfloat (completion[i].x, ==, prompt[i].x);
      g_assert_cmpfloat (prompt[i].width, ==, 48);
      g_assert_cmpfloat_with_epsilon (columns[i].x + columns[i].width / 2, prompt[i].x + 24, EPS);
    }
  g_assert_cmpfloat (columns[1].x, >, columns[0].x);

  /* A zero axis: nothing tall, nothing NAN. */
  kdl_token_data_layout (data, &area, 0, 48, prompt, completion, NULL);
  g_assert_cmpfloat (prompt[0].height, ==, 0);
  g_assert_cmpfloat (completion[1].height, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-data/axis-max", test_axis_max);
  g_test_add_func ("/chart-data/format", test_format);
  g_test_add_func ("/chart-data/histogram/figures", test_histogram_figures);
  g_test_add_func ("/chart-data/histogram/quantiles", test_histogram_quantiles);
  g_test_add_func ("/chart-data/histogram/layout", test_histogram_layout);
  g_test_add_func ("/chart-data/histogram/zero", test_histogram_zero);
  g_test_add_func ("/chart-data/parts/layout", test_parts_layout);
  g_test_add_func ("/chart-data/comparison/layout", test_comparison_layout);
  g_test_add_func ("/chart-data/tokens/layout", test_token_layout);

  return g_test_run ();
}
