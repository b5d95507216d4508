/* test-exam-parser.c — the exam parser's rules and each problem code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-test-exam.h"
#include "kdl-test-util.h"

/* ---- rules -------------------------------------------------------------- */

static void
test_answers_by_number (void)
{
  /* Numbering starts late, has a gap; the answers are out of order, one is
   * missing.  Nothing is matched by position. */
  const char *questions =
    "5．第五题\nA．甲\nB．乙\nC．丙\nD．丁\n"
    "7．第七题\nA．甲\nB．乙\nC．丙\nD．丁\n"
    "8．第八题\nA．甲\nB．乙\nC．丙\nD．丁\n";
  g_autoptr(KdlExam) exam = kdl_exam_parse (questions, "8.D\n5．Ｃ");
  g_autofree char *answers = kdl_test_exam_mcq_answers (exam);

  g_assert_cmpstr (answers, ==, "5:C 7:- 8:D");
  kdl_test_exam_assert_problems (exam, "answer-missing@7");
}

static void
test_answer_layouts (void)
{
  const char *questions =
    "1.甲\nA.一\nB.二\nC.三\nD.四\n"
    "2.乙\nA.一\nB.二\nC.三\nD.四\n"
    "3.丙\nA.一\nB.二\nC.三\nD.四\n"
    "4.丁？请简答。(6分)\n"
    "5.戊\nA.一\nB.二\nC.三\nD.四\n";
  const char *layouts[] = {
    "1.B 2.D 3.AC 4.①第一点；②第二点。 5.A",
    "1．B　2．D　3．AC\n4．①第一点；\n②第二点。\n5．A",
    "答案：1.B2.D3.A、C\n5.A\n4.①第一点；\n②第二点。（每点3分）",
    "1.B\n\n2.D\n3.CA\n4.①第一点；\n②第二点。\n5.A",
  };
  const char *expected_answer[] = {
    "①第一点；②第二点。",
    "①第一点；\n②第二点。",
    "①第一点；\n②第二点。",
    "①第一点；\n②第二点。",
  };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autoptr(KdlExam) exam = kdl_exam_parse (questions, layouts[i]);
      g_autofree char *answers = kdl_test_exam_mcq_answers (exam);
      const KdlExamShortAnswer *question = kdl_exam_find_short_answer (exam, 4);

      g_test_message ("layout %u", i);
      kdl_test_exam_assert_problems (exam, "");
      g_assert_cmpstr (answers, ==, "1:B 2:D 3:AC 5:A");
      g_assert_cmpstr (question->text, ==, "丁？请简答。");
      g_assert_cmpstr (question->answer, ==, expected_answer[i]);
      g_assert_cmpstr (question->answer_note, ==, i == 2 ? "（每点3分）" : NULL);
    }
}

static void
test_markers (void)
{
  /* Full-width digits and letters, Cyrillic Е, Greek Β, "、", marks at the
   * start, a mark inside the stem stays, "E.g." and "3.5" are text. */
  const char *questions =
    "１２．（3分）下列说法（3分）正确的一项是（　　）\n"
    "Ａ．甲　Β、乙\n"
    "С．丙\n"
    "Ｄ．丁\n"
    "Е．戊\n"
    "13. Which is true? (2 points)\n"
    "A. It rose by\n"
    "3.5 million.\n"
    "B. E.g. this\n"
    "C. 2015.\n"
    "2015. was a year\n"
    "D. None ( )\n";
  g_autoptr(KdlExam) exam = kdl_exam_parse (questions, "12.Ｅ 13.D");
  const KdlExamMcq *mcq;

  kdl_test_exam_assert_problems (exam, "five-options@12");
  mcq = kdl_exam_find_mcq (exam, 12);
  g_assert_cmpstr (mcq->stem, ==, "下列说法（3分）正确的一项是");
  g_assert_cmpuint (mcq->options->len, ==, 5);
  g_assert_cmpstr (kdl_exam_mcq_get_option (mcq, 'B'), ==, "乙");
  g_assert_cmpstr (kdl_exam_mcq_get_option (mcq, 'E'), ==, "戊");
  g_assert_cmpstr (mcq->answer, ==, "E");

  mcq = kdl_exam_find_mcq (exam, 13);
  g_assert_cmpstr (mcq->stem, ==, "Which is true?");
  kdl_test_exam_assert_options (mcq, "It rose by 3.5 million.", "E.g. this", "2015. 2015. was a year", "None ( )");
}

