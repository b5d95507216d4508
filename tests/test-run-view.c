/* test-run-view.c — the Run view, in process, against the session's simulator
 *
 * A run started from the form streams into the grid (a tile's text grows),
 * pauses (no new calls reach the simulator), resumes and ends with scores
 * in the item list and an item's detail; a run the server refuses stops
 * with one banner (Preferences and Resume) and resumes once the keys are
 * right; item failures are counted by kind, not announced one by one; the
 * item list stays lazy over thousands of items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "kdl-run-estimate.h"
#include "kdl-run-view.h"
#include "kdl-session.h"
#include "kdl-test-gui.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"
#include "kdl-workspace.h"

#define N_ROWS 10

typedef struct
{
  GSettings          *settings;
  KdlCredentialStore *credentials;
  KdlSession         *session;
  KdlSparkSim        *sim;
  KdlStore           *store;
  KdlDataset         *dataset;
  KdlWorkspace       *workspace;
  GtkWindow          *window;
  KdlRunView         *view;
  guint               runs_changed;
  guint               runner_set;
  gint64              waited_run;
} Fixture;

static char *profile;

static void
on_runs_changed (KdlWorkspace *workspace,
                 Fixture      *fixture)
{
  fixture->runs_changed++;
}

static void
on_runner_notify (KdlWorkspace *workspace,
                  GParamSpec   *pspec,
                  Fixture      *fixture)
{
  if (kdl_workspace_get_runner (workspace) != NULL)
    fixture->runner_set++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(GError) error = NULL;

  fixture->settings = kdl_test_settings_new_reset ();
  g_settings_set_string (fixture->settings, "model-preset", "simulator");
  fixture->credentials = kdl_credential_store_new (profile);
  fixture->session = kdl_session_new (fixture->settings, fixture->credentials);

  /* The session's own simulator, made quicker: a call takes ~0.6 s and
   * streams in 12 pieces, long enough to be seen growing. */
  fixture->sim = g_object_ref (kdl_session_ensure_simulator (fixture->session, &error));
  g_assert_no_error (error);
  kdl_spark_sim_set_latency (fixture->sim, 100, 40);
  kdl_spark_sim_set_frames (fixture->sim, 12);

  fixture->store = kdl_test_store_new ("run-view");
  fixture->dataset = kdl_test_load (path, NULL);
  fixture->workspace = kdl_workspace_new (fixture->session);
  kdl_workspace_set_store (fixture->workspace, fixture->store);
  kdl_workspace_set_dataset (fixture->workspace, fixture->dataset);
  g_signal_connect (fixture->workspace, "runs-changed", G_CALLBACK (on_runs_changed), fixture);
  g_signal_connect (fixture->workspace, "notify::runner", G_CALLBACK (on_runner_notify), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->view = KDL_RUN_VIEW (kdl_run_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  g_object_ref (fixture->view);
  kdl_run_view_set_workspace (fixture->view, fixture->workspace);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static gboolean
view_idle (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_view_get_runner (fixture->view) == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kdl_test_wait_until (view_idle, fixture, 20000);
  gtk_window_destroy (fixture->window);
  /* Workers reading for the view finish and let go of it. */
  kdl_test_wait_until (kdl_test_only_ref, fixture->view, 10000);
  g_assert_finalize_object (fixture->view);
  g_signal_handlers_disconnect_by_data (fixture->workspace, fixture);
  /* Under load a worker may still hold it for a moment; a leak times out. */
  kdl_test_wait_until (kdl_test_only_ref, fixture->workspace, 10000);
  g_assert_finalize_object (fixture->workspace);
  g_clear_object (&fixture->dataset);
  kdl_store_flush_sync (fixture->store, NULL);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->sim);
  kdl_test_wait_until (kdl_test_only_ref, fixture->session, 10000);
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->settings);
}

