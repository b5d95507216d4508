/* kdl-prompts-view.h — the Prompts view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_PROMPTS_VIEW (kdl_prompts_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlPromptsView, kdl_prompts_view, KDL, PROMPTS_VIEW, AdwBin)

GtkWidget *kdl_prompts_view_new (void);

G_END_DECLS
