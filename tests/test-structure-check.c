/* test-structure-check.c — the check every generated sample gets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-sim-answer.h"
#include "kdl-structure-check.h"
#include "kdl-test-readers.h"
#include "kdl-test-util.h"

#define GOOD \
  "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:B\n\n" \
  "2. 下列对原文论证的分析，不正确的一项是\nA. 论证一\nB. 论证二\nC. 论证三\nD. 论证四\n答案:D\n\n" \
  "3. 根据原文内容，下列推断合理的一项是\nA. 推断一\nB. 推断二\nC. 推断三\nD. 推断四\n答案:A\n\n" \
  "4. 下列关于原文内容的理解，正确的一项是\nA. 理解一\nB. 理解二\nC. 理解三\nD. 理解四\n答案:C"

static char *
codes_of (const KdlStructureCheck *check)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < check->problems->len; i++)
    {
      const KdlExamProblem *problem = g_ptr_array_index (check->problems, i);

      g_test_message ("%s@%u: %s", problem->code, problem->question, problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_string_append_printf (out, "%s%s@%u", i ? " " : "", problem->code, problem->question);
    }

  return g_string_free (out, FALSE);
}

static void
assert_check (const char *generated,
              GPtrArray  *originals,
              const char *expected)
{
  g_autoptr(KdlStructureCheck) check = kdl_structure_check_run (generated, originals);
  g_autofree char *codes = codes_of (check);

  g_assert_cmpstr (codes, ==, expected);
  g_assert_cmpint (check->ok, ==, expected[0] == '\0');
}

/* @text with the first @from replaced by @to. */
static char *
replace_in (const char *text,
            const char *from,
            const char *to)
{
  const char *at = strstr (text, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));

  return g_string_free (out, FALSE);
}

static char *
good_with (const char *from,
           const char *to)
{
  return replace_in (GOOD, from, to);
}

static void
test_good (void)
{
  g_autoptr(KdlStructureCheck) check = kdl_structure_check_run (GOOD, NULL);
  const char *variants[] = {
    /* Full-width punctuation, "A、", "答案：", blank lines and a final newline. */
    "1．根据原文，下列说法正确的一项是（3分）\nA、甲说法\nB、乙说法\nC、丙说法\nD、丁说法\n答案：B\n"
    "2．下列对原文论证的分析，不正确的一项是\nA．论证一\nB．论证二\nC．论证三\nD．论证四\n答案：D\n\n\n"
    "3．根据原文内容，下列推断合理的一项是\nA．推断一  B．推断二\nC．推断三  D．推断四\n答案：A\n"
    "4．下列关于原文内容的理解，正确的一项是\nA．理解一\nB．理解二\nC．理解三\nD．理解四\n答案：C\n\n",
    "  \n" GOOD "\n   \n",
  };

  g_assert_true (check->ok);
  g_assert_cmpuint (check->mcq_count, ==, 4);
  g_assert_cmpuint (check->problems->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    assert_check (variants[i], NULL, "");
}

static void
test_broken (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    const char *problems;
  } cases[] = {
    { "\n\n4. 下列关于原文内容的理解，正确的一项是\nA. 理解一\nB. 理解二\nC. 理解三\nD. 理解四\n答案:C", "",
      "mcq-count@0" },
    { "答案:C", "答案:C\n\n5. 多出的一题\nA. 一\nB. 二\nC. 三\nD. 四\n答案:A", "mcq-count@0" },
    { "D. 丁说法\n", "", "options-not-a-to-d@1" },
    { "D. 丁说法\n", "D. 丁说法\nE. 戊说法\n", "options-not-a-to-d@1" },
    { "A. 甲说法\nB. 乙说法", "B. 乙说法\nA. 甲说法", "options-not-a-to-d@1" },
    { "答案:B\n", "", "answer-missing@1" },
    { "答案:B", "答案:BC", "answer-not-single@1" },
    { "答案:B", "答案:E", "answer-not-an-option@1" },
    { "答案:B", "答案:见解析", "answer-not-an-option@1" },
    { "答案:B", "答案:B\n答案:C", "answer-not-single@1" },
    { "下列对原文论证的分析，不正确的一项是", "根据原文，下列说法正确的一项是？", "duplicate-stem@2" },
    { "B. 乙说法", "B. 甲说法。", "duplicate-option@1" },
    { "B. 乙说法", "B.", "option-empty@1" },
    { "1. 根据原文，下列说法正确的一项是", "1.", "stem-empty@1" },
    { "3. 根据", "5. 根据", "numbering@5" },
    { "答案:C", "答案:C\n\n希望这些题目对你有帮助！", "trailing-text@4" },
    { "答案:A\n\n", "答案:A\n解析：略\n\n", "stray-text@3" },
    { "1. 根据", "好的，以下是四道题：\n\n1. 根据", "leading-text@0" },
    { "\n\n4. 下列关于原文内容的理解，正确的一项是\nA. 理解一\nB. 理解二\nC. 理解三\nD. 理解四\n答案:C",
      "\n\n4. 请简要分析作者的观点。\n答案:略", "mcq-count@0 question-without-options@4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = good_with (cases[i].from, cases[i].to);

      g_test_message ("case %u: %s", i, cases[i].problems);
      assert_check (text, NULL, cases[i].problems);
    }

  {
    g_autofree char *text = good_with ("甲说法", "甲\xff说法");

    assert_check (text, NULL, "invalid-utf8@0");
  }
  {
    g_autofree char *same = g_strconcat (GOOD, "\n\n1.B 2.D 3.A 4.C 5.A", NULL);
    g_autofree char *other = g_strconcat (GOOD, "\n\n1.A 2.D 3.A 4.C", NULL);

    /* Answers listed again after the questions: one for a question that is
     * not there, or one that disagrees. */
    assert_check (same, NULL, "numbering@5");
    assert_check (other, NULL, "answer-not-single@1");
  }
  assert_check ("", NULL, "mcq-count@0");
  assert_check ("我无法完成这个任务。", NULL, "mcq-count@0 leading-text@0");
}

static GPtrArray *
originals_of (const char *text)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse_combined (text);

  return g_ptr_array_ref (exam->mcqs);
}

