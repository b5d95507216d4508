/* kdl-spark-sim.c
 *
 * The Spark protocol from the server side (SPARK-PROTOCOL.md): signed
 * handshakes checked by a plain handler that runs before the WebSocket
 * handler (so refused clients get an HTTP status and a JSON body), one
 * request frame per connection, a streamed answer, close 1000.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-spark-sim"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kdl-spark-auth.h"
#include "kdl-spark-preset.h"
#include "kdl-sim-answer.h"
#include "kdl-sim-faults.h"
#include "kdl-spark-sim.h"

#define SIM_MAX_PAYLOAD_SIZE (16 * 1024 * 1024)
#define SIM_DATE_WINDOW_S    300

struct _KdlSparkSim
{
  GObject           parent_instance;

  SoupServer       *server;
  GTlsCertificate  *tls_certificate;
  guint             port;
  char             *app_id;
  char             *api_key;
  char             *api_secret;
  KdlSimFaults     *faults;
  GRand            *rand;
  guint32           seed;
  guint             first_frame_ms;
  guint             frame_interval_ms;
  guint             n_frames;
  guint             idle_close_ms;
  gint64            clock_offset_s;
  GHashTable       *finetuned;     /* serviceId → resourceId */
  int               request_log;   /* fd, or -1 */
  GQueue            recent;        /* request times (µs) of the last second */
  GList            *conns;         /* of SimConn */
  guint             sid_counter;
  KdlSparkSimStats  stats;
};

typedef struct
{
  KdlSparkSim             *sim;
  SoupWebsocketConnection *conn;
  char                    *path;
  char                    *sid;
  GPtrArray               *chunks;    /* what is left to send */
  const KdlSimFault       *fault;
  guint                    timer_id;
  guint                    seq;
  gint64                   prompt_tokens;
  gint64                   completion_tokens;
  gboolean                 requested;
  gboolean                 streaming;
} SimConn;

G_DEFINE_FINAL_TYPE (KdlSparkSim, kdl_spark_sim, G_TYPE_OBJECT)

static void
sim_conn_stop_stream (SimConn *sc)
{
  g_clear_handle_id (&sc->timer_id, g_source_remove);
  if (sc->streaming)
    {
      sc->streaming = FALSE;
      sc->sim->stats.active--;
    }
}

static void
sim_conn_free (SimConn *sc)
{
  sim_conn_stop_stream (sc);
  g_signal_handlers_disconnect_by_data (sc->conn, sc);
  g_clear_object (&sc->conn);
  g_clear_pointer (&sc->chunks, g_ptr_array_unref);
  g_free (sc->path);
  g_free (sc->sid);
  g_free (sc);
}

static char *
build_frame (const char *sid,
             int         code,
             const char *message,
             int         status,
             guint       seq,
             const char *content,
             gint64      prompt_tokens,
             gint64      completion_tokens)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "header");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "sid");
  json_builder_add_string_value (b, sid);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_end_object (b);

  if (code == 0)
    {
      json_builder_set_member_name (b, "payload");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "choices");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, status);
      json_builder_set_member_name (b, "seq");
      json_builder_add_int_value (b, seq);
      json_builder_set_member_name (b, "text");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, content ? content : "");
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, "assistant");
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, 0);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (status == 2)
        {
          json_builder_set_member_name (b, "usage");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "text");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "question_tokens");
          json_builder_add_int_value (b, prompt_tokens);
          json_builder_set_member_name (b, "prompt_tokens");
          json_builder_add_int_value (b, prompt_tokens);
          json_builder_set_member_name (b, "completion_tokens");
          json_builder_add_int_value (b, completion_tokens);
          json_builder_set_member_name (b, "total_tokens");
          json_builder_add_int_value (b, prompt_tokens + completion_tokens);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

