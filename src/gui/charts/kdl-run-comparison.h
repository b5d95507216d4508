/* kdl-run-comparison.h — runs' scores side by side as box plots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart.h"
#include "kdl-comparison-data.h"

G_BEGIN_DECLS

#define KDL_TYPE_RUN_COMPARISON (kdl_run_comparison_get_type ())

G_DECLARE_FINAL_TYPE (KdlRunComparison, kdl_run_comparison, KDL, RUN_COMPARISON, KdlChart)

GtkWidget         *kdl_run_comparison_new      (void);
KdlComparisonData *kdl_run_comparison_get_data (KdlRunComparison  *self);
void               kdl_run_comparison_set_data (KdlRunComparison  *self,
                                                KdlComparisonData *data);

G_END_DECLS