static gboolean
has_estimate (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_setup_get_estimate (kdl_run_view_get_setup (fixture->view)) != NULL;
}

static gboolean
has_runner (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_view_get_runner (fixture->view) != NULL;
}

/* A tile holding a call whose answer has started. */
static KdlStreamTile *
streaming_tile (Fixture *fixture)
{
  KdlStreamGrid *grid = kdl_run_view_get_grid (fixture->view);

  for (guint i = 0; i < kdl_stream_grid_get_n_tiles (grid); i++)
    {
      KdlStreamTile *tile = kdl_stream_grid_get_tile (grid, i);

      if (kdl_stream_tile_get_active (tile) && kdl_stream_tile_get_received (tile) > 0)
        return tile;
    }

  return NULL;
}

static gboolean
some_tile_streams (gpointer data)
{
  return streaming_tile (data) != NULL;
}

typedef struct
{
  KdlStreamTile *tile;
  gint64         item_id;
  gsize          received;
} Growth;

static gboolean
tile_grew (gpointer data)
{
  Growth *growth = data;

  /* The same call, more text. */
  return kdl_stream_tile_get_item_id (growth->tile) == growth->item_id &&
         kdl_stream_tile_get_received (growth->tile) > growth->received;
}

static gboolean
runner_paused (gpointer data)
{
  Fixture *fixture = data;
  KdlRunner *runner = kdl_run_view_get_runner (fixture->view);

  return runner != NULL && kdl_runner_get_progress (runner)->state == KDL_STORE_RUN_PAUSED;
}

static gboolean
list_ready (gpointer data)
{
  KdlItemListModel *model = data;

  if (kdl_item_list_model_get_busy (model))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(KdlItemObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (!kdl_item_object_get_loaded (item))
        return FALSE;
    }

  return g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gboolean
model_idle (gpointer data)
{
  return !kdl_item_list_model_get_busy (data);
}

static gboolean
setup_offers_run (gpointer data)
{
  Fixture *fixture = data;

  /* The list of runs knows it: it was read after the run ended. */
  return kdl_run_list_get_n_runs (kdl_run_view_get_run_list (fixture->view)) > 0 &&
         !kdl_run_list_is_resumable (kdl_run_view_get_run_list (fixture->view), fixture->waited_run);
}

static gboolean
detail_loaded (gpointer data)
{
  return kdl_item_detail_get_loaded (data);
}

static gboolean
summary_final (gpointer data)
{
  Fixture *fixture = data;
  const char *summary = kdl_run_view_get_summary (fixture->view);

  return summary != NULL && strstr (summary, "samples:") != NULL;
}

static KdlStoreRun *
read_run (Fixture *fixture,
          gint64   run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (fixture->store, &error);
  KdlStoreRun *run;

  g_assert_no_error (error);
  run = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_no_error (error);

  return run;
}

/* The estimate follows the form: rows × samples × stages. */
static void
test_estimate (Fixture       *fixture,
               gconstpointer  data)
{
  KdlRunSetup *setup = kdl_run_view_get_setup (fixture->view);
  const KdlRunEstimate *estimate;

  kdl_test_wait_until (has_estimate, fixture, 10000);
  estimate = kdl_run_setup_get_estimate (setup);
  g_assert_cmpuint (estimate->rows, ==, N_ROWS);
  g_assert_cmpuint (estimate->calls, ==, N_ROWS * 2);
  g_assert_cmpint (estimate->prompt_tokens, >, N_ROWS * 2 * 100);
  g_assert_cmpfloat (estimate->seconds, >, 0);

  kdl_run_setup_set_limits (setup, 4, 0, 3);
  kdl_test_wait_until (has_estimate, fixture, 10000);
  estimate = kdl_run_setup_get_estimate (setup);
  g_assert_cmpuint (estimate->calls, ==, N_ROWS * 3 * 2);
  g_assert_cmpfloat (estimate->seconds, ==,
                     kdl_run_estimate_seconds (estimate->calls, 4, 0, estimate->seconds_per_call));

  /* Generate only: one stage. */
  g_assert_true (kdl_run_setup_set_templates (setup, "expand", NULL));
  kdl_test_wait_until (has_estimate, fixture, 10000);
  g_assert_cmpuint (kdl_run_setup_get_estimate (setup)->calls, ==, N_ROWS * 3);

  /* The rows picked in the Dataset view. */
  {
    g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));
    guint positions[] = { 1, 4, 7 };

    g_array_append_vals (picked, positions, G_N_ELEMENTS (positions));
    kdl_workspace_set_selection (fixture->workspace, picked);
    kdl_run_setup_set_source (setup, KDL_RUN_SOURCE_SELECTION, 0);
    kdl_test_wait_until (has_estimate, fixture, 10000);
    g_assert_cmpuint (kdl_run_setup_get_estimate (setup)->rows, ==, 3);
    g_assert_cmpuint (kdl_run_setup_get_estimate (setup)->calls, ==, 3 * 3);
  }

  /* The token count: Chinese by characters, English by words. */
  g_assert_cmpuint (kdl_run_estimate_tokens ("一二三四五六"), ==, 4);
  g_assert_cmpuint (kdl_run_estimate_tokens ("four short English words"), ==, 5);
  g_assert_cmpuint (kdl_run_estimate_tokens (""), ==, 0);
  g_assert_cmpfloat (kdl_run_estimate_seconds (100, 10, 0, 2.0), ==, 20.0);
  g_assert_cmpfloat (kdl_run_estimate_seconds (100, 10, 1.0, 2.0), ==, 100.0);
}

