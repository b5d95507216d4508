/* bench-duplicates.c — duplicate search over 50,000 samples × 4 questions
 *
 * Builds a project (25,000 rows with 2–4 original questions each, a run of
 * 2 variants per row) whose generated questions hold a few per cent of
 * planted copies: exact and near copies of the row's originals, of other
 * samples anywhere in the run, and a cluster of near copies of one
 * "format example" (a model that keeps copying its reference).  Stems use
 * five shared formulas and characters follow a skewed distribution, so
 * unrelated questions are somewhat alike, as real ones are.
 *
 * The search runs in a child process of its own, so its peak memory
 * (VmHWM) is the search's.  Prints figures and how many planted copies
 * were flagged; asserts nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "kdl-duplicates.h"
#include "kdl-test-duplicates.h"

#define N_ROWS     25000
#define N_VARIANTS 2
#define N_RECENT   4096   /* earlier generated questions a copy may copy */
#define SEED       20261125

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
} Mcq;

typedef Mcq RowMcqs[4];

typedef enum
{
  PLANT_EXACT_ORIGINAL,
  PLANT_NEAR_ORIGINAL,
  PLANT_EXACT_GENERATED,
  PLANT_NEAR_GENERATED,
  PLANT_FORMAT_EXAMPLE,
  N_PLANTS,
} Plant;

static const char * const plant_names[] = {
  "exact copy of an original", "near copy of an original", "exact copy of another sample",
  "near copy of another sample", "near copy of the format example",
};

static void
mcq_clear (Mcq *mcq)
{
  g_clear_pointer (&mcq->stem, g_free);
  for (guint i = 0; i < 4; i++)
    g_clear_pointer (&mcq->options[i], g_free);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static long
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  if (p == NULL)
    return -1;
  return strtol (p + strlen (field) + 1, NULL, 10);
}

/* Characters with a skewed frequency: a few are everywhere. */
static char *
random_text (GRand *rand,
             guint  min,
             guint  max)
{
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min, max + 1);

  for (guint i = 0; i < n; i++)
    {
      double u = g_rand_double (rand);
      g_string_append_unichar (out, 0x4E00 + (gunichar)(3000 * u * u * u));
    }

  return g_string_free (out, FALSE);
}

static void
random_mcq (GRand *rand,
            Mcq   *mcq)
{
  g_autofree char *tail = random_text (rand, 6, 10);

  mcq->stem = g_strconcat (formulas[g_rand_int_range (rand, 0, G_N_ELEMENTS (formulas))], tail, NULL);
  for (guint i = 0; i < 4; i++)
    mcq->options[i] = random_text (rand, 12, 24);
}

static void
exact_copy (GRand     *rand,
            const Mcq *source,
            Mcq       *mcq)
{
  guint shift = g_rand_int_range (rand, 0, 4);

  mcq->stem = g_strconcat (source->stem, "？", NULL);
  for (guint i = 0; i < 4; i++)
    mcq->options[i] = g_strconcat (source->options[(i + shift) % 4], "。", NULL);
}

/* One or two characters of an option changed. */
static void
near_copy (GRand     *rand,
           const Mcq *source,
           Mcq       *mcq)
{
  guint n = g_rand_int_range (rand, 1, 3);

  mcq->stem = g_strdup (source->stem);
  for (guint i = 0; i < 4; i++)
    mcq->options[i] = g_strdup (source->options[i]);

  for (guint k = 0; k < n; k++)
    {
      char **text = &mcq->options[g_rand_int_range (rand, 0, 4)];
      char *p = g_utf8_offset_to_pointer (*text, g_rand_int_range (rand, 0, g_utf8_strlen (*text, -1)));
      GString *changed = g_string_new_len (*text, p - *text);

      g_string_append_unichar (changed, 0x9F00 + g_rand_int_range (rand, 0, 100));
      g_string_append (changed, g_utf8_next_char (p));
      g_free (*text);
      *text = g_string_free (changed, FALSE);
    }
}

static void
append_mcq (GString   *out,
            guint      number,
            const Mcq *mcq)
{
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append_printf (out, "%u. %s\nA. %s\nB. %s\nC. %s\nD. %s\n答案:B", number, mcq->stem,
                          mcq->options[0], mcq->options[1], mcq->options[2], mcq->options[3]);
}

