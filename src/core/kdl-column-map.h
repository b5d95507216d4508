/* kdl-column-map.h — which column each template variable reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kdl-record.h"

G_BEGIN_DECLS

#define KDL_TYPE_COLUMN_MAP (kdl_column_map_get_type ())

typedef struct _KdlColumnMap KdlColumnMap;

/* The marker before the passage in the `input` of cleaned JSONL rows. */
#define KDL_READING_MARKER "### 阅读文本"

GType          kdl_column_map_get_type       (void) G_GNUC_CONST;
KdlColumnMap  *kdl_column_map_new            (GPtrArray          *columns,
                                              GHashTable         *user_mapping);
KdlColumnMap  *kdl_column_map_ref            (KdlColumnMap       *self);
void           kdl_column_map_unref          (KdlColumnMap       *self);
const char    *kdl_column_map_get            (KdlColumnMap       *self,
                                              const char         *variable);
void           kdl_column_map_set            (KdlColumnMap       *self,
                                              const char         *variable,
                                              const char         *column);
GPtrArray     *kdl_column_map_get_variables  (KdlColumnMap       *self);
char          *kdl_column_map_resolve        (KdlColumnMap       *self,
                                              const KdlRecord    *record,
                                              const char         *variable);
const char    *kdl_column_map_extract_reading (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlColumnMap, kdl_column_map_unref)

G_END_DECLS
