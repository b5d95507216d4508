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
#include "kdl-test-exam.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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

  kdl_exam_free (kdl_test_exam_assert_round_trip (exam));
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
