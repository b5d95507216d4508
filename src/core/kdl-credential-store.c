/* kdl-credential-store.c
 *
 * The keys the user saved live in the Secret Service; when there is none (or
 * it does not answer) they stay in this object's memory for the session and
 * the storage says so, so the UI can tell the user.  They are never written
 * to a file, to GSettings or to a log.  SPARK_* environment variables
 * override the saved keys field by field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-credential-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-credential-store.h"

struct _KdlCredentialStore
{
  GObject               parent_instance;

  char                 *profile;
  guint                 timeout_ms;
  KdlCredentialStorage  storage;
  char                 *storage_message;
  KdlCredentials       *saved;
  GQueue                saves;      /* of GTask, the head is running */
  guint                 loaded : 1;
};

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_STORAGE,
  PROP_LOADED,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (KdlCredentialStorage, kdl_credential_storage,
                    G_DEFINE_ENUM_VALUE (KDL_CREDENTIAL_STORAGE_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (KDL_CREDENTIAL_STORAGE_KEYRING, "keyring"),
                    G_DEFINE_ENUM_VALUE (KDL_CREDENTIAL_STORAGE_MEMORY, "memory"))

G_DEFINE_FINAL_TYPE (KdlCredentialStore, kdl_credential_store, G_TYPE_OBJECT)

static void
set_storage (KdlCredentialStore   *self,
             KdlCredentialStorage  storage,
             const GError         *why)
{
  const char *message = NULL;

  if (storage == KDL_CREDENTIAL_STORAGE_MEMORY)
    {
      if (g_error_matches (why, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_TIMEOUT))
        message = _("The keyring did not answer in time (it may be locked), so the keys are kept in memory for this session only.");
      else if (g_error_matches (why, KDL_CREDENTIALS_ERROR, KDL_CREDENTIALS_ERROR_NO_SERVICE))
        message = _("No keyring (Secret Service) is running, so the keys are kept in memory for this session only.");
      else
        message = _("The keyring cannot be used, so the keys are kept in memory for this session only.");
    }

  if (g_strcmp0 (message, self->storage_message) != 0)
    {
      g_free (self->storage_message);
      self->storage_message = g_strdup (message);
    }

  if (self->storage != storage)
    {
      self->storage = storage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE]);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
set_saved (KdlCredentialStore   *self,
           const KdlCredentials *credentials)
{
  gboolean was_complete = kdl_credential_store_get_complete (self);

  if (kdl_credentials_equal (self->saved, credentials))
    return;

  g_clear_pointer (&self->saved, kdl_credentials_free);
  if (!kdl_credentials_is_empty (credentials))
    self->saved = kdl_credentials_copy (credentials);

  if (was_complete != kdl_credential_store_get_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
kdl_credential_store_finalize (GObject *object)
{
  KdlCredentialStore *self = (KdlCredentialStore *)object;

  /* Each queued save holds a reference on the store. */
  g_assert (g_queue_is_empty (&self->saves));

  g_clear_pointer (&self->saved, kdl_credentials_free);
  g_clear_pointer (&self->storage_message, g_free);
  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (kdl_credential_store_parent_class)->finalize (object);
}

static void
kdl_credential_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdlCredentialStore *self = KDL_CREDENTIAL_STORE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_STORAGE:
      g_value_set_enum (value, self->storage);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, kdl_credential_store_get_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_credential_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KdlCredentialStore *self = KDL_CREDENTIAL_STORE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_free (self->profile);
      self->profile = g_value_dup_string (value);
      if (self->profile == NULL)
        self->profile = g_strdup (KDL_CREDENTIALS_DEFAULT_PROFILE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_credential_store_class_init (KdlCredentialStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_credential_store_finalize;
  object_class->get_property = kdl_credential_store_get_property;
  object_class->set_property = kdl_credential_store_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL,
                         KDL_CREDENTIALS_DEFAULT_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORAGE] =
    g_param_spec_enum ("storage", NULL, NULL,
                       KDL_TYPE_CREDENTIAL_STORAGE, KDL_CREDENTIAL_STORAGE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlCredentialStore::changed:
   *
   * The saved keys or where they are kept changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdl_credential_store_init (KdlCredentialStore *self)
{
  self->profile = g_strdup (KDL_CREDENTIALS_DEFAULT_PROFILE);
  self->timeout_ms = KDL_CREDENTIALS_TIMEOUT_MS;
  g_queue_init (&self->saves);
}

/**
 * kdl_credential_store_new:
 * @profile: (nullable): the keyring item's `profile` attribute; %NULL for
 *   %KDL_CREDENTIALS_DEFAULT_PROFILE (tests use their own)
 */
KdlCredentialStore *
kdl_credential_store_new (const char *profile)
{
  return g_object_new (KDL_TYPE_CREDENTIAL_STORE, "profile", profile, NULL);
}

const char *
kdl_credential_store_get_profile (KdlCredentialStore *self)
{
  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), NULL);

  return self->profile;
}

/* How long one keyring call may take before the keys go to memory. */
void
kdl_credential_store_set_timeout (KdlCredentialStore *self,
                                  guint               timeout_ms)
{
  g_return_if_fail (KDL_IS_CREDENTIAL_STORE (self));

  self->timeout_ms = timeout_ms;
}

KdlCredentialStorage
kdl_credential_store_get_storage (KdlCredentialStore *self)
{
  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), KDL_CREDENTIAL_STORAGE_UNKNOWN);

  return self->storage;
}

/**
 * kdl_credential_store_get_storage_message:
 *
 * Returns: (nullable): when the keys are kept in memory only, why, in a
 *   sentence for the user
 */
const char *
kdl_credential_store_get_storage_message (KdlCredentialStore *self)
{
  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), NULL);

  return self->storage_message;
}

