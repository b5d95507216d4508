/* test-preferences.c — Preferences, in process: bindings, refusals, Test connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "kdl-error.h"
#include "kdl-preferences-window-private.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"

typedef struct
{
  GSettings            *settings;
  KdlCredentialStore   *store;
  KdlSession           *session;
  KdlPreferencesWindow *window;
  KdlSparkSim          *sim;
  gboolean              finished;
  gboolean              closed;
} Fixture;

static char *profile;

static void
on_finished (Fixture *fixture)
{
  fixture->finished = TRUE;
}

static gboolean
finished (gpointer data)
{
  return ((Fixture *)data)->finished;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = kdl_test_settings_new_reset ();

  /* A keyring profile of its own, emptied first. */
  fixture->store = kdl_credential_store_new (profile);
  kdl_credential_store_save_async (fixture->store, NULL, NULL, NULL, NULL);
  kdl_test_load_store (fixture->store);
  g_assert_cmpint (kdl_credential_store_get_storage (fixture->store), ==, KDL_CREDENTIAL_STORAGE_KEYRING);

  fixture->session = kdl_session_new (fixture->settings, fixture->store);
  fixture->window = g_object_ref (kdl_preferences_window_new (fixture->session));
  g_signal_connect_swapped (fixture->window->connection_test, "finished", G_CALLBACK (on_finished), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!fixture->closed)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Saves still running hold the window until they report. */
  kdl_test_wait_until (kdl_test_only_ref, fixture->window, 10000);
  g_assert_finalize_object (fixture->window);

  g_assert_finalize_object (fixture->session);
  kdl_credential_store_save_async (fixture->store, NULL, NULL, NULL, NULL);
  kdl_test_wait_until (kdl_test_only_ref, fixture->store, 10000);
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->sim);
}

static void
type_text (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static GtkSpinButton *
spin_of (KdlSpinRow *row)
{
  return kdl_spin_row_get_spin_button (row);
}

/* Setting → widget, and widget → setting, for every kind of field. */
static void
test_binds_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  g_autofree char *preset = NULL;
  g_autofree char *domain = NULL;

  /* Settings → widgets. */
  g_settings_set_double (fixture->settings, "temperature", 0.8);
  g_settings_set_int (fixture->settings, "top-k", 2);
  g_settings_set_int (fixture->settings, "max-tokens", 3000);
  g_settings_set_uint (fixture->settings, "connect-timeout", 7);
  g_settings_set_uint (fixture->settings, "first-frame-timeout", 45);
  g_settings_set_uint (fixture->settings, "idle-timeout", 12);
  g_settings_set_uint (fixture->settings, "concurrency", 10);
  g_settings_set_double (fixture->settings, "requests-per-second", 0);
  g_settings_set_string (fixture->settings, "model-preset", "pro-128k");
  g_settings_set_string (fixture->settings, "custom-domain", "xsparkfromsettings");

  g_assert_cmpfloat_with_epsilon (kdl_spin_row_get_value (w->temperature_row), 0.8, 1e-9);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->top_k_row), ==, 2);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->max_tokens_row), ==, 3000);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->connect_timeout_row), ==, 7);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->first_frame_timeout_row), ==, 45);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->idle_timeout_row), ==, 12);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->concurrency_row), ==, 10);
  g_assert_cmpfloat (kdl_spin_row_get_value (w->qps_row), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (w->preset_row), ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w->preset_info_row)), ==,
                   "wss://spark-api.xf-yun.com/chat/pro-128k");
  g_assert_cmpstr (adw_action_row_get_subtitle (w->preset_info_row), ==,
                   "domain pro-128k · up to 4096 tokens · 128K context");
  g_assert_cmpfloat (gtk_adjustment_get_upper (kdl_spin_row_get_adjustment (w->max_tokens_row)), ==, 4096);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->custom_domain_row)), ==, "xsparkfromsettings");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (w->custom_group)));

  /* Widgets → settings. */
  gtk_spin_button_set_value (spin_of (w->top_k_row), 5);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "top-k"), ==, 5);
  gtk_spin_button_set_value (spin_of (w->temperature_row), 0.25);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "temperature"), 0.25, 1e-9);
  gtk_spin_button_set_value (spin_of (w->concurrency_row), 32);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "concurrency"), ==, 32);
  gtk_spin_button_set_value (spin_of (w->qps_row), 1.5);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "requests-per-second"), ==, 1.5);
  gtk_spin_button_set_value (spin_of (w->idle_timeout_row), 90);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-timeout"), ==, 90);

  adw_combo_row_set_selected (w->preset_row, 5);
  preset = g_settings_get_string (fixture->settings, "model-preset");
  g_assert_cmpstr (preset, ==, "ultra");
  g_assert_cmpfloat (gtk_adjustment_get_upper (kdl_spin_row_get_adjustment (w->max_tokens_row)), ==, 8192);

  /* Custom: its fields show, and a fine-tuned model's address is offered. */
  adw_combo_row_set_selected (w->preset_row, 6);
  g_clear_pointer (&preset, g_free);
  preset = g_settings_get_string (fixture->settings, "model-preset");
  g_assert_cmpstr (preset, ==, "custom");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (w->custom_group)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->custom_url_row)), ==, KDL_SPARK_FINETUNED_URL);
  type_text (w->custom_domain_row, "xsparktyped");
  domain = g_settings_get_string (fixture->settings, "custom-domain");
  g_assert_cmpstr (domain, ==, "xsparktyped");

  /* The simulator switch, and back to the model chosen before. */
  gtk_switch_set_active (w->simulator_switch, TRUE);
  g_clear_pointer (&preset, g_free);
  preset = g_settings_get_string (fixture->settings, "model-preset");
  g_assert_cmpstr (preset, ==, "simulator");
  g_assert_true (kdl_session_get_using_simulator (fixture->session));
  g_assert_cmpuint (adw_combo_row_get_selected (w->preset_row), ==, 7);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w->preset_info_row)), "ws://127.0.0.1:"));
  gtk_switch_set_active (w->simulator_switch, FALSE);
  g_clear_pointer (&preset, g_free);
  preset = g_settings_get_string (fixture->settings, "model-preset");
  g_assert_cmpstr (preset, ==, "custom");
  g_assert_false (kdl_session_get_using_simulator (fixture->session));
  g_settings_set_string (fixture->settings, "model-preset", "simulator");
  g_assert_true (gtk_switch_get_active (w->simulator_switch));
}

