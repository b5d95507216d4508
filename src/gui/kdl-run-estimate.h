/* kdl-run-estimate.h — calls, prompt tokens and time of a run before it starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The heuristic, in short:
 * - calls = rows × variants × stages (regenerations and retries come on top);
 * - prompt tokens: the templates are rendered for up to
 *   KDL_RUN_ESTIMATE_SAMPLE rows spread over the selection (a judge gets a
 *   stand-in for the text it will judge: the row's own questions, or the
 *   reference example), counted with kdl_run_estimate_tokens(), and the
 *   mean scaled to all rows;
 * - time: each call takes a first-reply latency plus its answer at a
 *   steady speed (KDL_RUN_ESTIMATE_*); calls run `concurrency` at a time,
 *   and never faster than the request rate: the larger of
 *   calls × seconds per call / concurrency and calls / rate.
 */

#pragma once

#include <gio/gio.h>

#include "kdl-run-launch.h"

G_BEGIN_DECLS

#define KDL_RUN_ESTIMATE_SAMPLE           16
#define KDL_RUN_ESTIMATE_FIRST_REPLY_S    1.5   /* Spark: request to first piece */
#define KDL_RUN_ESTIMATE_TOKENS_PER_S     40.0  /* Spark: answer speed */
#define KDL_RUN_ESTIMATE_JUDGE_ANSWER     200   /* tokens a judge's reply takes */
#define KDL_RUN_ESTIMATE_SIMULATOR_CALL_S 1.4   /* the offline simulator's pace */

typedef struct
{
  guint    rows;              /* rows the run takes */
  gboolean rows_approximate;  /* failed / unscored: counted in the last run */
  guint    calls;             /* rows × variants × stages */
  gint64   prompt_tokens;     /* approximate, all calls */
  double   seconds_per_call;
  double   seconds;           /* at the launch's concurrency and rate */
} KdlRunEstimate;

guint           kdl_run_estimate_tokens  (const char          *text);
double          kdl_run_estimate_seconds (guint                calls,
                                          guint                concurrency,
                                          double               qps,
                                          double               seconds_per_call);
void            kdl_run_estimate_async   (KdlRunLaunch        *launch,
                                          KdlStore            *store,
                                          gboolean             simulator,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
KdlRunEstimate *kdl_run_estimate_finish  (GAsyncResult        *result,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlRunEstimate, g_free)

G_END_DECLS
