/* kdl-run-view.h — the Run view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_RUN_VIEW (kdl_run_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlRunView, kdl_run_view, KDL, RUN_VIEW, AdwBin)

GtkWidget *kdl_run_view_new (void);

G_END_DECLS
