/* kdl-test-export.h — a project to export from, with hand-written texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Six rows (1–5 Chinese, 6 English; row 4 has only a short-answer
 * question, so no original MCQs) and a rebuild run with a judge, two
 * variants per row:
 *
 *   sample  state   stored text           check  score  verdict            edit
 *   1/0     done    good                  ok     90     accepted (gen)     —
 *   1/1     done    good                  ok     60     —                  four new MCQs, originals dropped
 *   2/0     done    good, full-width      ok     85     —                  —
 *   2/1     done    three MCQs            fail   70     —                  —
 *   3/0     done    good                  ok     40     rejected (gen)     —
 *   3/1     done    good                  ok     none   —                  —
 *   4/0     done    broken                fail   95     accepted (gen)     four good MCQs
 *   4/1     failed  —                     —      —      —                  —
 *   5/0     done    good                  ok     80     —                  three MCQs
 *   5/1     done    a refusal, no MCQ     fail   10     —                  —
 *   6/0     done    good (English)        ok     75     accepted (judge)   —
 *   6/1     done    good (English)        ok     88     —                  —
 *
 * and a judge-only run re-judging those outputs with other scores
 * (KDL_TEST_EXPORT_REJUDGE_SCORES; 2/0 accepted on its judge item).
 */

#pragma once

#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TEST_EXPORT_ROWS     6
#define KDL_TEST_EXPORT_VARIANTS 2
#define KDL_TEST_EXPORT_ORIGINAL (-1)   /* a "variant": the row's own MCQs */

typedef struct
{
  KdlStore *store;
  char     *path;
  gint64    dataset_id;
  gint64    run;        /* generate + judge */
  gint64    rejudge;    /* judge-only over run's outputs */
  gint64    gen_ids[KDL_TEST_EXPORT_ROWS + 1][KDL_TEST_EXPORT_VARIANTS];
} KdlTestExportProject;

/* The re-judging run's scores by [row - 1][variant]; -1: none. */
extern const double kdl_test_export_rejudge_scores[KDL_TEST_EXPORT_ROWS][KDL_TEST_EXPORT_VARIANTS];

KdlTestExportProject *kdl_test_export_project_new     (void);
void                  kdl_test_export_project_free    (KdlTestExportProject *self);
gint64                kdl_test_export_add_dataset     (KdlStore             *store,
                                                       const char           *salt);
gint64                kdl_test_export_add_run         (KdlStore             *store,
                                                       gint64                dataset_id,
                                                       guint                 first_row,
                                                       guint                 last_row,
                                                       const char           *label,
                                                       gboolean              fail);

const char           *kdl_test_export_reading         (guint                 row);
const char           *kdl_test_export_original        (guint                 row);
char                 *kdl_test_export_expected_output (guint                 row,
                                                       guint                 variant);
char                 *kdl_test_export_expected        (guint                 row,
                                                       int                   variant);
char                 *kdl_test_export_train_input     (guint                 row);
char                 *kdl_test_export_shard_output    (guint                 row,
                                                       const char           *label);
char                 *kdl_test_export_out_path        (const char           *name);
char                 *kdl_test_export_fresh_dir       (const char           *name);
char                 *kdl_test_read_file              (const char           *path);
GPtrArray            *kdl_test_read_lines             (const char           *path);
guint                 kdl_test_count_files            (const char           *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlTestExportProject, kdl_test_export_project_free)

G_END_DECLS
