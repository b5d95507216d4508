/* kdl-duplicates-find.c — finding a run's duplicates (kdl-duplicates.h says how)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1. One row at a time: parse each sample, fingerprint its questions, set
 *    a rebuild's kept originals aside, compare the others with the row's
 *    originals and with the row's earlier questions; keep only each
 *    question's key and LSH bands.
 * 2. Exact duplicates: sort the keys; in each group the first question is
 *    the one that survives.
 * 3. Near duplicates across rows: sort each band's values; questions of
 *    other rows in one bucket are candidate pairs.
 * 4. Read the candidates' samples again and keep the pairs whose exact
 *    similarity reaches the threshold.
 */

#define G_LOG_DOMAIN "kdl-duplicates"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-duplicates-private.h"
#include "kdl-exam-parser.h"
#include "kdl-row-vars.h"
#include "kdl-structure-check.h"
#include "kdl-template.h"

/* How deep a chain of runs may be before it is a loop. */
#define MAX_CHAIN 256

#define NO_QUESTION G_MAXUINT32

typedef struct
{
  gint64 item_id;
  guint  row;
  guint  variant;
} Sample;

typedef struct
{
  guint64 key;
  guint32 sample;    /* index into Finder.samples */
  guint32 position;  /* 1-based */
} Question;

/* The best matches found so far for one generated question. */
typedef struct
{
  KdlDuplicateCode original_code;    /* 0: none */
  gint64           original_item;    /* 0: the row's own */
  guint            original_question;
  double           original_similarity;
  gboolean         generated_exact;
  guint32          generated_other;  /* a question index */
  double           generated_similarity;  /* 0: none */
} Found;

typedef struct
{
  KdlStoreReader *reader;
  GCancellable   *cancellable;
  double          threshold;
  gboolean        use_edits;
  gboolean        rebuild;           /* the generate template uses {mcq} */
  gint64          dataset_id;
  char           *mapping_json;
  GArray         *samples;           /* Sample */
  GArray         *questions;         /* Question: generated, not kept, not empty */
  GArray         *bands;             /* KDL_DUPLICATES_N_BANDS guint32 per question */
  GHashTable     *found;             /* question index → Found */
  guint           n_questions;       /* every generated question read */
} Finder;

static void
finder_clear (Finder *finder)
{
  g_clear_pointer (&finder->mapping_json, g_free);
  g_clear_pointer (&finder->samples, g_array_unref);
  g_clear_pointer (&finder->questions, g_array_unref);
  g_clear_pointer (&finder->bands, g_array_unref);
  g_clear_pointer (&finder->found, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Finder, finder_clear)

static Found *
get_found (Finder  *finder,
           guint32  question)
{
  Found *found = g_hash_table_lookup (finder->found, GUINT_TO_POINTER (question));

  if (found == NULL)
    {
      found = g_new0 (Found, 1);
      g_hash_table_insert (finder->found, GUINT_TO_POINTER (question), found);
    }

  return found;
}

static void
offer_near_generated (Finder  *finder,
                      guint32  question,
                      guint32  other,
                      double   similarity)
{
  Found *found = get_found (finder, question);

  if (found->generated_exact)
    return;
  if (similarity > found->generated_similarity ||
      (similarity == found->generated_similarity && other < found->generated_other))
    {
      found->generated_other = other;
      found->generated_similarity = similarity;
    }
}

static GPtrArray *
fingerprint_mcqs (GPtrArray *mcqs)
{
  GPtrArray *prints = g_ptr_array_new_full (mcqs->len, (GDestroyNotify)kdl_mcq_fingerprint_free);

  for (guint i = 0; i < mcqs->len; i++)
    g_ptr_array_add (prints, kdl_mcq_fingerprint_new (g_ptr_array_index (mcqs, i)));

  return prints;
}

/* The questions of a text, or NULL when it has none to read (no output:
 * the item is not part of the search). */
static GPtrArray *
read_output (Finder   *finder,
             gint64    item_id,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KdlExam) exam = NULL;

  text = kdl_store_reader_get_output (finder->reader, item_id, finder->use_edits, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND))
        {
          g_debug ("Item %lld: %s", (long long)item_id, local_error->message);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  exam = kdl_exam_parse_combined (text);

  return fingerprint_mcqs (exam->mcqs);
}

