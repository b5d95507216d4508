/* kdl-prompts-view.h — the Prompts view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-template-entry.h"
#include "kdl-template-library.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_PROMPTS_VIEW (kdl_prompts_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlPromptsView, kdl_prompts_view, KDL, PROMPTS_VIEW, AdwBin)

GtkWidget          *kdl_prompts_view_new           (void);
KdlWorkspace       *kdl_prompts_view_get_workspace (KdlPromptsView *self);
void                kdl_prompts_view_set_workspace (KdlPromptsView *self,
                                                    KdlWorkspace   *workspace);
KdlTemplateLibrary *kdl_prompts_view_get_library   (KdlPromptsView *self);
KdlTemplateEntry   *kdl_prompts_view_get_entry     (KdlPromptsView *self);
void                kdl_prompts_view_open          (KdlPromptsView *self,
                                                    KdlTemplateEntry *entry);
gboolean            kdl_prompts_view_get_busy      (KdlPromptsView *self);
void                kdl_prompts_view_import_file   (KdlPromptsView *self,
                                                    GFile          *file);
void                kdl_prompts_view_export_file   (KdlPromptsView *self,
                                                    GFile          *file);
KdlTemplateList    *kdl_prompts_view_get_list      (KdlPromptsView *self);
KdlTemplateEditor  *kdl_prompts_view_get_editor    (KdlPromptsView *self);
KdlTemplatePreview *kdl_prompts_view_get_preview   (KdlPromptsView *self);

G_END_DECLS
