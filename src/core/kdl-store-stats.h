/* kdl-store-stats.h — a run's figures, and the `stats --json` object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kdl-store-reader.h"

G_BEGIN_DECLS

/* Scores s with from <= s < to; the last bucket also holds s == to. */
typedef struct
{
  double from;
  double to;
  guint  count;
} KdlStoreBucket;

typedef struct
{
  char   *name;
  double  mean;
  guint   count;   /* judge items that gave this part */
} KdlStorePart;

/* Counts are over samples (row × variant) except scored and unparsed,
 * which count judge items. */
typedef struct
{
  gint64   run_id;
  guint    rows;        /* distinct row ids */
  guint    samples;
  guint    done;        /* every item of the sample done or skipped */
  guint    failed;      /* some item of the sample failed */
  guint    retried;     /* some item needed more than one attempt */
  guint    scored;      /* judge items with a score */
  guint    unparsed;    /* judge items whose answer had no score */
  gboolean has_scores;  /* mean and median are meaningful */
  double   mean;
  double   median;
  double   score_max;   /* the histogram's range: [0, score_max] */
  GArray  *histogram;   /* of KdlStoreBucket */
  GArray  *parts;       /* of KdlStorePart, in the order the judge gave them */
  gint64   prompt_tokens;
  gint64   completion_tokens;
  gint64   total_tokens;
  /* The spread of the scores (meaningful with has_scores): the lowest
   * and highest, and the quartiles (linear between the two nearest
   * scores, as the median). */
  double   lowest;
  double   highest;
  double   q1;
  double   q3;
  /* The structure check of the samples' texts: generate items of the
   * run that were checked, and of those the ones that passed; for a
   * judge-only run, the generate items it judged. */
  guint    checked;
  guint    check_passed;
  /* Tokens of the run's items by KdlStoreStage (generate, judge). */
  gint64   stage_prompt_tokens[2];
  gint64   stage_completion_tokens[2];
} KdlStoreRunStats;

KdlStoreRunStats *kdl_store_reader_get_run_stats   (KdlStoreReader  *self,
                                                    gint64           run_id,
                                                    GError         **error);
JsonNode         *kdl_store_reader_build_stats_json (KdlStoreReader *self,
                                                    gint64           run_id,
                                                    GError         **error);
void              kdl_store_run_stats_free         (KdlStoreRunStats *self);
void              kdl_store_histogram_layout       (double           score_max,
                                                    guint           *n_buckets,
                                                    double          *width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreRunStats, kdl_store_run_stats_free)

G_END_DECLS
