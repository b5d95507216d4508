/* kdl-mcq-view.h — generated questions, readably: stems, options, answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KDL_TYPE_MCQ_VIEW (kdl_mcq_view_get_type ())

G_DECLARE_FINAL_TYPE (KdlMcqView, kdl_mcq_view, KDL, MCQ_VIEW, AdwBin)

GtkWidget  *kdl_mcq_view_new            (void);
const char *kdl_mcq_view_get_text       (KdlMcqView *self);
void        kdl_mcq_view_set_text       (KdlMcqView *self,
                                         const char *text);
guint       kdl_mcq_view_get_n_questions (KdlMcqView *self);

G_END_DECLS