/* A wrapped line that starts with a separator must not turn the end of
 * the previous line into an option marker (found by fuzzing). */
static void
test_join_keeps_markers_out (void)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse_combined ("1．甲\nA．一  B\n．三\nB．二\nC．三\nD．四\n答案：A");
  g_autofree char *canonical = kdl_exam_render_canonical (exam);
  g_autoptr(KdlExam) back = kdl_exam_parse_combined (canonical);
  const KdlExamMcq *mcq = kdl_exam_find_mcq (exam, 1);

  kdl_test_exam_assert_problems (exam, "");
  g_assert_cmpstr (kdl_exam_mcq_get_option (mcq, 'A'), ==, "一  B ．三");
  g_assert_cmpuint (back->mcqs->len, ==, 1);
  g_assert_true (kdl_exam_mcq_equal (mcq, g_ptr_array_index (back->mcqs, 0)));
}

static void
test_problems (void)
{
  static const struct
  {
    const char *questions;
    const char *answers;
    const char *problems;
  } cases[] = {
    { "1.甲\nA.一\nB.二\nC.三\nD.四", "1.B 2.C", "answer-without-question@2" },
    { "1.甲\nA.一\nB.二\nD.四", "1.B", "option-missing@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四\nE.五", "1.E", "five-options@1" },
    { "1.甲\nA.一\nB.二\nB.三\nD.四", "1.A", "option-duplicate@1 option-missing@1" },
    { "1.甲\nB.一\nA.二\nC.三\nD.四", "1.A", "options-out-of-order@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四", "1.A 1.B", "several-answers@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四", "1.A 1.A", "" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四", "1.E", "answer-not-an-option@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四", "1.见解析", "answer-not-an-option@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四", NULL, "answer-missing@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四\n1.乙\nA.一\nB.二\nC.三\nD.四", "1.A",
      "answer-missing@1 duplicate-number@1 answer-missing@1" },
    { "阅读下面的文字，完成题目。", NULL, "no-questions@0" },
    { "阅读下面的文字。\n1.甲\nA.一\nB.二\nC.三\nD.四", "1.A", "leading-text@0" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四\n答案：A\n解析：略\n2.乙\nA.一\nB.二\nC.三\nD.四\n答案：B",
      NULL, "stray-text@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四\n答案：A\n\n希望对你有帮助！", NULL, "trailing-text@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四", "见下 1.A", "stray-answer-text@0" },
    { "1.\nA.一\nB.\nC.三\nD.四", "1.A", "stem-empty@1 option-empty@1" },
    { "1.甲\nA.一\nB.二\nC.三\nD.四\n答案：B", "1.C", "several-answers@1" },
    { "1.甲？", "2.乙", "answer-missing@1 answer-without-question@2" },
    { "1.甲\xff\nA.一\nB.二\nC.三\nD.四", "1.A", "invalid-utf8@0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KdlExam) exam = kdl_exam_parse (cases[i].questions, cases[i].answers);

      g_test_message ("case %u: %s", i, cases[i].problems);
      kdl_test_exam_assert_problems (exam, cases[i].problems);
    }
}

static void
test_problem_details (void)
{
  g_autoptr(KdlExam) conflict = kdl_exam_parse ("1.甲\nA.一\nB.二\nC.三\nD.四", "1.A 1.B");
  g_autoptr(KdlExam) letter = kdl_exam_parse ("1.甲\nA.一\nB.二\nC.三\nD.四", "1.E");
  g_autoptr(KdlExam) stray = kdl_exam_parse_combined ("前言\n1.甲\nA.一\nB.二\nC.三\nD.四\n答案:A\n谢谢");

  /* Never guess: two answers leave none; a letter without an option stays. */
  g_assert_null (kdl_exam_find_mcq (conflict, 1)->answer);
  g_assert_cmpstr (kdl_exam_find_mcq (letter, 1)->answer, ==, "E");
  g_assert_nonnull (strstr (kdl_exam_find_problem (letter, "answer-not-an-option", 1)->message, "E"));

  g_assert_cmpstr (stray->leading_text, ==, "前言");
  g_assert_cmpstr (stray->trailing_text, ==, "谢谢");
  g_assert_cmpstr (kdl_exam_find_mcq (stray, 1)->answer, ==, "A");
}

static void
test_combined (void)
{
  const char *forms[] = {
    "1. 甲？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:B\n\n2. 乙？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:AC",
    "1．甲？\nA．一\nB．二\nC．三\nD．四\n答案：B\n2．乙？\nA．一\nB．二\nC．三\nD．四\n【答案】A、C",
    "1. 甲？\nA. 一  B. 二\nC. 三  D. 四\nAnswer: B\n2. 乙？\nA. 一\nB. 二\nC. 三\nD. 四\n正确答案 ： CA。",
    "1. 甲？\nA. 一\nB. 二\nC. 三\nD. 四\n\n2. 乙？\nA. 一\nB. 二\nC. 三\nD. 四\n\n参考答案：\n1.B\n2.AC",
    "1. 甲？\nA. 一\nB. 二\nC. 三\nD. 四\n2. 乙？\nA. 一\nB. 二\nC. 三\nD. 四\n1.B 2.AC",
    "1. 甲？\nA. 一\nB. 二\nC. 三\nD. 四\n2. 乙？\nA. 一\nB. 二\nC. 三\nD. 四\n答案：1.B 2.AC",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(KdlExam) exam = kdl_exam_parse_combined (forms[i]);
      g_autofree char *answers = kdl_test_exam_mcq_answers (exam);
      g_autofree char *canonical = kdl_exam_render_canonical (exam);

      g_test_message ("form %u", i);
      kdl_test_exam_assert_problems (exam, "");
      g_assert_cmpstr (answers, ==, "1:B 2:AC");
      g_assert_cmpstr (canonical, ==, forms[0]);
    }
}

static void
test_combined_short_answer (void)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse_combined (
    "1. 甲？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:B\n\n"
    "2. 请简述理由。（6分）\n答案：①第一点；\n②第二点。\n\n"
    "3. 丙？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:D");
  const KdlExamShortAnswer *question = kdl_exam_find_short_answer (exam, 2);
  g_autofree char *answers = kdl_test_exam_mcq_answers (exam);

  kdl_test_exam_assert_problems (exam, "");
  g_assert_cmpstr (answers, ==, "1:B 3:D");
  g_assert_cmpstr (question->text, ==, "请简述理由。");
  g_assert_cmpstr (question->answer, ==, "①第一点；\n②第二点。");
}