/* The row's original MCQs as the runner gives them to {mcq}. */
static GPtrArray *
read_originals (Finder  *finder,
                guint    row_no,
                GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KdlStoreRow) row = NULL;
  g_autoptr(GHashTable) vars = NULL;
  g_autoptr(KdlExam) exam = NULL;
  const char *mcq;

  if (finder->dataset_id == 0)
    return g_ptr_array_new ();

  row = kdl_store_reader_get_row (finder->reader, finder->dataset_id, row_no, &local_error);
  if (row == NULL)
    {
      if (!g_error_matches (local_error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("%s", local_error->message);
      return g_ptr_array_new ();
    }

  vars = kdl_row_vars_new_from_json (row->fields_json, finder->mapping_json, row_no, &local_error);
  if (vars == NULL)
    {
      /* A damaged row has no originals to repeat; the rest still counts. */
      g_warning ("%s", local_error->message);
      return g_ptr_array_new ();
    }

  mcq = g_hash_table_lookup (vars, "mcq");
  if (mcq == NULL || *mcq == '\0')
    return g_ptr_array_new ();

  exam = kdl_exam_parse_combined (mcq);

  return fingerprint_mcqs (exam->mcqs);
}

/*
 * A rebuild's kept originals: among the first n questions (n = the given
 * questions, at most four), each given question may be kept once, by the
 * question at its own position first, else by another of the first n.
 */
static void
find_kept (Finder    *finder,
           GPtrArray *prints,
           GPtrArray *given,
           gboolean  *kept)
{
  gboolean claimed[KDL_STRUCTURE_CHECK_MCQ_COUNT] = { FALSE, };
  guint n_given = MIN (given->len, KDL_STRUCTURE_CHECK_MCQ_COUNT);
  guint n = MIN (prints->len, n_given);

  for (guint p = 0; p < n; p++)
    if (kdl_mcq_fingerprint_matches (g_ptr_array_index (prints, p), g_ptr_array_index (given, p),
                                     finder->threshold, NULL))
      kept[p] = claimed[p] = TRUE;

  for (guint p = 0; p < n; p++)
    for (guint g = 0; g < n_given && !kept[p]; g++)
      if (!claimed[g] &&
          kdl_mcq_fingerprint_matches (g_ptr_array_index (prints, p), g_ptr_array_index (given, g),
                                       finder->threshold, NULL))
        kept[p] = claimed[g] = TRUE;
}

/* The first exact original, else the most similar one (the first of
 * equals); @originals before @source. */
static void
match_originals (Finder                  *finder,
                 guint32                  question,
                 const KdlMcqFingerprint *print,
                 GPtrArray               *originals,
                 GPtrArray               *source,
                 gint64                   source_item_id)
{
  GPtrArray *lists[2] = { originals, source };
  gint64 items[2] = { 0, source_item_id };
  gint64 best_item = 0;
  guint best_question = 0;
  double best = 0;
  gboolean exact = FALSE;
  Found *found;

  for (guint l = 0; l < G_N_ELEMENTS (lists) && !exact; l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len && !exact; i++)
      {
        const KdlMcqFingerprint *original = g_ptr_array_index (lists[l], i);
        double similarity;

        if (!kdl_mcq_fingerprint_matches (print, original, finder->threshold, &similarity))
          continue;
        if (kdl_mcq_fingerprint_get_key (print) == kdl_mcq_fingerprint_get_key (original))
          exact = TRUE;
        else if (similarity <= best)
          continue;
        best = similarity;
        best_item = items[l];
        best_question = i + 1;
      }

  if (best == 0)
    return;

  found = get_found (finder, question);
  found->original_code = exact ? KDL_DUPLICATE_REPEATS_ORIGINAL : KDL_DUPLICATE_NEAR_ORIGINAL;
  found->original_item = best_item;
  found->original_question = best_question;
  found->original_similarity = best;
}

typedef struct
{
  KdlMcqFingerprint *print;  /* not owned */
  guint32            question;
} RowQuestion;

static gboolean
read_sample (Finder                *finder,
             const KdlStoreItemRef *ref,
             GPtrArray             *originals,
             GArray                *row_questions,
             GPtrArray             *row_prints,
             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) prints = NULL;
  g_autoptr(GPtrArray) source = NULL;
  g_autofree gboolean *kept = NULL;
  Sample sample = { ref->id, ref->row, ref->variant };
  guint32 sample_index = finder->samples->len;

  prints = read_output (finder, ref->id, &local_error);
  if (prints == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_array_append_val (finder->samples, sample);
  finder->n_questions += prints->len;

  /* A chained run was given the output it builds on. */
  if (ref->source_item_id != 0)
    {
      source = read_output (finder, ref->source_item_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  kept = g_new0 (gboolean, prints->len);
  if (finder->rebuild)
    {
      GPtrArray *given = ref->source_item_id != 0 ? source : originals;

      if (given != NULL)
        find_kept (finder, prints, given, kept);
    }

  for (guint p = 0; p < prints->len; p++)
    {
      KdlMcqFingerprint *print = g_ptr_array_index (prints, p);
      Question question = { kdl_mcq_fingerprint_get_key (print), sample_index, p + 1 };
      guint32 index = finder->questions->len;
      RowQuestion row_question = { print, index };

      if (kept[p] || kdl_mcq_fingerprint_is_empty (print))
        continue;

      g_array_append_val (finder->questions, question);
      g_array_set_size (finder->bands, finder->bands->len + KDL_DUPLICATES_N_BANDS);
      _kdl_mcq_fingerprint_bands (print, &g_array_index (finder->bands, guint32,
                                                         finder->bands->len - KDL_DUPLICATES_N_BANDS));

      match_originals (finder, index, print, originals, source, ref->source_item_id);

      /* The row's earlier questions, this sample's included; equal keys
       * are left to the exact pass. */
      for (guint i = 0; i < row_questions->len; i++)
        {
          const RowQuestion *earlier = &g_array_index (row_questions, RowQuestion, i);
          double similarity;

          if (kdl_mcq_fingerprint_get_key (earlier->print) != question.key &&
              kdl_mcq_fingerprint_matches (print, earlier->print, finder->threshold, &similarity))
            offer_near_generated (finder, index, earlier->question, similarity);
        }

      g_array_append_val (row_questions, row_question);
    }

  /* The row's list points into these. */
  g_ptr_array_extend_and_steal (row_prints, g_steal_pointer (&prints));

  return TRUE;
}

static gboolean
read_run (Finder  *finder,
          GArray  *refs,
          GError **error)
{
  guint i = 0;

  while (i < refs->len)
    {
      guint row = g_array_index (refs, KdlStoreItemRef, i).row;
      g_autoptr(GPtrArray) originals = NULL;
      g_autoptr(GArray) row_questions = g_array_new (FALSE, FALSE, sizeof (RowQuestion));
      g_autoptr(GPtrArray) row_prints = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_mcq_fingerprint_free);

      if (g_cancellable_set_error_if_cancelled (finder->cancellable, error))
        return FALSE;

      originals = read_originals (finder, row, error);
      if (originals == NULL)
        return FALSE;

      for (; i < refs->len && g_array_index (refs, KdlStoreItemRef, i).row == row; i++)
        if (!read_sample (finder, &g_array_index (refs, KdlStoreItemRef, i), originals,
                          row_questions, row_prints, error))
          return FALSE;
    }

  return TRUE;
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *)a;
  guint64 y = *(const guint64 *)b;

  return x < y ? -1 : x > y;
}


typedef struct
{
  guint64 key;
  guint32 index;
} KeyEntry;

static int
compare_key_entries (gconstpointer a,
                     gconstpointer b)
{
  const KeyEntry *x = a;
  const KeyEntry *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;

  return x->index < y->index ? -1 : x->index > y->index;
}

/* Flags every later copy of a key as repeating the first; returns which
 * questions are the first of their key (the only ones LSH needs). */
static gboolean *
find_exact (Finder *finder)
{
  guint n = finder->questions->len;
  g_autofree KeyEntry *entries = g_new (KeyEntry, MAX (n, 1));
  gboolean *first = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      entries[i].key = g_array_index (finder->questions, Question, i).key;
      entries[i].index = i;
    }
  qsort (entries, n, sizeof *entries, compare_key_entries);

  for (guint start = 0, end; start < n; start = end)
    {
      first[entries[start].index] = TRUE;
      for (end = start + 1; end < n && entries[end].key == entries[start].key; end++)
        {
          Found *found = get_found (finder, entries[end].index);

          found->generated_exact = TRUE;
          found->generated_other = entries[start].index;
          found->generated_similarity = 1;
        }
    }

  return first;
}