static void
send_error_frame (SimConn    *sc,
                  int         code,
                  const char *message)
{
  g_autofree char *frame = build_frame (sc->sid ? sc->sid : "cht000sim", code, message, 2, 0, NULL, 0, 0);

  sc->sim->stats.error_frames++;
  soup_websocket_connection_send_text (sc->conn, frame);
}

static void
finish_with_error (SimConn    *sc,
                   int         code,
                   const char *message)
{
  sim_conn_stop_stream (sc);
  send_error_frame (sc, code, message);
  soup_websocket_connection_close (sc->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

/* A broken network: the TCP stream goes away without a close frame. */
static void
drop_connection (SimConn *sc)
{
  GIOStream *stream = soup_websocket_connection_get_io_stream (sc->conn);

  sim_conn_stop_stream (sc);
  sc->sim->stats.faults++;
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
send_next_frame (gpointer user_data)
{
  SimConn *sc = user_data;
  KdlSparkSim *self = sc->sim;
  const char *chunk;
  gboolean last;
  g_autofree char *frame = NULL;

  sc->timer_id = 0;

  if (soup_websocket_connection_get_state (sc->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      sim_conn_stop_stream (sc);
      return G_SOURCE_REMOVE;
    }

  if (sc->fault != NULL && sc->seq == 1)
    {
      switch (sc->fault->kind)
        {
        case KDL_SIM_FAULT_DROP:
          drop_connection (sc);
          return G_SOURCE_REMOVE;
        case KDL_SIM_FAULT_INVALID_JSON:
          self->stats.faults++;
          soup_websocket_connection_send_text (sc->conn, "{\"header\": {\"code\": 0, \"message\": \"Succ");
          sim_conn_stop_stream (sc);
          soup_websocket_connection_close (sc->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
          return G_SOURCE_REMOVE;
        case KDL_SIM_FAULT_STALL:
          /* Keep the socket open and say nothing more. */
          self->stats.faults++;
          sim_conn_stop_stream (sc);
          return G_SOURCE_REMOVE;
        case KDL_SIM_FAULT_ERROR_FRAME:
          /* 10014 (output moderation) arrives after some content. */
          finish_with_error (sc, sc->fault->code, "OutputModerationError: the answer failed review");
          return G_SOURCE_REMOVE;
        case KDL_SIM_FAULT_HTTP:
        case KDL_SIM_FAULT_NONE:
        default:
          break;
        }
    }

  chunk = g_ptr_array_index (sc->chunks, sc->seq);
  last = sc->seq + 1 == sc->chunks->len;
  frame = build_frame (sc->sid, 0, "Success", last ? 2 : (sc->seq == 0 ? 0 : 1), sc->seq, chunk,
                       sc->prompt_tokens, sc->completion_tokens);
  soup_websocket_connection_send_text (sc->conn, frame);
  sc->seq++;

  if (last)
    {
      self->stats.completed++;
      sim_conn_stop_stream (sc);
      soup_websocket_connection_close (sc->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      return G_SOURCE_REMOVE;
    }

  if (self->frame_interval_ms == 0)
    sc->timer_id = g_idle_add (send_next_frame, sc);
  else
    sc->timer_id = g_timeout_add (self->frame_interval_ms, send_next_frame, sc);

  return G_SOURCE_REMOVE;
}

/* Splits @text into about @n pieces at character boundaries. */
static GPtrArray *
split_chunks (const char *text,
              guint       n)
{
  GPtrArray *chunks = g_ptr_array_new_with_free_func (g_free);
  glong chars = g_utf8_strlen (text, -1);
  glong per = MAX (1, (chars + n - 1) / MAX (n, 1));
  const char *p = text;

  while (*p)
    {
      const char *end = g_utf8_offset_to_pointer (p, MIN (per, g_utf8_strlen (p, -1)));

      g_ptr_array_add (chunks, g_strndup (p, end - p));
      p = end;
    }

  if (chunks->len == 0)
    g_ptr_array_add (chunks, g_strdup (""));

  return chunks;
}

static const char *
expected_domain_error (KdlSparkSim *self,
                       const char  *path,
                       const char  *domain,
                       JsonObject  *header)
{
  const KdlSparkPreset *preset = kdl_spark_preset_for_path (path);
  const char *resource;

  if (domain == NULL)
    return "InvalidParameter: parameter.chat.domain is required";

  if (preset != NULL &&
      (g_strcmp0 (domain, preset->domain) == 0 || g_strcmp0 (domain, preset->legacy_domain) == 0))
    return NULL;

  /* Fine-tuned models share the /v1.1/chat path, keyed by serviceId. */
  resource = g_hash_table_lookup (self->finetuned, domain);
  if (resource != NULL && g_strcmp0 (path, "/v1.1/chat") == 0)
    {
      JsonNode *patch = json_object_get_member (header, "patch_id");

      if (patch == NULL || !JSON_NODE_HOLDS_ARRAY (patch))
        return "InvalidParameter: header.patch_id must be an array with the resourceId";

      for (guint i = 0; i < json_array_get_length (json_node_get_array (patch)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (patch), i);

          if (JSON_NODE_HOLDS_VALUE (item) && g_strcmp0 (json_node_get_string (item), resource) == 0)
            return NULL;
        }

      return "InvalidParameter: unknown patch_id for this serviceId";
    }

  return "InvalidParameter: invalid model domain";
}

static gboolean
over_qps_limit (KdlSparkSim *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->faults->qps_limit == 0)
    return FALSE;

  while (!g_queue_is_empty (&self->recent) &&
         now - (gint64)GPOINTER_TO_SIZE (g_queue_peek_head (&self->recent)) >= G_USEC_PER_SEC)
    g_queue_pop_head (&self->recent);

  if (g_queue_get_length (&self->recent) >= self->faults->qps_limit)
    return TRUE;

  g_queue_push_tail (&self->recent, GSIZE_TO_POINTER ((gsize)now));

  return FALSE;
}

static void
handle_request (SimConn    *sc,
                const char *data,
                gsize       len)
{
  KdlSparkSim *self = sc->sim;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) prompt = g_string_new (NULL);
  g_autofree char *answer = NULL;
  JsonObject *root, *header, *parameter, *chat, *payload, *message;
  JsonNode *text;
  const char *domain;
  const char *app_id;
  const char *domain_error;

  self->stats.requests++;
  sc->sid = g_strdup_printf ("cht000sim%05u@dx%08x", ++self->sid_counter, g_rand_int (self->rand));

  if (!json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      finish_with_error (sc, 10003, "InvalidParameter: the request is not a JSON object");
      return;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  header = json_object_get_object_member (root, "header");
  parameter = json_object_get_object_member (root, "parameter");
  chat = parameter ? json_object_get_object_member (parameter, "chat") : NULL;
  payload = json_object_get_object_member (root, "payload");
  message = payload ? json_object_get_object_member (payload, "message") : NULL;
  text = message ? json_object_get_member (message, "text") : NULL;

  if (header == NULL || chat == NULL || text == NULL || !JSON_NODE_HOLDS_ARRAY (text))
    {
      finish_with_error (sc, 10004, "InvalidParameter: header, parameter.chat and payload.message.text are required");
      return;
    }

  app_id = json_object_get_string_member_with_default (header, "app_id", NULL);
  if (g_strcmp0 (app_id, self->app_id) != 0)
    {
      finish_with_error (sc, 11200, "AppIdNoAuthError: unknown app_id");
      return;
    }

  domain = json_object_get_string_member_with_default (chat, "domain", NULL);
  domain_error = expected_domain_error (self, sc->path, domain, header);
  if (domain_error != NULL)
    {
      finish_with_error (sc, 10003, domain_error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (text)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (text), i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *content = m ? json_object_get_string_member_with_default (m, "content", NULL) : NULL;

      if (content == NULL)
        {
          finish_with_error (sc, 10004, "InvalidParameter: every message needs a content");
          return;
        }
      /* The answer follows the last user message; the rest only counts. */
      if (g_strcmp0 (json_object_get_string_member_with_default (m, "role", ""), "user") == 0)
        g_string_assign (prompt, content);
      sc->prompt_tokens += kdl_sim_answer_count_tokens (content);
    }

  if (self->request_log >= 0)
    {
      /* One line per request: the SHA-256 of the user's prompt.  Tests use
       * it to prove a resumed run never asks again for a finished item. */
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, prompt->str, -1);
      g_autofree char *line = g_strconcat (hash, "\n", NULL);
      G_GNUC_UNUSED ssize_t written = write (self->request_log, line, strlen (line));
    }

  if (self->faults->concurrency_limit > 0 && self->stats.active >= self->faults->concurrency_limit)
    {
      finish_with_error (sc, 11203, "EngineConcurrencyLimit: too many concurrent requests");
      return;
    }

  if (over_qps_limit (self))
    {
      finish_with_error (sc, 11202, "EngineQpsLimit: too many requests per second");
      return;
    }

  sc->fault = kdl_sim_faults_pick (self->faults, KDL_SIM_FAULT_NONE, self->rand);
  sc->streaming = TRUE;
  self->stats.active++;
  self->stats.max_active = MAX (self->stats.max_active, self->stats.active);

  if (sc->fault != NULL && sc->fault->kind == KDL_SIM_FAULT_ERROR_FRAME && sc->fault->code != 10014)
    {
      finish_with_error (sc, sc->fault->code, "SimulatedError: injected by the fault spec");
      return;
    }

  answer = kdl_sim_answer_for_prompt (prompt->str);
  sc->completion_tokens = kdl_sim_answer_count_tokens (answer);
  sc->chunks = split_chunks (answer, self->n_frames);
  /* A drop, a stall or invalid JSON needs a frame before it to be mid-stream. */
  while (sc->fault != NULL && sc->chunks->len < 3)
    g_ptr_array_add (sc->chunks, g_strdup (""));

  if (self->first_frame_ms == 0)
    sc->timer_id = g_idle_add (send_next_frame, sc);
  else
    sc->timer_id = g_timeout_add (self->first_frame_ms, send_next_frame, sc);
}

static void
on_ws_message (SoupWebsocketConnection *conn,
               gint                     type,
               GBytes                  *message,
               gpointer                 user_data)
{
  SimConn *sc = user_data;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);

  if (sc->requested)
    {
      /* One question per connection. */
      send_error_frame (sc, 10007, "ConnectionError: the previous answer is not finished");
      return;
    }

  sc->requested = TRUE;
  g_clear_handle_id (&sc->timer_id, g_source_remove);
  handle_request (sc, data, len);
}

static void
on_ws_closed (SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  SimConn *sc = user_data;
  KdlSparkSim *self = sc->sim;

  self->stats.open_connections--;
  self->conns = g_list_remove (self->conns, sc);
  sim_conn_free (sc);
}

static gboolean
on_idle_close (gpointer user_data)
{
  SimConn *sc = user_data;

  sc->timer_id = 0;
  soup_websocket_connection_close (sc->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, "idle");

  return G_SOURCE_REMOVE;
}

static void
handle_websocket (SoupServer              *server,
                  SoupServerMessage       *msg,
                  const char              *path,
                  SoupWebsocketConnection *connection,
                  gpointer                 user_data)
{
  KdlSparkSim *self = user_data;
  SimConn *sc = g_new0 (SimConn, 1);

  sc->sim = self;
  sc->conn = g_object_ref (connection);
  sc->path = g_strdup (path);
  soup_websocket_connection_set_max_incoming_payload_size (connection, SIM_MAX_PAYLOAD_SIZE);
  soup_websocket_connection_set_keepalive_interval (connection, 0);
  g_signal_connect (connection, "message", G_CALLBACK (on_ws_message), sc);
  g_signal_connect (connection, "closed", G_CALLBACK (on_ws_closed), sc);
  self->conns = g_list_prepend (self->conns, sc);
  self->stats.open_connections++;

  if (self->idle_close_ms > 0)
    sc->timer_id = g_timeout_add (self->idle_close_ms, on_idle_close, sc);
}

static void
reject (SoupServerMessage *msg,
        guint              status,
        const char        *message)
{
  g_autofree char *escaped = g_strescape (message, NULL);
  g_autofree char *body = g_strdup_printf ("{\"message\":\"%s\"}", escaped);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* Reads `api_key="…", algorithm="…", headers="…", signature="…"`. */
static GHashTable *
parse_authorization (const char *encoded)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *fields;
  gsize len = 0;

  decoded = g_base64_decode (encoded, &len);
  if (decoded == NULL || len == 0)
    return NULL;
  text = g_strndup ((const char *)decoded, len);
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  regex = g_regex_new ("([a-z_]+)=\"([^\"]*)\"", 0, 0, NULL);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_insert (fields, g_match_info_fetch (match, 1), g_match_info_fetch (match, 2));
      g_match_info_next (match, NULL);
    }

  return fields;
}

/* The plain handler runs before the WebSocket handler: a status set here
 * refuses the upgrade, and the client reads it from its SoupMessage. */
static void
handle_http (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  KdlSparkSim *self = user_data;
  g_autoptr(GHashTable) auth = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *request_line = NULL;
  g_autofree char *expected = NULL;
  const KdlSimFault *fault;
  const char *authorization, *date_str, *host, *signature;

  self->stats.handshakes++;

  if (kdl_spark_preset_for_path (path) == NULL && g_strcmp0 (path, "/v1.1/chat") != 0)
    {
      self->stats.rejected++;
      reject (msg, 404, "no Route matched with those values");
      return;
    }

  fault = kdl_sim_faults_pick (self->faults, KDL_SIM_FAULT_HTTP, self->rand);
  if (fault != NULL)
    {
      self->stats.rejected++;
      self->stats.faults++;
      reject (msg, fault->code, fault->code == 403
              ? "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication"
              : "HMAC signature does not match");
      return;
    }

  authorization = query ? g_hash_table_lookup (query, "authorization") : NULL;
  date_str = query ? g_hash_table_lookup (query, "date") : NULL;
  host = query ? g_hash_table_lookup (query, "host") : NULL;

  if (authorization == NULL)
    {
      self->stats.rejected++;
      reject (msg, 401, "Unauthorized");
      return;
    }

  auth = parse_authorization (authorization);
  if (auth == NULL || date_str == NULL || host == NULL ||
      g_hash_table_lookup (auth, "signature") == NULL ||
      g_strcmp0 (g_hash_table_lookup (auth, "algorithm"), "hmac-sha256") != 0)
    {
      self->stats.rejected++;
      reject (msg, 401, "HMAC signature cannot be verified");
      return;
    }

  if (g_strcmp0 (g_hash_table_lookup (auth, "api_key"), self->api_key) != 0)
    {
      self->stats.rejected++;
      reject (msg, 401, "HMAC signature cannot be verified: fail to retrieve credential");
      return;
    }

  date = kdl_spark_auth_parse_date (date_str);
  now = g_date_time_new_now_utc ();
  if (date == NULL ||
      ABS (g_date_time_difference (date, now) / G_USEC_PER_SEC - self->clock_offset_s) > SIM_DATE_WINDOW_S)
    {
      self->stats.rejected++;
      reject (msg, 403, "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication");
      return;
    }

  /* A tolerant server: the signed host is the one the client says it used. */
  signature = g_hash_table_lookup (auth, "signature");
  request_line = g_strdup_printf ("GET %s HTTP/1.1", path);
  expected = kdl_spark_auth_signature (self->api_secret, host, date_str, request_line);
  if (g_strcmp0 (expected, signature) != 0)
    {
      self->stats.rejected++;
      reject (msg, 401, "HMAC signature does not match");
      return;
    }
}

static void
kdl_spark_sim_dispose (GObject *object)
{
  KdlSparkSim *self = (KdlSparkSim *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);

  while (self->conns != NULL)
    {
      SimConn *sc = self->conns->data;

      self->conns = g_list_delete_link (self->conns, self->conns);
      sim_conn_free (sc);
    }

  g_clear_object (&self->server);

  G_OBJECT_CLASS (kdl_spark_sim_parent_class)->dispose (object);
}

static void
kdl_spark_sim_finalize (GObject *object)
{
  KdlSparkSim *self = (KdlSparkSim *)object;

  g_clear_object (&self->tls_certificate);
  if (self->request_log >= 0)
    close (self->request_log);
  g_free (self->app_id);
  g_free (self->api_key);
  g_free (self->api_secret);
  g_clear_pointer (&self->faults, kdl_sim_faults_free);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->finetuned, g_hash_table_unref);
  g_queue_clear (&self->recent);

  G_OBJECT_CLASS (kdl_spark_sim_parent_class)->finalize (object);
}

static void
kdl_spark_sim_class_init (KdlSparkSimClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_spark_sim_dispose;
  object_class->finalize = kdl_spark_sim_finalize;
}

static void
kdl_spark_sim_init (KdlSparkSim *self)
{
  self->app_id = g_strdup (KDL_SIM_APP_ID);
  self->api_key = g_strdup (KDL_SIM_API_KEY);
  self->api_secret = g_strdup (KDL_SIM_API_SECRET);
  self->faults = kdl_sim_faults_parse (NULL, NULL);
  self->seed = 1;
  self->rand = g_rand_new_with_seed (self->seed);
  self->first_frame_ms = 20;
  self->frame_interval_ms = 10;
  self->n_frames = 6;
  self->idle_close_ms = 60000;
  self->finetuned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->finetuned, g_strdup (KDL_SIM_SERVICE_ID), g_strdup (KDL_SIM_RESOURCE_ID));
  g_queue_init (&self->recent);
  self->request_log = -1;
}

KdlSparkSim *
kdl_spark_sim_new (void)
{
  return g_object_new (KDL_TYPE_SPARK_SIM, NULL);
}

void
kdl_spark_sim_set_credentials (KdlSparkSim *self,
                               const char  *app_id,
                               const char  *api_key,
                               const char  *api_secret)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  g_free (self->app_id);
  self->app_id = g_strdup (app_id);
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_free (self->api_secret);
  self->api_secret = g_strdup (api_secret);
}

