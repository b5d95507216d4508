/* bench-run-view.c — 32 live streams through the real Run view
 *
 * A run of 96 rows (generate → judge) at 32 calls in flight, shown by a
 * KdlRunView in a window, on a simulator in its own process (40 pieces per
 * answer, 15 ms apart; the main loop does only the client's work), then on
 * the app's offline simulator in the same process (its main loop serves
 * the answers too).  Prints the largest main-loop stall (the
 * largest gap of a 1 ms timer), the frames drawn, the tile updates and
 * the time taken, once with the grid on screen and once with the item
 * list on screen.  Figures, not assertions.  Under Xvfb GTK draws with
 * Mesa's software GL (set GSK_RENDERER=cairo to compare): drawing frames
 * is most of what the main loop does.  Needs a display: run it with
 * `build-aux/dev bench bench-run-view`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kdl-run-view.h"
#include "kdl-session.h"
#include "kdl-settings.h"
#include "kdl-test-util.h"
#include "kdl-workspace.h"

#define ROWS        96
#define CONCURRENCY 32

typedef struct
{
  gint64 start;
  gint64 last_tick;
  gint64 max_gap;
  gint64 max_gap_at;   /* µs after the start */
  gint64 max_steady;   /* the largest after the first second */
  guint  gaps_50ms;    /* gaps over 50 ms */
  guint  ticks;
  guint  frames;
} Measure;

static gboolean
tick (gpointer user_data)
{
  Measure *m = user_data;
  gint64 now = g_get_monotonic_time ();

  if (m->last_tick > 0 && now - m->last_tick > m->max_gap)
    {
      m->max_gap = now - m->last_tick;
      m->max_gap_at = m->last_tick - m->start;
    }
  if (m->last_tick > 0 && now - m->last_tick > 50000)
    m->gaps_50ms++;
  if (m->last_tick - m->start > G_USEC_PER_SEC && now - m->last_tick > m->max_steady)
    m->max_steady = now - m->last_tick;
  m->last_tick = now;
  m->ticks++;

  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Measure       *m)
{
  m->frames++;
}

/* ROWS rows: the sample passages over and over. */
static char *
write_rows (void)
{
  g_autofree char *sample = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autofree char *text = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (!g_file_get_contents (sample, &text, NULL, NULL))
    g_error ("cannot read %s", sample);
  lines = g_strsplit (text, "\n", -1);
  while (n < ROWS)
    for (guint i = 0; lines[i] != NULL && n < ROWS; i++)
      if (*lines[i] != '\0')
        {
          g_string_append_printf (out, "%s\n", lines[i]);
          n++;
        }

  return kdl_test_write_file ("bench-run-view.jsonl", out->str, out->len);
}

static gboolean
has_estimate (gpointer data)
{
  return kdl_run_setup_get_estimate (kdl_run_view_get_setup (data)) != NULL;
}

static gboolean
has_runner (gpointer data)
{
  return kdl_run_view_get_runner (data) != NULL;
}

static gboolean
no_runner (gpointer data)
{
  return kdl_run_view_get_runner (data) == NULL;
}

