/* test-mcq-fingerprint.c — normalised keys and trigram similarity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kdl-exam-parser.h"
#include "kdl-mcq-fingerprint.h"
#include "kdl-test-util.h"

/* stem, then up to five options (NULL ends them) */
static KdlExamMcq *
make_mcq (const char *stem,
          ...)
{
  KdlExamMcq *mcq = kdl_exam_mcq_new (1, stem);
  va_list args;
  char letter = 'A';

  va_start (args, stem);
  for (const char *o = va_arg (args, const char *); o != NULL; o = va_arg (args, const char *))
    kdl_exam_mcq_add_option (mcq, letter++, o);
  va_end (args);

  return mcq;
}

static KdlMcqFingerprint *
print_of (KdlExamMcq *mcq)
{
  KdlMcqFingerprint *print = kdl_mcq_fingerprint_new (mcq);

  kdl_exam_mcq_free (mcq);

  return print;
}

static void
test_normalize (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "  Ｈｅｌｌｏ，　World！ ", "hello world" },
    { "下列说法，不正确的一项是？", "下列说法不正确的一项是" },
    { "热岛 效应（　　）", "热岛效应" },
    { "a well-known “rule”", "a well known rule" },
    { "THE 1884 Law", "the 1884 law" },
    { "“城市热岛效应”、人为热。", "城市热岛效应人为热" },
    { "", "" },
    { "？！", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = kdl_mcq_fingerprint_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_key (void)
{
  g_autoptr(KdlMcqFingerprint) base = NULL;
  g_autoptr(KdlMcqFingerprint) written = NULL;
  g_autoptr(KdlMcqFingerprint) shuffled = NULL;
  g_autoptr(KdlMcqFingerprint) changed = NULL;
  g_autoptr(KdlMcqFingerprint) moved = NULL;
  g_autoptr(KdlMcqFingerprint) fewer = NULL;
  KdlExamMcq *answered;

  base = print_of (make_mcq ("下列说法正确的一项是", "城市气温更高", "乡村气温更高", "两者一样", "无法判断", NULL));

  /* Full-width forms, blanks, punctuation, another answer and number. */
  answered = make_mcq ("下列说法正确的一项是？（　　）", "城市气温更高。", "乡村 气温更高", "两者一样！", "无法判断", NULL);
  answered->number = 7;
  answered->answer = g_strdup ("C");
  written = print_of (answered);
  g_assert_true (kdl_mcq_fingerprint_get_key (written) == kdl_mcq_fingerprint_get_key (base));
  g_assert_cmpfloat (kdl_mcq_fingerprint_similarity (written, base), ==, 1);

  /* The options as a set. */
  shuffled = print_of (make_mcq ("下列说法正确的一项是", "无法判断", "两者一样", "城市气温更高", "乡村气温更高", NULL));
  g_assert_true (kdl_mcq_fingerprint_get_key (shuffled) == kdl_mcq_fingerprint_get_key (base));

  /* One character, an option's text in the stem, a missing option. */
  changed = print_of (make_mcq ("下列说法错误的一项是", "城市气温更高", "乡村气温更高", "两者一样", "无法判断", NULL));
  g_assert_true (kdl_mcq_fingerprint_get_key (changed) != kdl_mcq_fingerprint_get_key (base));
  moved = print_of (make_mcq ("下列说法正确的一项是城市气温更高", "乡村气温更高", "两者一样", "无法判断", NULL));
  g_assert_true (kdl_mcq_fingerprint_get_key (moved) != kdl_mcq_fingerprint_get_key (base));
  fewer = print_of (make_mcq ("下列说法正确的一项是", "城市气温更高", "乡村气温更高", "两者一样", NULL));
  g_assert_true (kdl_mcq_fingerprint_get_key (fewer) != kdl_mcq_fingerprint_get_key (base));
}

static double
similarity_of (KdlExamMcq *a,
               KdlExamMcq *b)
{
  g_autoptr(KdlMcqFingerprint) x = print_of (a);
  g_autoptr(KdlMcqFingerprint) y = print_of (b);
  double forward = kdl_mcq_fingerprint_similarity (x, y);

  g_assert_cmpfloat (forward, ==, kdl_mcq_fingerprint_similarity (y, x));

  return forward;
}

static void
test_similarity (void)
{
  g_autoptr(KdlMcqFingerprint) empty = NULL;
  g_autoptr(KdlMcqFingerprint) other = NULL;
  double similarity = -1;

  /* {abc, bcd} and {abc, bce}: one of three. */
  g_assert_cmpfloat_with_epsilon (similarity_of (make_mcq ("abcd", NULL), make_mcq ("ABCE", NULL)), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (similarity_of (make_mcq ("热岛效应", NULL), make_mcq ("热岛效果", NULL)), 1.0 / 3, 1e-12);
  /* Short texts are one shingle each: {abc, de} and {abc, df}. */
  g_assert_cmpfloat_with_epsilon (similarity_of (make_mcq ("abc", "de", NULL), make_mcq ("abc", "df", NULL)), 1.0 / 3, 1e-12);
  g_assert_cmpfloat (similarity_of (make_mcq ("是", NULL), make_mcq ("是", NULL)), ==, 1);
  g_assert_cmpfloat (similarity_of (make_mcq ("是", NULL), make_mcq ("否", NULL)), ==, 0);
  /* Shingles do not cross from the stem into an option: {abc, bcd} vs
   * {abc, bcd, cde, def}. */
  g_assert_cmpfloat_with_epsilon (similarity_of (make_mcq ("abcd", "ef", NULL), make_mcq ("abcdef", NULL)), 2.0 / 5, 1e-12);
  /* The same trigram twice counts once: {aaa} */
  g_assert_cmpfloat (similarity_of (make_mcq ("aaaa", NULL), make_mcq ("aaa", NULL)), ==, 1);

  empty = print_of (make_mcq ("？", "。", NULL));
  other = print_of (make_mcq ("？", "。", NULL));
  g_assert_true (kdl_mcq_fingerprint_is_empty (empty));
  g_assert_cmpuint (kdl_mcq_fingerprint_get_size (empty), ==, 0);
  g_assert_cmpfloat (kdl_mcq_fingerprint_similarity (empty, other), ==, 0);
  g_assert_false (kdl_mcq_fingerprint_matches (empty, other, 0.5, &similarity));
  g_assert_cmpfloat (similarity, ==, 0);
}

static void
test_matches (void)
{
  g_autoptr(KdlMcqFingerprint) a = print_of (make_mcq ("abcd", NULL));
  g_autoptr(KdlMcqFingerprint) b = print_of (make_mcq ("abce", NULL));
  g_autoptr(KdlMcqFingerprint) c = print_of (make_mcq ("A B C D", NULL));
  g_autoptr(KdlMcqFingerprint) d = print_of (make_mcq ("a-b-c-d", NULL));
  double similarity = -1;

  g_assert_true (kdl_mcq_fingerprint_matches (a, b, 1.0 / 3, &similarity));
  g_assert_cmpfloat_with_epsilon (similarity, 1.0 / 3, 1e-12);
  g_assert_false (kdl_mcq_fingerprint_matches (a, b, 0.34, NULL));

  /* "a b c d" keeps its spaces (words), so it is not "abcd"; both
   * spellings with blanks or hyphens are one text. */
  g_assert_false (kdl_mcq_fingerprint_matches (a, c, 0.5, NULL));
  g_assert_true (kdl_mcq_fingerprint_matches (c, d, 1, &similarity));
  g_assert_cmpfloat (similarity, ==, 1);
}

static GPtrArray *
sample_questions (guint **rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *mcqs = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_mcq_free);
  g_autoptr(GArray) row_of = g_array_new (FALSE, FALSE, sizeof (guint));

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(KdlExam) exam = NULL;
      JsonObject *object;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      exam = kdl_exam_parse_combined (json_object_get_string_member (object, "output"));
      for (guint q = 0; q < exam->mcqs->len; q++)
        {
          guint row = i + 1;

          g_ptr_array_add (mcqs, kdl_exam_mcq_copy (g_ptr_array_index (exam->mcqs, q)));
          g_array_append_val (row_of, row);
        }
    }

  *rows = (guint *)(gpointer)g_array_free (g_steal_pointer (&row_of), FALSE);

  return mcqs;
}

