/* test-scores-view.c — the Scores view on fixture projects: charts
 * against hand-computed figures and the store's, bar geometry, bucket
 * clicks, chart files, live updates during a run, re-judging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "kdl-credential-store.h"
#include "kdl-scores-view.h"
#include "kdl-session.h"
#include "kdl-spark-provider.h"
#include "kdl-template.h"
#include "kdl-test-export.h"
#include "kdl-test-gui.h"
#include "kdl-test-scores.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"
#include "kdl-workspace.h"

#include "kdl-parts-chart.h"
#include "kdl-pass-rate.h"
#include "kdl-run-comparison.h"
#include "kdl-token-chart.h"

/* The fixture's judge scores by [row − 1][variant] (kdl-test-export.h);
 * −1: none. */
static const double scores[KDL_TEST_EXPORT_ROWS][KDL_TEST_EXPORT_VARIANTS] = {
  { 90, 60 }, { 85, 70 }, { 40, -1 }, { 95, -1 }, { 80, 10 }, { 75, 88 },
};

typedef struct
{
  GSettings          *settings;
  KdlCredentialStore *credentials;
  KdlSession         *session;
  KdlWorkspace       *workspace;
  KdlScoresView      *view;
  GtkWidget          *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = kdl_test_settings_new_reset ();
  g_settings_set_string (fixture->settings, "model-preset", "simulator");
  fixture->credentials = kdl_credential_store_new ("test-scores-view");
  fixture->session = kdl_session_new (fixture->settings, fixture->credentials);
  fixture->workspace = kdl_workspace_new (fixture->session);
  fixture->view = KDL_SCORES_VIEW (kdl_scores_view_new ());
  fixture->window = kdl_test_scores_window (GTK_WIDGET (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kdl_test_wait_not_busy (fixture->view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kdl_test_spin (50);
  g_clear_object (&fixture->workspace);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->settings);
}

static void
show (Fixture  *fixture,
      KdlStore *store,
      gint64    run_id)
{
  kdl_workspace_set_current_run (fixture->workspace, run_id);
  kdl_workspace_set_store (fixture->workspace, store);
  kdl_scores_view_set_workspace (fixture->view, fixture->workspace);
  kdl_test_wait_not_busy (fixture->view);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_cmpint (kdl_scores_view_get_run (fixture->view), ==, run_id);
}

static void
update (KdlStore           *store,
        KdlStoreItemUpdate *change)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdl_store_update_item (store, change, &error));
  g_assert_no_error (error);
}

/* Tokens on rows 1–2 and rubric parts on two judge replies. */
static void
add_usage_and_parts (KdlTestExportProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (project->store, &error);

  for (guint row = 1; row <= 2; row++)
    {
      g_autoptr(KdlStoreItem) gen = kdl_store_reader_get_item (reader, project->gen_ids[row][0], &error);
      KdlStoreItemUpdate usage = { 0 };

      g_assert_no_error (error);
      usage.item_id = gen->id;
      usage.fields = KDL_STORE_ITEM_ADD_USAGE;
      usage.prompt_tokens = 1000;
      usage.completion_tokens = 400;
      usage.total_tokens = 1400;
      update (project->store, &usage);

      usage.item_id = gen->partner_id;
      usage.prompt_tokens = 300;
      usage.completion_tokens = 50;
      usage.total_tokens = 350;
      update (project->store, &usage);

      /* Parts: 题干 8 and 6 (mean 7), 选项 6 and 9 (mean 7.5). */
      {
        KdlStoreItemUpdate parts = { 0 };

        parts.item_id = gen->partner_id;
        parts.fields = KDL_STORE_ITEM_SET_SCORE;
        parts.has_score = TRUE;
        parts.score = scores[row - 1][0];
        parts.parts_json = row == 1 ? "{\"题干\":8,\"选项\":6}" : "{\"题干\":6,\"选项\":9}";
        update (project->store, &parts);
      }
    }
}

static KdlStoreRunStats *
read_stats (const char *path,
            gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_reader_open (path, &error);
  KdlStoreRunStats *stats;

  g_assert_no_error (error);
  stats = kdl_store_reader_get_run_stats (reader, run_id, &error);
  g_assert_no_error (error);

  return stats;
}

