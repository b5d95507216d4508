/* fuzz-structure-check.c — libFuzzer harness for the structure check
 *
 * Input: generated text, then optionally U+001E and the original MCQs.
 * The verdict must be consistent (ok exactly when there is no problem,
 * mcq_count what the parser reads), and any MCQs checked against
 * themselves as originals are found unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-structure-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_verdict (const KdlStructureCheck *check,
               const char              *text)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse_combined (text);

  g_assert_cmpint (check->ok, ==, check->problems->len == 0);
  g_assert_cmpuint (check->mcq_count, ==, exam->mcqs->len);
  for (guint i = 0; i < check->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (check->problems, i);

      g_assert_true (problem->code[0] != '\0');
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  char *separator = strchr (text, '\x1e');
  g_autoptr(KdlExam) original = NULL;
  g_autoptr(KdlStructureCheck) check = NULL;

  if (separator != NULL)
    {
      *separator = '\0';
      original = kdl_exam_parse_combined (separator + 1);
    }

  check = kdl_structure_check_run (text, original ? original->mcqs : NULL);
  check_verdict (check, text);

  /* The parsed MCQs, rendered and checked against themselves. */
  {
    g_autoptr(KdlExam) exam = kdl_exam_parse_combined (text);
    g_autofree char *canonical = kdl_exam_render_canonical (exam);
    g_autoptr(KdlStructureCheck) self_check = kdl_structure_check_run (canonical, exam->mcqs);

    check_verdict (self_check, canonical);
    for (guint i = 0; i < self_check->problems->len; i++)
      g_assert_false (g_str_has_prefix (((KdlExamProblem *)g_ptr_array_index (self_check->problems, i))->code,
                                        "original-"));
  }

  return 0;
}