static void
test_rebuild (void)
{
  /* The first two questions of GOOD are the originals. */
  g_autoptr(GPtrArray) originals = originals_of (
    "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:B\n\n"
    "2. 下列对原文论证的分析，不正确的一项是\nA. 论证一\nB. 论证二\nC. 论证三\nD. 论证四\n答案:D");
  g_autoptr(GPtrArray) written_differently = originals_of (
    "7．根据原文，下列说法正确的一项是（3分）\nA．甲说法。  B．乙说法。\nC．丙说法。  D．丁说法。\n答案：B\n"
    "9．下列对原文论证的分析,不正确的一项是？\nA．论证一\nB．论证二\nC．论证三\nD．论证四\n答案：D");
  static const struct
  {
    const char *from;
    const char *to;
    const char *problems;
  } cases[] = {
    { "B. 乙说法", "B. 乙说法有误", "original-changed@1" },
    { "下列说法正确", "下列说法错误", "original-changed@1" },
    { "答案:D", "答案:C", "original-answer-changed@2" },
    /* Questions 1 and 2 swapped. */
    { "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:B\n\n"
      "2. 下列对原文论证的分析，不正确的一项是\nA. 论证一\nB. 论证二\nC. 论证三\nD. 论证四\n答案:D",
      "1. 下列对原文论证的分析，不正确的一项是\nA. 论证一\nB. 论证二\nC. 论证三\nD. 论证四\n答案:D\n\n"
      "2. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:B",
      "original-not-first@2 original-not-first@1" },
    /* Original 2 dropped for a new question. */
    { "2. 下列对原文论证的分析，不正确的一项是\nA. 论证一\nB. 论证二\nC. 论证三\nD. 论证四",
      "2. 下列关于作者态度的理解，正确的一项是\nA. 态度一\nB. 态度二\nC. 态度三\nD. 态度四",
      "original-missing@2" },
  };

  assert_check (GOOD, originals, "");
  /* Blanks, full-width punctuation, score marks and numbering of the
   * originals do not matter; words do. */
  assert_check (GOOD, written_differently, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = good_with (cases[i].from, cases[i].to);

      g_test_message ("case %u: %s", i, cases[i].problems);
      assert_check (text, originals, cases[i].problems);
    }

  /* Only the stem differs in punctuation: the same original. */
  {
    g_autofree char *text = good_with ("下列说法正确的一项是\n", "下列说法正确的一项是？\n");

    assert_check (text, originals, "");
  }

  /* A dropped original leaves three questions. */
  {
    g_autofree char *text = good_with (
      "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:B\n\n", "");

    assert_check (text, originals, "mcq-count@0 original-missing@1 numbering@2");
  }
}

