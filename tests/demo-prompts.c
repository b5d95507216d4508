/* demo-prompts.c — the app's window on the Prompts view with a dataset open
 *
 *   demo-prompts DATASET [--row POSITION] [--template NAME] [--language zh|en]
 *                [--append TEXT] [--scroll-end] [--bench N] [--dark] [--simulator]
 *
 * For a look at the prompt editor (and a screenshot under Xvfb) until the
 * Dataset view can open files.  Needs GSETTINGS_SCHEMA_DIR=<build>/data;
 * set KDL_LOCALEDIR to the build's po folder to see the translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdl-application.h"
#include "kdl-dataset.h"
#include "kdl-prompts-view.h"
#include "kdl-score-bench.h"
#include "kdl-settings.h"
#include "kdl-template-editor.h"
#include "kdl-window.h"
#include "kdl-workspace.h"

static char *dataset_path;
static int row;
static char *template_name;
static char *language;
static gboolean dark;
static gboolean simulator;
static gboolean scroll_end;
static char *append;
static int bench = -1;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
open_template (gpointer data)
{
  KdlPromptsView *view = data;
  KdlTemplateLibrary *library = kdl_prompts_view_get_library (view);
  KdlTemplateEntry *entry;

  if (!kdl_template_library_get_loaded (library))
    return G_SOURCE_CONTINUE;

  if (template_name != NULL)
    {
      entry = kdl_template_library_find (library, template_name, language);
      if (entry != NULL)
        kdl_prompts_view_open (view, entry);
      else
        g_printerr ("demo-prompts: no template “%s”\n", template_name);
    }

  if (append != NULL || scroll_end)
    {
      KdlTemplateEditor *editor = kdl_prompts_view_get_editor (view);
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (kdl_template_editor_get_buffer (editor));
      g_autofree char *text = append != NULL ? g_strcompress (append) : NULL;
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (text != NULL)
        gtk_text_buffer_insert (buffer, &end, text, -1);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (kdl_template_editor_get_view (editor)),
                                          gtk_text_buffer_get_insert (buffer));
    }

  if (bench >= 0)
    {
      GtkWidget *widget = find_type (GTK_WIDGET (view), KDL_TYPE_SCORE_BENCH);

      gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (widget)), "bench");
      gtk_widget_activate_action (widget, "bench.example", "u", (guint32)bench);
    }

  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  KdlWindow *window = KDL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  KdlWorkspace *workspace = kdl_window_get_workspace (window);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (dataset_path);
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  dataset = kdl_dataset_load (file, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("demo-prompts: %s\n", error->message);
      return;
    }

  if (simulator)
    g_action_group_activate_action (G_ACTION_GROUP (app), "use-simulator", NULL);

  kdl_workspace_set_dataset (workspace, dataset);
  kdl_workspace_set_current_position (workspace, row);
  kdl_window_show_view (window, "prompts");

  g_timeout_add (100, open_template, find_type (GTK_WIDGET (window), KDL_TYPE_PROMPTS_VIEW));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KdlApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "row", 0, 0, G_OPTION_ARG_INT, &row, "Dataset position to preview", "N" },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name, "Template to open", "NAME" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, "Its language", "zh|en" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "append", 0, 0, G_OPTION_ARG_STRING, &append, "Text to type at the end (\\n for a line break)", "TEXT" },
    { "bench", 0, 0, G_OPTION_ARG_INT, &bench, "Show the score bench with example N", "N" },
    { "scroll-end", 0, 0, G_OPTION_ARG_NONE, &scroll_end, "Show the end of the prompt", NULL },
    { "simulator", 0, 0, G_OPTION_ARG_NONE, &simulator, "Calls go to the offline simulator (no first-run bar)", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDL_LOCALEDIR") ? g_getenv ("KDL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("DATASET");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: demo-prompts DATASET [--row N] [--template NAME] [--language zh|en] [--dark]\n");
      return 2;
    }
  dataset_path = argv[1];

  /* The screen's size (there is no window manager under Xvfb to maximize). */
  {
    g_autoptr(GSettings) settings = kdl_settings_new ();

    g_settings_set_int (settings, "window-width", 1280);
    g_settings_set_int (settings, "window-height", 800);
  }

  g_set_application_name (_("Kindling"));
  app = kdl_application_new (NULL, G_APPLICATION_NON_UNIQUE, NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
