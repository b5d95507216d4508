/* kdl-spark-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-spark-provider"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kdl-error.h"
#include "kdl-spark-auth.h"
#include "kdl-spark-frame.h"
#include "kdl-spark-provider.h"

struct _KdlSparkProvider
{
  GObject           parent_instance;

  SoupSession      *session;
  GTlsDatabase     *tls_database;
  KdlSparkEndpoint *endpoint;
  char             *app_id;
  char             *api_key;
  char             *api_secret;
  char             *label;
  guint             connect_timeout_ms;
  guint             first_frame_timeout_ms;
  guint             idle_timeout_ms;
  guint             max_connections;
};

typedef enum
{
  CALL_CONNECTING,
  CALL_WAITING,     /* request sent, no frame yet */
  CALL_STREAMING,
  CALL_DONE,
} CallState;

typedef struct
{
  KdlSparkProvider        *self;
  KdlSparkEndpoint        *endpoint;
  char                    *frame;
  KdlDeltaFunc             on_delta;
  gpointer                 delta_data;
  SoupMessage             *msg;
  SoupWebsocketConnection *conn;
  GCancellable            *connect_cancellable;
  GCancellable            *cancellable;
  gulong                   cancelled_id;
  guint                    timer_id;
  guint                    cancel_idle_id;
  int                      timeout_code;
  CallState                state;
  GString                 *text;
  KdlChatResult           *result;
  gint64                   started_us;
} Call;

static void kdl_spark_provider_iface_init (KdlLlmProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlSparkProvider, kdl_spark_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDL_TYPE_LLM_PROVIDER, kdl_spark_provider_iface_init))

static void
secret_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
call_free (gpointer data)
{
  Call *call = data;

  g_assert (call->timer_id == 0);
  g_assert (call->cancelled_id == 0);

  g_clear_handle_id (&call->cancel_idle_id, g_source_remove);
  g_clear_object (&call->msg);
  g_clear_object (&call->conn);
  g_clear_object (&call->connect_cancellable);
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->endpoint, kdl_spark_endpoint_free);
  g_clear_pointer (&call->frame, g_free);
  g_clear_pointer (&call->result, kdl_chat_result_unref);
  if (call->text != NULL)
    g_string_free (call->text, TRUE);
  g_clear_object (&call->self);
  g_free (call);
}

static void
drop_connection_ref (SoupWebsocketConnection *conn,
                     gpointer                 user_data)
{
  g_signal_handlers_disconnect_by_func (conn, drop_connection_ref, user_data);
  g_object_unref (conn);
}

/* Lets the close handshake finish on its own after the task is done: the
 * connection keeps a reference on itself until "closed". */
