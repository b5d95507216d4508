/* kdl-test-util.h — shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-dataset.h"
#include "kdl-spark-sim.h"

G_BEGIN_DECLS

guint32      kdl_test_seed          (guint32      fallback);
KdlSparkSim *kdl_test_sim_new       (void);
void         kdl_test_wait_until    (gboolean   (*predicate) (gpointer),
                                     gpointer     data,
                                     guint        timeout_ms);
void         kdl_test_spin          (guint        ms);
char        *kdl_test_sample_path   (const char  *name);
gboolean     kdl_test_set_locale    (const char  *locale);
GSubprocess *kdl_test_spawn_sim     (const char * const *extra_args,
                                     char       **base_url);
int          kdl_test_run_cli       (const char * const *args,
                                     const char * const *env,
                                     const char  *input,
                                     char       **out,
                                     char       **err);
char        *kdl_test_write_file    (const char  *name,
                                     const char  *contents,
                                     gssize       len);
KdlDataset  *kdl_test_load          (const char  *path,
                                     const KdlImportOptions *options);
KdlDataset  *kdl_test_load_text     (const char  *name,
                                     const char  *contents,
                                     gssize       len);
guint        kdl_test_count_issues  (GArray      *issues,
                                     const char  *code);
void         kdl_test_assert_issue  (GArray      *issues,
                                     guint        i,
                                     guint        row,
                                     guint        line,
                                     const char  *code);
void         kdl_test_require_session (const char *what);
char        *kdl_test_make_large    (const char  *dir,
                                     const char  *format,
                                     guint        rows);

G_END_DECLS
