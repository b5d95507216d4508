/* kdl-exam-parser.c — numbered questions, options and answers from exam text
 *
 * The rules (data/samples/README.md, "Ground truth"): a question starts at a
 * line that begins with a number and `.`, `．` or `、`; options are A–E
 * markers (and their look-alikes) at the start of a line or after two
 * blanks or one U+3000; any other line continues the previous option or
 * stem; a question with options is an MCQ, one without is a short-answer
 * question.  Answers come from `答案:` lines after a question (the combined
 * form a model writes), or from an answers column or block keyed by number
 * — never by position.
 *
 * Markers are normalised; the text kept is not rewritten, except that a
 * stem or option hard-wrapped over several lines is joined into one line
 * (with one space between two narrow characters, nothing otherwise).
 *
 * One pass over the lines, no regular expressions: the parser runs over
 * every row of 100,000-row datasets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-exam"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-exam-markers.h"
#include "kdl-exam-parser.h"
#include "kdl-exam-private.h"

typedef enum
{
  TARGET_STEM,
  TARGET_OPTION,
  TARGET_ANSWER,
  TARGET_NONE,
} Target;

typedef struct
{
  char     letter;
  GString *text;
} ParseOption;

typedef struct
{
  guint      number;
  GString   *stem;
  GPtrArray *options;      /* of ParseOption */
  GPtrArray *answers;      /* of KdlExamAnswer, written after the question */
  GString   *answer_text;  /* a free-text answer still being read */
  Target     target;
  gboolean   closed;       /* its answer line ended it */
} ParseQuestion;

typedef struct
{
  KdlExam          *exam;
  GPtrArray        *questions;  /* of ParseQuestion */
  ParseQuestion    *current;
  KdlExamNumberSet  numbers;
  GString          *stray;
  const char       *block;      /* where an answers block starts */
} Parser;

static void
parse_option_free (gpointer data)
{
  ParseOption *option = data;

  g_string_free (option->text, TRUE);
  g_free (option);
}

static void
parse_question_free (gpointer data)
{
  ParseQuestion *question = data;

  g_string_free (question->stem, TRUE);
  g_ptr_array_unref (question->options);
  g_ptr_array_unref (question->answers);
  if (question->answer_text != NULL)
    g_string_free (question->answer_text, TRUE);
  g_free (question);
}

/* Appends a piece of a hard-wrapped line: between two narrow characters
 * (Latin words) the line break was a space; next to a wide one (CJK,
 * full-width punctuation) it was nothing. */
static void
append_joined (GString    *text,
               const char *p,
               const char *end)
{
  p = kdl_exam_marker_skip_blanks (p, end);
  end = kdl_exam_marker_trim_end (p, end);
  if (p == end)
    return;

  if (text->len > 0)
    {
      const char *tail = g_utf8_find_prev_char (text->str, text->str + text->len);
      gunichar last = g_utf8_get_char (tail);
      gunichar first = g_utf8_get_char (p);
      gboolean space = !g_unichar_iswide (last) && !g_unichar_iswide (first);

      if (!space && kdl_exam_marker_letter (last) != 0 &&
          (first == '.' || first == 0xFF0E || first == 0x3001))
        {
          /* "…  B" + "．…" would make an option marker inside the text,
           * which the canonical form would read as one: keep them apart. */
          g_autoptr(GString) probe = g_string_new_len (text->str, text->len);
          const char *blank, *marker;

          g_string_append_len (probe, p, end - p);
          space = kdl_exam_marker_find_option (probe->str, probe->str + probe->len, &blank, &marker) &&
                  marker == probe->str + (tail - text->str);
        }

      if (space)
        g_string_append_c (text, ' ');
    }

  g_string_append_len (text, p, end - p);
}

static GString *
target_text (ParseQuestion *question)
{
  if (question->target == TARGET_OPTION && question->options->len > 0)
    {
      ParseOption *option = g_ptr_array_index (question->options, question->options->len - 1);
      return option->text;
    }

  return question->stem;
}

/* The stem or option text of a line, and the options written on it. */
static void
add_segments (ParseQuestion *question,
              const char    *p,
              const char    *end,
              gboolean       line_start)
{
  const char *blank, *marker, *after;
  char letter;

  if (!(line_start && kdl_exam_marker_read_option (p, end, &letter, &after)))
    {
      if (!kdl_exam_marker_find_option (p, end, &blank, &marker))
        {
          append_joined (target_text (question), p, end);
          return;
        }
      append_joined (target_text (question), p, blank);
      p = marker;
    }

  for (;;)
    {
      ParseOption *option = g_new0 (ParseOption, 1);

      if (!kdl_exam_marker_read_option (p, end, &letter, &after))
        g_assert_not_reached ();

      option->letter = letter;
      option->text = g_string_new (NULL);
      g_ptr_array_add (question->options, option);
      question->target = TARGET_OPTION;

      if (kdl_exam_marker_find_option (after, end, &blank, &marker))
        {
          append_joined (option->text, after, blank);
          p = marker;
        }
      else
        {
          append_joined (option->text, after, end);
          break;
        }
    }
}

