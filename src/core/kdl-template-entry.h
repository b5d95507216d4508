/* kdl-template-entry.h — one template of the library: a built-in or a user file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-template.h"

G_BEGIN_DECLS

#define KDL_TYPE_TEMPLATE_ENTRY (kdl_template_entry_get_type ())

G_DECLARE_FINAL_TYPE (KdlTemplateEntry, kdl_template_entry, KDL, TEMPLATE_ENTRY, GObject)

const char      *kdl_template_entry_get_key         (KdlTemplateEntry *self);
const char      *kdl_template_entry_get_name        (KdlTemplateEntry *self);
const char      *kdl_template_entry_get_language    (KdlTemplateEntry *self);
KdlTemplateKind  kdl_template_entry_get_kind        (KdlTemplateEntry *self);
const char      *kdl_template_entry_get_description (KdlTemplateEntry *self);
gboolean         kdl_template_entry_is_builtin      (KdlTemplateEntry *self);
gboolean         kdl_template_entry_get_overridden  (KdlTemplateEntry *self);
GFile           *kdl_template_entry_get_file        (KdlTemplateEntry *self);
KdlTemplate     *kdl_template_entry_get_template    (KdlTemplateEntry *self);
KdlTemplate     *kdl_template_entry_dup_template    (KdlTemplateEntry *self);
KdlTemplate     *kdl_template_entry_dup_builtin     (KdlTemplateEntry *self);

G_END_DECLS
