/* kdl-connection-test.h — "Test connection": one short prompt, streamed back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-session.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_CONNECTION_TEST (kdl_connection_test_get_type ())

G_DECLARE_FINAL_TYPE (KdlConnectionTest, kdl_connection_test, KDL, CONNECTION_TEST, AdwPreferencesGroup)

GtkWidget  *kdl_connection_test_new         (KdlSession        *session);
KdlSession *kdl_connection_test_get_session (KdlConnectionTest *self);
void        kdl_connection_test_set_session (KdlConnectionTest *self,
                                             KdlSession        *session);
void        kdl_connection_test_start       (KdlConnectionTest *self);
void        kdl_connection_test_cancel      (KdlConnectionTest *self);
gboolean    kdl_connection_test_get_running (KdlConnectionTest *self);
const char *kdl_connection_test_get_reply   (KdlConnectionTest *self);
const char *kdl_connection_test_get_error   (KdlConnectionTest *self);
const char *kdl_connection_test_get_prompt  (void);

G_END_DECLS
