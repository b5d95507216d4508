/* kdl-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-settings.h"

G_DEFINE_BOXED_TYPE (KdlProviderConfig, kdl_provider_config, kdl_provider_config_copy, kdl_provider_config_free)

/**
 * kdl_settings_lookup_schema:
 *
 * Returns: (transfer full) (nullable): the app's schema, or %NULL when it is
 *   not installed (a CLI run from the build tree, a server)
 */
GSettingsSchema *
kdl_settings_lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source == NULL)
    return NULL;

  return g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
}

/**
 * kdl_settings_new:
 *
 * g_settings_new() aborts when the schema is missing; this does not.
 *
 * Returns: (transfer full) (nullable): the app's settings, or %NULL when
 *   the schema is not installed
 */
GSettings *
kdl_settings_new (void)
{
  g_autoptr(GSettingsSchema) schema = kdl_settings_lookup_schema ();

  if (schema == NULL)
    {
      g_debug ("schema %s is not installed; using the defaults", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* The schema's defaults, for when it is not installed (tests check that
 * the two agree). */
KdlProviderConfig *
kdl_provider_config_new (void)
{
  KdlProviderConfig *self = g_new0 (KdlProviderConfig, 1);

  self->preset = g_strdup ("max");
  self->custom_url = g_strdup ("");
  self->custom_domain = g_strdup ("");
  self->custom_patch_id = g_strdup ("");
  self->temperature = 0.5;
  self->max_tokens = 4096;
  self->top_k = 4;
  self->connect_timeout_ms = KDL_SPARK_DEFAULT_CONNECT_TIMEOUT_MS;
  self->first_frame_timeout_ms = KDL_SPARK_DEFAULT_FIRST_FRAME_TIMEOUT_MS;
  self->idle_timeout_ms = KDL_SPARK_DEFAULT_IDLE_TIMEOUT_MS;
  self->concurrency = 2;
  self->requests_per_second = 2.0;

  return self;
}

/**
 * kdl_provider_config_new_from_settings:
 * @settings: (nullable): the app's settings; %NULL gives the defaults
 */
KdlProviderConfig *
kdl_provider_config_new_from_settings (GSettings *settings)
{
  KdlProviderConfig *self = kdl_provider_config_new ();

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), self);

  if (settings == NULL)
    return self;

  g_free (self->preset);
  self->preset = g_settings_get_string (settings, "model-preset");
  g_free (self->custom_url);
  self->custom_url = g_settings_get_string (settings, "custom-url");
  g_free (self->custom_domain);
  self->custom_domain = g_settings_get_string (settings, "custom-domain");
  g_free (self->custom_patch_id);
  self->custom_patch_id = g_settings_get_string (settings, "custom-patch-id");
  self->temperature = g_settings_get_double (settings, "temperature");
  self->max_tokens = MIN (g_settings_get_int (settings, "max-tokens"),
                          kdl_provider_config_get_max_tokens_limit (self));
  self->top_k = g_settings_get_int (settings, "top-k");
  self->connect_timeout_ms = g_settings_get_uint (settings, "connect-timeout") * 1000;
  self->first_frame_timeout_ms = g_settings_get_uint (settings, "first-frame-timeout") * 1000;
  self->idle_timeout_ms = g_settings_get_uint (settings, "idle-timeout") * 1000;
  self->concurrency = g_settings_get_uint (settings, "concurrency");
  self->requests_per_second = g_settings_get_double (settings, "requests-per-second");

  return self;
}

/**
 * kdl_provider_config_load:
 *
 * Returns: (transfer full): the configuration from the app's settings, or
 *   the defaults when the schema is not installed
 */
KdlProviderConfig *
kdl_provider_config_load (void)
{
  g_autoptr(GSettings) settings = kdl_settings_new ();

  return kdl_provider_config_new_from_settings (settings);
}

KdlProviderConfig *
kdl_provider_config_copy (const KdlProviderConfig *self)
{
  KdlProviderConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->preset = g_strdup (self->preset);
  copy->custom_url = g_strdup (self->custom_url);
  copy->custom_domain = g_strdup (self->custom_domain);
  copy->custom_patch_id = g_strdup (self->custom_patch_id);

  return copy;
}

void
kdl_provider_config_free (KdlProviderConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->preset);
  g_free (self->custom_url);
  g_free (self->custom_domain);
  g_free (self->custom_patch_id);
  g_free (self);
}

gboolean
kdl_provider_config_is_simulator (const KdlProviderConfig *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_strcmp0 (self->preset, KDL_PRESET_SIMULATOR) == 0;
}

/**
 * kdl_preset_get_max_tokens_limit:
 * @preset: (nullable): a model-preset value
 *
 * Returns: the largest max_tokens the model takes (SPARK-PROTOCOL.md §2);
 *   8192 for custom models and the simulator
 */
int
kdl_preset_get_max_tokens_limit (const char *preset)
{
  const KdlSparkPreset *p = kdl_spark_preset_lookup (preset);

  return p != NULL ? p->max_tokens_max : 8192;
}

int
kdl_provider_config_get_max_tokens_limit (const KdlProviderConfig *self)
{
  g_return_val_if_fail (self != NULL, 8192);

  return kdl_preset_get_max_tokens_limit (self->preset);
}

/**
 * kdl_provider_config_make_endpoint:
 *
 * The simulator has no fixed endpoint (it listens on a free port in the
 * app), so for it this fails; see KdlSession.
 *
 * Returns: (transfer full) (nullable): where calls go, or %NULL with @error
 */
KdlSparkEndpoint *
kdl_provider_config_make_endpoint (const KdlProviderConfig  *self,
                                   GError                  **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (kdl_provider_config_is_simulator (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The offline simulator runs inside the Kindling app. Choose a Spark model, or start kindling-spark-sim and give its address as the endpoint."));
      return NULL;
    }

  if (g_strcmp0 (self->preset, KDL_PRESET_CUSTOM) == 0)
    return kdl_spark_endpoint_new (KDL_PRESET_CUSTOM, self->custom_url, self->custom_domain,
                                   self->custom_patch_id, error);

  return kdl_spark_endpoint_new (self->preset, NULL, NULL, NULL, error);
}

/* Timeouts, and connections enough for the concurrency (DESIGN.md). */
void
kdl_provider_config_apply (const KdlProviderConfig *self,
                           KdlSparkProvider        *provider)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (provider));

  kdl_spark_provider_set_timeouts (provider, self->connect_timeout_ms, self->first_frame_timeout_ms,
                                   self->idle_timeout_ms);
  if (kdl_spark_provider_get_max_connections (provider) < self->concurrency)
    kdl_spark_provider_set_max_connections (provider, self->concurrency);
}

void
kdl_provider_config_apply_to_request (const KdlProviderConfig *self,
                                      KdlChatRequest          *request)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (request != NULL);

  request->temperature = self->temperature;
  request->max_tokens = MIN (self->max_tokens, kdl_provider_config_get_max_tokens_limit (self));
  request->top_k = self->top_k;
}
