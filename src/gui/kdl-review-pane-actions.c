/* kdl-review-pane-actions.c — verdicts, edits, keys and bulk actions
 *
 * Keys are the pane's own (widget-scoped binding actions), so they work
 * wherever the focus is inside the pane, except in the search entry and
 * spin buttons, which take the letters first:
 *   J / K   next / previous sample
 *   A / R   accept / reject the sample, then go to the next one
 *   E       edit the sample's questions
 *
 * A verdict goes to the sample's generate item (kdl_review_sample_get_
 * review_item ()): the export reads that verdict first.  In a list of
 * generate items that is the listed item, so A and R act at once; where
 * the selected sample must be read first (a judge-only run's list, or
 * E), the key waits for it and is dropped when the selection moves on,
 * so fast typing never acts on the wrong sample.
 *
 * Bulk actions act on exactly the samples the filters show (the ids in
 * the list, narrowed by one more condition in a worker), after a
 * confirmation that says how many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-review"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-edit-dialog.h"
#include "kdl-review-pane-private.h"

typedef enum
{
  BULK_ACCEPT_ABOVE,
  BULK_REJECT_FAILURES,
  BULK_REJECT_DUPLICATES,
} BulkKind;

typedef struct
{
  KdlReviewPane   *pane;
  gint64          *ids;
  gsize            n_ids;
  KdlStoreVerdict  verdict;
  gboolean         advance;
} VerdictOp;

static void
verdict_op_free (VerdictOp *op)
{
  g_object_unref (op->pane);
  g_free (op->ids);
  g_free (op);
}

static void
select_step (KdlReviewPane *self,
             int            step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint selected = kdl_review_pane_get_selected (self);
  guint position;

  if (n == 0)
    return;

  if (selected == GTK_INVALID_LIST_POSITION)
    position = step > 0 ? 0 : n - 1;
  else if (step > 0)
    position = MIN (selected + 1, n - 1);
  else
    position = selected > 0 ? selected - 1 : 0;

  if (position != selected)
    kdl_review_pane_select (self, position);
}

static void
on_verdict_set (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VerdictOp *op = user_data;
  KdlReviewPane *self = op->pane;
  g_autoptr(GError) error = NULL;

  _kdl_review_pane_busy (self, FALSE);

  if (!kdl_store_set_verdict_finish (KDL_STORE (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The verdict was not saved: %s"), error->message);
      _kdl_review_pane_toast (self, text);
    }
  else if (op->n_ids > 1 || op->advance == FALSE)
    {
      g_autofree char *text = NULL;

      if (op->n_ids > 1 && op->verdict == KDL_STORE_VERDICT_ACCEPTED)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu sample accepted", "%zu samples accepted",
                                             op->n_ids), op->n_ids);
      else if (op->n_ids > 1)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu sample rejected", "%zu samples rejected",
                                             op->n_ids), op->n_ids);
      if (text != NULL)
        _kdl_review_pane_toast (self, text);
    }

  kdl_review_list_model_reload (self->model);
  /* The sample shown may be one of them. */
  if (self->sample != NULL)
    _kdl_review_pane_reload_sample (self);

  verdict_op_free (op);
}

static void
set_verdict (KdlReviewPane   *self,
             const gint64    *ids,
             gsize            n_ids,
             KdlStoreVerdict  verdict,
             gboolean         advance)
{
  VerdictOp *op = g_new0 (VerdictOp, 1);

  op->pane = g_object_ref (self);
  op->ids = g_memdup2 (ids, n_ids * sizeof *ids);
  op->n_ids = n_ids;
  op->verdict = verdict;
  op->advance = advance;

  _kdl_review_pane_busy (self, TRUE);
  kdl_store_set_verdict_async (self->store, ids, n_ids, verdict, on_verdict_set, op);
}

/* Whether the selected sample has been read; if not, @action waits. */
static gboolean
sample_ready (KdlReviewPane *self,
              const char    *action)
{
  KdlReviewItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || self->store == NULL)
    return FALSE;

  if (self->sample != NULL && self->sample->item->id == kdl_review_item_get_item_id (item))
    return TRUE;

  g_free (self->pending_action);
  self->pending_action = g_strdup (action);
  self->pending_item = kdl_review_item_get_item_id (item);
  return FALSE;
}

static void
verdict_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdlReviewPane *self = KDL_REVIEW_PANE (widget);
  KdlReviewItem *item = gtk_single_selection_get_selected_item (self->selection);
  KdlStoreVerdict verdict;
  gint64 id;

  if (item == NULL || self->store == NULL)
    return;

  if (g_str_equal (action_name, "review.accept"))
    verdict = KDL_STORE_VERDICT_ACCEPTED;
  else if (g_str_equal (action_name, "review.reject"))
    verdict = KDL_STORE_VERDICT_REJECTED;
  else
    verdict = KDL_STORE_VERDICT_NONE;

  /* A generate item is its own review item; a judge item needs its sample. */
  if (self->stage == KDL_STORE_STAGE_GENERATE)
    id = kdl_review_item_get_item_id (item);
  else if (sample_ready (self, action_name))
    id = kdl_review_sample_get_review_item (self->sample);
  else
    return;

  set_verdict (self, &id, 1, verdict, verdict != KDL_STORE_VERDICT_NONE);

  /* On to the next sample while the verdict is written. */
  if (verdict != KDL_STORE_VERDICT_NONE)
    select_step (self, 1);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  select_step (KDL_REVIEW_PANE (widget), g_str_equal (action_name, "review.next") ? 1 : -1);
}

