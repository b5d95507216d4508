/* kdl-duplicates-private.h — shared between the duplicate finder's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-duplicates.h"
#include "kdl-mcq-fingerprint.h"

G_BEGIN_DECLS

/* LSH banding (kdl-duplicates.h gives the probabilities). */
#define KDL_DUPLICATES_N_BANDS   24
#define KDL_DUPLICATES_BAND_ROWS 5
#define KDL_DUPLICATES_N_HASHES  (KDL_DUPLICATES_N_BANDS * KDL_DUPLICATES_BAND_ROWS)

/* In one LSH bucket, each question is compared with at most this many of
 * the earliest others: a bucket of thousands of near-copies (a model that
 * keeps copying its format example) costs linear time, and each copy is
 * still flagged against an early one. */
#define KDL_DUPLICATES_BUCKET_LIMIT 32

void           _kdl_mcq_fingerprint_bands (const KdlMcqFingerprint *self,
                                           guint32                 *bands);

/* Takes @items (KdlDuplicateItem, `matches` holding an offset into
 * @matches until this call) and @matches (KdlDuplicateMatch). */
KdlDuplicates *_kdl_duplicates_new        (gint64                   run_id,
                                           double                   threshold,
                                           guint                    n_samples,
                                           guint                    n_questions,
                                           GArray                  *items,
                                           GArray                  *matches);

G_END_DECLS
