/* kdl-issue-item.h — one rejected record or skipped line, for a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kdl-import.h"

G_BEGIN_DECLS

#define KDL_TYPE_ISSUE_ITEM (kdl_issue_item_get_type ())

G_DECLARE_FINAL_TYPE (KdlIssueItem, kdl_issue_item, KDL, ISSUE_ITEM, GObject)

KdlIssueItem *kdl_issue_item_new         (const KdlImportIssue *issue);
guint         kdl_issue_item_get_row     (KdlIssueItem         *self);
guint         kdl_issue_item_get_line    (KdlIssueItem         *self);
const char   *kdl_issue_item_get_code    (KdlIssueItem         *self);
const char   *kdl_issue_item_get_message (KdlIssueItem         *self);

G_END_DECLS