static void
on_edit_saved (KdlEditDialog *dialog,
               gint64         item_id,
               KdlReviewPane *self)
{
  _kdl_review_pane_toast (self, _("Edit saved; the original is kept"));
  kdl_review_list_model_reload (self->model);
  _kdl_review_pane_reload_sample (self);
  /* Duplicates are found in the edited texts. */
  _kdl_review_pane_find_duplicates (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdlReviewPane *self = KDL_REVIEW_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  KdlEditDialog *dialog;

  if (!sample_ready (self, action_name))
    return;

  if (kdl_review_sample_get_original (self->sample) == NULL)
    {
      _kdl_review_pane_toast (self, _("This sample has no generated text to edit."));
      return;
    }

  dialog = kdl_edit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->sample);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_edit_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  kdl_review_pane_clear_filters (KDL_REVIEW_PANE (widget));
}

/* Bulk actions */

typedef struct
{
  KdlReviewPane     *pane;
  BulkKind           kind;
  char              *path;
  KdlStoreItemQuery  query;
  char              *search;
  GArray            *listed;      /* the ids the list shows */
  GHashTable        *flagged;     /* item ids that repeat questions, or NULL */
  GArray            *targets;     /* out: review item ids */
} BulkOp;

static void
bulk_op_free (BulkOp *op)
{
  g_object_unref (op->pane);
  g_free (op->path);
  g_free (op->search);
  g_array_unref (op->listed);
  g_clear_pointer (&op->flagged, g_hash_table_unref);
  g_clear_pointer (&op->targets, g_array_unref);
  g_free (op);
}