/* The threshold against real questions: distinct questions of one passage
 * stay far below it, a copy with one changed character stays above. */
static void
test_sample_questions (void)
{
  g_autofree guint *rows = NULL;
  g_autoptr(GPtrArray) mcqs = sample_questions (&rows);
  g_autoptr(GPtrArray) prints = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_mcq_fingerprint_free);
  double max_same_row = 0, max_other_row = 0;

  g_assert_cmpuint (mcqs->len, >=, 30);
  for (guint i = 0; i < mcqs->len; i++)
    g_ptr_array_add (prints, kdl_mcq_fingerprint_new (g_ptr_array_index (mcqs, i)));

  for (guint i = 0; i < prints->len; i++)
    for (guint j = i + 1; j < prints->len; j++)
      {
        double s = kdl_mcq_fingerprint_similarity (g_ptr_array_index (prints, i), g_ptr_array_index (prints, j));

        if (rows[i] == rows[j])
          max_same_row = MAX (max_same_row, s);
        else
          max_other_row = MAX (max_other_row, s);
      }
  g_test_message ("most similar distinct questions: %.3f (one passage), %.3f (two)", max_same_row, max_other_row);
  g_assert_cmpfloat (max_same_row, <, 0.3);
  g_assert_cmpfloat (max_other_row, <, 0.3);

  for (guint i = 0; i < mcqs->len; i++)
    {
      g_autoptr(KdlExamMcq) copy = kdl_exam_mcq_copy (g_ptr_array_index (mcqs, i));
      g_autoptr(KdlMcqFingerprint) print = NULL;
      glong middle = g_utf8_strlen (copy->stem, -1) / 2;
      char *at = g_utf8_offset_to_pointer (copy->stem, middle);
      g_autofree char *stem = g_strdup_printf ("%.*s某%s", (int)(at - copy->stem), copy->stem,
                                               g_utf8_next_char (at));
      double s;

      g_free (copy->stem);
      copy->stem = g_steal_pointer (&stem);
      print = kdl_mcq_fingerprint_new (copy);
      s = kdl_mcq_fingerprint_similarity (print, g_ptr_array_index (prints, i));
      g_assert_cmpfloat (s, >=, KDL_MCQ_FINGERPRINT_THRESHOLD);
      g_assert_true (s < 1 || kdl_mcq_fingerprint_get_key (print) == kdl_mcq_fingerprint_get_key (g_ptr_array_index (prints, i)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mcq-fingerprint/normalize", test_normalize);
  g_test_add_func ("/mcq-fingerprint/key", test_key);
  g_test_add_func ("/mcq-fingerprint/similarity", test_similarity);
  g_test_add_func ("/mcq-fingerprint/matches", test_matches);
  g_test_add_func ("/mcq-fingerprint/sample-questions", test_sample_questions);

  return g_test_run ();
}
