/* kdl-preferences-window.c — the window and its Account page
 *
 * Keys typed here are saved (Enter, the apply button, Test connection or
 * closing the window) through the session's KdlCredentialStore: to the
 * keyring, or to memory for this session when there is none, which the
 * storage row then says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-preferences-window-private.h"

G_DEFINE_FINAL_TYPE (KdlPreferencesWindow, kdl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KdlCredentialStore *
get_store (KdlPreferencesWindow *self)
{
  return kdl_session_get_credential_store (self->session);
}

static char *
entry_text (AdwEntryRow *row)
{
  /* Keys pasted from a web page often carry spaces or a newline. */
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
load_keys (KdlPreferencesWindow *self)
{
  const KdlCredentials *saved = kdl_credential_store_peek_saved (get_store (self));

  if (self->keys_dirty)
    return;

  self->loading_keys = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->app_id_row), saved && saved->app_id ? saved->app_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), saved && saved->api_key ? saved->api_key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->api_secret_row), saved && saved->api_secret ? saved->api_secret : "");
  self->loading_keys = FALSE;
}

static void
update_storage (KdlPreferencesWindow *self)
{
  KdlCredentialStore *store = get_store (self);
  const char *icon = "dialog-password-symbolic";
  const char *title = NULL;
  const char *subtitle = NULL;
  gboolean memory = FALSE;
  gboolean saved = !kdl_credentials_is_empty (kdl_credential_store_peek_saved (store));

  switch (kdl_credential_store_get_storage (store))
    {
    case KDL_CREDENTIAL_STORAGE_KEYRING:
      if (saved)
        {
          title = _("Saved in the Keyring");
          subtitle = _("The system’s Secret Service keeps the keys; never a plain file.");
        }
      else
        {
          title = _("No Keys Saved");
          subtitle = _("Keys go to the system’s keyring (Secret Service); never to a plain file.");
        }
      break;
    case KDL_CREDENTIAL_STORAGE_MEMORY:
      icon = "dialog-warning-symbolic";
      title = _("Kept in Memory for This Session Only");
      subtitle = kdl_credential_store_get_storage_message (store);
      memory = TRUE;
      break;
    case KDL_CREDENTIAL_STORAGE_UNKNOWN:
    default:
      title = _("Looking for the Keyring…");
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->storage_row), title);
  adw_action_row_set_subtitle (self->storage_row, subtitle);
  gtk_image_set_from_icon_name (self->storage_icon, icon);
  if (memory)
    gtk_widget_add_css_class (GTK_WIDGET (self->storage_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->storage_icon), "warning");

  gtk_widget_set_visible (GTK_WIDGET (self->forget_button), saved);
  gtk_widget_set_visible (GTK_WIDGET (self->env_row), kdl_credential_store_has_env_override (store));
}

static void
on_store_changed (KdlPreferencesWindow *self)
{
  load_keys (self);
  update_storage (self);
}

static void
on_keys_saved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KdlPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  KdlCredentialStore *store = KDL_CREDENTIAL_STORE (object);
  const char *message;

  if (!kdl_credential_store_save_finish (store, result, &error))
    {
      g_debug ("saving the keys: %s", error->message);
      return;
    }

  /* The window may be closed already: nothing to show then. */
  if (self->session == NULL)
    return;

  if (kdl_credentials_is_empty (kdl_credential_store_peek_saved (store)))
    message = _("Keys forgotten");
  else if (kdl_credential_store_get_storage (store) == KDL_CREDENTIAL_STORAGE_KEYRING)
    message = _("Keys saved in the keyring");
  else
    message = _("Keys kept in memory for this session only");

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/**
 * kdl_preferences_window_save_keys:
 *
 * Saves the three fields now (they are in use at once, the keyring write
 * follows asynchronously).
 */
void
kdl_preferences_window_save_keys (KdlPreferencesWindow *self)
{
  g_autoptr(KdlCredentials) credentials = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *api_secret = NULL;

  g_return_if_fail (KDL_IS_PREFERENCES_WINDOW (self));

  app_id = entry_text (self->app_id_row);
  api_key = entry_text (self->api_key_row);
  api_secret = entry_text (self->api_secret_row);
  credentials = kdl_credentials_new (app_id, api_key, api_secret);

  self->keys_dirty = FALSE;
  kdl_credential_store_save_async (get_store (self), credentials, NULL, on_keys_saved, g_object_ref (self));
}

static void
on_key_changed (KdlPreferencesWindow *self)
{
  if (!self->loading_keys)
    self->keys_dirty = TRUE;
}

