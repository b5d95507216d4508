/* kdl-mcq-fingerprint.h — what makes two multiple-choice questions the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fingerprint reads a question's stem and option texts (not its number,
 * option letters or answer) through kdl_mcq_fingerprint_normalize():
 *
 * - exact key: a 64-bit hash of the normalised stem and the *set* of
 *   normalised options, so blanks, full-width/half-width forms, case,
 *   punctuation and the order of the options do not count;
 * - similarity: the Jaccard index of the character-trigram sets of the
 *   normalised stem and options (each text shingled on its own, so the
 *   option order does not count either).  Character shingles work for
 *   Chinese, which has no spaces between words, as well as for English.
 *
 * KDL_MCQ_FINGERPRINT_THRESHOLD is the default "near duplicate" bound.  On
 * the sample data, distinct questions written for one passage reach at most
 * 0.22 and questions of different passages 0.10, while a copy with one or
 * two characters changed stays above 0.84 and one with an English word
 * changed above 0.92.
 */

#pragma once

#include "kdl-exam.h"

G_BEGIN_DECLS

#define KDL_MCQ_FINGERPRINT_THRESHOLD 0.8

typedef struct _KdlMcqFingerprint KdlMcqFingerprint;

char              *kdl_mcq_fingerprint_normalize  (const char              *text);
KdlMcqFingerprint *kdl_mcq_fingerprint_new        (const KdlExamMcq        *mcq);
void               kdl_mcq_fingerprint_free       (KdlMcqFingerprint       *self);
gboolean           kdl_mcq_fingerprint_is_empty   (const KdlMcqFingerprint *self);
guint64            kdl_mcq_fingerprint_get_key    (const KdlMcqFingerprint *self);
guint              kdl_mcq_fingerprint_get_size   (const KdlMcqFingerprint *self);
double             kdl_mcq_fingerprint_similarity (const KdlMcqFingerprint *a,
                                                   const KdlMcqFingerprint *b);
gboolean           kdl_mcq_fingerprint_matches    (const KdlMcqFingerprint *a,
                                                   const KdlMcqFingerprint *b,
                                                   double                   threshold,
                                                   double                  *similarity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlMcqFingerprint, kdl_mcq_fingerprint_free)

G_END_DECLS
