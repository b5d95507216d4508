/* kdl-score-bench.h — try a judge template's score reading on a reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-score.h"
#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_SCORE_BENCH (kdl_score_bench_get_type ())

G_DECLARE_FINAL_TYPE (KdlScoreBench, kdl_score_bench, KDL, SCORE_BENCH, AdwBin)

GtkWidget            *kdl_score_bench_new        (void);
void                  kdl_score_bench_set_judge  (KdlScoreBench *self,
                                                  int            score_max,
                                                  const char    *score_pattern);
void                  kdl_score_bench_set_reply  (KdlScoreBench *self,
                                                  const char    *reply);
const KdlScoreResult *kdl_score_bench_get_result (KdlScoreBench *self);
guint                 kdl_score_bench_get_n_examples (void);

G_END_DECLS