static void
test_render_canonical (void)
{
  g_autoptr(KdlExam) exam = kdl_exam_new ();
  g_autoptr(KdlExam) back = NULL;
  g_autofree char *text = NULL;
  KdlExamMcq *mcq;

  mcq = kdl_exam_mcq_new (7, "What is it?");
  kdl_exam_mcq_add_option (mcq, 'A', "One.");
  kdl_exam_mcq_add_option (mcq, 'B', "Two  words");
  kdl_exam_mcq_add_option (mcq, 'C', "1884年");
  kdl_exam_mcq_add_option (mcq, 'D', "答案:B");
  mcq->answer = g_strdup ("AC");
  g_ptr_array_add (exam->mcqs, mcq);

  mcq = kdl_exam_mcq_new (9, "没有答案的题");
  kdl_exam_mcq_add_option (mcq, 'A', "一");
  kdl_exam_mcq_add_option (mcq, 'B', "二");
  kdl_exam_mcq_add_option (mcq, 'C', "三");
  kdl_exam_mcq_add_option (mcq, 'D', "四");
  g_ptr_array_add (exam->mcqs, mcq);

  text = kdl_exam_render_canonical (exam);
  g_assert_cmpstr (text, ==,
                   "1. What is it?\nA. One.\nB. Two  words\nC. 1884年\nD. 答案:B\n答案:AC\n\n"
                   "2. 没有答案的题\nA. 一\nB. 二\nC. 三\nD. 四");

  back = kdl_exam_parse_combined (text);
  kdl_test_exam_assert_problems (back, "answer-missing@2");
  g_assert_cmpuint (back->mcqs->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const KdlExamMcq *a = g_ptr_array_index (exam->mcqs, i);
      const KdlExamMcq *b = g_ptr_array_index (back->mcqs, i);

      g_assert_true (kdl_exam_mcq_equal_content (a, b));
      g_assert_cmpuint (b->number, ==, i + 1);
    }

  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autofree char *empty = kdl_exam_render_mcqs (none);

    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_json (void)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse ("1.甲\nA.一\nB.二\nC.三\nD.四\n2.简答", "1.B");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "row");
  json_builder_add_int_value (builder, 3);
  kdl_exam_build_json (exam, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  g_assert_cmpstr (json, ==,
                   "{\"row\":3,\"mcq\":[{\"number\":1,\"stem\":\"甲\",\"options\":{\"A\":\"一\",\"B\":\"二\","
                   "\"C\":\"三\",\"D\":\"四\"},\"answer\":\"B\"}],\"short_answer\":[{\"number\":2,"
                   "\"text\":\"简答\",\"answer\":null}],\"problems\":[{\"code\":\"answer-missing\","
                   "\"question\":2,\"message\":\"Question 2 has no answer.\"}]}");
}