static inline guint
question_row (Finder  *finder,
              guint32  question)
{
  guint32 sample = g_array_index (finder->questions, Question, question).sample;

  return g_array_index (finder->samples, Sample, sample).row;
}

static void
sort_unique (GArray *values)
{
  guint n = 0;

  if (values->len == 0)
    return;

  g_array_sort (values, compare_u64);
  for (guint i = 0; i < values->len; i++)
    if (n == 0 || g_array_index (values, guint64, n - 1) != g_array_index (values, guint64, i))
      g_array_index (values, guint64, n++) = g_array_index (values, guint64, i);
  g_array_set_size (values, n);
}

/* Sorts by the high 32 bits (LSD radix, 11 + 11 + 10 bits), keeping the
 * order of equal values: a qsort of 200,000 entries per band costs more
 * than everything else the bands do. */
static void
sort_by_high_half (guint64 *values,
                   guint64 *scratch,
                   guint    n)
{
  static const guint shifts[] = { 32, 43, 54 };
  guint64 *from = values, *to = scratch;

  for (guint pass = 0; pass < G_N_ELEMENTS (shifts); pass++)
    {
      guint count[2048] = { 0, };
      guint sum = 0;

      for (guint i = 0; i < n; i++)
        count[(from[i] >> shifts[pass]) & 2047]++;
      for (guint d = 0; d < 2048; d++)
        {
          guint c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        to[count[(from[i] >> shifts[pass]) & 2047]++] = from[i];

      {
        guint64 *t = from;
        from = to;
        to = t;
      }
    }

  /* Three passes leave the result in @scratch. */
  memcpy (values, from, n * sizeof *values);
}

/* Candidate pairs (later << 32 | earlier) of questions in different rows
 * that share an LSH bucket; the same row was compared directly. */
static GArray *
find_candidates (Finder          *finder,
                 const gboolean  *first,
                 GError         **error)
{
  guint n = finder->questions->len;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree guint64 *entries = g_new (guint64, MAX (n, 1));
  g_autofree guint64 *scratch = g_new (guint64, MAX (n, 1));
  const guint32 *bands = (const guint32 *)(gpointer)finder->bands->data;

  for (guint b = 0; b < KDL_DUPLICATES_N_BANDS; b++)
    {
      guint m = 0;

      if (g_cancellable_set_error_if_cancelled (finder->cancellable, error))
        return NULL;

      for (guint q = 0; q < n; q++)
        if (first[q])
          entries[m++] = ((guint64)bands[q * KDL_DUPLICATES_N_BANDS + b] << 32) | q;
      sort_by_high_half (entries, scratch, m);

      /* Within a bucket the entries are in question order. */
      for (guint start = 0, end; start < m; start = end)
        {
          for (end = start + 1; end < m && (entries[end] >> 32) == (entries[start] >> 32); end++)
            {
              guint32 later = (guint32)entries[end];
              guint row = question_row (finder, later);
              guint limit = MIN (end, start + KDL_DUPLICATES_BUCKET_LIMIT);

              for (guint e = start; e < limit; e++)
                {
                  guint32 earlier = (guint32)entries[e];
                  guint64 pair = ((guint64)later << 32) | earlier;

                  if (question_row (finder, earlier) != row)
                    g_array_append_val (pairs, pair);
                }
            }
        }

      /* A true pair shares many bands: keep each once. */
      if (pairs->len > (1u << 20))
        sort_unique (pairs);
    }

  sort_unique (pairs);

  return g_steal_pointer (&pairs);
}

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *)a;
  guint32 y = *(const guint32 *)b;

  return x < y ? -1 : x > y;
}

