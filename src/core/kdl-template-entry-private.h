/* kdl-template-entry-private.h — for KdlTemplateLibrary only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-template-entry.h"

G_BEGIN_DECLS

KdlTemplateEntry *_kdl_template_entry_new_builtin (KdlTemplate      *builtin);
KdlTemplateEntry *_kdl_template_entry_new_user    (const char       *name,
                                                   KdlTemplate      *template,
                                                   GFile            *file);
void              _kdl_template_entry_update      (KdlTemplateEntry *self,
                                                   const char       *name,
                                                   KdlTemplate      *template,
                                                   GFile            *file);

KdlTemplate      *_kdl_template_copy              (KdlTemplate      *template);

G_END_DECLS