static void
release_connection (SoupWebsocketConnection *conn,
                    gushort                  code)
{
  switch (soup_websocket_connection_get_state (conn))
    {
    case SOUP_WEBSOCKET_STATE_OPEN:
      g_signal_connect (g_object_ref (conn), "closed", G_CALLBACK (drop_connection_ref), NULL);
      soup_websocket_connection_close (conn, code, NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSING:
      g_signal_connect (g_object_ref (conn), "closed", G_CALLBACK (drop_connection_ref), NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSED:
    default:
      break;
    }
}

static void on_message (SoupWebsocketConnection *conn, gint type, GBytes *message, gpointer user_data);
static void on_closed (SoupWebsocketConnection *conn, gpointer user_data);

/* Completes the call exactly once; @error is taken. */
static void
call_complete (GTask  *task,
               GError *error)
{
  Call *call = g_task_get_task_data (task);

  if (call->state == CALL_DONE)
    {
      g_clear_error (&error);
      return;
    }

  call->state = CALL_DONE;
  g_clear_handle_id (&call->timer_id, g_source_remove);
  g_clear_handle_id (&call->cancel_idle_id, g_source_remove);
  if (call->cancelled_id != 0)
    {
      g_cancellable_disconnect (call->cancellable, call->cancelled_id);
      call->cancelled_id = 0;
    }

  if (call->conn != NULL)
    {
      g_signal_handlers_disconnect_by_func (call->conn, on_message, task);
      g_signal_handlers_disconnect_by_func (call->conn, on_closed, task);
      release_connection (call->conn, error == NULL ? SOUP_WEBSOCKET_CLOSE_NORMAL
                                                    : SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
    }

  if (error != NULL)
    {
      g_task_return_error (task, error);
    }
  else
    {
      call->result->text = g_string_free (g_steal_pointer (&call->text), FALSE);
      call->result->seconds = (g_get_monotonic_time () - call->started_us) / (double)G_USEC_PER_SEC;
      g_task_return_pointer (task, kdl_chat_result_ref (call->result),
                             (GDestroyNotify)kdl_chat_result_unref);
    }

  g_object_unref (task);
}

static void
call_fail (GTask      *task,
           int         code,
           const char *server_message)
{
  g_autofree char *text = kdl_spark_error_code_describe (code, server_message);

  call_complete (task, g_error_new_literal (KDL_SPARK_ERROR, code, text));
}

static gboolean on_timeout (gpointer user_data);

static void
call_arm_timer (GTask *task,
                guint  timeout_ms,
                int    code)
{
  Call *call = g_task_get_task_data (task);

  g_clear_handle_id (&call->timer_id, g_source_remove);
  call->timeout_code = code;
  if (timeout_ms > 0)
    call->timer_id = g_timeout_add (timeout_ms, on_timeout, task);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);

  call->timer_id = 0;

  if (call->state == CALL_CONNECTING)
    {
      /* on_connected() reports the timeout when the connect gives up. */
      g_cancellable_cancel (call->connect_cancellable);
      return G_SOURCE_REMOVE;
    }

  g_debug ("Spark call timed out (%d)", call->timeout_code);
  call_fail (task, call->timeout_code, NULL);

  return G_SOURCE_REMOVE;
}

static gboolean
on_cancel_idle (gpointer user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);

  call->cancel_idle_id = 0;

  if (call->state == CALL_CONNECTING)
    return G_SOURCE_REMOVE;   /* on_connected() sees the cancellation */

  call_complete (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("The call was cancelled.")));

  return G_SOURCE_REMOVE;
}

/* Runs inside g_cancellable_cancel(): defer the real work, since
 * g_cancellable_disconnect() may not be called from here. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);

  g_cancellable_cancel (call->connect_cancellable);
  if (call->cancel_idle_id == 0)
    call->cancel_idle_id = g_idle_add (on_cancel_idle, task);
}

static void
on_message (SoupWebsocketConnection *conn,
            gint                     type,
            GBytes                  *message,
            gpointer                 user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  KdlSparkProvider *self = call->self;
  g_autoptr(GError) error = NULL;
  KdlSparkFrame frame;
  const char *data;
  gsize len;

  if (call->state == CALL_DONE)
    return;

  data = g_bytes_get_data (message, &len);
  if (!kdl_spark_frame_parse (data, len, &frame, &error))
    {
      call_fail (task, KDL_SPARK_ERROR_INVALID_FRAME, error->message);
      return;
    }

  if (call->state == CALL_WAITING)
    call->result->first_frame_seconds =
      (g_get_monotonic_time () - call->started_us) / (double)G_USEC_PER_SEC;
  call->state = CALL_STREAMING;
  call->result->n_frames++;

  if (frame.sid != NULL && call->result->sid == NULL)
    call->result->sid = g_strdup (frame.sid);

  if (frame.code != 0)
    {
      call_fail (task, frame.code, frame.message);
      kdl_spark_frame_clear (&frame);
      return;
    }

  if (frame.content != NULL && frame.content[0] != '\0')
    {
      gsize offset = call->text->len;

      g_string_append (call->text, frame.content);
      if (call->on_delta != NULL)
        call->on_delta (call->text->str + offset, call->text->len - offset, call->delta_data);
    }

  if (frame.has_usage)
    {
      call->result->usage = frame.usage;
      call->result->has_usage = TRUE;
    }

  if (frame.status == 2)
    call_complete (task, NULL);
  else
    call_arm_timer (task, self->idle_timeout_ms, KDL_SPARK_ERROR_STALL_TIMEOUT);

  kdl_spark_frame_clear (&frame);
}

static void
on_closed (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  GTask *task = user_data;
  g_autofree char *detail = NULL;
  gushort code = soup_websocket_connection_get_close_code (conn);

  /* Closed before the last frame: a drop, or the server gave up. */
  if (code != 0 && code != SOUP_WEBSOCKET_CLOSE_NORMAL)
    detail = g_strdup_printf (_("close code %u"), code);

  call_fail (task, KDL_SPARK_ERROR_CONNECTION_LOST, detail);
}