static void
run_once (KdlRunView *view,
          GtkWindow  *window,
          const char *where,
          const char *page)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  KdlStreamGrid *grid = kdl_run_view_get_grid (view);
  Measure m = { 0 };
  guint64 updates_before;
  guint tick_id;
  gulong paint_id;
  gint64 start;
  double seconds;

  gtk_widget_activate_action (GTK_WIDGET (view), "run.new-run", NULL);
  kdl_test_wait_until (has_estimate, view, 20000);
  kdl_run_setup_set_limits (kdl_run_view_get_setup (view), CONCURRENCY, 0, 1);
  kdl_test_wait_until (has_estimate, view, 20000);

  updates_before = kdl_stream_grid_get_n_updates (grid);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &m);
  tick_id = g_timeout_add (1, tick, &m);
  start = g_get_monotonic_time ();
  m.start = start;

  gtk_widget_activate_action (GTK_WIDGET (view), "run.start", NULL);
  kdl_test_wait_until (has_runner, view, 60000);
  /* The list instead refreshes as items are committed; the grid waits. */
  kdl_run_view_set_page (view, page);
  kdl_test_wait_until (no_runner, view, 600000);

  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_source_remove (tick_id);
  g_signal_handler_disconnect (clock, paint_id);

  printf ("%s, %s on screen: %u streams, %u calls in %.1f s: largest main-loop stall %.1f ms "
          "(%.1f s in; %.1f ms after the first second), %u stalls over 50 ms, %u ticks of 1 ms, %u frames drawn (%.0f/s), "
          "%" G_GUINT64_FORMAT " tile updates\n",
          where, page, CONCURRENCY, ROWS * 2, seconds, m.max_gap / 1000.0, m.max_gap_at / 1e6, m.max_steady / 1000.0, m.gaps_50ms,
          m.ticks, m.frames, m.frames / seconds, kdl_stream_grid_get_n_updates (grid) - updates_before);
  printf ("  %s\n", kdl_run_view_get_summary (view));
  fflush (stdout);
}

static void
bench (KdlSession *session,
       KdlDataset *dataset,
       const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-run-view-XXXXXX", &error);
  g_autofree char *project = NULL;
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(KdlWorkspace) workspace = NULL;
  GtkWindow *window;
  KdlRunView *view;

  g_assert_no_error (error);
  project = g_build_filename (dir, "bench.kindling", NULL);
  store = kdl_store_open (project, &error);
  g_assert_no_error (error);

  workspace = kdl_workspace_new (session);
  kdl_workspace_set_store (workspace, store);
  kdl_workspace_set_dataset (workspace, dataset);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  view = KDL_RUN_VIEW (kdl_run_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  kdl_run_view_set_workspace (view, workspace);
  gtk_window_present (window);
  kdl_test_spin (500);

  run_once (view, window, where, "live");
  run_once (view, window, where, "items");

  gtk_window_destroy (window);
  kdl_store_flush_sync (store, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GSubprocess) sim_process = NULL;
  const char *sim_args[] = { "--latency-ms=50", "--frame-ms=15", "--frames=40", NULL };

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-run-view: needs a display; run it with build-aux/dev bench bench-run-view\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  rows = write_rows ();
  dataset = kdl_test_load (rows, NULL);
  settings = kdl_settings_new ();

  /* A simulator of its own: a fine-tuned model at a custom endpoint, with
   * its keys from the environment. */
  sim_process = kdl_test_spawn_sim (sim_args, &base_url);
  url = g_strdup_printf ("%s/v1.1/chat", base_url);
  g_setenv ("SPARK_APP_ID", KDL_SIM_APP_ID, TRUE);
  g_setenv ("SPARK_API_KEY", KDL_SIM_API_KEY, TRUE);
  g_setenv ("SPARK_API_SECRET", KDL_SIM_API_SECRET, TRUE);
  g_settings_set_string (settings, "model-preset", "custom");
  g_settings_set_string (settings, "custom-url", url);
  g_settings_set_string (settings, "custom-domain", KDL_SIM_SERVICE_ID);
  g_settings_set_string (settings, "custom-patch-id", KDL_SIM_RESOURCE_ID);
  {
    g_autoptr(KdlSession) session = kdl_session_new (settings, NULL);

    bench (session, dataset, "simulator process");
  }
  g_subprocess_force_exit (sim_process);

  /* The app's offline simulator, in this process. */
  g_settings_set_string (settings, "model-preset", "simulator");
  {
    g_autoptr(KdlSession) session = kdl_session_new (settings, NULL);
    KdlSparkSim *sim = kdl_session_ensure_simulator (session, &error);

    g_assert_no_error (error);
    kdl_spark_sim_set_latency (sim, 50, 15);
    kdl_spark_sim_set_frames (sim, 40);
    bench (session, dataset, "offline simulator in the app");
  }

  return 0;
}
