/* kdl-row-vars.h — the template variables of one row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kdl-column-map.h"
#include "kdl-exam.h"
#include "kdl-record.h"

G_BEGIN_DECLS

GHashTable *kdl_row_vars_new           (KdlColumnMap    *map,
                                        const KdlRecord *record);
GHashTable *kdl_row_vars_new_from_json (const char      *fields_json,
                                        const char      *mapping_json,
                                        guint            row,
                                        GError         **error);
KdlExam    *kdl_row_vars_parse_exam    (KdlColumnMap    *map,
                                        const KdlRecord *record);
char       *kdl_row_vars_fields_to_json (const KdlRecord *record);
char       *kdl_row_vars_mapping_to_json (KdlColumnMap   *map);

G_END_DECLS