static void
test_copy_equal (void)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse ("1.甲\nA.一\nB.二\nC.三\nD.四\n2.简答\n3.乙", "1.B 2.①好（2分）");
  g_autoptr(KdlExam) copy = kdl_exam_copy (exam);

  g_assert_cmpuint (copy->mcqs->len, ==, 1);
  g_assert_true (kdl_exam_mcq_equal (g_ptr_array_index (exam->mcqs, 0), g_ptr_array_index (copy->mcqs, 0)));
  g_assert_true (kdl_exam_short_answer_equal (g_ptr_array_index (exam->short_answers, 0),
                                              g_ptr_array_index (copy->short_answers, 0)));
  g_assert_cmpstr (((KdlExamShortAnswer *)g_ptr_array_index (copy->short_answers, 0))->answer_note, ==, "（2分）");
  g_assert_cmpuint (copy->problems->len, ==, exam->problems->len);

  ((KdlExamMcq *)g_ptr_array_index (copy->mcqs, 0))->number = 2;
  g_assert_false (kdl_exam_mcq_equal (g_ptr_array_index (exam->mcqs, 0), g_ptr_array_index (copy->mcqs, 0)));
  g_assert_true (kdl_exam_mcq_equal_content (g_ptr_array_index (exam->mcqs, 0), g_ptr_array_index (copy->mcqs, 0)));
}

static void
test_normalize (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    gboolean    equal;
  } cases[] = {
    { "下列说法正确的一项是", "下列说法正确的一项是？", TRUE },
    { "城市，“热岛”（见上）", "城市,\"热岛\"(见上)", TRUE },
    { "1884 年", "１８８４年", TRUE },
    { "They  compare\nthe sky", "They compare the sky", TRUE },
    { "They compare the sky", "Theycompare the sky", FALSE },
    { "下列说法正确的一项是", "下列说法错误的一项是", FALSE },
    { "3.5", "35", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = kdl_exam_normalize_for_compare (cases[i].a);
      g_autofree char *b = kdl_exam_normalize_for_compare (cases[i].b);

      g_test_message ("“%s” / “%s”", a, b);
      g_assert_cmpint (g_str_equal (a, b), ==, cases[i].equal);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages show the Chinese text (the test environment sets C.UTF-8). */
  kdl_test_set_locale ("");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exam/answers-by-number", test_answers_by_number);
  g_test_add_func ("/exam/answer-layouts", test_answer_layouts);
  g_test_add_func ("/exam/markers", test_markers);
  g_test_add_func ("/exam/join-keeps-markers-out", test_join_keeps_markers_out);
  g_test_add_func ("/exam/problems", test_problems);
  g_test_add_func ("/exam/problem-details", test_problem_details);
  g_test_add_func ("/exam/combined", test_combined);
  g_test_add_func ("/exam/combined-short-answer", test_combined_short_answer);
  g_test_add_func ("/exam/render-canonical", test_render_canonical);
  g_test_add_func ("/exam/json", test_json);
  g_test_add_func ("/exam/copy-equal", test_copy_equal);
  g_test_add_func ("/exam/normalize", test_normalize);

  return g_test_run ();
}
