/* kdl-chart.h — what every chart widget shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kdl-chart-scene.h"
#include "kdl-chart-style.h"

G_BEGIN_DECLS

#define KDL_TYPE_CHART (kdl_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (KdlChart, kdl_chart, KDL, CHART, GtkWidget)

/**
 * KdlChartClass:
 * @build_scene: lays the data out into @scene (its size is the scene's);
 *   adds one item per thing a user can point at, numbered as
 *   @get_n_items counts them
 * @get_n_items: how many items the data has (independent of any size)
 * @describe: one sentence for the accessible label: what the chart shows
 * @describe_item: the exact values of one item (tooltip, accessible
 *   description of the focused item)
 * @item_activated: the class handler of #KdlChart::item-activated
 */
struct _KdlChartClass
{
  GtkWidgetClass parent_class;

  void   (*build_scene)    (KdlChart      *self,
                            KdlChartScene *scene);
  guint  (*get_n_items)    (KdlChart      *self);
  char  *(*describe)       (KdlChart      *self);
  char  *(*describe_item)  (KdlChart      *self,
                            guint          item);
  void   (*item_activated) (KdlChart      *self,
                            guint          item);

  /*< private >*/
  gpointer padding[8];
};

KdlChartScene *kdl_chart_get_scene      (KdlChart      *self);
KdlChartScene *kdl_chart_create_scene   (KdlChart      *self,
                                         double         width,
                                         double         height);
void           kdl_chart_get_style      (KdlChart      *self,
                                         KdlChartStyle *style);
guint          kdl_chart_get_n_items    (KdlChart      *self);
int            kdl_chart_get_item_at    (KdlChart      *self,
                                         double         x,
                                         double         y);
char          *kdl_chart_dup_item_text  (KdlChart      *self,
                                         guint          item);
const char    *kdl_chart_get_summary    (KdlChart      *self);
int            kdl_chart_get_focus_item (KdlChart      *self);
void           kdl_chart_set_focus_item (KdlChart      *self,
                                         int            item);
int            kdl_chart_get_hover_item (KdlChart      *self);
void           kdl_chart_activate_item  (KdlChart      *self,
                                         guint          item);
void           kdl_chart_invalidate     (KdlChart      *self);
gboolean       kdl_chart_replace_data   (KdlChart      *self,
                                         gpointer      *slot,
                                         GType          boxed_type,
                                         gpointer       data);

G_END_DECLS
