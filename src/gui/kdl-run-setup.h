/* kdl-run-setup.h — the form that sets up a new run, with its estimate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-run-estimate.h"
#include "kdl-run-launch.h"
#include "kdl-types.h"

G_BEGIN_DECLS

/* Which rows a new run takes. */
typedef enum
{
  KDL_RUN_SOURCE_ALL,        /* every row of the open dataset */
  KDL_RUN_SOURCE_SELECTION,  /* the rows picked in the Dataset view */
  KDL_RUN_SOURCE_FAILED,     /* failed in the last run over the dataset */
  KDL_RUN_SOURCE_UNSCORED,   /* without a score in the last run */
  KDL_RUN_SOURCE_RUN,        /* another run's outputs: chain or re-judge */
} KdlRunSource;

#define KDL_TYPE_RUN_SETUP (kdl_run_setup_get_type ())

G_DECLARE_FINAL_TYPE (KdlRunSetup, kdl_run_setup, KDL, RUN_SETUP, AdwBin)

GtkWidget            *kdl_run_setup_new            (void);
KdlWorkspace         *kdl_run_setup_get_workspace  (KdlRunSetup   *self);
void                  kdl_run_setup_set_workspace  (KdlRunSetup   *self,
                                                    KdlWorkspace  *workspace);
void                  kdl_run_setup_set_runs       (KdlRunSetup   *self,
                                                    GPtrArray     *runs);
void                  kdl_run_setup_set_source     (KdlRunSetup   *self,
                                                    KdlRunSource   source,
                                                    gint64         run_id);
gboolean              kdl_run_setup_set_templates  (KdlRunSetup   *self,
                                                    const char    *generate,
                                                    const char    *judge);
gboolean              kdl_run_setup_set_judge_preset (KdlRunSetup *self,
                                                    const char    *preset);
void                  kdl_run_setup_set_limits     (KdlRunSetup   *self,
                                                    guint          concurrency,
                                                    double         qps,
                                                    guint          variants);
KdlRunLaunch         *kdl_run_setup_dup_launch     (KdlRunSetup   *self,
                                                    GError       **error);
const KdlRunEstimate *kdl_run_setup_get_estimate   (KdlRunSetup   *self);
void                  kdl_run_setup_set_message    (KdlRunSetup   *self,
                                                    const char    *message);
void                  kdl_run_setup_set_busy       (KdlRunSetup   *self,
                                                    gboolean       busy);

G_END_DECLS
