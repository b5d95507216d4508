/* demo-scores.c — the Scores view on a project, for a look or a screenshot
 *
 *   demo-scores PROJECT [--run ID] [--page charts|review] [--select N]
 *               [--export] [--edit] [--dark] [--seconds N]
 *
 * --select N selects the Nth sample of the review list; --export opens
 * the export dialog, --edit the edit window of the selected sample.  Set
 * KDL_LOCALEDIR to the build's po folder to see the translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdl-scores-view.h"
#include "kdl-workspace.h"

typedef struct
{
  KdlScoresView *view;
  const char    *page;
  int            select;
  gboolean       export;
  gboolean       edit;
  int            step;
} Demo;

static gboolean
quit_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Steps a second apart, so each read has landed before the next. */
static gboolean
step_cb (gpointer data)
{
  Demo *demo = data;
  KdlReviewPane *pane = kdl_scores_view_get_review_pane (demo->view);

  switch (demo->step++)
    {
    case 0:
      if (demo->page != NULL)
        kdl_scores_view_set_page (demo->view, demo->page);
      if (demo->select >= 0)
        kdl_review_pane_select (pane, demo->select);
      return G_SOURCE_CONTINUE;

    case 1:
      if (demo->export)
        gtk_widget_activate_action (GTK_WIDGET (demo->view), "scores.export", NULL);
      if (demo->edit)
        gtk_widget_activate_action (GTK_WIDGET (pane), "review.edit", NULL);
      return G_SOURCE_CONTINUE;

    default:
      return G_SOURCE_REMOVE;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(KdlWorkspace) workspace = NULL;
  Demo demo = { NULL, NULL, -1, FALSE, FALSE, 0 };
  GtkWidget *window, *box;
  const char *project = NULL;
  gboolean dark = FALSE;
  gint64 run_id = 0;
  int seconds = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDL_LOCALEDIR") ? g_getenv ("KDL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dark"))
        dark = TRUE;
      else if (g_str_equal (argv[i], "--export"))
        demo.export = TRUE;
      else if (g_str_equal (argv[i], "--edit"))
        demo.edit = TRUE;
      else if (g_str_equal (argv[i], "--seconds") && i + 1 < argc)
        seconds = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--select") && i + 1 < argc)
        demo.select = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--run") && i + 1 < argc)
        run_id = g_ascii_strtoll (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--page") && i + 1 < argc)
        demo.page = argv[++i];
      else
        project = argv[i];
    }

  if (project == NULL)
    {
      g_printerr ("usage: demo-scores PROJECT [--run ID] [--page charts|review] [--select N] [--export] [--edit]\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  store = kdl_store_open (project, &error);
  if (store == NULL)
    {
      g_printerr ("demo-scores: %s\n", error->message);
      return 1;
    }

  workspace = kdl_workspace_new (NULL);
  kdl_workspace_set_current_run (workspace, run_id);
  kdl_workspace_set_store (workspace, store);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Kindling scores");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  demo.view = KDL_SCORES_VIEW (kdl_scores_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (demo.view), TRUE);
  kdl_scores_view_set_workspace (demo.view, workspace);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (demo.view));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  g_timeout_add (1000, step_cb, &demo);
  if (seconds > 0)
    g_timeout_add_seconds (seconds, quit_cb, window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
