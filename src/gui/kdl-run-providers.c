/* kdl-run-providers.c
 *
 * A run remembers where its calls went (never the keys), in the shape the
 * CLI writes: {"provider": "spark", "generate": {preset, url, domain,
 * patch_id}, "judge": {…}}, so a resume — from the GUI or the CLI — goes
 * to the same model.  Runs on the offline simulator store
 * {"provider": "simulator", "generate": {"preset"}, …} without a URL: the
 * simulator listens on a new port each time the app starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-providers"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-error.h"
#include "kdl-run-providers.h"
#include "kdl-session.h"

#define PROVIDER_SPARK     "spark"
#define PROVIDER_SIMULATOR "simulator"

static void
add_endpoint (JsonBuilder            *b,
              const char             *stage,
              const char             *preset,
              const KdlSparkEndpoint *endpoint)
{
  json_builder_set_member_name (b, stage);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "preset");
  json_builder_add_string_value (b, endpoint ? endpoint->preset : preset);
  if (endpoint != NULL)
    {
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, endpoint->url);
      json_builder_set_member_name (b, "domain");
      json_builder_add_string_value (b, endpoint->domain);
      if (endpoint->patch_id != NULL)
        {
          json_builder_set_member_name (b, "patch_id");
          json_builder_add_string_value (b, endpoint->patch_id);
        }
    }
  json_builder_end_object (b);
}

/**
 * kdl_run_providers_to_json:
 * @judge_preset: (nullable): a preset id for the judge stage; %NULL judges
 *   with the model the session generates with
 *
 * Returns: (transfer full) (nullable): the provider JSON of a new run, or
 *   %NULL with @error (a custom endpoint that is not set up or not allowed)
 */
