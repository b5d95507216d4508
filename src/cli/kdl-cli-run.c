/* kdl-cli-run.c — kindling-cli run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-cli.h"
#include "kdl-credentials.h"
#include "kdl-error.h"
#include "kdl-row-vars.h"
#include "kdl-run-plan.h"
#include "kdl-runner.h"
#include "kdl-spark-provider.h"

typedef struct
{
  char *model;
  char *endpoint;
  char *domain;
  char *patch_id;
} EndpointArgs;

typedef struct
{
  GMainLoop        *loop;
  KdlRunner        *runner;
  KdlStoreRunState  state;
  GError           *error;
  gboolean          tty;
  gint64            last_line_us;
  guint             interrupts;
} RunState;

static void
endpoint_args_clear (EndpointArgs *args)
{
  g_clear_pointer (&args->model, g_free);
  g_clear_pointer (&args->endpoint, g_free);
  g_clear_pointer (&args->domain, g_free);
  g_clear_pointer (&args->patch_id, g_free);
}

static void
add_endpoint_json (JsonBuilder            *b,
                   const char             *stage,
                   const KdlSparkEndpoint *endpoint)
{
  json_builder_set_member_name (b, stage);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "preset");
  json_builder_add_string_value (b, endpoint->preset);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, endpoint->url);
  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, endpoint->domain);
  if (endpoint->patch_id != NULL)
    {
      json_builder_set_member_name (b, "patch_id");
      json_builder_add_string_value (b, endpoint->patch_id);
    }
  json_builder_end_object (b);
}

/* The run remembers where its calls went (never the keys), so a resume
 * goes to the same model. */
static char *
provider_json (const KdlSparkEndpoint *generate,
               const KdlSparkEndpoint *judge)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "provider");
  json_builder_add_string_value (b, "spark");
  add_endpoint_json (b, "generate", generate);
  add_endpoint_json (b, "judge", judge);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/* The stored endpoint of a stage, for --resume. */
static KdlSparkEndpoint *
stored_endpoint (const char  *json,
                 const char  *stage,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root, *object;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return kdl_spark_endpoint_new (NULL, NULL, NULL, NULL, error);

  root = json_node_get_object (json_parser_get_root (parser));
  object = json_object_get_object_member (root, stage);
  if (object == NULL)
    return kdl_spark_endpoint_new (NULL, NULL, NULL, NULL, error);

  return kdl_spark_endpoint_new (json_object_get_string_member_with_default (object, "preset", NULL),
                                 json_object_get_string_member_with_default (object, "url", NULL),
                                 json_object_get_string_member_with_default (object, "domain", NULL),
                                 json_object_get_string_member_with_default (object, "patch_id", NULL),
                                 error);
}

/* Options win; a resumed run keeps its stored endpoint; a new one takes
 * what the options leave out from the app's settings. */
static KdlSparkEndpoint *
endpoint_from_args (const EndpointArgs       *args,
                    const KdlSparkEndpoint   *fallback,
                    const KdlProviderConfig  *config,
                    GError                  **error)
{
  if (args->model == NULL && args->endpoint == NULL && args->domain == NULL && args->patch_id == NULL &&
      fallback != NULL)
    return kdl_spark_endpoint_copy (fallback);

  if (fallback == NULL)
    return kdl_cli_resolve_endpoint (config, args->model, args->endpoint, args->domain, args->patch_id, error);

  return kdl_spark_endpoint_new (args->model ? args->model : fallback->preset,
                                 args->endpoint ? args->endpoint : (!args->model ? fallback->url : NULL),
                                 args->domain ? args->domain : (!args->model ? fallback->domain : NULL),
                                 args->patch_id ? args->patch_id : (!args->model ? fallback->patch_id : NULL),
                                 error);
}

