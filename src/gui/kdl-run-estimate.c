/* kdl-run-estimate.c
 *
 * Figures for the setup form, worked out in a worker (rendering templates
 * and reading the project take time); see the header for the heuristic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-estimate"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-row-vars.h"
#include "kdl-run-estimate.h"

#define ITEM_PAGE 500

/* Spark counts about 1.5 Chinese characters or 0.8 English words per token
 * (its pricing page); other symbols are cheap. */
guint
kdl_run_estimate_tokens (const char *text)
{
  double tokens = 0;
  gboolean in_word = FALSE;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iswide (c))
        {
          tokens += 1 / 1.5;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c))
        {
          if (!in_word)
            tokens += 1 / 0.8;
          in_word = TRUE;
        }
      else
        {
          if (!g_unichar_isspace (c))
            tokens += 0.5;
          in_word = FALSE;
        }
    }

  return (guint)(tokens + 0.5);
}

double
kdl_run_estimate_seconds (guint  calls,
                          guint  concurrency,
                          double qps,
                          double seconds_per_call)
{
  double by_concurrency = calls * seconds_per_call / MAX (concurrency, 1);
  double by_rate = qps > 0 ? calls / qps : 0;

  return MAX (by_concurrency, by_rate);
}

typedef struct
{
  GHashTable *vars;       /* the row's variables */
  char       *generated;  /* the text a judge (or a chained step) works on */
} Sample;

static void
sample_clear (Sample *sample)
{
  g_clear_pointer (&sample->vars, g_hash_table_unref);
  g_clear_pointer (&sample->generated, g_free);
}

typedef struct
{
  KdlRunLaunch *launch;
  gboolean      simulator;
} EstimateData;

static void
estimate_data_free (EstimateData *data)
{
  kdl_run_launch_free (data->launch);
  g_free (data);
}

/* Row ids of @run's samples that failed, or that have no score. */
static GHashTable *
rows_picked_in_run (KdlStoreReader  *reader,
                    gint64           run_id,
                    KdlRunSelect     select,
                    GError         **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) ids = NULL;
  KdlStoreItemQuery query;

  kdl_store_item_query_init (&query, run_id);
  if (select == KDL_RUN_SELECT_FAILED)
    {
      query.any_stage = TRUE;
      query.states = 1 << KDL_STORE_ITEM_FAILED;
    }
  else
    {
      query.stage = KDL_STORE_STAGE_JUDGE;
    }

  ids = kdl_store_reader_query_items (reader, &query, error);
  if (ids == NULL)
    return NULL;

  for (guint start = 0; start < ids->len; start += ITEM_PAGE)
    {
      g_autoptr(GPtrArray) items = kdl_store_reader_get_items (reader, &g_array_index (ids, gint64, start),
                                                               MIN (ITEM_PAGE, ids->len - start), error);

      if (items == NULL)
        return NULL;
      for (guint i = 0; i < items->len; i++)
        {
          const KdlStoreItem *item = g_ptr_array_index (items, i);

          if (select == KDL_RUN_SELECT_FAILED || !item->has_score)
            g_hash_table_add (rows, GUINT_TO_POINTER (item->row));
        }
    }

  return g_steal_pointer (&rows);
}

/* The last run over a file at the same place: what "failed" and
 * "unscored" will most likely be taken from. */
static gint64
last_run_of_file (KdlStoreReader *reader,
                  GFile          *file)
{
  g_autoptr(GPtrArray) runs = kdl_store_reader_list_runs (reader, NULL);
  g_autofree char *path = g_file_get_path (file);

  for (guint i = runs ? runs->len : 0; i > 0; i--)
    {
      const KdlStoreRun *run = g_ptr_array_index (runs, i - 1);
      g_autoptr(KdlStoreDataset) dataset = NULL;

      if (run->dataset_id <= 0 || run->parent_run_id > 0)
        continue;
      dataset = kdl_store_reader_get_dataset (reader, run->dataset_id, NULL);
      if (dataset != NULL && g_strcmp0 (dataset->source_path, path) == 0)
        return run->id;
    }

  return 0;
}

static gboolean
row_in_range (const KdlRunLaunch *launch,
              guint               row)
{
  return (launch->row_first == 0 || row >= launch->row_first) &&
         (launch->row_last == 0 || row <= launch->row_last);
}

/* A judge's stand-in: the row's own questions are about as long as the
 * questions it will be shown. */
