/* kdl-issue-list-model.h — a dataset's import problems as a lazy list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KDL_TYPE_ISSUE_LIST_MODEL (kdl_issue_list_model_get_type ())

G_DECLARE_FINAL_TYPE (KdlIssueListModel, kdl_issue_list_model, KDL, ISSUE_LIST_MODEL, GObject)

KdlIssueListModel *kdl_issue_list_model_new        (void);
void               kdl_issue_list_model_set_issues (KdlIssueListModel *self,
                                                    GArray            *rejected,
                                                    GArray            *skipped);

G_END_DECLS
