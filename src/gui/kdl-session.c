/* kdl-session.c
 *
 * The one place that decides where calls go: the settings (model, custom
 * endpoint, parameters, limits), the keys (keyring, memory, environment)
 * and, when the user chose it, the simulator running in this process.
 * Preferences' Test connection and the run panel both get their provider
 * here.  Nothing in it needs GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-session"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-error.h"
#include "kdl-session.h"

/* Slow enough that the answer is seen streaming in. */
#define SIM_FIRST_FRAME_MS 400
#define SIM_FRAME_MS       60
#define SIM_FRAMES         16

struct _KdlSession
{
  GObject             parent_instance;

  GSettings          *settings;
  KdlCredentialStore *store;
  KdlSparkSim        *sim;
  guint               using_simulator : 1;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CREDENTIAL_STORE,
  PROP_USING_SIMULATOR,
  PROP_CAN_CALL,
  PROP_PROVIDER_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdlSession, kdl_session, G_TYPE_OBJECT)

static void
update (KdlSession *self)
{
  g_autofree char *preset = g_settings_get_string (self->settings, "model-preset");
  gboolean using_simulator = g_strcmp0 (preset, KDL_PRESET_SIMULATOR) == 0;

  if (using_simulator != self->using_simulator)
    {
      self->using_simulator = using_simulator;
      if (using_simulator)
        {
          g_autoptr(GError) error = NULL;

          /* Started as soon as it is chosen; a failure shows on first use. */
          if (kdl_session_ensure_simulator (self, &error) == NULL)
            g_warning ("The offline simulator could not start: %s", error->message);
        }
      else
        {
          g_clear_object (&self->sim);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USING_SIMULATOR]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CALL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER_LABEL]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     KdlSession *self)
{
  if (g_str_equal (key, "model-preset") || g_str_has_prefix (key, "custom-"))
    update (self);
}

static void
on_store_changed (KdlCredentialStore *store,
                  KdlSession         *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CALL]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
kdl_session_constructed (GObject *object)
{
  KdlSession *self = (KdlSession *)object;

  G_OBJECT_CLASS (kdl_session_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  if (self->store == NULL)
    self->store = kdl_credential_store_new (NULL);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, 0);
  update (self);
}

static void
kdl_session_dispose (GObject *object)
{
  KdlSession *self = (KdlSession *)object;

  g_clear_object (&self->sim);

  G_OBJECT_CLASS (kdl_session_parent_class)->dispose (object);
}

static void
kdl_session_finalize (GObject *object)
{
  KdlSession *self = (KdlSession *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdl_session_parent_class)->finalize (object);
}

static void
kdl_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KdlSession *self = KDL_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CREDENTIAL_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_USING_SIMULATOR:
      g_value_set_boolean (value, kdl_session_get_using_simulator (self));
      break;
    case PROP_CAN_CALL:
      g_value_set_boolean (value, kdl_session_get_can_call (self));
      break;
    case PROP_PROVIDER_LABEL:
      g_value_take_string (value, kdl_session_dup_provider_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KdlSession *self = KDL_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_CREDENTIAL_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_session_class_init (KdlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kdl_session_constructed;
  object_class->dispose = kdl_session_dispose;
  object_class->finalize = kdl_session_finalize;
  object_class->get_property = kdl_session_get_property;
  object_class->set_property = kdl_session_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDENTIAL_STORE] =
    g_param_spec_object ("credential-store", NULL, NULL, KDL_TYPE_CREDENTIAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USING_SIMULATOR] =
    g_param_spec_boolean ("using-simulator", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CALL] =
    g_param_spec_boolean ("can-call", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER_LABEL] =
    g_param_spec_string ("provider-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlSession::changed:
   *
   * Where calls go, or with which keys, changed: providers made before
   * are out of date.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdl_session_init (KdlSession *self)
{
}

/**
 * kdl_session_new:
 * @settings: the app's settings
 * @store: (nullable): where the keys are; %NULL for the default profile
 */
KdlSession *
kdl_session_new (GSettings          *settings,
                 KdlCredentialStore *store)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || KDL_IS_CREDENTIAL_STORE (store), NULL);

  return g_object_new (KDL_TYPE_SESSION,
                       "settings", settings,
                       "credential-store", store,
                       NULL);
}

GSettings *
kdl_session_get_settings (KdlSession *self)
{
  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  return self->settings;
}

KdlCredentialStore *
kdl_session_get_credential_store (KdlSession *self)
{
  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  return self->store;
}

/* Returns: (transfer full): the settings as they are now */
KdlProviderConfig *
kdl_session_dup_config (KdlSession *self)
{
  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  return kdl_provider_config_new_from_settings (self->settings);
}

gboolean
kdl_session_get_using_simulator (KdlSession *self)
{
  g_return_val_if_fail (KDL_IS_SESSION (self), FALSE);

  return self->using_simulator;
}

/* Whether a call has what it needs: the simulator, or complete keys. */
gboolean
kdl_session_get_can_call (KdlSession *self)
{
  g_return_val_if_fail (KDL_IS_SESSION (self), FALSE);

  return self->using_simulator || kdl_credential_store_get_complete (self->store);
}

