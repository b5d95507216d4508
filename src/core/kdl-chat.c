/* kdl-chat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-chat.h"

G_DEFINE_BOXED_TYPE (KdlChatRequest, kdl_chat_request, kdl_chat_request_ref, kdl_chat_request_unref)
G_DEFINE_BOXED_TYPE (KdlChatResult, kdl_chat_result, kdl_chat_result_ref, kdl_chat_result_unref)

static void
kdl_chat_message_free (gpointer data)
{
  KdlChatMessage *message = data;

  g_free (message->role);
  g_free (message->content);
  g_free (message);
}

KdlChatRequest *
kdl_chat_request_new (void)
{
  KdlChatRequest *self = g_new0 (KdlChatRequest, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->messages = g_ptr_array_new_with_free_func (kdl_chat_message_free);

  return self;
}

/**
 * kdl_chat_request_new_simple:
 * @system: (nullable): the system message
 * @user: the user's message
 */
KdlChatRequest *
kdl_chat_request_new_simple (const char *system,
                             const char *user)
{
  KdlChatRequest *self = kdl_chat_request_new ();

  if (system != NULL && system[0] != '\0')
    kdl_chat_request_add_message (self, "system", system);
  kdl_chat_request_add_message (self, "user", user);

  return self;
}

KdlChatRequest *
kdl_chat_request_ref (KdlChatRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kdl_chat_request_unref (KdlChatRequest *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->messages);
      g_free (self->uid);
      g_free (self);
    }
}

void
kdl_chat_request_add_message (KdlChatRequest *self,
                              const char     *role,
                              const char     *content)
{
  KdlChatMessage *message;

  g_return_if_fail (self != NULL);
  g_return_if_fail (role != NULL);
  g_return_if_fail (content != NULL);

  message = g_new0 (KdlChatMessage, 1);
  message->role = g_strdup (role);
  message->content = g_strdup (content);
  g_ptr_array_add (self->messages, message);
}

/* The bytes of all message contents: what an estimate of tokens starts from. */
gsize
kdl_chat_request_get_text_length (KdlChatRequest *self)
{
  gsize len = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->messages->len; i++)
    {
      const KdlChatMessage *message = g_ptr_array_index (self->messages, i);
      len += strlen (message->content);
    }

  return len;
}

KdlChatResult *
kdl_chat_result_new (void)
{
  KdlChatResult *self = g_new0 (KdlChatResult, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

KdlChatResult *
kdl_chat_result_ref (KdlChatResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kdl_chat_result_unref (KdlChatResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->text);
      g_free (self->sid);
      g_free (self);
    }
}
