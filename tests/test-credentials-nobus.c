/* test-credentials-nobus.c — no Secret Service, and one that never answers
 *
 * Runs on a private session bus (GTestDBus) with no service files, so
 * org.freedesktop.secrets cannot be started.  The keys must then live in
 * memory only, with a state the UI can show, and leave no trace on disk, in
 * GSettings or in the log.  Then a fake Secret Service that swallows every
 * call stands in for a locked keyring whose prompt nobody answers: calls
 * must give up after their timeout, and the CLI must not hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "kdl-credential-store.h"
#include "kdl-settings.h"
#include "kdl-test-util.h"

#define SECRET_API_KEY    "nobus-api-key-7f3a9c"
#define SECRET_API_SECRET "nobus-api-secret-1d8e42"

static GString *log_text;

/* Every message, debug ones included, whether or not G_MESSAGES_DEBUG
 * would print it; only warnings and worse are passed on (TAP owns stdout). */
static GLogWriterOutput
capture_log (GLogLevelFlags   log_level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (log_text, "%s=%s\n", fields[i].key, (const char *)fields[i].value);

  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Wait *)data)->result != NULL;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* Binary files may hold NULs: no strstr. */
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;

  return FALSE;
}

/* Fails if any file under @dir holds @needle. */
static void
assert_no_file_contains (const char *dir,
                         const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_no_file_contains (path, needle);
      else if (file_contains (path, needle))
        g_error ("%s holds a secret", path);
    }
}

