/* kdl-export-dialog.h — write training files from a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-export.h"
#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_EXPORT_DIALOG (kdl_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KdlExportDialog, kdl_export_dialog, KDL, EXPORT_DIALOG, AdwWindow)

KdlExportDialog  *kdl_export_dialog_new         (GtkWindow       *parent,
                                                 KdlStore        *store,
                                                 gint64           run_id,
                                                 double           score_max,
                                                 double           min_score);
gint64            kdl_export_dialog_get_run     (KdlExportDialog *self);
KdlExportOptions *kdl_export_dialog_dup_options (KdlExportDialog *self);
void              kdl_export_dialog_set_options (KdlExportDialog *self,
                                                 const KdlExportOptions *options);
const char       *kdl_export_dialog_get_path    (KdlExportDialog *self);
void              kdl_export_dialog_set_path    (KdlExportDialog *self,
                                                 const char      *path);
KdlExportPlan    *kdl_export_dialog_get_plan    (KdlExportDialog *self);
void              kdl_export_dialog_export      (KdlExportDialog *self);
gboolean          kdl_export_dialog_is_busy     (KdlExportDialog *self);

G_END_DECLS