static void
add_inline_answer (ParseQuestion *question,
                   gboolean       letters,
                   const char    *text,
                   gsize          len)
{
  KdlExamAnswer *answer = g_new0 (KdlExamAnswer, 1);

  answer->number = question->number;
  answer->letters = letters;
  answer->text = g_strndup (text, len);
  g_ptr_array_add (question->answers, answer);
}

/* A free-text answer ends at a blank line, the next question or label. */
static void
close_answer (ParseQuestion *question)
{
  if (question == NULL)
    return;

  if (question->answer_text != NULL)
    {
      GString *text = question->answer_text;
      const char *end = kdl_exam_marker_trim_end (text->str, text->str + text->len);

      add_inline_answer (question, FALSE, text->str, end - text->str);
      g_string_free (text, TRUE);
      question->answer_text = NULL;
    }

  if (question->target == TARGET_ANSWER)
    question->target = TARGET_NONE;
}

static void
flush_stray (Parser   *self,
             gboolean  at_end)
{
  g_autofree char *excerpt = NULL;

  if (self->stray->len == 0)
    return;

  excerpt = _kdl_exam_excerpt (self->stray->str, self->stray->str + self->stray->len);

  if (self->questions->len == 0)
    {
      g_free (self->exam->leading_text);
      self->exam->leading_text = g_strdup (self->stray->str);
      if (!at_end)
        kdl_exam_add_problem (self->exam, KDL_EXAM_PROBLEM_LEADING_TEXT, 0,
                              _("Text before the first question is not part of any question: “%s”"),
                              excerpt);
    }
  else if (at_end)
    {
      g_free (self->exam->trailing_text);
      self->exam->trailing_text = g_strdup (self->stray->str);
      kdl_exam_add_problem (self->exam, KDL_EXAM_PROBLEM_TRAILING_TEXT, self->current->number,
                            _("Text after the last question is not part of any question: “%s”"),
                            excerpt);
    }
  else
    {
      kdl_exam_add_problem (self->exam, KDL_EXAM_PROBLEM_STRAY_TEXT, self->current->number,
                            _("Text after question %u is not part of any question: “%s”"),
                            self->current->number, excerpt);
    }

  g_string_truncate (self->stray, 0);
}

static void
add_stray (Parser     *self,
           const char *p,
           const char *end)
{
  if (self->stray->len > 0)
    g_string_append_c (self->stray, '\n');
  g_string_append_len (self->stray, p, end - p);
}

static gboolean
is_only_punct (const char *p,
               const char *end)
{
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!kdl_exam_marker_is_blank (c) && c != '.' && c != 0x3002 && c != 0xFF0E)
        return FALSE;
    }

  return TRUE;
}

/* "1.B 2.C …" or "1.B" alone where question 1 exists already: the answers
 * listed after the questions. */
static gboolean
looks_like_answers (const char *p,
                    const char *end)
{
  char letters[6];
  guint number;
  const char *after;

  p = kdl_exam_marker_skip_blanks (p, end);
  if (!kdl_exam_marker_read_letters (p, end, letters, &p))
    return FALSE;

  while (p < end && (is_only_punct (p, g_utf8_next_char (p)) || g_utf8_get_char (p) == 0xFF0C ||
                     *p == ',' || *p == ';'))
    p = g_utf8_next_char (p);

  return p == end || kdl_exam_marker_read_number (p, end, &number, &after);
}

static void
start_question (Parser *self,
                guint   number)
{
  ParseQuestion *question = g_new0 (ParseQuestion, 1);

  question->number = number;
  question->stem = g_string_new (NULL);
  question->options = g_ptr_array_new_with_free_func (parse_option_free);
  question->answers = g_ptr_array_new_with_free_func ((GDestroyNotify)_kdl_exam_answer_free);
  question->target = TARGET_STEM;

  g_ptr_array_add (self->questions, question);
  _kdl_exam_number_set_add (&self->numbers, number);
  self->current = question;
}

