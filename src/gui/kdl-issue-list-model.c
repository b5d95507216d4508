/* kdl-issue-list-model.c
 *
 * A file where every line is bad has as many problems as rows: the model
 * keeps the importer's arrays and makes a KdlIssueItem only when the list
 * asks for one.  Rejected records and skipped lines are merged in file
 * order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-issue-list-model"

#include "config.h"

#include "kdl-issue-item.h"
#include "kdl-issue-list-model.h"

struct _KdlIssueListModel
{
  GObject    parent_instance;

  GArray    *rejected;  /* KdlImportIssue */
  GArray    *skipped;   /* KdlImportIssue */
  GPtrArray *order;     /* const KdlImportIssue *, by line */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdlIssueListModel, kdl_issue_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
kdl_issue_list_model_get_item_type (GListModel *model)
{
  return KDL_TYPE_ISSUE_ITEM;
}

static guint
kdl_issue_list_model_get_n_items (GListModel *model)
{
  return KDL_ISSUE_LIST_MODEL (model)->order->len;
}

static gpointer
kdl_issue_list_model_get_item (GListModel *model,
                               guint       index)
{
  KdlIssueListModel *self = KDL_ISSUE_LIST_MODEL (model);

  if (index >= self->order->len)
    return NULL;

  return kdl_issue_item_new (g_ptr_array_index (self->order, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kdl_issue_list_model_get_item_type;
  iface->get_n_items = kdl_issue_list_model_get_n_items;
  iface->get_item = kdl_issue_list_model_get_item;
}

static void
kdl_issue_list_model_finalize (GObject *object)
{
  KdlIssueListModel *self = KDL_ISSUE_LIST_MODEL (object);

  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->rejected, g_array_unref);
  g_clear_pointer (&self->skipped, g_array_unref);

  G_OBJECT_CLASS (kdl_issue_list_model_parent_class)->finalize (object);
}

static void
kdl_issue_list_model_class_init (KdlIssueListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdl_issue_list_model_finalize;
}

static void
kdl_issue_list_model_init (KdlIssueListModel *self)
{
  self->order = g_ptr_array_new ();
}

KdlIssueListModel *
kdl_issue_list_model_new (void)
{
  return g_object_new (KDL_TYPE_ISSUE_LIST_MODEL, NULL);
}

/**
 * kdl_issue_list_model_set_issues:
 * @rejected: (nullable) (element-type KdlImportIssue): rejected records, by line
 * @skipped: (nullable) (element-type KdlImportIssue): skipped lines, by line
 *
 * Lists these instead; the model keeps references and never changes them.
 */
void
kdl_issue_list_model_set_issues (KdlIssueListModel *self,
                                 GArray            *rejected,
                                 GArray            *skipped)
{
  guint removed;
  guint r = 0, s = 0;
  guint n_rejected, n_skipped;

  g_return_if_fail (KDL_IS_ISSUE_LIST_MODEL (self));

  removed = self->order->len;
  g_ptr_array_set_size (self->order, 0);
  g_clear_pointer (&self->rejected, g_array_unref);
  g_clear_pointer (&self->skipped, g_array_unref);
  self->rejected = rejected != NULL ? g_array_ref (rejected) : NULL;
  self->skipped = skipped != NULL ? g_array_ref (skipped) : NULL;

  n_rejected = rejected != NULL ? rejected->len : 0;
  n_skipped = skipped != NULL ? skipped->len : 0;
  while (r < n_rejected || s < n_skipped)
    {
      const KdlImportIssue *a = r < n_rejected ? &g_array_index (rejected, KdlImportIssue, r) : NULL;
      const KdlImportIssue *b = s < n_skipped ? &g_array_index (skipped, KdlImportIssue, s) : NULL;

      if (b == NULL || (a != NULL && a->line <= b->line))
        {
          g_ptr_array_add (self->order, (gpointer)a);
          r++;
        }
      else
        {
          g_ptr_array_add (self->order, (gpointer)b);
          s++;
        }
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->order->len);
}
