/* kdl-runner-load.c — what the runner reads from the project, in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-exam.h"
#include "kdl-exam-parser.h"
#include "kdl-row-vars.h"
#include "kdl-structure-check.h"
#include "kdl-runner-private.h"

void
_kdl_run_item_free (RunItem *item)
{
  if (item == NULL)
    return;

  g_clear_pointer (&item->vars, g_hash_table_unref);
  g_clear_pointer (&item->prompt, g_free);
  g_clear_pointer (&item->originals, g_ptr_array_unref);
  g_clear_pointer (&item->fail_code, g_free);
  g_clear_pointer (&item->fail_message, g_free);
  g_clear_pointer (&item->generated, g_free);
  g_clear_pointer (&item->output, g_free);
  g_clear_object (&item->cancellable);
  g_free (item);
}

void
_kdl_run_plan_free (RunPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_object (&plan->generate);
  g_clear_object (&plan->judge);
  g_clear_pointer (&plan->mapping_json, g_free);
  g_clear_pointer (&plan->refs, g_array_unref);
  g_clear_pointer (&plan->reader, kdl_store_reader_free);
  g_free (plan);
}

static KdlTemplate *
load_template (KdlStoreReader  *reader,
               gint64           template_id,
               GError         **error)
{
  g_autoptr(KdlStoreTemplate) stored = NULL;

  if (template_id == 0)
    return NULL;

  stored = kdl_store_reader_get_template (reader, template_id, error);
  if (stored == NULL)
    return NULL;

  return kdl_template_new_from_text (stored->text, -1, stored->name, error);
}

static guint
count_items (KdlStoreReader  *reader,
             gint64           run_id,
             guint            states,
             GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  KdlStoreItemQuery query;

  kdl_store_item_query_init (&query, run_id);
  query.any_stage = TRUE;
  query.states = states;
  ids = kdl_store_reader_query_items (reader, &query, error);

  return ids != NULL ? ids->len : 0;
}

static gboolean
template_uses (KdlTemplate *template,
               const char  *variable)
{
  g_autoptr(GPtrArray) placeholders = kdl_template_list_placeholders (template, NULL);

  for (guint i = 0; i < placeholders->len; i++)
    {
      const KdlPlaceholder *p = g_ptr_array_index (placeholders, i);

      if (g_strcmp0 (p->name, variable) == 0)
        return TRUE;
    }

  return FALSE;
}

/*
 * Runs in a worker: takes the run's lock, puts items a killed process left
 * running back to pending, and reads what the run needs.  Everything after
 * this comes from the project, never from the source file.
 */
RunPlan *
_kdl_runner_load (KdlStore  *store,
                  gint64     run_id,
                  GError   **error)
{
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(RunPlan) plan = g_new0 (RunPlan, 1);
  g_autoptr(GError) local_error = NULL;

  if (!kdl_store_lock_run (store, run_id, error))
    return NULL;

  if (kdl_store_requeue_interrupted (store, run_id, error) < 0)
    goto fail;

  reader = kdl_store_open_reader (store, error);
  if (reader == NULL)
    goto fail;

  run = kdl_store_reader_get_run (reader, run_id, error);
  if (run == NULL)
    goto fail;

  plan->dataset_id = run->dataset_id;
  plan->parent_run_id = run->parent_run_id;
  plan->score_max = run->score_max;
  plan->tokens_before = run->total_tokens;

  if (plan->dataset_id == 0 && plan->parent_run_id != 0)
    {
      g_autoptr(KdlStoreRun) parent = kdl_store_reader_get_run (reader, plan->parent_run_id, error);

      if (parent == NULL)
        goto fail;
      plan->dataset_id = parent->dataset_id;
    }

  if (plan->dataset_id != 0)
    {
      g_autoptr(KdlStoreDataset) dataset = kdl_store_reader_get_dataset (reader, plan->dataset_id, error);

      if (dataset == NULL)
        goto fail;
      plan->mapping_json = g_strdup (dataset->mapping_json);
    }

  plan->generate = load_template (reader, run->generate_template_id, &local_error);
  if (local_error == NULL)
    plan->judge = load_template (reader, run->judge_template_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The template stored with run %lld cannot be read: "),
                                  (long long)run_id);
      goto fail;
    }

  if (plan->judge != NULL && plan->score_max <= 0)
    plan->score_max = kdl_template_get_score_max (plan->judge);

  plan->uses_mcq = plan->generate != NULL && template_uses (plan->generate, "mcq");

  plan->refs = kdl_store_reader_list_unfinished_items (reader, run_id, error);
  if (plan->refs == NULL)
    goto fail;

  plan->items_done = count_items (reader, run_id, 1 << KDL_STORE_ITEM_DONE, &local_error);
  plan->items_failed = count_items (reader, run_id, 1 << KDL_STORE_ITEM_FAILED, &local_error);
  plan->items_skipped = count_items (reader, run_id, 1 << KDL_STORE_ITEM_SKIPPED, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  plan->items_total = plan->refs->len + plan->items_done + plan->items_failed + plan->items_skipped;

  /* The preparing worker's own connection (opening checks the schema). */
  plan->reader = kdl_store_open_reader (store, error);
  if (plan->reader == NULL)
    goto fail;

  return g_steal_pointer (&plan);

fail:
  kdl_store_unlock_run (store, run_id, NULL);
  return NULL;
}