static char *
stand_in_text (GHashTable *vars)
{
  const char *mcq = g_hash_table_lookup (vars, "mcq");
  const char *reference = g_hash_table_lookup (vars, "reference");

  return g_strdup (mcq != NULL && *mcq ? mcq : (reference ? reference : ""));
}

/* Rows and samples from the dataset; returns how many samples there are. */
static guint
samples_from_dataset (KdlRunLaunch  *launch,
                      KdlStore      *store,
                      GArray        *samples,
                      guint         *rows,
                      gboolean      *approximate,
                      GError       **error)
{
  KdlDataset *dataset = launch->dataset;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  guint n = launch->positions ? launch->positions->len : kdl_dataset_get_n_loaded (dataset);
  guint step;

  if (launch->select != KDL_RUN_SELECT_ALL)
    {
      g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, error);
      gint64 last;

      if (reader == NULL)
        return 0;
      last = last_run_of_file (reader, kdl_dataset_get_file (dataset));
      if (last == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no earlier run over this dataset to pick failed or unscored rows from."));
          return 0;
        }
      wanted = rows_picked_in_run (reader, last, launch->select, error);
      if (wanted == NULL)
        return 0;
      *approximate = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      guint position = launch->positions ? g_array_index (launch->positions, guint, i) : i;
      guint row = kdl_dataset_get_row_id (dataset, position);

      if (!row_in_range (launch, row) ||
          (wanted != NULL && !g_hash_table_contains (wanted, GUINT_TO_POINTER (row))))
        continue;
      if (launch->limit > 0 && taken->len >= launch->limit)
        break;
      g_array_append_val (taken, position);
    }

  *rows = taken->len;
  map = kdl_dataset_dup_column_map (dataset);
  step = MAX (1, taken->len / KDL_RUN_ESTIMATE_SAMPLE);
  for (guint i = 0; i < taken->len && samples->len < KDL_RUN_ESTIMATE_SAMPLE; i += step)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, g_array_index (taken, guint, i));
      Sample sample = { 0 };

      if (record == NULL)
        continue;
      sample.vars = kdl_row_vars_new (map, record);
      sample.generated = stand_in_text (sample.vars);
      g_array_append_val (samples, sample);
    }

  return taken->len * MAX (launch->variants, 1);
}

/* Another run's outputs: one sample each. */
static guint
samples_from_run (KdlRunLaunch  *launch,
                  KdlStore      *store,
                  GArray        *samples,
                  guint         *rows,
                  gboolean      *approximate,
                  GError       **error)
{
  g_autoptr(KdlStoreReader) reader = kdl_store_open_reader (store, error);
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(KdlStoreDataset) dataset = NULL;
  g_autoptr(GArray) outputs = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) wanted = NULL;
  guint last_row = 0;
  guint step;

  if (reader == NULL)
    return 0;
  run = kdl_store_reader_get_run (reader, launch->from_run, error);
  if (run == NULL)
    return 0;
  dataset = kdl_store_reader_get_dataset (reader, run->dataset_id, NULL);
  outputs = kdl_store_reader_list_outputs (reader, launch->from_run, error);
  if (outputs == NULL)
    return 0;
  if (launch->select != KDL_RUN_SELECT_ALL)
    {
      wanted = rows_picked_in_run (reader, launch->from_run, launch->select, error);
      if (wanted == NULL)
        return 0;
    }

  *rows = 0;
  for (guint i = 0; i < outputs->len; i++)
    {
      const KdlStoreItemRef *ref = &g_array_index (outputs, KdlStoreItemRef, i);

      if (!row_in_range (launch, ref->row) ||
          (wanted != NULL && !g_hash_table_contains (wanted, GUINT_TO_POINTER (ref->row))))
        continue;
      if (ref->row != last_row)
        {
          if (launch->limit > 0 && *rows >= launch->limit)
            break;
          (*rows)++;
          last_row = ref->row;
        }
      g_array_append_val (taken, i);
    }

  step = MAX (1, taken->len / KDL_RUN_ESTIMATE_SAMPLE);
  for (guint i = 0; i < taken->len && samples->len < KDL_RUN_ESTIMATE_SAMPLE; i += step)
    {
      const KdlStoreItemRef *ref = &g_array_index (outputs, KdlStoreItemRef, g_array_index (taken, guint, i));
      g_autoptr(KdlStoreRow) row = dataset ? kdl_store_reader_get_row (reader, dataset->id, ref->row, NULL) : NULL;
      Sample sample = { 0 };

      if (row == NULL)
        continue;
      sample.vars = kdl_row_vars_new_from_json (row->fields_json, dataset->mapping_json, ref->row, NULL);
      if (sample.vars == NULL)
        continue;
      sample.generated = kdl_store_reader_get_output (reader, ref->id, TRUE, NULL);
      if (sample.generated == NULL)
        sample.generated = g_strdup ("");
      g_array_append_val (samples, sample);
    }

  *approximate = FALSE;

  return taken->len;
}

