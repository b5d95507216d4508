/* kdl-cli-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-cli.h"
#include "kdl-credential-store.h"
#include "kdl-error.h"

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