static int
classify_connect_error (Call         *call,
                        const GError *error)
{
  guint status = soup_message_get_status (call->msg);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && call->timeout_code != 0)
    return call->timeout_code;

  if (error->domain == G_TLS_ERROR || soup_message_get_tls_peer_certificate_errors (call->msg) != 0)
    return KDL_SPARK_ERROR_TLS;

  if (status >= 100 && status < 600 && status != SOUP_STATUS_SWITCHING_PROTOCOLS)
    return status;

  return KDL_SPARK_ERROR_CONNECT;
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  KdlSparkProvider *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) conn = NULL;

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (call->state == CALL_DONE)
    return;

  if (conn == NULL)
    {
      int code;

      if (g_cancellable_is_cancelled (call->cancellable))
        {
          call_complete (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("The call was cancelled.")));
          return;
        }

      code = classify_connect_error (call, error);
      g_debug ("Spark handshake failed: %s (HTTP %u)", error->message,
               soup_message_get_status (call->msg));
      call_fail (task, code, code == KDL_SPARK_ERROR_CONNECT ? error->message
                                                             : soup_message_get_reason_phrase (call->msg));
      return;
    }

  call->conn = g_steal_pointer (&conn);
  soup_websocket_connection_set_max_incoming_payload_size (call->conn, KDL_SPARK_MAX_PAYLOAD_SIZE);
  soup_websocket_connection_set_keepalive_interval (call->conn, 0);
  g_signal_connect (call->conn, "message", G_CALLBACK (on_message), task);
  g_signal_connect (call->conn, "closed", G_CALLBACK (on_closed), task);

  call->state = CALL_WAITING;
  call_arm_timer (task, self->first_frame_timeout_ms, KDL_SPARK_ERROR_FIRST_FRAME_TIMEOUT);
  soup_websocket_connection_send_text (call->conn, call->frame);
  g_clear_pointer (&call->frame, g_free);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri keeps the brackets off IPv6 literals, but be tolerant. */
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      bare[strlen (bare) - 1] = '\0';
      memmove (bare, bare + 1, strlen (bare));
    }

  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * kdl_spark_url_is_allowed:
 *
 * `wss://` anywhere, `ws://` only to this machine: keys and prompts never
 * cross a network unencrypted.
 */
gboolean
kdl_spark_url_is_allowed (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (scheme == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    goto invalid;

  /* A pasted signed URL carries the APIKey in its query: refuse it before
   * it is saved anywhere.  Kindling signs every call itself. */
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_URL,
                           _("Give the endpoint address without “?authorization=…” or anything after the path: Kindling signs each call itself."));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "wss") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "ws") == 0)
    {
      g_autofree char *msg = NULL;

      if (host_is_loopback (g_uri_get_host (uri)))
        return TRUE;

      msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_INSECURE_URL, NULL);
      g_set_error_literal (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INSECURE_URL, msg);
      return FALSE;
    }

invalid:
  {
    g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_INVALID_URL, NULL);
    g_set_error_literal (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_URL, msg);
  }
  return FALSE;
}

