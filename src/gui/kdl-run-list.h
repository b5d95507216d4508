/* kdl-run-list.h — the project's runs, with their state; resumable ones marked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_RUN_LIST (kdl_run_list_get_type ())

G_DECLARE_FINAL_TYPE (KdlRunList, kdl_run_list, KDL, RUN_LIST, AdwBin)

GtkWidget *kdl_run_list_new          (void);
void       kdl_run_list_set_runs     (KdlRunList *self,
                                      GPtrArray  *runs,
                                      gint64      working_run);
void       kdl_run_list_set_selected (KdlRunList *self,
                                      gint64      run_id);
guint      kdl_run_list_get_n_runs   (KdlRunList *self);
gboolean   kdl_run_list_is_resumable (KdlRunList *self,
                                      gint64      run_id);

G_END_DECLS
