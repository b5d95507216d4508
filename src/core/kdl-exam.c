/* kdl-exam.c — parsed exam questions, their JSON and canonical forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-exam"

#include "config.h"

#include <string.h>

#include "kdl-exam.h"

G_DEFINE_BOXED_TYPE (KdlExamMcq, kdl_exam_mcq, kdl_exam_mcq_copy, kdl_exam_mcq_free)
G_DEFINE_BOXED_TYPE (KdlExamShortAnswer, kdl_exam_short_answer,
                     kdl_exam_short_answer_copy, kdl_exam_short_answer_free)
G_DEFINE_BOXED_TYPE (KdlExamProblem, kdl_exam_problem, kdl_exam_problem_copy, kdl_exam_problem_free)
G_DEFINE_BOXED_TYPE (KdlExam, kdl_exam, kdl_exam_copy, kdl_exam_free)

KdlExamOption *
kdl_exam_option_new (char        letter,
                     const char *text)
{
  KdlExamOption *self = g_new0 (KdlExamOption, 1);

  self->letter = letter;
  self->text = g_strdup (text ? text : "");

  return self;
}

KdlExamOption *
kdl_exam_option_copy (const KdlExamOption *self)
{
  return kdl_exam_option_new (self->letter, self->text);
}

void
kdl_exam_option_free (KdlExamOption *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self);
}

KdlExamMcq *
kdl_exam_mcq_new (guint       number,
                  const char *stem)
{
  KdlExamMcq *self = g_new0 (KdlExamMcq, 1);

  self->number = number;
  self->stem = g_strdup (stem ? stem : "");
  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_option_free);

  return self;
}

KdlExamMcq *
kdl_exam_mcq_copy (const KdlExamMcq *self)
{
  KdlExamMcq *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kdl_exam_mcq_new (self->number, self->stem);
  for (guint i = 0; i < self->options->len; i++)
    g_ptr_array_add (copy->options, kdl_exam_option_copy (g_ptr_array_index (self->options, i)));
  copy->answer = g_strdup (self->answer);

  return copy;
}

void
kdl_exam_mcq_free (KdlExamMcq *self)
{
  if (self == NULL)
    return;

  g_free (self->stem);
  g_ptr_array_unref (self->options);
  g_free (self->answer);
  g_free (self);
}

KdlExamOption *
kdl_exam_mcq_add_option (KdlExamMcq *self,
                         char        letter,
                         const char *text)
{
  KdlExamOption *option;

  g_return_val_if_fail (self != NULL, NULL);

  option = kdl_exam_option_new (letter, text);
  g_ptr_array_add (self->options, option);

  return option;
}

/* Returns: (nullable): the text of the first option with @letter */
const char *
kdl_exam_mcq_get_option (const KdlExamMcq *self,
                         char              letter)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->options->len; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (self->options, i);

      if (option->letter == letter)
        return option->text;
    }

  return NULL;
}

/* Stem, options (letters and texts, in order) and answer; not the number,
 * which the canonical form rewrites. */
gboolean
kdl_exam_mcq_equal_content (const KdlExamMcq *a,
                            const KdlExamMcq *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->stem, b->stem) != 0 ||
      g_strcmp0 (a->answer, b->answer) != 0 ||
      a->options->len != b->options->len)
    return FALSE;

  for (guint i = 0; i < a->options->len; i++)
    {
      const KdlExamOption *oa = g_ptr_array_index (a->options, i);
      const KdlExamOption *ob = g_ptr_array_index (b->options, i);

      if (oa->letter != ob->letter || g_strcmp0 (oa->text, ob->text) != 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
kdl_exam_mcq_equal (const KdlExamMcq *a,
                    const KdlExamMcq *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->number == b->number && kdl_exam_mcq_equal_content (a, b);
}

KdlExamShortAnswer *
kdl_exam_short_answer_new (guint       number,
                           const char *text)
{
  KdlExamShortAnswer *self = g_new0 (KdlExamShortAnswer, 1);

  self->number = number;
  self->text = g_strdup (text ? text : "");

  return self;
}

KdlExamShortAnswer *
kdl_exam_short_answer_copy (const KdlExamShortAnswer *self)
{
  KdlExamShortAnswer *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kdl_exam_short_answer_new (self->number, self->text);
  copy->answer = g_strdup (self->answer);
  copy->answer_note = g_strdup (self->answer_note);

  return copy;
}

void
kdl_exam_short_answer_free (KdlExamShortAnswer *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->answer);
  g_free (self->answer_note);
  g_free (self);
}

gboolean
kdl_exam_short_answer_equal (const KdlExamShortAnswer *a,
                             const KdlExamShortAnswer *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->number == b->number &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->answer, b->answer) == 0 &&
         g_strcmp0 (a->answer_note, b->answer_note) == 0;
}

