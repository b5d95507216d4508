/* kdl-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-application.h"
#include "kdl-preferences-window.h"
#include "kdl-window.h"
#include "kdl-workspace.h"

struct _KdlApplication
{
  AdwApplication        parent_instance;

  KdlSession           *session;
  KdlPreferencesWindow *preferences;  /* weak */
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdlApplication, kdl_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-view::dataset", { "<Alt>1", NULL } },
  { "win.show-view::prompts", { "<Alt>2", NULL } },
  { "win.show-view::run", { "<Alt>3", NULL } },
  { "win.show-view::scores", { "<Alt>4", NULL } },
};

static void
on_session_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kdl_session_load_finish (KDL_SESSION (object), result, &error))
    g_debug ("loading the keys: %s", error->message);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KdlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences == NULL)
    {
      self->preferences = kdl_preferences_window_new (self->session);
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
      gtk_window_set_application (GTK_WINDOW (self->preferences), GTK_APPLICATION (self));
    }

  if (parent != NULL && parent != GTK_WINDOW (self->preferences))
    gtk_window_set_transient_for (GTK_WINDOW (self->preferences), parent);
  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
use_simulator_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  KdlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_settings_set_string (kdl_session_get_settings (self->session), "model-preset", KDL_PRESET_SIMULATOR);

  if (KDL_IS_WINDOW (window))
    {
      AdwToast *toast = adw_toast_new (_("Calls now go to the offline simulator. Choose a Spark model in Preferences to use your account."));

      adw_toast_set_timeout (toast, 6);
      kdl_window_add_toast (KDL_WINDOW (window), toast);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KdlApplication *self = user_data;
  const char *developers[] = { _("The Kindling developers"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Kindling"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Kindling developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Build fine-tuning datasets with the iFlytek Spark LLM: import, generate, score and export."));
  adw_about_window_set_website (about, "https://github.com/kindling/kindling");
  adw_about_window_set_issue_url (about, "https://github.com/kindling/kindling/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (GTK_WINDOW (about), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KdlApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (rather than destroying) lets each window save its state and
   * ask about unsaved edits; the application ends with its last window, so
   * a window that stays open (the user cancelled) keeps it running. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "use-simulator", use_simulator_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
kdl_application_startup (GApplication *app)
{
  KdlApplication *self = KDL_APPLICATION (app);

  G_APPLICATION_CLASS (kdl_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  if (self->session == NULL)
    {
      g_autoptr(GSettings) settings = kdl_settings_new ();

      if (settings == NULL)
        g_error ("The settings schema %s is not installed. Install Kindling, or run it with "
                 "build-aux/dev run (which sets GSETTINGS_SCHEMA_DIR).", APPLICATION_ID);
      self->session = kdl_session_new (settings, NULL);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  kdl_session_load_async (self->session, NULL, on_session_loaded, NULL);
}

static void
kdl_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (!KDL_IS_WINDOW (window))
    window = GTK_WINDOW (kdl_window_new (KDL_APPLICATION (app)));

  gtk_window_present (window);
}

static void
on_dataset_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KdlWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) dataset = kdl_dataset_load_finish (result, &error);

  if (dataset == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the dataset: %s"), error->message);

      kdl_window_add_toast (window, adw_toast_new (text));
      return;
    }

  kdl_workspace_set_dataset (kdl_window_get_workspace (window), dataset);
}

/* `kindling FILE` (or a file manager) opens a dataset in the window. */
static void
kdl_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  GtkWindow *window;

  kdl_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (n_files > 0 && KDL_IS_WINDOW (window))
    kdl_dataset_load_async (files[0], NULL, NULL, on_dataset_loaded, g_object_ref (window));
}

static void
kdl_application_dispose (GObject *object)
{
  KdlApplication *self = (KdlApplication *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (kdl_application_parent_class)->dispose (object);
}

static void
kdl_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlApplication *self = KDL_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdlApplication *self = KDL_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_application_class_init (KdlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kdl_application_dispose;
  object_class->get_property = kdl_application_get_property;
  object_class->set_property = kdl_application_set_property;
  app_class->startup = kdl_application_startup;
  app_class->activate = kdl_application_activate;
  app_class->open = kdl_application_open;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KDL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_application_init (KdlApplication *self)
{
}

/**
 * kdl_application_new:
 * @application_id: (nullable): %NULL keeps the application off the session
 *   bus (tests)
 * @session: (nullable): the session to use (tests give their own); %NULL
 *   makes one at startup from the installed settings and the keyring
 */
KdlApplication *
kdl_application_new (const char        *application_id,
                     GApplicationFlags  flags,
                     KdlSession        *session)
{
  /* Fixed, so a .Devel build finds the same resources. */
  return g_object_new (KDL_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/kindling/Kindling",
                       "session", session,
                       NULL);
}

KdlSession *
kdl_application_get_session (KdlApplication *self)
{
  g_return_val_if_fail (KDL_IS_APPLICATION (self), NULL);

  return self->session;
}