static void
read_label_line (Parser     *self,
                 const char *rest,
                 const char *end)
{
  ParseQuestion *question = self->current;
  char letters[6];
  const char *after;

  close_answer (question);

  if (kdl_exam_marker_read_letters (rest, end, letters, &after) && is_only_punct (after, end))
    {
      add_inline_answer (question, TRUE, letters, strlen (letters));
      question->target = TARGET_NONE;
    }
  else
    {
      question->answer_text = g_string_new_len (rest, end - rest);
      question->target = TARGET_ANSWER;
    }

  question->closed = TRUE;
}

static void
parse_line (Parser     *self,
            const char *line,
            const char *end)
{
  ParseQuestion *question = self->current;
  const char *p = kdl_exam_marker_skip_blanks (line, end);
  const char *after;
  guint number;

  end = kdl_exam_marker_trim_end (p, end);

  if (p == end)
    {
      close_answer (question);
      return;
    }

  if (kdl_exam_marker_read_number (p, end, &number, &after))
    {
      close_answer (question);
      if (_kdl_exam_number_set_has (&self->numbers, number) && looks_like_answers (after, end))
        {
          self->block = p;
          return;
        }

      flush_stray (self, FALSE);
      start_question (self, number);
      add_segments (self->current, after, end, FALSE);
      return;
    }

  if (kdl_exam_marker_read_label (p, end, &after))
    {
      guint other;
      const char *other_after;

      if (after == end || kdl_exam_marker_read_number (after, end, &other, &other_after))
        {
          close_answer (question);
          self->block = after;
          return;
        }

      if (question != NULL)
        {
          read_label_line (self, after, end);
          return;
        }
    }

  if (question != NULL && question->target == TARGET_ANSWER)
    {
      g_string_append_c (question->answer_text, '\n');
      g_string_append_len (question->answer_text, line, end - line);
      return;
    }

  if (question == NULL || question->closed)
    {
      add_stray (self, p, end);
      return;
    }

  add_segments (question, p, end, TRUE);
}

static void
check_options (KdlExam          *exam,
               const KdlExamMcq *mcq)
{
  gboolean seen[5] = { FALSE };
  gboolean duplicate[5] = { FALSE };
  gboolean out_of_order = FALSE;
  char previous = 0;
  char last;
  GString *missing = g_string_new (NULL);

  for (guint i = 0; i < mcq->options->len; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (mcq->options, i);
      guint index = option->letter - 'A';

      if (seen[index] && !duplicate[index])
        {
          duplicate[index] = TRUE;
          kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_OPTION_DUPLICATE, mcq->number,
                                _("Question %u has option %c twice."), mcq->number, option->letter);
        }
      if (option->letter < previous)
        out_of_order = TRUE;
      if (option->text[0] == '\0')
        kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_OPTION_EMPTY, mcq->number,
                              _("Option %c of question %u has no text."), option->letter, mcq->number);

      seen[index] = TRUE;
      previous = option->letter;
    }

  if (out_of_order)
    kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_OPTIONS_OUT_OF_ORDER, mcq->number,
                          _("The options of question %u are not in the order A, B, C, D."),
                          mcq->number);

  last = seen[4] ? 'E' : 'D';
  for (char letter = 'A'; letter <= last; letter++)
    if (!seen[letter - 'A'])
      g_string_append_printf (missing, "%s%c", missing->len ? ", " : "", letter);

  if (missing->len > 0)
    kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_OPTION_MISSING, mcq->number,
                          _("Question %u has no option %s."), mcq->number, missing->str);
  if (seen[4])
    kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_FIVE_OPTIONS, mcq->number,
                          _("Question %u has a fifth option, E."), mcq->number);

  g_string_free (missing, TRUE);
}

/* The one answer a question has, or none when two sources disagree. */
static const KdlExamAnswer *
find_answer (KdlExam                *exam,
             const ParseQuestion    *question,
             GPtrArray              *answers,
             gboolean                numbered,
             gboolean               *conflict)
{
  const KdlExamAnswer *found = NULL;

  *conflict = FALSE;

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *list = pass == 0 ? question->answers : answers;

      if (pass == 1 && !numbered)
        break;

      for (guint i = 0; i < list->len; i++)
        {
          const KdlExamAnswer *answer = g_ptr_array_index (list, i);

          if (answer->number != question->number || answer->text[0] == '\0')
            continue;

          if (found == NULL)
            found = answer;
          else if (!g_str_equal (found->text, answer->text) && !*conflict)
            {
              g_autofree char *a = _kdl_exam_excerpt (found->text, found->text + strlen (found->text));
              g_autofree char *b = _kdl_exam_excerpt (answer->text, answer->text + strlen (answer->text));

              *conflict = TRUE;
              kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_SEVERAL_ANSWERS, question->number,
                                    _("Question %u has two different answers, “%s” and “%s”; neither is used."),
                                    question->number, a, b);
            }
        }
    }

  return *conflict ? NULL : found;
}