KdlExamProblem *
kdl_exam_problem_new (const char *code,
                      guint       question,
                      const char *message)
{
  KdlExamProblem *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = g_new0 (KdlExamProblem, 1);
  self->code = g_strdup (code);
  self->question = question;
  self->message = g_strdup (message ? message : "");

  return self;
}

KdlExamProblem *
kdl_exam_problem_copy (const KdlExamProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kdl_exam_problem_new (self->code, self->question, self->message);
}

void
kdl_exam_problem_free (KdlExamProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->message);
  g_free (self);
}

/**
 * kdl_exam_problems_build_json:
 * @problems: (element-type KdlExamProblem)
 *
 * Adds the array `[{"code", "question", "message"}]` at the builder's
 * position (after a member name, or inside an array).  `question` is null
 * for problems that belong to no question.
 */
void
kdl_exam_problems_build_json (GPtrArray   *problems,
                              JsonBuilder *builder)
{
  json_builder_begin_array (builder);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, problem->code);
      json_builder_set_member_name (builder, "question");
      if (problem->question > 0)
        json_builder_add_int_value (builder, problem->question);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

KdlExam *
kdl_exam_new (void)
{
  KdlExam *self = g_new0 (KdlExam, 1);

  self->mcqs = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_mcq_free);
  self->short_answers = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_short_answer_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_problem_free);

  return self;
}

KdlExam *
kdl_exam_copy (const KdlExam *self)
{
  KdlExam *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kdl_exam_new ();
  for (guint i = 0; i < self->mcqs->len; i++)
    g_ptr_array_add (copy->mcqs, kdl_exam_mcq_copy (g_ptr_array_index (self->mcqs, i)));
  for (guint i = 0; i < self->short_answers->len; i++)
    g_ptr_array_add (copy->short_answers,
                     kdl_exam_short_answer_copy (g_ptr_array_index (self->short_answers, i)));
  for (guint i = 0; i < self->problems->len; i++)
    g_ptr_array_add (copy->problems, kdl_exam_problem_copy (g_ptr_array_index (self->problems, i)));
  copy->leading_text = g_strdup (self->leading_text);
  copy->trailing_text = g_strdup (self->trailing_text);

  return copy;
}

void
kdl_exam_free (KdlExam *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->mcqs);
  g_ptr_array_unref (self->short_answers);
  g_ptr_array_unref (self->problems);
  g_free (self->leading_text);
  g_free (self->trailing_text);
  g_free (self);
}

void
kdl_exam_add_problem (KdlExam    *self,
                      const char *code,
                      guint       question,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->problems, kdl_exam_problem_new (code, question, message));
}

/**
 * kdl_exam_find_problem:
 * @question: a question number, 0 for the problems of no question, or
 *   G_MAXUINT for any
 *
 * Returns: (nullable): the first problem with @code for @question
 */
const KdlExamProblem *
kdl_exam_find_problem (const KdlExam *self,
                       const char    *code,
                       guint          question)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (self->problems, i);

      if (g_str_equal (problem->code, code) &&
          (question == G_MAXUINT || problem->question == question))
        return problem;
    }

  return NULL;
}

/* Returns: (nullable) (transfer none): the first MCQ numbered @number */
KdlExamMcq *
kdl_exam_find_mcq (const KdlExam *self,
                   guint          number)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->mcqs->len; i++)
    {
      KdlExamMcq *mcq = g_ptr_array_index (self->mcqs, i);

      if (mcq->number == number)
        return mcq;
    }

  return NULL;
}

