/* kdl-import-problems.c
 *
 * One bar above the rows, not a toast per row: how many records were left
 * out and how many blank lines skipped, the encoding notice (a GB18030
 * guess), and on demand the list of each problem with its row, line,
 * stable code and message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-import-problems"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-import-problems.h"
#include "kdl-issue-item.h"
#include "kdl-issue-list-model.h"

struct _KdlImportProblems
{
  AdwBin             parent_instance;

  guint              n_rejected;
  guint              n_skipped;
  char              *summary;
  char              *notice;

  GtkRevealer       *revealer;
  GtkLabel          *summary_label;
  GtkLabel          *notice_label;
  GtkButton         *encoding_button;
  GtkToggleButton   *details_button;
  KdlIssueListModel *issues;
};

G_DEFINE_FINAL_TYPE (KdlImportProblems, kdl_import_problems, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_details_toggled (KdlImportProblems *self)
{
  gboolean active = gtk_toggle_button_get_active (self->details_button);

  gtk_button_set_label (GTK_BUTTON (self->details_button),
                        active ? _("Hide Details") : _("Show Details"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

static void
kdl_import_problems_finalize (GObject *object)
{
  KdlImportProblems *self = KDL_IMPORT_PROBLEMS (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (kdl_import_problems_parent_class)->finalize (object);
}

static void
kdl_import_problems_dispose (GObject *object)
{
  /* The bin's child is a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KDL_TYPE_IMPORT_PROBLEMS);

  G_OBJECT_CLASS (kdl_import_problems_parent_class)->dispose (object);
}

static void
kdl_import_problems_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdlImportProblems *self = KDL_IMPORT_PROBLEMS (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, kdl_import_problems_get_expanded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_import_problems_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KdlImportProblems *self = KDL_IMPORT_PROBLEMS (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      kdl_import_problems_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_import_problems_class_init (KdlImportProblemsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_import_problems_dispose;
  object_class->finalize = kdl_import_problems_finalize;
  object_class->get_property = kdl_import_problems_get_property;
  object_class->set_property = kdl_import_problems_set_property;

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_ISSUE_ITEM);
  g_type_ensure (KDL_TYPE_ISSUE_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-import-problems.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlImportProblems, revealer);
  gtk_widget_class_bind_template_child (widget_class, KdlImportProblems, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KdlImportProblems, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KdlImportProblems, encoding_button);
  gtk_widget_class_bind_template_child (widget_class, KdlImportProblems, details_button);
  gtk_widget_class_bind_template_child (widget_class, KdlImportProblems, issues);
  gtk_widget_class_bind_template_callback (widget_class, on_details_toggled);
}

static void
kdl_import_problems_init (KdlImportProblems *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdl_import_problems_new (void)
{
  return g_object_new (KDL_TYPE_IMPORT_PROBLEMS, NULL);
}

static char *
build_summary (guint n_rejected,
               guint n_skipped)
{
  g_autofree char *rejected = NULL;
  g_autofree char *skipped = NULL;

  if (n_rejected > 0)
    rejected = g_strdup_printf (ngettext ("%u row could not be read and was left out; the other rows loaded.",
                                          "%u rows could not be read and were left out; the other rows loaded.",
                                          n_rejected),
                                n_rejected);
  if (n_skipped > 0)
    skipped = g_strdup_printf (ngettext ("%u blank line was skipped.",
                                         "%u blank lines were skipped.",
                                         n_skipped),
                               n_skipped);

  if (rejected != NULL && skipped != NULL)
    /* Translators: two sentences of the import summary, one after the other */
    return g_strdup_printf (C_("two sentences", "%s %s"), rejected, skipped);
  if (rejected != NULL)
    return g_steal_pointer (&rejected);
  return g_strdup (skipped != NULL ? skipped : "");
}

/**
 * kdl_import_problems_set_dataset:
 * @dataset: (nullable): the dataset whose problems to show
 *
 * Shows what @dataset reports now; call again as indexing goes on.
 */
void
kdl_import_problems_set_dataset (KdlImportProblems *self,
                                 KdlDataset        *dataset)
{
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GArray) skipped = NULL;
  g_autofree char *notice = NULL;

  g_return_if_fail (KDL_IS_IMPORT_PROBLEMS (self));
  g_return_if_fail (dataset == NULL || KDL_IS_DATASET (dataset));

  if (dataset != NULL)
    {
      rejected = kdl_dataset_dup_rejected (dataset);
      skipped = kdl_dataset_dup_skipped (dataset);
      notice = kdl_dataset_dup_encoding_notice (dataset);
    }

  self->n_rejected = rejected != NULL ? rejected->len : 0;
  self->n_skipped = skipped != NULL ? skipped->len : 0;
  kdl_issue_list_model_set_issues (self->issues, rejected, skipped);

  g_free (self->summary);
  self->summary = build_summary (self->n_rejected, self->n_skipped);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), self->summary[0] != '\0');

  g_free (self->notice);
  self->notice = g_steal_pointer (&notice);
  gtk_label_set_text (self->notice_label, self->notice != NULL ? self->notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), self->notice != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_button), self->notice != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->details_button), self->n_rejected + self->n_skipped > 0);
  if (self->n_rejected + self->n_skipped == 0)
    kdl_import_problems_set_expanded (self, FALSE);

  gtk_revealer_set_reveal_child (self->revealer,
                                 self->n_rejected + self->n_skipped > 0 || self->notice != NULL);
}

guint
kdl_import_problems_get_n_rejected (KdlImportProblems *self)
{
  g_return_val_if_fail (KDL_IS_IMPORT_PROBLEMS (self), 0);
  return self->n_rejected;
}

guint
kdl_import_problems_get_n_skipped (KdlImportProblems *self)
{
  g_return_val_if_fail (KDL_IS_IMPORT_PROBLEMS (self), 0);
  return self->n_skipped;
}

/* Returns: (transfer none): the problems listed (KdlIssueItem), in file order */
GListModel *
kdl_import_problems_get_issues (KdlImportProblems *self)
{
  g_return_val_if_fail (KDL_IS_IMPORT_PROBLEMS (self), NULL);
  return G_LIST_MODEL (self->issues);
}

/* Returns: the summary sentence, "" when nothing was left out */
const char *
kdl_import_problems_get_summary (KdlImportProblems *self)
{
  g_return_val_if_fail (KDL_IS_IMPORT_PROBLEMS (self), NULL);
  return self->summary != NULL ? self->summary : "";
}

/* Returns: (nullable): the encoding notice shown */
const char *
kdl_import_problems_get_notice (KdlImportProblems *self)
{
  g_return_val_if_fail (KDL_IS_IMPORT_PROBLEMS (self), NULL);
  return self->notice;
}

gboolean
kdl_import_problems_get_expanded (KdlImportProblems *self)
{
  g_return_val_if_fail (KDL_IS_IMPORT_PROBLEMS (self), FALSE);
  return gtk_toggle_button_get_active (self->details_button);
}

void
kdl_import_problems_set_expanded (KdlImportProblems *self,
                                  gboolean           expanded)
{
  g_return_if_fail (KDL_IS_IMPORT_PROBLEMS (self));

  gtk_toggle_button_set_active (self->details_button, expanded);
}