static void
test_lookup_no_service (void)
{
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  kdl_credentials_keyring_lookup_async (NULL, 5000, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  found = kdl_credentials_keyring_lookup_finish (wait.result, &error);
  g_object_unref (wait.result);

  g_assert_error (error, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_NO_SERVICE);
  g_assert_true (kdl_credentials_error_is_unavailable (error));
  g_assert_null (found);
}

static void
test_memory_fallback (void)
{
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new (NULL);
  g_autoptr(KdlCredentialStore) other = NULL;
  g_autoptr(KdlCredentials) keys = kdl_credentials_new ("nobus001", SECRET_API_KEY, SECRET_API_SECRET);
  g_autoptr(KdlCredentials) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys_list = NULL;
  Wait wait = { NULL };

  g_string_truncate (log_text, 0);

  kdl_credential_store_load_async (store, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  effective = kdl_credential_store_load_finish (store, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_null (effective);

  /* The state the UI shows. */
  g_assert_true (kdl_credential_store_get_loaded (store));
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_MEMORY);
  g_assert_nonnull (kdl_credential_store_get_storage_message (store));
  g_assert_nonnull (strstr (kdl_credential_store_get_storage_message (store), "memory for this session only"));

  kdl_credential_store_save_async (store, keys, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  g_assert_true (kdl_credential_store_save_finish (store, wait.result, &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  effective = kdl_credential_store_dup_effective (store);
  g_assert_cmpstr (effective->api_secret, ==, SECRET_API_SECRET);
  g_assert_true (kdl_credential_store_get_complete (store));
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_MEMORY);

  /* Loading again keeps what this session has. */
  kdl_credential_store_load_async (store, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  g_clear_pointer (&effective, kdl_credentials_free);
  effective = kdl_credential_store_load_finish (store, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_cmpstr (effective->api_key, ==, SECRET_API_KEY);

  /* Another store (another process, the next start) finds nothing. */
  other = kdl_credential_store_new (NULL);
  kdl_credential_store_load_async (other, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  g_clear_pointer (&effective, kdl_credentials_free);
  effective = kdl_credential_store_load_finish (other, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_null (effective);

  /* Nowhere on disk (the test's HOME and XDG folders are its own). */
  assert_no_file_contains (g_get_home_dir (), SECRET_API_SECRET);
  assert_no_file_contains (g_get_user_config_dir (), SECRET_API_SECRET);
  assert_no_file_contains (g_get_user_data_dir (), SECRET_API_SECRET);
  assert_no_file_contains (g_get_user_cache_dir (), SECRET_API_SECRET);
  assert_no_file_contains (g_get_user_runtime_dir (), SECRET_API_SECRET);
  assert_no_file_contains (g_get_user_config_dir (), SECRET_API_KEY);

  /* Nowhere in GSettings. */
  settings = kdl_settings_new ();
  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys_list = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys_list[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys_list[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, SECRET_API_SECRET));
      g_assert_null (strstr (text, SECRET_API_KEY));
    }

  /* Nowhere in the log, debug messages included. */
  g_test_message ("captured %" G_GSIZE_FORMAT " bytes of log", log_text->len);
  g_assert_true (strstr (log_text->str, "Secret Service") != NULL);
  g_assert_null (strstr (log_text->str, SECRET_API_SECRET));
  g_assert_null (strstr (log_text->str, SECRET_API_KEY));
}

/* A D-Bus filter that swallows every call to the fake service: the caller
 * waits for a reply that never comes, like an unanswered unlock prompt. */
static GDBusMessage *
swallow_calls (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_atomic_int_inc ((int *)user_data);
      g_object_unref (message);
      return NULL;
    }

  return message;
}

static GDBusConnection *hanging_service;
static int swallowed;

static void
start_hanging_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  hanging_service = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                            NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (hanging_service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (hanging_service, swallow_calls, &swallowed, NULL);
}

static void
test_timeout (void)
{
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new ("timeout");
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  Wait wait = { NULL };

  start = g_get_monotonic_time ();
  kdl_credentials_keyring_lookup_async ("timeout", 300, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  found = kdl_credentials_keyring_lookup_finish (wait.result, &error);
  g_clear_object (&wait.result);
  g_test_message ("gave up after %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_error (error, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (g_atomic_int_get (&swallowed), >, 0);
  g_clear_error (&error);

  /* The store then keeps the keys in memory and says why. */
  kdl_credential_store_set_timeout (store, 300);
  kdl_credential_store_load_async (store, NULL, on_ready, &wait);
  kdl_test_wait_until (has_result, &wait, 10000);
  found = kdl_credential_store_load_finish (store, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_MEMORY);
  g_assert_nonnull (strstr (kdl_credential_store_get_storage_message (store), "did not answer in time"));
}

typedef struct
{
  char   *out;
  char   *err;
  GError *error;
  gboolean done;
} CliRun;

static void
on_cli_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CliRun *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &run->error);
  run->done = TRUE;
}

static gboolean
cli_done (gpointer data)
{
  return ((CliRun *)data)->done;
}

/* A headless CLI with no keys in the environment gives up on the keyring
 * quickly and says what to do, instead of hanging. */
static void
test_cli_does_not_hang (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KDL_CLI");
  CliRun run = { NULL };
  gint64 start;

  g_assert_nonnull (cli);
  g_subprocess_launcher_setenv (launcher, "SPARK_APP_ID", "", TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_KEY", "", TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_SECRET", "", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "chat",
                                         "--endpoint", "ws://127.0.0.1:9/v3.5/chat", "hello", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_cli_done, &run);
  kdl_test_wait_until (cli_done, &run, 20000);
  g_assert_no_error (run.error);

  g_test_message ("kindling-cli took %.2f s: %s", (g_get_monotonic_time () - start) / 1e6, run.err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  g_assert_nonnull (strstr (run.err, "SPARK_APP_ID"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_free (run.out);
  g_free (run.err);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  /* Before anything connects to the session bus. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  g_test_add_func ("/credentials/no-service/lookup", test_lookup_no_service);
  g_test_add_func ("/credentials/no-service/memory-only", test_memory_fallback);
  g_test_add_func ("/credentials/no-service/cli-without-keys", test_cli_does_not_hang);
  g_test_add_func ("/credentials/hanging-service/start", start_hanging_service);
  g_test_add_func ("/credentials/hanging-service/timeout", test_timeout);
  g_test_add_func ("/credentials/hanging-service/cli-does-not-hang", test_cli_does_not_hang);

  status = g_test_run ();

  g_clear_object (&hanging_service);
  secret_service_disconnect ();
  /* Not g_test_dbus_down() (nor unref, which calls it): after a second
   * failed call libsecret keeps a reference on the bus connection, and
   * down() waits for that connection to go away. */
  g_test_dbus_stop (bus);

  return status;
}
