/* kdl-cli-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "kdl-cli.h"
#include "kdl-credential-store.h"
#include "kdl-error.h"
#include "kdl-settings.h"
#include "kdl-store-types.h"

int
kdl_cli_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("kindling-cli %s: %s\n", command, message);
  g_printerr (_("Try “kindling-cli %s --help”.\n"), command);

  return KDL_EXIT_USAGE;
}

void
kdl_cli_print_error (const char   *command,
                     const GError *error)
{
  g_printerr ("kindling-cli %s: %s\n", command, error->message);
}

/* Maps a failed call to the exit status: account problems stop (3),
 * bad input is a usage error (2), anything else failed (1). */
int
kdl_cli_exit_for_error (const GError *error)
{
  if (error->domain == KDL_SPARK_ERROR)
    {
      switch (kdl_error_classify (error))
        {
        case KDL_ERROR_CLASS_RUN_FATAL:
        case KDL_ERROR_CLASS_RUN_PAUSE:
          if (error->code == KDL_SPARK_ERROR_INVALID_URL ||
              error->code == KDL_SPARK_ERROR_INSECURE_URL)
            return KDL_EXIT_USAGE;
          return KDL_EXIT_STOPPED;
        case KDL_ERROR_CLASS_RETRYABLE:
        case KDL_ERROR_CLASS_ITEM_FATAL:
        default:
          return KDL_EXIT_FAILED;
        }
    }

  /* A project that is missing, not a project or too new is bad input; a
   * run another process holds has stopped this one. */
  if (error->domain == KDL_STORE_ERROR)
    {
      switch (error->code)
        {
        case KDL_STORE_ERROR_NOT_FOUND:
        case KDL_STORE_ERROR_NOT_A_PROJECT:
        case KDL_STORE_ERROR_TOO_NEW:
        case KDL_STORE_ERROR_INVALID:
          return KDL_EXIT_USAGE;
        case KDL_STORE_ERROR_RUN_LOCKED:
          return KDL_EXIT_STOPPED;
        default:
          return KDL_EXIT_FAILED;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
      error->domain == G_OPTION_ERROR ||
      error->domain == G_FILE_ERROR)
    return KDL_EXIT_USAGE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return KDL_EXIT_STOPPED;

  return KDL_EXIT_FAILED;
}

/**
 * kdl_cli_read_input:
 * @path: a file, or "-" for standard input
 * @length: (out): the length in bytes, without the terminating NUL
 *
 * Returns: (transfer full) (nullable): the whole contents, NUL-terminated
 *   (an empty input is "", never %NULL)
 */
char *
kdl_cli_read_input (const char  *path,
                    gsize       *length,
                    GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  char *contents = NULL;

  if (!g_str_equal (path, "-"))
    return g_file_get_contents (path, &contents, length, error) ? contents : NULL;

  in = g_unix_input_stream_new (0, FALSE);
  out = g_memory_output_stream_new_resizable ();
  /* The target stays open for the terminating NUL: an empty input must
   * give "", not NULL. */
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, error) < 0 ||
      !g_output_stream_write_all (out, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;

  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)) - 1;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/**
 * kdl_cli_read_text:
 * @path: a file, or "-" for standard input
 *
 * Returns: (transfer full): the whole text, or %NULL with @error set
 *   (G_IO_ERROR_INVALID_DATA when it is not UTF-8: a usage error)
 */
char *
kdl_cli_read_text (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  contents = kdl_cli_read_input (path, &len, error);
  if (contents == NULL)
    return NULL;
  if (g_str_equal (path, "-"))
    path = _("standard input");

  if (memchr (contents, '\0', len) != NULL || !g_utf8_validate (contents, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not UTF-8 text; convert it to UTF-8 first."), path);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

typedef struct
{
  GMainLoop      *loop;
  KdlCredentials *credentials;
} LoadState;

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->credentials = kdl_credential_store_load_finish (KDL_CREDENTIAL_STORE (object), result, &error);
  if (error != NULL)
    g_debug ("keyring: %s", error->message);
  g_main_loop_quit (state->loop);
}

/**
 * kdl_cli_load_credentials:
 *
 * The SPARK_* environment variables when all three are set; else the keys
 * saved in the keyring, with any variable that is set taking precedence.
 * Waits at most %KDL_CLI_KEYRING_TIMEOUT_MS for the keyring.
 *
 * Returns: (transfer full) (nullable): the keys, complete or not
 */
KdlCredentials *
kdl_cli_load_credentials (void)
{
  g_autoptr(KdlCredentials) env = kdl_credentials_new_from_env ();
  g_autoptr(KdlCredentialStore) store = NULL;
  g_autoptr(GMainContext) context = NULL;
  LoadState state = { NULL, NULL };

  if (kdl_credentials_is_complete (env))
    return g_steal_pointer (&env);

  /* A private context: nothing else may run while we wait. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  state.loop = g_main_loop_new (context, FALSE);
  store = kdl_credential_store_new (NULL);
  kdl_credential_store_set_timeout (store, KDL_CLI_KEYRING_TIMEOUT_MS);
  kdl_credential_store_load_async (store, NULL, on_loaded, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);
  g_main_context_pop_thread_default (context);

  return state.credentials;
}

/* Options win; what they leave out comes from the app's settings. */
KdlSparkEndpoint *
kdl_cli_resolve_endpoint (const KdlProviderConfig  *config,
                          const char               *model,
                          const char               *url,
                          const char               *domain,
                          const char               *patch_id,
                          GError                  **error)
{
  if (model == NULL)
    {
      if (kdl_provider_config_is_simulator (config) && url == NULL)
        return kdl_provider_config_make_endpoint (config, error);
      if (!kdl_provider_config_is_simulator (config))
        model = config->preset;
    }

  if (g_strcmp0 (model, KDL_PRESET_CUSTOM) == 0)
    {
      url = url != NULL ? url : config->custom_url;
      domain = domain != NULL ? domain : config->custom_domain;
      patch_id = patch_id != NULL ? patch_id : config->custom_patch_id;
    }

  return kdl_spark_endpoint_new (model, url, domain, patch_id, error);
}
