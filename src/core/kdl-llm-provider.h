/* kdl-llm-provider.h — what the runner needs from a model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-chat.h"

G_BEGIN_DECLS

#define KDL_TYPE_LLM_PROVIDER (kdl_llm_provider_get_type ())

G_DECLARE_INTERFACE (KdlLlmProvider, kdl_llm_provider, KDL, LLM_PROVIDER, GObject)

struct _KdlLlmProviderInterface
{
  GTypeInterface parent_iface;

  void           (*stream_chat_async)  (KdlLlmProvider      *self,
                                        KdlChatRequest      *request,
                                        KdlDeltaFunc         on_delta,
                                        gpointer             delta_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  KdlChatResult *(*stream_chat_finish) (KdlLlmProvider      *self,
                                        GAsyncResult        *result,
                                        GError             **error);
  char          *(*describe)           (KdlLlmProvider      *self);
};

void           kdl_llm_provider_stream_chat_async  (KdlLlmProvider      *self,
                                                    KdlChatRequest      *request,
                                                    KdlDeltaFunc         on_delta,
                                                    gpointer             delta_data,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
KdlChatResult *kdl_llm_provider_stream_chat_finish (KdlLlmProvider      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
char          *kdl_llm_provider_describe           (KdlLlmProvider      *self);

G_END_DECLS