static void
kdl_spark_provider_stream_chat_async (KdlLlmProvider      *provider,
                                      KdlChatRequest      *request,
                                      KdlDeltaFunc         on_delta,
                                      gpointer             delta_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  KdlSparkProvider *self = KDL_SPARK_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_url = NULL;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_spark_provider_stream_chat_async);

  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->endpoint = kdl_spark_endpoint_copy (self->endpoint);
  call->on_delta = on_delta;
  call->delta_data = delta_data;
  call->text = g_string_new (NULL);
  call->result = kdl_chat_result_new ();
  call->started_us = g_get_monotonic_time ();
  call->connect_cancellable = g_cancellable_new ();
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, call, call_free);

  if (!kdl_spark_url_is_allowed (call->endpoint->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->app_id == NULL || *self->app_id == '\0')
    {
      g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_NO_CREDENTIALS, NULL);
      g_task_return_new_error (task, KDL_SPARK_ERROR, KDL_SPARK_ERROR_NO_CREDENTIALS, "%s", msg);
      return;
    }

  signed_url = kdl_spark_auth_sign_url (call->endpoint->url, self->api_key, self->api_secret,
                                        NULL, &error);
  if (signed_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  call->frame = kdl_spark_frame_build_request (self->app_id, call->endpoint, request);
  if (strlen (call->frame) > KDL_SPARK_MAX_PAYLOAD_SIZE)
    {
      g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_PAYLOAD_TOO_LARGE, NULL);
      g_task_return_new_error (task, KDL_SPARK_ERROR, KDL_SPARK_ERROR_PAYLOAD_TOO_LARGE, "%s", msg);
      return;
    }

  call->msg = soup_message_new (SOUP_METHOD_GET, signed_url);
  memset (signed_url, 0, strlen (signed_url));
  if (call->msg == NULL)
    {
      g_autofree char *msg = kdl_spark_error_code_describe (KDL_SPARK_ERROR_INVALID_URL, NULL);
      g_task_return_new_error (task, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_URL, "%s", msg);
      return;
    }

  if (cancellable != NULL)
    {
      /* The task holds itself (below) until call_complete(), so a plain
       * pointer is safe here. */
      call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);
      if (call->cancelled_id == 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                   _("The call was cancelled."));
          return;
        }
    }

  call->state = CALL_CONNECTING;
  call_arm_timer (task, self->connect_timeout_ms, KDL_SPARK_ERROR_CONNECT_TIMEOUT);
  soup_session_websocket_connect_async (self->session, call->msg, NULL, NULL,
                                        G_PRIORITY_DEFAULT, call->connect_cancellable,
                                        on_connected, g_object_ref (task));
  /* on_connected's reference is dropped by call_complete(). */
}

