/* kdl-item-detail.c
 *
 * Everything about one sample, read in a worker: for a generate item its
 * own prompt and output and its judge's prompt and reply; for a judge item
 * the same from the other side (what it judged comes from the generate
 * item, which may belong to an earlier run).  Score, rubric parts and the
 * structure check's problems as the runner stored them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-item-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-item-detail.h"
#include "kdl-item-object.h"

struct _KdlItemDetail
{
  AdwBin        parent_instance;

  KdlStore     *store;
  GCancellable *cancellable;
  gint64        item_id;
  gboolean      loaded;
  char         *score_text;

  GtkLabel     *title_label;
  GtkLabel     *summary_label;
  GtkLabel     *error_label;
  GtkLabel     *score_label;
  GtkLabel     *parts_label;
  GtkLabel     *check_label;
  GtkExpander  *prompt_expander;
  GtkLabel     *prompt_label;
  GtkExpander  *output_expander;
  GtkLabel     *output_label;
  GtkExpander  *judge_prompt_expander;
  GtkLabel     *judge_prompt_label;
  GtkExpander  *reply_expander;
  GtkLabel     *reply_label;
};

G_DEFINE_FINAL_TYPE (KdlItemDetail, kdl_item_detail, ADW_TYPE_BIN)

typedef struct
{
  KdlStoreItem *item;
  KdlStoreItem *partner;
  double        score_max;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->item, kdl_store_item_free);
  g_clear_pointer (&loaded->partner, kdl_store_item_free);
  g_free (loaded);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gint64 id = *(gint64 *)task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  Loaded *loaded;
  GError *error = NULL;
  gint64 partner;

  reader = kdl_store_open_reader (source_object, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->item = kdl_store_reader_get_item (reader, id, &error);
  if (loaded->item == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }

  partner = loaded->item->stage == KDL_STORE_STAGE_GENERATE ? loaded->item->partner_id
                                                            : loaded->item->source_item_id;
  if (partner > 0)
    loaded->partner = kdl_store_reader_get_item (reader, partner, NULL);
  run = kdl_store_reader_get_run (reader, loaded->item->run_id, NULL);
  loaded->score_max = run ? run->score_max : 0;

  g_task_return_pointer (task, loaded, (GDestroyNotify)loaded_free);
}

static void
set_text (GtkLabel    *label,
          GtkExpander *expander,
          const char  *text,
          const char  *missing)
{
  gboolean has = text != NULL && *text != '\0';

  gtk_label_set_text (label, has ? text : missing);
  if (has)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (expander), TRUE);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_node_get_object (json_parser_get_root (parser));
}

static char *
format_parts (const char *parts_json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *parts = parse_object (parser, parts_json);
  g_autoptr(GList) names = parts ? json_object_get_members (parts) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (parts, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %g", (const char *)l->data, json_node_get_double (node));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_check (const KdlStoreItem *generated)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *check;
  JsonNode *problems;
  gint64 count = 0;

  if (generated == NULL || generated->check_ok < 0)
    return g_strdup (_("Not checked."));

  check = parse_object (parser, generated->check_json);
  if (check != NULL)
    count = json_object_get_int_member_with_default (check, "mcq_count", 0);

  if (generated->check_ok)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Passed: %u question in the canonical form.",
                                               "Passed: %u questions in the canonical form.", (guint)count),
                            (guint)count);
  else
    g_string_append (text, _("Failed:"));

  problems = check ? json_object_get_member (check, "problems") : NULL;
  if (problems != NULL && JSON_NODE_HOLDS_ARRAY (problems))
    {
      JsonArray *array = json_node_get_array (problems);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *problem = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          gint64 question;

          if (problem == NULL)
            continue;
          question = json_object_get_int_member_with_default (problem, "question", 0);
          g_string_append (text, "\n• ");
          if (question > 0)
            /* TRANSLATORS: a structure problem's question number */
            g_string_append_printf (text, _("Question %d: "), (int)question);
          g_string_append (text, json_object_get_string_member_with_default (problem, "message",
                                                                             json_object_get_string_member_with_default (problem, "code", "")));
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show (KdlItemDetail *self,
      Loaded        *loaded)
{
  const KdlStoreItem *item = loaded->item;
  const KdlStoreItem *generated = item->stage == KDL_STORE_STAGE_GENERATE ? item : loaded->partner;
  const KdlStoreItem *judge = item->stage == KDL_STORE_STAGE_JUDGE ? item : loaded->partner;
  const KdlStoreItem *failed = item->error_code ? item : (loaded->partner && loaded->partner->error_code ? loaded->partner : NULL);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *score = NULL;
  g_autofree char *parts = NULL;
  g_autofree char *check = NULL;
  const char *output = NULL;

  /* TRANSLATORS: an item's title: row id, sample number and stage */
  title = g_strdup_printf (_("Row %u · sample %u · %s"), item->row, item->variant + 1,
                           kdl_item_stage_label (item->stage));
  /* TRANSLATORS: an item's state, attempts and tokens */
  summary = g_strdup_printf (_("%s · attempts: %u · tokens: %lld"), kdl_item_state_label (item->state), item->attempts,
                             (long long)item->total_tokens);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_label, summary);

  if (failed != NULL)
    {
      g_autofree char *error = g_strdup_printf (_("%s: %s"), failed->error_code,
                                                failed->error_message ? failed->error_message : "");
      gtk_label_set_text (self->error_label, error);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), failed != NULL);

  if (judge != NULL && judge->has_score)
    {
      if (loaded->score_max > 0)
        score = g_strdup_printf ("%g / %g", judge->score, loaded->score_max);
      else
        score = g_strdup_printf ("%g", judge->score);
    }
  else if (judge != NULL && judge->state == KDL_STORE_ITEM_DONE)
    /* TRANSLATORS: the judge's reply had no score; the reason code follows */
    score = g_strdup_printf (_("No score (%s)"), judge->unparsed_reason ? judge->unparsed_reason : "unparsed");
  else if (judge != NULL)
    score = g_strdup (_("Not judged yet"));
  else
    score = g_strdup (_("Not judged in this run"));
  g_free (self->score_text);
  self->score_text = g_strdup (score);
  gtk_label_set_text (self->score_label, score);

  parts = judge ? format_parts (judge->parts_json) : g_strdup ("");
  gtk_label_set_text (self->parts_label, parts);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_label), *parts != '\0');

  check = format_check (generated);
  gtk_label_set_text (self->check_label, check);

  if (generated != NULL)
    output = generated->edited_output ? generated->edited_output : generated->output;

  set_text (self->prompt_label, self->prompt_expander, generated ? generated->prompt : NULL,
            generated ? _("Not sent yet.") : _("This run did not generate: the text comes from a dataset column."));
  set_text (self->output_label, self->output_expander, output, _("No output yet."));
  set_text (self->judge_prompt_label, self->judge_prompt_expander, judge ? judge->prompt : NULL,
            judge ? _("Not sent yet.") : _("This run does not judge."));
  set_text (self->reply_label, self->reply_expander, judge ? judge->output : NULL,
            judge ? _("No reply yet.") : _("This run does not judge."));

  /* The prompt of the stage the item is, open; the other closed. */
  gtk_expander_set_expanded (self->prompt_expander, item->stage == KDL_STORE_STAGE_GENERATE);
  gtk_expander_set_expanded (self->judge_prompt_expander, item->stage == KDL_STORE_STAGE_JUDGE);

  self->loaded = TRUE;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdlItemDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->summary_label, error->message);
          self->loaded = TRUE;
        }
      return;
    }

  show (self, loaded);
  loaded_free (loaded);
}

