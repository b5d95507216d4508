/* kdl-import-problems.h — the rows an import left out, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-dataset.h"

G_BEGIN_DECLS

#define KDL_TYPE_IMPORT_PROBLEMS (kdl_import_problems_get_type ())

G_DECLARE_FINAL_TYPE (KdlImportProblems, kdl_import_problems, KDL, IMPORT_PROBLEMS, AdwBin)

GtkWidget  *kdl_import_problems_new           (void);
void        kdl_import_problems_set_dataset   (KdlImportProblems *self,
                                               KdlDataset        *dataset);
guint       kdl_import_problems_get_n_rejected (KdlImportProblems *self);
guint       kdl_import_problems_get_n_skipped (KdlImportProblems *self);
GListModel *kdl_import_problems_get_issues    (KdlImportProblems *self);
const char *kdl_import_problems_get_summary   (KdlImportProblems *self);
const char *kdl_import_problems_get_notice    (KdlImportProblems *self);
gboolean    kdl_import_problems_get_expanded  (KdlImportProblems *self);
void        kdl_import_problems_set_expanded  (KdlImportProblems *self,
                                               gboolean           expanded);

G_END_DECLS
