/* kdl-credentials-keyring.c — the keys in the Secret Service
 *
 * Every call is asynchronous and bounded by a timeout: a locked keyring can
 * open an unlock prompt that nobody answers (headless, or under Xvfb), and
 * without a bound the caller would wait forever.  When the timeout fires the
 * libsecret call is cancelled and the caller gets
 * KDL_CREDENTIALS_ERROR_TIMEOUT at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdl-credentials.h"

typedef struct
{
  GMainContext   *context;
  GCancellable   *inner;       /* cancels the libsecret calls */
  GCancellable   *outer;       /* the caller's */
  gulong          outer_id;
  GSource        *timeout;     /* on @context, which may not be the default */
  gboolean        done;
  char           *profile;
  char           *app_id;
  char           *secret;      /* JSON, wiped when freed */
} Op;

const SecretSchema *
kdl_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    KDL_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "app-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* Whether @error means the keyring cannot be used at all (the keys then
 * stay in memory), rather than a cancel or an unreadable item. */
gboolean
kdl_credentials_error_is_unavailable (const GError *error)
{
  return error != NULL &&
         error->domain == KDL_CREDENTIALS_ERROR &&
         error->code != KDL_CREDENTIALS_ERROR_INVALID;
}

static void
op_free (gpointer data)
{
  Op *op = data;

  g_assert (op->timeout == NULL);
  g_assert (op->outer_id == 0);

  if (op->secret != NULL)
    memset (op->secret, 0, strlen (op->secret));
  g_free (op->secret);
  g_free (op->app_id);
  g_free (op->profile);
  g_clear_object (&op->inner);
  g_clear_object (&op->outer);
  g_main_context_unref (op->context);
  g_free (op);
}

/* Returns TRUE for the one caller that may complete the task. */
static gboolean
op_claim (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->done)
    return FALSE;

  op->done = TRUE;
  if (op->timeout != NULL)
    {
      g_source_destroy (op->timeout);
      g_clear_pointer (&op->timeout, g_source_unref);
    }
  if (op->outer_id != 0)
    {
      g_cancellable_disconnect (op->outer, op->outer_id);
      op->outer_id = 0;
    }

  return TRUE;
}

static gboolean
cancel_inner (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    gpointer      user_data)
{
  Op *op = user_data;
  GSource *source = g_idle_source_new ();

  /* Hop through the main context: the libsecret call may complete inside
   * this handler, and disconnecting from there would deadlock. */
  g_source_set_callback (source, cancel_inner, g_object_ref (op->inner), g_object_unref);
  g_source_attach (source, op->context);
  g_source_unref (source);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);

  g_clear_pointer (&op->timeout, g_source_unref);
  if (op_claim (task))
    {
      g_debug ("the Secret Service did not answer in time");
      g_task_return_new_error (task, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_TIMEOUT,
                               "%s", _("The keyring did not answer in time; it may be locked."));
      g_cancellable_cancel (op->inner);
    }

  return G_SOURCE_REMOVE;
}

static GTask *
op_new (const char          *profile,
        guint                timeout_ms,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data,
        gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);
  g_task_set_source_tag (task, source_tag);
  op->context = g_main_context_ref_thread_default ();
  op->inner = g_cancellable_new ();
  op->profile = g_strdup (profile != NULL ? profile : KDL_CREDENTIALS_DEFAULT_PROFILE);
  g_task_set_task_data (task, op, op_free);

  if (cancellable != NULL)
    {
      op->outer = g_object_ref (cancellable);
      op->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled), op, NULL);
    }

  /* The task outlives the timeout: the source holds a reference. */
  op->timeout = g_timeout_source_new (timeout_ms > 0 ? timeout_ms : KDL_CREDENTIALS_TIMEOUT_MS);
  g_source_set_callback (op->timeout, on_timeout, g_object_ref (task), g_object_unref);
  g_source_set_name (op->timeout, "[kindling] keyring timeout");
  g_source_attach (op->timeout, op->context);

  return task;
}

/* Takes @error; says which kind of "cannot use the keyring" it is. */
static void
op_return_error (GTask  *task,
                 GError *error)
{
  if (!op_claim (task))
    {
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The message names the bus or the service, never a secret. */
  g_debug ("the Secret Service cannot be used: %s", error->message);

  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR || error->domain == G_SPAWN_ERROR)
    g_task_return_new_error (task, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_NO_SERVICE,
                             "%s", _("No keyring (Secret Service) is running."));
  else
    g_task_return_new_error (task, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_FAILED,
                             _("The keyring refused the request: %s"), error->message);
  g_error_free (error);
}

static gboolean
parse_secret (const char  *text,
              char       **api_key,
              char       **api_secret)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  JsonNode *root;
  JsonNode *key;
  JsonNode *secret;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  key = json_object_get_member (object, "api_key");
  secret = json_object_get_member (object, "api_secret");
  if (key == NULL || secret == NULL ||
      json_node_get_value_type (key) != G_TYPE_STRING ||
      json_node_get_value_type (secret) != G_TYPE_STRING)
    return FALSE;

  *api_key = g_strdup (json_node_get_string (key));
  *api_secret = g_strdup (json_node_get_string (secret));

  return TRUE;
}