static void
count (guint *counter)
{
  (*counter)++;
}

/* Text the field refuses: marked while typed, refused on Enter. */
static void
assert_refused (KdlSpinRow *row,
                const char *text,
                double      kept)
{
  GtkSpinButton *spin = spin_of (row);
  guint refused = 0;
  gulong id = g_signal_connect_swapped (row, "refused", G_CALLBACK (count), &refused);

  type_text (spin, text);
  g_assert_nonnull (kdl_spin_row_get_error (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (spin)));

  gtk_spin_button_update (spin);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), kept, 1e-9);
  /* The field shows the kept value again, no longer marked. */
  g_assert_null (kdl_spin_row_get_error (row));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));

  g_signal_handler_disconnect (row, id);
}

static void
test_refuses_invalid (Fixture       *fixture,
                      gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  g_autofree char *insecure = kdl_spark_error_code_describe (KDL_SPARK_ERROR_INSECURE_URL, NULL);
  g_autofree char *invalid = kdl_spark_error_code_describe (KDL_SPARK_ERROR_INVALID_URL, NULL);
  g_autofree char *url = NULL;

  assert_refused (w->top_k_row, "9", 4);
  assert_refused (w->top_k_row, "0", 4);
  assert_refused (w->top_k_row, "four", 4);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "top-k"), ==, 4);
  assert_refused (w->temperature_row, "0", 0.5);
  assert_refused (w->temperature_row, "1.5", 0.5);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "temperature"), ==, 0.5);
  assert_refused (w->concurrency_row, "65", 2);
  assert_refused (w->qps_row, "-1", 2);
  assert_refused (w->connect_timeout_row, "0", 15);

  /* Valid typed text is taken. */
  type_text (spin_of (w->top_k_row), "6");
  g_assert_null (kdl_spin_row_get_error (w->top_k_row));
  gtk_spin_button_update (spin_of (w->top_k_row));
  g_assert_cmpint (g_settings_get_int (fixture->settings, "top-k"), ==, 6);

  /* max_tokens follows the model: 8000 is fine for Max, not for Lite. */
  type_text (spin_of (w->max_tokens_row), "8000");
  gtk_spin_button_update (spin_of (w->max_tokens_row));
  g_assert_cmpint (g_settings_get_int (fixture->settings, "max-tokens"), ==, 8000);
  g_settings_set_string (fixture->settings, "model-preset", "lite");
  g_assert_cmpint (g_settings_get_int (fixture->settings, "max-tokens"), ==, 4096);
  assert_refused (w->max_tokens_row, "5000", 4096);

  /* The custom endpoint: ws:// only to loopback, and only ws:// or wss://. */
  g_settings_set_string (fixture->settings, "model-preset", "custom");
  type_text (w->custom_domain_row, "xsparkcustom");
  type_text (w->custom_url_row, "ws://example.com/v1.1/chat");
  url = g_settings_get_string (fixture->settings, "custom-url");
  g_assert_cmpstr (url, ==, KDL_SPARK_FINETUNED_URL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (w->custom_error_label)));
  g_assert_cmpstr (gtk_label_get_text (w->custom_error_label), ==, insecure);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (w->custom_url_row), "error"));

  type_text (w->custom_url_row, "ftp://example.com/chat");
  g_assert_cmpstr (gtk_label_get_text (w->custom_error_label), ==, invalid);
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "custom-url");
  g_assert_cmpstr (url, ==, KDL_SPARK_FINETUNED_URL);

  type_text (w->custom_url_row, "ws://127.0.0.1:8080/v1.1/chat");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "custom-url");
  g_assert_cmpstr (url, ==, "ws://127.0.0.1:8080/v1.1/chat");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (w->custom_error_label)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (w->custom_url_row), "error"));

  /* A stored address that is not allowed (written elsewhere) is flagged. */
  g_settings_set_string (fixture->settings, "custom-url", "ws://example.com/v1.1/chat");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->custom_url_row)), ==, "ws://example.com/v1.1/chat");
  g_assert_cmpstr (gtk_label_get_text (w->custom_error_label), ==, insecure);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (w->custom_url_row), "error"));
  type_text (w->custom_url_row, "wss://maas-api.cn-huabei-1.xf-yun.com/v1.1/chat");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (w->custom_error_label)));

  /* No domain: the model is not set up, and the page says so. */
  type_text (w->custom_domain_row, "");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (w->custom_error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (w->custom_error_label), "serviceId"));
}

