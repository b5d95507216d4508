/* kdl-review-pane-detail.c — what the review pane shows: list rows and
 * the selected sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-review"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-review-pane-private.h"

/* Rows of the list */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *score = gtk_label_new (NULL);
  GtkWidget *marks = gtk_label_new (NULL);
  GtkWidget *preview = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_width_chars (GTK_LABEL (title), 9);
  gtk_widget_add_css_class (title, "numeric");
  gtk_label_set_xalign (GTK_LABEL (score), 1);
  gtk_label_set_width_chars (GTK_LABEL (score), 5);
  gtk_widget_add_css_class (score, "numeric");
  gtk_label_set_use_markup (GTK_LABEL (marks), TRUE);
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_ellipsize (GTK_LABEL (preview), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (preview), TRUE);
  gtk_widget_set_hexpand (preview, TRUE);
  gtk_widget_add_css_class (preview, "dim-label");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), score);
  gtk_box_append (GTK_BOX (box), marks);
  gtk_box_append (GTK_BOX (box), preview);
  gtk_list_item_set_child (list_item, box);
}

/* Short marks after the score; words, not only colours. */
static char *
row_marks (const KdlReviewSummary *summary,
           guint                   duplicates)
{
  GString *marks = g_string_new (NULL);

  if (summary->verdict == KDL_STORE_VERDICT_ACCEPTED)
    g_string_append_printf (marks, "<span foreground=\"#26a269\">✓ %s</span> ", _("accepted"));
  else if (summary->verdict == KDL_STORE_VERDICT_REJECTED)
    g_string_append_printf (marks, "<span foreground=\"#c01c28\">✗ %s</span> ", _("rejected"));
  if (summary->check_ok == 0)
    g_string_append_printf (marks, "<span foreground=\"#c64600\">%s</span> ", _("structure"));
  if (duplicates != 0)
    g_string_append_printf (marks, "<span foreground=\"#9c6e03\">%s</span> ", _("duplicate"));
  if (summary->edited)
    g_string_append_printf (marks, "<i>%s</i> ", _("edited"));

  return g_string_free (marks, FALSE);
}

static void
update_row (KdlReviewItem *item,
            GtkListItem   *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *score = gtk_widget_get_next_sibling (title);
  GtkWidget *marks = gtk_widget_get_next_sibling (score);
  GtkWidget *preview = gtk_widget_get_next_sibling (marks);
  const KdlReviewSummary *summary = kdl_review_item_get_summary (item);
  g_autofree char *title_text = NULL;
  g_autofree char *score_text = NULL;
  g_autofree char *marks_text = NULL;

  if (!kdl_review_item_get_loaded (item))
    {
      gtk_label_set_text (GTK_LABEL (title), "…");
      gtk_label_set_text (GTK_LABEL (score), "");
      gtk_label_set_text (GTK_LABEL (marks), "");
      gtk_label_set_text (GTK_LABEL (preview), "");
      return;
    }

  /* Translators: a sample in the review list: its row id and 1-based draft */
  title_text = g_strdup_printf (_("%u · %u"), summary->row, summary->variant + 1);
  if (summary->has_score)
    score_text = _kdl_review_format_score (summary->score, 0);
  else
    score_text = g_strdup (summary->unparsed ? "?" : "—");
  marks_text = row_marks (summary, kdl_review_item_get_duplicates (item));

  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (score), score_text);
  gtk_label_set_markup (GTK_LABEL (marks), marks_text);
  gtk_label_set_text (GTK_LABEL (preview), summary->preview ? summary->preview : "");
  gtk_widget_set_tooltip_text (score, summary->unparsed ? _("The judge reply had no readable score")
                                                        : summary->has_score ? NULL : _("No score"));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  KdlReviewItem *item = gtk_list_item_get_item (list_item);

  g_signal_connect_object (item, "changed", G_CALLBACK (update_row), list_item, 0);
  update_row (item, list_item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  KdlReviewItem *item = gtk_list_item_get_item (list_item);

  g_signal_handlers_disconnect_by_func (item, update_row, list_item);
}

/* The selected sample */