static void
on_key_apply (KdlPreferencesWindow *self)
{
  kdl_preferences_window_save_keys (self);
}

static void
on_forget_clicked (KdlPreferencesWindow *self)
{
  self->keys_dirty = FALSE;
  kdl_credential_store_save_async (get_store (self), NULL, NULL, on_keys_saved, g_object_ref (self));
}

/* Test connection tests what the fields say now. */
static void
on_test_prepare (KdlPreferencesWindow *self)
{
  if (self->keys_dirty)
    kdl_preferences_window_save_keys (self);
}

static gboolean
preset_to_simulator (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), KDL_PRESET_SIMULATOR) == 0);
  return TRUE;
}

static GVariant *
simulator_to_preset (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  KdlPreferencesWindow *self = user_data;

  if (g_value_get_boolean (value))
    return g_variant_new_string (KDL_PRESET_SIMULATOR);

  return g_variant_new_string (self->previous_preset != NULL ? self->previous_preset : "max");
}

static gboolean
kdl_preferences_window_close_request (GtkWindow *window)
{
  KdlPreferencesWindow *self = KDL_PREFERENCES_WINDOW (window);

  if (self->keys_dirty)
    kdl_preferences_window_save_keys (self);
  kdl_connection_test_cancel (self->connection_test);

  return GTK_WINDOW_CLASS (kdl_preferences_window_parent_class)->close_request (window);
}

static void
kdl_preferences_window_constructed (GObject *object)
{
  KdlPreferencesWindow *self = (KdlPreferencesWindow *)object;

  G_OBJECT_CLASS (kdl_preferences_window_parent_class)->constructed (object);

  g_assert (KDL_IS_SESSION (self->session));

  self->settings = g_object_ref (kdl_session_get_settings (self->session));
  kdl_connection_test_set_session (self->connection_test, self->session);

  load_keys (self);
  update_storage (self);
  g_signal_connect_object (get_store (self), "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);

  _kdl_preferences_window_bind_model (self);
  _kdl_preferences_window_bind_limits (self);

  g_settings_bind_with_mapping (self->settings, "model-preset", self->simulator_switch, "active",
                                G_SETTINGS_BIND_DEFAULT, preset_to_simulator, simulator_to_preset,
                                self, NULL);
}

static void
kdl_preferences_window_dispose (GObject *object)
{
  KdlPreferencesWindow *self = (KdlPreferencesWindow *)object;

  /* libadwaita 1.2 keeps the groups and rows of a destroyed
   * AdwPreferencesWindow alive (they are never finalized): the test group
   * must not keep the session, and its call, alive with them. */
  if (self->connection_test != NULL)
    {
      kdl_connection_test_cancel (self->connection_test);
      kdl_connection_test_set_session (self->connection_test, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kdl_preferences_window_parent_class)->dispose (object);
}

static void
kdl_preferences_window_finalize (GObject *object)
{
  KdlPreferencesWindow *self = (KdlPreferencesWindow *)object;

  g_clear_pointer (&self->previous_preset, g_free);
  g_clear_pointer (&self->url_error, g_free);

  G_OBJECT_CLASS (kdl_preferences_window_parent_class)->finalize (object);
}

static void
kdl_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KdlPreferencesWindow *self = KDL_PREFERENCES_WINDOW (object);

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
kdl_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KdlPreferencesWindow *self = KDL_PREFERENCES_WINDOW (object);

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
kdl_preferences_window_class_init (KdlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kdl_preferences_window_constructed;
  object_class->dispose = kdl_preferences_window_dispose;
  object_class->finalize = kdl_preferences_window_finalize;
  object_class->get_property = kdl_preferences_window_get_property;
  object_class->set_property = kdl_preferences_window_set_property;
  window_class->close_request = kdl_preferences_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KDL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_CONNECTION_TEST);
  g_type_ensure (KDL_TYPE_SPIN_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, app_id_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, api_secret_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, storage_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, storage_icon);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, env_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, simulator_switch);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, connection_test);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_test_prepare);
  _kdl_preferences_window_class_init_model (widget_class);
}

static void
kdl_preferences_window_init (KdlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KdlPreferencesWindow *
kdl_preferences_window_new (KdlSession *session)
{
  g_return_val_if_fail (KDL_IS_SESSION (session), NULL);

  return g_object_new (KDL_TYPE_PREFERENCES_WINDOW, "session", session, NULL);
}

KdlSession *
kdl_preferences_window_get_session (KdlPreferencesWindow *self)
{
  g_return_val_if_fail (KDL_IS_PREFERENCES_WINDOW (self), NULL);

  return self->session;
}