/**
 * kdl_session_dup_provider_label:
 *
 * Returns: (transfer full): what calls go to, for the user: "Offline
 *   simulator", a model's name, or a custom endpoint
 */
char *
kdl_session_dup_provider_label (KdlSession *self)
{
  g_autoptr(KdlProviderConfig) config = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;

  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  if (self->using_simulator)
    return g_strdup (_("Offline simulator"));

  config = kdl_session_dup_config (self);
  endpoint = kdl_provider_config_make_endpoint (config, NULL);
  if (endpoint == NULL)
    return g_strdup (_("Custom model (not set up)"));

  return kdl_spark_endpoint_describe (endpoint);
}

/**
 * kdl_session_ensure_simulator:
 *
 * Starts the simulator on a free loopback port unless it runs already.
 *
 * Returns: (transfer none) (nullable): the simulator, or %NULL with @error
 */
KdlSparkSim *
kdl_session_ensure_simulator (KdlSession  *self,
                              GError     **error)
{
  g_autoptr(KdlSparkSim) sim = NULL;

  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  if (self->sim != NULL)
    return self->sim;

  sim = kdl_spark_sim_new ();
  kdl_spark_sim_set_latency (sim, SIM_FIRST_FRAME_MS, SIM_FRAME_MS);
  kdl_spark_sim_set_frames (sim, SIM_FRAMES);
  if (!kdl_spark_sim_listen (sim, 0, error))
    return NULL;

  g_debug ("offline simulator on port %u", kdl_spark_sim_get_port (sim));
  self->sim = g_steal_pointer (&sim);

  return self->sim;
}

/**
 * kdl_session_get_simulator:
 *
 * Returns: (transfer none) (nullable): the simulator, when it runs
 */
KdlSparkSim *
kdl_session_get_simulator (KdlSession *self)
{
  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  return self->sim;
}

/**
 * kdl_session_create_provider:
 * @credentials: (nullable): keys to use instead of the saved ones (the
 *   environment still overrides them); ignored for the simulator
 *
 * A new provider for the current settings.  Missing keys are not an error
 * here: the call fails with %KDL_SPARK_ERROR_NO_CREDENTIALS and its message.
 *
 * Returns: (transfer full) (nullable): the provider, or %NULL with @error
 *   (a custom endpoint that is not set up or not allowed, or a simulator
 *   that cannot start)
 */
KdlSparkProvider *
kdl_session_create_provider (KdlSession            *self,
                             const KdlCredentials  *credentials,
                             GError               **error)
{
  g_autoptr(KdlProviderConfig) config = NULL;
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlCredentials) keys = NULL;

  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  config = kdl_session_dup_config (self);

  if (kdl_provider_config_is_simulator (config))
    {
      KdlSparkSim *sim = kdl_session_ensure_simulator (self, error);
      g_autofree char *url = NULL;

      if (sim == NULL)
        return NULL;

      url = kdl_spark_sim_get_url (sim, "max");
      endpoint = kdl_spark_endpoint_new ("max", url, NULL, NULL, error);
      if (endpoint == NULL)
        return NULL;

      provider = kdl_spark_provider_new (endpoint);
      kdl_spark_provider_set_credentials (provider, KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
      kdl_spark_provider_set_label (provider, _("Offline simulator"));
    }
  else
    {
      endpoint = kdl_provider_config_make_endpoint (config, error);
      if (endpoint == NULL || !kdl_spark_url_is_allowed (endpoint->url, error))
        return NULL;

      if (credentials != NULL)
        keys = kdl_credentials_merge_env (credentials);
      else
        keys = kdl_credential_store_dup_effective (self->store);

      provider = kdl_spark_provider_new (endpoint);
      if (keys != NULL)
        kdl_spark_provider_set_credentials (provider, keys->app_id, keys->api_key, keys->api_secret);
    }

  kdl_provider_config_apply (config, provider);

  return g_steal_pointer (&provider);
}

/**
 * kdl_session_create_request:
 * @system: (nullable): a system message
 *
 * Returns: (transfer full): a request with the temperature, max_tokens and
 *   top_k of the settings
 */
KdlChatRequest *
kdl_session_create_request (KdlSession *self,
                            const char *system,
                            const char *user)
{
  g_autoptr(KdlProviderConfig) config = NULL;
  KdlChatRequest *request;

  g_return_val_if_fail (KDL_IS_SESSION (self), NULL);

  config = kdl_session_dup_config (self);
  request = kdl_chat_request_new_simple (system, user);
  kdl_provider_config_apply_to_request (config, request);

  return request;
}

static void
on_store_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(KdlCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = kdl_credential_store_load_finish (KDL_CREDENTIAL_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Reads the saved keys; never fails for want of a keyring. */
void
kdl_session_load_async (KdlSession          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDL_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_session_load_async);
  kdl_credential_store_load_async (self->store, cancellable, on_store_loaded, g_steal_pointer (&task));
}

gboolean
kdl_session_load_finish (KdlSession    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
