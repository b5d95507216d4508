/* kdl-test-exam.c — assertions on parsed exams, shared by the exam tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-exam-parser.h"
#include "kdl-test-exam.h"

/* "1:C 2:B" for the MCQs, in source order. */
char *
kdl_test_exam_mcq_answers (const KdlExam *exam)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < exam->mcqs->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (exam->mcqs, i);

      g_string_append_printf (out, "%s%u:%s", i ? " " : "", mcq->number,
                              mcq->answer ? mcq->answer : "-");
    }

  return g_string_free (out, FALSE);
}

char *
kdl_test_exam_short_numbers (const KdlExam *exam)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < exam->short_answers->len; i++)
    {
      const KdlExamShortAnswer *question = g_ptr_array_index (exam->short_answers, i);

      g_string_append_printf (out, "%s%u", i ? " " : "", question->number);
    }

  return g_string_free (out, FALSE);
}

char *
kdl_test_exam_problem_codes (const KdlExam *exam)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < exam->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (exam->problems, i);

      g_string_append_printf (out, "%s%s@%u", i ? " " : "", problem->code, problem->question);
    }

  return g_string_free (out, FALSE);
}

void
kdl_test_exam_assert_problems (const KdlExam *exam,
                               const char    *expected)
{
  g_autofree char *codes = kdl_test_exam_problem_codes (exam);

  for (guint i = 0; i < exam->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (exam->problems, i);

      g_test_message ("%s@%u: %s", problem->code, problem->question, problem->message);
      g_assert_cmpstr (problem->message, !=, "");
    }
  g_assert_cmpstr (codes, ==, expected);
}

void
kdl_test_exam_assert_options (const KdlExamMcq *mcq,
                              const char       *a,
                              const char       *b,
                              const char       *c,
                              const char       *d)
{
  const char *texts[] = { a, b, c, d };

  g_assert_cmpuint (mcq->options->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const KdlExamOption *option = g_ptr_array_index (mcq->options, i);

      g_assert_cmpint (option->letter, ==, 'A' + i);
      g_assert_cmpstr (option->text, ==, texts[i]);
    }
}

char *
kdl_test_exam_json (const KdlExam *exam)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  kdl_exam_build_json (exam, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * kdl_test_exam_assert_round_trip:
 *
 * The canonical form gives the MCQs back: numbered 1…n, the same content,
 * no short-answer question, and rendering again gives the same text.
 *
 * Returns: (transfer full): the exam read back from the canonical form
 */
KdlExam *
kdl_test_exam_assert_round_trip (const KdlExam *exam)
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

      if (!kdl_exam_mcq_equal_content (a, b))
        g_test_message ("canonical form:\n%s", canonical);
      g_assert_cmpuint (b->number, ==, i + 1);
      g_assert_cmpstr (b->stem, ==, a->stem);
      g_assert_cmpstr (b->answer, ==, a->answer);
      g_assert_true (kdl_exam_mcq_equal_content (a, b));
    }
  g_assert_cmpstr (again, ==, canonical);

  return g_steal_pointer (&back);
}