static const KdlChartShape *
find_bar (KdlChartScene *scene,
          int            item)
{
  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == KDL_CHART_SHAPE_RECT && shape->item == item &&
          (shape->ink == KDL_CHART_INK_BAR || shape->ink == KDL_CHART_INK_BAR_MUTED))
        return shape;
    }

  return NULL;
}

/* Every chart of the view against the fixture's figures, by hand and as
 * the store computes them; bar heights are counts on the count axis. */
static void
test_charts (Fixture       *fixture,
             gconstpointer  data)
{
  static const guint hand[10] = { 0, 1, 0, 0, 1, 0, 1, 2, 3, 2 };
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autoptr(KdlStoreRunStats) stats = NULL;
  KdlHistogram *histogram = kdl_scores_view_get_histogram (fixture->view);
  KdlHistogramData *data_hist;
  KdlChartScene *scene;
  KdlChartRect area;
  double value_max;
  KdlPartsData *parts;
  KdlTokenData *tokens;
  KdlComparisonData *comparison;
  const KdlRunSummary *summary;
  KdlPassRate *pass_rate;

  add_usage_and_parts (project);
  show (fixture, project->store, project->run);
  stats = read_stats (project->path, project->run);

  data_hist = kdl_histogram_get_data (histogram);
  g_assert_nonnull (data_hist);
  g_assert_cmpuint (kdl_histogram_data_get_n_buckets (data_hist), ==, 10);
  g_assert_cmpuint (stats->histogram->len, ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      const KdlChartBucket *bucket = kdl_histogram_data_get_bucket (data_hist, k);

      g_assert_cmpuint (bucket->count, ==, hand[k]);
      g_assert_cmpuint (bucket->count, ==, g_array_index (stats->histogram, KdlStoreBucket, k).count);
      g_assert_cmpfloat (bucket->from, ==, 10.0 * k);
    }
  g_assert_cmpuint (kdl_histogram_data_get_unparsed (data_hist), ==, 0);

  /* Geometry: each bar stands on the axis, its height the count's share
   * of the axis maximum. */
  scene = kdl_chart_get_scene (KDL_CHART (histogram));
  g_assert_nonnull (scene);
  g_assert_true (kdl_chart_scene_get_plot (scene, &area, &value_max));
  g_assert_cmpfloat (value_max, >=, 3);
  for (guint k = 0; k < 10; k++)
    {
      const KdlChartShape *bar = find_bar (scene, k);
      double expected = hand[k] / value_max * area.height;

      /* An empty bucket draws nothing. */
      if (hand[k] == 0)
        {
          g_assert_null (bar);
          continue;
        }
      g_assert_nonnull (bar);
      g_assert_cmpfloat_with_epsilon (bar->rect.height, expected, 0.51);
      g_assert_cmpfloat_with_epsilon (bar->rect.y + bar->rect.height, area.y + area.height, 0.51);
    }
  /* The tallest is 80–90 (three), twice 70–80 (two)… */
  g_assert_cmpfloat_with_epsilon (find_bar (scene, 8)->rect.height, 1.5 * find_bar (scene, 7)->rect.height, 1.01);

  /* The threshold starts at 80: rows at or above are 80–90 and 90–100. */
  g_assert_cmpfloat (kdl_histogram_get_threshold (histogram), ==, 80);
  g_assert_cmpuint (kdl_histogram_get_rows_above (histogram), ==, 5);

  /* Structure check: 11 samples checked (4/1 failed before), 8 passed. */
  pass_rate = KDL_PASS_RATE (kdl_chart_card_get_chart (kdl_scores_view_get_card (fixture->view, "pass-rate")));
  g_assert_cmpuint (kdl_pass_rate_get_total (pass_rate), ==, 11);
  g_assert_cmpuint (kdl_pass_rate_get_passed (pass_rate), ==, 8);
  g_assert_cmpuint (stats->checked, ==, 11);
  g_assert_cmpuint (stats->check_passed, ==, 8);

  parts = kdl_parts_chart_get_data (KDL_PARTS_CHART (kdl_chart_card_get_chart (kdl_scores_view_get_card (fixture->view, "parts"))));
  g_assert_nonnull (parts);
  g_assert_cmpuint (kdl_parts_data_get_n_parts (parts), ==, 2);
  g_assert_cmpstr (kdl_parts_data_get_name (parts, 0), ==, "题干");
  g_assert_cmpfloat_with_epsilon (kdl_parts_data_get_mean (parts, 0), 7, 1e-9);
  g_assert_cmpstr (kdl_parts_data_get_name (parts, 1), ==, "选项");
  g_assert_cmpfloat_with_epsilon (kdl_parts_data_get_mean (parts, 1), 7.5, 1e-9);

  tokens = kdl_token_chart_get_data (KDL_TOKEN_CHART (kdl_chart_card_get_chart (kdl_scores_view_get_card (fixture->view, "tokens"))));
  g_assert_nonnull (tokens);
  g_assert_cmpuint (kdl_token_data_get_n_entries (tokens), ==, 2);
  g_assert_cmpint (kdl_token_data_get_prompt (tokens, 0), ==, 2000);
  g_assert_cmpint (kdl_token_data_get_completion (tokens, 0), ==, 800);
  g_assert_cmpint (kdl_token_data_get_prompt (tokens, 1), ==, 600);
  g_assert_cmpint (kdl_token_data_get_completion (tokens, 1), ==, 100);

  /* The run and the re-judging run side by side, exact figures:
   * 10 40 60 70 75 80 85 88 90 95 → q1 62.5, median 77.5, q3 87.25. */
  comparison = kdl_run_comparison_get_data (KDL_RUN_COMPARISON (kdl_chart_card_get_chart (kdl_scores_view_get_card (fixture->view, "comparison"))));
  g_assert_nonnull (comparison);
  g_assert_cmpuint (kdl_comparison_data_get_n_runs (comparison), ==, 2);
  summary = kdl_comparison_data_get_run (comparison, 0);
  g_assert_cmpstr (summary->label, ==, "Run 1 · rebuild + judge");
  g_assert_cmpuint (summary->n, ==, 10);
  g_assert_cmpfloat_with_epsilon (summary->mean, 69.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->median, 77.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->q1, 62.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->q3, 87.25, 1e-9);
  g_assert_cmpfloat (summary->min, ==, 10);
  g_assert_cmpfloat (summary->max, ==, 95);
  summary = kdl_comparison_data_get_run (comparison, 1);
  g_assert_cmpstr (summary->label, ==, "Run 2 · judge");
  g_assert_cmpuint (summary->n, ==, 10);
  g_assert_cmpfloat (summary->min, ==, 30);
  g_assert_cmpfloat (summary->max, ==, 99);
}

