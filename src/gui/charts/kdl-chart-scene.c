/* kdl-chart-scene.c — a chart laid out for one size: shapes and items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-chart-scene.h"

typedef struct
{
  KdlChartRect rect;
  gboolean     ring;     /* hit by angle and radius instead of rect */
  double       cx;
  double       cy;
  double       radius;
  double       inner_radius;
  double       angle_from;
  double       angle_to;
} Item;

struct _KdlChartScene
{
  gatomicrefcount       ref_count;
  PangoContext         *context;
  PangoFontDescription *fonts[3];
  double                width;
  double                height;
  GArray               *shapes;  /* of KdlChartShape */
  GArray               *items;   /* of Item */
  gboolean              has_plot;
  KdlChartRect          plot;
  double                value_max;
};

G_DEFINE_BOXED_TYPE (KdlChartScene, kdl_chart_scene, kdl_chart_scene_ref, kdl_chart_scene_unref)

static void
shape_clear (gpointer data)
{
  KdlChartShape *shape = data;

  g_clear_object (&shape->layout);
}

static PangoFontDescription *
scaled_font (const PangoFontDescription *base,
             double                      scale,
             PangoWeight                 weight)
{
  PangoFontDescription *font = pango_font_description_copy (base);
  int size = pango_font_description_get_size (base);

  if (size <= 0)
    size = 10 * PANGO_SCALE;

  if (pango_font_description_get_size_is_absolute (base))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) (size * scale));
  pango_font_description_set_weight (font, weight);

  return font;
}

/**
 * kdl_chart_scene_new:
 * @context: the Pango context text is laid out with (the widget's, so
 *   fonts, language and scale match what is shown)
 */
KdlChartScene *
kdl_chart_scene_new (PangoContext *context,
                     double        width,
                     double        height)
{
  KdlChartScene *self;
  const PangoFontDescription *base;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (KdlChartScene, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->context = g_object_ref (context);
  self->width = MAX (width, 0);
  self->height = MAX (height, 0);
  self->shapes = g_array_new (FALSE, TRUE, sizeof (KdlChartShape));
  g_array_set_clear_func (self->shapes, shape_clear);
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));

  base = pango_context_get_font_description (context);
  self->fonts[KDL_CHART_FONT_NORMAL] = scaled_font (base, 1.0, PANGO_WEIGHT_NORMAL);
  self->fonts[KDL_CHART_FONT_SMALL] = scaled_font (base, 0.85, PANGO_WEIGHT_NORMAL);
  self->fonts[KDL_CHART_FONT_LARGE] = scaled_font (base, 2.0, PANGO_WEIGHT_BOLD);

  return self;
}

KdlChartScene *
kdl_chart_scene_ref (KdlChartScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kdl_chart_scene_unref (KdlChartScene *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
        pango_font_description_free (self->fonts[i]);
      g_array_unref (self->shapes);
      g_array_unref (self->items);
      g_object_unref (self->context);
      g_free (self);
    }
}

double
kdl_chart_scene_get_width (KdlChartScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

double
kdl_chart_scene_get_height (KdlChartScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->height;
}

static PangoLayout *
create_layout (KdlChartScene *self,
               KdlChartFont   font,
               const char    *text)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

void
kdl_chart_scene_measure_text (KdlChartScene *self,
                              KdlChartFont   font,
                              const char    *text,
                              double        *width,
                              double        *height)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  layout = create_layout (self, font, text);
  pango_layout_get_pixel_size (layout, &w, &h);

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static KdlChartShape *
append_shape (KdlChartScene     *self,
              KdlChartShapeKind  kind,
              KdlChartInk        ink,
              int                item)
{
  KdlChartShape shape = { 0 };

  shape.kind = kind;
  shape.ink = ink;
  shape.item = item;
  g_array_append_val (self->shapes, shape);

  return &g_array_index (self->shapes, KdlChartShape, self->shapes->len - 1);
}

/**
 * kdl_chart_scene_add_rect:
 * @item: the item the rectangle draws, or -1
 *
 * Empty rectangles (a zero count) are left out.
 */
void
kdl_chart_scene_add_rect (KdlChartScene      *self,
                          KdlChartInk         ink,
                          int                 item,
                          const KdlChartRect *rect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);

  if (!(rect->width > 0 && rect->height > 0))
    return;

  append_shape (self, KDL_CHART_SHAPE_RECT, ink, item)->rect = *rect;
}