/* Reads the candidates' samples again and keeps the pairs whose exact
 * similarity reaches the threshold. */
static gboolean
verify_candidates (Finder  *finder,
                   GArray  *pairs,
                   GError **error)
{
  g_autoptr(GArray) needed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) prints = NULL;
  guint n_needed = 0;

  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);
      guint32 later = pair >> 32, earlier = (guint32)pair;

      g_array_append_val (needed, later);
      g_array_append_val (needed, earlier);
    }
  g_array_sort (needed, compare_u32);
  for (guint i = 0; i < needed->len; i++)
    if (n_needed == 0 || g_array_index (needed, guint32, n_needed - 1) != g_array_index (needed, guint32, i))
      g_array_index (needed, guint32, n_needed++) = g_array_index (needed, guint32, i);
  g_array_set_size (needed, n_needed);

  prints = g_ptr_array_new_full (n_needed, (GDestroyNotify)kdl_mcq_fingerprint_free);
  g_ptr_array_set_size (prints, n_needed);

  /* Question indices grow with the sample: one read per sample. */
  for (guint i = 0; i < n_needed;)
    {
      guint32 sample = g_array_index (finder->questions, Question, g_array_index (needed, guint32, i)).sample;
      g_autoptr(GPtrArray) sample_prints = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (finder->cancellable, error))
        return FALSE;

      sample_prints = read_output (finder, g_array_index (finder->samples, Sample, sample).item_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      for (; i < n_needed; i++)
        {
          const Question *question = &g_array_index (finder->questions, Question, g_array_index (needed, guint32, i));

          if (question->sample != sample)
            break;
          /* An edit since the first read may have removed the question. */
          if (sample_prints != NULL && question->position <= sample_prints->len)
            {
              g_ptr_array_index (prints, i) = g_ptr_array_index (sample_prints, question->position - 1);
              g_ptr_array_index (sample_prints, question->position - 1) = NULL;
            }
        }
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);
      guint32 later = pair >> 32, earlier = (guint32)pair;
      guint32 *l = bsearch (&later, needed->data, n_needed, sizeof (guint32), compare_u32);
      guint32 *e = bsearch (&earlier, needed->data, n_needed, sizeof (guint32), compare_u32);
      const KdlMcqFingerprint *a = g_ptr_array_index (prints, l - (guint32 *)(gpointer)needed->data);
      const KdlMcqFingerprint *b = g_ptr_array_index (prints, e - (guint32 *)(gpointer)needed->data);
      double similarity;

      if (a != NULL && b != NULL && kdl_mcq_fingerprint_matches (a, b, finder->threshold, &similarity))
        offer_near_generated (finder, later, earlier, similarity);
    }

  return TRUE;
}

