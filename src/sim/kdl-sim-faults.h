/* kdl-sim-faults.h — what can go wrong in the simulator, from a spec string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KDL_SIM_FAULT_NONE,
  KDL_SIM_FAULT_ERROR_FRAME,  /* a Spark error code as an error frame */
  KDL_SIM_FAULT_HTTP,         /* a 401/403 (or other) handshake */
  KDL_SIM_FAULT_DROP,         /* the connection breaks mid-stream */
  KDL_SIM_FAULT_INVALID_JSON, /* a frame that is not JSON */
  KDL_SIM_FAULT_STALL,        /* frames stop coming, the socket stays open */
} KdlSimFaultKind;

typedef struct
{
  KdlSimFaultKind kind;
  int             code;        /* error code or HTTP status */
  double          probability;
} KdlSimFault;

typedef struct
{
  GArray *faults;              /* of KdlSimFault */
  guint   qps_limit;           /* 0 = none; beyond it: 11202 */
  guint   concurrency_limit;   /* 0 = none; beyond it: 11203 */
} KdlSimFaults;

KdlSimFaults   *kdl_sim_faults_parse   (const char         *spec,
                                        GError            **error);
void            kdl_sim_faults_free    (KdlSimFaults       *faults);
KdlSimFaults   *kdl_sim_faults_copy    (const KdlSimFaults *faults);
const KdlSimFault *kdl_sim_faults_pick (const KdlSimFaults *faults,
                                        KdlSimFaultKind     stage_kind,
                                        GRand              *rand);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlSimFaults, kdl_sim_faults_free)

G_END_DECLS
