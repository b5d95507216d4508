/* kdl-scores-view.c
 *
 * For now only a status page saying what comes here; the issue that builds
 * this view replaces the template's child (KdlWindow only knows the type).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-scores-view.h"

struct _KdlScoresView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KdlScoresView, kdl_scores_view, ADW_TYPE_BIN)

static void
kdl_scores_view_class_init (KdlScoresViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-scores-view.ui");
}

static void
kdl_scores_view_init (KdlScoresView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdl_scores_view_new (void)
{
  return g_object_new (KDL_TYPE_SCORES_VIEW, NULL);
}