/**
 * kdl_spark_sim_set_faults:
 * @spec: (nullable): see kdl_sim_faults_parse()
 */
gboolean
kdl_spark_sim_set_faults (KdlSparkSim  *self,
                          const char   *spec,
                          GError      **error)
{
  KdlSimFaults *faults;

  g_return_val_if_fail (KDL_IS_SPARK_SIM (self), FALSE);

  faults = kdl_sim_faults_parse (spec, error);
  if (faults == NULL)
    return FALSE;

  g_clear_pointer (&self->faults, kdl_sim_faults_free);
  self->faults = faults;

  return TRUE;
}

void
kdl_spark_sim_set_seed (KdlSparkSim *self,
                        guint32      seed)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  self->seed = seed;
  g_rand_set_seed (self->rand, seed);
}

void
kdl_spark_sim_set_latency (KdlSparkSim *self,
                           guint        first_frame_ms,
                           guint        frame_interval_ms)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  self->first_frame_ms = first_frame_ms;
  self->frame_interval_ms = frame_interval_ms;
}

void
kdl_spark_sim_set_frames (KdlSparkSim *self,
                          guint        n_frames)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  self->n_frames = MAX (n_frames, 1);
}

/**
 * kdl_spark_sim_set_clock_offset:
 * @seconds: how far the server's clock is ahead of this machine's
 *
 * With an offset beyond 300 s every handshake gets 403, as a client with a
 * skewed clock would see.
 */
