/* kdl-runner-private.h — shared between the runner's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-rate-limiter.h"
#include "kdl-runner.h"
#include "kdl-template.h"

G_BEGIN_DECLS

/* A fail code that marks the item skipped instead of failed. */
#define KDL_RUN_SKIP "skip"

/* One item this session works on.  Only prepared, waiting and in-flight
 * items exist in memory; everything finished lives in the store. */
typedef struct
{
  KdlStoreItemRef  ref;
  GHashTable      *vars;          /* the row's variables (a judge needs them too) */
  char            *prompt;        /* rendered; NULL until prepared */
  GPtrArray       *originals;     /* KdlExamMcq the check requires first, or NULL */
  char            *fail_code;     /* preparation failed: the item fails with this */
  char            *fail_message;
  guint            retries;       /* retryable failures so far, this call */
  guint            regenerations;
  gint64           not_before_us; /* backoff */
  char            *generated;     /* the text to judge, handed over in memory */
  char            *output;        /* a finished generation, until committed */
  gboolean         judge_it;      /* …and whether its judge runs */
  int              slot;          /* -1 when not in flight */
  GCancellable    *cancellable;
  gboolean         requeue;       /* cancelled by a stop: back to pending */
} RunItem;

/* What the loader thread gives the main thread. */
typedef struct
{
  KdlTemplate *generate;
  KdlTemplate *judge;
  double       score_max;
  char        *mapping_json;
  gint64       dataset_id;
  gint64       parent_run_id;
  GArray      *refs;              /* KdlStoreItemRef still to do */
  guint        items_total;
  guint        items_done;
  guint        items_failed;
  guint        items_skipped;
  gint64       tokens_before;     /* the run's tokens from earlier sessions */
  KdlStoreReader *reader;         /* for the preparing worker, opened off the main thread */
  gboolean     uses_mcq;          /* the generate template has {mcq} */
} RunPlan;

void      _kdl_run_item_free      (RunItem        *item);
void      _kdl_run_plan_free      (RunPlan        *plan);
RunPlan  *_kdl_runner_load        (KdlStore       *store,
                                   gint64          run_id,
                                   GError        **error);
void      _kdl_runner_prepare     (KdlStoreReader *reader,
                                   RunPlan        *plan,
                                   RunItem        *item);
void      _kdl_runner_render      (RunPlan        *plan,
                                   RunItem        *item,
                                   const char     *generated);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunPlan, _kdl_run_plan_free)

G_END_DECLS
