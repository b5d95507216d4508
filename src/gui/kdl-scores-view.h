/* kdl-scores-view.h — the Scores view of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_SCORES_VIEW (kdl_scores_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlScoresView, kdl_scores_view, KDL, SCORES_VIEW, AdwBin)

GtkWidget *kdl_scores_view_new (void);

G_END_DECLS