void
kdl_spark_sim_set_clock_offset (KdlSparkSim *self,
                                gint64       seconds)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  self->clock_offset_s = seconds;
}

void
kdl_spark_sim_set_idle_close (KdlSparkSim *self,
                              guint        ms)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  self->idle_close_ms = ms;
}

/**
 * kdl_spark_sim_set_request_log:
 * @path: (nullable): a file to append one line per request to
 */
void
kdl_spark_sim_set_request_log (KdlSparkSim *self,
                               const char  *path)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  if (self->request_log >= 0)
    close (self->request_log);
  self->request_log = path ? open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
  if (path != NULL && self->request_log < 0)
    g_warning ("Cannot write the request log %s: %s", path, g_strerror (errno));
}

void
kdl_spark_sim_add_finetuned (KdlSparkSim *self,
                             const char  *service_id,
                             const char  *resource_id)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  g_hash_table_insert (self->finetuned, g_strdup (service_id), g_strdup (resource_id));
}

/**
 * kdl_spark_sim_listen:
 * @port: 0 for any free port
 *
 * Listens on the loopback interface only, on the thread-default main
 * context of the caller.
 */
gboolean
kdl_spark_sim_listen (KdlSparkSim  *self,
                      guint         port,
                      GError      **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (KDL_IS_SPARK_SIM (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "kindling-spark-sim",
                                  "tls-certificate", self->tls_certificate,
                                  NULL);
  soup_server_add_handler (self->server, NULL, handle_http, self, NULL);
  soup_server_add_websocket_handler (self->server, NULL, NULL, NULL, handle_websocket, self, NULL);

  /* Our own socket: GSocket's default backlog of 10 drops the SYNs of a
   * burst of connections, and each dropped one waits a second to retry. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    goto fail;
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (self->server, socket,
                                  self->tls_certificate ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                  error))
    goto fail;

  uris = soup_server_get_uris (self->server);
  self->port = uris != NULL ? g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return TRUE;

fail:
  g_clear_object (&self->server);
  return FALSE;
}

/**
 * kdl_spark_sim_set_tls_certificate:
 * @certificate: (nullable): serve wss:// with it (call before listening)
 */
void
kdl_spark_sim_set_tls_certificate (KdlSparkSim     *self,
                                   GTlsCertificate *certificate)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));
  g_return_if_fail (self->server == NULL);

  g_set_object (&self->tls_certificate, certificate);
}