/* A save in flight holds the store: the fixture and the session remain. */
static gboolean
saves_done (gpointer data)
{
  return G_OBJECT (data)->ref_count == 2;
}

/* Keys typed and applied go to the keyring; Forget removes them. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  const KdlCredentials *saved;
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(KdlCredentialStore) reader = kdl_credential_store_new (profile);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w->storage_row)), ==, "No Keys Saved");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (w->forget_button)));

  type_text (w->app_id_row, "  abcd1234 ");
  type_text (w->api_key_row, "key-typed");
  type_text (w->api_secret_row, "secret-typed\n");
  g_signal_emit_by_name (w->api_secret_row, "apply");

  saved = kdl_credential_store_peek_saved (fixture->store);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->app_id, ==, "abcd1234");
  g_assert_cmpstr (saved->api_secret, ==, "secret-typed");
  g_assert_true (kdl_session_get_can_call (fixture->session));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (w->forget_button)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w->storage_row)), ==, "Saved in the Keyring");

  /* In the keyring: another store of the same profile reads them. */
  kdl_test_wait_until (saves_done, fixture->store, 10000);
  kdl_test_load_store (reader);
  found = kdl_credential_store_dup_effective (reader);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->api_key, ==, "key-typed");

  g_signal_emit_by_name (w->forget_button, "clicked");
  g_assert_null (kdl_credential_store_peek_saved (fixture->store));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->app_id_row)), ==, "");
  g_assert_false (kdl_session_get_can_call (fixture->session));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (w->forget_button)));
}

static gboolean
sim_got_request (gpointer data)
{
  KdlSparkSimStats stats;

  kdl_spark_sim_get_stats (data, &stats);
  return stats.requests > 0;
}

static gboolean
sim_idle (gpointer data)
{
  KdlSparkSimStats stats;

  kdl_spark_sim_get_stats (data, &stats);
  return stats.open_connections == 0;
}