/* Writes the project; @planted gets "row variant question plant" lines. */
static gint64
build_project (const char *path,
               GString    *planted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) originals_text = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) samples = g_array_new (FALSE, TRUE, sizeof (KdlTestSample));
  RowMcqs *originals = g_new0 (RowMcqs, N_ROWS);
  guint *n_originals = g_new0 (guint, N_ROWS);
  Mcq *recent = g_new0 (Mcq, N_RECENT);
  Mcq example = { 0 };
  guint n_recent = 0, n_plants[N_PLANTS] = { 0 };
  gint64 dataset_id, run_id, start = g_get_monotonic_time ();

  store = kdl_store_open (path, &error);
  g_assert_no_error (error);

  random_mcq (rand, &example);
  for (guint r = 0; r < N_ROWS; r++)
    {
      GString *text = g_string_new (NULL);

      n_originals[r] = g_rand_int_range (rand, 2, 5);
      for (guint q = 0; q < n_originals[r]; q++)
        {
          random_mcq (rand, &originals[r][q]);
          append_mcq (text, q + 1, &originals[r][q]);
        }
      g_ptr_array_add (originals_text, g_string_free (text, FALSE));
    }
  dataset_id = kdl_test_dup_add_dataset (store, (const char * const *)originals_text->pdata, N_ROWS);

  for (guint r = 0; r < N_ROWS; r++)
    for (guint v = 0; v < N_VARIANTS; v++)
      {
        GString *text = g_string_new (NULL);
        KdlTestSample sample = { r + 1, v, 0, NULL };

        for (guint q = 0; q < 4; q++)
          {
            int dice = g_rand_int_range (rand, 0, 1000);
            const Mcq *original = &originals[r][g_rand_int_range (rand, 0, n_originals[r])];
            const Mcq *earlier = n_recent > 0 ? &recent[g_rand_int_range (rand, 0, MIN (n_recent, N_RECENT))] : NULL;
            Mcq mcq = { 0 };
            int plant = -1;

            if (dice < 10)
              exact_copy (rand, original, &mcq), plant = PLANT_EXACT_ORIGINAL;
            else if (dice < 20)
              near_copy (rand, original, &mcq), plant = PLANT_NEAR_ORIGINAL;
            else if (dice < 35 && earlier != NULL)
              exact_copy (rand, earlier, &mcq), plant = PLANT_EXACT_GENERATED;
            else if (dice < 50 && earlier != NULL)
              near_copy (rand, earlier, &mcq), plant = PLANT_NEAR_GENERATED;
            else if (dice < 55)
              near_copy (rand, &example, &mcq), plant = PLANT_FORMAT_EXAMPLE;
            else
              {
                random_mcq (rand, &mcq);
                /* Only fresh questions are copied: each copy has one source. */
                mcq_clear (&recent[n_recent % N_RECENT]);
                recent[n_recent % N_RECENT].stem = g_strdup (mcq.stem);
                for (guint i = 0; i < 4; i++)
                  recent[n_recent % N_RECENT].options[i] = g_strdup (mcq.options[i]);
                n_recent++;
              }

            if (plant >= 0)
              {
                g_string_append_printf (planted, "%u %u %u %d\n", r + 1, v, q + 1, plant);
                n_plants[plant]++;
              }
            append_mcq (text, q + 1, &mcq);
            mcq_clear (&mcq);
          }

        sample.output = g_string_free (text, FALSE);
        g_ptr_array_add (outputs, (char *)sample.output);
        g_array_append_val (samples, sample);
      }

  run_id = kdl_test_dup_add_run (store, dataset_id, kdl_test_dup_add_template (store, FALSE), 0,
                                 (KdlTestSample *)(gpointer)samples->data, samples->len);

  {
    gsize bytes = 0;

    for (guint i = 0; i < outputs->len; i++)
      bytes += strlen (g_ptr_array_index (outputs, i));
    printf ("project: %u rows, %u samples × 4 questions (%.1f MB of generated text), written in %.1f s\n",
            N_ROWS, samples->len, bytes / 1048576.0, seconds_since (start));
  }
  for (guint p = 0; p < N_PLANTS; p++)
    printf ("  planted: %5u × %s\n", n_plants[p], plant_names[p]);

  for (guint r = 0; r < N_ROWS; r++)
    for (guint q = 0; q < 4; q++)
      mcq_clear (&originals[r][q]);
  for (guint i = 0; i < N_RECENT; i++)
    mcq_clear (&recent[i]);
  mcq_clear (&example);
  g_free (originals);
  g_free (n_originals);
  g_free (recent);

  return run_id;
}

static gboolean
flagged_as (KdlDuplicates *duplicates,
            gint64         item_id,
            guint          question,
            guint          codes)
{
  const KdlDuplicateItem *item = kdl_duplicates_lookup (duplicates, item_id);

  for (guint m = 0; item != NULL && m < item->n_matches; m++)
    if (item->matches[m].question == question && (item->matches[m].code & codes))
      return TRUE;

  return FALSE;
}

/* The child: one search, its time and peak memory, then the planted copies
 * it found. */