guint
kdl_spark_sim_get_port (KdlSparkSim *self)
{
  g_return_val_if_fail (KDL_IS_SPARK_SIM (self), 0);

  return self->port;
}

/**
 * kdl_spark_sim_get_url:
 * @preset_id: a preset id; "custom" for the fine-tuned path
 *
 * Returns: (transfer full): `ws://127.0.0.1:PORT/<the preset's path>`
 *   (`wss://` with a TLS certificate)
 */
char *
kdl_spark_sim_get_url (KdlSparkSim *self,
                       const char  *preset_id)
{
  const KdlSparkPreset *preset;
  const char *path = "/v1.1/chat";

  g_return_val_if_fail (KDL_IS_SPARK_SIM (self), NULL);

  preset = kdl_spark_preset_lookup (preset_id);
  if (preset != NULL)
    path = strchr (preset->url + strlen ("wss://"), '/');

  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->tls_certificate ? "wss" : "ws",
                          self->port, path);
}

void
kdl_spark_sim_get_stats (KdlSparkSim      *self,
                         KdlSparkSimStats *stats)
{
  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  *stats = self->stats;
}

void
kdl_spark_sim_reset_stats (KdlSparkSim *self)
{
  guint active, open;

  g_return_if_fail (KDL_IS_SPARK_SIM (self));

  active = self->stats.active;
  open = self->stats.open_connections;
  memset (&self->stats, 0, sizeof self->stats);
  self->stats.active = active;
  self->stats.open_connections = open;
}