static void
build_mcq (KdlExam             *exam,
           const ParseQuestion *question,
           const char          *stem,
           gsize                stem_len,
           GPtrArray           *answers,
           gboolean             numbered)
{
  KdlExamMcq *mcq = kdl_exam_mcq_new (question->number, NULL);
  const KdlExamAnswer *answer;
  gboolean conflict;

  g_free (mcq->stem);
  mcq->stem = g_strndup (stem, stem_len);
  for (guint i = 0; i < question->options->len; i++)
    {
      const ParseOption *option = g_ptr_array_index (question->options, i);

      kdl_exam_mcq_add_option (mcq, option->letter, option->text->str);
    }
  g_ptr_array_add (exam->mcqs, mcq);

  if (mcq->stem[0] == '\0')
    kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_STEM_EMPTY, mcq->number,
                          _("Question %u has no text."), mcq->number);
  check_options (exam, mcq);

  answer = find_answer (exam, question, answers, numbered, &conflict);
  if (conflict)
    return;

  if (answer == NULL)
    {
      kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_ANSWER_MISSING, mcq->number,
                            _("Question %u has no answer."), mcq->number);
    }
  else if (!answer->letters)
    {
      g_autofree char *excerpt = _kdl_exam_excerpt (answer->text, answer->text + strlen (answer->text));

      kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_ANSWER_NOT_AN_OPTION, mcq->number,
                            _("The answer of question %u, “%s”, is not an option letter."),
                            mcq->number, excerpt);
    }
  else
    {
      mcq->answer = g_strdup (answer->text);
      for (const char *l = mcq->answer; *l; l++)
        if (kdl_exam_mcq_get_option (mcq, *l) == NULL)
          {
            kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_ANSWER_NOT_AN_OPTION, mcq->number,
                                  _("The answer of question %u is %s, but the question has no option %c."),
                                  mcq->number, mcq->answer, *l);
            break;
          }
    }
}

static void
build_short_answer (KdlExam             *exam,
                    const ParseQuestion *question,
                    const char          *text,
                    gsize                text_len,
                    GPtrArray           *answers,
                    gboolean             numbered)
{
  KdlExamShortAnswer *short_answer = kdl_exam_short_answer_new (question->number, NULL);
  const KdlExamAnswer *answer;
  gboolean conflict;

  g_free (short_answer->text);
  short_answer->text = g_strndup (text, text_len);
  g_ptr_array_add (exam->short_answers, short_answer);

  if (short_answer->text[0] == '\0')
    kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_STEM_EMPTY, question->number,
                          _("Question %u has no text."), question->number);

  answer = find_answer (exam, question, answers, numbered, &conflict);
  if (conflict)
    return;

  if (answer == NULL)
    {
      kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_ANSWER_MISSING, question->number,
                            _("Question %u has no answer."), question->number);
    }
  else
    {
      const char *start = answer->text;
      const char *end = start + strlen (start);
      const char *note = answer->letters ? NULL : kdl_exam_marker_find_note (start, end);

      if (note != NULL)
        {
          const char *note_end = kdl_exam_marker_trim_end (note, end);

          short_answer->answer_note = g_strndup (note, note_end - note);
          end = kdl_exam_marker_trim_end (start, note);
        }
      short_answer->answer = g_strndup (start, end - start);
    }
}

