/* kdl-token-chart.h — prompt and completion tokens as stacked bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart.h"
#include "kdl-token-data.h"

G_BEGIN_DECLS

#define KDL_TYPE_TOKEN_CHART (kdl_token_chart_get_type ())

G_DECLARE_FINAL_TYPE (KdlTokenChart, kdl_token_chart, KDL, TOKEN_CHART, KdlChart)

GtkWidget    *kdl_token_chart_new      (void);
KdlTokenData *kdl_token_chart_get_data (KdlTokenChart *self);
void          kdl_token_chart_set_data (KdlTokenChart *self,
                                        KdlTokenData  *data);

G_END_DECLS