static KdlLlmProvider *
make_provider (const KdlSparkEndpoint  *endpoint,
               const KdlCredentials    *credentials,
               const KdlProviderConfig *config,
               guint                    concurrency)
{
  KdlSparkProvider *provider = kdl_spark_provider_new (endpoint);

  kdl_spark_provider_set_credentials (provider, credentials->app_id, credentials->api_key,
                                      credentials->api_secret);
  kdl_provider_config_apply (config, provider);
  kdl_spark_provider_set_max_connections (provider, concurrency);

  return KDL_LLM_PROVIDER (provider);
}

static void
print_progress (RunState *state,
                gboolean  final)
{
  const KdlRunProgress *p = kdl_runner_get_progress (state->runner);
  guint finished = p->items_done + p->items_failed + p->items_skipped;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *eta = NULL;

  if (!state->tty && !final && now - state->last_line_us < 2 * G_USEC_PER_SEC)
    return;
  state->last_line_us = now;

  if (p->eta_s >= 0)
    eta = g_strdup_printf ("%d:%02d", (int)p->eta_s / 60, (int)p->eta_s % 60);
  else
    eta = g_strdup ("–");

  if (state->tty)
    {
      const int width = 24;
      int filled = p->items_total > 0 ? (int)((double)finished / p->items_total * width) : 0;
      g_autofree char *bar = g_strnfill (filled, '#');
      g_autofree char *rest = g_strnfill (width - filled, '.');

      /* TRANSLATORS: a progress line: items finished of total, failed,
       * retried, in flight, tokens, items per minute, time left */
      g_printerr ("\r");
      g_printerr (_("[%s%s] %u/%u  failed %u  retried %u  in flight %u  tokens %lld  %.0f/min  ETA %s "),
                  bar, rest, finished, p->items_total, p->items_failed, p->retried, p->in_flight,
                  (long long)p->total_tokens, p->items_per_minute, eta);
      if (final)
        g_printerr ("\n");
    }
  else
    {
      g_printerr (_("items %u/%u, failed %u, retried %u, in flight %u, tokens %lld, %.0f/min, ETA %s\n"),
                  finished, p->items_total, p->items_failed, p->retried, p->in_flight,
                  (long long)p->total_tokens, p->items_per_minute, eta);
    }
}

static void
on_progress (KdlRunner *runner,
             gpointer   user_data)
{
  print_progress (user_data, FALSE);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  state->state = kdl_runner_run_finish (KDL_RUNNER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  RunState *state = user_data;

  /* The first Ctrl+C stops cleanly (calls cancelled, their items kept for
   * a resume); the run ends as soon as the store has everything. */
  if (state->interrupts++ == 0)
    {
      g_printerr (_("\nStopping…\n"));
      kdl_runner_cancel (state->runner);
    }

  return G_SOURCE_CONTINUE;
}

static void
print_result (KdlStore *store,
              gint64    run_id,
              double    seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
  g_autoptr(KdlStoreRunStats) stats = reader ? kdl_store_reader_get_run_stats (reader, run_id, &error) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (stats == NULL)
    {
      g_printerr ("kindling-cli run: %s\n", error->message);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "run");
  json_builder_add_int_value (b, run_id);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, stats->rows);
  json_builder_set_member_name (b, "done");
  json_builder_add_int_value (b, stats->done);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, stats->failed);
  json_builder_set_member_name (b, "retried");
  json_builder_add_int_value (b, stats->retried);
  json_builder_set_member_name (b, "scored");
  json_builder_add_int_value (b, stats->scored);
  json_builder_set_member_name (b, "unparsed");
  json_builder_add_int_value (b, stats->unparsed);
  json_builder_set_member_name (b, "mean_score");
  if (stats->has_scores)
    json_builder_add_double_value (b, stats->mean);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "tokens");
  json_builder_add_int_value (b, stats->total_tokens);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, seconds);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

