/* kdl-duplicates.h — generated questions that repeat an original or each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kdl_duplicates_find() reads a run's finished generate items (the
 * reviewer's edit when there is one) and flags each sample whose questions
 * repeat something (kdl-mcq-fingerprint.h says what "the same" and
 * "similar" mean):
 *
 *   repeats-original   a question equals one of the row's original
 *                      questions (for a chained run also one of the
 *                      questions of the output it builds on)
 *   near-original      …or is at least `threshold` similar to one
 *   repeats-generated  a question equals a question earlier in row,
 *                      variant, question order: of another sample (any
 *                      row) or of the same sample; the earliest copy is
 *                      the match and is itself not flagged, so one copy
 *                      survives "reject duplicates"
 *   near-generated     …or is at least `threshold` similar to one (the
 *                      most similar earlier question is the match)
 *
 * A question gets at most one *-original and one *-generated match; an
 * exact one wins over a near one.
 *
 * Rebuild runs.  When a run's generate template uses {mcq} (the built-in
 * `rebuild`), the model was told to keep the questions it was given first
 * and unchanged, and the structure check requires it: the first n
 * questions of a sample (n = the questions {mcq} gave it, at most
 * KDL_STRUCTURE_CHECK_MCQ_COUNT, as the runner counts them) are its kept
 * originals when each equals or resembles a given question, its own first.
 * Each given question is kept once; kept originals are neither flagged nor
 * compared with other samples.  A further copy of an original is flagged.
 * Whether they are in the right order is the structure check's business.
 *
 * Scale.  Exact duplicates are found through the 64-bit keys of all
 * questions.  Near ones are compared directly within each row (generated
 * questions against the row's originals and the row's other questions);
 * across rows, MinHash with LSH banding picks candidate pairs (24 bands of
 * 5 hashes: a pair at similarity 0.8 is a candidate with probability
 * 0.9999, at 0.7 0.99, at 0.6 0.86), whose texts are then read again and
 * compared exactly, so every reported similarity is exact.  In memory:
 * about 110 bytes per question and the texts of one row at a time (plus,
 * in the end, those of the candidate pairs).  Results are computed on
 * demand, never stored in the project.
 *
 * Threads: a KdlDuplicates never changes once made; read it from any
 * thread.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdl-store.h"

G_BEGIN_DECLS

#define KDL_TYPE_DUPLICATES (kdl_duplicates_get_type ())

G_DECLARE_FINAL_TYPE (KdlDuplicates, kdl_duplicates, KDL, DUPLICATES, GObject)

/* Stable English codes: kdl_duplicate_code_to_string(). */
typedef enum
{
  KDL_DUPLICATE_REPEATS_ORIGINAL  = 1 << 0,
  KDL_DUPLICATE_NEAR_ORIGINAL     = 1 << 1,
  KDL_DUPLICATE_REPEATS_GENERATED = 1 << 2,
  KDL_DUPLICATE_NEAR_GENERATED    = 1 << 3,
} KdlDuplicateCode;

#define KDL_DUPLICATE_ALL (KDL_DUPLICATE_REPEATS_ORIGINAL | KDL_DUPLICATE_NEAR_ORIGINAL | \
                           KDL_DUPLICATE_REPEATS_GENERATED | KDL_DUPLICATE_NEAR_GENERATED)

/* All zero means the defaults. */
typedef struct
{
  double   threshold;     /* near duplicates: similarity ≥ this, 0.5–1;
                           * 0 = KDL_MCQ_FINGERPRINT_THRESHOLD (0.8) */
  gboolean ignore_edits;  /* read items.output even where a reviewer
                           * edited it (default: the edit, as exported) */
} KdlDuplicateOptions;

typedef struct
{
  KdlDuplicateCode code;
  guint            question;        /* 1-based position in this sample */
  gint64           other_item_id;   /* the generate item matched; 0: the
                                     * row's original questions */
  guint            other_row;       /* *-original: this sample's row */
  guint            other_variant;   /* 0-based; *-original: 0 */
  guint            other_question;  /* 1-based position there */
  double           similarity;      /* 1 for repeats-*, else 0–1 */
} KdlDuplicateMatch;

