/* kdl-credentials.h — the APPID, APIKey and APISecret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *app_id;
  char *api_key;
  char *api_secret;
} KdlCredentials;

KdlCredentials *kdl_credentials_new          (const char           *app_id,
                                              const char           *api_key,
                                              const char           *api_secret);
KdlCredentials *kdl_credentials_new_from_env (void);
KdlCredentials *kdl_credentials_copy         (const KdlCredentials *self);
gboolean        kdl_credentials_is_complete  (const KdlCredentials *self);
void            kdl_credentials_free         (KdlCredentials       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlCredentials, kdl_credentials_free)

G_END_DECLS
