/* kdl-spark-preset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "kdl-error.h"
#include "kdl-spark-preset.h"

static const KdlSparkPreset presets[] = {
  { "lite",     "Spark Lite",      "wss://spark-api.xf-yun.com/v1.1/chat",      "lite",        "general", 4096, 4096, 8 },
  { "pro",      "Spark Pro",       "wss://spark-api.xf-yun.com/v3.1/chat",      "generalv3",   NULL,      8192, 4096, 8 },
  { "pro-128k", "Spark Pro-128K",  "wss://spark-api.xf-yun.com/chat/pro-128k",  "pro-128k",    NULL,      4096, 4096, 128 },
  { "max",      "Spark Max",       "wss://spark-api.xf-yun.com/v3.5/chat",      "generalv3.5", NULL,      8192, 4096, 8 },
  { "max-32k",  "Spark Max-32K",   "wss://spark-api.xf-yun.com/chat/max-32k",   "max-32k",     NULL,      8192, 4096, 32 },
  { "ultra",    "Spark 4.0 Ultra", "wss://spark-api.xf-yun.com/v4.0/chat",      "4.0Ultra",    NULL,      8192, 4096, 8 },
};

G_DEFINE_BOXED_TYPE (KdlSparkEndpoint, kdl_spark_endpoint, kdl_spark_endpoint_copy, kdl_spark_endpoint_free)

const KdlSparkPreset *
kdl_spark_presets (guint *n_presets)
{
  if (n_presets != NULL)
    *n_presets = G_N_ELEMENTS (presets);

  return presets;
}

const KdlSparkPreset *
kdl_spark_preset_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (presets[i].id, id) == 0)
      return &presets[i];

  return NULL;
}

/**
 * kdl_spark_preset_for_path:
 * @path: a URL path such as `/v3.5/chat`
 *
 * Returns: (nullable): the preset served on @path
 */
const KdlSparkPreset *
kdl_spark_preset_for_path (const char *path)
{
  if (path == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      const char *p = strstr (presets[i].url + strlen ("wss://"), "/");

      if (g_strcmp0 (p, path) == 0)
        return &presets[i];
    }

  return NULL;
}

/**
 * kdl_spark_endpoint_new:
 * @preset: a preset id, or "custom"
 * @url: (nullable): overrides the preset's URL (required for custom)
 * @domain: (nullable): overrides the preset's domain (required for custom:
 *   the fine-tuned model's serviceId)
 * @patch_id: (nullable): the fine-tuned model's resourceId
 *
 * Returns: (transfer full) (nullable): the endpoint, or %NULL with @error set
 */
KdlSparkEndpoint *
kdl_spark_endpoint_new (const char  *preset,
                        const char  *url,
                        const char  *domain,
                        const char  *patch_id,
                        GError     **error)
{
  const KdlSparkPreset *p = NULL;
  KdlSparkEndpoint *self;

  if (preset == NULL || *preset == '\0')
    preset = "max";

  if (g_strcmp0 (preset, "custom") != 0)
    {
      p = kdl_spark_preset_lookup (preset);
      if (p == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Unknown model “%s”. Choose one of lite, pro, pro-128k, max, max-32k, ultra or custom."),
                       preset);
          return NULL;
        }
    }
  else if (url == NULL || *url == '\0' || domain == NULL || *domain == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A custom model needs an endpoint URL and a domain (the fine-tuned model’s serviceId)."));
      return NULL;
    }

  self = g_new0 (KdlSparkEndpoint, 1);
  self->preset = g_strdup (p != NULL ? p->id : "custom");
  self->url = g_strdup (url != NULL && *url ? url : p->url);
  self->domain = g_strdup (domain != NULL && *domain ? domain : p->domain);
  self->patch_id = (patch_id != NULL && *patch_id) ? g_strdup (patch_id) : NULL;

  return self;
}

KdlSparkEndpoint *
kdl_spark_endpoint_copy (const KdlSparkEndpoint *self)
{
  KdlSparkEndpoint *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (KdlSparkEndpoint, 1);
  copy->preset = g_strdup (self->preset);
  copy->url = g_strdup (self->url);
  copy->domain = g_strdup (self->domain);
  copy->patch_id = g_strdup (self->patch_id);

  return copy;
}

void
kdl_spark_endpoint_free (KdlSparkEndpoint *self)
{
  if (self == NULL)
    return;

  g_free (self->preset);
  g_free (self->url);
  g_free (self->domain);
  g_free (self->patch_id);
  g_free (self);
}

/* For logs, the project file and the UI: no secrets in an endpoint. */
char *
kdl_spark_endpoint_describe (const KdlSparkEndpoint *self)
{
  const KdlSparkPreset *p;

  g_return_val_if_fail (self != NULL, NULL);

  p = kdl_spark_preset_lookup (self->preset);
  if (p != NULL && g_strcmp0 (p->url, self->url) == 0)
    return g_strdup (p->name);

  if (self->patch_id != NULL)
    return g_strdup_printf ("%s (%s, %s)", self->url, self->domain, self->patch_id);

  return g_strdup_printf ("%s (%s)", self->url, self->domain);
}