char *
kdl_run_providers_to_json (KdlSession  *session,
                           const char  *judge_preset,
                           GError     **error)
{
  g_autoptr(KdlProviderConfig) config = kdl_session_dup_config (session);
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean simulator = kdl_provider_config_is_simulator (config);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "provider");
  json_builder_add_string_value (b, simulator ? PROVIDER_SIMULATOR : PROVIDER_SPARK);

  if (simulator)
    {
      add_endpoint (b, "generate", "max", NULL);
      add_endpoint (b, "judge", judge_preset ? judge_preset : "max", NULL);
    }
  else
    {
      g_autoptr(KdlSparkEndpoint) generate = kdl_provider_config_make_endpoint (config, error);
      g_autoptr(KdlSparkEndpoint) judge = NULL;

      if (generate == NULL || !kdl_spark_url_is_allowed (generate->url, error))
        return NULL;
      if (judge_preset != NULL)
        judge = kdl_spark_endpoint_new (judge_preset, NULL, NULL, NULL, error);
      else
        judge = kdl_spark_endpoint_copy (generate);
      if (judge == NULL)
        return NULL;

      add_endpoint (b, "generate", NULL, generate);
      add_endpoint (b, "judge", NULL, judge);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_node_get_object (json_parser_get_root (parser));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static KdlSparkProvider *
make_simulator_provider (KdlSession  *session,
                         const char  *preset,
                         GError     **error)
{
  KdlSparkSim *sim = kdl_session_ensure_simulator (session, error);
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autofree char *url = NULL;
  KdlSparkProvider *provider;

  if (sim == NULL)
    return NULL;

  url = kdl_spark_sim_get_url (sim, preset ? preset : "max");
  endpoint = kdl_spark_endpoint_new (preset ? preset : "max", url, NULL, NULL, error);
  if (endpoint == NULL)
    return NULL;

  provider = kdl_spark_provider_new (endpoint);
  kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  kdl_spark_provider_set_label (provider, _("Offline simulator"));

  return provider;
}

static KdlSparkProvider *
make_spark_provider (KdlSession      *session,
                     JsonObject      *stage,
                     KdlCredentials  *keys,
                     GError         **error)
{
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  KdlSparkProvider *provider;

  endpoint = kdl_spark_endpoint_new (member_string (stage, "preset"), member_string (stage, "url"),
                                     member_string (stage, "domain"), member_string (stage, "patch_id"),
                                     error);
  if (endpoint == NULL || !kdl_spark_url_is_allowed (endpoint->url, error))
    return NULL;

  provider = kdl_spark_provider_new (endpoint);
  if (keys != NULL)
    kdl_spark_provider_set_credentials (provider, keys->app_id, keys->api_key, keys->api_secret);

  return provider;
}

/**
 * kdl_run_providers_create:
 * @provider_json: what kdl_run_providers_to_json() (or the CLI) stored
 * @concurrency: the run's calls in flight: each provider gets connections
 *   enough
 * @generate: (out) (transfer full)
 * @judge: (out) (transfer full)
 *
 * The providers of a run, with the keys saved now (or the simulator's)
 * and the timeouts of the settings.
 */
gboolean
kdl_run_providers_create (KdlSession      *session,
                          const char      *provider_json,
                          guint            concurrency,
                          KdlLlmProvider **generate,
                          KdlLlmProvider **judge,
                          GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(KdlProviderConfig) config = kdl_session_dup_config (session);
  g_autoptr(KdlCredentials) keys = NULL;
  g_autoptr(KdlSparkProvider) gen = NULL;
  g_autoptr(KdlSparkProvider) jud = NULL;
  JsonObject *root = parse_object (parser, provider_json);
  const char *kind = member_string (root, "provider");
  JsonObject *gen_stage = member_object (root, "generate");
  JsonObject *jud_stage = member_object (root, "judge");

  g_return_val_if_fail (KDL_IS_SESSION (session), FALSE);

  if (gen_stage == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The run does not say which model it used. Start a new run instead."));
      return FALSE;
    }
  if (jud_stage == NULL)
    jud_stage = gen_stage;

  if (g_strcmp0 (kind, PROVIDER_SIMULATOR) == 0)
    {
      gen = make_simulator_provider (session, member_string (gen_stage, "preset"), error);
      if (gen != NULL)
        jud = make_simulator_provider (session, member_string (jud_stage, "preset"), error);
    }
  else
    {
      keys = kdl_credential_store_dup_effective (kdl_session_get_credential_store (session));
      gen = make_spark_provider (session, gen_stage, keys, error);
      if (gen != NULL)
        jud = make_spark_provider (session, jud_stage, keys, error);
    }
  if (jud == NULL)
    return FALSE;

  kdl_provider_config_apply (config, gen);
  kdl_provider_config_apply (config, jud);
  if (kdl_spark_provider_get_max_connections (gen) < concurrency)
    kdl_spark_provider_set_max_connections (gen, concurrency);
  if (kdl_spark_provider_get_max_connections (jud) < concurrency)
    kdl_spark_provider_set_max_connections (jud, concurrency);

  *generate = KDL_LLM_PROVIDER (g_steal_pointer (&gen));
  *judge = KDL_LLM_PROVIDER (g_steal_pointer (&jud));

  return TRUE;
}

static char *
describe_stage (const char *kind,
                JsonObject *stage)
{
  const char *preset = member_string (stage, "preset");
  const KdlSparkPreset *known = preset ? kdl_spark_preset_lookup (preset) : NULL;
  const char *name = known ? known->name : (preset ? preset : "?");

  if (g_strcmp0 (kind, PROVIDER_SIMULATOR) == 0)
    /* TRANSLATORS: the offline simulator standing in for a model, e.g.
     * "Offline simulator (as Spark Max)" */
    return g_strdup_printf (_("Offline simulator (as %s)"), name);

  if (g_strcmp0 (preset, "custom") == 0)
    return g_strdup_printf (_("Custom model %s"), member_string (stage, "domain") ?: "");

  return g_strdup (name);
}

/**
 * kdl_run_providers_describe:
 *
 * Returns: (transfer full): the models of a run, for the user, e.g.
 *   "Spark Max, judged by Spark Lite"
 */
char *
kdl_run_providers_describe (const char *provider_json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root = parse_object (parser, provider_json);
  JsonObject *gen_stage = member_object (root, "generate");
  JsonObject *jud_stage = member_object (root, "judge");
  const char *kind = member_string (root, "provider");
  g_autofree char *gen = NULL;
  g_autofree char *jud = NULL;

  if (gen_stage == NULL)
    return g_strdup (_("Unknown model"));

  gen = describe_stage (kind, gen_stage);
  if (jud_stage == NULL)
    return g_steal_pointer (&gen);

  jud = describe_stage (kind, jud_stage);
  if (g_str_equal (gen, jud))
    return g_steal_pointer (&gen);

  /* TRANSLATORS: the generate model, then the judge model */
  return g_strdup_printf (_("%s, judged by %s"), gen, jud);
}

/* Stops that new keys (or a licence) fix: Preferences is the place. */
gboolean
kdl_run_providers_is_key_error (const char *stop_code)
{
  static const char *codes[] = {
    "no-credentials", "http-401", "http-403", "spark-10015", "spark-10016", "spark-11200",
    "insecure-url", "invalid-url", "spark-10003",
  };

  for (guint i = 0; stop_code != NULL && i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (stop_code, codes[i]))
      return TRUE;

  return FALSE;
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  return json_node_get_int (node);
}

/**
 * kdl_run_options_from_json:
 * @params_json: (nullable): a run's stored parameters
 *   (kdl_run_options_to_json())
 *
 * Fills @options from the stored parameters, so a resume keeps the limits
 * the run was started with; what is missing keeps its default.
 */
void
kdl_run_options_from_json (const char    *params_json,
                           KdlRunOptions *options)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root = parse_object (parser, params_json);
  JsonNode *qps;

  kdl_run_options_init (options);
  if (root == NULL)
    return;

  options->concurrency = CLAMP (member_int (root, "concurrency", options->concurrency), 1, 256);
  options->retries = CLAMP (member_int (root, "retries", options->retries), 0, 100);
  options->max_total_tokens = MAX (member_int (root, "max_total_tokens", 0), 0);
  options->regenerate_on_fail = CLAMP (member_int (root, "regenerate_on_fail", 0), 0, 100);
  qps = json_object_get_member (root, "qps");
  if (qps != NULL && JSON_NODE_HOLDS_VALUE (qps))
    options->qps = MAX (json_node_get_double (qps), 0);
  if (json_object_has_member (root, "judge_failed_structure"))
    options->judge_failed_structure = json_object_get_boolean_member (root, "judge_failed_structure");
}
