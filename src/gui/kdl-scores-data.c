/* kdl-scores-data.c
 *
 * The store computes a run's figures (kdl-store-stats.h); this turns them
 * into what the chart widgets draw, and turns a histogram bucket back
 * into the score range a review query needs to list exactly the samples
 * the store counted in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "kdl-scores-data.h"

/* The store's bucket of a score s is floor (s / width + 1e-9). */
#define STORE_EPSILON 1e-9

/**
 * kdl_scores_histogram_from_stats:
 *
 * Returns: (transfer full): the buckets and the unparsed count
 */
KdlHistogramData *
kdl_scores_histogram_from_stats (const KdlStoreRunStats *stats)
{
  KdlHistogramData *data = kdl_histogram_data_new (stats->score_max);

  for (guint i = 0; i < stats->histogram->len; i++)
    {
      const KdlStoreBucket *bucket = &g_array_index (stats->histogram, KdlStoreBucket, i);

      kdl_histogram_data_add_bucket (data, bucket->from, bucket->to, bucket->count);
    }
  kdl_histogram_data_set_unparsed (data, stats->unparsed);

  return data;
}

/**
 * kdl_scores_parts_from_stats:
 *
 * Returns: (transfer full): each rubric part's mean (the rubric's maxima
 *   are not stored, so the scale is the largest mean)
 */
KdlPartsData *
kdl_scores_parts_from_stats (const KdlStoreRunStats *stats)
{
  KdlPartsData *data = kdl_parts_data_new ();

  for (guint i = 0; i < stats->parts->len; i++)
    {
      const KdlStorePart *part = &g_array_index (stats->parts, KdlStorePart, i);

      kdl_parts_data_add (data, part->name, part->mean, 0);
    }

  return data;
}

/**
 * kdl_scores_tokens_from_stats:
 *
 * Returns: (transfer full): prompt and completion tokens of the run's
 *   generate and judge calls (a stage the run has not used is left out)
 */
KdlTokenData *
kdl_scores_tokens_from_stats (const KdlStoreRunStats *stats)
{
  KdlTokenData *data = kdl_token_data_new ();
  /* Translators: the token chart's bars: calls that generated questions, and calls that judged them */
  const char *labels[] = { C_("calls", "Generating"), C_("calls", "Judging") };

  for (guint stage = 0; stage < G_N_ELEMENTS (labels); stage++)
    if (stats->stage_prompt_tokens[stage] + stats->stage_completion_tokens[stage] > 0)
      kdl_token_data_add (data, labels[stage], stats->stage_prompt_tokens[stage],
                          stats->stage_completion_tokens[stage]);

  return data;
}

/* A run's box plot, exact (NAN everywhere without scores). */
void
kdl_scores_summary_from_stats (const KdlStoreRunStats *stats,
                               const char             *label,
                               KdlRunSummary          *summary)
{
  summary->label = (char *)label;
  summary->n = stats->scored;
  summary->mean = stats->has_scores ? stats->mean : NAN;
  summary->median = stats->has_scores ? stats->median : NAN;
  summary->q1 = stats->has_scores ? stats->q1 : NAN;
  summary->q3 = stats->has_scores ? stats->q3 : NAN;
  summary->min = stats->has_scores ? stats->lowest : NAN;
  summary->max = stats->has_scores ? stats->highest : NAN;
}

static double
bucket_width (KdlHistogramData *data)
{
  const KdlChartBucket *first = kdl_histogram_data_get_bucket (data, 0);

  return first->to - first->from;
}

/**
 * kdl_scores_bucket_range:
 * @index: a bucket of @data
 *
 * The score range of a store histogram's bucket, for
 * kdl_review_pane_set_score_range (): scores s with
 * (k − ε)·w ≤ s < (k + 1 − ε)·w, as the store puts s in bucket k; the first
 * bucket has no lower end and the last no upper end (the store puts
 * scores outside the scale there).
 *
 * Returns: %FALSE when @index is not a bucket
 */
gboolean
kdl_scores_bucket_range (KdlHistogramData *data,
                         guint             index,
                         gboolean         *has_min,
                         double           *min,
                         gboolean         *has_max,
                         double           *max)
{
  guint n;
  double width;

  g_return_val_if_fail (data != NULL, FALSE);

  n = kdl_histogram_data_get_n_buckets (data);
  if (index >= n)
    return FALSE;

  width = bucket_width (data);
  *has_min = index > 0;
  *min = (index - STORE_EPSILON) * width;
  *has_max = index < n - 1;
  /* Inclusive in the query: the largest double below the next edge. */
  *max = nextafter ((index + 1 - STORE_EPSILON) * width, -INFINITY);

  return TRUE;
}

/**
 * kdl_scores_threshold_minimum:
 *
 * The smallest score that counts as at or above @threshold (a bucket
 * edge), as the histogram counts it: the store's bucket rule again.
 */
double
kdl_scores_threshold_minimum (KdlHistogramData *data,
                              double            threshold)
{
  if (data == NULL || kdl_histogram_data_get_n_buckets (data) == 0)
    return threshold;

  return threshold - STORE_EPSILON * bucket_width (data);
}

/* "Run 3 · rebuild + judge", "Run 4 · judge". */
char *
kdl_scores_run_label (const KdlStoreRun *run)
{
  if (run->template_name != NULL && run->judge_name != NULL)
    /* Translators: a run in a list: its number, its generate template and its judge */
    return g_strdup_printf (_("Run %lld · %s + %s"), (long long)run->id, run->template_name, run->judge_name);
  if (run->template_name != NULL || run->judge_name != NULL)
    /* Translators: a run in a list: its number and its one template */
    return g_strdup_printf (_("Run %lld · %s"), (long long)run->id,
                            run->template_name ? run->template_name : run->judge_name);

  return g_strdup_printf (_("Run %lld"), (long long)run->id);
}
