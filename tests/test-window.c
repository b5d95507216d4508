/* test-window.c — the main window, in process: views, shortcuts, size, first run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdl-application.h"
#include "kdl-dataset-view.h"
#include "kdl-prompts-view.h"
#include "kdl-run-view.h"
#include "kdl-scores-view.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"
#include "kdl-window.h"

typedef struct _Fixture Fixture;

struct _Fixture
{
  GSettings          *settings;
  KdlCredentialStore *store;
  KdlSession         *session;
  KdlApplication     *app;
  void              (*body) (Fixture *fixture);
};

static char *profile;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = kdl_test_settings_new_reset ();

  fixture->store = kdl_credential_store_new (profile);
  kdl_credential_store_save_async (fixture->store, NULL, NULL, NULL, NULL);
  kdl_test_load_store (fixture->store);

  fixture->session = kdl_session_new (fixture->settings, fixture->store);
  /* No id: off the session bus, where the end-to-end test's app may be. */
  fixture->app = kdl_application_new (NULL, G_APPLICATION_NON_UNIQUE, fixture->session);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->app);
  /* The keys the app started loading may still be on their way. */
  kdl_test_wait_until (kdl_test_only_ref, fixture->session, 10000);
  g_assert_finalize_object (fixture->session);
  /* Keyring writes still running hold the store. */
  kdl_test_wait_until (kdl_test_only_ref, fixture->store, 10000);
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->settings);
}

/* After the application's own activate: its window is up. */
static void
on_activate (KdlApplication *app,
             Fixture        *fixture)
{
  fixture->body (fixture);

  /* With its last window closed, g_application_run() returns. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* Each test runs inside g_application_run(), as the app does: startup,
 * activate, and shutdown after the last window. */
static void
run_app (Fixture  *fixture,
         void    (*body) (Fixture *fixture))
{
  fixture->body = body;
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 0, NULL), ==, 0);
}

/* The window activate opened, the first time; then a new one. */
static KdlWindow *
open_window (Fixture *fixture)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  KdlWindow *window;

  if (KDL_IS_WINDOW (active) && g_object_get_data (G_OBJECT (active), "kdl-test-seen") == NULL)
    window = g_object_ref (KDL_WINDOW (active));
  else
    window = g_object_ref (kdl_window_new (fixture->app));

  g_object_set_data (G_OBJECT (window), "kdl-test-seen", GINT_TO_POINTER (TRUE));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
close_window (KdlWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Alt+1…4 are bound to the view action, and the action shows the view. */
static void
test_view_shortcuts_body (Fixture *fixture)
{
  static const char *views[] = { "dataset", "prompts", "run", "scores" };
  KdlWindow *window = open_window (fixture);

  g_assert_cmpstr (kdl_window_get_visible_view (window), ==, "dataset");

  for (int i = G_N_ELEMENTS (views) - 1; i >= 0; i--)
    {
      g_autofree char *accel = g_strdup_printf ("<Alt>%d", i + 1);
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), accel);
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;

      g_assert_nonnull (actions);
      g_assert_cmpuint (g_strv_length (actions), ==, 1);
      g_action_parse_detailed_name (actions[0], &name, &target, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, "win.show-view");
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, views[i]);

      /* What the key does, through the window's own action. */
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), name, target));
      g_assert_cmpstr (kdl_window_get_visible_view (window), ==, views[i]);
      stored = g_settings_get_string (fixture->settings, "last-view");
      g_assert_cmpstr (stored, ==, views[i]);
    }

  close_window (window);
}

static void
assert_accel (Fixture    *fixture,
              const char *accel,
              const char *action)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), accel);

  g_assert_nonnull (actions);
  g_assert_true (g_strv_contains ((const char * const *)actions, action));
}

/* Ctrl+, Ctrl+Q, Ctrl+W, Ctrl+? and the primary menu's actions exist. */
static void
test_app_shortcuts_body (Fixture *fixture)
{
  KdlWindow *window = open_window (fixture);
  GtkWindow *preferences;
  GtkWindow *about;

  assert_accel (fixture, "<Control>comma", "app.preferences");
  assert_accel (fixture, "<Control>q", "app.quit");
  assert_accel (fixture, "<Control>w", "window.close");
  assert_accel (fixture, "<Control>question", "win.show-help-overlay");

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), "about"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* About Kindling. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Kindling");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  /* Preferences opens once, for this window. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (preferences));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 2);
  gtk_window_destroy (preferences);

  close_window (window);
}

/* The size is saved on close and used by the next window. */
static void
test_size_saved_body (Fixture *fixture)
{
  KdlWindow *window = open_window (fixture);
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  close_window (window);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));

  g_settings_set_string (fixture->settings, "last-view", "scores");
  window = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpstr (kdl_window_get_visible_view (window), ==, "scores");
  close_window (window);
}

