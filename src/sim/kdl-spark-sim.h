/* kdl-spark-sim.h — a Spark server on loopback, for tests and the offline demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The simulator's own account: it is public, it guards nothing. */
#define KDL_SIM_APP_ID     "kdlsim01"
#define KDL_SIM_API_KEY    "kindling-simulator-key"
#define KDL_SIM_API_SECRET "kindling-simulator-secret"
#define KDL_SIM_SERVICE_ID  "xsparksim"
#define KDL_SIM_RESOURCE_ID "sim-resource-0001"

#define KDL_TYPE_SPARK_SIM (kdl_spark_sim_get_type ())

G_DECLARE_FINAL_TYPE (KdlSparkSim, kdl_spark_sim, KDL, SPARK_SIM, GObject)

typedef struct
{
  guint handshakes;          /* upgrade requests seen */
  guint rejected;            /* refused before the upgrade (401, 403, 404…) */
  guint requests;            /* request frames received */
  guint completed;           /* answers sent to the end */
  guint error_frames;
  guint faults;              /* injected drops, stalls, invalid frames */
  guint active;              /* answers being streamed now */
  guint max_active;
  guint open_connections;
} KdlSparkSimStats;

KdlSparkSim *kdl_spark_sim_new              (void);
void         kdl_spark_sim_set_credentials  (KdlSparkSim      *self,
                                             const char       *app_id,
                                             const char       *api_key,
                                             const char       *api_secret);
gboolean     kdl_spark_sim_set_faults       (KdlSparkSim      *self,
                                             const char       *spec,
                                             GError          **error);
void         kdl_spark_sim_set_seed         (KdlSparkSim      *self,
                                             guint32           seed);
void         kdl_spark_sim_set_latency      (KdlSparkSim      *self,
                                             guint             first_frame_ms,
                                             guint             frame_interval_ms);
void         kdl_spark_sim_set_frames       (KdlSparkSim      *self,
                                             guint             n_frames);
void         kdl_spark_sim_set_clock_offset (KdlSparkSim      *self,
                                             gint64            seconds);
void         kdl_spark_sim_set_idle_close   (KdlSparkSim      *self,
                                             guint             ms);
void         kdl_spark_sim_set_request_log  (KdlSparkSim      *self,
                                             const char       *path);
void         kdl_spark_sim_add_finetuned    (KdlSparkSim      *self,
                                             const char       *service_id,
                                             const char       *resource_id);
void         kdl_spark_sim_set_tls_certificate (KdlSparkSim   *self,
                                                GTlsCertificate *certificate);
gboolean     kdl_spark_sim_listen           (KdlSparkSim      *self,
                                             guint             port,
                                             GError          **error);
guint        kdl_spark_sim_get_port         (KdlSparkSim      *self);
char        *kdl_spark_sim_get_url          (KdlSparkSim      *self,
                                             const char       *preset_id);
void         kdl_spark_sim_get_stats        (KdlSparkSim      *self,
                                             KdlSparkSimStats *stats);
void         kdl_spark_sim_reset_stats      (KdlSparkSim      *self);

G_END_DECLS