/*
 * Renders @item's prompt from its variables; @generated is the text a judge
 * scores (or the previous run's output a chained run builds on).  A render
 * error fails the item, with the template's own message.
 */
void
_kdl_runner_render (RunPlan    *plan,
                    RunItem    *item,
                    const char *generated)
{
  g_autoptr(GError) error = NULL;
  KdlTemplate *template;

  template = item->ref.stage == KDL_STORE_STAGE_JUDGE ? plan->judge : plan->generate;
  g_assert (template != NULL);

  if (generated != NULL)
    {
      g_hash_table_insert (item->vars, g_strdup ("generated"), g_strdup (generated));
      /* A chained run builds on the questions the previous run produced. */
      if (item->ref.stage == KDL_STORE_STAGE_GENERATE)
        g_hash_table_insert (item->vars, g_strdup ("mcq"), g_strdup (generated));
    }

  g_clear_pointer (&item->prompt, g_free);
  item->prompt = kdl_template_render (template, item->vars, NULL, &error);
  if (item->prompt == NULL)
    {
      item->fail_code = g_strdup ("template-error");
      item->fail_message = g_strdup (error->message);
      return;
    }

  /* A rebuild must keep the row's own questions first and unchanged. */
  if (item->ref.stage == KDL_STORE_STAGE_GENERATE && plan->uses_mcq && generated == NULL &&
      item->originals == NULL)
    {
      const char *mcq = g_hash_table_lookup (item->vars, "mcq");

      if (mcq != NULL && *mcq)
        {
          g_autoptr(KdlExam) exam = kdl_exam_parse_combined (mcq);

          /* The built-in rebuild keeps the first four; so does the check. */
          if (exam->mcqs->len > KDL_STRUCTURE_CHECK_MCQ_COUNT)
            g_ptr_array_set_size (exam->mcqs, KDL_STRUCTURE_CHECK_MCQ_COUNT);
          if (exam->mcqs->len > 0)
            item->originals = g_ptr_array_ref (exam->mcqs);
        }
    }
}

/*
 * Runs in the preparing thread, a batch at a time: reads the row (and, for
 * a judge or a chained item, the text it works on, unless the main thread
 * handed it over in item->generated) and renders the prompt.
 */
void
_kdl_runner_prepare (KdlStoreReader *reader,
                     RunPlan        *plan,
                     RunItem        *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRow) row = NULL;
  g_autofree char *source_text = NULL;
  const char *generated = item->generated;

  if (item->vars == NULL)
    {
      row = kdl_store_reader_get_row (reader, plan->dataset_id, item->ref.row, &error);
      if (row != NULL)
        item->vars = kdl_row_vars_new_from_json (row->fields_json, plan->mapping_json, item->ref.row, &error);
      if (item->vars == NULL)
        {
          item->vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          item->fail_code = g_strdup ("row-unreadable");
          item->fail_message = g_strdup (error->message);
          return;
        }
    }

  if (generated == NULL && item->ref.source_item_id != 0)
    {
      /* Judging another run's output, or building on it: read it, with the
       * reviewer's edit when there is one. */
      source_text = kdl_store_reader_get_output (reader, item->ref.source_item_id, TRUE, &error);
      if (source_text == NULL)
        {
          /* Its generation failed (a crash came before the judge was
           * skipped): nothing to judge. */
          item->fail_code = g_strdup (KDL_RUN_SKIP);
          item->fail_message = g_strdup (error != NULL ? error->message : _("The output to work on is missing."));
          return;
        }
      generated = source_text;
    }

  _kdl_runner_render (plan, item, generated);
}
