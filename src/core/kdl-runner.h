/* kdl-runner.h — the batch engine: many streaming calls, scored, committed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-llm-provider.h"
#include "kdl-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint    concurrency;             /* calls in flight; default 4 */
  double   qps;                     /* requests per second; 0 = unlimited */
  guint    retries;                 /* retries of a retryable failure; default 4 */
  gint64   max_total_tokens;        /* stop (resumably) beyond this; 0 = no budget */
  guint    regenerate_on_fail;      /* regenerations when the structure check fails */
  gboolean judge_failed_structure;  /* judge outputs that failed the check too */
  guint    backoff_base_ms;         /* first retry after up to this; default 1000 */
  guint    backoff_max_ms;          /* default 30000 */
  guint    pushback_ms;             /* how long 11202/11203 lower the rate or
                                     * concurrency (one step); default 10000 */
  guint32  seed;                    /* for the backoff jitter */
} KdlRunOptions;

typedef struct
{
  KdlStoreRunState state;
  guint   items_total;     /* items of the run */
  guint   items_done;      /* committed done (including before a resume) */
  guint   items_failed;
  guint   items_skipped;
  guint   in_flight;
  guint   retried;         /* calls retried after a retryable failure */
  guint   regenerated;     /* generations redone after a failed check */
  guint   scored;
  guint   unparsed;
  double  score_sum;
  gint64  prompt_tokens;   /* this session's calls */
  gint64  completion_tokens;
  gint64  total_tokens;
  double  elapsed_s;
  double  items_per_minute;
  double  eta_s;           /* < 0 when unknown */
  guint   concurrency;     /* in force now (lowered after 11203) */
  double  qps;             /* in force now (lowered after 11202); 0 = unlimited */
} KdlRunProgress;

/* One call in flight, for a live view.  @text grows as deltas arrive. */
typedef struct
{
  gboolean       active;
  gint64         item_id;
  guint          row;
  guint          variant;
  KdlStoreStage  stage;
  guint          attempt;
  GString       *text;
} KdlRunSlot;

#define KDL_TYPE_RUNNER (kdl_runner_get_type ())

G_DECLARE_FINAL_TYPE (KdlRunner, kdl_runner, KDL, RUNNER, GObject)

void                  kdl_run_options_init      (KdlRunOptions        *options);
char                 *kdl_run_options_to_json   (const KdlRunOptions  *options);

KdlRunner            *kdl_runner_new            (KdlStore             *store,
                                                 gint64                run_id,
                                                 KdlLlmProvider       *generate_provider,
                                                 KdlLlmProvider       *judge_provider,
                                                 const KdlRunOptions  *options);
gint64                kdl_runner_get_run_id     (KdlRunner            *self);
void                  kdl_runner_run_async      (KdlRunner            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
KdlStoreRunState      kdl_runner_run_finish     (KdlRunner            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void                  kdl_runner_pause          (KdlRunner            *self);
void                  kdl_runner_resume         (KdlRunner            *self);
void                  kdl_runner_cancel         (KdlRunner            *self);
gboolean              kdl_runner_is_paused      (KdlRunner            *self);
const KdlRunProgress *kdl_runner_get_progress   (KdlRunner            *self);
guint                 kdl_runner_get_n_slots    (KdlRunner            *self);
const KdlRunSlot     *kdl_runner_get_slot       (KdlRunner            *self,
                                                 guint                 index);
const char           *kdl_runner_get_stop_code  (KdlRunner            *self);
const char           *kdl_runner_get_stop_message (KdlRunner          *self);
void                  kdl_runner_set_update_interval (KdlRunner       *self,
                                                      guint            ms);

G_END_DECLS
