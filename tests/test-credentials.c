/* test-credentials.c — the keys through the real gnome-keyring of the test session
 *
 * The SPARK_* variables are empty here (tests/meson.build), so nothing can
 * pass by reading the environment: keys written with libsecret directly must
 * come back through Kindling's API and the other way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "kdl-credential-store.h"
#include "kdl-test-util.h"

/* Written out here, not taken from the header: the format is a contract
 * with what is already stored in users' keyrings. */
static const SecretSchema test_schema = {
  "io.github.kindling.Kindling.Credentials", SECRET_SCHEMA_NONE,
  {
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "app-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static char *profile;

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

static GAsyncResult *
wait_result (Wait *wait)
{
  kdl_test_wait_until (has_result, wait, 10000);
  return wait->result;
}

static void
clear_keyring (void)
{
  g_autoptr(GError) error = NULL;

  secret_password_clear_sync (&test_schema, NULL, &error, "profile", profile, NULL);
  g_assert_no_error (error);
}

static void
store_directly (const char *app_id,
                const char *secret)
{
  g_autoptr(GError) error = NULL;

  secret_password_store_sync (&test_schema, SECRET_COLLECTION_DEFAULT, "test item", secret, NULL, &error,
                              "profile", profile,
                              "app-id", app_id,
                              NULL);
  g_assert_no_error (error);
}

static void
store_ours (const KdlCredentials *credentials)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  kdl_credentials_keyring_store_async (credentials, profile, 10000, NULL, on_ready, &wait);
  g_assert_true (kdl_credentials_keyring_store_finish (wait_result (&wait), &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static KdlCredentials *
lookup_ours (GError **error)
{
  KdlCredentials *found;
  Wait wait = { NULL };

  kdl_credentials_keyring_lookup_async (profile, 10000, NULL, on_ready, &wait);
  found = kdl_credentials_keyring_lookup_finish (wait_result (&wait), error);
  g_object_unref (wait.result);

  return found;
}

static void
assert_credentials (const KdlCredentials *credentials,
                    const char           *app_id,
                    const char           *api_key,
                    const char           *api_secret)
{
  g_assert_nonnull (credentials);
  g_assert_cmpstr (credentials->app_id, ==, app_id);
  g_assert_cmpstr (credentials->api_key, ==, api_key);
  g_assert_cmpstr (credentials->api_secret, ==, api_secret);
}

/* Kindling writes; libsecret, knowing only the schema, reads. */
static void
test_ours_to_libsecret (void)
{
  g_autoptr(KdlCredentials) keys = kdl_credentials_new ("a1b2c3d4", "key-ours-1", "secret-ours-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  GList *items;
  JsonObject *object;

  clear_keyring ();
  store_ours (keys);

  items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                       NULL, &error, "profile", profile, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);

  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "app-id"), ==, "a1b2c3d4");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, "io.github.kindling.Kindling.Credentials");

  value = secret_retrievable_retrieve_secret_sync (items->data, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, secret_value_get_text (value), -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "api_key"), ==, "key-ours-1");
  g_assert_cmpstr (json_object_get_string_member (object, "api_secret"), ==, "secret-ours-1");

  g_list_free_full (items, g_object_unref);
  clear_keyring ();
}

/* libsecret writes; Kindling reads, with nothing in the environment. */
static void
test_libsecret_to_ours (void)
{
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(KdlCredentials) effective = NULL;
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new (profile);
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  g_assert_null (kdl_credentials_new_from_env ());

  clear_keyring ();
  store_directly ("e5f6a7b8", "{\"api_key\": \"key-direct-2\", \"api_secret\": \"secret-direct-2\"}");

  found = lookup_ours (&error);
  g_assert_no_error (error);
  assert_credentials (found, "e5f6a7b8", "key-direct-2", "secret-direct-2");

  /* The same through the store the app and the CLI use. */
  kdl_credential_store_load_async (store, NULL, on_ready, &wait);
  effective = kdl_credential_store_load_finish (store, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  assert_credentials (effective, "e5f6a7b8", "key-direct-2", "secret-direct-2");
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_KEYRING);
  g_assert_true (kdl_credential_store_get_loaded (store));
  g_assert_true (kdl_credential_store_get_complete (store));
  g_assert_null (kdl_credential_store_get_storage_message (store));

  clear_keyring ();
}

/* One item per profile: saving another APPID replaces the old item. */
static void
test_replace_and_clear (void)
{
  g_autoptr(KdlCredentials) first = kdl_credentials_new ("11111111", "k1", "s1");
  g_autoptr(KdlCredentials) second = kdl_credentials_new ("22222222", "k2", "s2");
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;
  Wait wait = { NULL };

  clear_keyring ();
  store_ours (first);
  store_ours (second);

  items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL, NULL, &error, "profile", profile, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  found = lookup_ours (&error);
  g_assert_no_error (error);
  assert_credentials (found, "22222222", "k2", "s2");
  g_clear_pointer (&found, kdl_credentials_free);

  kdl_credentials_keyring_clear_async (profile, 10000, NULL, on_ready, &wait);
  g_assert_true (kdl_credentials_keyring_clear_finish (wait_result (&wait), &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);

  /* Nothing stored is not an error. */
  found = lookup_ours (&error);
  g_assert_no_error (error);
  g_assert_null (found);

  items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL, NULL, &error, "profile", profile, NULL);
  g_assert_no_error (error);
  g_assert_null (items);
}

