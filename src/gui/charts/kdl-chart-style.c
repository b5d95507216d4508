/* kdl-chart-style.c — the colours a chart draws with, from the theme
 *
 * libadwaita's named colours follow the light/dark preference
 * (AdwStyleManager), so looking them up again after a CSS change is all
 * dark mode needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-chart-style.h"

typedef struct
{
  const char *name;      /* libadwaita's named colour, or NULL for the text colour */
  const char *fallback;  /* without libadwaita (light Adwaita values) */
  float       alpha;     /* multiplies the colour's alpha */
} InkSource;

static const InkSource ink_sources[KDL_CHART_N_INKS] = {
  [KDL_CHART_INK_TEXT]       = { NULL, "rgba(0,0,0,0.8)", 1.0f },
  [KDL_CHART_INK_DIM]        = { NULL, "rgba(0,0,0,0.8)", 0.7f },
  [KDL_CHART_INK_AXIS]       = { NULL, "rgba(0,0,0,0.8)", 0.4f },
  [KDL_CHART_INK_GRID]       = { NULL, "rgba(0,0,0,0.8)", 0.12f },
  [KDL_CHART_INK_BAR]        = { "accent_bg_color", "#3584e4", 1.0f },
  [KDL_CHART_INK_BAR_MUTED]  = { "accent_bg_color", "#3584e4", 0.35f },
  [KDL_CHART_INK_SECOND]     = { "orange_3", "#ff7800", 1.0f },
  [KDL_CHART_INK_UNPARSED]   = { "warning_bg_color", "#e5a50a", 1.0f },
  [KDL_CHART_INK_THRESHOLD]  = { "error_color", "#c01c28", 1.0f },
  [KDL_CHART_INK_TRACK]      = { NULL, "rgba(0,0,0,0.8)", 0.12f },
  [KDL_CHART_INK_BOX]        = { "accent_bg_color", "#3584e4", 0.35f },
  [KDL_CHART_INK_PASS]       = { "success_bg_color", "#2ec27e", 1.0f },
  [KDL_CHART_INK_FAIL]       = { "error_bg_color", "#e01b24", 1.0f },
  [KDL_CHART_INK_HOVER]      = { NULL, "rgba(0,0,0,0.8)", 0.1f },
  [KDL_CHART_INK_FOCUS]      = { "accent_color", "#1c71d8", 1.0f },
  [KDL_CHART_INK_BACKGROUND] = { "view_bg_color", "#ffffff", 1.0f },
};

static void
init (KdlChartStyle   *style,
      GtkStyleContext *context,
      gboolean         rooted)
{
  GdkRGBA text;

  /* A widget outside a window (an export of a chart not shown) has no
   * inherited text colour (CSS gives it white): take the theme's. */
  gdk_rgba_parse (&text, ink_sources[KDL_CHART_INK_TEXT].fallback);
  if (context != NULL && rooted)
    gtk_style_context_get_color (context, &text);
  else if (context != NULL)
    gtk_style_context_lookup_color (context, "view_fg_color", &text);

  for (guint i = 0; i < KDL_CHART_N_INKS; i++)
    {
      const InkSource *source = &ink_sources[i];
      GdkRGBA *ink = &style->inks[i];

      if (source->name == NULL)
        *ink = text;
      else if (context == NULL || !gtk_style_context_lookup_color (context, source->name, ink))
        gdk_rgba_parse (ink, source->fallback);

      ink->alpha *= source->alpha;
    }
}

/**
 * kdl_chart_style_init_default:
 *
 * The light Adwaita colours, for drawing without a widget.
 */
void
kdl_chart_style_init_default (KdlChartStyle *style)
{
  g_return_if_fail (style != NULL);

  init (style, NULL, FALSE);
}

void
kdl_chart_style_init_from_widget (KdlChartStyle *style,
                                  GtkWidget     *widget)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  init (style, gtk_widget_get_style_context (widget), gtk_widget_get_root (widget) != NULL);
}

gboolean
kdl_chart_style_equal (const KdlChartStyle *a,
                       const KdlChartStyle *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < KDL_CHART_N_INKS; i++)
    if (!gdk_rgba_equal (&a->inks[i], &b->inks[i]))
      return FALSE;

  return TRUE;
}
