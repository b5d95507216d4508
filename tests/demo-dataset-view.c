/* demo-dataset-view.c — the main window with a dataset open
 *
 *   demo-dataset-view [FILE] [--search TEXT] [--select N] [--details] [--seconds N]
 *                          [--popover columns|options] [--width W] [--height H]
 *
 * Opens FILE (if given) in the Dataset view of a real window; --select picks the Nth
 * listed row (0-based), --details expands the import problems.  For a look
 * and for screenshots under Xvfb; KDL_LOCALEDIR shows the translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdl-application.h"
#include "kdl-dataset-view-private.h"
#include "kdl-test-gui.h"
#include "kdl-window.h"

static char *path;
static char *search;
static int select_index = -1;
static gboolean details;
static char *popover;
static int seconds;
static int width = 1280;
static int height = 800;

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
select_cb (gpointer user_data)
{
  KdlDatasetView *view = user_data;

  if (kdl_dataset_view_get_opening (view) || kdl_dataset_view_get_searching (view))
    return G_SOURCE_CONTINUE;

  if (select_index >= 0 && (guint)select_index < g_list_model_get_n_items (G_LIST_MODEL (view->rows)))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (view->selection), select_index, TRUE);
  if (details)
    kdl_import_problems_set_expanded (view->problems, TRUE);
  if (g_strcmp0 (popover, "columns") == 0)
    gtk_menu_button_popup (view->mapping_button);
  else if (g_strcmp0 (popover, "options") == 0)
    gtk_menu_button_popup (view->options_button);

  return G_SOURCE_REMOVE;
}

static gboolean
search_cb (gpointer user_data)
{
  KdlDatasetView *view = user_data;

  if (kdl_dataset_view_get_opening (view))
    return G_SOURCE_CONTINUE;

  gtk_editable_set_text (GTK_EDITABLE (view->search_entry), search);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  KdlDatasetView *view = KDL_DATASET_VIEW (kdl_test_find_widget (GTK_WIDGET (window), KDL_TYPE_DATASET_VIEW));
  g_autoptr(GFile) file = NULL;

  gtk_window_set_default_size (window, width, height);
  kdl_window_show_view (KDL_WINDOW (window), "dataset");
  if (seconds > 0)
    g_timeout_add_seconds (seconds, quit_cb, app);
  if (path == NULL)
    return;

  file = g_file_new_for_commandline_arg (path);
  kdl_dataset_view_open (view, file, NULL);
  if (search != NULL)
    g_timeout_add (100, search_cb, view);
  g_timeout_add (400, select_cb, view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KdlApplication) app = NULL;
  const char *localedir = g_getenv ("KDL_LOCALEDIR");
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, "Search for TEXT", "TEXT" },
    { "select", 0, 0, G_OPTION_ARG_INT, &select_index, "Select the Nth listed row", "N" },
    { "details", 0, 0, G_OPTION_ARG_NONE, &details, "Expand the import problems", NULL },
    { "popover", 0, 0, G_OPTION_ARG_STRING, &popover, "Open the columns or options popover", "columns|options" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Quit after N seconds", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("usage: demo-dataset-view [FILE] [--search TEXT] [--select N] [--details] [--seconds N]\n");
      return 2;
    }
  path = argc == 2 ? argv[1] : NULL;

  app = kdl_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE, NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
