/* kdl-record.h — one loaded row: its row id, content hash and fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KDL_TYPE_RECORD (kdl_record_get_type ())

typedef struct _KdlRecord KdlRecord;

GType        kdl_record_get_type        (void) G_GNUC_CONST;
KdlRecord   *kdl_record_new             (guint        row,
                                         guint        line);
KdlRecord   *kdl_record_ref             (KdlRecord   *self);
void         kdl_record_unref           (KdlRecord   *self);
void         kdl_record_take_field      (KdlRecord   *self,
                                         const char  *name,
                                         char        *value);
guint        kdl_record_get_row         (const KdlRecord *self);
guint        kdl_record_get_line        (const KdlRecord *self);
guint        kdl_record_get_n_fields    (const KdlRecord *self);
const char  *kdl_record_get_name        (const KdlRecord *self,
                                         guint            i);
const char  *kdl_record_get_value       (const KdlRecord *self,
                                         guint            i);
const char  *kdl_record_lookup          (const KdlRecord *self,
                                         const char      *name);
const char  *kdl_record_get_hash        (KdlRecord       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlRecord, kdl_record_unref)

G_END_DECLS
