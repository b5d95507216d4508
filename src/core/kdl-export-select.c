/* kdl-export-select.c — which records an export writes (kdl-export.h says why)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdl-exam-parser.h"
#include "kdl-export-private.h"
#include "kdl-structure-check.h"
#include "kdl-template.h"

/* How deep a chain of runs (--from-run) may be before it is a loop. */
#define MAX_CHAIN 256

/* A finished sample of one run, before merging and filtering. */
typedef struct
{
  guint            row;
  guint            variant;
  gint64           run_id;
  gint64           item_id;
  double           score;
  gboolean         has_score;
  gboolean         edited;
  gboolean         has_mcq;
  gboolean         structure_ok;
  KdlStoreVerdict  verdict;
} Candidate;

typedef struct
{
  KdlExportPlan     *plan;
  KdlStoreReader    *reader;
  KdlExportRenderer *renderer;
  GCancellable      *cancellable;
  GArray            *candidates;   /* Candidate */
  GHashTable        *rows;         /* rows the runs cover */
  GHashTable        *uses_mcq;     /* generating run id → its template reads {mcq} */
} Select;

static gboolean
resolve_dataset (KdlStoreReader  *reader,
                 gint64           run_id,
                 gint64          *dataset_id,
                 GError         **error)
{
  gint64 id = run_id;

  for (guint depth = 0; depth < MAX_CHAIN; depth++)
    {
      g_autoptr(KdlStoreRun) run = kdl_store_reader_get_run (reader, id, error);

      if (run == NULL)
        return FALSE;
      if (run->dataset_id != 0)
        {
          *dataset_id = run->dataset_id;
          return TRUE;
        }
      if (run->parent_run_id == 0)
        break;
      id = run->parent_run_id;
    }

  g_set_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_INVALID,
               _("Run %lld reads no dataset, so its rows have no passages to export."),
               (long long)run_id);
  return FALSE;
}

/* Does the generating run's template put the row's own MCQs in the prompt
 * (a rebuild)?  Then its outputs must keep them first, as the runner's
 * structure check asked. */