/* Clicking a bar lists exactly the samples the store counted in it. */
static void
test_bucket_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  KdlHistogram *histogram = kdl_scores_view_get_histogram (fixture->view);
  KdlReviewPane *pane = kdl_scores_view_get_review_pane (fixture->view);

  show (fixture, project->store, project->run);

  for (guint k = 0; k < 10; k++)
    {
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
      GArray *listed;

      for (guint row = 1; row <= KDL_TEST_EXPORT_ROWS; row++)
        for (guint variant = 0; variant < KDL_TEST_EXPORT_VARIANTS; variant++)
          {
            double score = scores[row - 1][variant];

            if (score >= 0 && MIN ((guint)(score / 10), 9u) == k)
              g_array_append_val (expected, project->gen_ids[row][variant]);
          }

      kdl_scores_view_set_page (fixture->view, "charts");
      kdl_chart_activate_item (KDL_CHART (histogram), k);
      kdl_test_wait_not_busy (fixture->view);
      g_assert_cmpstr (kdl_scores_view_get_page (fixture->view), ==, "review");

      listed = kdl_review_list_model_get_ids (kdl_review_pane_get_model (pane));
      g_test_message ("bucket %u: %u samples", k, listed->len);
      g_assert_cmpuint (listed->len, ==, kdl_histogram_data_get_bucket (kdl_histogram_get_data (histogram), k)->count);
      kdl_test_assert_ids (listed, expected);
    }
}