static void
on_secret_retrieved (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *api_secret = NULL;
  Op *op = g_task_get_task_data (task);

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (value == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_FAILED, "no secret");
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!parse_secret (secret_value_get_text (value), &api_key, &api_secret))
    {
      if (op_claim (task))
        g_task_return_new_error (task, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_INVALID, "%s",
                                 _("Kindling’s item in the keyring cannot be read. Enter the keys again in Preferences."));
      return;
    }

  if (op_claim (task))
    g_task_return_pointer (task, kdl_credentials_new (op->app_id, api_key, api_secret),
                           (GDestroyNotify)kdl_credentials_free);

  if (api_key != NULL)
    memset (api_key, 0, strlen (api_key));
  if (api_secret != NULL)
    memset (api_secret, 0, strlen (api_secret));
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;
  Op *op = g_task_get_task_data (task);
  SecretRetrievable *item;
  g_autoptr(GHashTable) attributes = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->done)
    {
      g_list_free_full (items, g_object_unref);
      return;
    }

  if (items == NULL)
    {
      if (op_claim (task))
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  item = items->data;
  attributes = secret_retrievable_get_attributes (item);
  op->app_id = g_strdup (g_hash_table_lookup (attributes, "app-id"));
  secret_retrievable_retrieve_secret (item, op->inner, on_secret_retrieved, g_object_ref (task));
  g_list_free_full (items, g_object_unref);
}

/**
 * kdl_credentials_keyring_lookup_async:
 * @profile: (nullable): the `profile` attribute, %NULL for the default
 * @timeout_ms: give up after this long (0: %KDL_CREDENTIALS_TIMEOUT_MS)
 *
 * Reads the keys from the Secret Service.
 */
void
kdl_credentials_keyring_lookup_async (const char          *profile,
                                      guint                timeout_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = op_new (profile, timeout_ms, cancellable, callback, user_data,
                                  kdl_credentials_keyring_lookup_async);
  Op *op = g_task_get_task_data (task);

  secret_password_search (kdl_credentials_get_schema (),
                          SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                          op->inner, on_searched, g_object_ref (task),
                          "profile", op->profile,
                          NULL);
}

/**
 * kdl_credentials_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the keys; %NULL without @error when
 *   none are stored; %NULL with a %KDL_CREDENTIALS_ERROR when the keyring
 *   cannot be used (or %G_IO_ERROR_CANCELLED)
 */
KdlCredentials *
kdl_credentials_keyring_lookup_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_credentials_keyring_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op_claim (task))
    g_task_return_boolean (task, TRUE);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  Op *op = g_task_get_task_data (task);

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->done)
    return;

  if (op->secret == NULL)
    {
      if (op_claim (task))
        g_task_return_boolean (task, TRUE);
      return;
    }

  /* Translators: the label of the keyring item, shown in Passwords and Keys */
  label = g_strdup_printf (_("Kindling: Spark keys for APPID %s"), op->app_id);
  secret_password_store (kdl_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         op->secret, op->inner, on_stored, g_object_ref (task),
                         "profile", op->profile,
                         "app-id", op->app_id,
                         NULL);
}

static char *
build_secret (const KdlCredentials *credentials)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "api_key");
  json_builder_add_string_value (builder, credentials->api_key != NULL ? credentials->api_key : "");
  json_builder_set_member_name (builder, "api_secret");
  json_builder_add_string_value (builder, credentials->api_secret != NULL ? credentials->api_secret : "");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * kdl_credentials_keyring_store_async:
 * @credentials: (nullable): the keys; %NULL or empty removes them
 *
 * Replaces the stored keys of @profile (there is one item per profile).
 */
void
kdl_credentials_keyring_store_async (const KdlCredentials *credentials,
                                     const char           *profile,
                                     guint                 timeout_ms,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = op_new (profile, timeout_ms, cancellable, callback, user_data,
                                  kdl_credentials_keyring_store_async);
  Op *op = g_task_get_task_data (task);

  if (!kdl_credentials_is_empty (credentials))
    {
      op->app_id = g_strdup (credentials->app_id != NULL ? credentials->app_id : "");
      op->secret = build_secret (credentials);
    }

  /* Remove first: an item with another APPID would otherwise stay. */
  secret_password_clear (kdl_credentials_get_schema (), op->inner, on_cleared, g_object_ref (task),
                         "profile", op->profile,
                         NULL);
}

gboolean
kdl_credentials_keyring_store_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_credentials_keyring_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
kdl_credentials_keyring_clear_async (const char          *profile,
                                     guint                timeout_ms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = op_new (profile, timeout_ms, cancellable, callback, user_data,
                                  kdl_credentials_keyring_clear_async);
  Op *op = g_task_get_task_data (task);

  secret_password_clear (kdl_credentials_get_schema (), op->inner, on_cleared, g_object_ref (task),
                         "profile", op->profile,
                         NULL);
}

gboolean
kdl_credentials_keyring_clear_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_credentials_keyring_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
