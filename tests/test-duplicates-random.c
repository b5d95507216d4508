/* test-duplicates-random.c — a random run against comparing all pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-duplicates.h"
#include "kdl-exam-parser.h"
#include "kdl-mcq-fingerprint.h"
#include "kdl-test-duplicates.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

/* LSH plus in-row comparison find exactly what comparing all pairs finds.  Stems share five formulas, as gaokao questions do, so
 * unrelated questions are a little alike and LSH has candidates to weed
 * out; each planted copy copies a question no other copy copies. */

#define RANDOM_ROWS     300
#define RANDOM_VARIANTS 2

static const char * const formulas[] = {
  "下列对文本相关内容的理解，不正确的一项是",
  "根据文本内容，下列说法正确的一项是",
  "下列对文本论证思路的分析，正确的一项是",
  "根据文本，下列推断合理的一项是",
  "文中画线句子的作用，下列说法不正确的一项是",
};

typedef struct
{
  char *stem;
  char *options[4];
  gboolean copied;   /* a source already, or a copy itself */
} RandomMcq;

static void
random_mcq_free (gpointer data)
{
  RandomMcq *mcq = data;

  g_free (mcq->stem);
  for (guint i = 0; i < 4; i++)
    g_free (mcq->options[i]);
  g_free (mcq);
}

static char *
random_cjk (GRand *rand,
            guint  n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_unichar (out, 0x4E00 + g_rand_int_range (rand, 0, 300));

  return g_string_free (out, FALSE);
}

static RandomMcq *
random_fresh (GRand *rand)
{
  RandomMcq *mcq = g_new0 (RandomMcq, 1);
  g_autofree char *tail = random_cjk (rand, 6);

  mcq->stem = g_strconcat (formulas[g_rand_int_range (rand, 0, G_N_ELEMENTS (formulas))], tail, NULL);
  for (guint i = 0; i < 4; i++)
    mcq->options[i] = random_cjk (rand, 14);

  return mcq;
}

/* Options shuffled, full-width punctuation added: the same question. */
static RandomMcq *
random_exact_copy (GRand     *rand,
                   RandomMcq *source)
{
  RandomMcq *mcq = g_new0 (RandomMcq, 1);
  guint shift = g_rand_int_range (rand, 1, 4);

  mcq->stem = g_strconcat (source->stem, "？（　　）", NULL);
  for (guint i = 0; i < 4; i++)
    mcq->options[i] = g_strconcat (source->options[(i + shift) % 4], "。", NULL);
  mcq->copied = source->copied = TRUE;

  return mcq;
}

/* One character changed in the stem's tail or an option. */
static RandomMcq *
random_near_copy (GRand     *rand,
                  RandomMcq *source)
{
  RandomMcq *mcq = g_new0 (RandomMcq, 1);
  guint part = g_rand_int_range (rand, 0, 5);
  char **text;
  glong length, at;
  char *p;
  GString *changed;

  mcq->stem = g_strdup (source->stem);
  for (guint i = 0; i < 4; i++)
    mcq->options[i] = g_strdup (source->options[i]);
  mcq->copied = source->copied = TRUE;

  text = part == 0 ? &mcq->stem : &mcq->options[part - 1];
  length = g_utf8_strlen (*text, -1);
  at = part == 0 ? length - g_rand_int_range (rand, 1, 7) : g_rand_int_range (rand, 0, length);
  p = g_utf8_offset_to_pointer (*text, at);
  changed = g_string_new_len (*text, p - *text);
  g_string_append_unichar (changed, 0x9FA0 - g_rand_int_range (rand, 0, 16));  /* outside the pool */
  g_string_append (changed, g_utf8_next_char (p));
  g_free (*text);
  *text = g_string_free (changed, FALSE);

  return mcq;
}

static void
append_mcq (GString         *out,
            guint            number,
            const RandomMcq *mcq)
{
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append_printf (out, "%u. %s\nA. %s\nB. %s\nC. %s\nD. %s\n答案:A", number, mcq->stem,
                          mcq->options[0], mcq->options[1], mcq->options[2], mcq->options[3]);
}

typedef struct
{
  gint64             item_id;
  guint              question;
  KdlMcqFingerprint *print;
} BruteQuestion;

