/* kdl-stream-tile.h — one call in flight: its row, stage, attempt and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-runner.h"
#include "kdl-types.h"

G_BEGIN_DECLS

/* A tile shows the tail of the answer: at most this many lines… */
#define KDL_STREAM_TILE_MAX_LINES 10
/* …and characters (about what fits; laying out more would only cost). */
#define KDL_STREAM_TILE_MAX_CHARS 480

#define KDL_TYPE_STREAM_TILE (kdl_stream_tile_get_type ())

G_DECLARE_FINAL_TYPE (KdlStreamTile, kdl_stream_tile, KDL, STREAM_TILE, AdwBin)

GtkWidget *kdl_stream_tile_new           (void);
void       kdl_stream_tile_update        (KdlStreamTile    *self,
                                          const KdlRunSlot *slot);
void       kdl_stream_tile_clear         (KdlStreamTile    *self);
char      *kdl_stream_tile_dup_text      (KdlStreamTile    *self);
gsize      kdl_stream_tile_get_received  (KdlStreamTile    *self);
gint64     kdl_stream_tile_get_item_id   (KdlStreamTile    *self);
gboolean   kdl_stream_tile_get_active    (KdlStreamTile    *self);
const char *kdl_stream_tile_get_title    (KdlStreamTile    *self);

G_END_DECLS
