/* test-chart-export.c — charts as PNG and SVG: the pixels and the
 * elements are where the layout put the bars
 *
 * Needs a display: build-aux/dev test test-chart-export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "kdl-chart-export.h"
#include "kdl-parts-chart.h"
#include "kdl-test-charts.h"

static void
test_export_png (void)
{
  GtkWidget *chart = chart_test_histogram (7);
  g_autofree char *dir = g_dir_make_tmp ("kdl-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scores.png", NULL);
  g_autoptr(KdlChartScene) scene = kdl_chart_create_scene (KDL_CHART (chart), 640, 360);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  KdlChartStyle style;
  GdkRGBA seen;
  int x, y;

  kdl_chart_get_style (KDL_CHART (chart), &style);
  g_assert_true (kdl_chart_export_png (KDL_CHART (chart), path, 640, 360, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);

  /* Bars in the bar colour where the layout put them, the unparsed bar
   * in its own, background around. */
  for (guint i = 1; i < N_BUCKETS; i++)
    {
      const KdlChartShape *bar = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, i);

      chart_test_centre_of (&bar->rect, &x, &y);
      chart_test_pixel_at (image, x, y, &seen);
      chart_test_assert_color (&seen, &style.inks[KDL_CHART_INK_BAR]);
    }
  chart_test_centre_of (&chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_UNPARSED, N_BUCKETS)->rect, &x, &y);
  chart_test_pixel_at (image, x, y, &seen);
  chart_test_assert_color (&seen, &style.inks[KDL_CHART_INK_UNPARSED]);
  chart_test_pixel_at (image, 1, 1, &seen);
  chart_test_assert_color (&seen, &style.inks[KDL_CHART_INK_BACKGROUND]);
  /* Above the short first bar: background, not bar. */
  {
    const KdlChartShape *bar = chart_test_find_shape (scene, KDL_CHART_SHAPE_RECT, KDL_CHART_INK_BAR, 1);

    chart_test_pixel_at (image, bar->rect.x + bar->rect.width / 2, bar->rect.y - 8, &seen);
    g_assert_false (fabs (seen.blue - style.inks[KDL_CHART_INK_BAR].blue) < 0.02 &&
                    fabs (seen.red - style.inks[KDL_CHART_INK_BAR].red) < 0.02);
  }

  /* Text readable on the background, though the chart is in no window:
   * the axis title has dark pixels. */
  g_assert_cmpfloat (chart_test_luminance (&style.inks[KDL_CHART_INK_TEXT]), <, 0.3);
  {
    const KdlChartShape *title = chart_test_find_text (scene, "Score (out of 44)");
    double darkest = 1;

    for (int ty = title->rect.y; ty < title->rect.y + title->rect.height; ty++)
      for (int tx = title->rect.x; tx < title->rect.x + title->rect.width; tx++)
        {
          chart_test_pixel_at (image, tx, ty, &seen);
          darkest = MIN (darkest, chart_test_luminance (&seen));
        }
    g_assert_cmpfloat (darkest, <, 0.5);
  }
  cairo_surface_destroy (image);

  /* Without a size: the chart's own (natural, as it is not shown). */
  {
    g_autoptr(GBytes) bytes = kdl_chart_render (KDL_CHART (chart), KDL_CHART_FORMAT_PNG, 0, 0, &error);
    const guint8 *png;

    g_assert_no_error (error);
    png = g_bytes_get_data (bytes, NULL);
    g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
    /* IHDR: width and height, big-endian, at 16. */
    g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (png + 16)), ==, 360);
    g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (png + 20)), ==, 220);
  }

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (chart);
}

/* "rgb(20.784314%,51.764706%,89.411765%)" or "rgb(53,132,228)". */
static gboolean
parse_svg_rgb (const char *text,
               GdkRGBA    *rgba)
{
  double c[3];
  const char *p;
  char *end;

  p = strstr (text, "rgb(");
  if (p == NULL)
    return FALSE;
  p += 4;

  for (guint i = 0; i < 3; i++)
    {
      c[i] = g_ascii_strtod (p, &end);
      if (end == p)
        return FALSE;
      p = end;
      if (*p == '%')
        {
          c[i] = c[i] / 100;
          p++;
        }
      else
        {
          c[i] = c[i] / 255;
        }
      if (*p == ',')
        p++;
    }

  rgba->red = c[0];
  rgba->green = c[1];
  rgba->blue = c[2];
  return TRUE;
}

static gboolean
same_color (const GdkRGBA *a,
            const GdkRGBA *b)
{
  return fabs (a->red - b->red) < 0.01 && fabs (a->green - b->green) < 0.01 &&
         fabs (a->blue - b->blue) < 0.01 && fabs (a->alpha - b->alpha) < 0.01;
}

