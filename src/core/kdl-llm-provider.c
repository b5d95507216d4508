/* kdl-llm-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-llm-provider.h"

G_DEFINE_INTERFACE (KdlLlmProvider, kdl_llm_provider, G_TYPE_OBJECT)

static void
kdl_llm_provider_default_init (KdlLlmProviderInterface *iface)
{
}

/**
 * kdl_llm_provider_stream_chat_async:
 * @on_delta: (nullable): called for each piece of text, in order, on the
 *   thread-default main context of the caller; @delta_data must stay valid
 *   until @callback runs
 *
 * Sends @request and streams the answer.  Cancelling @cancellable closes the
 * connection and completes with %G_IO_ERROR_CANCELLED.
 */
void
kdl_llm_provider_stream_chat_async (KdlLlmProvider      *self,
                                    KdlChatRequest      *request,
                                    KdlDeltaFunc         on_delta,
                                    gpointer             delta_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KDL_IS_LLM_PROVIDER (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  KDL_LLM_PROVIDER_GET_IFACE (self)->stream_chat_async (self, request, on_delta, delta_data,
                                                        cancellable, callback, user_data);
}

/**
 * kdl_llm_provider_stream_chat_finish:
 *
 * Returns: (transfer full): the answer, or %NULL with @error set in the
 *   %KDL_SPARK_ERROR domain (or %G_IO_ERROR_CANCELLED)
 */
KdlChatResult *
kdl_llm_provider_stream_chat_finish (KdlLlmProvider  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (KDL_IS_LLM_PROVIDER (self), NULL);

  return KDL_LLM_PROVIDER_GET_IFACE (self)->stream_chat_finish (self, result, error);
}

/**
 * kdl_llm_provider_describe:
 *
 * Returns: (transfer full): a name for the UI and the project file, such as
 *   "Spark Max" or "Offline simulator"
 */
char *
kdl_llm_provider_describe (KdlLlmProvider *self)
{
  g_return_val_if_fail (KDL_IS_LLM_PROVIDER (self), NULL);

  if (KDL_LLM_PROVIDER_GET_IFACE (self)->describe == NULL)
    return g_strdup (G_OBJECT_TYPE_NAME (self));

  return KDL_LLM_PROVIDER_GET_IFACE (self)->describe (self);
}