static void
use_test_sim (Fixture *fixture,
              guint    first_frame_ms)
{
  g_autofree char *url = NULL;

  fixture->sim = kdl_test_sim_new ();
  kdl_spark_sim_set_latency (fixture->sim, first_frame_ms, 30);
  url = kdl_spark_sim_get_url (fixture->sim, "max");
  g_settings_set_string (fixture->settings, "model-preset", "custom");
  g_settings_set_string (fixture->settings, "custom-url", url);
  g_settings_set_string (fixture->settings, "custom-domain", "generalv3.5");
}

/* Presses the button and keeps the main loop running until the test ends,
 * noting how often the reply grew. */
static guint
press_test_connection (Fixture *fixture)
{
  GtkWidget *button = kdl_test_find_button (GTK_WIDGET (fixture->window->connection_test), "Test connection");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gsize last_length = 0;
  guint growths = 0;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  fixture->finished = FALSE;
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (kdl_connection_test_get_running (fixture->window->connection_test));
  g_assert_false (gtk_widget_is_sensitive (button));

  while (!fixture->finished)
    {
      const char *reply = kdl_connection_test_get_reply (fixture->window->connection_test);

      if (reply != NULL && strlen (reply) > last_length)
        {
          last_length = strlen (reply);
          growths++;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_true (gtk_widget_is_sensitive (button));

  return growths;
}

static void
test_connection_reply (Fixture       *fixture,
                       gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  KdlConnectionTest *test = w->connection_test;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  const char *reply;
  GtkWidget *label;
  guint growths;

  use_test_sim (fixture, 50);
  url = kdl_spark_sim_get_url (fixture->sim, "max");
  title = g_strdup_printf ("Reply from %s (generalv3.5)", url);

  /* Typed, not applied: the test saves them first. */
  type_text (w->app_id_row, KDL_SIM_APP_ID);
  type_text (w->api_key_row, KDL_SIM_API_KEY);
  type_text (w->api_secret_row, KDL_SIM_API_SECRET);

  growths = press_test_connection (fixture);
  g_test_message ("the reply grew %u times", growths);

  g_assert_null (kdl_connection_test_get_error (test));
  reply = kdl_connection_test_get_reply (test);
  g_assert_nonnull (reply);
  g_assert_true (g_str_has_prefix (reply, "1. "));
  g_assert_nonnull (strstr (reply, "答案:"));
  g_assert_cmpuint (growths, >=, 3);

  /* What the user sees. */
  label = kdl_test_find_label (GTK_WIDGET (test), reply);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (test), title));
  g_assert_true (sim_got_request (fixture->sim));

  g_assert_cmpstr (kdl_credential_store_peek_saved (fixture->store)->api_secret, ==, KDL_SIM_API_SECRET);
}

static void
test_connection_wrong_secret (Fixture       *fixture,
                              gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  g_autofree char *refused = kdl_spark_error_code_describe (KDL_SPARK_ERROR_HTTP_UNAUTHORIZED, NULL);
  const char *error;
  GtkWidget *label;

  use_test_sim (fixture, 5);
  type_text (w->app_id_row, KDL_SIM_APP_ID);
  type_text (w->api_key_row, KDL_SIM_API_KEY);
  type_text (w->api_secret_row, "not-the-secret");

  press_test_connection (fixture);

  error = kdl_connection_test_get_error (w->connection_test);
  g_assert_nonnull (error);
  g_test_message ("%s", error);
  g_assert_true (g_str_has_prefix (error, refused));
  label = kdl_test_find_label (GTK_WIDGET (w->connection_test), error);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (w->connection_test), "The test failed"));
  g_assert_cmpstr (kdl_connection_test_get_reply (w->connection_test), ==, "");
}

/* No keys, no account: the offline simulator answers in this process. */
static void
test_connection_simulator (Fixture       *fixture,
                           gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  KdlSparkSim *sim;
  guint growths;

  g_assert_null (kdl_credential_store_peek_saved (fixture->store));
  gtk_switch_set_active (w->simulator_switch, TRUE);
  sim = kdl_session_get_simulator (fixture->session);
  g_assert_nonnull (sim);

  growths = press_test_connection (fixture);

  g_assert_null (kdl_connection_test_get_error (w->connection_test));
  g_assert_nonnull (strstr (kdl_connection_test_get_reply (w->connection_test), "答案:"));
  g_assert_cmpuint (growths, >=, 3);
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (w->connection_test), "Reply from the offline simulator"));
  g_assert_true (sim_got_request (sim));
}