int
kdl_cli_run (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlTemplate) generate = NULL;
  g_autoptr(KdlTemplate) judge = NULL;
  g_autoptr(KdlSparkEndpoint) generate_endpoint = NULL;
  g_autoptr(KdlSparkEndpoint) judge_endpoint = NULL;
  g_autoptr(KdlSparkEndpoint) stored_generate = NULL;
  g_autoptr(KdlSparkEndpoint) stored_judge = NULL;
  g_autoptr(KdlCredentials) credentials = NULL;
  g_autoptr(KdlProviderConfig) config = kdl_provider_config_load ();
  g_autoptr(KdlLlmProvider) generate_provider = NULL;
  g_autoptr(KdlLlmProvider) judge_provider = NULL;
  g_autoptr(KdlRunner) runner = NULL;
  g_autofree char *dataset_path = NULL;
  g_autofree char *project = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *judge_name = NULL;
  g_autofree char *only = NULL;
  g_autofree char *select_text = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *provider_text = NULL;
  g_autofree char *params_text = NULL;
  g_autofree char *language = NULL;
  g_auto(GStrv) maps = NULL;
  EndpointArgs gen_args = { 0 };
  EndpointArgs judge_args = { 0 };
  KdlRunOptions options;
  KdlRunPlanSpec plan = { 0 };
  RunState state = { 0 };
  gint64 from_run = 0;
  gint64 resume = 0;
  gint64 run_id = 0;
  int limit = 0, variants = 1, regenerate = 0, concurrency = 4, retries = 4;
  double qps = 0;
  gint64 max_tokens = 0;
  gint64 started;
  guint sigint_id, sigterm_id;
  int status;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_path, N_("Dataset file (jsonl, csv, xlsx)"), "FILE" },
    { "from-run", 0, 0, G_OPTION_ARG_INT64, &from_run, N_("Work on this run’s outputs (chain, or re-judge)"), "ID" },
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project, N_("Project file (default: ~/.local/share/kindling/default.kindling)"), "P.kindling" },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("Generate template (default: rebuild)"), "NAME|PATH" },
    { "judge", 'j', 0, G_OPTION_ARG_STRING, &judge_name, N_("Judge template (default: judge)"), "NAME|PATH" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, N_("Run one stage only: generate or judge"), "STAGE" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &gen_args.model, N_("Model for generating"), "PRESET" },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &gen_args.endpoint, N_("WebSocket URL for generating"), "URL" },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &gen_args.domain, N_("Domain for generating"), "D" },
    { "patch-id", 0, 0, G_OPTION_ARG_STRING, &gen_args.patch_id, N_("Fine-tuned resourceId for generating"), "ID" },
    { "judge-model", 0, 0, G_OPTION_ARG_STRING, &judge_args.model, N_("Model for judging (default: the generate model)"), "PRESET" },
    { "judge-endpoint", 0, 0, G_OPTION_ARG_STRING, &judge_args.endpoint, N_("WebSocket URL for judging"), "URL" },
    { "judge-domain", 0, 0, G_OPTION_ARG_STRING, &judge_args.domain, N_("Domain for judging"), "D" },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select_text, N_("Rows: all, failed or unscored (in the previous run)"), "WHICH" },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows_text, N_("Row ids A-B (a shard)"), "A-B" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N rows"), "N" },
    { "variants", 0, 0, G_OPTION_ARG_INT, &variants, N_("Samples per row"), "N" },
    { "regenerate-on-fail", 0, 0, G_OPTION_ARG_INT, &regenerate, N_("Generate again up to N times when the structure check fails"), "N" },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &concurrency, N_("Calls in flight (default 4)"), "N" },
    { "qps", 0, 0, G_OPTION_ARG_DOUBLE, &qps, N_("Requests per second (default: no limit)"), "X" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &retries, N_("Retries of a retryable failure (default 4)"), "N" },
    { "max-total-tokens", 0, 0, G_OPTION_ARG_INT64, &max_tokens, N_("Stop (resumably) when the run has used this many tokens"), "N" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read a variable from a column"), "VAR=COLUMN" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("Worksheet of an xlsx file"), "NAME" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Encoding of the dataset file"), "ENC" },
    { "resume", 0, 0, G_OPTION_ARG_INT64, &resume, N_("Resume a stopped or interrupted run"), "ID" },
    { NULL }
  };

  kdl_run_options_init (&options);

  context = g_option_context_new (_("— run templates over a dataset with Spark, judge and score"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Keys come from the keyring (Preferences), or SPARK_APP_ID, SPARK_API_KEY and SPARK_API_SECRET.\n"
      "The model comes from the options, else from the app’s settings.\n"
      "Progress goes to standard error; the last line on standard output is a JSON summary.\n"
      "Exit status: 0 all done, 1 some items failed, 2 usage or input error,\n"
      "3 stopped (keys, licence, daily limit, token budget, Ctrl+C): resume with --resume ID."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("run", "%s", error->message);

  if (argc > 1)
    return kdl_cli_usage_error ("run", _("Unexpected argument “%s”."), argv[1]);
  if ((dataset_path != NULL) + (from_run > 0) + (resume > 0) != 1)
    return kdl_cli_usage_error ("run", "%s", _("Give exactly one of --dataset, --from-run and --resume."));
  if (concurrency < 1 || concurrency > 256 || variants < 1 || limit < 0 || regenerate < 0 ||
      retries < 0 || qps < 0 || max_tokens < 0)
    return kdl_cli_usage_error ("run", "%s", _("--concurrency must be 1–256, --variants at least 1, and the other numbers not negative."));
  if (only != NULL && !g_str_equal (only, "generate") && !g_str_equal (only, "judge"))
    return kdl_cli_usage_error ("run", "%s", _("--only takes generate or judge."));
  if (select_text != NULL && !kdl_run_select_from_string (select_text, &plan.select))
    return kdl_cli_usage_error ("run", "%s", _("--select takes all, failed or unscored."));
  if (rows_text != NULL && !kdl_run_parse_rows (rows_text, &plan.row_first, &plan.row_last))
    return kdl_cli_usage_error ("run", _("--rows takes row ids like 1-500, not “%s”."), rows_text);

  options.concurrency = concurrency;
  options.qps = qps;
  options.retries = retries;
  options.max_total_tokens = max_tokens;
  options.regenerate_on_fail = regenerate;

  credentials = kdl_cli_load_credentials ();
  if (!kdl_credentials_is_complete (credentials))
    {
      g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_NO_CREDENTIALS, NULL);
      g_printerr ("kindling-cli run: %s\n", msg);
      status = KDL_EXIT_STOPPED;
      goto out;
    }

  /* NULL: the default project, its folder created when missing. */
  store = kdl_store_open (project, &error);
  if (store == NULL)
    {
      kdl_cli_print_error ("run", error);
      status = kdl_cli_exit_for_error (error);
      goto out;
    }

  if (resume > 0)
    {
      g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, &error);
      g_autoptr(KdlStoreRun) run = reader ? kdl_store_reader_get_run (reader, resume, &error) : NULL;

      if (run == NULL)
        {
          kdl_cli_print_error ("run", error);
          status = KDL_EXIT_USAGE;
          goto out;
        }
      stored_generate = stored_endpoint (run->provider_json, "generate", NULL);
      stored_judge = stored_endpoint (run->provider_json, "judge", NULL);
      run_id = resume;
    }

  generate_endpoint = endpoint_from_args (&gen_args, stored_generate, config, &error);
  if (generate_endpoint != NULL)
    judge_endpoint = endpoint_from_args (&judge_args, stored_judge ? stored_judge : generate_endpoint,
                                         config, &error);
  if (judge_endpoint == NULL ||
      !kdl_spark_url_is_allowed (generate_endpoint->url, &error) ||
      !kdl_spark_url_is_allowed (judge_endpoint->url, &error))
    {
      status = kdl_cli_usage_error ("run", "%s", error->message);
      goto out;
    }

  if (resume == 0)
    {
      if (dataset_path != NULL)
        {
          g_autoptr(GArray) rejected = NULL;

          dataset = kdl_cli_load_dataset ("run", dataset_path, sheet, encoding, maps, &status);
          if (dataset == NULL)
            goto out;
          rejected = kdl_dataset_dup_rejected (dataset);
          if (rejected->len > 0)
            g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                     "kindling-cli run: %u row was rejected (see “kindling-cli inspect”); the others run.\n",
                                     "kindling-cli run: %u rows were rejected (see “kindling-cli inspect”); the others run.\n",
                                     rejected->len),
                        rejected->len);
          language = kdl_run_plan_detect_language (dataset);
        }
      else
        language = g_strdup ("zh");

      if (only == NULL || g_str_equal (only, "generate"))
        generate = kdl_run_plan_resolve_template (template_name ? template_name : "rebuild", language,
                                     KDL_TEMPLATE_KIND_GENERATE, &error);
      if (error == NULL && (only == NULL || g_str_equal (only, "judge")))
        judge = kdl_run_plan_resolve_template (judge_name ? judge_name : "judge", language,
                                  KDL_TEMPLATE_KIND_JUDGE, &error);
      if (error != NULL || !kdl_run_plan_check_templates (dataset, generate, judge, &error))
        {
          status = kdl_cli_usage_error ("run", "%s", error->message);
          goto out;
        }

      provider_text = provider_json (generate_endpoint, judge_endpoint);
      params_text = kdl_run_options_to_json (&options);
      plan.dataset = dataset;
      plan.from_run = from_run;
      plan.generate = generate;
      plan.judge = judge;
      plan.limit = limit;
      plan.variants = variants;
      plan.provider_json = provider_text;
      plan.params_json = params_text;

      run_id = kdl_run_plan_create (store, &plan, &error);
      if (run_id <= 0)
        {
          kdl_cli_print_error ("run", error);
          status = kdl_cli_exit_for_error (error);
          goto out;
        }
    }

  g_printerr (_("Run %lld in %s\n"), (long long)run_id, kdl_store_get_path (store));

  generate_provider = make_provider (generate_endpoint, credentials, config, concurrency);
  judge_provider = make_provider (judge_endpoint, credentials, config, concurrency);
  runner = kdl_runner_new (store, run_id, generate_provider, judge_provider, &options);

  state.loop = g_main_loop_new (NULL, FALSE);
  state.runner = runner;
  state.tty = isatty (STDERR_FILENO);
  g_signal_connect (runner, "progress", G_CALLBACK (on_progress), &state);
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &state);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, &state);

  started = g_get_monotonic_time ();
  kdl_runner_run_async (runner, NULL, on_run_done, &state);
  g_main_loop_run (state.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (state.error != NULL)
    {
      kdl_cli_print_error ("run", state.error);
      status = kdl_cli_exit_for_error (state.error);
      g_clear_error (&state.error);
      g_main_loop_unref (state.loop);
      goto out;
    }

  print_progress (&state, TRUE);
  kdl_store_flush_sync (store, NULL);
  print_result (store, run_id, (g_get_monotonic_time () - started) / 1e6);

  if (state.state == KDL_STORE_RUN_STOPPED)
    {
      g_printerr (_("Run %lld stopped: %s\nResume it with: kindling-cli run --resume %lld --project %s\n"),
                  (long long)run_id, kdl_runner_get_stop_message (runner), (long long)run_id,
                  kdl_store_get_path (store));
      status = KDL_EXIT_STOPPED;
    }
  else if (state.state == KDL_STORE_RUN_DONE && kdl_runner_get_progress (runner)->items_failed == 0)
    status = KDL_EXIT_OK;
  else
    status = KDL_EXIT_FAILED;

  g_main_loop_unref (state.loop);

out:
  endpoint_args_clear (&gen_args);
  endpoint_args_clear (&judge_args);

  return status;
}
