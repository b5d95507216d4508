/* kdl-parts-data.h — a rubric's parts: each part's mean and maximum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-chart-data.h"

G_BEGIN_DECLS

#define KDL_TYPE_PARTS_DATA (kdl_parts_data_get_type ())

typedef struct _KdlPartsData KdlPartsData;

GType         kdl_parts_data_get_type      (void) G_GNUC_CONST;
KdlPartsData *kdl_parts_data_new           (void);
KdlPartsData *kdl_parts_data_ref           (KdlPartsData       *self);
void          kdl_parts_data_unref         (KdlPartsData       *self);
void          kdl_parts_data_add           (KdlPartsData       *self,
                                            const char         *name,
                                            double              mean,
                                            double              max);
guint         kdl_parts_data_get_n_parts   (KdlPartsData       *self);
const char   *kdl_parts_data_get_name      (KdlPartsData       *self,
                                            guint               index);
double        kdl_parts_data_get_mean      (KdlPartsData       *self,
                                            guint               index);
double        kdl_parts_data_get_max       (KdlPartsData       *self,
                                            guint               index);
double        kdl_parts_data_get_scale_max (KdlPartsData       *self);
void          kdl_parts_data_layout        (KdlPartsData       *self,
                                            const KdlChartRect *area,
                                            double              max_thickness,
                                            KdlChartRect       *tracks,
                                            KdlChartRect       *bars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlPartsData, kdl_parts_data_unref)

G_END_DECLS
