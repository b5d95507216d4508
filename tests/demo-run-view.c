/* demo-run-view.c — the main window's Run view with a run on the offline
 * simulator, for a look or a screenshot:
 *
 *   demo-run-view DATASET [--concurrency N] [--start] [--open-item]
 *
 * --start starts a run (rebuild → judge) once the project is open;
 * --open-item opens the first item when it is done.  The project is a
 * fresh file in the temporary folder; settings stay in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdl-application.h"
#include "kdl-run-view.h"
#include "kdl-session.h"
#include "kdl-settings.h"
#include "kdl-window.h"
#include "kdl-workspace.h"

static gboolean start;
static gboolean open_item;
static int concurrency = 8;
static char **files;
static KdlRunView *view;
static KdlWorkspace *workspace;

static GtkWidget *
find_view (GtkWidget *root)
{
  if (KDL_IS_RUN_VIEW (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
open_first_item (gpointer data)
{
  KdlItemListModel *model = kdl_item_list_get_model (kdl_run_view_get_item_list (view));


  if (kdl_run_view_get_runner (view) != NULL || kdl_item_list_model_get_busy (model) ||
      g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return G_SOURCE_CONTINUE;

  kdl_item_list_select (kdl_run_view_get_item_list (view), 1);

  return G_SOURCE_REMOVE;
}

static gboolean
start_when_ready (gpointer data)
{
  if (kdl_workspace_get_store (workspace) == NULL ||
      kdl_run_setup_get_estimate (kdl_run_view_get_setup (view)) == NULL)
    return G_SOURCE_CONTINUE;

  kdl_run_setup_set_limits (kdl_run_view_get_setup (view), concurrency, 0, 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "run.start", NULL);
  if (open_item)
    g_timeout_add (200, open_first_item, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  workspace = kdl_window_get_workspace (KDL_WINDOW (window));
  kdl_window_show_view (KDL_WINDOW (window), "run");
  view = KDL_RUN_VIEW (find_view (GTK_WIDGET (window)));

  if (files != NULL && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdlDataset) dataset = kdl_dataset_load (file, NULL, NULL, &error);

      if (dataset == NULL)
        g_error ("%s", error->message);
      kdl_workspace_set_dataset (workspace, dataset);
    }

  if (start)
    g_timeout_add (100, start_when_ready, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DATASET");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KdlSession) session = NULL;
  g_autoptr(KdlApplication) app = NULL;
  g_autofree char *project = NULL;
  const char *localedir = g_getenv ("KDL_LOCALEDIR");
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_NONE, &start, "Start a run", NULL },
    { "open-item", 0, 0, G_OPTION_ARG_NONE, &open_item, "Open an item when done", NULL },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency, "Calls in flight", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  /* A project of its own, so the demo starts with no runs. */
  project = g_build_filename (g_get_tmp_dir (), "demo-run-view", NULL);
  g_mkdir_with_parents (project, 0700);
  g_setenv ("XDG_DATA_HOME", project, TRUE);

  settings = kdl_settings_new ();
  g_settings_set_string (settings, "model-preset", "simulator");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  session = kdl_session_new (settings, NULL);
  app = kdl_application_new (NULL, G_APPLICATION_NON_UNIQUE, session);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
