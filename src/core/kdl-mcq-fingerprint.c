/* kdl-mcq-fingerprint.c — normalised keys, trigram sets and MinHash bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-duplicates"

#include "config.h"

#include <string.h>

#include "kdl-duplicates-private.h"
#include "kdl-mcq-fingerprint.h"

struct _KdlMcqFingerprint
{
  guint64 key;
  guint   n_shingles;
  guint64 shingles[];  /* sorted, unique; three code points packed in 63 bits */
};

static inline guint64
mix64 (guint64 x)
{
  /* splitmix64's finaliser: every input bit reaches every output bit. */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;

  return x;
}

static inline gboolean
is_word_char (gunichar c)
{
  return c < 0x2E80 && g_unichar_isalnum (c);
}

/**
 * kdl_mcq_fingerprint_normalize:
 *
 * kdl_exam_normalize_for_compare() (full-width forms and blanks), then in
 * lower case, without punctuation or symbols; one space stays between two
 * words written in letters or digits ("the 1884 law"), none between
 * Chinese characters.
 *
 * Returns: (transfer full): the text two copies of a question share
 */
char *
kdl_mcq_fingerprint_normalize (const char *text)
{
  g_autofree char *compare = NULL;
  GString *out;
  gboolean pending_space = FALSE;
  gunichar last = 0;

  g_return_val_if_fail (text != NULL, NULL);

  compare = kdl_exam_normalize_for_compare (text);
  out = g_string_sized_new (strlen (compare));

  for (const char *p = compare; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        c = g_ascii_tolower (c);
      else if (c < 0x2E80)
        c = g_unichar_tolower (c);

      if (g_unichar_isspace (c) || g_unichar_ispunct (c))
        {
          /* "well-known" and "well known" are one text. */
          pending_space = TRUE;
          continue;
        }

      if (pending_space && is_word_char (last) && is_word_char (c))
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
      last = c;
    }

  return g_string_free (out, FALSE);
}

static guint64
hash_text (guint64     hash,
           const char *text)
{
  /* FNV-1a over the bytes and the terminating NUL, so "ab"+"c" ≠ "a"+"bc". */
  for (const guchar *p = (const guchar *)text; ; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
      if (*p == '\0')
        break;
    }

  return hash;
}

static void
add_shingles (GArray     *shingles,
              const char *text)
{
  gunichar window[3] = { 0, 0, 0 };
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      window[0] = window[1];
      window[1] = window[2];
      window[2] = g_utf8_get_char (p);
      if (++n >= 3)
        {
          guint64 packed = ((guint64)window[0] << 42) | ((guint64)window[1] << 21) | window[2];
          g_array_append_val (shingles, packed);
        }
    }

  /* A text shorter than a trigram ("是", "1884"…) is one shingle; the zeros
   * a real trigram never has keep it apart from them. */
  if (n == 1 || n == 2)
    {
      guint64 packed = n == 1 ? (guint64)window[2] << 42
                              : ((guint64)window[1] << 42) | ((guint64)window[2] << 21);
      g_array_append_val (shingles, packed);
    }
}

/* Without a comparison callback: this sort is most of a fingerprint's
 * cost otherwise. */
