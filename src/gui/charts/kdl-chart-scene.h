/* kdl-chart-scene.h — a chart laid out for one size: shapes and items
 *
 * A chart builds a scene from its data for a width and a height; the
 * widget draws it through GtkSnapshot (bars as colour nodes, text as
 * layout nodes) and the exports draw the very same scene with cairo, so
 * what is exported is what is shown.  Items are the things a user can
 * point at (a bucket, a part, a run): hover, focus and clicks find them
 * here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kdl-chart-data.h"
#include "kdl-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  KDL_CHART_SHAPE_RECT,
  KDL_CHART_SHAPE_LINE,
  KDL_CHART_SHAPE_TEXT,
  KDL_CHART_SHAPE_SECTOR,
  KDL_CHART_SHAPE_DIAMOND,
} KdlChartShapeKind;

typedef enum
{
  KDL_CHART_FONT_NORMAL,
  KDL_CHART_FONT_SMALL,
  KDL_CHART_FONT_LARGE,
} KdlChartFont;

typedef struct
{
  KdlChartShapeKind  kind;
  KdlChartInk        ink;
  int                item;        /* the item it belongs to, or -1 */
  /* RECT, TEXT, DIAMOND: the box; LINE: from (x, y) to
   * (x + width, y + height); SECTOR: the ring's bounds */
  KdlChartRect       rect;
  double             line_width;  /* LINE */
  gboolean           dashed;      /* LINE */
  /* SECTOR: a piece of a ring, angles in radians clockwise from 12 o'clock */
  double             cx;
  double             cy;
  double             radius;
  double             inner_radius;
  double             angle_from;
  double             angle_to;
  PangoLayout       *layout;      /* TEXT */
} KdlChartShape;

#define KDL_TYPE_CHART_SCENE (kdl_chart_scene_get_type ())

typedef struct _KdlChartScene KdlChartScene;

GType                kdl_chart_scene_get_type      (void) G_GNUC_CONST;
KdlChartScene       *kdl_chart_scene_new           (PangoContext        *context,
                                                    double               width,
                                                    double               height);
KdlChartScene       *kdl_chart_scene_ref           (KdlChartScene       *self);
void                 kdl_chart_scene_unref         (KdlChartScene       *self);
double               kdl_chart_scene_get_width     (KdlChartScene       *self);
double               kdl_chart_scene_get_height    (KdlChartScene       *self);
void                 kdl_chart_scene_measure_text  (KdlChartScene       *self,
                                                    KdlChartFont         font,
                                                    const char          *text,
                                                    double              *width,
                                                    double              *height);
void                 kdl_chart_scene_add_rect      (KdlChartScene       *self,
                                                    KdlChartInk          ink,
                                                    int                  item,
                                                    const KdlChartRect  *rect);
void                 kdl_chart_scene_add_line      (KdlChartScene       *self,
                                                    KdlChartInk          ink,
                                                    double               x1,
                                                    double               y1,
                                                    double               x2,
                                                    double               y2,
                                                    double               line_width,
                                                    gboolean             dashed);
KdlChartRect         kdl_chart_scene_add_text      (KdlChartScene       *self,
                                                    KdlChartInk          ink,
                                                    KdlChartFont         font,
                                                    const char          *text,
                                                    double               x,
                                                    double               y,
                                                    double               xalign,
                                                    double               yalign,
                                                    double               max_width);
void                 kdl_chart_scene_add_sector    (KdlChartScene       *self,
                                                    KdlChartInk          ink,
                                                    int                  item,
                                                    double               cx,
                                                    double               cy,
                                                    double               radius,
                                                    double               inner_radius,
                                                    double               angle_from,
                                                    double               angle_to);
void                 kdl_chart_scene_add_diamond   (KdlChartScene       *self,
                                                    KdlChartInk          ink,
                                                    int                  item,
                                                    double               cx,
                                                    double               cy,
                                                    double               size);
void                 kdl_chart_scene_set_plot      (KdlChartScene       *self,
                                                    const KdlChartRect  *area,
                                                    double               value_max);
gboolean             kdl_chart_scene_get_plot      (KdlChartScene       *self,
                                                    KdlChartRect        *area,
                                                    double              *value_max);
guint                kdl_chart_scene_add_item      (KdlChartScene       *self,
                                                    const KdlChartRect  *rect);
void                 kdl_chart_scene_set_item_ring (KdlChartScene       *self,
                                                    guint                item,
                                                    double               cx,
                                                    double               cy,
                                                    double               radius,
                                                    double               inner_radius,
                                                    double               angle_from,
                                                    double               angle_to);
guint                kdl_chart_scene_get_n_items   (KdlChartScene       *self);
const KdlChartRect  *kdl_chart_scene_get_item_rect (KdlChartScene       *self,
                                                    guint                item);
int                  kdl_chart_scene_item_at       (KdlChartScene       *self,
                                                    double               x,
                                                    double               y);
guint                kdl_chart_scene_get_n_shapes  (KdlChartScene       *self);
const KdlChartShape *kdl_chart_scene_get_shape     (KdlChartScene       *self,
                                                    guint                index);
void                 kdl_chart_scene_render        (KdlChartScene       *self,
                                                    cairo_t             *cr,
                                                    const KdlChartStyle *style);
void                 kdl_chart_scene_snapshot      (KdlChartScene       *self,
                                                    GtkSnapshot         *snapshot,
                                                    const KdlChartStyle *style);
void                 kdl_chart_scene_snapshot_highlight (KdlChartScene       *self,
                                                         GtkSnapshot         *snapshot,
                                                         const KdlChartStyle *style,
                                                         guint                item,
                                                         gboolean             focus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlChartScene, kdl_chart_scene_unref)

G_END_DECLS