/* Filled paths of @color outside <defs> (glyph outlines live there). */
static guint
count_filled (xmlNode       *node,
              const GdkRGBA *color)
{
  guint count = 0;

  for (; node != NULL; node = node->next)
    {
      xmlChar *style;
      GdkRGBA fill = { 0, 0, 0, 1 };

      if (node->type != XML_ELEMENT_NODE || xmlStrEqual (node->name, BAD_CAST "defs"))
        continue;

      if (xmlStrEqual (node->name, BAD_CAST "path") || xmlStrEqual (node->name, BAD_CAST "rect"))
        {
          style = xmlGetProp (node, BAD_CAST "style");
          if (style == NULL)
            style = xmlGetProp (node, BAD_CAST "fill");
          if (style != NULL)
            {
              const char *f = strstr ((const char *) style, "fill:");
              const char *opacity = strstr ((const char *) style, "fill-opacity:");

              if (opacity != NULL)
                fill.alpha = g_ascii_strtod (opacity + strlen ("fill-opacity:"), NULL);
              if (parse_svg_rgb (f ? f : (const char *) style, &fill) && same_color (&fill, color))
                count++;
              xmlFree (style);
            }
        }

      count += count_filled (node->children, color);
    }

  return count;
}

static void
test_export_svg (void)
{
  GtkWidget *chart = chart_test_histogram (7);
  g_autofree char *dir = g_dir_make_tmp ("kdl-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scores.svg", NULL);
  g_autoptr(GError) error = NULL;
  KdlChartStyle style;
  xmlDoc *doc;
  xmlNode *root;
  xmlChar *width, *height;

  kdl_chart_get_style (KDL_CHART (chart), &style);
  g_assert_true (kdl_chart_export_svg (KDL_CHART (chart), path, 640, 360, &error));
  g_assert_no_error (error);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  width = xmlGetProp (root, BAD_CAST "width");
  height = xmlGetProp (root, BAD_CAST "height");
  g_assert_cmpfloat (g_ascii_strtod ((const char *) width, NULL), ==, 640);
  g_assert_cmpfloat (g_ascii_strtod ((const char *) height, NULL), ==, 360);
  xmlFree (width);
  xmlFree (height);

  /* Ten bars (the count-0 bucket draws none), one unparsed bar. */
  g_assert_cmpuint (count_filled (root->children, &style.inks[KDL_CHART_INK_BAR]), ==, N_BUCKETS - 1);
  g_assert_cmpuint (count_filled (root->children, &style.inks[KDL_CHART_INK_UNPARSED]), ==, 1);
  xmlFreeDoc (doc);

  /* The threshold mutes five of them: still the same drawing code. */
  kdl_histogram_set_threshold (KDL_HISTOGRAM (chart), 20);
  kdl_histogram_set_show_threshold (KDL_HISTOGRAM (chart), TRUE);
  g_assert_true (kdl_chart_export_svg (KDL_CHART (chart), path, 640, 360, &error));
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpuint (count_filled (xmlDocGetRootElement (doc)->children, &style.inks[KDL_CHART_INK_BAR]), ==, 6);
  g_assert_cmpuint (count_filled (xmlDocGetRootElement (doc)->children, &style.inks[KDL_CHART_INK_BAR_MUTED]), ==, 4);
  xmlFreeDoc (doc);

  if (g_getenv ("KDL_KEEP_EXPORTS") == NULL)
    g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (chart);
}

static void
test_export_errors (void)
{
  GtkWidget *chart = chart_test_histogram (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/x/y/Chart.SVG");
  KdlChartFormat format;

  g_assert_false (kdl_chart_export_png (KDL_CHART (chart), "/nonexistent-kdl-dir/a.png", 100, 100, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-kdl-dir/a.png"));
  g_assert_false (g_file_test ("/nonexistent-kdl-dir", G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (kdl_chart_export_svg (KDL_CHART (chart), "/tmp/never.svg", 20000, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (kdl_chart_format_for_file (file, &format));
  g_assert_cmpint (format, ==, KDL_CHART_FORMAT_SVG);
  g_clear_object (&file);
  file = g_file_new_for_path ("/x/chart.jpeg");
  g_assert_false (kdl_chart_format_for_file (file, &format));

  g_assert_finalize_object (chart);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (kdl_chart_export_finish (KDL_CHART (object), result, error) && *error != NULL);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
test_export_async (void)
{
  g_autoptr(KdlPartsData) data = kdl_parts_data_new ();
  GtkWidget *chart = g_object_ref_sink (kdl_parts_chart_new ());
  g_autofree char *dir = g_dir_make_tmp ("kdl-charts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "parts.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  kdl_parts_data_add (data, "a", 1, 2);
  kdl_parts_chart_set_data (KDL_PARTS_CHART (chart), data);

  kdl_chart_export_async (KDL_CHART (chart), file, KDL_CHART_FORMAT_PNG, 300, 120, NULL, on_exported, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 300);
  cairo_surface_destroy (image);

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (chart);
}

int
main (int   argc,
      char *argv[])
{
  if (!chart_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/charts/export/png", test_export_png);
  g_test_add_func ("/charts/export/svg", test_export_svg);
  g_test_add_func ("/charts/export/errors", test_export_errors);
  g_test_add_func ("/charts/export/async", test_export_async);

  return g_test_run ();
}