static KdlChatResult *
kdl_spark_provider_stream_chat_finish (KdlLlmProvider  *provider,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
kdl_spark_provider_describe (KdlLlmProvider *provider)
{
  KdlSparkProvider *self = KDL_SPARK_PROVIDER (provider);

  if (self->label != NULL)
    return g_strdup (self->label);

  return kdl_spark_endpoint_describe (self->endpoint);
}

static void
kdl_spark_provider_iface_init (KdlLlmProviderInterface *iface)
{
  iface->stream_chat_async = kdl_spark_provider_stream_chat_async;
  iface->stream_chat_finish = kdl_spark_provider_stream_chat_finish;
  iface->describe = kdl_spark_provider_describe;
}

static void
rebuild_session (KdlSparkProvider *self)
{
  guint conns = MAX (self->max_connections, 16);

  g_clear_object (&self->session);

  /* libsoup's defaults (10 connections, 2 per host) would silently queue
   * calls behind each other; every call here is its own connection. */
  self->session = soup_session_new_with_options ("max-conns", conns * 2,
                                                 "max-conns-per-host", conns * 2,
                                                 "timeout", 0,
                                                 "idle-timeout", 0,
                                                 "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 NULL);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (self->session, self->tls_database);
}

static void
kdl_spark_provider_finalize (GObject *object)
{
  KdlSparkProvider *self = (KdlSparkProvider *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);
  g_clear_pointer (&self->endpoint, kdl_spark_endpoint_free);
  g_clear_pointer (&self->app_id, g_free);
  g_clear_pointer (&self->api_key, secret_free);
  g_clear_pointer (&self->api_secret, secret_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (kdl_spark_provider_parent_class)->finalize (object);
}

static void
kdl_spark_provider_class_init (KdlSparkProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_spark_provider_finalize;
}

static void
kdl_spark_provider_init (KdlSparkProvider *self)
{
  self->connect_timeout_ms = KDL_SPARK_DEFAULT_CONNECT_TIMEOUT_MS;
  self->first_frame_timeout_ms = KDL_SPARK_DEFAULT_FIRST_FRAME_TIMEOUT_MS;
  self->idle_timeout_ms = KDL_SPARK_DEFAULT_IDLE_TIMEOUT_MS;
  self->max_connections = 16;
  self->endpoint = kdl_spark_endpoint_new ("max", NULL, NULL, NULL, NULL);
  rebuild_session (self);
}

/**
 * kdl_spark_provider_new:
 * @endpoint: (nullable): where calls go; %NULL for Spark Max
 */
KdlSparkProvider *
kdl_spark_provider_new (const KdlSparkEndpoint *endpoint)
{
  KdlSparkProvider *self = g_object_new (KDL_TYPE_SPARK_PROVIDER, NULL);

  if (endpoint != NULL)
    kdl_spark_provider_set_endpoint (self, endpoint);

  return self;
}

const KdlSparkEndpoint *
kdl_spark_provider_get_endpoint (KdlSparkProvider *self)
{
  g_return_val_if_fail (KDL_IS_SPARK_PROVIDER (self), NULL);

  return self->endpoint;
}

void
kdl_spark_provider_set_endpoint (KdlSparkProvider       *self,
                                 const KdlSparkEndpoint *endpoint)
{
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (self));
  g_return_if_fail (endpoint != NULL);

  g_clear_pointer (&self->endpoint, kdl_spark_endpoint_free);
  self->endpoint = kdl_spark_endpoint_copy (endpoint);
}

/**
 * kdl_spark_provider_set_credentials:
 *
 * The keys stay in this object's memory only and are wiped when replaced.
 */
void
kdl_spark_provider_set_credentials (KdlSparkProvider *self,
                                    const char       *app_id,
                                    const char       *api_key,
                                    const char       *api_secret)
{
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (self));

  g_free (self->app_id);
  self->app_id = g_strdup (app_id);
  secret_free (self->api_key);
  self->api_key = g_strdup (api_key);
  secret_free (self->api_secret);
  self->api_secret = g_strdup (api_secret);
}

gboolean
kdl_spark_provider_has_credentials (KdlSparkProvider *self)
{
  g_return_val_if_fail (KDL_IS_SPARK_PROVIDER (self), FALSE);

  return self->app_id != NULL && *self->app_id &&
         self->api_key != NULL && *self->api_key &&
         self->api_secret != NULL && *self->api_secret;
}

/**
 * kdl_spark_provider_set_timeouts:
 * @connect_ms: for the TCP/TLS connection and the upgrade
 * @first_frame_ms: from the request to the first answer frame
 * @idle_ms: between two frames of one answer
 *
 * 0 disables a timeout.  A stall ends in a retryable timeout error.
 */
void
kdl_spark_provider_set_timeouts (KdlSparkProvider *self,
                                 guint             connect_ms,
                                 guint             first_frame_ms,
                                 guint             idle_ms)
{
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (self));

  self->connect_timeout_ms = connect_ms;
  self->first_frame_timeout_ms = first_frame_ms;
  self->idle_timeout_ms = idle_ms;
}

/**
 * kdl_spark_provider_set_max_connections:
 *
 * Sets the number of calls that may be in flight at once.  The HTTP session
 * is recreated to match; calls already running keep their connections.
 */
void
kdl_spark_provider_set_max_connections (KdlSparkProvider *self,
                                        guint             max_connections)
{
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (self));

  max_connections = MAX (max_connections, 1);
  if (self->max_connections == max_connections)
    return;

  self->max_connections = max_connections;
  rebuild_session (self);
}

guint
kdl_spark_provider_get_max_connections (KdlSparkProvider *self)
{
  g_return_val_if_fail (KDL_IS_SPARK_PROVIDER (self), 0);

  return self->max_connections;
}

/**
 * kdl_spark_provider_set_label:
 * @label: (nullable): what describe() says, e.g. "Offline simulator"
 */
void
kdl_spark_provider_set_label (KdlSparkProvider *self,
                              const char       *label)
{
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (self));

  g_free (self->label);
  self->label = g_strdup (label);
}

/**
 * kdl_spark_provider_set_tls_database:
 * @database: (nullable): the certificates to trust; %NULL for the system's
 *
 * For tests against a local TLS server with its own CA.  Verification is
 * never turned off.
 */
void
kdl_spark_provider_set_tls_database (KdlSparkProvider *self,
                                     GTlsDatabase     *database)
{
  g_return_if_fail (KDL_IS_SPARK_PROVIDER (self));

  if (g_set_object (&self->tls_database, database))
    rebuild_session (self);
}
