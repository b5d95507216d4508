/* test-settings.c — the non-secret settings and the provider configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kdl-settings.h"
#include "kdl-test-util.h"

static GSettings *
fresh_settings (void)
{
  GSettings *settings = kdl_settings_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static GVariant *
schema_default (GSettingsSchema *schema,
                const char      *key)
{
  g_autoptr(GSettingsSchemaKey) k = g_settings_schema_get_key (schema, key);

  return g_settings_schema_key_get_default_value (k);
}

/* The built-in defaults (used without a schema) are the schema's. */
static void
test_defaults_match_schema (void)
{
  g_autoptr(GSettingsSchema) schema = kdl_settings_lookup_schema ();
  g_autoptr(KdlProviderConfig) config = kdl_provider_config_new ();
  g_autoptr(GVariant) preset = NULL;
  g_autoptr(GVariant) temperature = NULL;
  g_autoptr(GVariant) max_tokens = NULL;
  g_autoptr(GVariant) top_k = NULL;
  g_autoptr(GVariant) connect = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) idle = NULL;
  g_autoptr(GVariant) concurrency = NULL;
  g_autoptr(GVariant) rps = NULL;

  g_assert_nonnull (schema);

  preset = schema_default (schema, "model-preset");
  temperature = schema_default (schema, "temperature");
  max_tokens = schema_default (schema, "max-tokens");
  top_k = schema_default (schema, "top-k");
  connect = schema_default (schema, "connect-timeout");
  first = schema_default (schema, "first-frame-timeout");
  idle = schema_default (schema, "idle-timeout");
  concurrency = schema_default (schema, "concurrency");
  rps = schema_default (schema, "requests-per-second");

  g_assert_cmpstr (config->preset, ==, g_variant_get_string (preset, NULL));
  g_assert_cmpfloat (config->temperature, ==, g_variant_get_double (temperature));
  g_assert_cmpint (config->max_tokens, ==, g_variant_get_int32 (max_tokens));
  g_assert_cmpint (config->top_k, ==, g_variant_get_int32 (top_k));
  g_assert_cmpuint (config->connect_timeout_ms, ==, g_variant_get_uint32 (connect) * 1000);
  g_assert_cmpuint (config->first_frame_timeout_ms, ==, g_variant_get_uint32 (first) * 1000);
  g_assert_cmpuint (config->idle_timeout_ms, ==, g_variant_get_uint32 (idle) * 1000);
  g_assert_cmpuint (config->concurrency, ==, g_variant_get_uint32 (concurrency));
  g_assert_cmpfloat (config->requests_per_second, ==, g_variant_get_double (rps));
  g_assert_cmpstr (config->custom_url, ==, "");
}

static void
assert_range (GSettingsSchema *schema,
              const char      *key,
              GVariant        *value,
              gboolean         valid)
{
  g_autoptr(GSettingsSchemaKey) k = g_settings_schema_get_key (schema, key);
  g_autoptr(GVariant) v = g_variant_ref_sink (value);

  if (g_settings_schema_key_range_check (k, v) != valid)
    {
      g_autofree char *text = g_variant_print (v, TRUE);
      g_error ("%s = %s should be %s", key, text, valid ? "valid" : "refused");
    }
}

/* The ranges the schema enforces, as SPARK-PROTOCOL.md and the issue set them. */
static void
test_ranges (void)
{
  g_autoptr(GSettingsSchema) schema = kdl_settings_lookup_schema ();

  assert_range (schema, "temperature", g_variant_new_double (0.0), FALSE);
  assert_range (schema, "temperature", g_variant_new_double (0.01), TRUE);
  assert_range (schema, "temperature", g_variant_new_double (1.0), TRUE);
  assert_range (schema, "temperature", g_variant_new_double (1.01), FALSE);
  assert_range (schema, "max-tokens", g_variant_new_int32 (0), FALSE);
  assert_range (schema, "max-tokens", g_variant_new_int32 (8192), TRUE);
  assert_range (schema, "max-tokens", g_variant_new_int32 (8193), FALSE);
  assert_range (schema, "top-k", g_variant_new_int32 (0), FALSE);
  assert_range (schema, "top-k", g_variant_new_int32 (6), TRUE);
  assert_range (schema, "top-k", g_variant_new_int32 (7), FALSE);
  assert_range (schema, "concurrency", g_variant_new_uint32 (0), FALSE);
  assert_range (schema, "concurrency", g_variant_new_uint32 (64), TRUE);
  assert_range (schema, "concurrency", g_variant_new_uint32 (65), FALSE);
  assert_range (schema, "requests-per-second", g_variant_new_double (0), TRUE);
  assert_range (schema, "requests-per-second", g_variant_new_double (-1), FALSE);
  assert_range (schema, "connect-timeout", g_variant_new_uint32 (0), FALSE);
  assert_range (schema, "model-preset", g_variant_new_string ("simulator"), TRUE);
  assert_range (schema, "model-preset", g_variant_new_string ("ultra"), TRUE);
  assert_range (schema, "model-preset", g_variant_new_string ("gpt"), FALSE);
  assert_range (schema, "last-view", g_variant_new_string ("scores"), TRUE);
  assert_range (schema, "last-view", g_variant_new_string ("nowhere"), FALSE);
}

