/* kdl-prompts-view.c
 *
 * For now only a status page saying what comes here; the issue that builds
 * this view replaces the template's child (KdlWindow only knows the type).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-prompts-view.h"

struct _KdlPromptsView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KdlPromptsView, kdl_prompts_view, ADW_TYPE_BIN)

static void
kdl_prompts_view_class_init (KdlPromptsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-prompts-view.ui");
}

static void
kdl_prompts_view_init (KdlPromptsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdl_prompts_view_new (void)
{
  return g_object_new (KDL_TYPE_PROMPTS_VIEW, NULL);
}
