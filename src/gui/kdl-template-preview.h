/* kdl-template-preview.h — a template rendered for one row, with its size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-template.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_TEMPLATE_PREVIEW (kdl_template_preview_get_type ())

G_DECLARE_FINAL_TYPE (KdlTemplatePreview, kdl_template_preview, KDL, TEMPLATE_PREVIEW, AdwBin)

GtkWidget  *kdl_template_preview_new            (void);
gboolean    kdl_template_preview_render         (KdlTemplatePreview *self,
                                                 KdlTemplate        *template,
                                                 GHashTable         *variables);
void        kdl_template_preview_clear          (KdlTemplatePreview *self);
void        kdl_template_preview_set_row_label  (KdlTemplatePreview *self,
                                                 const char         *label);
void        kdl_template_preview_set_notes      (KdlTemplatePreview *self,
                                                 const char         *info,
                                                 const char         *warning);
const char *kdl_template_preview_get_text       (KdlTemplatePreview *self);
const char *kdl_template_preview_get_error      (KdlTemplatePreview *self);
GStrv       kdl_template_preview_dup_warnings   (KdlTemplatePreview *self);
guint       kdl_template_preview_get_n_chars    (KdlTemplatePreview *self);
guint       kdl_template_preview_get_n_tokens   (KdlTemplatePreview *self);
guint       kdl_template_preview_get_n_renders  (KdlTemplatePreview *self);

G_END_DECLS
