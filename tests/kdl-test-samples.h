/* kdl-test-samples.h — the shared sample rows as template variables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *kdl_test_samples_finetune (void);
GPtrArray *kdl_test_samples_zh_csv   (void);

G_END_DECLS
