/* kdl-chart-export.c — charts as PNG and SVG files
 *
 * An export lays the chart out again for the requested size and draws
 * that scene with cairo — the same shapes the widget shows, in the same
 * colours, on the theme's background (so a dark-mode export stays
 * readable).  Files are written whole to a temporary file and renamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "kdl-chart-export.h"

/* Larger images are a mistake, and cairo would fail on them anyway. */
#define MAX_SIZE 16384

/**
 * kdl_chart_format_for_file:
 * @format: (out): the format the file name asks for
 *
 * Returns: %TRUE for a name ending in .png or .svg (any case)
 */
gboolean
kdl_chart_format_for_file (GFile          *file,
                           KdlChartFormat *format)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  name = g_file_get_basename (file);
  lower = g_utf8_strdown (name ? name : "", -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = KDL_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = KDL_CHART_FORMAT_SVG;
  else
    return FALSE;

  return TRUE;
}

/* Without a size: the chart's size on screen, or its natural size. */
static void
resolve_size (KdlChart *chart,
              int      *width,
              int      *height)
{
  GtkWidget *widget = GTK_WIDGET (chart);

  if (*width <= 0)
    {
      *width = gtk_widget_get_width (widget);
      if (*width <= 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, width, NULL, NULL);
    }
  if (*height <= 0)
    {
      *height = gtk_widget_get_height (widget);
      if (*height <= 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, *width, NULL, height, NULL, NULL);
    }
}

/**
 * kdl_chart_draw:
 *
 * Draws @chart laid out for @width × @height onto @cr, background
 * included: what the exports write.
 */
void
kdl_chart_draw (KdlChart *chart,
                cairo_t  *cr,
                int       width,
                int       height)
{
  g_autoptr(KdlChartScene) scene = NULL;
  KdlChartStyle style;

  g_return_if_fail (KDL_IS_CHART (chart));
  g_return_if_fail (cr != NULL);

  kdl_chart_get_style (chart, &style);
  scene = kdl_chart_create_scene (chart, width, height);

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &style.inks[KDL_CHART_INK_BACKGROUND]);
  cairo_paint (cr);
  kdl_chart_scene_render (scene, cr, &style);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not draw the chart (%s). Try a smaller size."),
               cairo_status_to_string (status));
  return FALSE;
}

/**
 * kdl_chart_render:
 * @width: the image's width in pixels, or 0 for the chart's own
 * @height: the image's height in pixels, or 0 for the chart's own
 *
 * Returns: (transfer full): the PNG or SVG file's contents
 */
GBytes *
kdl_chart_render (KdlChart        *chart,
                  KdlChartFormat   format,
                  int              width,
                  int              height,
                  GError         **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (KDL_IS_CHART (chart), NULL);
  g_return_val_if_fail (format == KDL_CHART_FORMAT_PNG || format == KDL_CHART_FORMAT_SVG, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  resolve_size (chart, &width, &height);
  if (width <= 0 || height <= 0 || width > MAX_SIZE || height > MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A chart image must be between 1 and %d pixels wide and high, not %d × %d."),
                   MAX_SIZE, width, height);
      return NULL;
    }

  bytes = g_byte_array_new ();

  if (format == KDL_CHART_FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }

  cr = cairo_create (surface);
  kdl_chart_draw (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == KDL_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_status (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
export_to_path (KdlChart        *chart,
                KdlChartFormat   format,
                const char      *path,
                int              width,
                int              height,
                GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = kdl_chart_render (chart, format, width, height, error);
  if (bytes == NULL)
    return FALSE;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save the chart as “%s” (%s). Check that the folder exists and that you can write to it."),
                   path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * kdl_chart_export_png:
 * @width: the image's width in pixels, or 0 for the chart's own
 * @height: the image's height in pixels, or 0 for the chart's own
 *
 * Writes a PNG of @chart to @path (replacing it whole).  Blocks: use
 * kdl_chart_export_async() from the user interface.
 */
gboolean
kdl_chart_export_png (KdlChart    *chart,
                      const char  *path,
                      int          width,
                      int          height,
                      GError     **error)
{
  g_return_val_if_fail (KDL_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_to_path (chart, KDL_CHART_FORMAT_PNG, path, width, height, error);
}

/**
 * kdl_chart_export_svg:
 *
 * Like kdl_chart_export_png(), as SVG (text as outlines, so it looks the
 * same without the fonts).
 */
gboolean
kdl_chart_export_svg (KdlChart    *chart,
                      const char  *path,
                      int          width,
                      int          height,
                      GError     **error)
{
  g_return_val_if_fail (KDL_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_to_path (chart, KDL_CHART_FORMAT_SVG, path, width, height, error);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (object);

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not save the chart as “%s” (%s). Check that the folder exists and that you can write to it."),
                                 name, error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * kdl_chart_export_async:
 * @width: the image's width in pixels, or 0 for the chart's own
 * @height: the image's height in pixels, or 0 for the chart's own
 *
 * Draws @chart now (drawing is quick) and writes the file without
 * blocking: to a temporary file first, renamed over @file at the end.
 */
void
kdl_chart_export_async (KdlChart            *chart,
                        GFile               *file,
                        KdlChartFormat       format,
                        int                  width,
                        int                  height,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  g_return_if_fail (KDL_IS_CHART (chart));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (chart, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_chart_export_async);

  bytes = kdl_chart_render (chart, format, width, height, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_contents_cb,
                                       g_steal_pointer (&task));
}

gboolean
kdl_chart_export_finish (KdlChart      *chart,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (KDL_IS_CHART (chart), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, chart), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_chart_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
