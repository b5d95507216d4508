/* kdl-window.h — the main window: Dataset, Prompts, Run and Scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-session.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_WINDOW (kdl_window_get_type ())

G_DECLARE_FINAL_TYPE (KdlWindow, kdl_window, KDL, WINDOW, AdwApplicationWindow)

KdlWindow  *kdl_window_new              (KdlApplication *application);
KdlSession *kdl_window_get_session      (KdlWindow      *self);
KdlWorkspace *kdl_window_get_workspace (KdlWindow      *self);
void        kdl_window_add_toast        (KdlWindow      *self,
                                         AdwToast       *toast);
void        kdl_window_show_view        (KdlWindow      *self,
                                         const char     *name);
const char *kdl_window_get_visible_view (KdlWindow      *self);

G_END_DECLS
