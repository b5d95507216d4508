/* kdl-pass-rate.h — the structure check's pass rate as a ring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart.h"

G_BEGIN_DECLS

#define KDL_TYPE_PASS_RATE (kdl_pass_rate_get_type ())

G_DECLARE_FINAL_TYPE (KdlPassRate, kdl_pass_rate, KDL, PASS_RATE, KdlChart)

GtkWidget *kdl_pass_rate_new          (void);
guint      kdl_pass_rate_get_passed   (KdlPassRate *self);
guint      kdl_pass_rate_get_total    (KdlPassRate *self);
void       kdl_pass_rate_set_counts   (KdlPassRate *self,
                                       guint        passed,
                                       guint        total);
double     kdl_pass_rate_get_fraction (KdlPassRate *self);
char      *kdl_pass_rate_format_percent (guint      passed,
                                         guint      total);

G_END_DECLS
