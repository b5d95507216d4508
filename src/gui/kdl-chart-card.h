/* kdl-chart-card.h — a chart with its title and an export menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-chart-export.h"

G_BEGIN_DECLS

#define KDL_TYPE_CHART_CARD (kdl_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (KdlChartCard, kdl_chart_card, KDL, CHART_CARD, AdwBin)

GtkWidget  *kdl_chart_card_new            (void);
const char *kdl_chart_card_get_title      (KdlChartCard        *self);
void        kdl_chart_card_set_title      (KdlChartCard        *self,
                                           const char          *title);
KdlChart   *kdl_chart_card_get_chart      (KdlChartCard        *self);
void        kdl_chart_card_set_chart      (KdlChartCard        *self,
                                           KdlChart            *chart);
GtkWidget  *kdl_chart_card_get_footer     (KdlChartCard        *self);
void        kdl_chart_card_set_footer     (KdlChartCard        *self,
                                           GtkWidget           *footer);
GtkWidget  *kdl_chart_card_get_extra      (KdlChartCard        *self);
void        kdl_chart_card_set_extra      (KdlChartCard        *self,
                                           GtkWidget           *extra);
const char *kdl_chart_card_get_file_name  (KdlChartCard        *self);
void        kdl_chart_card_set_file_name  (KdlChartCard        *self,
                                           const char          *file_name);
void        kdl_chart_card_export_async   (KdlChartCard        *self,
                                           GFile               *file,
                                           KdlChartFormat       format,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    kdl_chart_card_export_finish  (KdlChartCard        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
