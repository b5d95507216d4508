/* kdl-chat.h — a chat request and its result, independent of the provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KDL_TYPE_CHAT_REQUEST (kdl_chat_request_get_type ())
#define KDL_TYPE_CHAT_RESULT  (kdl_chat_result_get_type ())

typedef struct
{
  char *role;     /* "system", "user" or "assistant" */
  char *content;
} KdlChatMessage;

typedef struct
{
  GPtrArray *messages;  /* of KdlChatMessage */
  double     temperature; /* 0 leaves the server's default */
  int        max_tokens;  /* 0 leaves the server's default */
  int        top_k;       /* 0 leaves the server's default */
  char      *uid;         /* nullable */

  /*< private >*/
  gatomicrefcount ref_count;
} KdlChatRequest;

typedef struct
{
  gint64 question_tokens;
  gint64 prompt_tokens;
  gint64 completion_tokens;
  gint64 total_tokens;
} KdlChatUsage;

typedef struct
{
  char        *text;      /* the whole answer */
  char        *sid;       /* the server's session id, nullable */
  KdlChatUsage usage;
  gboolean     has_usage;
  guint        n_frames;
  double       seconds;   /* from the request to the last frame */
  double       first_frame_seconds;

  /*< private >*/
  gatomicrefcount ref_count;
} KdlChatResult;

/**
 * KdlDeltaFunc:
 * @delta: the new text, valid UTF-8 (not nul-terminated past @len)
 * @len: its length in bytes
 * @user_data: closure
 *
 * Called on the main context for every piece of text as it arrives.
 */
typedef void (*KdlDeltaFunc) (const char *delta,
                              gsize       len,
                              gpointer    user_data);

GType           kdl_chat_request_get_type     (void) G_GNUC_CONST;
KdlChatRequest *kdl_chat_request_new          (void);
KdlChatRequest *kdl_chat_request_new_simple   (const char     *system,
                                               const char     *user);
KdlChatRequest *kdl_chat_request_ref          (KdlChatRequest *self);
void            kdl_chat_request_unref        (KdlChatRequest *self);
void            kdl_chat_request_add_message  (KdlChatRequest *self,
                                               const char     *role,
                                               const char     *content);
gsize           kdl_chat_request_get_text_length (KdlChatRequest *self);

GType           kdl_chat_result_get_type      (void) G_GNUC_CONST;
KdlChatResult  *kdl_chat_result_new           (void);
KdlChatResult  *kdl_chat_result_ref           (KdlChatResult  *self);
void            kdl_chat_result_unref         (KdlChatResult  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlChatRequest, kdl_chat_request_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlChatResult, kdl_chat_result_unref)

G_END_DECLS
