/* kdl-edit-dialog.h — edit one sample's questions beside the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-review-sample.h"
#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_EDIT_DIALOG (kdl_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KdlEditDialog, kdl_edit_dialog, KDL, EDIT_DIALOG, AdwWindow)

KdlEditDialog           *kdl_edit_dialog_new       (GtkWindow             *parent,
                                                    KdlStore              *store,
                                                    const KdlReviewSample *sample);
gint64                   kdl_edit_dialog_get_item_id (KdlEditDialog       *self);
char                    *kdl_edit_dialog_dup_text  (KdlEditDialog         *self);
void                     kdl_edit_dialog_set_text  (KdlEditDialog         *self,
                                                    const char            *text);
const KdlStructureCheck *kdl_edit_dialog_get_check (KdlEditDialog         *self);
void                     kdl_edit_dialog_save      (KdlEditDialog         *self);

G_END_DECLS