/* Start, watch the streams, pause, resume, and read the scores. */
/* Taken out of its window (the window closed), the view stops its run:
 * no call keeps spending tokens with nothing on screen. */
static void
test_closing_stops_run (Fixture       *fixture,
                        gconstpointer  data)
{
  KdlRunSetup *setup = kdl_run_view_get_setup (fixture->view);
  g_autoptr(KdlStoreRun) run = NULL;
  KdlSparkSimStats before, after;
  gint64 run_id;

  kdl_test_wait_until (has_estimate, fixture, 10000);
  kdl_run_setup_set_limits (setup, 2, 0, 1);
  g_assert_true (kdl_run_setup_set_templates (setup, "rebuild", "judge"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.start", NULL));
  kdl_test_wait_until (has_runner, fixture, 20000);
  run_id = kdl_runner_get_run_id (kdl_run_view_get_runner (fixture->view));
  kdl_test_wait_until (some_tile_streams, fixture, 20000);

  gtk_window_set_child (fixture->window, NULL);
  kdl_test_wait_until (view_idle, fixture, 20000);
  kdl_spark_sim_get_stats (fixture->sim, &before);
  kdl_test_spin (800);
  kdl_spark_sim_get_stats (fixture->sim, &after);
  g_assert_cmpuint (after.requests, ==, before.requests);

  run = read_run (fixture, run_id);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_STOPPED);
  g_assert_cmpstr (run->stop_code, ==, "cancelled");
  g_assert_cmpuint (run->done, <, N_ROWS);
}

static void
test_run_pause_resume (Fixture       *fixture,
                       gconstpointer  data)
{
  KdlRunSetup *setup = kdl_run_view_get_setup (fixture->view);
  KdlItemList *list = kdl_run_view_get_item_list (fixture->view);
  KdlItemListModel *model = kdl_item_list_get_model (list);
  KdlItemDetail *detail = kdl_run_view_get_item_detail (fixture->view);
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(KdlStoreRun) rejudge = NULL;
  gint64 rejudge_id;
  KdlSparkSimStats before, after;
  KdlRunner *runner;
  Growth growth;
  gint64 run_id;
  guint scored = 0;

  kdl_test_wait_until (has_estimate, fixture, 10000);
  kdl_run_setup_set_limits (setup, 4, 0, 1);
  g_assert_true (kdl_run_setup_set_templates (setup, "rebuild", "judge"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.start", NULL));
  kdl_test_wait_until (has_runner, fixture, 20000);
  runner = kdl_run_view_get_runner (fixture->view);
  run_id = kdl_runner_get_run_id (runner);
  g_assert_cmpint (run_id, >, 0);
  g_assert_cmpint (kdl_run_view_get_run_id (fixture->view), ==, run_id);
  g_assert_true (kdl_workspace_get_runner (fixture->workspace) == runner);
  g_assert_cmpint (kdl_workspace_get_current_run (fixture->workspace), ==, run_id);
  g_assert_cmpuint (fixture->runs_changed, >=, 1);
  g_assert_cmpuint (kdl_stream_grid_get_n_tiles (kdl_run_view_get_grid (fixture->view)), ==, 4);

  /* A tile's text grows as its answer streams in. */
  kdl_test_wait_until (some_tile_streams, fixture, 20000);
  growth.tile = streaming_tile (fixture);
  growth.item_id = kdl_stream_tile_get_item_id (growth.tile);
  growth.received = kdl_stream_tile_get_received (growth.tile);
  kdl_test_wait_until (tile_grew, &growth, 10000);
  g_test_message ("tile %s: %zu → %zu bytes", kdl_stream_tile_get_title (growth.tile), growth.received,
                  kdl_stream_tile_get_received (growth.tile));
  {
    g_autofree char *shown = kdl_stream_tile_dup_text (growth.tile);

    /* What the tile shows is the answer's tail, within the caps. */
    g_assert_cmpuint (strlen (shown), >, 0);
    g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, KDL_STREAM_TILE_MAX_CHARS);
  }

  /* Pause: the calls in flight finish, then nothing new is asked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.pause", NULL));
  g_assert_true (kdl_runner_is_paused (runner));
  kdl_test_wait_until (runner_paused, fixture, 20000);
  g_assert_cmpuint (kdl_runner_get_progress (runner)->in_flight, ==, 0);
  kdl_spark_sim_get_stats (fixture->sim, &before);
  kdl_test_spin (1200);
  kdl_spark_sim_get_stats (fixture->sim, &after);
  g_assert_cmpuint (after.requests, ==, before.requests);
  g_assert_cmpuint (kdl_runner_get_progress (runner)->items_done, <, N_ROWS * 2);
  run = read_run (fixture, run_id);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_PAUSED);
  g_clear_pointer (&run, kdl_store_run_free);

  /* Resume, to the end. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.resume", NULL));
  g_assert_false (kdl_runner_is_paused (runner));
  kdl_test_wait_until (view_idle, fixture, 60000);
  kdl_spark_sim_get_stats (fixture->sim, &after);
  g_assert_cmpuint (after.requests, >, before.requests);
  g_assert_null (kdl_workspace_get_runner (fixture->workspace));
  g_assert_cmpuint (fixture->runner_set, ==, 1);

  run = read_run (fixture, run_id);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_DONE);
  g_assert_cmpuint (run->done, ==, N_ROWS);

  /* The item list: every item, the judges' scores. */
  kdl_test_wait_until (list_ready, model, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS * 2);
  for (guint i = 0; i < N_ROWS * 2; i++)
    {
      g_autoptr(KdlItemObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (kdl_item_object_get_state (item), ==, KDL_STORE_ITEM_DONE);
      if (kdl_item_object_get_has_score (item))
        {
          scored++;
          g_assert_cmpstr (kdl_item_object_get_score_label (item), !=, "");
        }
    }
  /* Both stages of a sample show its score. */
  g_assert_cmpuint (scored, ==, N_ROWS * 2);

  kdl_test_wait_until (summary_final, fixture, 10000);
  g_test_message ("summary: %s", kdl_run_view_get_summary (fixture->view));
  g_assert_nonnull (strstr (kdl_run_view_get_summary (fixture->view), "10 samples: 10 done, 0 failed"));
  g_assert_null (kdl_run_view_get_banner (fixture->view));

  /* Filters ask the project again. */
  kdl_item_list_set_filter (list, 1 << KDL_STORE_ITEM_FAILED);
  kdl_test_wait_until (model_idle, model, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  kdl_item_list_set_filter (list, 1 << KDL_STORE_ITEM_DONE);
  kdl_test_wait_until (list_ready, model, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS * 2);

  /* An item's detail: prompt, output, judge reply, score of score_max. */
  kdl_item_list_select (list, 0);
  kdl_test_wait_until (detail_loaded, detail, 10000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (detail)));
  g_test_message ("detail score: %s", kdl_item_detail_get_score_text (detail));
  g_assert_nonnull (strstr (kdl_item_detail_get_score_text (detail), " / "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.close-item", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (detail)));

  /* Judge the run again, with another model for the judge. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.new-run", NULL));
  g_assert_cmpint (kdl_run_view_get_run_id (fixture->view), ==, 0);
  fixture->waited_run = run_id;
  kdl_test_wait_until (setup_offers_run, fixture, 10000);
  kdl_run_setup_set_source (setup, KDL_RUN_SOURCE_RUN, run_id);
  g_assert_true (kdl_run_setup_set_templates (setup, NULL, "judge"));
  g_assert_true (kdl_run_setup_set_judge_preset (setup, "lite"));
  kdl_test_wait_until (has_estimate, fixture, 10000);
  g_assert_cmpuint (kdl_run_setup_get_estimate (setup)->calls, ==, N_ROWS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.start", NULL));
  kdl_test_wait_until (has_runner, fixture, 20000);
  rejudge_id = kdl_runner_get_run_id (kdl_run_view_get_runner (fixture->view));
  g_assert_cmpint (rejudge_id, >, run_id);
  kdl_test_wait_until (view_idle, fixture, 60000);
  rejudge = read_run (fixture, rejudge_id);
  g_assert_cmpint (rejudge->state, ==, KDL_STORE_RUN_DONE);
  g_assert_cmpint (rejudge->parent_run_id, ==, run_id);
  g_assert_cmpuint (rejudge->done, ==, N_ROWS);
  g_assert_nonnull (strstr (rejudge->provider_json, "\"lite\""));
  kdl_test_wait_until (list_ready, model, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(KdlItemObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (kdl_item_object_get_stage (item), ==, KDL_STORE_STAGE_JUDGE);
      g_assert_true (kdl_item_object_get_has_score (item));
    }
}

static gboolean
has_banner (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_view_get_runner (fixture->view) == NULL && kdl_run_view_get_banner (fixture->view) != NULL;
}

static gboolean
listed_resumable (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_list_is_resumable (kdl_run_view_get_run_list (fixture->view), fixture->waited_run);
}

static gboolean
run_done (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_view_get_runner (fixture->view) == NULL && summary_final (data) &&
         strstr (kdl_run_view_get_summary (fixture->view), "3 samples: 3 done") != NULL;
}

/* Keys the server refuses: one banner, with Preferences and Resume; once
 * the keys are right, Resume finishes the run. */
static void
test_stop_banner_resume (Fixture       *fixture,
                         gconstpointer  data)
{
  KdlRunSetup *setup = kdl_run_view_get_setup (fixture->view);
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));
  guint positions[] = { 0, 2, 5 };
  GtkWidget *preferences;
  gint64 run_id;

  g_array_append_vals (picked, positions, G_N_ELEMENTS (positions));
  kdl_workspace_set_selection (fixture->workspace, picked);
  kdl_test_wait_until (has_estimate, fixture, 10000);
  kdl_run_setup_set_source (setup, KDL_RUN_SOURCE_SELECTION, 0);
  kdl_run_setup_set_limits (setup, 2, 0, 1);

  kdl_spark_sim_set_credentials (fixture->sim, "otherapp", "other-key", "other-secret");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.start", NULL));
  kdl_test_wait_until (has_runner, fixture, 20000);
  run_id = kdl_runner_get_run_id (kdl_run_view_get_runner (fixture->view));
  kdl_test_wait_until (has_banner, fixture, 30000);
  g_test_message ("banner: %s", kdl_run_view_get_banner (fixture->view));
  g_assert_nonnull (strstr (kdl_run_view_get_banner (fixture->view), "The run stopped"));

  preferences = kdl_test_find_button (GTK_WIDGET (fixture->view), "Open _Preferences");
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (preferences));
  /* The list of runs marks it resumable. */
  fixture->waited_run = run_id;
  kdl_test_wait_until (listed_resumable, fixture, 10000);

  kdl_spark_sim_set_credentials (fixture->sim, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.resume", NULL));
  kdl_test_wait_until (has_runner, fixture, 20000);
  g_assert_null (kdl_run_view_get_banner (fixture->view));
  kdl_test_wait_until (run_done, fixture, 60000);
  g_assert_cmpint (kdl_run_view_get_run_id (fixture->view), ==, run_id);
}

static gboolean
summary_has_samples (gpointer data)
{
  Fixture *fixture = data;

  return kdl_run_view_get_runner (fixture->view) == NULL && summary_final (data);
}

/* Items the server refuses fail alone: the run ends, no banner, and one
 * line per kind of failure counts them. */
static void
test_failures_summary (Fixture       *fixture,
                       gconstpointer  data)
{
  KdlRunSetup *setup = kdl_run_view_get_setup (fixture->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  GtkWidget *failures;
  const char *text;
  gint64 run_id;
  guint failed;

  kdl_spark_sim_set_seed (fixture->sim, kdl_test_seed (7));
  kdl_spark_sim_set_faults (fixture->sim, "10013:0.4", &error);
  g_assert_no_error (error);
  kdl_test_wait_until (has_estimate, fixture, 10000);
  kdl_run_setup_set_limits (setup, 4, 0, 1);
  g_assert_true (kdl_run_setup_set_templates (setup, "rebuild", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "run.start", NULL));
  kdl_test_wait_until (has_runner, fixture, 20000);
  run_id = kdl_runner_get_run_id (kdl_run_view_get_runner (fixture->view));
  kdl_test_wait_until (summary_has_samples, fixture, 60000);

  run = read_run (fixture, run_id);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_DONE);
  failed = run->failed;
  g_test_message ("%u of %u samples failed", failed, run->samples);
  g_assert_cmpuint (failed, >, 0);
  g_assert_cmpuint (failed, <, N_ROWS);
  g_assert_null (kdl_run_view_get_banner (fixture->view));

  failures = kdl_test_find_with_class (GTK_WIDGET (fixture->view), "warning");
  g_assert_nonnull (failures);
  g_assert_true (gtk_widget_get_visible (failures));
  text = gtk_label_get_text (GTK_LABEL (failures));
  g_test_message ("%s", text);
  {
    g_autofree char *head = g_strdup_printf ("%u items failed:", failed);
    g_autofree char *kind = g_strdup_printf ("%u × spark-10013", failed);

    g_assert_true (g_str_has_prefix (text, failed == 1 ? "1 item failed:" : head));
    g_assert_nonnull (strstr (text, kind));
  }
}

static gboolean
has_6000 (gpointer data)
{
  return !kdl_item_list_model_get_busy (data) && g_list_model_get_n_items (data) == 6000;
}

/* 6,000 items: only the rows on screen become objects. */
static void
test_lazy_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KdlItemListModel) model = kdl_item_list_model_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;
  gint64 run_id = kdl_test_store_add_run (fixture->store, 3000, 1, TRUE, 10);

  kdl_item_list_model_set_store (model, fixture->store);
  kdl_item_list_model_set_run (model, run_id);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model))));
  list_view = gtk_list_view_new (g_object_ref (selection), factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  gtk_window_present (GTK_WINDOW (window));

  /* Asking for every item would defeat the point: wait for the list only. */
  kdl_test_wait_until (has_6000, model, 20000);
  gtk_test_widget_wait_for_draw (window);
  kdl_test_wait_until (model_idle, model, 20000);
  g_assert_cmpuint (kdl_item_list_model_get_n_objects (model), >, 0);
  {
    g_autoptr(KdlItemObject) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_true (kdl_item_object_get_loaded (first));
    g_assert_cmpint (kdl_item_object_get_state (first), ==, KDL_STORE_ITEM_PENDING);
  }
  g_test_message ("objects made: %" G_GUINT64_FORMAT, kdl_item_list_model_get_n_created (model));
  g_assert_cmpuint (kdl_item_list_model_get_n_created (model), <, 600);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A tile appends what is new, starts afresh for another call, and keeps
 * only the tail. */
static void
test_tile (void)
{
  KdlStreamTile *tile = KDL_STREAM_TILE (g_object_ref_sink (kdl_stream_tile_new ()));
  KdlRunSlot slot = { TRUE, 7, 3, 0, KDL_STORE_STAGE_GENERATE, 1, g_string_new ("1. 第一题") };
  g_autofree char *text = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *fresh = NULL;

  kdl_stream_tile_update (tile, &slot);
  g_assert_true (kdl_stream_tile_get_active (tile));
  g_assert_cmpint (kdl_stream_tile_get_item_id (tile), ==, 7);
  g_string_append (slot.text, "\nA. 选项");
  kdl_stream_tile_update (tile, &slot);
  text = kdl_stream_tile_dup_text (tile);
  g_assert_cmpstr (text, ==, "1. 第一题\nA. 选项");
  g_assert_cmpuint (kdl_stream_tile_get_received (tile), ==, slot.text->len);

  /* Many lines: the last ones stay. */
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (slot.text, "\nline %u", i);
  kdl_stream_tile_update (tile, &slot);
  tail = kdl_stream_tile_dup_text (tile);
  g_assert_true (g_str_has_suffix (tail, "\nline 49"));
  g_assert_false (g_str_has_prefix (tail, "1. "));
  {
    g_auto(GStrv) lines = g_strsplit (tail, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), <=, KDL_STREAM_TILE_MAX_LINES);
  }

  /* The judge of the same row takes the slot: nothing of the old text. */
  slot.item_id = 8;
  slot.stage = KDL_STORE_STAGE_JUDGE;
  g_string_truncate (slot.text, 0);
  kdl_stream_tile_update (tile, &slot);
  fresh = kdl_stream_tile_dup_text (tile);
  g_assert_cmpstr (fresh, ==, "");

  /* The call ends: the tile dims and keeps its text. */
  slot.active = FALSE;
  kdl_stream_tile_update (tile, &slot);
  g_assert_false (kdl_stream_tile_get_active (tile));

  g_string_free (slot.text, TRUE);
  g_assert_finalize_object (tile);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kdl_test_require_session ("a display");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  profile = g_strdup_printf ("test-run-view-%d", (int)getpid ());

  g_test_add_func ("/run-view/tile", test_tile);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/run-view/estimate", test_estimate);
  ADD ("/run-view/run-pause-resume", test_run_pause_resume);
  ADD ("/run-view/closing-stops-run", test_closing_stops_run);
  ADD ("/run-view/stop-banner-resume", test_stop_banner_resume);
  ADD ("/run-view/failures-summary", test_failures_summary);
  ADD ("/run-view/lazy-list", test_lazy_list);
#undef ADD

  status = g_test_run ();
  g_free (profile);

  return status;
}