static void
test_random_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("duplicates-random");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (kdl_test_seed (20261125));
  g_autoptr(GPtrArray) mcqs = g_ptr_array_new_with_free_func (random_mcq_free);
  g_autoptr(GArray) samples = g_array_new (FALSE, TRUE, sizeof (KdlTestSample));
  g_autoptr(GArray) brute = g_array_new (FALSE, TRUE, sizeof (BruteQuestion));
  g_autoptr(KdlDuplicates) duplicates = NULL;
  gint64 dataset_id, run_id;
  guint n_expected = 0, n_found = 0, n_exact = 0, n_near = 0;

  for (guint row = 1; row <= RANDOM_ROWS; row++)
    for (guint variant = 0; variant < RANDOM_VARIANTS; variant++)
      {
        GString *text = g_string_new (NULL);
        KdlTestSample sample = { row, variant, 0, NULL };

        for (guint q = 1; q <= 4; q++)
          {
            int dice = g_rand_int_range (rand, 0, 100);
            RandomMcq *source = mcqs->len > 0 ? g_ptr_array_index (mcqs, g_rand_int_range (rand, 0, mcqs->len)) : NULL;
            RandomMcq *mcq;

            if (dice < 5 && source != NULL && !source->copied)
              mcq = random_exact_copy (rand, source);
            else if (dice < 10 && source != NULL && !source->copied)
              mcq = random_near_copy (rand, source);
            else
              mcq = random_fresh (rand);
            g_ptr_array_add (mcqs, mcq);
            append_mcq (text, q, mcq);
          }
        sample.output = g_string_free (text, FALSE);
        g_ptr_array_add (texts, (char *)sample.output);
        g_array_append_val (samples, sample);
      }

  dataset_id = kdl_test_dup_add_dataset (store, NULL, RANDOM_ROWS);
  run_id = kdl_test_dup_add_run (store, dataset_id, kdl_test_dup_add_template (store, FALSE), 0,
                                 (KdlTestSample *)(gpointer)samples->data, samples->len);
  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  duplicates = kdl_duplicates_find (reader, run_id, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < samples->len; i++)
    {
      const KdlTestSample *sample = &g_array_index (samples, KdlTestSample, i);
      g_autoptr(KdlExam) exam = kdl_exam_parse_combined (sample->output);
      gint64 id = kdl_test_dup_item_id (reader, run_id, sample->row, sample->variant);

      g_assert_cmpuint (exam->mcqs->len, ==, 4);
      for (guint q = 0; q < 4; q++)
        {
          BruteQuestion question = { id, q + 1, kdl_mcq_fingerprint_new (g_ptr_array_index (exam->mcqs, q)) };
          g_array_append_val (brute, question);
        }
    }

  for (guint i = 0; i < brute->len; i++)
    {
      const BruteQuestion *question = &g_array_index (brute, BruteQuestion, i);
      const KdlDuplicateItem *item = kdl_duplicates_lookup (duplicates, question->item_id);
      const KdlDuplicateMatch *match = NULL;
      gint best = -1;
      double best_similarity = 0;
      gboolean exact = FALSE;

      for (guint j = 0; j < i && !exact; j++)
        {
          const BruteQuestion *earlier = &g_array_index (brute, BruteQuestion, j);
          double s;

          if (kdl_mcq_fingerprint_get_key (earlier->print) == kdl_mcq_fingerprint_get_key (question->print))
            {
              exact = TRUE;
              best = j;
              best_similarity = 1;
              break;
            }
          s = kdl_mcq_fingerprint_similarity (question->print, earlier->print);
          if (s >= KDL_MCQ_FINGERPRINT_THRESHOLD && s > best_similarity)
            best = j, best_similarity = s;
        }

      for (guint m = 0; item != NULL && m < item->n_matches; m++)
        if (item->matches[m].question == question->question)
          match = &item->matches[m];

      if (best < 0)
        {
          g_assert_null (match);
          continue;
        }

      n_expected++;
      n_exact += exact;
      n_near += !exact;
      if (match == NULL)
        g_error ("item %lld question %u: expected a match with similarity %.3f, none found",
                 (long long)question->item_id, question->question, best_similarity);
      g_assert_cmpint (match->code, ==, exact ? KDL_DUPLICATE_REPEATS_GENERATED : KDL_DUPLICATE_NEAR_GENERATED);
      g_assert_cmpint (match->other_item_id, ==, g_array_index (brute, BruteQuestion, best).item_id);
      g_assert_cmpuint (match->other_question, ==, g_array_index (brute, BruteQuestion, best).question);
      g_assert_cmpfloat_with_epsilon (match->similarity, best_similarity, 1e-12);
    }

  for (guint i = 0; i < kdl_duplicates_get_n_items (duplicates); i++)
    n_found += kdl_duplicates_get_item (duplicates, i)->n_matches;
  g_test_message ("%u questions: %u exact and %u near copies", brute->len, n_exact, n_near);
  g_assert_cmpuint (n_found, ==, n_expected);
  g_assert_cmpuint (n_exact, >, 20);
  g_assert_cmpuint (n_near, >, 20);

  for (guint i = 0; i < brute->len; i++)
    kdl_mcq_fingerprint_free (g_array_index (brute, BruteQuestion, i).print);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/duplicates/random-run", test_random_run);

  return g_test_run ();
}