static void
kdl_item_detail_dispose (GObject *object)
{
  KdlItemDetail *self = (KdlItemDetail *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdl_item_detail_parent_class)->dispose (object);
}

static void
kdl_item_detail_finalize (GObject *object)
{
  KdlItemDetail *self = (KdlItemDetail *)object;

  g_clear_object (&self->cancellable);
  g_free (self->score_text);

  G_OBJECT_CLASS (kdl_item_detail_parent_class)->finalize (object);
}

static void
kdl_item_detail_class_init (KdlItemDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_item_detail_dispose;
  object_class->finalize = kdl_item_detail_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-item-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, score_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, parts_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, check_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, prompt_expander);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, output_expander);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, output_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, judge_prompt_expander);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, judge_prompt_label);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, reply_expander);
  gtk_widget_class_bind_template_child (widget_class, KdlItemDetail, reply_label);
}

static void
kdl_item_detail_init (KdlItemDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kdl_item_detail_new (void)
{
  return g_object_new (KDL_TYPE_ITEM_DETAIL, NULL);
}

void
kdl_item_detail_set_store (KdlItemDetail *self,
                           KdlStore      *store)
{
  g_return_if_fail (KDL_IS_ITEM_DETAIL (self));

  g_set_object (&self->store, store);
}

/* Reads @item_id (again) and shows it. */
void
kdl_item_detail_show_item (KdlItemDetail *self,
                           gint64         item_id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDL_IS_ITEM_DETAIL (self));
  g_return_if_fail (self->store != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->item_id != item_id)
    {
      self->loaded = FALSE;
      gtk_label_set_text (self->title_label, _("Loading…"));
    }
  self->item_id = item_id;

  task = g_task_new (self->store, self->cancellable, on_loaded, g_object_ref (self));
  g_task_set_source_tag (task, kdl_item_detail_show_item);
  g_task_set_task_data (task, g_memdup2 (&item_id, sizeof item_id), g_free);
  g_task_run_in_thread (task, load_worker);
}

gint64
kdl_item_detail_get_item_id (KdlItemDetail *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_DETAIL (self), 0);

  return self->item_id;
}

gboolean
kdl_item_detail_get_loaded (KdlItemDetail *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_DETAIL (self), FALSE);

  return self->loaded;
}

/* The score as shown, e.g. "8 / 10" (for tests and screen readers). */
const char *
kdl_item_detail_get_score_text (KdlItemDetail *self)
{
  g_return_val_if_fail (KDL_IS_ITEM_DETAIL (self), NULL);

  return self->score_text;
}
