/* kdl-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-credentials.h"

G_DEFINE_QUARK (kdl-credentials-error-quark, kdl_credentials_error)

KdlCredentials *
kdl_credentials_new (const char *app_id,
                     const char *api_key,
                     const char *api_secret)
{
  KdlCredentials *self = g_new0 (KdlCredentials, 1);

  self->app_id = g_strdup (app_id);
  self->api_key = g_strdup (api_key);
  self->api_secret = g_strdup (api_secret);

  return self;
}

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value ? value : NULL;
}

static const char *
nonempty (const char *value)
{
  return value != NULL && *value ? value : NULL;
}

/**
 * kdl_credentials_new_from_env:
 *
 * Reads `SPARK_APP_ID`, `SPARK_API_KEY` and `SPARK_API_SECRET`, which
 * override the keyring for headless use.
 *
 * An empty variable counts as unset.
 *
 * Returns: (transfer full) (nullable): the keys, or %NULL when none of the
 *   three variables is set
 */
KdlCredentials *
kdl_credentials_new_from_env (void)
{
  return kdl_credentials_merge_env (NULL);
}

/**
 * kdl_credentials_merge_env:
 * @saved: (nullable): the keys from the keyring (or memory)
 *
 * Each of `SPARK_APP_ID`, `SPARK_API_KEY` and `SPARK_API_SECRET` that is set
 * and not empty replaces the matching field of @saved.
 *
 * Returns: (transfer full) (nullable): the keys to use, or %NULL when there
 *   are none at all
 */
KdlCredentials *
kdl_credentials_merge_env (const KdlCredentials *saved)
{
  const char *app_id = nonempty_env ("SPARK_APP_ID");
  const char *api_key = nonempty_env ("SPARK_API_KEY");
  const char *api_secret = nonempty_env ("SPARK_API_SECRET");

  if (saved != NULL)
    {
      app_id = app_id != NULL ? app_id : nonempty (saved->app_id);
      api_key = api_key != NULL ? api_key : nonempty (saved->api_key);
      api_secret = api_secret != NULL ? api_secret : nonempty (saved->api_secret);
    }

  if (app_id == NULL && api_key == NULL && api_secret == NULL)
    return NULL;

  return kdl_credentials_new (app_id, api_key, api_secret);
}

KdlCredentials *
kdl_credentials_copy (const KdlCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kdl_credentials_new (self->app_id, self->api_key, self->api_secret);
}

gboolean
kdl_credentials_is_complete (const KdlCredentials *self)
{
  return self != NULL &&
         self->app_id != NULL && *self->app_id &&
         self->api_key != NULL && *self->api_key &&
         self->api_secret != NULL && *self->api_secret;
}

gboolean
kdl_credentials_is_empty (const KdlCredentials *self)
{
  return self == NULL ||
         (nonempty (self->app_id) == NULL &&
          nonempty (self->api_key) == NULL &&
          nonempty (self->api_secret) == NULL);
}

/* NULL and "" are the same: both mean "not set". */
gboolean
kdl_credentials_equal (const KdlCredentials *a,
                       const KdlCredentials *b)
{
  if (kdl_credentials_is_empty (a) || kdl_credentials_is_empty (b))
    return kdl_credentials_is_empty (a) && kdl_credentials_is_empty (b);

  return g_strcmp0 (nonempty (a->app_id), nonempty (b->app_id)) == 0 &&
         g_strcmp0 (nonempty (a->api_key), nonempty (b->api_key)) == 0 &&
         g_strcmp0 (nonempty (a->api_secret), nonempty (b->api_secret)) == 0;
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

void
kdl_credentials_free (KdlCredentials *self)
{
  if (self == NULL)
    return;

  g_free (self->app_id);
  wipe (self->api_key);
  wipe (self->api_secret);
  g_free (self);
}