/**
 * kdl_chart_scene_add_line:
 *
 * Horizontal and vertical lines are moved by less than half a pixel so
 * they cover whole pixels and stay sharp.
 */
void
kdl_chart_scene_add_line (KdlChartScene *self,
                          KdlChartInk    ink,
                          double         x1,
                          double         y1,
                          double         x2,
                          double         y2,
                          double         line_width,
                          gboolean       dashed)
{
  KdlChartShape *shape;

  g_return_if_fail (self != NULL);

  if (x1 == x2)
    x1 = x2 = round (x1 - line_width / 2) + line_width / 2;
  else if (y1 == y2)
    y1 = y2 = round (y1 - line_width / 2) + line_width / 2;

  shape = append_shape (self, KDL_CHART_SHAPE_LINE, ink, -1);
  shape->rect = (KdlChartRect) { x1, y1, x2 - x1, y2 - y1 };
  shape->line_width = line_width;
  shape->dashed = dashed;
}

/**
 * kdl_chart_scene_add_text:
 * @x: where the text is anchored
 * @y: where the text is anchored
 * @xalign: which point of the text sits at @x: 0 its left, 1 its right
 * @yalign: which point of the text sits at @y: 0 its top, 1 its bottom
 * @max_width: longer text is ellipsized; 0 for no limit
 *
 * Returns: the box the text takes
 */
KdlChartRect
kdl_chart_scene_add_text (KdlChartScene *self,
                          KdlChartInk    ink,
                          KdlChartFont   font,
                          const char    *text,
                          double         x,
                          double         y,
                          double         xalign,
                          double         yalign,
                          double         max_width)
{
  KdlChartShape *shape;
  PangoLayout *layout;
  int w, h;

  g_return_val_if_fail (self != NULL, (KdlChartRect) { 0 });
  g_return_val_if_fail (text != NULL, (KdlChartRect) { 0 });

  layout = create_layout (self, font, text);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  pango_layout_get_pixel_size (layout, &w, &h);

  shape = append_shape (self, KDL_CHART_SHAPE_TEXT, ink, -1);
  shape->layout = layout;
  shape->rect = (KdlChartRect) { round (x - xalign * w), round (y - yalign * h), w, h };

  return shape->rect;
}

/**
 * kdl_chart_scene_add_sector:
 * @angle_from: radians clockwise from 12 o'clock
 * @angle_to: radians clockwise from 12 o'clock, more than @angle_from
 *
 * A piece of a ring (of a disc when @inner_radius is 0).
 */
void
kdl_chart_scene_add_sector (KdlChartScene *self,
                            KdlChartInk    ink,
                            int            item,
                            double         cx,
                            double         cy,
                            double         radius,
                            double         inner_radius,
                            double         angle_from,
                            double         angle_to)
{
  KdlChartShape *shape;

  g_return_if_fail (self != NULL);

  if (!(angle_to > angle_from) || !(radius > inner_radius))
    return;

  shape = append_shape (self, KDL_CHART_SHAPE_SECTOR, ink, item);
  shape->rect = (KdlChartRect) { cx - radius, cy - radius, 2 * radius, 2 * radius };
  shape->cx = cx;
  shape->cy = cy;
  shape->radius = radius;
  shape->inner_radius = MAX (inner_radius, 0);
  shape->angle_from = angle_from;
  shape->angle_to = angle_to;
}

void
kdl_chart_scene_add_diamond (KdlChartScene *self,
                             KdlChartInk    ink,
                             int            item,
                             double         cx,
                             double         cy,
                             double         size)
{
  g_return_if_fail (self != NULL);

  if (!isfinite (cx) || !isfinite (cy) || !(size > 0))
    return;

  append_shape (self, KDL_CHART_SHAPE_DIAMOND, ink, item)->rect =
    (KdlChartRect) { cx - size / 2, cy - size / 2, size, size };
}

