/* kdl-spark-provider.h — Spark chat over WebSockets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-llm-provider.h"
#include "kdl-spark-preset.h"

G_BEGIN_DECLS

#define KDL_TYPE_SPARK_PROVIDER (kdl_spark_provider_get_type ())

G_DECLARE_FINAL_TYPE (KdlSparkProvider, kdl_spark_provider, KDL, SPARK_PROVIDER, GObject)

#define KDL_SPARK_DEFAULT_CONNECT_TIMEOUT_MS     15000
#define KDL_SPARK_DEFAULT_FIRST_FRAME_TIMEOUT_MS 60000
#define KDL_SPARK_DEFAULT_IDLE_TIMEOUT_MS        30000
#define KDL_SPARK_MAX_PAYLOAD_SIZE               (16 * 1024 * 1024)

KdlSparkProvider       *kdl_spark_provider_new                (const KdlSparkEndpoint *endpoint);
const KdlSparkEndpoint *kdl_spark_provider_get_endpoint       (KdlSparkProvider       *self);
void                    kdl_spark_provider_set_endpoint       (KdlSparkProvider       *self,
                                                               const KdlSparkEndpoint *endpoint);
void                    kdl_spark_provider_set_credentials    (KdlSparkProvider       *self,
                                                               const char             *app_id,
                                                               const char             *api_key,
                                                               const char             *api_secret);
gboolean                kdl_spark_provider_has_credentials    (KdlSparkProvider       *self);
void                    kdl_spark_provider_set_timeouts       (KdlSparkProvider       *self,
                                                               guint                   connect_ms,
                                                               guint                   first_frame_ms,
                                                               guint                   idle_ms);
void                    kdl_spark_provider_set_max_connections (KdlSparkProvider      *self,
                                                                guint                  max_connections);
guint                   kdl_spark_provider_get_max_connections (KdlSparkProvider      *self);
void                    kdl_spark_provider_set_label          (KdlSparkProvider       *self,
                                                               const char             *label);
void                    kdl_spark_provider_set_tls_database   (KdlSparkProvider       *self,
                                                               GTlsDatabase           *database);
gboolean                kdl_spark_url_is_allowed              (const char             *url,
                                                               GError                **error);

G_END_DECLS
