/* demo-charts.c — every chart with sample data in one window
 *
 *   demo-charts [--dark] [--seconds N] [--focus N]
 *
 * --focus N puts the keyboard focus on the histogram's Nth bucket.
 * For a look at the charts (and a screenshot under Xvfb).  Set
 * KDL_LOCALEDIR to the build's po folder to see the translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdl-histogram.h"
#include "kdl-parts-chart.h"
#include "kdl-pass-rate.h"
#include "kdl-run-comparison.h"
#include "kdl-score-threshold.h"
#include "kdl-token-chart.h"

/* A judge scoring out of 44: ten buckets of 4.4, as the store makes them. */
static KdlHistogramData *
sample_histogram (const guint counts[10],
                  guint       unparsed)
{
  KdlHistogramData *data = kdl_histogram_data_new (44);

  for (guint k = 0; k < 10; k++)
    kdl_histogram_data_add_bucket (data, k * 4.4, k == 9 ? 44 : (k + 1) * 4.4, counts[k]);
  kdl_histogram_data_set_unparsed (data, unparsed);

  return data;
}

static GtkWidget *
card (const char *title,
      GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_vexpand (child, TRUE);
  gtk_widget_set_hexpand (child, TRUE);
  gtk_box_append (GTK_BOX (box), child);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 8);

  return box;
}

static gboolean
quit_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  static const guint run_a[10] = { 1, 0, 2, 3, 5, 9, 16, 28, 35, 21 };
  static const guint run_b[10] = { 0, 2, 4, 9, 14, 22, 25, 18, 9, 3 };
  static const guint run_c[10] = { 3, 6, 12, 20, 25, 19, 10, 5, 2, 0 };
  g_autoptr(KdlHistogramData) histogram = sample_histogram (run_a, 6);
  g_autoptr(KdlHistogramData) histogram_b = sample_histogram (run_b, 2);
  g_autoptr(KdlHistogramData) histogram_c = sample_histogram (run_c, 11);
  g_autoptr(KdlPartsData) parts = kdl_parts_data_new ();
  g_autoptr(KdlComparisonData) comparison = kdl_comparison_data_new (44);
  g_autoptr(KdlTokenData) tokens = kdl_token_data_new ();
  GtkWidget *window, *grid, *chart, *threshold, *box;
  gboolean dark = FALSE;
  int seconds = 0;
  int focus = -1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDL_LOCALEDIR") ? g_getenv ("KDL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dark"))
        dark = TRUE;
      else if (g_str_equal (argv[i], "--seconds") && i + 1 < argc)
        seconds = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--focus") && i + 1 < argc)
        focus = atoi (argv[++i]);
    }

  gtk_init ();
  adw_init ();
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  kdl_parts_data_add (parts, "题干质量", 8.2, 10);
  kdl_parts_data_add (parts, "选项设计", 7.1, 10);
  kdl_parts_data_add (parts, "答案正确", 9.3, 10);
  kdl_parts_data_add (parts, "难度匹配 (difficulty)", 5.8, 8);
  kdl_parts_data_add (parts, "格式规范", 3.6, 6);

  kdl_comparison_data_add_histogram (comparison, "模板 A · rebuild", histogram, 33.9, 35.1);
  kdl_comparison_data_add_histogram (comparison, "模板 B · expand", histogram_b, NAN, NAN);
  kdl_comparison_data_add_histogram (comparison, "zero-shot", histogram_c, NAN, NAN);

  kdl_token_data_add (tokens, "rebuild", 412000, 138000);
  kdl_token_data_add (tokens, "expand", 380000, 201000);
  kdl_token_data_add (tokens, "judge", 520000, 40000);
  kdl_token_data_add (tokens, "zero-shot", 150000, 96000);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Kindling charts");
  gtk_window_set_default_size (GTK_WINDOW (window), 1260, 780);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);

  chart = kdl_histogram_new ();
  kdl_histogram_set_data (KDL_HISTOGRAM (chart), histogram);
  kdl_histogram_set_threshold (KDL_HISTOGRAM (chart), 30.8);
  threshold = kdl_score_threshold_new (KDL_HISTOGRAM (chart));
  gtk_widget_set_margin_start (threshold, 12);
  gtk_widget_set_margin_end (threshold, 12);
  gtk_widget_set_margin_bottom (threshold, 8);
  box = card ("Scores", chart);
  gtk_box_append (GTK_BOX (box), threshold);
  gtk_grid_attach (GTK_GRID (grid), box, 0, 0, 2, 1);

  chart = kdl_parts_chart_new ();
  kdl_parts_chart_set_data (KDL_PARTS_CHART (chart), parts);
  gtk_grid_attach (GTK_GRID (grid), card ("Rubric parts", chart), 2, 0, 1, 1);

  chart = kdl_run_comparison_new ();
  kdl_run_comparison_set_data (KDL_RUN_COMPARISON (chart), comparison);
  gtk_grid_attach (GTK_GRID (grid), card ("Runs", chart), 0, 1, 1, 1);

  chart = kdl_pass_rate_new ();
  kdl_pass_rate_set_counts (KDL_PASS_RATE (chart), 183, 200);
  gtk_grid_attach (GTK_GRID (grid), card ("Structure check", chart), 1, 1, 1, 1);

  chart = kdl_token_chart_new ();
  kdl_token_chart_set_data (KDL_TOKEN_CHART (chart), tokens);
  gtk_grid_attach (GTK_GRID (grid), card ("Tokens", chart), 2, 1, 1, 1);

  gtk_window_set_child (GTK_WINDOW (window), grid);
  gtk_window_present (GTK_WINDOW (window));

  if (focus >= 0)
    {
      GtkWidget *scores = GTK_WIDGET (kdl_score_threshold_get_histogram (KDL_SCORE_THRESHOLD (threshold)));

      gtk_widget_grab_focus (scores);
      gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
      kdl_chart_set_focus_item (KDL_CHART (scores), focus);
    }

  if (seconds > 0)
    g_timeout_add_seconds (seconds, quit_cb, window);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