static int
search (const char *path,
        gint64      run_id,
        const char *planted_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlDuplicates) duplicates = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *planted = NULL;
  g_auto(GStrv) lines = NULL;
  static const guint expected[N_PLANTS] = {
    KDL_DUPLICATE_REPEATS_ORIGINAL, KDL_DUPLICATE_NEAR_ORIGINAL, KDL_DUPLICATE_REPEATS_GENERATED,
    KDL_DUPLICATE_NEAR_GENERATED, KDL_DUPLICATE_NEAR_GENERATED | KDL_DUPLICATE_REPEATS_GENERATED,
  };
  guint n_planted[N_PLANTS] = { 0 }, n_found[N_PLANTS] = { 0 };
  guint n_matches = 0, n_planted_total = 0;
  long rss_before;
  gint64 start;

  reader = kdl_store_reader_open (path, &error);
  g_assert_no_error (error);
  rss_before = read_status_kb ("VmRSS:");

  start = g_get_monotonic_time ();
  duplicates = kdl_duplicates_find (reader, run_id, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("kdl_duplicates_find: %.2f s for %u samples, %u questions (%.0f samples/s)\n",
          seconds_since (start), kdl_duplicates_get_n_samples (duplicates),
          kdl_duplicates_get_n_questions (duplicates),
          kdl_duplicates_get_n_samples (duplicates) / seconds_since (start));
  printf ("  peak memory (VmHWM)  %.1f MB (%.1f MB before the search)\n",
          read_status_kb ("VmHWM:") / 1024.0, rss_before / 1024.0);

  printf ("  flagged samples      %u: repeats-original %u, near-original %u, repeats-generated %u, near-generated %u\n",
          kdl_duplicates_get_n_items (duplicates),
          kdl_duplicates_count (duplicates, KDL_DUPLICATE_REPEATS_ORIGINAL),
          kdl_duplicates_count (duplicates, KDL_DUPLICATE_NEAR_ORIGINAL),
          kdl_duplicates_count (duplicates, KDL_DUPLICATE_REPEATS_GENERATED),
          kdl_duplicates_count (duplicates, KDL_DUPLICATE_NEAR_GENERATED));

  refs = kdl_store_reader_list_outputs (reader, run_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < refs->len; i++)
    {
      const KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);
      gint64 key = ((gint64)ref->variant << 32) | ref->row;

      g_hash_table_insert (ids, g_memdup2 (&key, sizeof key), (gpointer)(gintptr)ref->id);
    }

  g_file_get_contents (planted_path, &planted, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (planted, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint row, variant, question;
      int plant;
      gint64 key;

      if (sscanf (lines[i], "%u %u %u %d", &row, &variant, &question, &plant) != 4)
        continue;
      key = ((gint64)variant << 32) | row;
      n_planted[plant]++;
      n_planted_total++;
      if (flagged_as (duplicates, (gint64)(gintptr)g_hash_table_lookup (ids, &key), question, expected[plant]))
        n_found[plant]++;
    }

  for (guint p = 0; p < N_PLANTS; p++)
    printf ("  found %5u of %5u   %s%s\n", n_found[p], n_planted[p], plant_names[p],
            p == PLANT_FORMAT_EXAMPLE ? " (the first copy is the one kept)" : "");
  for (guint i = 0; i < kdl_duplicates_get_n_items (duplicates); i++)
    n_matches += kdl_duplicates_get_item (duplicates, i)->n_matches;
  printf ("  matches in all %u (planted questions %u; the rest: copies of copies and chance)\n",
          n_matches, n_planted_total);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *planted_path = NULL;
  g_autofree char *run_arg = NULL;
  g_autoptr(GString) planted = g_string_new (NULL);
  gint64 run_id;
  int status = 0;

  setlocale (LC_ALL, "");

  if (argc == 5 && g_str_equal (argv[1], "--search"))
    return search (argv[2], g_ascii_strtoll (argv[3], NULL, 10), argv[4]);

  dir = g_dir_make_tmp ("bench-duplicates-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.kindling", NULL);
  planted_path = g_build_filename (dir, "planted.txt", NULL);

  run_id = build_project (path, planted);
  g_file_set_contents (planted_path, planted->str, planted->len, &error);
  g_assert_no_error (error);

  run_arg = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  {
    const char *child[] = { argv[0], "--search", path, run_arg, planted_path, NULL };

    fflush (stdout);
    g_spawn_sync (NULL, (char **)child, NULL, G_SPAWN_DEFAULT,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }

  {
    const char *names[] = { "bench.kindling", "bench.kindling-wal", "bench.kindling-shm", "planted.txt" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_build_filename (dir, names[i], NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }

  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}
