/* kdl-spark-frame.h — Spark request and answer frames (SPARK-PROTOCOL.md §3–4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kdl-chat.h"
#include "kdl-spark-preset.h"

G_BEGIN_DECLS

typedef struct
{
  int          code;        /* header.code, 0 for success */
  char        *message;     /* header.message, nullable */
  char        *sid;         /* header.sid, nullable */
  int          status;      /* 0 first, 1 middle, 2 last; -1 when absent */
  gboolean     has_choices;
  char        *content;     /* the concatenated text[].content, nullable */
  gboolean     has_usage;
  KdlChatUsage usage;
} KdlSparkFrame;

char     *kdl_spark_frame_build_request (const char             *app_id,
                                         const KdlSparkEndpoint *endpoint,
                                         const KdlChatRequest   *request);
gboolean  kdl_spark_frame_parse         (const char             *data,
                                         gsize                   len,
                                         KdlSparkFrame          *frame,
                                         GError                **error);
void      kdl_spark_frame_clear         (KdlSparkFrame          *frame);

G_END_DECLS
