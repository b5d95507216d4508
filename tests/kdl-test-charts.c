/* kdl-test-charts.c — shared by the chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-test-charts.h"

static void
test_no_display (void)
{
  g_test_skip ("No display: run it with build-aux/dev test");
}

/* Returns FALSE without a display, having added one test that says so. */
gboolean
chart_test_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/charts/needs-display", test_no_display);
      return FALSE;
    }

  adw_init ();
  return TRUE;
}

/* Eleven 4-point buckets over [0, 44] with counts 0, 3, 6, … 30. */
KdlHistogramData *
chart_test_histogram_data (guint unparsed)
{
  KdlHistogramData *data = kdl_histogram_data_new (44);

  for (guint k = 0; k < N_BUCKETS; k++)
    kdl_histogram_data_add_bucket (data, 4 * k, 4 * (k + 1), 3 * k);
  kdl_histogram_data_set_unparsed (data, unparsed);

  return data;
}

GtkWidget *
chart_test_histogram (guint unparsed)
{
  g_autoptr(KdlHistogramData) data = chart_test_histogram_data (unparsed);
  GtkWidget *chart = g_object_ref_sink (kdl_histogram_new ());

  kdl_histogram_set_data (KDL_HISTOGRAM (chart), data);
  return chart;
}

/* Shows @chart at @width × @height until it has drawn. */
GtkWidget *
chart_test_present (GtkWidget *chart,
                    int        width,
                    int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_widget_set_size_request (chart, width, height);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (chart);

  g_assert_cmpint (gtk_widget_get_width (chart), ==, width);
  g_assert_cmpint (gtk_widget_get_height (chart), ==, height);

  return window;
}

const KdlChartShape *
chart_test_find_shape (KdlChartScene     *scene,
                       KdlChartShapeKind  kind,
                       KdlChartInk        ink,
                       int                item)
{
  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == kind && shape->ink == ink && shape->item == item)
        return shape;
    }

  return NULL;
}

guint
chart_test_count_shapes (KdlChartScene     *scene,
                         KdlChartShapeKind  kind,
                         KdlChartInk        ink)
{
  guint count = 0;

  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == kind && shape->ink == ink)
        count++;
    }

  return count;
}

const KdlChartShape *
chart_test_find_text (KdlChartScene *scene,
                      const char    *text)
{
  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind == KDL_CHART_SHAPE_TEXT && g_str_equal (pango_layout_get_text (shape->layout), text))
        return shape;
    }

  return NULL;
}

void
chart_test_assert_rect (const KdlChartRect *a,
                        const KdlChartRect *b)
{
  g_assert_cmpfloat_with_epsilon (a->x, b->x, EPS);
  g_assert_cmpfloat_with_epsilon (a->y, b->y, EPS);
  g_assert_cmpfloat_with_epsilon (a->width, b->width, EPS);
  g_assert_cmpfloat_with_epsilon (a->height, b->height, EPS);
}

/* Every label inside the chart, none on top of another, no glyph missing
 * (a box instead of a Chinese character). */
void
chart_test_assert_texts_readable (KdlChartScene *scene)
{
  double width = kdl_chart_scene_get_width (scene);
  double height = kdl_chart_scene_get_height (scene);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < kdl_chart_scene_get_n_shapes (scene); i++)
    {
      const KdlChartShape *shape = kdl_chart_scene_get_shape (scene, i);

      if (shape->kind != KDL_CHART_SHAPE_TEXT)
        continue;

      g_assert_cmpfloat (shape->rect.x, >=, 0);
      g_assert_cmpfloat (shape->rect.y, >=, 0);
      g_assert_cmpfloat (shape->rect.x + shape->rect.width, <=, width);
      g_assert_cmpfloat (shape->rect.y + shape->rect.height, <=, height);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (shape->layout), ==, 0);

      for (guint j = 0; j < texts->len; j++)
        {
          const KdlChartShape *other = g_ptr_array_index (texts, j);
          graphene_rect_t a = GRAPHENE_RECT_INIT (shape->rect.x, shape->rect.y,
                                                  shape->rect.width, shape->rect.height);
          graphene_rect_t b = GRAPHENE_RECT_INIT (other->rect.x, other->rect.y,
                                                  other->rect.width, other->rect.height);
          graphene_rect_t overlap;

          if (graphene_rect_intersection (&a, &b, &overlap) &&
              overlap.size.width > 0.5 && overlap.size.height > 0.5)
            g_error ("“%s” overlaps “%s”",
                     pango_layout_get_text (shape->layout), pango_layout_get_text (other->layout));
        }
      g_ptr_array_add (texts, (gpointer) shape);
    }

  g_assert_cmpuint (texts->len, >, 0);
}

void
chart_test_count_notify (GObject    *object,
                         GParamSpec *pspec,
                         guint      *count)
{
  (*count)++;
}

double
chart_test_luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* The colour of one pixel of a PNG loaded with cairo (opaque). */
void
chart_test_pixel_at (cairo_surface_t *image,
                     int              x,
                     int              y,
                     GdkRGBA         *rgba)
{
  guint32 pixel;

  cairo_surface_flush (image);
  pixel = *(guint32 *) (cairo_image_surface_get_data (image) +
                        y * cairo_image_surface_get_stride (image) + 4 * x);
  rgba->alpha = ((pixel >> 24) & 0xff) / 255.0;
  rgba->red = ((pixel >> 16) & 0xff) / 255.0;
  rgba->green = ((pixel >> 8) & 0xff) / 255.0;
  rgba->blue = (pixel & 0xff) / 255.0;
}

void
chart_test_assert_color (const GdkRGBA *seen,
                         const GdkRGBA *expected)
{
  g_assert_cmpfloat (fabs (seen->red - expected->red), <=, 2 / 255.0);
  g_assert_cmpfloat (fabs (seen->green - expected->green), <=, 2 / 255.0);
  g_assert_cmpfloat (fabs (seen->blue - expected->blue), <=, 2 / 255.0);
  g_assert_cmpfloat (seen->alpha, ==, 1);
}

void
chart_test_centre_of (const KdlChartRect *r,
                      int                *x,
                      int                *y)
{
  *x = (int) (r->x + r->width / 2);
  *y = (int) (r->y + r->height / 2);
}
