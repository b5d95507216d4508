/* fuzz-exam-parser.c — libFuzzer harness for the exam parser
 *
 * Input: questions, then optionally U+001E (record separator) and answers.
 * Both entry points must survive anything, and what they read must
 * survive the canonical form: render → parse_combined gives the same MCQs
 * back, and rendering that gives the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdl-exam-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_round_trip (const KdlExam *exam)
{
  g_autofree char *canonical = kdl_exam_render_canonical (exam);
  g_autoptr(KdlExam) back = kdl_exam_parse_combined (canonical);
  g_autofree char *again = kdl_exam_render_canonical (back);

  g_assert_cmpuint (back->mcqs->len, ==, exam->mcqs->len);
  g_assert_cmpuint (back->short_answers->len, ==, 0);
  for (guint i = 0; i < exam->mcqs->len; i++)
    {
      const KdlExamMcq *a = g_ptr_array_index (exam->mcqs, i);
      const KdlExamMcq *b = g_ptr_array_index (back->mcqs, i);

      g_assert_cmpuint (b->number, ==, i + 1);
      g_assert_cmpstr (b->stem, ==, a->stem);
      g_assert_cmpstr (b->answer, ==, a->answer);
      g_assert_true (kdl_exam_mcq_equal_content (a, b));
    }
  g_assert_cmpstr (again, ==, canonical);
}

static void
check_exam (const KdlExam *exam)
{
  for (guint i = 0; i < exam->mcqs->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (exam->mcqs, i);

      g_assert_true (g_utf8_validate (mcq->stem, -1, NULL));
      g_assert_null (strchr (mcq->stem, '\n'));
      g_assert_cmpuint (mcq->options->len, >, 0);
      for (guint j = 0; j < mcq->options->len; j++)
        {
          const KdlExamOption *option = g_ptr_array_index (mcq->options, j);

          g_assert_true (option->letter >= 'A' && option->letter <= 'E');
          g_assert_true (g_utf8_validate (option->text, -1, NULL));
          g_assert_null (strchr (option->text, '\n'));
        }
      if (mcq->answer != NULL)
        for (const char *l = mcq->answer; *l; l++)
          g_assert_true (*l >= 'A' && *l <= 'E' && (l == mcq->answer || l[-1] < *l));
    }

  for (guint i = 0; i < exam->short_answers->len; i++)
    {
      const KdlExamShortAnswer *question = g_ptr_array_index (exam->short_answers, i);

      g_assert_true (g_utf8_validate (question->text, -1, NULL));
      g_assert_true (question->answer == NULL || g_utf8_validate (question->answer, -1, NULL));
    }

  for (guint i = 0; i < exam->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (exam->problems, i);

      g_assert_true (problem->code[0] != '\0');
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
    }

  check_round_trip (exam);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  char *separator = strchr (text, '\x1e');
  g_autoptr(KdlExam) combined = NULL;
  g_autoptr(KdlExam) columns = NULL;

  combined = kdl_exam_parse_combined (text);
  check_exam (combined);

  if (separator != NULL)
    {
      *separator = '\0';
      columns = kdl_exam_parse (text, separator + 1);
    }
  else
    columns = kdl_exam_parse (text, NULL);
  check_exam (columns);

  return 0;
}