static KdlDuplicates *
build_result (Finder *finder,
              gint64  run_id)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlDuplicateItem));
  g_autoptr(GArray) matches = g_array_new (FALSE, TRUE, sizeof (KdlDuplicateMatch));
  g_autoptr(GArray) flagged = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key;
  guint32 current = NO_QUESTION;

  g_hash_table_iter_init (&iter, finder->found);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 question = GPOINTER_TO_UINT (key);
      g_array_append_val (flagged, question);
    }
  g_array_sort (flagged, compare_u32);

  for (guint i = 0; i < flagged->len; i++)
    {
      guint32 index = g_array_index (flagged, guint32, i);
      const Found *found = g_hash_table_lookup (finder->found, GUINT_TO_POINTER (index));
      const Question *question = &g_array_index (finder->questions, Question, index);
      const Sample *sample = &g_array_index (finder->samples, Sample, question->sample);
      KdlDuplicateItem *item;

      if (found->original_code == 0 && found->generated_similarity == 0)
        continue;

      if (question->sample != current)
        {
          KdlDuplicateItem new_item = { sample->item_id, sample->row, sample->variant, 0, 0, NULL };

          g_array_append_val (items, new_item);
          current = question->sample;
        }
      item = &g_array_index (items, KdlDuplicateItem, items->len - 1);

      if (found->original_code != 0)
        {
          KdlDuplicateMatch match = {
            found->original_code, question->position, found->original_item, sample->row, 0,
            found->original_question, found->original_similarity,
          };

          g_array_append_val (matches, match);
          item->codes |= match.code;
          item->n_matches++;
        }

      if (found->generated_similarity > 0)
        {
          const Question *other = &g_array_index (finder->questions, Question, found->generated_other);
          const Sample *other_sample = &g_array_index (finder->samples, Sample, other->sample);
          KdlDuplicateMatch match = {
            found->generated_exact ? KDL_DUPLICATE_REPEATS_GENERATED : KDL_DUPLICATE_NEAR_GENERATED,
            question->position, other_sample->item_id, other_sample->row, other_sample->variant,
            other->position, found->generated_similarity,
          };

          g_array_append_val (matches, match);
          item->codes |= match.code;
          item->n_matches++;
        }
    }

  return _kdl_duplicates_new (run_id, finder->threshold, finder->samples->len, finder->n_questions,
                              g_steal_pointer (&items), g_steal_pointer (&matches));
}

static gboolean
template_uses_mcq (KdlStoreReader  *reader,
                   gint64           template_id,
                   gboolean        *uses,
                   GError         **error)
{
  g_autoptr(KdlStoreTemplate) stored = NULL;
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;
  g_autoptr(GError) local_error = NULL;

  *uses = FALSE;
  if (template_id == 0)
    return TRUE;

  stored = kdl_store_reader_get_template (reader, template_id, error);
  if (stored == NULL)
    return FALSE;

  template = kdl_template_new_from_text (stored->text, -1, stored->name, &local_error);
  if (template == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The template stored with the run cannot be read: "));
      return FALSE;
    }

  placeholders = kdl_template_list_placeholders (template, NULL);
  for (guint i = 0; i < placeholders->len && !*uses; i++)
    *uses = g_strcmp0 (((KdlPlaceholder *)g_ptr_array_index (placeholders, i))->name, "mcq") == 0;

  return TRUE;
}

