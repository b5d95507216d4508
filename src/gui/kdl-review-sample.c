/* kdl-review-sample.c
 *
 * Read in a worker with a reader of its own: the item, its partner, the
 * row's passage and original MCQs, and whether the generate template
 * asked for them (then the structure check of an edit compares against
 * them, as the runner and the export do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-review"

#include "config.h"

#include "kdl-exam-parser.h"
#include "kdl-review-sample.h"
#include "kdl-row-vars.h"
#include "kdl-template.h"

void
kdl_review_sample_free (KdlReviewSample *self)
{
  if (self == NULL)
    return;

  if (self->gen != self->item)
    kdl_store_item_free (self->gen);
  if (self->judge != self->item)
    kdl_store_item_free (self->judge);
  kdl_store_item_free (self->item);
  g_free (self->reading);
  g_free (self->row_mcq);
  g_free (self);
}

static gboolean
template_uses_mcq (KdlStoreReader  *reader,
                   gint64           template_id,
                   GError         **error)
{
  g_autoptr(KdlStoreTemplate) stored = NULL;
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;

  if (template_id == 0)
    return FALSE;

  stored = kdl_store_reader_get_template (reader, template_id, error);
  if (stored == NULL)
    return FALSE;

  template = kdl_template_new_from_text (stored->text, -1, stored->name, NULL);
  if (template == NULL)
    return FALSE;

  placeholders = kdl_template_list_placeholders (template, NULL);
  for (guint i = 0; i < placeholders->len; i++)
    if (g_str_equal (((KdlPlaceholder *)g_ptr_array_index (placeholders, i))->name, "mcq"))
      return TRUE;

  return FALSE;
}

static gboolean
read_row (KdlStoreReader   *reader,
          KdlReviewSample  *self,
          gint64            dataset_id,
          GError          **error)
{
  g_autoptr(KdlStoreDataset) dataset = NULL;
  g_autoptr(KdlStoreRow) row = NULL;
  g_autoptr(GHashTable) vars = NULL;
  const char *value;

  if (dataset_id == 0)
    return TRUE;

  dataset = kdl_store_reader_get_dataset (reader, dataset_id, error);
  if (dataset == NULL)
    return FALSE;
  row = kdl_store_reader_get_row (reader, dataset_id, self->row, error);
  if (row == NULL)
    return FALSE;
  vars = kdl_row_vars_new_from_json (row->fields_json, dataset->mapping_json, self->row, error);
  if (vars == NULL)
    return FALSE;

  value = g_hash_table_lookup (vars, "reading");
  if (value != NULL && *value != '\0')
    self->reading = g_strdup (value);
  value = g_hash_table_lookup (vars, "mcq");
  if (value != NULL && *value != '\0')
    self->row_mcq = g_strdup (value);

  return TRUE;
}

/**
 * kdl_review_sample_read:
 *
 * Returns: (transfer full) (nullable): the sample of @item_id
 */
KdlReviewSample *
kdl_review_sample_read (KdlStoreReader  *reader,
                        gint64           item_id,
                        GError         **error)
{
  g_autoptr(KdlReviewSample) self = g_new0 (KdlReviewSample, 1);
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(KdlStoreRun) gen_run = NULL;
  KdlStoreItem *partner = NULL;

  self->item = kdl_store_reader_get_item (reader, item_id, error);
  if (self->item == NULL)
    return NULL;
  self->row = self->item->row;

  if (self->item->partner_id != 0)
    {
      partner = kdl_store_reader_get_item (reader, self->item->partner_id, error);
      if (partner == NULL)
        return NULL;
    }

  if (self->item->stage == KDL_STORE_STAGE_GENERATE)
    {
      self->gen = self->item;
      self->judge = partner;
    }
  else
    {
      self->judge = self->item;
      self->gen = partner;
    }

  run = kdl_store_reader_get_run (reader, self->item->run_id, error);
  if (run == NULL)
    return NULL;
  self->score_max = run->score_max;

  if (self->gen != NULL && self->gen->run_id != run->id)
    {
      gen_run = kdl_store_reader_get_run (reader, self->gen->run_id, error);
      if (gen_run == NULL)
        return NULL;
    }

  if (!read_row (reader, self, run->dataset_id, error))
    return NULL;

  if (self->gen != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      const KdlStoreRun *made_by = gen_run ? gen_run : run;

      /* A chained item was built on another output, not on the row's MCQs. */
      self->uses_mcq = self->gen->source_item_id == 0 &&
                       template_uses_mcq (reader, made_by->generate_template_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

typedef struct
{
  char   *path;
  gint64  item_id;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->path);
  g_free (load);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  KdlReviewSample *sample;
  GError *error = NULL;

  reader = kdl_store_reader_open (load->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sample = kdl_review_sample_read (reader, load->item_id, &error);
  if (sample == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sample, (GDestroyNotify)kdl_review_sample_free);
}

void
kdl_review_sample_load_async (KdlStore            *store,
                              gint64               item_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (KDL_IS_STORE (store));

  load = g_new0 (Load, 1);
  load->path = g_strdup (kdl_store_get_path (store));
  load->item_id = item_id;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_review_sample_load_async);
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_worker);
}

KdlReviewSample *
kdl_review_sample_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kdl_review_sample_get_review_item:
 *
 * Returns: the item verdicts and edits go to: the generate item (the
 *   export reads its verdict first, and its edit), or the judge item of a
 *   judge that judged a dataset column
 */
gint64
kdl_review_sample_get_review_item (const KdlReviewSample *self)
{
  return self->gen != NULL ? self->gen->id : self->item->id;
}

/* The sample's verdict as the export reads it. */
KdlStoreVerdict
kdl_review_sample_get_verdict (const KdlReviewSample *self)
{
  if (self->gen != NULL && self->gen->verdict != KDL_STORE_VERDICT_NONE)
    return self->gen->verdict;
  if (self->judge != NULL)
    return self->judge->verdict;
  return KDL_STORE_VERDICT_NONE;
}

/* The generated text as the model wrote it, or NULL. */
const char *
kdl_review_sample_get_original (const KdlReviewSample *self)
{
  return self->gen != NULL ? self->gen->output : NULL;
}

const char *
kdl_review_sample_get_edit (const KdlReviewSample *self)
{
  return self->gen != NULL ? self->gen->edited_output : NULL;
}

/* What is exported: the edit when there is one. */
const char *
kdl_review_sample_get_text (const KdlReviewSample *self)
{
  const char *edit = kdl_review_sample_get_edit (self);

  return edit != NULL ? edit : kdl_review_sample_get_original (self);
}

/**
 * kdl_review_sample_check:
 *
 * The structure check of @text as the runner ran it on the sample (with
 * the row's MCQs as the originals to keep when the template used them).
 */
KdlStructureCheck *
kdl_review_sample_check (const KdlReviewSample *self,
                         const char            *text)
{
  g_autoptr(KdlExam) originals = NULL;

  if (self->uses_mcq && self->row_mcq != NULL)
    originals = kdl_exam_parse_combined (self->row_mcq);

  return kdl_structure_check_run (text, originals != NULL ? originals->mcqs : NULL);
}
