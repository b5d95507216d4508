/* test-exam-property.c — random MCQ sets, written messily, parsed back
 *
 * Each round makes a set of questions (MCQs, some with two answers or a
 * fifth option, and short-answer questions), writes it the way Word, OCR
 * and exam writers do (data/samples/README.md, "Deliberate mess"), parses
 * it and requires exactly the original back.  The canonical form must
 * round-trip too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-test-exam.h"
#include "kdl-test-util.h"

#define N_ROUNDS 3000

/* Common characters; none of them starts an answer label. */
static const char cjk[] =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就对成会可主发年动同工也能下过子说"
  "产种面而方后多定行学法所民得经之进着等部度家电力里如水化高自理起小物现实加量都体制机当使点从业本"
  "去把性好应开它合还因由其些然前外天政日那社义事平形相全表间样与关各重新线内数心反你明看原又么利比"
  "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展果料象员革位入常文"
  "总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几区强放决西被"
  "干做必战先回则任取据处队南给色光门即保治北造百规热领海口东导器压志世金增争济阶油思术极交受联什认"
  "共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类离华名确才"
  "科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须";

static const char *words[] = {
  "the", "of", "passage", "author", "people", "light", "night", "sky", "city", "seed", "vault",
  "repair", "tools", "barcode", "scanner", "shop", "farmers", "data", "volunteers", "report",
  "because", "which", "most", "likely", "mainly", "about", "from", "with", "their", "other",
  "first", "time", "idea", "change", "cost", "value", "world", "local", "small", "new", "old",
  "is", "was", "were", "has", "can", "may", "will", "not", "only", "also", "and", "but", "or",
};

static const char *capitalised[] = {
  "What", "Why", "How", "Which", "They", "It", "The", "Scientists", "Mia", "Ohio", "LED", "In",
};

static const char *cjk_suffix[] = { "年", "个", "种", "次", "米" };

typedef struct
{
  guint     number;
  gboolean  is_mcq;
  char     *stem;
  char     *options[5];
  guint     n_options;
  char     *answer;      /* letters, or the short answer */
  char     *note;        /* short answers: a marking note, or NULL */
  gboolean  cjk;
} Question;

static void
question_clear (gpointer data)
{
  Question *q = data;

  g_free (q->stem);
  for (guint i = 0; i < q->n_options; i++)
    g_free (q->options[i]);
  g_free (q->answer);
  g_free (q->note);
}

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