static gboolean
read_png (const char *path,
          int        *width,
          int        *height,
          guint      *n_colours)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  const guint8 *pixels;
  int stride;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }

  *width = cairo_image_surface_get_width (image);
  *height = cairo_image_surface_get_height (image);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < *height; y += 4)
    for (int x = 0; x < *width; x += 4)
      g_hash_table_add (colours, GUINT_TO_POINTER (*(const guint32 *)(gconstpointer)(pixels + y * stride + 4 * x)));
  *n_colours = g_hash_table_size (colours);
  cairo_surface_destroy (image);

  return TRUE;
}

static void
on_svg_element (GMarkupParseContext  *context,
                const char           *name,
                const char          **attribute_names,
                const char          **attribute_values,
                gpointer              user_data,
                GError              **error)
{
  guint *n = user_data;

  if (*n == 0)
    g_assert_cmpstr (name, ==, "svg");
  (*n)++;
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdl_chart_card_export_finish (KDL_CHART_CARD (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* Every chart of the view as a PNG and an SVG file that parse. */
static void
test_export_charts (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *cards[] = { "histogram", "parts", "pass-rate", "tokens", "comparison" };
  g_autoptr(KdlTestExportProject) project = kdl_test_export_project_new ();
  g_autofree char *dir = kdl_test_export_fresh_dir ("charts");

  add_usage_and_parts (project);
  show (fixture, project->store, project->run);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      KdlChartCard *card = kdl_scores_view_get_card (fixture->view, cards[i]);
      GtkWidget *chart = GTK_WIDGET (kdl_chart_card_get_chart (card));
      g_autofree char *png_name = g_strdup_printf ("%s.png", cards[i]);
      g_autofree char *svg_name = g_strdup_printf ("%s.svg", cards[i]);
      g_autofree char *png = g_build_filename (dir, png_name, NULL);
      g_autofree char *svg = g_build_filename (dir, svg_name, NULL);
      g_autoptr(GFile) png_file = g_file_new_for_path (png);
      g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
      g_autoptr(GMarkupParseContext) parser = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      GMarkupParser handlers = { on_svg_element, NULL, NULL, NULL, NULL };
      gboolean png_done = FALSE, svg_done = FALSE;
      guint n_elements = 0, n_colours = 0;
      int width = 0, height = 0;
      gsize length;

      kdl_chart_card_export_async (card, png_file, KDL_CHART_FORMAT_PNG, NULL, on_exported, &png_done);
      kdl_chart_card_export_async (card, svg_file, KDL_CHART_FORMAT_SVG, NULL, on_exported, &svg_done);
      kdl_test_wait_until (is_true, &png_done, 10000);
      kdl_test_wait_until (is_true, &svg_done, 10000);

      g_assert_true (read_png (png, &width, &height, &n_colours));
      g_test_message ("%s: %d × %d, %u colours", cards[i], width, height, n_colours);
      g_assert_cmpint (width, ==, MAX (gtk_widget_get_width (chart), 640));
      g_assert_cmpint (height, ==, MAX (gtk_widget_get_height (chart), 400));
      /* Something was drawn: background, bars, text. */
      g_assert_cmpuint (n_colours, >, 3);

      g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (contents, "<svg"));
      parser = g_markup_parse_context_new (&handlers, 0, &n_elements, NULL);
      g_assert_true (g_markup_parse_context_parse (parser, contents, length, &error));
      g_assert_true (g_markup_parse_context_end_parse (parser, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_elements, >, 5);
    }
}

/* A generate + judge run with the built-in templates (the simulator
 * judges what asks for 总分), over the export fixture's six rows. */
static gint64
add_builtin_run (KdlStore *store,
                 guint     n_variants)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlTemplate) rebuild = kdl_template_new_builtin ("rebuild", "zh", &error);
  g_autoptr(KdlTemplate) judge = kdl_template_new_builtin ("judge", "zh", &error);
  g_autofree char *rebuild_text = kdl_template_to_text (rebuild);
  g_autofree char *judge_text = kdl_template_to_text (judge);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  KdlStoreRunSpec spec = { 0 };
  gint64 run_id;

  spec.dataset_id = kdl_test_export_add_dataset (store, "builtin");
  spec.generate_template_id = kdl_store_add_template_version (store, "rebuild", KDL_STORE_STAGE_GENERATE,
                                                              rebuild_text, &error);
  g_assert_no_error (error);
  spec.judge_template_id = kdl_store_add_template_version (store, "judge", KDL_STORE_STAGE_JUDGE,
                                                           judge_text, &error);
  g_assert_no_error (error);
  spec.score_max = kdl_template_get_score_max (judge);
  run_id = kdl_store_create_run (store, &spec, &error);
  g_assert_no_error (error);

  for (guint row = 1; row <= KDL_TEST_EXPORT_ROWS; row++)
    for (guint variant = 0; variant < n_variants; variant++)
      {
        KdlStoreItemSpec item = { row, variant, TRUE, TRUE, 0 };
        g_array_append_val (items, item);
      }
  g_assert_true (kdl_store_add_items (store, run_id, (KdlStoreItemSpec *)(gpointer)items->data, items->len, &error));
  g_assert_no_error (error);

  return run_id;
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kdl_runner_run_finish (KDL_RUNNER (object), result, &error), ==, KDL_STORE_RUN_DONE);
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* While the workspace's runner works on the run shown, the charts and
 * the review list follow without anyone asking. */