static void
test_unreadable_item (void)
{
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new (profile);
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  clear_keyring ();
  store_directly ("33333333", "not json");

  found = lookup_ours (&error);
  g_assert_error (error, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_INVALID);
  g_assert_null (found);
  g_assert_false (kdl_credentials_error_is_unavailable (error));
  g_clear_error (&error);

  /* The keyring itself works: the store keeps using it. */
  kdl_credential_store_load_async (store, NULL, on_ready, &wait);
  found = kdl_credential_store_load_finish (store, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_null (found);
  g_object_unref (wait.result);
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_KEYRING);

  clear_keyring ();
}

static void
count (guint *counter)
{
  (*counter)++;
}

static void
test_store_saves_to_keyring (void)
{
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new (profile);
  g_autoptr(KdlCredentials) keys = kdl_credentials_new ("44444444", "key-store-4", "secret-store-4");
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint changed = 0;
  Wait wait = { NULL };

  clear_keyring ();
  g_signal_connect_swapped (store, "notify::complete", G_CALLBACK (count), &changed);

  kdl_credential_store_save_async (store, keys, NULL, on_ready, &wait);
  /* In use at once, before the keyring answered. */
  assert_credentials (kdl_credential_store_peek_saved (store), "44444444", "key-store-4", "secret-store-4");
  g_assert_true (kdl_credential_store_save_finish (store, wait_result (&wait), &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
  g_assert_cmpint (kdl_credential_store_get_storage (store), ==, KDL_CREDENTIAL_STORAGE_KEYRING);
  g_assert_cmpuint (changed, ==, 1);

  secret = secret_password_lookup_sync (&test_schema, NULL, &error,
                                        "profile", profile, "app-id", "44444444", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_nonnull (strstr (secret, "secret-store-4"));

  /* Forgetting removes the item. */
  wait.result = NULL;
  kdl_credential_store_save_async (store, NULL, NULL, on_ready, &wait);
  g_assert_true (kdl_credential_store_save_finish (store, wait_result (&wait), &error));
  g_object_unref (wait.result);
  g_assert_null (kdl_credential_store_peek_saved (store));
  g_clear_pointer (&secret, g_free);
  secret = secret_password_lookup_sync (&test_schema, NULL, &error, "profile", profile, NULL);
  g_assert_no_error (error);
  g_assert_null (secret);
}

/* SPARK_* override the keyring, field by field. */
static void
test_env_overrides (void)
{
  g_autoptr(KdlCredentialStore) store = kdl_credential_store_new (profile);
  g_autoptr(KdlCredentials) effective = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  clear_keyring ();
  store_directly ("55555555", "{\"api_key\": \"key-ring-5\", \"api_secret\": \"secret-ring-5\"}");

  g_setenv ("SPARK_API_SECRET", "secret-env-5", TRUE);
  kdl_credential_store_load_async (store, NULL, on_ready, &wait);
  effective = kdl_credential_store_load_finish (store, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  assert_credentials (effective, "55555555", "key-ring-5", "secret-env-5");
  g_assert_true (kdl_credential_store_has_env_override (store));
  /* What the user saved is still shown as saved. */
  assert_credentials (kdl_credential_store_peek_saved (store), "55555555", "key-ring-5", "secret-ring-5");

  g_setenv ("SPARK_APP_ID", "envapp66", TRUE);
  g_setenv ("SPARK_API_KEY", "key-env-6", TRUE);
  g_clear_pointer (&effective, kdl_credentials_free);
  effective = kdl_credential_store_dup_effective (store);
  assert_credentials (effective, "envapp66", "key-env-6", "secret-env-5");

  /* Empty counts as unset. */
  g_setenv ("SPARK_APP_ID", "", TRUE);
  g_setenv ("SPARK_API_KEY", "", TRUE);
  g_setenv ("SPARK_API_SECRET", "", TRUE);
  g_clear_pointer (&effective, kdl_credentials_free);
  effective = kdl_credential_store_dup_effective (store);
  assert_credentials (effective, "55555555", "key-ring-5", "secret-ring-5");
  g_assert_false (kdl_credential_store_has_env_override (store));

  clear_keyring ();
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KdlCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  kdl_credentials_keyring_lookup_async (profile, 10000, cancellable, on_ready, &wait);
  g_cancellable_cancel (cancellable);
  found = kdl_credentials_keyring_lookup_finish (wait_result (&wait), &error);
  g_object_unref (wait.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kdl_test_require_session ("the test session's gnome-keyring");
  g_test_init (&argc, &argv, NULL);

  /* A profile of its own: other tests may use the keyring at once. */
  profile = g_strdup_printf ("test-credentials-%d", (int)getpid ());

  g_test_add_func ("/credentials/keyring/ours-to-libsecret", test_ours_to_libsecret);
  g_test_add_func ("/credentials/keyring/libsecret-to-ours", test_libsecret_to_ours);
  g_test_add_func ("/credentials/keyring/replace-and-clear", test_replace_and_clear);
  g_test_add_func ("/credentials/keyring/unreadable-item", test_unreadable_item);
  g_test_add_func ("/credentials/keyring/cancel", test_cancel);
  g_test_add_func ("/credentials/store/saves-to-keyring", test_store_saves_to_keyring);
  g_test_add_func ("/credentials/store/env-overrides", test_env_overrides);

  status = g_test_run ();
  g_free (profile);

  return status;
}
