/* kdl-run-launch.h — everything a new run is made of, and making it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-run-plan.h"
#include "kdl-runner.h"

G_BEGIN_DECLS

/* What the Run view's setup asks for.  Owns its members. */
typedef struct
{
  KdlDataset   *dataset;        /* the rows; NULL with @from_run */
  gint64        from_run;       /* chain or re-judge this run's outputs */
  KdlTemplate  *generate;       /* NULL: judge-only */
  KdlTemplate  *judge;          /* NULL: generate-only */
  KdlRunSelect  select;
  guint         row_first;      /* 0 = open */
  guint         row_last;
  guint         limit;          /* 0 = all */
  guint         variants;       /* at least 1 */
  GArray       *positions;      /* (element-type guint) (nullable): picked rows */
  char         *judge_preset;   /* NULL: the generate model judges */
  char         *provider_json;  /* filled by the caller before creating */
  KdlRunOptions options;
} KdlRunLaunch;

KdlRunLaunch *kdl_run_launch_new           (void);
void          kdl_run_launch_free          (KdlRunLaunch         *self);
guint         kdl_run_launch_get_stages    (const KdlRunLaunch   *self);
gboolean      kdl_run_launch_check         (const KdlRunLaunch   *self,
                                            GError              **error);
void          kdl_run_launch_create_async  (KdlRunLaunch         *self,
                                            KdlStore             *store,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gint64        kdl_run_launch_create_finish (GAsyncResult         *result,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlRunLaunch, kdl_run_launch_free)

G_END_DECLS