static void
test_rebuild_two_answers (void)
{
  /* An original with two answers keeps them; a new one may not. */
  g_autoptr(GPtrArray) originals = originals_of (
    "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:BD");
  g_autofree char *kept = good_with ("答案:B", "答案:BD");
  g_autofree char *also_new = good_with ("答案:D", "答案:AD");

  assert_check (kept, originals, "");
  assert_check (GOOD, originals, "original-answer-changed@1");

  /* An original without an answer may get one; one with an answer keeps it. */
  {
    g_autoptr(GPtrArray) unanswered = originals_of (
      "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法");
    g_autofree char *dropped = replace_in (GOOD, "答案:B\n", "");

    assert_check (GOOD, unanswered, "");
    assert_check (dropped, originals, "original-answer-changed@1 answer-missing@1");
  }
  {
    g_autofree char *both = replace_in (kept, "答案:D", "答案:AD");

    assert_check (both, originals, "answer-not-single@2");
  }
  assert_check (also_new, NULL, "answer-not-single@2");
}

/* The simulator's answers (canonical form, four MCQs) pass, for every
 * passage of the fine-tuning sample and an English one. */
static void
test_sim_answers_pass (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(GPtrArray) lines = kdl_test_read_jsonl (path);
  g_autofree char *en_path = kdl_test_sample_path ("sample-en.xlsx");
  g_autoptr(GPtrArray) en_rows = kdl_test_read_xlsx (en_path);

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *object = g_ptr_array_index (lines, i);
      g_autofree char *answer = kdl_sim_answer_generate (json_object_get_string_member (object, "input"));

      g_test_message ("sim answer for line %u", i + 1);
      assert_check (answer, NULL, "");
    }

  for (guint i = 1; i < en_rows->len; i++)
    {
      char **row = g_ptr_array_index (en_rows, i);
      g_autofree char *prompt = g_strconcat ("Write four questions.\n### Passage\n", row[0], NULL);
      g_autofree char *answer = kdl_sim_answer_generate (prompt);

      assert_check (answer, NULL, "");
    }
}

/* sample-finetune rows that need completing: the originals plus new
 * questions pass as a rebuild; the row's output alone does not. */
static void
test_rebuild_samples (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(GPtrArray) lines = kdl_test_read_jsonl (path);
  const guint rows[] = { 3, 5, 7 };

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      JsonObject *object = g_ptr_array_index (lines, rows[r] - 1);
      const char *output = json_object_get_string_member (object, "output");
      g_autoptr(KdlExam) exam = kdl_exam_parse_combined (output);
      g_autoptr(GString) rebuilt = g_string_new (output);
      g_autoptr(KdlStructureCheck) alone = kdl_structure_check_run (output, exam->mcqs);
      g_autoptr(KdlStructureCheck) check = NULL;

      g_assert_false (alone->ok);
      g_assert_true (kdl_structure_check_has (alone, "mcq-count"));

      for (guint n = exam->mcqs->len + 1; n <= 4; n++)
        g_string_append_printf (rebuilt, "\n\n%u. 新增题目%u的题干\nA. 新选项甲%u\nB. 新选项乙%u\nC. 新选项丙%u\nD. 新选项丁%u\n答案:%c",
                                n, n, n, n, n, n, 'A' + n % 4);
      check = kdl_structure_check_run (rebuilt->str, exam->mcqs);
      g_assert_true (check->ok);
      g_assert_cmpuint (check->mcq_count, ==, 4);
    }
}

static void
test_json (void)
{
  g_autoptr(KdlStructureCheck) check = kdl_structure_check_run ("1. 甲\nA. 一\nB. 二\nC. 三\nD. 四\n答案:B", NULL);
  g_autoptr(KdlStructureCheck) copy = kdl_structure_check_copy (check);
  g_autofree char *json = kdl_structure_check_to_json (copy);

  g_assert_cmpstr (json, ==,
                   "{\"ok\":false,\"mcq_count\":1,\"problems\":[{\"code\":\"mcq-count\",\"question\":null,"
                   "\"message\":\"Found 1 multiple-choice question; there must be 4.\"}]}");
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_set_locale ("");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/structure-check/good", test_good);
  g_test_add_func ("/structure-check/broken", test_broken);
  g_test_add_func ("/structure-check/rebuild", test_rebuild);
  g_test_add_func ("/structure-check/rebuild-two-answers", test_rebuild_two_answers);
  g_test_add_func ("/structure-check/rebuild-samples", test_rebuild_samples);
  g_test_add_func ("/structure-check/sim-answers-pass", test_sim_answers_pass);
  g_test_add_func ("/structure-check/json", test_json);

  return g_test_run ();
}