static void
test_live_updates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("live");
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kdl_spark_sim_get_url (sim, "max");
  g_autoptr(KdlSparkEndpoint) endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, &error);
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlRunner) runner = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  KdlHistogram *histogram = kdl_scores_view_get_histogram (fixture->view);
  KdlReviewPane *pane = kdl_scores_view_get_review_pane (fixture->view);
  KdlRunOptions options;
  gboolean done = FALSE;
  guint updates = 0;
  gint64 run_id = add_builtin_run (store, 3);

  g_assert_no_error (error);
  show (fixture, store, run_id);
  g_assert_cmpuint (kdl_histogram_get_rows_total (histogram), ==, 0);
  g_signal_connect (histogram, "notify::data", G_CALLBACK (count_notify), &updates);

  /* Slow enough that the run lasts several refresh intervals. */
  kdl_spark_sim_set_latency (sim, 300, 20);
  provider = kdl_spark_provider_new (endpoint);
  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_run_options_init (&options);
  options.concurrency = 2;
  runner = kdl_runner_new (store, run_id, KDL_LLM_PROVIDER (provider), KDL_LLM_PROVIDER (provider), &options);
  kdl_workspace_set_runner (fixture->workspace, runner);
  kdl_runner_run_async (runner, NULL, on_run_done, &done);
  kdl_test_wait_until (is_true, &done, 60000);
  kdl_test_wait_not_busy (fixture->view);

  stats = read_stats (kdl_store_get_path (store), run_id);
  g_test_message ("%u updates of the histogram; %u scored", updates, stats->scored);
  g_assert_cmpuint (stats->scored, ==, KDL_TEST_EXPORT_ROWS * 3);
  g_assert_cmpuint (kdl_histogram_get_rows_total (histogram), ==, stats->scored + stats->unparsed);
  /* Read while running, not only once at the end. */
  g_assert_cmpuint (updates, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdl_review_pane_get_model (pane))), ==,
                    KDL_TEST_EXPORT_ROWS * 3);

  kdl_workspace_set_runner (fixture->workspace, NULL);
}

static gboolean
rejudged (gpointer data)
{
  Fixture *fixture = data;
  KdlRunner *runner = kdl_workspace_get_runner (fixture->workspace);

  return kdl_workspace_get_current_run (fixture->workspace) > 1 && runner == NULL;
}

/* "Re-judge" the unparsed bucket: a judge-only run over those rows with
 * the run's judge text, started at once, and shown when it is done. */