gboolean
kdl_credential_store_get_loaded (KdlCredentialStore *self)
{
  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), FALSE);

  return self->loaded;
}

/**
 * kdl_credential_store_peek_saved:
 *
 * Returns: (nullable): the keys the user saved (keyring or memory), without
 *   the environment's overrides
 */
const KdlCredentials *
kdl_credential_store_peek_saved (KdlCredentialStore *self)
{
  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), NULL);

  return self->saved;
}

/**
 * kdl_credential_store_dup_effective:
 *
 * Returns: (transfer full) (nullable): the keys calls use: the saved ones
 *   with the SPARK_* environment variables over them
 */
KdlCredentials *
kdl_credential_store_dup_effective (KdlCredentialStore *self)
{
  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), NULL);

  return kdl_credentials_merge_env (self->saved);
}

gboolean
kdl_credential_store_has_env_override (KdlCredentialStore *self)
{
  g_autoptr(KdlCredentials) env = kdl_credentials_new_from_env ();

  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), FALSE);

  return env != NULL;
}

gboolean
kdl_credential_store_get_complete (KdlCredentialStore *self)
{
  g_autoptr(KdlCredentials) effective = NULL;

  g_return_val_if_fail (KDL_IS_CREDENTIAL_STORE (self), FALSE);

  effective = kdl_credential_store_dup_effective (self);

  return kdl_credentials_is_complete (effective);
}

static void
on_lookup (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlCredentials) found = NULL;
  KdlCredentialStore *self = g_task_get_source_object (task);

  found = kdl_credentials_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (kdl_credentials_error_is_unavailable (error))
    {
      set_storage (self, KDL_CREDENTIAL_STORAGE_MEMORY, error);
    }
  else
    {
      /* An unreadable item counts as none: saving replaces it. */
      if (error != NULL)
        g_debug ("%s", error->message);
      set_storage (self, KDL_CREDENTIAL_STORAGE_KEYRING, NULL);
      /* A save made while the lookup ran is newer than what it found. */
      if (g_queue_is_empty (&self->saves))
        set_saved (self, found);
    }

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_task_return_pointer (task, kdl_credential_store_dup_effective (self),
                         (GDestroyNotify)kdl_credentials_free);
}

/**
 * kdl_credential_store_load_async:
 *
 * Reads the saved keys from the keyring.  When there is no usable keyring
 * the storage becomes %KDL_CREDENTIAL_STORAGE_MEMORY and the load still
 * succeeds, with whatever this session kept in memory.
 */
void
kdl_credential_store_load_async (KdlCredentialStore  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDL_IS_CREDENTIAL_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_credential_store_load_async);

  if (self->storage == KDL_CREDENTIAL_STORAGE_MEMORY)
    {
      g_task_return_pointer (task, kdl_credential_store_dup_effective (self),
                             (GDestroyNotify)kdl_credentials_free);
      return;
    }

  kdl_credentials_keyring_lookup_async (self->profile, self->timeout_ms, cancellable,
                                        on_lookup, g_steal_pointer (&task));
}

/**
 * kdl_credential_store_load_finish:
 *
 * Returns: (transfer full) (nullable): the keys calls use (see
 *   kdl_credential_store_dup_effective()); %NULL when there are none, or on
 *   cancellation with @error set
 */
KdlCredentials *
kdl_credential_store_load_finish (KdlCredentialStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_credential_store_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void save_next (KdlCredentialStore *self);

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KdlCredentialStore *self = user_data;
  g_autoptr(GTask) task = g_queue_pop_head (&self->saves);
  g_autoptr(GError) error = NULL;

  if (kdl_credentials_keyring_store_finish (result, &error))
    set_storage (self, KDL_CREDENTIAL_STORAGE_KEYRING, NULL);
  else if (kdl_credentials_error_is_unavailable (error))
    set_storage (self, KDL_CREDENTIAL_STORAGE_MEMORY, error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);

  save_next (self);
}

/* Saves run one at a time, in order: two keyring writes racing could leave
 * the older keys stored. */
static void
save_next (KdlCredentialStore *self)
{
  GTask *task = g_queue_peek_head (&self->saves);

  if (task == NULL)
    return;

  if (self->storage == KDL_CREDENTIAL_STORAGE_MEMORY)
    {
      g_queue_pop_head (&self->saves);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      save_next (self);
      return;
    }

  kdl_credentials_keyring_store_async (g_task_get_task_data (task), self->profile, self->timeout_ms,
                                       g_task_get_cancellable (task), on_stored, self);
}

/**
 * kdl_credential_store_save_async:
 * @credentials: (nullable): the keys; %NULL or empty forgets them
 *
 * The keys are in use at once; then they are written to the keyring, or
 * kept in memory when there is no usable keyring.  Completes with %TRUE in
 * both cases (see kdl_credential_store_get_storage()); with %FALSE only when
 * cancelled, and the keys then stay in memory.
 */
void
kdl_credential_store_save_async (KdlCredentialStore   *self,
                                 const KdlCredentials *credentials,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (KDL_IS_CREDENTIAL_STORE (self));

  set_saved (self, credentials);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_credential_store_save_async);
  g_task_set_task_data (task,
                        credentials != NULL ? kdl_credentials_copy (credentials) : NULL,
                        (GDestroyNotify)kdl_credentials_free);

  g_queue_push_tail (&self->saves, task);
  if (self->saves.length == 1)
    save_next (self);
}

gboolean
kdl_credential_store_save_finish (KdlCredentialStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_credential_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
