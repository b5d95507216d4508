/* kdl-test-store.h — fixtures for the project-file tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-store.h"

G_BEGIN_DECLS

char            *kdl_test_store_path         (const char    *name);
KdlStore        *kdl_test_store_new          (const char    *name);
gint64           kdl_test_store_add_dataset  (KdlStore      *store,
                                              guint          n_rows);
gint64           kdl_test_store_add_run      (KdlStore      *store,
                                              guint          n_rows,
                                              guint          n_variants,
                                              gboolean       judge,
                                              double         score_max);
KdlStoreItemRef *kdl_test_store_find_ref     (GArray        *refs,
                                              guint          row,
                                              guint          variant,
                                              KdlStoreStage  stage);
gboolean         kdl_test_store_integrity_ok (const char    *path);
gint64           kdl_test_store_query_int    (const char    *path,
                                              const char    *sql);

G_END_DECLS
