/* kdl-parts-chart.h — a rubric's parts as horizontal bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart.h"
#include "kdl-parts-data.h"

G_BEGIN_DECLS

#define KDL_TYPE_PARTS_CHART (kdl_parts_chart_get_type ())

G_DECLARE_FINAL_TYPE (KdlPartsChart, kdl_parts_chart, KDL, PARTS_CHART, KdlChart)

GtkWidget    *kdl_parts_chart_new      (void);
KdlPartsData *kdl_parts_chart_get_data (KdlPartsChart *self);
void          kdl_parts_chart_set_data (KdlPartsChart *self,
                                        KdlPartsData  *data);

G_END_DECLS