/* Returns: (nullable) (transfer none) */
KdlExamShortAnswer *
kdl_exam_find_short_answer (const KdlExam *self,
                            guint          number)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->short_answers->len; i++)
    {
      KdlExamShortAnswer *question = g_ptr_array_index (self->short_answers, i);

      if (question->number == number)
        return question;
    }

  return NULL;
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * kdl_exam_build_json:
 *
 * Adds the members `mcq`, `short_answer` and `problems` of DESIGN.md's
 * `parse --json` shape to the object the builder has open.
 */
void
kdl_exam_build_json (const KdlExam *self,
                     JsonBuilder   *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "mcq");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->mcqs->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (self->mcqs, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, mcq->number);
      json_builder_set_member_name (builder, "stem");
      json_builder_add_string_value (builder, mcq->stem);
      json_builder_set_member_name (builder, "options");
      json_builder_begin_object (builder);
      for (guint j = 0; j < mcq->options->len; j++)
        {
          const KdlExamOption *option = g_ptr_array_index (mcq->options, j);
          char name[2] = { option->letter, '\0' };

          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, option->text);
        }
      json_builder_end_object (builder);
      add_nullable_string (builder, "answer", mcq->answer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "short_answer");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->short_answers->len; i++)
    {
      const KdlExamShortAnswer *question = g_ptr_array_index (self->short_answers, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, question->number);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, question->text);
      add_nullable_string (builder, "answer", question->answer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  kdl_exam_problems_build_json (self->problems, builder);
}

/**
 * kdl_exam_render_mcqs:
 * @mcqs: (element-type KdlExamMcq)
 *
 * The canonical MCQ form of DESIGN.md: numbered from 1, `N. stem`, one
 * `X. option` line per option, `答案:B` (no line when the answer is
 * missing), one blank line between questions, no final newline.
 *
 * Returns: (transfer full): the text; "" for no MCQs
 */
char *
kdl_exam_render_mcqs (GPtrArray *mcqs)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (mcqs != NULL, NULL);

  for (guint i = 0; i < mcqs->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (mcqs, i);

      if (i > 0)
        g_string_append (out, "\n\n");

      g_string_append_printf (out, "%u.", i + 1);
      if (mcq->stem[0] != '\0')
        g_string_append_printf (out, " %s", mcq->stem);

      for (guint j = 0; j < mcq->options->len; j++)
        {
          const KdlExamOption *option = g_ptr_array_index (mcq->options, j);

          g_string_append_printf (out, "\n%c.", option->letter);
          if (option->text[0] != '\0')
            g_string_append_printf (out, " %s", option->text);
        }

      if (mcq->answer != NULL)
        g_string_append_printf (out, "\n答案:%s", mcq->answer);
    }

  return g_string_free (out, FALSE);
}

char *
kdl_exam_render_canonical (const KdlExam *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kdl_exam_render_mcqs (self->mcqs);
}

static gboolean
is_word_char (gunichar c)
{
  return c < 0x2E80 && g_unichar_isalnum (c);
}

/* Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space to
 * ASCII; curly quotes to straight ones; 、。 to , and . */
static gunichar
fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;

  switch (c)
    {
    case 0x3000:
      return ' ';
    case 0x201C: case 0x201D: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
      return '"';
    case 0x2018: case 0x2019:
      return '\'';
    case 0x3001:
      return ',';
    case 0x3002:
      return '.';
    default:
      return c;
    }
}

/**
 * kdl_exam_normalize_for_compare:
 *
 * A key for "the same text, written differently": full-width forms become
 * ASCII, curly quotes straight ones, blanks disappear except one space
 * between two words, and punctuation at the very end is dropped
 * ("…的一项是" = "…的一项是？").  Letters, digits and inner punctuation stay,
 * so a changed word still compares unequal.
 *
 * Returns: (transfer full)
 */
char *
kdl_exam_normalize_for_compare (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean pending_space = FALSE;
  gunichar last = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = fold_char (g_utf8_get_char (p));

      if (g_unichar_isspace (c))
        {
          pending_space = TRUE;
          continue;
        }

      if (pending_space && is_word_char (last) && is_word_char (c))
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
      last = c;
    }

  /* Drop punctuation at the end. */
  while (out->len > 0)
    {
      char *prev = g_utf8_find_prev_char (out->str, out->str + out->len);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_ispunct (c))
        break;
      g_string_truncate (out, prev - out->str);
    }

  return g_string_free (out, FALSE);
}