/* The dataset whose rows a run (or the run it chains from) read. */
static gboolean
resolve_dataset (Finder             *finder,
                 const KdlStoreRun  *run,
                 GError            **error)
{
  gint64 dataset_id = run->dataset_id;
  gint64 parent_id = run->parent_run_id;
  g_autoptr(KdlStoreDataset) dataset = NULL;

  for (guint depth = 0; dataset_id == 0 && parent_id != 0; depth++)
    {
      g_autoptr(KdlStoreRun) parent = NULL;

      if (depth == MAX_CHAIN)
        {
          g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID,
                       _("Run %lld builds on a chain of runs that never reaches a dataset. The project may be damaged."),
                       (long long)run->id);
          return FALSE;
        }
      parent = kdl_store_reader_get_run (finder->reader, parent_id, error);
      if (parent == NULL)
        return FALSE;
      dataset_id = parent->dataset_id;
      parent_id = parent->parent_run_id;
    }

  finder->dataset_id = dataset_id;
  if (dataset_id == 0)
    return TRUE;

  dataset = kdl_store_reader_get_dataset (finder->reader, dataset_id, error);
  if (dataset == NULL)
    return FALSE;
  finder->mapping_json = g_strdup (dataset->mapping_json);

  return TRUE;
}

/**
 * kdl_duplicates_find:
 * @reader: a read connection, used by this thread until the call returns
 * @run_id: the run whose generate items are searched
 * @options: (nullable): NULL for the defaults
 * @cancellable: (nullable): checked between rows
 *
 * Flags the run's finished generate items that repeat an original or each
 * other (kdl-duplicates.h).  Blocking: the GUI calls
 * kdl_duplicates_find_async().
 *
 * Returns: (transfer full): the result, or NULL with @error set
 */
KdlDuplicates *
kdl_duplicates_find (KdlStoreReader             *reader,
                     gint64                      run_id,
                     const KdlDuplicateOptions  *options,
                     GCancellable               *cancellable,
                     GError                    **error)
{
  g_auto(Finder) finder = { 0 };
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autofree gboolean *first = NULL;
  gint64 start;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  finder.reader = reader;
  finder.cancellable = cancellable;
  finder.threshold = options != NULL && options->threshold != 0 ? options->threshold
                                                                : KDL_MCQ_FINGERPRINT_THRESHOLD;
  finder.use_edits = options == NULL || !options->ignore_edits;

  if (!(finder.threshold >= 0.5 && finder.threshold <= 1))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The similarity threshold for near duplicates must be between 0.5 and 1 (it is %g)."),
                   finder.threshold);
      return NULL;
    }

  run = kdl_store_reader_get_run (reader, run_id, error);
  if (run == NULL ||
      !template_uses_mcq (reader, run->generate_template_id, &finder.rebuild, error) ||
      !resolve_dataset (&finder, run, error))
    return NULL;

  refs = kdl_store_reader_list_outputs (reader, run_id, error);
  if (refs == NULL)
    return NULL;

  finder.samples = g_array_sized_new (FALSE, FALSE, sizeof (Sample), refs->len);
  /* Four questions a sample, as a rule: no doubling of the largest array. */
  finder.questions = g_array_sized_new (FALSE, FALSE, sizeof (Question), 4 * refs->len);
  finder.bands = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 4 * refs->len * KDL_DUPLICATES_N_BANDS);
  finder.found = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  start = g_get_monotonic_time ();
  if (!read_run (&finder, refs, error))
    return NULL;
  g_clear_pointer (&refs, g_array_unref);
  g_debug ("Run %lld: %u samples, %u questions (%u compared) read in %.2f s",
           (long long)run_id, finder.samples->len, finder.n_questions, finder.questions->len,
           (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  start = g_get_monotonic_time ();
  first = find_exact (&finder);
  pairs = find_candidates (&finder, first, error);
  if (pairs == NULL)
    return NULL;
  g_clear_pointer (&finder.bands, g_array_unref);
  g_debug ("Run %lld: %u candidate pairs across rows in %.2f s", (long long)run_id, pairs->len,
           (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  start = g_get_monotonic_time ();
  if (!verify_candidates (&finder, pairs, error))
    return NULL;
  g_debug ("Run %lld: candidates compared in %.2f s", (long long)run_id,
           (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  return build_result (&finder, run_id);
}