static void
test_from_settings (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(KdlProviderConfig) config = NULL;
  g_autoptr(KdlProviderConfig) copy = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlChatRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "model-preset", "custom");
  g_settings_set_string (settings, "custom-url", "wss://maas-api.cn-huabei-1.xf-yun.com/v1.1/chat");
  g_settings_set_string (settings, "custom-domain", "xsparktest");
  g_settings_set_string (settings, "custom-patch-id", "res-123");
  g_settings_set_double (settings, "temperature", 0.3);
  g_settings_set_int (settings, "max-tokens", 2000);
  g_settings_set_int (settings, "top-k", 2);
  g_settings_set_uint (settings, "connect-timeout", 7);
  g_settings_set_uint (settings, "first-frame-timeout", 70);
  g_settings_set_uint (settings, "idle-timeout", 17);
  g_settings_set_uint (settings, "concurrency", 24);
  g_settings_set_double (settings, "requests-per-second", 0);

  config = kdl_provider_config_new_from_settings (settings);
  g_assert_cmpstr (config->preset, ==, "custom");
  g_assert_cmpfloat (config->temperature, ==, 0.3);
  g_assert_cmpint (config->max_tokens, ==, 2000);
  g_assert_cmpint (config->top_k, ==, 2);
  g_assert_cmpuint (config->connect_timeout_ms, ==, 7000);
  g_assert_cmpuint (config->first_frame_timeout_ms, ==, 70000);
  g_assert_cmpuint (config->idle_timeout_ms, ==, 17000);
  g_assert_cmpuint (config->concurrency, ==, 24);
  g_assert_cmpfloat (config->requests_per_second, ==, 0);
  g_assert_false (kdl_provider_config_is_simulator (config));

  endpoint = kdl_provider_config_make_endpoint (config, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (endpoint->url, ==, "wss://maas-api.cn-huabei-1.xf-yun.com/v1.1/chat");
  g_assert_cmpstr (endpoint->domain, ==, "xsparktest");
  g_assert_cmpstr (endpoint->patch_id, ==, "res-123");

  provider = kdl_spark_provider_new (endpoint);
  kdl_provider_config_apply (config, provider);
  g_assert_cmpuint (kdl_spark_provider_get_max_connections (provider), >=, 24);

  request = kdl_chat_request_new_simple (NULL, "hi");
  kdl_provider_config_apply_to_request (config, request);
  g_assert_cmpfloat (request->temperature, ==, 0.3);
  g_assert_cmpint (request->max_tokens, ==, 2000);
  g_assert_cmpint (request->top_k, ==, 2);

  copy = kdl_provider_config_copy (config);
  g_assert_cmpstr (copy->custom_domain, ==, "xsparktest");
  g_assert_cmpuint (copy->concurrency, ==, 24);
}

/* max_tokens follows the model: Lite takes at most 4096. */
static void
test_max_tokens_per_model (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(KdlProviderConfig) lite = NULL;
  g_autoptr(KdlProviderConfig) max = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_int (settings, "max-tokens", 8192);
  g_settings_set_string (settings, "model-preset", "lite");
  lite = kdl_provider_config_new_from_settings (settings);
  g_assert_cmpint (lite->max_tokens, ==, 4096);
  g_assert_cmpint (kdl_provider_config_get_max_tokens_limit (lite), ==, 4096);
  endpoint = kdl_provider_config_make_endpoint (lite, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (endpoint->url, ==, "wss://spark-api.xf-yun.com/v1.1/chat");
  g_assert_cmpstr (endpoint->domain, ==, "lite");

  g_settings_set_string (settings, "model-preset", "max");
  max = kdl_provider_config_new_from_settings (settings);
  g_assert_cmpint (max->max_tokens, ==, 8192);
  g_assert_cmpint (kdl_preset_get_max_tokens_limit ("pro-128k"), ==, 4096);
  g_assert_cmpint (kdl_preset_get_max_tokens_limit ("custom"), ==, 8192);
}

static void
test_custom_incomplete_and_simulator (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(KdlProviderConfig) custom = NULL;
  g_autoptr(KdlProviderConfig) sim = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "model-preset", "custom");
  custom = kdl_provider_config_new_from_settings (settings);
  endpoint = kdl_provider_config_make_endpoint (custom, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (endpoint);
  g_clear_error (&error);

  g_settings_set_string (settings, "model-preset", "simulator");
  sim = kdl_provider_config_new_from_settings (settings);
  g_assert_true (kdl_provider_config_is_simulator (sim));
  endpoint = kdl_provider_config_make_endpoint (sim, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (endpoint);
}

/* Without the schema installed nothing aborts: the defaults apply. */
static void
test_no_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("kdl-no-schema-XXXXXX", NULL);
      g_autoptr(KdlProviderConfig) config = NULL;
      g_autoptr(GSettings) settings = NULL;

      /* Before the default schema source exists. */
      g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
      g_setenv ("XDG_DATA_DIRS", empty, TRUE);

      g_assert_null (kdl_settings_lookup_schema ());
      settings = kdl_settings_new ();
      g_assert_null (settings);
      config = kdl_provider_config_load ();
      g_assert_cmpstr (config->preset, ==, "max");
      g_assert_cmpint (config->top_k, ==, 4);
      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/settings/defaults-match-schema", test_defaults_match_schema);
  g_test_add_func ("/settings/ranges", test_ranges);
  g_test_add_func ("/settings/from-settings", test_from_settings);
  g_test_add_func ("/settings/max-tokens-per-model", test_max_tokens_per_model);
  g_test_add_func ("/settings/custom-and-simulator", test_custom_incomplete_and_simulator);
  g_test_add_func ("/settings/no-schema", test_no_schema);

  return g_test_run ();
}
