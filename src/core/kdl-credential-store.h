/* kdl-credential-store.h — the keys of this session: keyring, memory, environment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-credentials.h"

G_BEGIN_DECLS

/* Where saved keys go. */
typedef enum
{
  KDL_CREDENTIAL_STORAGE_UNKNOWN,  /* the keyring was not asked yet */
  KDL_CREDENTIAL_STORAGE_KEYRING,  /* the Secret Service */
  KDL_CREDENTIAL_STORAGE_MEMORY,   /* no usable keyring: this session only */
} KdlCredentialStorage;

#define KDL_TYPE_CREDENTIAL_STORAGE (kdl_credential_storage_get_type ())
#define KDL_TYPE_CREDENTIAL_STORE   (kdl_credential_store_get_type ())

GType kdl_credential_storage_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (KdlCredentialStore, kdl_credential_store, KDL, CREDENTIAL_STORE, GObject)

KdlCredentialStore    *kdl_credential_store_new                 (const char           *profile);
const char            *kdl_credential_store_get_profile         (KdlCredentialStore   *self);
void                   kdl_credential_store_set_timeout         (KdlCredentialStore   *self,
                                                                 guint                 timeout_ms);
KdlCredentialStorage   kdl_credential_store_get_storage         (KdlCredentialStore   *self);
const char            *kdl_credential_store_get_storage_message (KdlCredentialStore   *self);
gboolean               kdl_credential_store_get_loaded          (KdlCredentialStore   *self);
const KdlCredentials  *kdl_credential_store_peek_saved          (KdlCredentialStore   *self);
KdlCredentials        *kdl_credential_store_dup_effective       (KdlCredentialStore   *self);
gboolean               kdl_credential_store_has_env_override    (KdlCredentialStore   *self);
gboolean               kdl_credential_store_get_complete        (KdlCredentialStore   *self);
void                   kdl_credential_store_load_async          (KdlCredentialStore   *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
KdlCredentials        *kdl_credential_store_load_finish         (KdlCredentialStore   *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
void                   kdl_credential_store_save_async          (KdlCredentialStore   *self,
                                                                 const KdlCredentials *credentials,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
gboolean               kdl_credential_store_save_finish         (KdlCredentialStore   *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

G_END_DECLS
