/* kdl-template-list.h — the sidebar of templates: built-ins and the user's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-template-entry.h"
#include "kdl-template-library.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_TEMPLATE_LIST (kdl_template_list_get_type ())

G_DECLARE_FINAL_TYPE (KdlTemplateList, kdl_template_list, KDL, TEMPLATE_LIST, AdwBin)

GtkWidget        *kdl_template_list_new          (void);
void              kdl_template_list_set_library  (KdlTemplateList    *self,
                                                  KdlTemplateLibrary *library);
KdlTemplateEntry *kdl_template_list_get_selected (KdlTemplateList    *self);
void              kdl_template_list_select       (KdlTemplateList    *self,
                                                  KdlTemplateEntry   *entry);
void              kdl_template_list_set_modified (KdlTemplateList    *self,
                                                  gboolean            modified);
char             *kdl_template_list_describe     (KdlTemplateEntry   *entry);

G_END_DECLS
