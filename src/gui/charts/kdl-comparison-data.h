/* kdl-comparison-data.h — several runs' score summaries side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-histogram-data.h"

G_BEGIN_DECLS

/* NAN where a figure is unknown (a run without scores has all NAN). */
typedef struct
{
  char   *label;
  guint   n;
  double  mean;
  double  median;
  double  q1;
  double  q3;
  double  min;
  double  max;
} KdlRunSummary;

/* Where one run's box plot goes; y values are NAN for unknown figures. */
typedef struct
{
  KdlChartRect column;   /* the run's whole slot: hover and focus */
  KdlChartRect box;      /* first to third quartile */
  double       x;        /* the centre line */
  double       whisker;  /* half the width of the min and max ticks */
  double       y_min;
  double       y_max;
  double       y_median;
  double       y_mean;
} KdlBoxGeometry;

#define KDL_TYPE_COMPARISON_DATA (kdl_comparison_data_get_type ())

typedef struct _KdlComparisonData KdlComparisonData;

GType                kdl_comparison_data_get_type      (void) G_GNUC_CONST;
KdlComparisonData   *kdl_comparison_data_new           (double              score_max);
KdlComparisonData   *kdl_comparison_data_ref           (KdlComparisonData  *self);
void                 kdl_comparison_data_unref         (KdlComparisonData  *self);
void                 kdl_comparison_data_add           (KdlComparisonData  *self,
                                                        const KdlRunSummary *summary);
void                 kdl_comparison_data_add_histogram (KdlComparisonData  *self,
                                                        const char          *label,
                                                        KdlHistogramData    *histogram,
                                                        double               mean,
                                                        double               median);
guint                kdl_comparison_data_get_n_runs    (KdlComparisonData  *self);
const KdlRunSummary *kdl_comparison_data_get_run       (KdlComparisonData  *self,
                                                        guint               index);
double               kdl_comparison_data_get_value_max (KdlComparisonData  *self);
double               kdl_comparison_data_value_to_y    (KdlComparisonData  *self,
                                                        const KdlChartRect *area,
                                                        double              value);
void                 kdl_comparison_data_layout        (KdlComparisonData  *self,
                                                        const KdlChartRect *area,
                                                        double              max_box_width,
                                                        KdlBoxGeometry     *boxes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlComparisonData, kdl_comparison_data_unref)

G_END_DECLS
