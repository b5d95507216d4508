/* bench-dataset-view.c — how the Dataset view copes with 100,000 rows
 *
 * Opens the 100,000-row JSONL and CSV of make_large.py in the view and
 * prints the time to the first rows listed, to the full index, to a search
 * and a sort in the worker, to picking every row, what a listed row costs,
 * and the longest the main loop went without running (what the user would
 * feel as a freeze; under Xvfb this includes software rendering while the
 * indexing threads keep both cores busy).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kdl-dataset-view-private.h"
#include "kdl-row-item.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"

/* The main loop ticks every few ms; the longest gap between ticks is
 * the longest the window could not answer. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);

  stall->last = now;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  KdlDatasetView *view;
  gint64          first;
  guint           first_rows;
} Open;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Open       *open)
{
  if (open->first == 0 && g_list_model_get_n_items (model) > 0)
    {
      open->first = g_get_monotonic_time ();
      open->first_rows = g_list_model_get_n_items (model);
    }
}

static gboolean
idle_view (gpointer data)
{
  KdlDatasetView *view = data;

  return !kdl_dataset_view_get_opening (view) && !kdl_dataset_view_get_searching (view);
}

static gboolean
searching (gpointer data)
{
  return kdl_dataset_view_get_searching (data);
}

static void
reset_stall (Stall *stall)
{
  stall->last = g_get_monotonic_time ();
  stall->longest = 0;
}

static void
bench_file (KdlDatasetView *view,
            const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *rows = G_LIST_MODEL (view->rows);
  Open open = { view };
  Stall stall = { 0 };
  guint tick = g_timeout_add (2, tick_cb, &stall);
  gulong handler = g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &open);
  gint64 start, end;
  GStatBuf st;

  g_stat (path, &st);
  kdl_workspace_set_dataset (kdl_dataset_view_get_workspace (view), NULL);
  kdl_test_spin (50);

  reset_stall (&stall);
  start = g_get_monotonic_time ();
  kdl_dataset_view_open (view, file, NULL);
  kdl_test_wait_until (idle_view, view, 120000);
  end = g_get_monotonic_time ();
  g_signal_handler_disconnect (rows, handler);

  printf ("%s: %.1f MB, %u rows listed\n", path, st.st_size / 1e6, g_list_model_get_n_items (rows));
  printf ("  first rows listed (%u) after %.3f s\n", open.first_rows, (open.first - start) / 1e6);
  printf ("  whole file listed after    %.3f s\n", (end - start) / 1e6);
  printf ("  longest main-loop stall    %.1f ms\n", stall.longest / 1e3);

  /* What the list pays for each row it shows. */
  {
    KdlDataset *dataset = kdl_dataset_view_get_dataset (view);

    start = g_get_monotonic_time ();
    for (guint i = 0; i < 1000; i++)
      g_object_unref (kdl_row_item_new (dataset, i));
    printf ("  1000 row items (parse, exam, one-line cells): %.1f ms\n", (g_get_monotonic_time () - start) / 1e3);
  }

  reset_stall (&stall);
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (view->search_entry), "城市");
  kdl_test_wait_until (searching, view, 10000);
  kdl_test_wait_until (idle_view, view, 60000);
  end = g_get_monotonic_time ();
  printf ("  search “城市”: %u rows after %.3f s (entry delay included), longest stall %.1f ms\n",
          g_list_model_get_n_items (rows), (end - start) / 1e6, stall.longest / 1e3);

  reset_stall (&stall);
  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (view->sort_dropdown, 1);
  gtk_toggle_button_set_active (view->descending_button, TRUE);
  kdl_test_wait_until (idle_view, view, 60000);
  end = g_get_monotonic_time ();
  printf ("  + sort by passage length, descending: %.3f s, longest stall %.1f ms\n",
          (end - start) / 1e6, stall.longest / 1e3);

  gtk_editable_set_text (GTK_EDITABLE (view->search_entry), "");
  kdl_test_wait_until (searching, view, 10000);
  kdl_test_wait_until (idle_view, view, 60000);

  start = g_get_monotonic_time ();
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (view->selection));
  end = g_get_monotonic_time ();
  printf ("  select all %u rows (to the workspace): %.3f s\n",
          kdl_workspace_get_selection (kdl_dataset_view_get_workspace (view))->len, (end - start) / 1e6);

  start = g_get_monotonic_time ();
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (view->selection), 99999, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  end = g_get_monotonic_time ();
  printf ("  pick the last row and draw its detail: %.3f s\n", (end - start) / 1e6);

  g_source_remove (tick);
}

int
main (int   argc,
      char *argv[])
{
  const char *formats[] = { "jsonl", "csv" };
  g_autoptr(KdlWorkspace) workspace = NULL;
  g_autofree char *dir = NULL;
  GtkWindow *window;
  KdlDatasetView *view;

  kdl_test_require_session ("a display");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      fprintf (stderr, "bench-dataset-view: /usr/bin/python3 is missing: make_large.py cannot run\n");
      return 77;
    }

  dir = g_dir_make_tmp ("kindling-bench-view-XXXXXX", NULL);
  workspace = kdl_workspace_new (NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  view = KDL_DATASET_VIEW (kdl_dataset_view_new ());
  kdl_dataset_view_set_workspace (view, workspace);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = kdl_test_make_large (dir, formats[i], 100000);

      bench_file (view, path);
      fflush (stdout);
      kdl_workspace_set_dataset (workspace, NULL);
      g_unlink (path);
    }

  gtk_window_destroy (window);
  g_rmdir (dir);

  return 0;
}
