/* kdl-run-view.c
 *
 * For now only a status page saying what comes here; the issue that builds
 * this view replaces the template's child (KdlWindow only knows the type).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-run-view.h"

struct _KdlRunView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KdlRunView, kdl_run_view, ADW_TYPE_BIN)

static void
kdl_run_view_class_init (KdlRunViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-run-view.ui");
}

static void
kdl_run_view_init (KdlRunView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdl_run_view_new (void)
{
  return g_object_new (KDL_TYPE_RUN_VIEW, NULL);
}