static void
build_exam (Parser    *self,
            GPtrArray *answers)
{
  KdlExamNumberSet seen = { { 0 } };
  KdlExamNumberSet duplicates = { { 0 } };

  for (guint i = 0; i < self->questions->len; i++)
    {
      const ParseQuestion *question = g_ptr_array_index (self->questions, i);

      if (_kdl_exam_number_set_has (&seen, question->number))
        _kdl_exam_number_set_add (&duplicates, question->number);
      _kdl_exam_number_set_add (&seen, question->number);
    }

  memset (&seen, 0, sizeof seen);
  for (guint i = 0; i < self->questions->len; i++)
    {
      const ParseQuestion *question = g_ptr_array_index (self->questions, i);
      gboolean numbered = !_kdl_exam_number_set_has (&duplicates, question->number);
      const char *start = question->stem->str;
      const char *end = start + question->stem->len;

      if (_kdl_exam_number_set_has (&seen, question->number))
        kdl_exam_add_problem (self->exam, KDL_EXAM_PROBLEM_DUPLICATE_NUMBER, question->number,
                              _("There are two questions numbered %u; answers cannot be matched to them by number."),
                              question->number);
      _kdl_exam_number_set_add (&seen, question->number);

      kdl_exam_marker_strip_marks (&start, &end);

      if (question->options->len > 0)
        build_mcq (self->exam, question, start, end - start, answers, numbered);
      else
        build_short_answer (self->exam, question, start, end - start, answers, numbered);
    }

  for (guint i = 0; i < answers->len; i++)
    {
      const KdlExamAnswer *answer = g_ptr_array_index (answers, i);
      g_autofree char *excerpt = NULL;

      if (_kdl_exam_number_set_has (&self->numbers, answer->number))
        continue;

      excerpt = _kdl_exam_excerpt (answer->text, answer->text + strlen (answer->text));
      kdl_exam_add_problem (self->exam, KDL_EXAM_PROBLEM_ANSWER_WITHOUT_QUESTION, answer->number,
                            _("The answers give question %u (“%s”), but there is no question %u."),
                            answer->number, excerpt, answer->number);
    }
}

static gboolean
is_blank_text (const char *text)
{
  const char *end = text + strlen (text);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    if (*p != '\n' && !kdl_exam_marker_is_blank (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/**
 * kdl_exam_parse:
 * @questions: (nullable): the questions as written (the `选项` column)
 * @answers: (nullable): the answers keyed by number (the `答案` column)
 *
 * Reads numbered questions, their options and answers.  @questions may
 * also carry `答案:` lines or a block of numbered answers at its end; an
 * answer given twice must agree.
 *
 * Returns: (transfer full): the exam, never %NULL; what could not be read
 *   is in its problems
 */
KdlExam *
kdl_exam_parse (const char *questions,
                const char *answers)
{
  g_autofree char *valid_questions = NULL;
  g_autofree char *valid_answers = NULL;
  g_autoptr(GPtrArray) numbered = g_ptr_array_new_with_free_func ((GDestroyNotify)_kdl_exam_answer_free);
  Parser self = { 0 };
  const char *end;

  self.exam = kdl_exam_new ();
  self.questions = g_ptr_array_new_with_free_func (parse_question_free);
  self.stray = g_string_new (NULL);

  if (questions == NULL)
    questions = "";
  if (!g_utf8_validate (questions, -1, NULL))
    questions = valid_questions = g_utf8_make_valid (questions, -1);
  if (answers != NULL && !g_utf8_validate (answers, -1, NULL))
    answers = valid_answers = g_utf8_make_valid (answers, -1);
  if (valid_questions != NULL || valid_answers != NULL)
    kdl_exam_add_problem (self.exam, KDL_EXAM_PROBLEM_INVALID_UTF8, 0, "%s",
                          _("The text is not valid UTF-8; unreadable bytes were replaced by “�”."));

  end = questions + strlen (questions);
  for (const char *line = questions; self.block == NULL; )
    {
      const char *line_end = memchr (line, '\n', end - line);

      parse_line (&self, line, line_end ? line_end : end);
      if (line_end == NULL)
        break;
      line = line_end + 1;
    }
  close_answer (self.current);

  if (self.questions->len == 0 && !is_blank_text (questions))
    {
      g_free (self.exam->leading_text);
      self.exam->leading_text = self.stray->len > 0 ? g_strdup (self.stray->str) : NULL;
      kdl_exam_add_problem (self.exam, KDL_EXAM_PROBLEM_NO_QUESTIONS, 0, "%s",
                            _("No numbered question was found (a question starts with a number "
                              "and “.”, “．” or “、” at the start of a line)."));
      g_string_truncate (self.stray, 0);
    }
  flush_stray (&self, TRUE);

  if (self.block != NULL)
    _kdl_exam_scan_answers (self.block, end, &self.numbers, numbered, self.exam);
  if (answers != NULL)
    _kdl_exam_scan_answers (answers, answers + strlen (answers), &self.numbers, numbered, self.exam);

  build_exam (&self, numbered);

  g_ptr_array_unref (self.questions);
  g_string_free (self.stray, TRUE);

  return self.exam;
}

/**
 * kdl_exam_parse_combined:
 * @text: questions with their `答案:X` lines, like the canonical MCQ form,
 *   a cleaned dataset's `output` or what a model writes
 *
 * Returns: (transfer full): the exam, never %NULL
 */
KdlExam *
kdl_exam_parse_combined (const char *text)
{
  return kdl_exam_parse (text, NULL);
}