/**
 * kdl_chart_scene_set_plot:
 * @area: where the data is drawn, without axes and labels
 * @value_max: the value at the far end of the value axis
 *
 * Recorded so the data's layout functions can be checked against what
 * the chart drew with the same area.
 */
void
kdl_chart_scene_set_plot (KdlChartScene      *self,
                          const KdlChartRect *area,
                          double              value_max)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (area != NULL);

  self->has_plot = TRUE;
  self->plot = *area;
  self->value_max = value_max;
}

/**
 * kdl_chart_scene_get_plot:
 * @area: (out) (optional): the plot area
 * @value_max: (out) (optional): the value at the far end of the value axis
 *
 * Returns: %FALSE when the chart drew no plot (no data)
 */
gboolean
kdl_chart_scene_get_plot (KdlChartScene *self,
                          KdlChartRect  *area,
                          double        *value_max)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (area != NULL)
    *area = self->plot;
  if (value_max != NULL)
    *value_max = self->value_max;

  return self->has_plot;
}

/**
 * kdl_chart_scene_add_item:
 * @rect: where pointing at the item finds it, and where its focus ring goes
 *
 * Items are numbered in the order they are added, from 0.
 *
 * Returns: the item's number
 */
guint
kdl_chart_scene_add_item (KdlChartScene      *self,
                          const KdlChartRect *rect)
{
  Item item = { 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (rect != NULL, 0);

  item.rect = *rect;
  g_array_append_val (self->items, item);

  return self->items->len - 1;
}

/**
 * kdl_chart_scene_set_item_ring:
 *
 * Makes @item found by pointing at a piece of a ring rather than at its
 * rectangle (which still places the focus ring).
 */
void
kdl_chart_scene_set_item_ring (KdlChartScene *self,
                               guint          item,
                               double         cx,
                               double         cy,
                               double         radius,
                               double         inner_radius,
                               double         angle_from,
                               double         angle_to)
{
  Item *it;

  g_return_if_fail (self != NULL);
  g_return_if_fail (item < self->items->len);

  it = &g_array_index (self->items, Item, item);
  it->ring = TRUE;
  it->cx = cx;
  it->cy = cy;
  it->radius = radius;
  it->inner_radius = inner_radius;
  it->angle_from = angle_from;
  it->angle_to = angle_to;
}

guint
kdl_chart_scene_get_n_items (KdlChartScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const KdlChartRect *
kdl_chart_scene_get_item_rect (KdlChartScene *self,
                               guint          item)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (item < self->items->len, NULL);

  return &g_array_index (self->items, Item, item).rect;
}

static gboolean
item_contains (const Item *item,
               double      x,
               double      y)
{
  double dx, dy, distance, angle;

  if (!item->ring)
    return kdl_chart_rect_contains (&item->rect, x, y);

  dx = x - item->cx;
  dy = y - item->cy;
  distance = hypot (dx, dy);
  if (distance < item->inner_radius || distance > item->radius)
    return FALSE;

  /* Clockwise from 12 o'clock, in [0, 2π). */
  angle = atan2 (dx, -dy);
  if (angle < 0)
    angle += 2 * G_PI;

  return angle >= item->angle_from && angle < item->angle_to;
}

/**
 * kdl_chart_scene_item_at:
 *
 * Returns: the item at (@x, @y), or -1
 */
int
kdl_chart_scene_item_at (KdlChartScene *self,
                         double         x,
                         double         y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->items->len; i++)
    if (item_contains (&g_array_index (self->items, Item, i), x, y))
      return i;

  return -1;
}

guint
kdl_chart_scene_get_n_shapes (KdlChartScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->shapes->len;
}

const KdlChartShape *
kdl_chart_scene_get_shape (KdlChartScene *self,
                           guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->shapes->len, NULL);

  return &g_array_index (self->shapes, KdlChartShape, index);
}

