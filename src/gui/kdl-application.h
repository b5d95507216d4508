/* kdl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-session.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_APPLICATION (kdl_application_get_type ())
#define KDL_APPLICATION_DEFAULT (KDL_APPLICATION (g_application_get_default ()))

G_DECLARE_FINAL_TYPE (KdlApplication, kdl_application, KDL, APPLICATION, AdwApplication)

KdlApplication *kdl_application_new         (const char        *application_id,
                                             GApplicationFlags  flags,
                                             KdlSession        *session);
KdlSession     *kdl_application_get_session (KdlApplication    *self);

G_END_DECLS