static void
test_rejudge (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("rejudge");
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(KdlStoreRun) original = NULL;
  g_autoptr(KdlStoreRun) rerun = NULL;
  g_autoptr(KdlStoreTemplate) judge_before = NULL;
  g_autoptr(KdlStoreTemplate) judge_after = NULL;
  g_autoptr(KdlStoreRunStats) stats = NULL;
  g_autoptr(GArray) judged = NULL;
  KdlStoreItemQuery query;
  gint64 run_id = add_builtin_run (store, 1);
  gint64 new_run;

  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);

  /* Rows 4 and 5: the judge's reply had no score. */
  for (guint row = 1; row <= KDL_TEST_EXPORT_ROWS; row++)
    {
      g_autofree char *output = kdl_test_export_expected_output (row, 0);
      KdlStoreItemUpdate gen = { 0 }, judge = { 0 };

      gen.item_id = kdl_test_store_find_ref (refs, row, 0, KDL_STORE_STAGE_GENERATE)->id;
      gen.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_CHECK;
      gen.state = KDL_STORE_ITEM_DONE;
      gen.output = output;
      gen.check_ok = TRUE;
      update (store, &gen);

      judge.item_id = kdl_test_store_find_ref (refs, row, 0, KDL_STORE_STAGE_JUDGE)->id;
      judge.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_SCORE;
      judge.state = KDL_STORE_ITEM_DONE;
      judge.output = row == 4 || row == 5 ? "总分:XX分" : "总分:30分";
      judge.has_score = !(row == 4 || row == 5);
      judge.score = 30;
      judge.unparsed_reason = judge.has_score ? NULL : "placeholder-only";
      update (store, &judge);
    }

  show (fixture, store, run_id);
  g_assert_cmpuint (kdl_histogram_data_get_unparsed (kdl_histogram_get_data (kdl_scores_view_get_histogram (fixture->view))), ==, 2);

  /* The unparsed bar lists those two. */
  kdl_chart_activate_item (KDL_CHART (kdl_scores_view_get_histogram (fixture->view)),
                           kdl_histogram_get_unparsed_item (kdl_scores_view_get_histogram (fixture->view)));
  kdl_test_wait_not_busy (fixture->view);
  g_assert_cmpuint (kdl_review_list_model_get_ids (kdl_review_pane_get_model (kdl_scores_view_get_review_pane (fixture->view)))->len, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "scores.rejudge", NULL));
  g_free (kdl_test_respond ("rejudge"));
  kdl_test_wait_until (rejudged, fixture, 60000);
  kdl_test_wait_not_busy (fixture->view);

  new_run = kdl_workspace_get_current_run (fixture->workspace);
  g_assert_cmpint (kdl_scores_view_get_run (fixture->view), ==, new_run);

  original = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_no_error (error);
  rerun = kdl_store_reader_get_run (reader, new_run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rerun->parent_run_id, ==, run_id);
  g_assert_cmpint (rerun->generate_template_id, ==, 0);
  judge_before = kdl_store_reader_get_template (reader, original->judge_template_id, &error);
  judge_after = kdl_store_reader_get_template (reader, rerun->judge_template_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (judge_after->sha256, ==, judge_before->sha256);

  /* Exactly rows 4 and 5, judging the texts of the first run, scored. */
  kdl_store_item_query_init (&query, new_run);
  judged = kdl_store_reader_query_items (reader, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (judged->len, ==, 2);
  for (guint i = 0; i < judged->len; i++)
    {
      g_autoptr(KdlStoreItem) item = kdl_store_reader_get_item (reader, g_array_index (judged, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (item->row, ==, 4 + i);
      g_assert_cmpint (item->stage, ==, KDL_STORE_STAGE_JUDGE);
      g_assert_cmpint (item->source_item_id, ==, kdl_test_store_find_ref (refs, item->row, 0, KDL_STORE_STAGE_GENERATE)->id);
      g_assert_true (item->has_score);
    }

  stats = read_stats (kdl_store_get_path (store), new_run);
  g_assert_cmpuint (stats->scored, ==, 2);
  g_assert_cmpuint (stats->unparsed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_scores_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scores/charts", test_charts);
  ADD ("/scores/bucket-filters", test_bucket_filters);
  ADD ("/scores/export-charts", test_export_charts);
  ADD ("/scores/live-updates", test_live_updates);
  ADD ("/scores/rejudge", test_rejudge);
#undef ADD

  return g_test_run ();
}