/* A straight line along an axis is a filled rectangle, in both paths. */
static gboolean
line_as_rect (const KdlChartShape *shape,
              KdlChartRect        *rect)
{
  const KdlChartRect *r = &shape->rect;
  double lw = shape->line_width;

  if (shape->dashed)
    return FALSE;

  if (r->width == 0)
    *rect = (KdlChartRect) { r->x - lw / 2, MIN (r->y, r->y + r->height), lw, fabs (r->height) };
  else if (r->height == 0)
    *rect = (KdlChartRect) { MIN (r->x, r->x + r->width), r->y - lw / 2, fabs (r->width), lw };
  else
    return FALSE;

  return TRUE;
}

static void
set_source (cairo_t             *cr,
            const KdlChartStyle *style,
            KdlChartInk          ink)
{
  gdk_cairo_set_source_rgba (cr, &style->inks[ink]);
}

/* Everything but text and rectangles, with cairo; shared by both paths. */
static void
render_path_shape (cairo_t             *cr,
                   const KdlChartShape *shape,
                   const KdlChartStyle *style)
{
  const KdlChartRect *r = &shape->rect;
  static const double dash[] = { 4, 3 };

  set_source (cr, style, shape->ink);

  switch (shape->kind)
    {
    case KDL_CHART_SHAPE_LINE:
      cairo_set_line_width (cr, shape->line_width);
      cairo_set_dash (cr, dash, shape->dashed ? G_N_ELEMENTS (dash) : 0, 0);
      cairo_move_to (cr, r->x, r->y);
      cairo_line_to (cr, r->x + r->width, r->y + r->height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case KDL_CHART_SHAPE_SECTOR:
      {
        double a0 = shape->angle_from - G_PI / 2;
        double a1 = shape->angle_to - G_PI / 2;

        cairo_new_sub_path (cr);
        cairo_arc (cr, shape->cx, shape->cy, shape->radius, a0, a1);
        if (shape->inner_radius > 0)
          cairo_arc_negative (cr, shape->cx, shape->cy, shape->inner_radius, a1, a0);
        else
          cairo_line_to (cr, shape->cx, shape->cy);
        cairo_close_path (cr);
        cairo_fill (cr);
      }
      break;

    case KDL_CHART_SHAPE_DIAMOND:
      cairo_move_to (cr, r->x + r->width / 2, r->y);
      cairo_line_to (cr, r->x + r->width, r->y + r->height / 2);
      cairo_line_to (cr, r->x + r->width / 2, r->y + r->height);
      cairo_line_to (cr, r->x, r->y + r->height / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case KDL_CHART_SHAPE_RECT:
    case KDL_CHART_SHAPE_TEXT:
    default:
      g_assert_not_reached ();
    }
}

/**
 * kdl_chart_scene_render:
 *
 * Draws the scene with cairo: the exports' path.
 */
void
kdl_chart_scene_render (KdlChartScene       *self,
                        cairo_t             *cr,
                        const KdlChartStyle *style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  for (guint i = 0; i < self->shapes->len; i++)
    {
      const KdlChartShape *shape = &g_array_index (self->shapes, KdlChartShape, i);
      KdlChartRect rect;

      cairo_save (cr);

      if (shape->kind == KDL_CHART_SHAPE_RECT ||
          (shape->kind == KDL_CHART_SHAPE_LINE && line_as_rect (shape, &rect)))
        {
          if (shape->kind == KDL_CHART_SHAPE_RECT)
            rect = shape->rect;
          set_source (cr, style, shape->ink);
          cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
          cairo_fill (cr);
        }
      else if (shape->kind == KDL_CHART_SHAPE_TEXT)
        {
          set_source (cr, style, shape->ink);
          cairo_move_to (cr, shape->rect.x, shape->rect.y);
          pango_cairo_show_layout (cr, shape->layout);
        }
      else
        {
          render_path_shape (cr, shape, style);
        }

      cairo_restore (cr);
    }
}

static graphene_rect_t
shape_bounds (const KdlChartShape *shape)
{
  const KdlChartRect *r = &shape->rect;
  double pad = shape->kind == KDL_CHART_SHAPE_LINE ? shape->line_width + 1 : 1;
  double x = MIN (r->x, r->x + r->width);
  double y = MIN (r->y, r->y + r->height);

  return GRAPHENE_RECT_INIT (floor (x - pad), floor (y - pad),
                             ceil (fabs (r->width) + 2 * pad + 1),
                             ceil (fabs (r->height) + 2 * pad + 1));
}

/**
 * kdl_chart_scene_snapshot:
 *
 * Draws the scene into a snapshot: rectangles (bars, axis lines) as
 * colour nodes, text as layout nodes, the rest (dashed lines, rings,
 * markers) through the cairo code the exports use, in the scene's order.
 */
void
kdl_chart_scene_snapshot (KdlChartScene       *self,
                          GtkSnapshot         *snapshot,
                          const KdlChartStyle *style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (style != NULL);

  for (guint i = 0; i < self->shapes->len; i++)
    {
      const KdlChartShape *shape = &g_array_index (self->shapes, KdlChartShape, i);
      KdlChartRect rect;

      if (shape->kind == KDL_CHART_SHAPE_RECT ||
          (shape->kind == KDL_CHART_SHAPE_LINE && line_as_rect (shape, &rect)))
        {
          if (shape->kind == KDL_CHART_SHAPE_RECT)
            rect = shape->rect;
          gtk_snapshot_append_color (snapshot, &style->inks[shape->ink],
                                     &GRAPHENE_RECT_INIT (rect.x, rect.y, rect.width, rect.height));
        }
      else if (shape->kind == KDL_CHART_SHAPE_TEXT)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (shape->rect.x, shape->rect.y));
          gtk_snapshot_append_layout (snapshot, shape->layout, &style->inks[shape->ink]);
          gtk_snapshot_restore (snapshot);
        }
      else
        {
          graphene_rect_t bounds = shape_bounds (shape);
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

          render_path_shape (cr, shape, style);
          cairo_destroy (cr);
        }
    }
}

