/* kdl-cli-chat.c — kindling-cli chat
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "kdl-cli.h"
#include "kdl-credentials.h"
#include "kdl-error.h"
#include "kdl-settings.h"
#include "kdl-spark-provider.h"

typedef struct
{
  GMainLoop     *loop;
  KdlChatResult *result;
  GError        *error;
  gboolean       ends_with_newline;
} ChatState;

static void
on_delta (const char *delta,
          gsize       len,
          gpointer    user_data)
{
  ChatState *state = user_data;

  fwrite (delta, 1, len, stdout);
  fflush (stdout);
  state->ends_with_newline = len > 0 && delta[len - 1] == '\n';
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ChatState *state = user_data;

  state->result = kdl_llm_provider_stream_chat_finish (KDL_LLM_PROVIDER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

int
kdl_cli_chat (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlCredentials) credentials = NULL;
  g_autoptr(KdlChatRequest) request = NULL;
  g_autoptr(KdlProviderConfig) config = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *model = NULL;
  g_autofree char *url = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *patch_id = NULL;
  g_autofree char *system = NULL;
  g_autofree char *prompt = NULL;
  double temperature = 0;
  double connect_timeout = 0;
  double first_frame_timeout = 0;
  double idle_timeout = 0;
  int max_tokens = 0;
  int top_k = 0;
  guint sigint_id;
  ChatState state = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model, N_("Model: lite, pro, pro-128k, max, max-32k, ultra or custom (default: the app’s setting)"), "PRESET" },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &url, N_("WebSocket URL; overrides the model’s"), "URL" },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain, N_("Domain; for a fine-tuned model its serviceId"), "D" },
    { "patch-id", 0, 0, G_OPTION_ARG_STRING, &patch_id, N_("Fine-tuned model’s resourceId"), "ID" },
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_("A system message"), "TEXT" },
    { "temperature", 0, 0, G_OPTION_ARG_DOUBLE, &temperature, N_("Sampling temperature, (0, 1]"), "X" },
    { "max-tokens", 0, 0, G_OPTION_ARG_INT, &max_tokens, N_("Longest answer in tokens"), "N" },
    { "top-k", 0, 0, G_OPTION_ARG_INT, &top_k, N_("Top-k sampling, 1–6"), "N" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &connect_timeout, N_("Seconds to connect (default: the app’s setting, 15)"), "S" },
    { "first-frame-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &first_frame_timeout, N_("Seconds to the first frame (default: the app’s setting, 60)"), "S" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &idle_timeout, N_("Seconds between frames (default: the app’s setting, 30)"), "S" },
    { NULL }
  };

  context = g_option_context_new (_("PROMPT — send one prompt (“-” reads it from standard input)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Keys come from SPARK_APP_ID, SPARK_API_KEY and SPARK_API_SECRET, else from the keyring\n"
      "(saved in the app’s Preferences). Model, parameters and timeouts default to the app’s settings.\n"
      "The answer streams to standard output, token usage goes to standard error.\n"
      "Exit status: 0 done, 1 the call failed, 2 usage error, 3 stopped (keys, clock, licence)."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("chat", "%s", error->message);

  if (argc != 2)
    return kdl_cli_usage_error ("chat", "%s", _("Give exactly one prompt."));

  if (temperature < 0 || temperature > 1 || top_k < 0 || top_k > 6 || max_tokens < 0 ||
      connect_timeout < 0 || first_frame_timeout < 0 || idle_timeout < 0)
    return kdl_cli_usage_error ("chat", "%s", _("--temperature must be in (0, 1], --top-k in 1–6, --max-tokens positive."));

  if (g_str_equal (argv[1], "-"))
    {
      gsize len;

      prompt = kdl_cli_read_input ("-", &len, &error);
      if (prompt == NULL)
        return kdl_cli_usage_error ("chat", "%s", error->message);
    }
  else
    prompt = g_strdup (argv[1]);

  if (!g_utf8_validate (prompt, -1, NULL))
    return kdl_cli_usage_error ("chat", "%s", _("The prompt is not valid UTF-8."));

  config = kdl_provider_config_load ();
  endpoint = kdl_cli_resolve_endpoint (config, model, url, domain, patch_id, &error);
  if (endpoint == NULL)
    return kdl_cli_usage_error ("chat", "%s", error->message);

  if (!kdl_spark_url_is_allowed (endpoint->url, &error))
    return kdl_cli_usage_error ("chat", "%s", error->message);

  credentials = kdl_cli_load_credentials ();
  if (!kdl_credentials_is_complete (credentials))
    {
      g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_NO_CREDENTIALS, NULL);
      g_printerr ("kindling-cli chat: %s\n", msg);
      return KDL_EXIT_STOPPED;
    }

  provider = kdl_spark_provider_new (endpoint);
  kdl_spark_provider_set_credentials (provider, credentials->app_id, credentials->api_key,
                                      credentials->api_secret);
  if (connect_timeout > 0)
    config->connect_timeout_ms = connect_timeout * 1000;
  if (first_frame_timeout > 0)
    config->first_frame_timeout_ms = first_frame_timeout * 1000;
  if (idle_timeout > 0)
    config->idle_timeout_ms = idle_timeout * 1000;
  kdl_provider_config_apply (config, provider);

  request = kdl_chat_request_new_simple (system, prompt);
  kdl_provider_config_apply_to_request (config, request);
  request->max_tokens = MIN (request->max_tokens, kdl_preset_get_max_tokens_limit (endpoint->preset));
  if (temperature > 0)
    request->temperature = temperature;
  if (max_tokens > 0)
    request->max_tokens = max_tokens;
  if (top_k > 0)
    request->top_k = top_k;

  state.loop = g_main_loop_new (NULL, FALSE);
  state.ends_with_newline = TRUE;
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  kdl_llm_provider_stream_chat_async (KDL_LLM_PROVIDER (provider), request, on_delta, &state,
                                      cancellable, on_done, &state);
  g_main_loop_run (state.loop);
  g_source_remove (sigint_id);

  if (!state.ends_with_newline)
    g_print ("\n");

  if (state.error != NULL)
    {
      kdl_cli_print_error ("chat", state.error);
      status = kdl_cli_exit_for_error (state.error);
      g_clear_error (&state.error);
    }
  else
    {
      if (state.result->has_usage)
        g_printerr (_("tokens: prompt %lld, completion %lld, total %lld\n"),
                    (long long)state.result->usage.prompt_tokens,
                    (long long)state.result->usage.completion_tokens,
                    (long long)state.result->usage.total_tokens);
      status = KDL_EXIT_OK;
    }

  g_clear_pointer (&state.result, kdl_chat_result_unref);
  g_main_loop_unref (state.loop);

  return status;
}