/* Closing Preferences mid-call cancels it and closes the socket. */
static void
test_connection_cancelled_on_close (Fixture       *fixture,
                                    gconstpointer  data)
{
  KdlPreferencesWindow *w = fixture->window;
  GtkWidget *button = kdl_test_find_button (GTK_WIDGET (w->connection_test), "Test connection");

  use_test_sim (fixture, 10000);
  type_text (w->app_id_row, KDL_SIM_APP_ID);
  type_text (w->api_key_row, KDL_SIM_API_KEY);
  type_text (w->api_secret_row, KDL_SIM_API_SECRET);

  g_signal_emit_by_name (button, "clicked");
  kdl_test_wait_until (sim_got_request, fixture->sim, 10000);
  g_assert_true (kdl_connection_test_get_running (w->connection_test));

  gtk_window_close (GTK_WINDOW (w));
  fixture->closed = TRUE;
  kdl_test_wait_until (finished, fixture, 2000);
  kdl_test_wait_until (sim_idle, fixture->sim, 5000);
}

/* Where calls go, decided in one place. */
static void
test_session_provider (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlChatRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  g_settings_set_string (fixture->settings, "model-preset", "custom");
  g_settings_set_string (fixture->settings, "custom-url", "ws://example.com/v1.1/chat");
  g_settings_set_string (fixture->settings, "custom-domain", "xsparkx");
  provider = kdl_session_create_provider (fixture->session, NULL, &error);
  g_assert_error (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INSECURE_URL);
  g_assert_null (provider);
  g_clear_error (&error);

  g_settings_set_string (fixture->settings, "model-preset", "ultra");
  g_settings_set_uint (fixture->settings, "concurrency", 40);
  provider = kdl_session_create_provider (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_spark_provider_get_endpoint (provider)->domain, ==, "4.0Ultra");
  g_assert_cmpuint (kdl_spark_provider_get_max_connections (provider), >=, 40);
  g_assert_false (kdl_spark_provider_has_credentials (provider));
  label = kdl_session_dup_provider_label (fixture->session);
  g_assert_cmpstr (label, ==, "Spark 4.0 Ultra");
  g_assert_false (kdl_session_get_can_call (fixture->session));
  g_clear_object (&provider);

  g_settings_set_string (fixture->settings, "model-preset", "simulator");
  g_assert_true (kdl_session_get_can_call (fixture->session));
  provider = kdl_session_create_provider (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdl_spark_provider_has_credentials (provider));
  g_assert_true (g_str_has_prefix (kdl_spark_provider_get_endpoint (provider)->url, "ws://127.0.0.1:"));
  description = kdl_llm_provider_describe (KDL_LLM_PROVIDER (provider));
  g_assert_cmpstr (description, ==, "Offline simulator");

  g_settings_set_int (fixture->settings, "top-k", 3);
  request = kdl_session_create_request (fixture->session, NULL, "hi");
  g_assert_cmpint (request->top_k, ==, 3);
  g_assert_cmpfloat (request->temperature, ==, 0.5);

  /* Leaving the simulator stops it. */
  g_settings_set_string (fixture->settings, "model-preset", "max");
  g_assert_null (kdl_session_get_simulator (fixture->session));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kdl_test_require_session ("a display and the test session's gnome-keyring");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  profile = g_strdup_printf ("test-preferences-%d", (int)getpid ());

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/preferences/binds-settings", test_binds_settings);
  ADD ("/preferences/refuses-invalid", test_refuses_invalid);
  ADD ("/preferences/keys", test_keys);
  ADD ("/preferences/test-connection/reply", test_connection_reply);
  ADD ("/preferences/test-connection/wrong-secret", test_connection_wrong_secret);
  ADD ("/preferences/test-connection/simulator", test_connection_simulator);
  ADD ("/preferences/test-connection/cancelled-on-close", test_connection_cancelled_on_close);
  ADD ("/preferences/session-provider", test_session_provider);
#undef ADD

  status = g_test_run ();
  g_free (profile);

  return status;
}