/**
 * kdl_chart_scene_snapshot_highlight:
 * @focus: %TRUE for the keyboard focus (an outline), %FALSE for the
 *   pointer (a light tint)
 *
 * Marks @item on top of the drawn scene; never part of an export.
 */
void
kdl_chart_scene_snapshot_highlight (KdlChartScene       *self,
                                    GtkSnapshot         *snapshot,
                                    const KdlChartStyle *style,
                                    guint                item,
                                    gboolean             focus)
{
  const Item *it;

  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (style != NULL);

  if (item >= self->items->len)
    return;

  it = &g_array_index (self->items, Item, item);

  if (it->ring)
    {
      KdlChartShape ring = { 0 };
      graphene_rect_t bounds;
      cairo_t *cr;

      ring.kind = KDL_CHART_SHAPE_SECTOR;
      ring.rect = (KdlChartRect) { it->cx - it->radius, it->cy - it->radius, 2 * it->radius, 2 * it->radius };
      bounds = shape_bounds (&ring);
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_new_sub_path (cr);
      cairo_arc (cr, it->cx, it->cy, it->radius, it->angle_from - G_PI / 2, it->angle_to - G_PI / 2);
      cairo_arc_negative (cr, it->cx, it->cy, it->inner_radius, it->angle_to - G_PI / 2, it->angle_from - G_PI / 2);
      cairo_close_path (cr);
      if (focus)
        {
          gdk_cairo_set_source_rgba (cr, &style->inks[KDL_CHART_INK_FOCUS]);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &style->inks[KDL_CHART_INK_HOVER]);
          cairo_fill (cr);
        }
      cairo_destroy (cr);
    }
  else if (focus)
    {
      const GdkRGBA colors[4] = {
        style->inks[KDL_CHART_INK_FOCUS], style->inks[KDL_CHART_INK_FOCUS],
        style->inks[KDL_CHART_INK_FOCUS], style->inks[KDL_CHART_INK_FOCUS],
      };
      const float widths[4] = { 2, 2, 2, 2 };
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (it->rect.x + 1, it->rect.y + 1,
                                                            MAX (it->rect.width - 2, 0),
                                                            MAX (it->rect.height - 2, 0)),
                                       4);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
  else
    {
      gtk_snapshot_append_color (snapshot, &style->inks[KDL_CHART_INK_HOVER],
                                 &GRAPHENE_RECT_INIT (it->rect.x, it->rect.y,
                                                      it->rect.width, it->rect.height));
    }
}