static guint
render_tokens (KdlTemplate *template,
               GHashTable  *vars)
{
  g_autofree char *text = kdl_template_render (template, vars, NULL, NULL);

  return kdl_run_estimate_tokens (text);
}

static void
estimate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EstimateData *data = task_data;
  KdlRunLaunch *launch = data->launch;
  g_autoptr(KdlRunEstimate) estimate = g_new0 (KdlRunEstimate, 1);
  g_autoptr(GArray) samples = g_array_new (FALSE, TRUE, sizeof (Sample));
  GError *error = NULL;
  double gen_tokens = 0, judge_tokens = 0, answer_tokens = 0;
  guint n_samples;

  g_array_set_clear_func (samples, (GDestroyNotify)sample_clear);

  if (launch->from_run > 0)
    n_samples = samples_from_run (launch, source_object, samples, &estimate->rows,
                                  &estimate->rows_approximate, &error);
  else if (launch->dataset != NULL)
    n_samples = samples_from_dataset (launch, source_object, samples, &estimate->rows,
                                      &estimate->rows_approximate, &error);
  else
    n_samples = 0;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < samples->len; i++)
    {
      Sample *sample = &g_array_index (samples, Sample, i);

      if (g_task_return_error_if_cancelled (task))
        return;

      if (launch->from_run > 0 && launch->generate != NULL)
        {
          /* A chained run builds on the outputs, as the runner does. */
          g_hash_table_replace (sample->vars, g_strdup ("generated"), g_strdup (sample->generated));
          g_hash_table_replace (sample->vars, g_strdup ("mcq"), g_strdup (sample->generated));
        }
      if (launch->generate != NULL)
        gen_tokens += render_tokens (launch->generate, sample->vars);

      g_hash_table_replace (sample->vars, g_strdup ("generated"), g_strdup (sample->generated));
      answer_tokens += kdl_run_estimate_tokens (sample->generated);
      if (launch->judge != NULL)
        judge_tokens += render_tokens (launch->judge, sample->vars);
    }

  if (samples->len > 0)
    {
      gen_tokens /= samples->len;
      judge_tokens /= samples->len;
      answer_tokens /= samples->len;
    }

  estimate->calls = n_samples * kdl_run_launch_get_stages (launch);
  estimate->prompt_tokens = (gint64)((gen_tokens + judge_tokens) * n_samples + 0.5);

  if (data->simulator)
    estimate->seconds_per_call = KDL_RUN_ESTIMATE_SIMULATOR_CALL_S;
  else
    {
      double gen_s = KDL_RUN_ESTIMATE_FIRST_REPLY_S + answer_tokens / KDL_RUN_ESTIMATE_TOKENS_PER_S;
      double judge_s = KDL_RUN_ESTIMATE_FIRST_REPLY_S + KDL_RUN_ESTIMATE_JUDGE_ANSWER / KDL_RUN_ESTIMATE_TOKENS_PER_S;
      guint stages = kdl_run_launch_get_stages (launch);

      estimate->seconds_per_call = ((launch->generate ? gen_s : 0) + (launch->judge ? judge_s : 0)) /
                                   MAX (stages, 1);
    }
  estimate->seconds = kdl_run_estimate_seconds (estimate->calls, launch->options.concurrency,
                                                launch->options.qps, estimate->seconds_per_call);

  g_task_return_pointer (task, g_steal_pointer (&estimate), g_free);
}

/**
 * kdl_run_estimate_async:
 * @launch: (transfer full): the run as it would be created
 * @simulator: whether calls go to the offline simulator (its pace is known)
 */
void
kdl_run_estimate_async (KdlRunLaunch        *launch,
                        KdlStore            *store,
                        gboolean             simulator,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EstimateData *data;

  g_return_if_fail (launch != NULL);
  g_return_if_fail (KDL_IS_STORE (store));

  data = g_new0 (EstimateData, 1);
  data->launch = launch;
  data->simulator = simulator;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_run_estimate_async);
  g_task_set_task_data (task, data, (GDestroyNotify)estimate_data_free);
  g_task_run_in_thread (task, estimate_worker);
}

/* Returns: (transfer full): the figures, or %NULL with @error */
KdlRunEstimate *
kdl_run_estimate_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
