/* kdl-test-scores.h — shared by the Scores view, review and export tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-store.h"

G_BEGIN_DECLS

void             kdl_test_scores_init          (int          *argc,
                                                char       ***argv);
GtkWidget       *kdl_test_scores_window        (GtkWidget    *child);
void             kdl_test_wait_not_busy        (gpointer      object);
GtkWindow       *kdl_test_find_toplevel        (GType         type);
char            *kdl_test_respond              (const char   *response);
KdlStoreVerdict  kdl_test_read_verdict         (const char   *path,
                                                gint64        item_id);
GHashTable      *kdl_test_read_verdicts        (const char   *path,
                                                gint64        run_id);
void             kdl_test_assert_ids           (GArray       *ids,
                                                GArray       *expected);

G_END_DECLS