static const char *
pick (GRand        *rand,
      const char  **list,
      guint         n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

static void
append_cjk_char (GString *out,
                 GRand   *rand)
{
  glong n = g_utf8_strlen (cjk, -1);
  const char *p = g_utf8_offset_to_pointer (cjk, g_rand_int_range (rand, 0, n));

  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

/* Chinese text: runs of characters with inner punctuation, now and then a
 * number ("1884年"), a quotation, a Latin acronym or a bracket with a score
 * inside (which must stay, since only marks at the ends are stripped). */
static char *
make_cjk_text (GRand    *rand,
               gboolean  question)
{
  GString *out = g_string_new (NULL);
  guint n_runs = g_rand_int_range (rand, 1, 4);

  for (guint r = 0; r < n_runs; r++)
    {
      guint len = g_rand_int_range (rand, 2, 12);

      if (r > 0)
        g_string_append (out, chance (rand, 0.7) ? "，" : "、");

      if (chance (rand, 0.1))
        g_string_append_printf (out, "%u%s", g_rand_int_range (rand, 2, 2030),
                                pick (rand, cjk_suffix, G_N_ELEMENTS (cjk_suffix)));
      else if (chance (rand, 0.1))
        g_string_append (out, "“");

      for (guint i = 0; i < len; i++)
        append_cjk_char (out, rand);

      if (g_str_has_suffix (out->str, "“") || (strstr (out->str, "“") && !strstr (out->str, "”")))
        {
          append_cjk_char (out, rand);
          g_string_append (out, "”");
        }

      if (chance (rand, 0.05))
        g_string_append (out, "GPS");
      if (chance (rand, 0.03))
        g_string_append (out, "（3分）");
      append_cjk_char (out, rand);
    }

  if (question && chance (rand, 0.3))
    g_string_append (out, "？");
  else if (chance (rand, 0.5))
    g_string_append (out, "。");

  return g_string_free (out, FALSE);
}

static char *
make_english_text (GRand    *rand,
                   gboolean  question)
{
  GString *out = g_string_new (pick (rand, capitalised, G_N_ELEMENTS (capitalised)));
  guint n = g_rand_int_range (rand, 2, 14);

  for (guint i = 0; i < n; i++)
    {
      if (chance (rand, 0.1))
        g_string_append_c (out, ',');
      g_string_append_c (out, ' ');
      if (chance (rand, 0.05))
        g_string_append_printf (out, "%u", g_rand_int_range (rand, 2, 2030));
      else if (chance (rand, 0.05))
        g_string_append (out, pick (rand, capitalised, G_N_ELEMENTS (capitalised)));
      else
        g_string_append (out, pick (rand, words, G_N_ELEMENTS (words)));
    }

  g_string_append_c (out, question ? '?' : '.');

  return g_string_free (out, FALSE);
}

static char *
make_text (GRand    *rand,
           gboolean  cjk_text,
           gboolean  question)
{
  return cjk_text ? make_cjk_text (rand, question) : make_english_text (rand, question);
}

/* A short answer: one to three points, on one line or one per line. */
static char *
make_short_answer (GRand    *rand,
                   gboolean  cjk_text)
{
  static const char *points[] = { "①", "②", "③" };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 4);
  gboolean lines = chance (rand, 0.5);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (i > 0 && lines)
        g_string_append_c (out, '\n');
      g_string_append (out, points[i]);
      do
        {
          g_clear_pointer (&text, g_free);
          text = make_text (rand, cjk_text, FALSE);
        }
      /* "…  5." inside would rightly end the answer there. */
      while (strpbrk (text, "0123456789") != NULL);
      g_string_append (out, text);
      g_string_append (out, cjk_text ? "；" : ";");
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
make_set (GRand *rand)
{
  GPtrArray *set = g_ptr_array_new_with_free_func ((GDestroyNotify)g_free);
  guint n = g_rand_int_range (rand, 1, 8);
  guint number = chance (rand, 0.3) ? g_rand_int_range (rand, 2, 40) : 1;
  gboolean cjk_set = chance (rand, 0.7);

  for (guint i = 0; i < n; i++)
    {
      Question *q = g_new0 (Question, 1);

      q->number = number;
      number += chance (rand, 0.1) ? g_rand_int_range (rand, 2, 4) : 1;
      q->cjk = cjk_set;
      q->is_mcq = !chance (rand, 0.2);
      q->stem = make_text (rand, q->cjk, TRUE);
      if (!q->is_mcq && q->cjk)
        {
          /* "…？请简要分析。": a question mark in the middle. */
          g_autofree char *first = q->stem;

          q->stem = g_strconcat (first, g_str_has_suffix (first, "？") ? "" : "？", "请简要分析。", NULL);
        }

      if (q->is_mcq)
        {
          gboolean two = chance (rand, 0.1);
          guint first, second;

          q->n_options = chance (rand, 0.03) ? 5 : 4;
          for (guint o = 0; o < q->n_options; o++)
            q->options[o] = make_text (rand, q->cjk, FALSE);

          first = g_rand_int_range (rand, 0, q->n_options);
          second = (first + g_rand_int_range (rand, 1, q->n_options)) % q->n_options;
          if (two)
            q->answer = g_strdup_printf ("%c%c", 'A' + MIN (first, second), 'A' + MAX (first, second));
          else
            q->answer = g_strdup_printf ("%c", 'A' + first);
        }
      else
        {
          q->answer = make_short_answer (rand, q->cjk);
          if (chance (rand, 0.3))
            q->note = g_strdup (chance (rand, 0.5) ? "（每点2分，意思对即可）" : "（4分）");
        }

      g_ptr_array_add (set, q);
    }

  return set;
}

static void
set_free (GPtrArray *set)
{
  for (guint i = 0; i < set->len; i++)
    question_clear (g_ptr_array_index (set, i));
  g_ptr_array_unref (set);
}

/* ---- writing it messily ----------------------------------------------- */

static gboolean
is_wide (gunichar c)
{
  return g_unichar_iswide (c);
}

/* Where a line may break inside @text so that the parser can join it back:
 * between two characters one of which is wide, or at a space between two
 * narrow ones; never before anything that could read as a number, an option
 * marker or an answer label. */
static void
append_wrapped (GString    *out,
                const char *text,
                GRand      *rand)
{
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize chosen;

  for (const char *p = g_utf8_next_char (text); *p; p = g_utf8_next_char (p))
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar before = g_utf8_get_char (prev);
      gunichar at = g_utf8_get_char (p);
      const char *cont = p;
      gunichar first;
      gsize offset;

      if (at == ' ')
        {
          cont = p + 1;
          if (is_wide (before) || *cont == '\0' || is_wide (g_utf8_get_char (cont)))
            continue;
        }
      else if (!is_wide (before) && !is_wide (at))
        continue;
      if (before == ' ')
        continue;

      first = g_utf8_get_char (cont);
      if (!((first >= 0x4E00 && first <= 0x9FFF && first != 0x7B54 && first != 0x6B63 && first != 0x53C2) ||
            g_ascii_islower (first)))
        continue;

      offset = p - text;
      g_array_append_val (breaks, offset);
    }

  if (breaks->len == 0 || !chance (rand, 0.25))
    {
      g_string_append (out, text);
      return;
    }

  chosen = g_array_index (breaks, gsize, g_rand_int_range (rand, 0, breaks->len));
  g_string_append_len (out, text, chosen);
  g_string_append_c (out, '\n');
  g_string_append (out, text[chosen] == ' ' ? text + chosen + 1 : text + chosen);
}

static void
append_number (GString *out,
               guint    number,
               GRand   *rand,
               gboolean question_line,
               gboolean digit_follows)
{
  static const char *separators[] = { ".", "．", "、", ". ", "． " };
  g_autofree char *digits = g_strdup_printf ("%u", number);
  gboolean full_width = chance (rand, 0.2);
  const char *separator;

  for (const char *d = digits; *d; d++)
    {
      if (full_width)
        g_string_append_unichar (out, 0xFF10 + (*d - '0'));
      else
        g_string_append_c (out, *d);
    }

  do
    separator = pick (rand, separators, question_line ? G_N_ELEMENTS (separators) : 3);
  while (digit_follows && g_str_equal (separator, "."));
  g_string_append (out, separator);
}

static void
append_marker (GString *out,
               char     letter,
               GRand   *rand,
               guint    style)
{
  static const gunichar cyrillic[] = { 0x0410, 0x0412, 0x0421, 0, 0x0415 };
  static const char *separators[] = { ".", "．", "、", ". " };

  /* One style per question mostly, as in the samples; sometimes mixed. */
  if (chance (rand, 0.2))
    style = g_rand_int_range (rand, 0, 4);

  if (chance (rand, 0.15) && cyrillic[letter - 'A'] != 0)
    g_string_append_unichar (out, cyrillic[letter - 'A']);
  else if (chance (rand, 0.1))
    g_string_append_unichar (out, 0xFF21 + (letter - 'A'));
  else
    g_string_append_c (out, letter);

  g_string_append (out, separators[style]);
}

static void
append_option_gap (GString *out,
                   GRand   *rand)
{
  static const char *gaps[] = { "  ", "   ", "    ", "　", "　　", " 　" };

  g_string_append (out, pick (rand, gaps, G_N_ELEMENTS (gaps)));
}

static void
write_question (GString        *out,
                const Question *q,
                GRand          *rand)
{
  static const char *marks[] = { "", "", "(3分)", "（3分）", "（　　）", "（ 4 分）" };
  guint per_line = q->is_mcq ? (guint[]){ 1, 1, 2, 4 }[g_rand_int_range (rand, 0, 4)] : 1;
  guint style = g_rand_int_range (rand, 0, 4);

  append_number (out, q->number, rand, TRUE, g_ascii_isdigit (q->stem[0]));
  append_wrapped (out, q->stem, rand);
  g_string_append (out, pick (rand, marks, G_N_ELEMENTS (marks)));

  for (guint o = 0; o < q->n_options; o++)
    {
      if (o % per_line == 0)
        g_string_append_c (out, '\n');
      else
        append_option_gap (out, rand);
      append_marker (out, 'A' + o, rand, style);
      append_wrapped (out, q->options[o], rand);
    }
}

static void
append_letters (GString    *out,
                const char *letters,
                GRand      *rand)
{
  gboolean full_width = chance (rand, 0.1);
  gboolean comma = letters[1] != '\0' && chance (rand, 0.3);

  for (const char *l = letters; *l; l++)
    {
      if (l > letters && comma)
        g_string_append (out, "、");
      if (full_width)
        g_string_append_unichar (out, 0xFF21 + (*l - 'A'));
      else
        g_string_append_c (out, *l);
    }
}

/* The answers column: keyed by number, in order or not, on one line,
 * one per line, or mixed. */
static char *
write_answers (GPtrArray *set,
               GRand     *rand)
{
  static const char *gaps[] = { " ", " ", "　", "  " };
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  guint layout = g_rand_int_range (rand, 0, 3);  /* one line, one per line, mixed */

  for (guint i = 0; i < set->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (set, i));
  if (chance (rand, 0.3))
    for (guint i = order->len; i > 1; i--)
      {
        guint j = g_rand_int_range (rand, 0, i);
        gpointer tmp = order->pdata[i - 1];

        order->pdata[i - 1] = order->pdata[j];
        order->pdata[j] = tmp;
      }

  if (chance (rand, 0.1))
    g_string_append (out, chance (rand, 0.5) ? "答案：" : "参考答案：\n");

  for (guint i = 0; i < order->len; i++)
    {
      const Question *q = g_ptr_array_index (order, i);

      if (i > 0)
        {
          gboolean newline = layout == 1 || (layout == 2 && chance (rand, 0.5));

          if (newline)
            g_string_append_c (out, '\n');
          else
            g_string_append (out, pick (rand, gaps, G_N_ELEMENTS (gaps)));
        }

      append_number (out, q->number, rand, FALSE, FALSE);
      if (q->is_mcq)
        append_letters (out, q->answer, rand);
      else
        {
          g_string_append (out, q->answer);
          if (q->note != NULL)
            g_string_append (out, q->note);
        }
    }

  return g_string_free (out, FALSE);
}

/* The combined form: each question followed by its answer line. */
static char *
write_combined (GPtrArray *set,
                GRand     *rand)
{
  static const char *labels[] = { "答案:", "答案：", "答案： ", "【答案】", "Answer: ", "正确答案：" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < set->len; i++)
    {
      const Question *q = g_ptr_array_index (set, i);

      if (i > 0)
        g_string_append (out, (const char *[]){ "\n", "\n\n", "\n\n\n" }[g_rand_int_range (rand, 0, 3)]);

      write_question (out, q, rand);
      g_string_append_c (out, '\n');
      g_string_append (out, pick (rand, labels, G_N_ELEMENTS (labels)));
      if (q->is_mcq)
        {
          append_letters (out, q->answer, rand);
          if (chance (rand, 0.1))
            g_string_append (out, "。");
        }
      else
        {
          g_string_append (out, q->answer);
          if (q->note != NULL)
            g_string_append (out, q->note);
          /* A free-text answer ends at a blank line or the next question. */
          if (i + 1 < set->len)
            g_string_append_c (out, '\n');
        }
    }

  if (chance (rand, 0.3))
    g_string_append (out, "\n\n");

  return g_string_free (out, FALSE);
}

/* ---- comparing ----------------------------------------------------------- */

static char *
describe_difference (GPtrArray     *set,
                     const KdlExam *exam)
{
  guint n_mcq = 0, n_short = 0;
  GString *expected_problems = g_string_new (NULL);
  g_autofree char *problems = NULL;

  for (guint i = 0; i < set->len; i++)
    {
      const Question *q = g_ptr_array_index (set, i);

      if (q->is_mcq)
        {
          const KdlExamMcq *mcq;

          if (n_mcq >= exam->mcqs->len)
            return g_strdup_printf ("MCQ %u missing", q->number);
          mcq = g_ptr_array_index (exam->mcqs, n_mcq++);
          if (mcq->number != q->number)
            return g_strdup_printf ("MCQ number %u, expected %u", mcq->number, q->number);
          if (g_strcmp0 (mcq->stem, q->stem) != 0)
            return g_strdup_printf ("MCQ %u stem “%s”, expected “%s”", q->number, mcq->stem, q->stem);
          if (mcq->options->len != q->n_options)
            return g_strdup_printf ("MCQ %u has %u options, expected %u", q->number, mcq->options->len,
                                    q->n_options);
          for (guint o = 0; o < q->n_options; o++)
            {
              const KdlExamOption *option = g_ptr_array_index (mcq->options, o);

              if (option->letter != 'A' + o || g_strcmp0 (option->text, q->options[o]) != 0)
                return g_strdup_printf ("MCQ %u option %c “%s”, expected %c “%s”", q->number,
                                        option->letter, option->text, 'A' + o, q->options[o]);
            }
          if (g_strcmp0 (mcq->answer, q->answer) != 0)
            return g_strdup_printf ("MCQ %u answer %s, expected %s", q->number, mcq->answer, q->answer);
          if (q->n_options == 5)
            g_string_append_printf (expected_problems, "five-options@%u ", q->number);
        }
      else
        {
          const KdlExamShortAnswer *question;

          if (n_short >= exam->short_answers->len)
            return g_strdup_printf ("short answer %u missing", q->number);
          question = g_ptr_array_index (exam->short_answers, n_short++);
          if (question->number != q->number || g_strcmp0 (question->text, q->stem) != 0)
            return g_strdup_printf ("short answer %u “%s”, expected %u “%s”", question->number,
                                    question->text, q->number, q->stem);
          if (g_strcmp0 (question->answer, q->answer) != 0 ||
              g_strcmp0 (question->answer_note, q->note) != 0)
            return g_strdup_printf ("short answer %u: “%s” + “%s”, expected “%s” + “%s”", q->number,
                                    question->answer, question->answer_note, q->answer, q->note);
        }
    }

  if (n_mcq != exam->mcqs->len || n_short != exam->short_answers->len)
    return g_strdup_printf ("%u MCQs and %u short answers, expected %u and %u",
                            exam->mcqs->len, exam->short_answers->len, n_mcq, n_short);

  {
    GString *got = g_string_new (NULL);

    for (guint i = 0; i < exam->problems->len; i++)
      {
        const KdlExamProblem *problem = g_ptr_array_index (exam->problems, i);

        g_string_append_printf (got, "%s@%u ", problem->code, problem->question);
      }
    problems = g_string_free (got, FALSE);
  }

  if (!g_str_equal (problems, expected_problems->str))
    {
      char *message = g_strdup_printf ("problems “%s”, expected “%s”", problems, expected_problems->str);

      g_string_free (expected_problems, TRUE);
      return message;
    }
  g_string_free (expected_problems, TRUE);

  if (exam->leading_text != NULL || exam->trailing_text != NULL)
    return g_strdup ("stray text");

  return NULL;
}

static void
check_round_trip (const KdlExam *exam)
{
  g_autoptr(KdlExam) back = kdl_test_exam_assert_round_trip (exam);

  /* No problems but the fifth options the set had. */
  for (guint i = 0; i < back->problems->len; i++)
    g_assert_cmpstr (((KdlExamProblem *)g_ptr_array_index (back->problems, i))->code, ==, "five-options");
}

static void
check_one (GPtrArray     *set,
           const KdlExam *exam,
           guint          round,
           const char    *questions,
           const char    *answers)
{
  g_autofree char *difference = describe_difference (set, exam);

  if (difference != NULL)
    {
      g_test_message ("round %u\n--- questions ---\n%s\n--- answers ---\n%s\n---", round, questions,
                      answers ? answers : "(combined)");
      g_test_message ("%s", difference);
    }
  g_assert_null (difference);
}

static void
test_messy_columns (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (kdl_test_seed (20240611));
  guint n_mcq = 0, n_short = 0, n_two = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      GPtrArray *set = make_set (rand);
      g_autoptr(GString) questions = g_string_new (NULL);
      g_autofree char *answers = NULL;
      g_autoptr(KdlExam) exam = NULL;

      for (guint i = 0; i < set->len; i++)
        {
          const Question *q = g_ptr_array_index (set, i);

          if (i > 0)
            g_string_append_c (questions, '\n');
          write_question (questions, q, rand);

          n_mcq += q->is_mcq;
          n_short += !q->is_mcq;
          n_two += q->is_mcq && q->answer[1] != '\0';
        }
      answers = write_answers (set, rand);

      exam = kdl_exam_parse (questions->str, answers);
      check_one (set, exam, round, questions->str, answers);
      check_round_trip (exam);

      set_free (set);
    }

  /* The generator covers what it claims to. */
  g_test_message ("%u MCQs (%u with two answers), %u short-answer questions", n_mcq, n_two, n_short);
  g_assert_cmpuint (n_two, >, 100);
  g_assert_cmpuint (n_short, >, 500);
}

static void
test_messy_combined (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (kdl_test_seed (7));

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      GPtrArray *set = make_set (rand);
      g_autofree char *text = write_combined (set, rand);
      g_autoptr(KdlExam) exam = kdl_exam_parse_combined (text);

      check_one (set, exam, round, text, NULL);
      check_round_trip (exam);

      set_free (set);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages show the Chinese text (the test environment sets C.UTF-8). */
  kdl_test_set_locale ("");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exam/property/messy-columns", test_messy_columns);
  g_test_add_func ("/exam/property/messy-combined", test_messy_combined);

  return g_test_run ();
}
