/* kdl-template-editor.h — a template's header fields and its prompt text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "kdl-template.h"
#include "kdl-types.h"

G_BEGIN_DECLS

/* The GtkTextTags the editor puts on placeholders (in the buffer's tag table). */
#define KDL_TEMPLATE_EDITOR_TAG_KNOWN   "placeholder"
#define KDL_TEMPLATE_EDITOR_TAG_UNKNOWN "placeholder-unknown"
#define KDL_TEMPLATE_EDITOR_TAG_INVALID "placeholder-invalid"

/* How long after an edit the tags and ::changed follow (ms). */
#define KDL_TEMPLATE_EDITOR_THROTTLE 150

#define KDL_TYPE_TEMPLATE_EDITOR (kdl_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (KdlTemplateEditor, kdl_template_editor, KDL, TEMPLATE_EDITOR, AdwBin)

GtkWidget          *kdl_template_editor_new                (void);
void                kdl_template_editor_set_template       (KdlTemplateEditor  *self,
                                                            KdlTemplate        *template,
                                                            gboolean            builtin);
void                kdl_template_editor_rebase             (KdlTemplateEditor  *self,
                                                            KdlTemplate        *saved);
KdlTemplate        *kdl_template_editor_dup_template       (KdlTemplateEditor  *self,
                                                            GError            **error);
char               *kdl_template_editor_dup_body           (KdlTemplateEditor  *self);
KdlTemplateKind     kdl_template_editor_get_kind           (KdlTemplateEditor  *self);
int                 kdl_template_editor_get_score_max      (KdlTemplateEditor  *self);
const char         *kdl_template_editor_get_score_pattern  (KdlTemplateEditor  *self);
const char         *kdl_template_editor_get_name           (KdlTemplateEditor  *self);
gboolean            kdl_template_editor_get_modified       (KdlTemplateEditor  *self);
void                kdl_template_editor_set_variables      (KdlTemplateEditor  *self,
                                                            GHashTable         *variables);
void                kdl_template_editor_insert_placeholder (KdlTemplateEditor  *self,
                                                            const char         *name);
void                kdl_template_editor_update_now         (KdlTemplateEditor  *self);
GtkSourceBuffer    *kdl_template_editor_get_buffer         (KdlTemplateEditor  *self);
GtkSourceView      *kdl_template_editor_get_view           (KdlTemplateEditor  *self);
KdlVariablePalette *kdl_template_editor_get_palette        (KdlTemplateEditor  *self);

G_END_DECLS
