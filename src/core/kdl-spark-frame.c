/* kdl-spark-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-spark-frame"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdl-error.h"
#include "kdl-spark-frame.h"

/**
 * kdl_spark_frame_build_request:
 *
 * Returns: (transfer full): the one text frame a client sends after the
 *   upgrade.  Fine-tuned endpoints carry `header.patch_id` as an array.
 */
char *
kdl_spark_frame_build_request (const char             *app_id,
                               const KdlSparkEndpoint *endpoint,
                               const KdlChatRequest   *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (app_id != NULL, NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "header");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "app_id");
  json_builder_add_string_value (builder, app_id);
  if (request->uid != NULL)
    {
      json_builder_set_member_name (builder, "uid");
      json_builder_add_string_value (builder, request->uid);
    }
  if (endpoint->patch_id != NULL)
    {
      json_builder_set_member_name (builder, "patch_id");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, endpoint->patch_id);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "parameter");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chat");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, endpoint->domain);
  if (request->temperature > 0)
    {
      json_builder_set_member_name (builder, "temperature");
      json_builder_add_double_value (builder, request->temperature);
    }
  if (request->max_tokens > 0)
    {
      json_builder_set_member_name (builder, "max_tokens");
      json_builder_add_int_value (builder, request->max_tokens);
    }
  if (request->top_k > 0)
    {
      json_builder_set_member_name (builder, "top_k");
      json_builder_add_int_value (builder, request->top_k);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "payload");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->messages->len; i++)
    {
      const KdlChatMessage *message = g_ptr_array_index (request->messages, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, message->role);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, message->content);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64)json_node_get_double (node);
    case G_TYPE_STRING:
      return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
    default:
      return fallback;
    }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/**
 * kdl_spark_frame_parse:
 * @frame: (out caller-allocates): filled on success; clear it with
 *   kdl_spark_frame_clear()
 *
 * Reads one answer frame.  A frame without `choices` (a web-search plugin
 * frame) is valid and has no content.  An error frame is valid too: its
 * @code is not zero.
 *
 * Returns: %FALSE with %KDL_SPARK_ERROR_INVALID_FRAME when @data is not a
 *   JSON object with a `header` object
 */
gboolean
kdl_spark_frame_parse (const char     *data,
                       gsize           len,
                       KdlSparkFrame  *frame,
                       GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonObject *header;
  JsonObject *payload;
  JsonObject *choices;
  JsonObject *usage;

  g_return_val_if_fail (frame != NULL, FALSE);

  memset (frame, 0, sizeof *frame);
  frame->status = -1;

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_FRAME,
                   _("Spark sent a message that is not JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (header = member_object (json_node_get_object (root), "header")) == NULL)
    {
      g_set_error_literal (error, KDL_SPARK_ERROR, KDL_SPARK_ERROR_INVALID_FRAME,
                           _("Spark sent a message without a header."));
      return FALSE;
    }

  object = json_node_get_object (root);
  frame->code = (int)member_int (header, "code", 0);
  frame->message = g_strdup (member_string (header, "message"));
  frame->sid = g_strdup (member_string (header, "sid"));
  frame->status = (int)member_int (header, "status", -1);

  payload = member_object (object, "payload");
  choices = member_object (payload, "choices");
  if (choices != NULL)
    {
      JsonNode *text = json_object_get_member (choices, "text");
      int choices_status = (int)member_int (choices, "status", -1);

      frame->has_choices = TRUE;
      if (choices_status > frame->status)
        frame->status = choices_status;

      if (text != NULL && JSON_NODE_HOLDS_ARRAY (text))
        {
          JsonArray *array = json_node_get_array (text);
          GString *content = NULL;

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              const char *piece;

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              piece = member_string (json_node_get_object (element), "content");
              if (piece == NULL)
                continue;
              if (content == NULL)
                content = g_string_new (NULL);
              g_string_append (content, piece);
            }

          if (content != NULL)
            frame->content = g_string_free (content, FALSE);
        }
    }

  usage = member_object (member_object (payload, "usage"), "text");
  if (usage != NULL)
    {
      frame->has_usage = TRUE;
      frame->usage.question_tokens = member_int (usage, "question_tokens", 0);
      frame->usage.prompt_tokens = member_int (usage, "prompt_tokens", 0);
      frame->usage.completion_tokens = member_int (usage, "completion_tokens", 0);
      frame->usage.total_tokens = member_int (usage, "total_tokens",
                                              frame->usage.prompt_tokens + frame->usage.completion_tokens);
    }

  return TRUE;
}

void
kdl_spark_frame_clear (KdlSparkFrame *frame)
{
  g_clear_pointer (&frame->message, g_free);
  g_clear_pointer (&frame->sid, g_free);
  g_clear_pointer (&frame->content, g_free);
}
