/* kdl-spark-preset.h — the Spark models and their endpoints (SPARK-PROTOCOL.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;              /* the CLI and GSettings name: "max" */
  const char *name;            /* the product name: "Spark Max" */
  const char *url;
  const char *domain;
  const char *legacy_domain;   /* also accepted on this path, or NULL */
  int         max_tokens_max;
  int         max_tokens_default;
  int         input_limit_k;   /* thousands of tokens */
} KdlSparkPreset;

#define KDL_TYPE_SPARK_ENDPOINT (kdl_spark_endpoint_get_type ())

/* Where a call goes: a preset, or a custom / fine-tuned model. */
typedef struct
{
  char *preset;    /* "max", …, or "custom" */
  char *url;
  char *domain;
  char *patch_id;  /* fine-tuned resourceId, or NULL */
} KdlSparkEndpoint;

#define KDL_SPARK_FINETUNED_URL "wss://maas-api.cn-huabei-1.xf-yun.com/v1.1/chat"

const KdlSparkPreset *kdl_spark_presets            (guint       *n_presets);
const KdlSparkPreset *kdl_spark_preset_lookup      (const char  *id);
const KdlSparkPreset *kdl_spark_preset_for_path    (const char  *path);

GType             kdl_spark_endpoint_get_type      (void) G_GNUC_CONST;
KdlSparkEndpoint *kdl_spark_endpoint_new           (const char  *preset,
                                                    const char  *url,
                                                    const char  *domain,
                                                    const char  *patch_id,
                                                    GError     **error);
KdlSparkEndpoint *kdl_spark_endpoint_copy          (const KdlSparkEndpoint *self);
void              kdl_spark_endpoint_free          (KdlSparkEndpoint *self);
char             *kdl_spark_endpoint_describe      (const KdlSparkEndpoint *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlSparkEndpoint, kdl_spark_endpoint_free)

G_END_DECLS
