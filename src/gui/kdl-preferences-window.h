/* kdl-preferences-window.h — account, model and limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-session.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_PREFERENCES_WINDOW (kdl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KdlPreferencesWindow, kdl_preferences_window, KDL, PREFERENCES_WINDOW, AdwPreferencesWindow)

KdlPreferencesWindow *kdl_preferences_window_new         (KdlSession           *session);
KdlSession           *kdl_preferences_window_get_session (KdlPreferencesWindow *self);
void                  kdl_preferences_window_save_keys   (KdlPreferencesWindow *self);

G_END_DECLS
