/* kdl-run-view.h — the Run view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-item-detail.h"
#include "kdl-item-list.h"
#include "kdl-run-list.h"
#include "kdl-run-setup.h"
#include "kdl-stream-grid.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_RUN_VIEW (kdl_run_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlRunView, kdl_run_view, KDL, RUN_VIEW, AdwBin)

GtkWidget     *kdl_run_view_new             (void);
KdlWorkspace  *kdl_run_view_get_workspace   (KdlRunView   *self);
void           kdl_run_view_set_workspace   (KdlRunView   *self,
                                             KdlWorkspace *workspace);
gint64         kdl_run_view_get_run_id      (KdlRunView   *self);
void           kdl_run_view_show_run        (KdlRunView   *self,
                                             gint64        run_id);
KdlRunner     *kdl_run_view_get_runner      (KdlRunView   *self);
KdlRunSetup   *kdl_run_view_get_setup       (KdlRunView   *self);
KdlRunList    *kdl_run_view_get_run_list    (KdlRunView   *self);
KdlStreamGrid *kdl_run_view_get_grid        (KdlRunView   *self);
KdlItemList   *kdl_run_view_get_item_list   (KdlRunView   *self);
KdlItemDetail *kdl_run_view_get_item_detail (KdlRunView   *self);
void           kdl_run_view_set_page        (KdlRunView   *self,
                                             const char   *page);
const char    *kdl_run_view_get_summary     (KdlRunView   *self);
const char    *kdl_run_view_get_banner      (KdlRunView   *self);

G_END_DECLS