/* One flagged sample (generate item). */
typedef struct
{
  gint64                   item_id;
  guint                    row;
  guint                    variant;       /* 0-based */
  guint                    codes;         /* KdlDuplicateCode mask */
  guint                    n_matches;
  const KdlDuplicateMatch *matches;       /* by question, *-original first */
} KdlDuplicateItem;

typedef enum
{
  KDL_DUPLICATE_REJECT_NONE              = 0,
  KDL_DUPLICATE_REJECT_OVERRIDE_ACCEPTED = 1 << 0,  /* reject samples a reviewer accepted */
} KdlDuplicateRejectFlags;

const char             *kdl_duplicate_code_to_string      (KdlDuplicateCode             code);
gboolean                kdl_duplicate_code_from_string    (const char                  *str,
                                                           KdlDuplicateCode            *code);
const char             *kdl_duplicate_code_get_label      (KdlDuplicateCode             code);
char                   *kdl_duplicate_match_describe      (const KdlDuplicateMatch     *match,
                                                           gint64                       item_id);

KdlDuplicates          *kdl_duplicates_find               (KdlStoreReader              *reader,
                                                           gint64                       run_id,
                                                           const KdlDuplicateOptions   *options,
                                                           GCancellable                *cancellable,
                                                           GError                     **error);
void                    kdl_duplicates_find_async         (KdlStore                    *store,
                                                           gint64                       run_id,
                                                           const KdlDuplicateOptions   *options,
                                                           GCancellable                *cancellable,
                                                           GAsyncReadyCallback          callback,
                                                           gpointer                     user_data);
KdlDuplicates          *kdl_duplicates_find_finish        (KdlStore                    *store,
                                                           GAsyncResult                *result,
                                                           GError                     **error);

gint64                  kdl_duplicates_get_run_id         (KdlDuplicates               *self);
double                  kdl_duplicates_get_threshold      (KdlDuplicates               *self);
guint                   kdl_duplicates_get_n_samples      (KdlDuplicates               *self);
guint                   kdl_duplicates_get_n_questions    (KdlDuplicates               *self);
guint                   kdl_duplicates_get_n_items        (KdlDuplicates               *self);
const KdlDuplicateItem *kdl_duplicates_get_item           (KdlDuplicates               *self,
                                                           guint                        position);
const KdlDuplicateItem *kdl_duplicates_lookup             (KdlDuplicates               *self,
                                                           gint64                       item_id);
guint                   kdl_duplicates_get_codes          (KdlDuplicates               *self,
                                                           gint64                       item_id);
guint                   kdl_duplicates_count              (KdlDuplicates               *self,
                                                           guint                        codes);
GArray                 *kdl_duplicates_list_item_ids      (KdlDuplicates               *self,
                                                           guint                        codes);
void                    kdl_duplicates_build_json         (KdlDuplicates               *self,
                                                           JsonBuilder                 *builder);

gboolean                kdl_duplicates_reject             (KdlStore                    *store,
                                                           KdlDuplicates               *duplicates,
                                                           guint                        codes,
                                                           KdlDuplicateRejectFlags      flags,
                                                           guint                       *n_rejected,
                                                           GError                     **error);
void                    kdl_duplicates_reject_async       (KdlStore                    *store,
                                                           KdlDuplicates               *duplicates,
                                                           guint                        codes,
                                                           KdlDuplicateRejectFlags      flags,
                                                           GCancellable                *cancellable,
                                                           GAsyncReadyCallback          callback,
                                                           gpointer                     user_data);
gboolean                kdl_duplicates_reject_finish      (KdlStore                    *store,
                                                           GAsyncResult                *result,
                                                           guint                       *n_rejected,
                                                           GError                     **error);

G_END_DECLS
