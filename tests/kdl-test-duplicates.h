/* kdl-test-duplicates.h — projects with known generated questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-store.h"

G_BEGIN_DECLS

/* One finished generate item to write. */
typedef struct
{
  guint       row;
  guint       variant;
  gint64      source_item_id;  /* a chained run's input, or 0 */
  const char *output;
} KdlTestSample;

char   *kdl_test_mcq_text          (const char           *first,
                                    ...) G_GNUC_NULL_TERMINATED;
gint64  kdl_test_dup_add_dataset   (KdlStore             *store,
                                    const char * const   *questions,
                                    guint                 n_rows);
gint64  kdl_test_dup_add_template  (KdlStore             *store,
                                    gboolean              rebuild);
gint64  kdl_test_dup_add_run       (KdlStore             *store,
                                    gint64                dataset_id,
                                    gint64                template_id,
                                    gint64                parent_run_id,
                                    const KdlTestSample  *samples,
                                    guint                 n_samples);
gint64  kdl_test_dup_item_id       (KdlStoreReader       *reader,
                                    gint64                run_id,
                                    guint                 row,
                                    guint                 variant);

G_END_DECLS