static gboolean
run_uses_mcq (Select  *self,
              gint64   run_id,
              GError **error)
{
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(KdlStoreTemplate) stored = NULL;
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;
  gpointer cached;
  gboolean uses = FALSE;

  if (g_hash_table_lookup_extended (self->uses_mcq, &run_id, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  run = kdl_store_reader_get_run (self->reader, run_id, error);
  if (run == NULL)
    return FALSE;

  if (run->generate_template_id != 0)
    {
      stored = kdl_store_reader_get_template (self->reader, run->generate_template_id, error);
      if (stored == NULL)
        return FALSE;
      /* A stored text that no longer parses cannot have asked for originals. */
      template = kdl_template_new_from_text (stored->text, -1, stored->name, NULL);
      if (template != NULL)
        {
          placeholders = kdl_template_list_placeholders (template, NULL);
          for (guint i = 0; i < placeholders->len && !uses; i++)
            {
              const KdlPlaceholder *placeholder = g_ptr_array_index (placeholders, i);
              uses = g_str_equal (placeholder->name, "mcq");
            }
        }
    }

  g_hash_table_insert (self->uses_mcq, g_memdup2 (&run_id, sizeof run_id), GINT_TO_POINTER (uses));
  return uses;
}

/* The structure check of a text the runner did not check as it is: an
 * edit, or an output never checked. */
static gboolean
check_again (Select              *self,
             const KdlStoreItem  *item,
             const char          *text,
             gboolean            *ok,
             GError             **error)
{
  g_autoptr(KdlExam) originals = NULL;
  g_autoptr(KdlStructureCheck) check = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean uses;

  uses = run_uses_mcq (self, item->run_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A chained item built on another output, not on the row's questions. */
  if (uses && item->source_item_id == 0)
    {
      GHashTable *vars = _kdl_export_renderer_get_vars (self->renderer, item->row, error);
      const char *mcq;

      if (vars == NULL)
        return FALSE;
      mcq = g_hash_table_lookup (vars, "mcq");
      if (mcq != NULL && *mcq != '\0')
        originals = kdl_exam_parse_combined (mcq);
    }

  check = kdl_structure_check_run (text, originals != NULL ? originals->mcqs : NULL);
  *ok = check->ok;

  return TRUE;
}

/* @gen is a generate item (of @run_id, or of the run a judge-only @run_id
 * judged), @judge the judge item scoring it in @run_id, if any. */
static gboolean
add_sample (Select              *self,
            gint64               run_id,
            const KdlStoreItem  *gen,
            const KdlStoreItem  *judge,
            GError             **error)
{
  const KdlExportOptions *options = self->plan->options;
  Candidate candidate = { 0 };
  const char *text;
  g_autofree char *canonical = NULL;
  guint n_mcqs = 0;

  g_hash_table_add (self->rows, GUINT_TO_POINTER (gen->row));

  if (gen->state != KDL_STORE_ITEM_DONE || gen->output == NULL)
    {
      self->plan->counts.unfinished++;
      return TRUE;
    }

  candidate.row = gen->row;
  candidate.variant = gen->variant;
  candidate.run_id = run_id;
  candidate.item_id = gen->id;
  candidate.has_score = judge != NULL && judge->has_score;
  candidate.score = candidate.has_score ? judge->score : 0;
  candidate.verdict = gen->verdict;
  if (candidate.verdict == KDL_STORE_VERDICT_NONE && judge != NULL)
    candidate.verdict = judge->verdict;
  candidate.edited = gen->edited_output != NULL;

  text = candidate.edited ? gen->edited_output : gen->output;
  canonical = _kdl_export_canonical (text, &n_mcqs);
  candidate.has_mcq = n_mcqs > 0;

  if (options->structure_ok)
    {
      if (candidate.edited || gen->check_ok < 0)
        {
          if (!check_again (self, gen, text, &candidate.structure_ok, error))
            return FALSE;
        }
      else
        candidate.structure_ok = gen->check_ok == 1;
    }

  g_array_append_val (self->candidates, candidate);
  return TRUE;
}

static GArray *
query_ids (Select         *self,
           gint64          run_id,
           KdlStoreStage   stage,
           GError        **error)
{
  KdlStoreItemQuery query;

  kdl_store_item_query_init (&query, run_id);
  query.any_stage = FALSE;
  query.stage = stage;
  query.order = KDL_STORE_ORDER_ROW;

  return kdl_store_reader_query_items (self->reader, &query, error);
}

static gboolean
collect_run (Select  *self,
             gint64   run_id,
             GError **error)
{
  g_autoptr(GArray) gen_ids = NULL;
  g_autoptr(GArray) judge_ids = NULL;
  g_autoptr(GHashTable) own = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Its own generate items, each with the judge item judging it here. */
  gen_ids = query_ids (self, run_id, KDL_STORE_STAGE_GENERATE, error);
  if (gen_ids == NULL)
    return FALSE;

  for (guint i = 0; i < gen_ids->len; i++)
    {
      g_autoptr(KdlStoreItem) gen = NULL;
      g_autoptr(KdlStoreItem) judge = NULL;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;

      g_hash_table_add (own, &g_array_index (gen_ids, gint64, i));
      gen = kdl_store_reader_get_item (self->reader, g_array_index (gen_ids, gint64, i), error);
      if (gen == NULL)
        return FALSE;
      if (gen->partner_id != 0)
        {
          judge = kdl_store_reader_get_item (self->reader, gen->partner_id, error);
          if (judge == NULL)
            return FALSE;
        }
      if (!add_sample (self, run_id, gen, judge, error))
        return FALSE;
    }

  /* Judge items re-judging another run's outputs: those outputs, with
   * this run's scores. */
  judge_ids = query_ids (self, run_id, KDL_STORE_STAGE_JUDGE, error);
  if (judge_ids == NULL)
    return FALSE;

  for (guint i = 0; i < judge_ids->len; i++)
    {
      g_autoptr(KdlStoreItem) judge = NULL;
      g_autoptr(KdlStoreItem) gen = NULL;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;

      judge = kdl_store_reader_get_item (self->reader, g_array_index (judge_ids, gint64, i), error);
      if (judge == NULL)
        return FALSE;
      if (judge->source_item_id == 0 || g_hash_table_contains (own, &judge->source_item_id))
        continue;

      gen = kdl_store_reader_get_item (self->reader, judge->source_item_id, error);
      if (gen == NULL)
        return FALSE;
      if (gen->stage != KDL_STORE_STAGE_GENERATE)
        continue;
      if (!add_sample (self, run_id, gen, judge, error))
        return FALSE;
    }

  return TRUE;
}

/* Row, variant, then the newest run first: the one that wins. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  if (x->variant != y->variant)
    return x->variant < y->variant ? -1 : 1;
  if (x->run_id != y->run_id)
    return x->run_id > y->run_id ? -1 : 1;
  if (x->item_id != y->item_id)
    return x->item_id > y->item_id ? -1 : 1;
  return 0;
}

/* Row, the original first, variant. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const KdlExportEntry *x = a;
  const KdlExportEntry *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  if (x->source != y->source)
    return x->source == KDL_EXPORT_SOURCE_ORIGINAL ? -1 : 1;
  if (x->variant != y->variant)
    return x->variant < y->variant ? -1 : 1;
  return 0;
}

static gboolean
passes (Select          *self,
        const Candidate *candidate)
{
  const KdlExportOptions *options = self->plan->options;
  KdlExportCounts *counts = &self->plan->counts;

  if (candidate->verdict == KDL_STORE_VERDICT_REJECTED)
    counts->rejected++;
  else if (options->accepted_only && candidate->verdict != KDL_STORE_VERDICT_ACCEPTED)
    counts->not_accepted++;
  else if (options->has_min_score && (!candidate->has_score || candidate->score < options->min_score))
    counts->below_min_score++;
  else if (options->structure_ok && !candidate->structure_ok)
    counts->structure_failed++;
  else if (!candidate->has_mcq)
    counts->no_mcq++;
  else
    return TRUE;

  return FALSE;
}

static void
merge_and_filter (Select *self)
{
  GArray *entries = self->plan->entries;

  g_array_sort (self->candidates, compare_candidates);

  for (guint i = 0; i < self->candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (self->candidates, Candidate, i);
      KdlExportEntry entry = { 0 };

      if (i > 0)
        {
          const Candidate *previous = &g_array_index (self->candidates, Candidate, i - 1);

          if (previous->row == candidate->row && previous->variant == candidate->variant)
            {
              self->plan->counts.superseded++;
              continue;
            }
        }

      if (!passes (self, candidate))
        continue;

      entry.row = candidate->row;
      entry.variant = candidate->variant;
      entry.run_id = candidate->run_id;
      entry.item_id = candidate->item_id;
      entry.has_score = candidate->has_score;
      entry.score = candidate->score;
      entry.edited = candidate->edited;
      entry.source = KDL_EXPORT_SOURCE_GENERATED;
      g_array_append_val (entries, entry);
      self->plan->counts.generated++;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

static gboolean
add_originals (Select  *self,
               GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint row = GPOINTER_TO_UINT (key);
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_rows);

  for (guint i = 0; i < rows->len; i++)
    {
      KdlExportEntry entry = { 0 };
      GHashTable *vars;
      const char *mcq;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;

      entry.row = g_array_index (rows, guint, i);
      vars = _kdl_export_renderer_get_vars (self->renderer, entry.row, error);
      if (vars == NULL)
        return FALSE;
      mcq = g_hash_table_lookup (vars, "mcq");
      if (mcq == NULL || *mcq == '\0')
        continue;

      entry.source = KDL_EXPORT_SOURCE_ORIGINAL;
      g_array_append_val (self->plan->entries, entry);
      self->plan->counts.original++;
    }

  return TRUE;
}

/* kdl-export.h: Fisher–Yates over the ascending row ids with GRand. */
static void
assign_sides (KdlExportPlan *plan)
{
  const KdlExportOptions *options = plan->options;
  KdlExportCounts *counts = &plan->counts;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) val = g_hash_table_new (NULL, NULL);
  g_autoptr(GRand) rand = NULL;

  for (guint i = 0; i < plan->entries->len; i++)
    {
      guint row = g_array_index (plan->entries, KdlExportEntry, i).row;

      if (rows->len == 0 || g_array_index (rows, guint, rows->len - 1) != row)
        g_array_append_val (rows, row);
    }
  counts->rows = rows->len;
  counts->records = plan->entries->len;

  if (options->val_fraction <= 0)
    {
      counts->train = counts->records;
      return;
    }

  rand = g_rand_new_with_seed (options->seed);
  for (guint i = rows->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint tmp = g_array_index (rows, guint, i - 1);

      g_array_index (rows, guint, i - 1) = g_array_index (rows, guint, j);
      g_array_index (rows, guint, j) = tmp;
    }

  counts->val_rows = (guint)floor (options->val_fraction * rows->len + 0.5);
  for (guint i = 0; i < counts->val_rows; i++)
    g_hash_table_add (val, GUINT_TO_POINTER (g_array_index (rows, guint, i)));

  for (guint i = 0; i < plan->entries->len; i++)
    {
      KdlExportEntry *entry = &g_array_index (plan->entries, KdlExportEntry, i);

      entry->side = g_hash_table_contains (val, GUINT_TO_POINTER (entry->row)) ? KDL_EXPORT_SIDE_VAL
                                                                              : KDL_EXPORT_SIDE_TRAIN;
      if (entry->side == KDL_EXPORT_SIDE_VAL)
        counts->val++;
      else
        counts->train++;
    }
}

static gboolean
resolve_runs (KdlExportPlan   *plan,
              KdlStoreReader  *reader,
              GArray          *run_ids,
              GError         **error)
{
  const KdlExportOptions *options = plan->options;
  g_autoptr(KdlStoreDataset) dataset = NULL;
  gint64 first_run = 0;

  for (guint i = 0; i < options->run_ids->len; i++)
    {
      gint64 run_id = g_array_index (options->run_ids, gint64, i);
      gint64 dataset_id = 0;
      gboolean seen = FALSE;

      for (guint j = 0; j < run_ids->len && !seen; j++)
        seen = g_array_index (run_ids, gint64, j) == run_id;
      if (seen)
        continue;

      if (!resolve_dataset (reader, run_id, &dataset_id, error))
        return FALSE;

      if (first_run == 0)
        {
          first_run = run_id;
          plan->dataset_id = dataset_id;
        }
      else if (dataset_id != plan->dataset_id)
        {
          g_set_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_DATASETS,
                       _("Runs %lld and %lld read different datasets, so their row ids do not match; export them one at a time."),
                       (long long)first_run, (long long)run_id);
          return FALSE;
        }
      g_array_append_val (run_ids, run_id);
    }

  dataset = kdl_store_reader_get_dataset (reader, plan->dataset_id, error);
  if (dataset == NULL)
    return FALSE;
  plan->mapping_json = g_strdup (dataset->mapping_json);

  return TRUE;
}

gboolean
_kdl_export_plan_select (KdlExportPlan   *plan,
                         KdlStoreReader  *reader,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(GArray) run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KdlExportRenderer) renderer = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) uses_mcq = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Select self;

  if (!resolve_runs (plan, reader, run_ids, error))
    return FALSE;

  renderer = _kdl_export_renderer_new (plan, reader);
  self = (Select) { plan, reader, renderer, cancellable, candidates, rows, uses_mcq };

  for (guint i = 0; i < run_ids->len; i++)
    if (!collect_run (&self, g_array_index (run_ids, gint64, i), error))
      return FALSE;

  merge_and_filter (&self);

  if (plan->options->include_original && !add_originals (&self, error))
    return FALSE;

  g_array_sort (plan->entries, compare_entries);
  assign_sides (plan);

  return TRUE;
}