static void
sort_u64 (guint64 *v,
          guint    n)
{
  while (n > 16)
    {
      guint64 pivot = v[n / 2];
      guint i = 0, j = n - 1;

      for (;;)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i >= j)
            break;
          {
            guint64 t = v[i];
            v[i] = v[j];
            v[j] = t;
          }
          i++;
          j--;
        }

      /* Recurse into the smaller part, loop on the larger. */
      if (j + 1 < n - j - 1)
        {
          sort_u64 (v, j + 1);
          v += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_u64 (v + j + 1, n - j - 1);
          n = j + 1;
        }
    }

  for (guint i = 1; i < n; i++)
    {
      guint64 x = v[i];
      guint j = i;

      for (; j > 0 && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/**
 * kdl_mcq_fingerprint_new:
 *
 * Returns: (transfer full): the question's key and trigram set (empty when
 * its stem and options hold no letters at all)
 */
KdlMcqFingerprint *
kdl_mcq_fingerprint_new (const KdlExamMcq *mcq)
{
  g_autoptr(GArray) shingles = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 256);
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stem = NULL;
  KdlMcqFingerprint *self;
  guint64 key = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  guint n = 0;

  g_return_val_if_fail (mcq != NULL, NULL);

  stem = kdl_mcq_fingerprint_normalize (mcq->stem != NULL ? mcq->stem : "");
  add_shingles (shingles, stem);
  key = hash_text (key, stem);

  for (guint i = 0; mcq->options != NULL && i < mcq->options->len; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (mcq->options, i);
      char *text = kdl_mcq_fingerprint_normalize (option->text != NULL ? option->text : "");

      add_shingles (shingles, text);
      g_ptr_array_add (options, text);
    }

  /* The options as a set: a copy with its options shuffled is a copy. */
  g_ptr_array_sort (options, compare_strings);
  for (guint i = 0; i < options->len; i++)
    key = hash_text (key, g_ptr_array_index (options, i));

  sort_u64 ((guint64 *)(gpointer)shingles->data, shingles->len);
  for (guint i = 0; i < shingles->len; i++)
    {
      guint64 s = g_array_index (shingles, guint64, i);

      if (n == 0 || g_array_index (shingles, guint64, n - 1) != s)
        g_array_index (shingles, guint64, n++) = s;
    }

  self = g_malloc (sizeof *self + n * sizeof (guint64));
  self->key = mix64 (key);
  self->n_shingles = n;
  if (n > 0)
    memcpy (self->shingles, shingles->data, n * sizeof (guint64));

  return self;
}

void
kdl_mcq_fingerprint_free (KdlMcqFingerprint *self)
{
  g_free (self);
}

gboolean
kdl_mcq_fingerprint_is_empty (const KdlMcqFingerprint *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->n_shingles == 0;
}

/**
 * kdl_mcq_fingerprint_get_key:
 *
 * Returns: equal for questions whose normalised stems and option sets are
 * equal (a 64-bit hash: two different questions share one with a chance of
 * about 1 in 10^19)
 */
guint64
kdl_mcq_fingerprint_get_key (const KdlMcqFingerprint *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->key;
}

/**
 * kdl_mcq_fingerprint_get_size:
 *
 * Returns: how many distinct trigrams the question has
 */
guint
kdl_mcq_fingerprint_get_size (const KdlMcqFingerprint *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_shingles;
}

/**
 * kdl_mcq_fingerprint_similarity:
 *
 * Returns: |A ∩ B| / |A ∪ B| of the two trigram sets: 1 for the same
 * text, 0 for nothing in common or an empty question
 */
double
kdl_mcq_fingerprint_similarity (const KdlMcqFingerprint *a,
                                const KdlMcqFingerprint *b)
{
  guint i = 0, j = 0, common = 0;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if (a->n_shingles == 0 || b->n_shingles == 0)
    return 0;

  while (i < a->n_shingles && j < b->n_shingles)
    {
      if (a->shingles[i] == b->shingles[j])
        common++, i++, j++;
      else if (a->shingles[i] < b->shingles[j])
        i++;
      else
        j++;
    }

  return (double)common / (a->n_shingles + b->n_shingles - common);
}

/**
 * kdl_mcq_fingerprint_matches:
 * @threshold: the least similarity that counts as a near duplicate
 * @similarity: (out) (optional): 1 for an exact duplicate, else the
 *   similarity; when they do not match, maybe only a bound below
 *   @threshold (sets of very different sizes are not compared)
 *
 * Returns: whether the questions are exact duplicates (equal keys) or near
 * ones (similarity ≥ @threshold); empty questions match nothing
 */
gboolean
kdl_mcq_fingerprint_matches (const KdlMcqFingerprint *a,
                             const KdlMcqFingerprint *b,
                             double                   threshold,
                             double                  *similarity)
{
  double s;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->n_shingles == 0 || b->n_shingles == 0)
    s = 0;
  else if (a->key == b->key)
    s = 1;
  else if (MIN (a->n_shingles, b->n_shingles) < threshold * MAX (a->n_shingles, b->n_shingles))
    s = (double)MIN (a->n_shingles, b->n_shingles) / MAX (a->n_shingles, b->n_shingles);  /* a bound */
  else
    s = kdl_mcq_fingerprint_similarity (a, b);

  if (similarity != NULL)
    *similarity = s;

  return s > 0 && s >= threshold;
}

/* MinHash: N_HASHES permutations h_i(x) = high 32 bits of a_i·x + b_i over
 * the mixed trigrams; the minimum of each is equal for two sets with
 * probability ≈ their Jaccard index.  The coefficients come from a fixed
 * seed, so a run gives the same candidates every time. */
static guint64 coefficients[2 * KDL_DUPLICATES_N_HASHES];

static gpointer
init_coefficients (gpointer data)
{
  guint64 state = G_GUINT64_CONSTANT (0x4b696e646c696e67);  /* "Kindling" */

  for (guint i = 0; i < G_N_ELEMENTS (coefficients); i++)
    {
      state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      coefficients[i] = mix64 (state) | (i % 2 == 0 ? 1 : 0);  /* odd multipliers */
    }

  return NULL;
}

/*
 * Fills @bands (KDL_DUPLICATES_N_BANDS values) with one hash per band of
 * KDL_DUPLICATES_BAND_ROWS MinHash values.  Two questions with similarity
 * s share at least one band with probability 1 − (1 − s^r)^b: 0.9999 at
 * 0.8, 0.99 at 0.7, 0.06 at 0.3 and 0.0002 at 0.1.
 */
void
_kdl_mcq_fingerprint_bands (const KdlMcqFingerprint *self,
                            guint32                 *bands)
{
  static GOnce once = G_ONCE_INIT;
  guint32 mins[KDL_DUPLICATES_N_HASHES];

  g_once (&once, init_coefficients, NULL);

  for (guint i = 0; i < KDL_DUPLICATES_N_HASHES; i++)
    mins[i] = G_MAXUINT32;

  for (guint s = 0; s < self->n_shingles; s++)
    {
      guint64 x = mix64 (self->shingles[s]);

      for (guint i = 0; i < KDL_DUPLICATES_N_HASHES; i++)
        {
          guint32 h = (coefficients[2 * i] * x + coefficients[2 * i + 1]) >> 32;

          mins[i] = MIN (mins[i], h);
        }
    }

  for (guint b = 0; b < KDL_DUPLICATES_N_BANDS; b++)
    {
      guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

      for (guint r = 0; r < KDL_DUPLICATES_BAND_ROWS; r++)
        h = (h ^ mins[b * KDL_DUPLICATES_BAND_ROWS + r]) * G_GUINT64_CONSTANT (0x100000001b3);
      bands[b] = (guint32)(mix64 (h) >> 32);
    }
}