static void
show_sample (KdlReviewPane *self)
{
  const KdlReviewSample *sample = self->sample;
  const KdlStoreItem *judge = sample->judge;
  const char *text = kdl_review_sample_get_text (sample);
  KdlStoreVerdict verdict = kdl_review_sample_get_verdict (sample);
  g_autoptr(GString) badges = g_string_new (NULL);
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autoptr(GString) duplicates = g_string_new (NULL);

  /* Translators: the selected sample: a row id and a 1-based draft number */
  title = g_strdup_printf (_("Row %u · draft %u"), sample->row, sample->item->variant + 1);
  gtk_label_set_text (self->title_label, title);

  if (judge != NULL && judge->has_score)
    {
      g_autofree char *score = _kdl_review_format_score (judge->score, sample->score_max);
      g_autofree char *escaped = g_markup_escape_text (score, -1);

      /* Translators: %s is a score like "85 / 100" */
      g_string_append_printf (badges, _("Score <b>%s</b>"), escaped);
    }
  else if (judge != NULL && judge->unparsed_reason != NULL)
    g_string_append_printf (badges, "<span foreground=\"#c64600\">%s</span>", _("Score unparsed"));
  else
    g_string_append (badges, _("No score"));

  if (sample->gen != NULL && sample->gen->check_ok == 1)
    g_string_append_printf (badges, "  ·  <span foreground=\"#26a269\">%s</span>", _("structure passed"));
  else if (sample->gen != NULL && sample->gen->check_ok == 0)
    g_string_append_printf (badges, "  ·  <span foreground=\"#c01c28\">%s</span>", _("structure failed"));

  if (verdict == KDL_STORE_VERDICT_ACCEPTED)
    g_string_append_printf (badges, "  ·  <span foreground=\"#26a269\">✓ %s</span>", _("accepted"));
  else if (verdict == KDL_STORE_VERDICT_REJECTED)
    g_string_append_printf (badges, "  ·  <span foreground=\"#c01c28\">✗ %s</span>", _("rejected"));
  else
    g_string_append_printf (badges, "  ·  %s", _("not reviewed"));

  if (kdl_review_sample_get_edit (sample) != NULL)
    g_string_append_printf (badges, "  ·  <i>%s</i>", _("edited"));
  if (sample->item->state == KDL_STORE_ITEM_FAILED && sample->item->error_message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (sample->item->error_message, -1);
      g_string_append_printf (badges, "\n<span foreground=\"#c01c28\">%s</span>", escaped);
    }
  gtk_label_set_markup (self->badges_label, badges->str);

  /* The toggles show the verdict without acting on it. */
  g_signal_handlers_block_matched (self->accept_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_matched (self->reject_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_toggle_button_set_active (self->accept_button, verdict == KDL_STORE_VERDICT_ACCEPTED);
  gtk_toggle_button_set_active (self->reject_button, verdict == KDL_STORE_VERDICT_REJECTED);
  g_signal_handlers_unblock_matched (self->accept_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_unblock_matched (self->reject_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  /* The check of the text shown (an edit is checked again here). */
  if (text != NULL)
    {
      g_autoptr(KdlStructureCheck) check = kdl_review_sample_check (sample, text);

      for (guint i = 0; i < check->problems->len; i++)
        {
          const KdlExamProblem *problem = g_ptr_array_index (check->problems, i);
          g_string_append_printf (problems, "%s• %s", problems->len ? "\n" : "", problem->message);
        }
    }
  gtk_label_set_text (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);

  /* Which question repeats what, in the duplicate finder's words. */
  if (self->duplicates != NULL)
    {
      const KdlDuplicateItem *flagged = kdl_duplicates_lookup (self->duplicates,
                                                               kdl_review_sample_get_review_item (sample));

      for (guint i = 0; flagged != NULL && i < flagged->n_matches; i++)
        {
          g_autofree char *line = kdl_duplicate_match_describe (&flagged->matches[i], flagged->item_id);

          g_string_append_printf (duplicates, "%s• %s", duplicates->len ? "\n" : "", line);
        }
    }
  gtk_label_set_text (self->duplicates_label, duplicates->str);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_label), duplicates->len > 0);

  gtk_label_set_text (self->questions_heading,
                      kdl_review_sample_get_edit (sample) ? _("Generated Questions (edited)")
                                                          : _("Generated Questions"));
  kdl_mcq_view_set_text (self->mcq_view, text ? text : "");

  if (judge != NULL && judge->parts_json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (json_parser_load_from_data (parser, judge->parts_json, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));
          g_autoptr(GList) members = json_object_get_members (object);

          for (const GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *node = json_object_get_member (object, l->data);

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
                {
                  g_autofree char *value = _kdl_review_format_score (json_node_get_double (node), 0);
                  g_string_append_printf (parts, "%s%s %s", parts->len ? "  ·  " : "", (char *)l->data, value);
                }
            }
        }
    }
  gtk_label_set_text (self->parts_label, parts->str);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_label), parts->len > 0);
  gtk_label_set_text (self->judge_label,
                      judge == NULL ? _("This sample has no judge.")
                      : judge->output ? judge->output : _("The judge has not answered."));
  gtk_label_set_text (self->reading_label, sample->reading ? sample->reading : _("The row has no passage."));

  gtk_stack_set_visible_child_name (self->detail_stack, "sample");
}

static void
on_sample_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KdlReviewPane) self = user_data;
  g_autoptr(GError) error = NULL;
  KdlReviewSample *sample = kdl_review_sample_load_finish (result, &error);

  _kdl_review_pane_busy (self, FALSE);

  if (sample == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Could not read the sample: %s"), error->message);
          _kdl_review_pane_toast (self, text);
        }
      return;
    }

  g_clear_pointer (&self->sample, kdl_review_sample_free);
  self->sample = sample;
  show_sample (self);
  _kdl_review_pane_update_actions (self);
  _kdl_review_pane_run_pending (self);
}

/* Reads the selected sample again (after a verdict or an edit). */
void
_kdl_review_pane_reload_sample (KdlReviewPane *self)
{
  KdlReviewItem *item = gtk_single_selection_get_selected_item (self->selection);

  g_cancellable_cancel (self->sample_cancellable);
  g_clear_object (&self->sample_cancellable);

  if (item == NULL || self->store == NULL)
    {
      g_clear_pointer (&self->sample, kdl_review_sample_free);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      _kdl_review_pane_update_actions (self);
      return;
    }

  self->sample_cancellable = g_cancellable_new ();
  _kdl_review_pane_busy (self, TRUE);
  kdl_review_sample_load_async (self->store, kdl_review_item_get_item_id (item), self->sample_cancellable,
                                on_sample_loaded, g_object_ref (self));
}

void
_kdl_review_pane_selection_changed (KdlReviewPane *self)
{
  KdlReviewItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* Another sample: what was shown no longer answers the keys. */
  if (self->sample != NULL && (item == NULL || self->sample->item->id != kdl_review_item_get_item_id (item)))
    g_clear_pointer (&self->sample, kdl_review_sample_free);
  _kdl_review_pane_update_actions (self);
  _kdl_review_pane_reload_sample (self);
}

GtkListItemFactory *
_kdl_review_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);

  return factory;
}
