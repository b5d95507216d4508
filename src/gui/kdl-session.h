/* kdl-session.h — which provider is configured now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-credential-store.h"
#include "kdl-settings.h"
#include "kdl-spark-sim.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_SESSION (kdl_session_get_type ())

G_DECLARE_FINAL_TYPE (KdlSession, kdl_session, KDL, SESSION, GObject)

KdlSession         *kdl_session_new                  (GSettings            *settings,
                                                      KdlCredentialStore   *store);
GSettings          *kdl_session_get_settings         (KdlSession           *self);
KdlCredentialStore *kdl_session_get_credential_store (KdlSession           *self);
KdlProviderConfig  *kdl_session_dup_config           (KdlSession           *self);
gboolean            kdl_session_get_using_simulator  (KdlSession           *self);
gboolean            kdl_session_get_can_call         (KdlSession           *self);
char               *kdl_session_dup_provider_label   (KdlSession           *self);
KdlSparkSim        *kdl_session_ensure_simulator     (KdlSession           *self,
                                                      GError              **error);
KdlSparkSim        *kdl_session_get_simulator        (KdlSession           *self);
KdlSparkProvider   *kdl_session_create_provider      (KdlSession           *self,
                                                      const KdlCredentials *credentials,
                                                      GError              **error);
KdlChatRequest     *kdl_session_create_request       (KdlSession           *self,
                                                      const char           *system,
                                                      const char           *user);
void                kdl_session_load_async           (KdlSession           *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            kdl_session_load_finish          (KdlSession           *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
