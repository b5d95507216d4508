/* test-preferences-nokeyring.c — Preferences when there is no Secret Service
 *
 * On a private session bus without org.freedesktop.secrets, Preferences
 * must say the keys are kept in memory for this session only, and keys
 * typed there must still work for calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsecret/secret.h>

#include "kdl-preferences-window-private.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static void
on_finished (gboolean *finished)
{
  *finished = TRUE;
}

static void
test_memory_only (void)
{
  g_autoptr(GSettings) settings = kdl_settings_new ();
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new (NULL);
  g_autoptr(KdlSession) session = NULL;
  g_autoptr(KdlSparkSim) sim = kdl_test_sim_new ();
  g_autofree char *url = kdl_spark_sim_get_url (sim, "max");
  KdlPreferencesWindow *window;
  gboolean finished = FALSE;
  const KdlCredentials *saved;

  kdl_credential_store_set_timeout (store, 2000);
  session = kdl_session_new (settings, store);
  window = g_object_ref (kdl_preferences_window_new (session));
  gtk_window_present (GTK_WINDOW (window));

  kdl_test_load_store (store);
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_MEMORY);

  /* What Preferences shows. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (window->storage_row)), ==,
                   "Kept in Memory for This Session Only");
  g_assert_cmpstr (adw_action_row_get_subtitle (window->storage_row), ==,
                   kdl_credential_store_get_storage_message (store));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (window->storage_row), "No keyring (Secret Service) is running"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->storage_icon), "warning"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window->storage_row)));

  /* Keys typed there are used at once, from memory. */
  g_settings_set_string (settings, "model-preset", "custom");
  g_settings_set_string (settings, "custom-url", url);
  g_settings_set_string (settings, "custom-domain", "generalv3.5");
  gtk_editable_set_text (GTK_EDITABLE (window->app_id_row), KDL_SIM_APP_ID);
  gtk_editable_set_text (GTK_EDITABLE (window->api_key_row), KDL_SIM_API_KEY);
  gtk_editable_set_text (GTK_EDITABLE (window->api_secret_row), KDL_SIM_API_SECRET);
  g_signal_emit_by_name (window->app_id_row, "apply");
  saved = kdl_credential_store_peek_saved (store);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->api_secret, ==, KDL_SIM_API_SECRET);
  g_assert_true (kdl_session_get_can_call (session));

  g_signal_connect_swapped (window->connection_test, "finished", G_CALLBACK (on_finished), &finished);
  g_signal_emit_by_name (kdl_test_find_button (GTK_WIDGET (window->connection_test), "Test connection"), "clicked");
  kdl_test_wait_until (is_true, &finished, 20000);
  g_assert_null (kdl_connection_test_get_error (window->connection_test));
  g_assert_nonnull (strstr (kdl_connection_test_get_reply (window->connection_test), "答案:"));
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_MEMORY);

  gtk_window_destroy (GTK_WINDOW (window));
  kdl_test_spin (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = NULL;
  GTestDBus *bus;
  int status;

  kdl_test_require_session ("a display");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GIO's proxy module needs the system's
   * schemas to reach the simulator. */
  g_test_init (&argc, &argv, NULL);

  /* A bus with no services at all, before GTK or libsecret connect; the
   * accessibility bus is not on it either. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus unsets it, against X11 autolaunch. */
  g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  gtk_init ();
  adw_init ();

  g_test_add_func ("/preferences/no-keyring/memory-only", test_memory_only);

  status = g_test_run ();

  secret_service_disconnect ();
  /* As in test-credentials-nobus: libsecret keeps the connection. */
  g_test_dbus_stop (bus);

  return status;
}
