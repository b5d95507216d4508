/* kdl-test-util.h — shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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
void         kdl_test_require_session (const char *what);

G_END_DECLS