static void
bulk_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BulkOp *op = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  reader = kdl_store_reader_open (op->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The filters plus the action's condition, at this moment … */
  ids = kdl_store_reader_query_items (reader, &op->query, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* … and of those, the ones the list shows. */
  for (guint i = 0; i < op->listed->len; i++)
    g_hash_table_add (listed, &g_array_index (op->listed, gint64, i));

  op->targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (listed, &id))
        continue;
      if (op->flagged != NULL && !g_hash_table_contains (op->flagged, &id))
        continue;

      /* A judge-only run lists judge items; verdicts go to what they judged. */
      if (op->query.stage == KDL_STORE_STAGE_JUDGE)
        {
          g_autoptr(KdlStoreItem) item = kdl_store_reader_get_item (reader, id, &error);

          if (item == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          if (item->source_item_id != 0)
            id = item->source_item_id;
        }
      g_array_append_val (op->targets, id);
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_bulk_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  BulkOp *op = user_data;

  if (!g_str_equal (response, "cancel") && op->targets->len > 0)
    set_verdict (op->pane, (const gint64 *)(gpointer)op->targets->data, op->targets->len,
                 op->kind == BULK_ACCEPT_ABOVE ? KDL_STORE_VERDICT_ACCEPTED : KDL_STORE_VERDICT_REJECTED,
                 FALSE);
}

static void
confirm_bulk (BulkOp *op)
{
  KdlReviewPane *self = op->pane;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *threshold = NULL;
  guint n = op->targets->len;
  AdwMessageDialog *dialog;
  gboolean accept = op->kind == BULK_ACCEPT_ABOVE;

  if (n == 0)
    {
      _kdl_review_pane_toast (self, accept ? _("No sample the filters show is at or above the threshold.")
                                           : op->kind == BULK_REJECT_FAILURES
                                             ? _("No sample the filters show failed the structure check.")
                                             : _("No sample the filters show repeats questions."));
      return;
    }

  if (accept)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Accept %u Sample?", "Accept %u Samples?", n), n);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reject %u Sample?", "Reject %u Samples?", n), n);

  switch (op->kind)
    {
    case BULK_ACCEPT_ABOVE:
      threshold = _kdl_review_format_score (self->threshold, 0);
      body = g_strdup_printf (_("Every sample the filters show with a score of at least %s is accepted, "
                                "whatever verdict it had."), threshold);
      break;
    case BULK_REJECT_FAILURES:
      body = g_strdup (_("Every sample the filters show whose questions failed the structure check is "
                         "rejected, whatever verdict it had. Rejected samples are never exported."));
      break;
    case BULK_REJECT_DUPLICATES:
    default:
      body = g_strdup (_("Every sample the filters show that repeats an original question or an earlier "
                         "sample’s is rejected. The first copy of a question is kept, and so is every sample "
                         "someone accepted."));
      break;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "apply", accept ? _("_Accept") : _("_Reject"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              accept ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_bulk_response), op,
                         (GClosureNotify)(void (*) (void))bulk_op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_bulk_counted (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BulkOp *op = user_data;
  g_autoptr(GError) error = NULL;

  _kdl_review_pane_busy (op->pane, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not find the samples: %s"), error->message);

      _kdl_review_pane_toast (op->pane, text);
      bulk_op_free (op);
      return;
    }

  if (op->targets->len == 0)
    {
      confirm_bulk (op);
      bulk_op_free (op);
      return;
    }

  /* The dialog owns op from here. */
  confirm_bulk (op);
}

static void
bulk_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdlReviewPane *self = KDL_REVIEW_PANE (widget);
  const KdlReviewFilter *filter = &self->filter;
  g_autoptr(GTask) task = NULL;
  BulkOp *op;

  if (self->store == NULL || self->run_id == 0)
    return;

  op = g_new0 (BulkOp, 1);
  op->pane = g_object_ref (self);
  op->path = g_strdup (kdl_store_get_path (self->store));
  op->listed = g_array_ref (kdl_review_list_model_get_ids (self->model));
  op->search = g_strdup (filter->search);

  kdl_store_item_query_init (&op->query, self->run_id);
  op->query.any_stage = FALSE;
  op->query.stage = self->stage;
  kdl_store_item_query_set_filter (&op->query, filter);
  op->query.search = op->search;

  if (g_str_equal (action_name, "review.accept-above"))
    {
      guint n_buckets;
      double width;

      /* As the histogram counts "at or above": the store's bucket rule. */
      kdl_store_histogram_layout (self->score_max, &n_buckets, &width);
      op->kind = BULK_ACCEPT_ABOVE;
      op->query.has_min_score = TRUE;
      op->query.min_score = self->threshold - 1e-9 * width;
    }
  else if (g_str_equal (action_name, "review.reject-failures"))
    {
      /* Under a "passed" filter the list shows none: the intersection is empty. */
      op->kind = BULK_REJECT_FAILURES;
      op->query.check_ok = 0;
    }
  else
    {
      g_autoptr(GArray) flagged = NULL;

      op->kind = BULK_REJECT_DUPLICATES;
      if (self->duplicates == NULL)
        {
          bulk_op_free (op);
          return;
        }

      flagged = kdl_duplicates_list_item_ids (self->duplicates, KDL_DUPLICATE_ALL);
      op->flagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < flagged->len; i++)
        g_hash_table_add (op->flagged, g_memdup2 (&g_array_index (flagged, gint64, i), sizeof (gint64)));

      /* As kdl_duplicates_reject () does: what a reviewer accepted stays. */
      op->query.verdicts = (filter->verdicts ? filter->verdicts : 0x7u) & ~(1u << KDL_STORE_VERDICT_ACCEPTED);
    }

  _kdl_review_pane_busy (self, TRUE);
  task = g_task_new (NULL, NULL, on_bulk_counted, op);
  g_task_set_source_tag (task, bulk_action);
  g_task_set_task_data (task, op, NULL);
  g_task_run_in_thread (task, bulk_worker);
}

/* A key pressed before the sample was read, now that it has been. */
void
_kdl_review_pane_run_pending (KdlReviewPane *self)
{
  g_autofree char *action = g_steal_pointer (&self->pending_action);

  /* Only for the sample it was pressed on. */
  if (action != NULL && self->sample != NULL && self->sample->item->id == self->pending_item)
    gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

void
_kdl_review_pane_update_actions (KdlReviewPane *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean listed = g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0;
  gboolean selected = kdl_review_pane_get_selected (self) != GTK_INVALID_LIST_POSITION;

  gtk_widget_action_set_enabled (widget, "review.next", listed);
  gtk_widget_action_set_enabled (widget, "review.previous", listed);
  gtk_widget_action_set_enabled (widget, "review.accept", selected);
  gtk_widget_action_set_enabled (widget, "review.reject", selected);
  gtk_widget_action_set_enabled (widget, "review.clear-verdict", selected);
  gtk_widget_action_set_enabled (widget, "review.edit", selected);
  gtk_widget_action_set_enabled (widget, "review.accept-above", listed);
  gtk_widget_action_set_enabled (widget, "review.reject-failures", listed);
  gtk_widget_action_set_enabled (widget, "review.reject-duplicates",
                                 listed && self->duplicates != NULL && kdl_duplicates_get_n_items (self->duplicates) > 0);
}

void
_kdl_review_pane_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.accept", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "review.clear-verdict", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "review.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "review.accept-above", NULL, bulk_action);
  gtk_widget_class_install_action (widget_class, "review.reject-failures", NULL, bulk_action);
  gtk_widget_class_install_action (widget_class, "review.reject-duplicates", NULL, bulk_action);
  gtk_widget_class_install_action (widget_class, "review.clear-filters", NULL, clear_filters_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "review.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "review.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "review.reject", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "review.edit", NULL);
}
