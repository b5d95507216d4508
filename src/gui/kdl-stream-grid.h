/* kdl-stream-grid.h — the calls in flight, one tile per runner slot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-runner.h"
#include "kdl-stream-tile.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_STREAM_GRID (kdl_stream_grid_get_type ())

G_DECLARE_FINAL_TYPE (KdlStreamGrid, kdl_stream_grid, KDL, STREAM_GRID, AdwBin)

GtkWidget     *kdl_stream_grid_new           (void);
KdlRunner     *kdl_stream_grid_get_runner    (KdlStreamGrid *self);
void           kdl_stream_grid_set_runner    (KdlStreamGrid *self,
                                              KdlRunner     *runner);
guint          kdl_stream_grid_get_n_tiles   (KdlStreamGrid *self);
KdlStreamTile *kdl_stream_grid_get_tile      (KdlStreamGrid *self,
                                              guint          index);
guint64        kdl_stream_grid_get_n_updates (KdlStreamGrid *self);

G_END_DECLS