/* Each view is its own widget, and every one of them works now: none says
 * it does not work yet.  (Each has its own test: test-dataset-view,
 * test-prompts-view, test-run-view, test-scores-view.) */
static void
test_views_body (Fixture *fixture)
{
  GType types[] = { KDL_TYPE_DATASET_VIEW, KDL_TYPE_PROMPTS_VIEW, KDL_TYPE_RUN_VIEW, KDL_TYPE_SCORES_VIEW };
  KdlWindow *window = open_window (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *view = kdl_test_find_widget (GTK_WIDGET (window), types[i]);
      GtkWidget *status;

      g_assert_nonnull (view);
      status = kdl_test_find_widget (view, ADW_TYPE_STATUS_PAGE);
      if (status != NULL && adw_status_page_get_description (ADW_STATUS_PAGE (status)) != NULL)
        g_assert_null (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "does not work yet"));
      /* The Dataset view's empty page opens a file. */
      if (types[i] == KDL_TYPE_DATASET_VIEW)
        g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Open a Dataset");
    }

  close_window (window);
}

/* No keys: the first-run bar points at Preferences and the simulator;
 * with the simulator the header says so. */
static void
test_first_run_and_simulator_body (Fixture *fixture)
{
  KdlWindow *window = open_window (fixture);
  GtkRevealer *bar = GTK_REVEALER (kdl_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER));
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (kdl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  GtkWidget *header = kdl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  GtkWidget *tag = kdl_test_find_with_class (header, "simulator-tag");
  g_autoptr(KdlCredentials) keys = kdl_credentials_new ("abcdefgh", "k", "s");

  g_assert_true (gtk_revealer_get_reveal_child (bar));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Spark Max");
  g_assert_nonnull (tag);
  g_assert_false (gtk_widget_get_visible (tag));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "use-simulator", NULL);
  g_assert_true (kdl_session_get_using_simulator (fixture->session));
  g_assert_false (gtk_revealer_get_reveal_child (bar));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Offline simulator");
  tag = kdl_test_find_with_class (header, "simulator-tag");
  g_assert_nonnull (tag);
  g_assert_true (gtk_widget_get_visible (tag));

  /* Keys instead: the bar stays away. */
  g_settings_set_string (fixture->settings, "model-preset", "max");
  g_assert_true (gtk_revealer_get_reveal_child (bar));
  g_assert_false (gtk_widget_get_visible (tag));
  kdl_credential_store_save_async (fixture->store, keys, NULL, NULL, NULL);
  g_assert_false (gtk_revealer_get_reveal_child (bar));
  kdl_credential_store_save_async (fixture->store, NULL, NULL, NULL, NULL);
  g_assert_true (gtk_revealer_get_reveal_child (bar));

  close_window (window);
}

/* The UI follows the system language. */
static void
test_chinese_body (Fixture *fixture)
{
  const char *localedir = g_getenv ("KDL_LOCALEDIR");
  KdlWindow *window;
  AdwViewStack *stack;

  /* The window activate opened was built in English. */
  close_window (open_window (fixture));

  g_assert_nonnull (localedir);
  if (!kdl_test_set_locale ("zh_CN.UTF-8"))
    g_error ("the zh_CN.UTF-8 locale is not available: generate it (build-aux/dev does)");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  window = open_window (fixture);
  stack = ADW_VIEW_STACK (kdl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "dataset"))), ==, "数据集");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "星火数据工坊");
  close_window (window);
}

static void
test_view_shortcuts (Fixture       *fixture,
                     gconstpointer  data)
{
  run_app (fixture, test_view_shortcuts_body);
}

static void
test_app_shortcuts (Fixture       *fixture,
                    gconstpointer  data)
{
  run_app (fixture, test_app_shortcuts_body);
}

static void
test_size_saved (Fixture       *fixture,
                 gconstpointer  data)
{
  run_app (fixture, test_size_saved_body);
}

static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  run_app (fixture, test_views_body);
}

static void
test_first_run_and_simulator (Fixture       *fixture,
                              gconstpointer  data)
{
  run_app (fixture, test_first_run_and_simulator_body);
}

static void
test_chinese (Fixture       *fixture,
              gconstpointer  data)
{
  run_app (fixture, test_chinese_body);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kdl_test_require_session ("a display and the test session's gnome-keyring");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  profile = g_strdup_printf ("test-window-%d", (int)getpid ());

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/view-shortcuts", test_view_shortcuts);
  ADD ("/window/app-shortcuts", test_app_shortcuts);
  ADD ("/window/size-saved", test_size_saved);
  ADD ("/window/views", test_views);
  ADD ("/window/first-run-and-simulator", test_first_run_and_simulator);
  ADD ("/window/chinese", test_chinese);
#undef ADD

  status = g_test_run ();
  g_free (profile);

  return status;
}
