/* kdl-credentials.h — the APPID, APIKey and APISecret, and where they are kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

typedef struct
{
  char *app_id;
  char *api_key;
  char *api_secret;
} KdlCredentials;

#define KDL_CREDENTIALS_ERROR (kdl_credentials_error_quark ())

/* The first three mean "the keyring cannot be used: keep the keys in memory". */
typedef enum
{
  KDL_CREDENTIALS_ERROR_NO_SERVICE,  /* no Secret Service on the session bus */
  KDL_CREDENTIALS_ERROR_TIMEOUT,     /* it did not answer in time (locked, prompting) */
  KDL_CREDENTIALS_ERROR_FAILED,      /* it refused the request */
  KDL_CREDENTIALS_ERROR_INVALID,     /* the stored item is not ours to read; saving replaces it */
} KdlCredentialsError;

/* The keyring item: schema KDL_CREDENTIALS_SCHEMA_NAME, attributes
 * `profile` (KDL_CREDENTIALS_DEFAULT_PROFILE) and `app-id` (the APPID, not a
 * secret); the secret is the JSON object {"api_key": …, "api_secret": …}. */
#define KDL_CREDENTIALS_SCHEMA_NAME     "io.github.kindling.Kindling.Credentials"
#define KDL_CREDENTIALS_DEFAULT_PROFILE "default"
#define KDL_CREDENTIALS_TIMEOUT_MS      5000

GQuark              kdl_credentials_error_quark   (void);
gboolean            kdl_credentials_error_is_unavailable (const GError *error);
const SecretSchema *kdl_credentials_get_schema    (void);

KdlCredentials *kdl_credentials_new               (const char           *app_id,
                                                   const char           *api_key,
                                                   const char           *api_secret);
KdlCredentials *kdl_credentials_new_from_env      (void);
KdlCredentials *kdl_credentials_merge_env         (const KdlCredentials *saved);
KdlCredentials *kdl_credentials_copy              (const KdlCredentials *self);
gboolean        kdl_credentials_is_complete       (const KdlCredentials *self);
gboolean        kdl_credentials_is_empty          (const KdlCredentials *self);
gboolean        kdl_credentials_equal             (const KdlCredentials *a,
                                                   const KdlCredentials *b);
void            kdl_credentials_free              (KdlCredentials       *self);

void            kdl_credentials_keyring_lookup_async  (const char           *profile,
                                                       guint                 timeout_ms,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
KdlCredentials *kdl_credentials_keyring_lookup_finish (GAsyncResult         *result,
                                                       GError              **error);
void            kdl_credentials_keyring_store_async   (const KdlCredentials *credentials,
                                                       const char           *profile,
                                                       guint                 timeout_ms,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        kdl_credentials_keyring_store_finish  (GAsyncResult         *result,
                                                       GError              **error);
void            kdl_credentials_keyring_clear_async   (const char           *profile,
                                                       guint                 timeout_ms,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        kdl_credentials_keyring_clear_finish  (GAsyncResult         *result,
                                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlCredentials, kdl_credentials_free)

G_END_DECLS
