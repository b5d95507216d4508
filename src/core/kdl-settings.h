/* kdl-settings.h — the non-secret settings the GUI and the CLI share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-chat.h"
#include "kdl-spark-provider.h"

G_BEGIN_DECLS

/* The model-preset value that selects the in-process simulator. */
#define KDL_PRESET_SIMULATOR "simulator"
#define KDL_PRESET_CUSTOM    "custom"

/* Where calls go and how they are made, read from GSettings (or defaults). */
typedef struct
{
  char   *preset;               /* "max", …, "custom" or "simulator" */
  char   *custom_url;
  char   *custom_domain;        /* the fine-tuned model's serviceId */
  char   *custom_patch_id;      /* its resourceId */
  double  temperature;          /* (0, 1] */
  int     max_tokens;           /* 1 … the model's maximum */
  int     top_k;                /* 1–6 */
  guint   connect_timeout_ms;
  guint   first_frame_timeout_ms;
  guint   idle_timeout_ms;
  guint   concurrency;          /* 1–64 */
  double  requests_per_second;  /* 0: no limit */
} KdlProviderConfig;

#define KDL_TYPE_PROVIDER_CONFIG (kdl_provider_config_get_type ())

GSettingsSchema   *kdl_settings_lookup_schema             (void);
GSettings         *kdl_settings_new                       (void);

GType              kdl_provider_config_get_type           (void) G_GNUC_CONST;
KdlProviderConfig *kdl_provider_config_new                (void);
KdlProviderConfig *kdl_provider_config_new_from_settings  (GSettings               *settings);
KdlProviderConfig *kdl_provider_config_load               (void);
KdlProviderConfig *kdl_provider_config_copy               (const KdlProviderConfig *self);
void               kdl_provider_config_free               (KdlProviderConfig       *self);
gboolean           kdl_provider_config_is_simulator       (const KdlProviderConfig *self);
int                kdl_provider_config_get_max_tokens_limit (const KdlProviderConfig *self);
int                kdl_preset_get_max_tokens_limit        (const char              *preset);
KdlSparkEndpoint  *kdl_provider_config_make_endpoint      (const KdlProviderConfig *self,
                                                           GError                 **error);
void               kdl_provider_config_apply              (const KdlProviderConfig *self,
                                                           KdlSparkProvider        *provider);
void               kdl_provider_config_apply_to_request   (const KdlProviderConfig *self,
                                                           KdlChatRequest          *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlProviderConfig, kdl_provider_config_free)

G_END_DECLS
