/* test-exam-samples.c — the exam parser against the samples' ground truth
 * (data/samples/README.md), stems and option texts included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-test-exam.h"
#include "kdl-test-readers.h"
#include "kdl-test-util.h"

static GPtrArray *
read_sample_csv (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-zh.csv");

  return kdl_test_read_csv (path);
}

/* ---- ground truth ----------------------------------------------------- */

typedef struct
{
  const char *numbers;  /* all question numbers, in order */
  const char *mcq;      /* number:answer of the MCQs */
  const char *shorts;   /* numbers of the short-answer questions */
} Truth;

static const Truth zh_truth[] = {
  { "1 2 3 4 5", "1:C 2:B 3:D 4:A", "5" },
  { "7 8 9 10 11", "7:C 8:D 9:AC 10:B 11:A", "" },
  { "1 2 3 5 6", "1:D 2:B 3:A", "5 6" },
  { "1 2 3 4", "1:C 2:B 3:D 4:A", "" },
  { "6 7 8 9 10", "6:BD 7:C 8:B", "9 10" },
  { "1 2 3 4 5", "1:B 2:D 3:D 4:A", "5" },
  { "12 13 14 15", "12:B 13:D 14:C", "15" },
  { "1 2 3 4 5 6", "1:B 2:C 3:D 4:A 5:B", "6" },
};

static const Truth en_truth[] = {
  { "1 2 3 4", "1:B 2:C 3:D 4:A", "" },
  { "1 2 3", "1:B 2:C 3:B", "" },
  { "1 2 3 4", "1:B 2:C 3:A 4:D", "" },
  { "28 29 30", "28:B 29:C 30:D", "" },
};

/* Everything a clean sample row must satisfy beyond its table line. */
static void
assert_row_matches (const KdlExam *exam,
                    const Truth   *truth)
{
  g_autofree char *answers = kdl_test_exam_mcq_answers (exam);
  g_autofree char *shorts = kdl_test_exam_short_numbers (exam);
  g_auto(GStrv) numbers = g_strsplit (truth->numbers, " ", -1);
  guint n_mcq = 0, n_short = 0;

  kdl_test_exam_assert_problems (exam, "");
  g_assert_cmpstr (answers, ==, truth->mcq);
  g_assert_cmpstr (shorts, ==, truth->shorts);
  g_assert_null (exam->leading_text);
  g_assert_null (exam->trailing_text);
  g_assert_cmpuint (exam->mcqs->len + exam->short_answers->len, ==, g_strv_length (numbers));

  /* The questions, MCQ or not, come in the order of the numbers column. */
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      guint number = (guint)g_ascii_strtoull (numbers[i], NULL, 10);
      const KdlExamMcq *mcq = n_mcq < exam->mcqs->len ? g_ptr_array_index (exam->mcqs, n_mcq) : NULL;
      const KdlExamShortAnswer *question = n_short < exam->short_answers->len ?
                                           g_ptr_array_index (exam->short_answers, n_short) : NULL;

      if (mcq != NULL && mcq->number == number)
        {
          n_mcq++;
          g_assert_cmpstr (mcq->stem, !=, "");
          g_assert_false (g_str_has_suffix (mcq->stem, "分）") || g_str_has_suffix (mcq->stem, "分)"));
          g_assert_false (g_str_has_suffix (mcq->stem, "）"));
          g_assert_cmpuint (mcq->options->len, ==, 4);
          for (guint j = 0; j < 4; j++)
            {
              const KdlExamOption *option = g_ptr_array_index (mcq->options, j);

              g_assert_cmpint (option->letter, ==, 'A' + j);
              g_assert_cmpstr (option->text, !=, "");
              g_assert_false (g_unichar_isspace (g_utf8_get_char (option->text)));
              g_assert_null (strchr (option->text, '\n'));
              g_assert_null (strstr (option->text, "  "));
            }
        }
      else
        {
          g_assert_nonnull (question);
          g_assert_cmpuint (question->number, ==, number);
          n_short++;
          g_assert_cmpstr (question->text, !=, "");
          g_assert_false (g_str_has_suffix (question->text, "分）") ||
                          g_str_has_suffix (question->text, "分)"));
          g_assert_nonnull (question->answer);
          g_assert_true (g_str_has_prefix (question->answer, "①"));
        }
    }
}

static void
test_sample_zh_csv (void)
{
  g_autoptr(GPtrArray) rows = read_sample_csv ();
  char **header = g_ptr_array_index (rows, 0);

  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (zh_truth));
  g_assert_cmpstr (header[1], ==, "选项");
  g_assert_cmpstr (header[2], ==, "答案");

  for (guint i = 0; i < G_N_ELEMENTS (zh_truth); i++)
    {
      char **row = g_ptr_array_index (rows, i + 1);
      g_autoptr(KdlExam) exam = kdl_exam_parse (row[1], row[2]);

      g_test_message ("sample-zh.csv row %u", i + 1);
      assert_row_matches (exam, &zh_truth[i]);
    }
}

static void
test_sample_zh_xlsx (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-zh.xlsx");
  g_autoptr(GPtrArray) rows = kdl_test_read_xlsx (path);
  g_autoptr(GPtrArray) csv_rows = read_sample_csv ();

  /* "the same 8 rows, cell for cell" */
  g_assert_cmpuint (rows->len, ==, csv_rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      char **csv_row = g_ptr_array_index (csv_rows, i);

      g_assert_cmpuint (g_strv_length (row), ==, 3);
      for (guint j = 0; j < 3; j++)
        g_assert_cmpstr (row[j], ==, csv_row[j]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (zh_truth); i++)
    {
      char **row = g_ptr_array_index (rows, i + 1);
      g_autoptr(KdlExam) exam = kdl_exam_parse (row[1], row[2]);

      assert_row_matches (exam, &zh_truth[i]);
    }
}

static void
test_sample_en_xlsx (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-en.xlsx");
  g_autoptr(GPtrArray) rows = kdl_test_read_xlsx (path);
  guint cyrillic = 0;

  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (en_truth));

  for (guint i = 0; i < G_N_ELEMENTS (en_truth); i++)
    {
      char **row = g_ptr_array_index (rows, i + 1);
      g_autoptr(KdlExam) exam = kdl_exam_parse (row[1], row[2]);

      g_test_message ("sample-en.xlsx row %u", i + 1);
      assert_row_matches (exam, &en_truth[i]);

      for (const char *p = row[1]; *p; p = g_utf8_next_char (p))
        if (g_utf8_get_char (p) >= 0x0400 && g_utf8_get_char (p) < 0x0500)
          cyrillic++;

      /* The option texts never keep a Cyrillic marker. */
      for (guint j = 0; j < exam->mcqs->len; j++)
        {
          const KdlExamMcq *mcq = g_ptr_array_index (exam->mcqs, j);

          for (guint k = 0; k < mcq->options->len; k++)
            {
              const KdlExamOption *option = g_ptr_array_index (mcq->options, k);

              for (const char *p = option->text; *p; p = g_utf8_next_char (p))
                g_assert_cmpuint (g_utf8_get_char (p), <, 0x0400);
            }
        }
    }

  /* 2 + 3 + 0 + 2 Cyrillic markers in the workbook, as the README says. */
  g_assert_cmpuint (cyrillic, ==, 7);
}

/* Stems and option texts, written out from the files. */
static void
test_sample_texts (void)
{
  g_autoptr(GPtrArray) rows = read_sample_csv ();
  g_autofree char *en_path = kdl_test_sample_path ("sample-en.xlsx");
  g_autoptr(GPtrArray) en_rows = kdl_test_read_xlsx (en_path);
  char **row;
  const KdlExamMcq *mcq;
  const KdlExamShortAnswer *question;

  /* zh row 1: full-width dots, "（3分）", a marking note on the short answer. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 1);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 1);
    g_assert_cmpstr (mcq->stem, ==, "下列关于“城市热岛效应”的表述，不正确的一项是");
    kdl_test_exam_assert_options (mcq,
                                  "城市热岛效应指城市气温高于周边乡村的现象，在一些特大城市，城郊夜间温差可达三到五摄氏度。",
                                  "沥青、混凝土等材料白天吸收并储存大量热量，夜间缓慢释放，是城市降温迟缓的原因之一。",
                                  "热岛效应在正午时分表现得最为明显，因此城市居民最难熬的时段是中午。",
                                  "汽车尾气、空调外机和工业生产排放的“人为热”，也是使城市升温的因素之一。");
    question = kdl_exam_find_short_answer (exam, 5);
    g_assert_cmpstr (question->text, ==,
                     "文章认为城市居民“最难熬的可能不是正午，而是本该凉快下来的夜晚”，请结合原文简要说明理由。");
    g_assert_true (g_str_has_prefix (question->answer, "①城郊温差往往在日落后几个小时达到最大，"));
    g_assert_true (g_str_has_suffix (question->answer, "形成“越热越开空调、越开空调越热”的循环。"));
    g_assert_cmpstr (question->answer_note, ==, "（每点2分，意思对即可）");
  }

  /* zh row 2: "(3分)", two options per line separated by four spaces. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 2);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 11);
    g_assert_cmpstr (mcq->stem, ==, "关于记忆的可塑性，下列理解不符合原文意思的一项是");
    kdl_test_exam_assert_options (mcq, "大脑的首要任务是保存完美的档案", "记忆可以被拆分和重组",
                                  "可塑性有助于我们预演尚未发生的情境", "提取要点比记住每个细节更有利于判断");
    g_assert_cmpstr (kdl_exam_find_mcq (exam, 9)->stem, ==, "根据原文内容，下列说法正确的两项是");
  }

  /* zh row 3: the answer of question 6 spans three lines. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 3);
    exam = kdl_exam_parse (row[1], row[2]);
    question = kdl_exam_find_short_answer (exam, 6);
    g_assert_cmpstr (question->text, ==, "请结合全文，简要概括保护传粉昆虫的具体做法。");
    g_assert_cmpstr (question->answer, ==,
                     "①在农田边缘保留或种植开花植物带，让不同季节都有花可采；\n"
                     "②在公园、校园里留出不修剪的草地，放置“昆虫旅馆”供独居蜂筑巢；\n"
                     "③科学、精准地施用农药，避开作物盛花期和昆虫活动高峰时段。");
    g_assert_null (question->answer_note);
    g_assert_cmpstr (kdl_exam_find_short_answer (exam, 5)->text, ==,
                     "文章第二段主要运用了哪些说明方法？请结合内容简要分析。");
  }

  /* zh row 4: no score marks, options side by side after two U+3000, an
   * option that starts with a number. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 4);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 2);
    g_assert_cmpstr (mcq->stem, ==, "根据原文内容，下列说法正确的一项是");
    kdl_test_exam_assert_options (mcq,
                                  "标准时间最早由天文学家在书斋中发明，后来才被铁路公司采用。",
                                  "电报传递信号的速度远快于火车，使相距遥远的钟表能够几乎同时得到校准。",
                                  "1884年的国际会议规定，各国必须严格按照经线划分时区。",
                                  "铁路时间推行之初遭到城市居民普遍抵制，最终依靠法律强制推行。");
  }

  /* zh row 6: the short answer follows the MCQ answers on one line. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 6);
    exam = kdl_exam_parse (row[1], row[2]);
    question = kdl_exam_find_short_answer (exam, 5);
    g_assert_cmpstr (question->text, ==, "请根据原文，概括科学家是如何利用冰芯重建过去气候的。");
    g_assert_true (g_str_has_prefix (question->answer, "①通过逐层计数年层，"));
    g_assert_true (g_str_has_suffix (question->answer, "推知古代风力、海冰范围和火山喷发等信息。"));
    mcq = kdl_exam_find_mcq (exam, 3);
    g_assert_cmpstr (g_ptr_array_index (mcq->options, 1) ? kdl_exam_mcq_get_option (mcq, 'B') : NULL, ==,
                     "文章先介绍冰芯的形成与定年，再介绍从冰芯中获取的信息，层次清楚。");
  }

  /* zh row 7: the answer blank "（　　）" and "A、" markers. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 7);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 12);
    g_assert_cmpstr (mcq->stem, ==, "下列关于原文内容的理解和分析，正确的一项是");
    kdl_test_exam_assert_options (mcq,
                                  "汉语的“青”既可指蓝色也可指绿色，因此汉语中蓝、绿两色没有任何区分。",
                                  "各语言基本颜色词的数量差异很大，但人们心目中“最典型的红色”在不同文化中高度相似。",
                                  "实验证明，语言会永久地改变人眼的生理构造。",
                                  "折中观点认为，语言对颜色感知没有任何影响。");
  }

  /* zh row 8: hard-wrapped option and stem, "2. " and "A. ", four options on
   * one line. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (rows, 8);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 1);
    g_assert_cmpstr (kdl_exam_mcq_get_option (mcq, 'A'), ==,
                     "二十世纪中叶以前，货物装卸主要靠码头工人逐件搬运，装卸费用往往占到海运总成本的一半以上。");
    mcq = kdl_exam_find_mcq (exam, 2);
    g_assert_cmpstr (mcq->stem, ==, "根据原文内容，下列说法正确的一项是");
    g_assert_cmpstr (kdl_exam_mcq_get_option (mcq, 'A'), ==,
                     "集装箱之所以能够提高效率，主要是因为钢铁箱子比木箱更坚固耐用。");
    mcq = kdl_exam_find_mcq (exam, 4);
    kdl_test_exam_assert_options (mcq, "没有统一的标准，集装箱运输很难形成高效的体系",
                                  "远离城市的新港口一定比老港口更加繁忙", "集装箱普及后，码头工人的数量有所增加",
                                  "零部件跨国生产的模式早在集装箱出现之前就已普及");
    mcq = kdl_exam_find_mcq (exam, 5);
    g_assert_cmpstr (mcq->stem, ==,
                     "下列选项中，与文章结尾“决定一项技术影响力的，往往不只是发明本身，"
                     "还有围绕它建立起来的标准、设施和制度”这一观点最契合的一项是");
  }

  /* en row 1: Cyrillic А and С, options on one line after three spaces. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (en_rows, 1);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 1);
    g_assert_cmpstr (mcq->stem, ==, "What do participants in the project do?");
    kdl_test_exam_assert_options (mcq, "They photograph the night sky with special cameras.",
                                  "They compare their view of the sky with star charts.",
                                  "They measure the brightness of street lights.",
                                  "They count the satellites passing overhead.");
    g_assert_cmpstr (kdl_exam_mcq_get_option (kdl_exam_find_mcq (exam, 2), 'C'), ==,
                     "They record the sky glow that people actually experience.");
    mcq = kdl_exam_find_mcq (exam, 4);
    g_assert_cmpstr (mcq->stem, ==, "What is the author's attitude towards solving light pollution?");
    kdl_test_exam_assert_options (mcq, "Hopeful.", "Doubtful.", "Worried.", "Indifferent.");
  }

  /* en row 2: the Cyrillic-marked option is the answer. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (en_rows, 2);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 1);
    g_assert_cmpstr (mcq->answer, ==, "B");
    g_assert_cmpstr (kdl_exam_mcq_get_option (mcq, 'B'), ==, "To keep her grandfather company.");
  }

  /* en row 4: numbering from 28, Cyrillic А and В in question 29. */
  {
    g_autoptr(KdlExam) exam = NULL;

    row = g_ptr_array_index (en_rows, 4);
    exam = kdl_exam_parse (row[1], row[2]);
    mcq = kdl_exam_find_mcq (exam, 29);
    g_assert_cmpstr (mcq->stem, ==, "What was the main reason for the slow spread of barcodes?");
    kdl_test_exam_assert_options (mcq, "Shoppers did not trust the new technology.",
                                  "Scanners could not read thin bars accurately.",
                                  "Manufacturers and shops were each waiting for the other to act first.",
                                  "The student kept his idea secret for many years.");
  }
}

/* sample-finetune.jsonl: the answers of its table, and rows 1–8 carry the
 * sample-zh questions with "?" after the stem, options unchanged. */
static void
test_sample_finetune (void)
{
  static const struct
  {
    const char *answers;
    guint       zh_row;
    guint       zh_numbers[4];
  } truth[] = {
    { "C B D A", 1, { 1, 2, 3, 4 } },
    { "C D B A", 2, { 7, 8, 10, 11 } },
    { "D B A", 3, { 1, 2, 3 } },
    { "C B D A", 4, { 1, 2, 3, 4 } },
    { "C B D", 5, { 7, 8 } },
    { "B D D A", 6, { 1, 2, 3, 4 } },
    { "B C", 7, { 12, 14 } },
    { "B C D B", 8, { 1, 2, 3, 5 } },
    { "B C A D", 0, { 0 } },
    { "D C B A", 0, { 0 } },
  };
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(GPtrArray) lines = kdl_test_read_jsonl (path);
  g_autoptr(GPtrArray) zh_rows = read_sample_csv ();
  guint compared = 0;

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (truth));

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *object = g_ptr_array_index (lines, i);
      const char *output = json_object_get_string_member (object, "output");
      g_autoptr(KdlExam) exam = kdl_exam_parse_combined (output);
      g_autoptr(KdlExam) zh = NULL;
      g_auto(GStrv) answers = g_strsplit (truth[i].answers, " ", -1);
      g_autofree char *canonical = NULL;

      g_test_message ("sample-finetune.jsonl line %u", i + 1);
      kdl_test_exam_assert_problems (exam, "");
      g_assert_cmpuint (exam->short_answers->len, ==, 0);
      g_assert_cmpuint (exam->mcqs->len, ==, g_strv_length (answers));

      for (guint j = 0; j < exam->mcqs->len; j++)
        {
          const KdlExamMcq *mcq = g_ptr_array_index (exam->mcqs, j);

          g_assert_cmpuint (mcq->number, ==, j + 1);
          g_assert_cmpstr (mcq->answer, ==, answers[j]);
          g_assert_true (g_str_has_suffix (mcq->stem, "?"));
          g_assert_cmpuint (mcq->options->len, ==, 4);
        }

      /* The output is already canonical: rendering gives it back. */
      canonical = kdl_exam_render_canonical (exam);
      g_assert_cmpstr (canonical, ==, output);

      if (truth[i].zh_row == 0)
        continue;

      zh = kdl_exam_parse (((char **)g_ptr_array_index (zh_rows, truth[i].zh_row))[1],
                           ((char **)g_ptr_array_index (zh_rows, truth[i].zh_row))[2]);
      for (guint j = 0; j < G_N_ELEMENTS (truth[i].zh_numbers) && truth[i].zh_numbers[j]; j++)
        {
          const KdlExamMcq *mcq = g_ptr_array_index (exam->mcqs, j);
          const KdlExamMcq *original = kdl_exam_find_mcq (zh, truth[i].zh_numbers[j]);
          g_autofree char *stem = g_strconcat (original->stem, "?", NULL);

          g_assert_cmpstr (mcq->stem, ==, stem);
          g_assert_cmpstr (mcq->answer, ==, original->answer);
          for (guint k = 0; k < 4; k++)
            g_assert_cmpstr (((KdlExamOption *)g_ptr_array_index (mcq->options, k))->text, ==,
                             ((KdlExamOption *)g_ptr_array_index (original->options, k))->text);
          compared++;
        }
    }

  g_assert_cmpuint (compared, ==, 4 + 4 + 3 + 4 + 2 + 4 + 2 + 4);
}

/* CRLF cells read exactly like LF ones. */
static void
test_crlf (void)
{
  g_autoptr(GPtrArray) rows = read_sample_csv ();

  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_auto(GStrv) q_lines = g_strsplit (row[1], "\n", -1);
      g_auto(GStrv) a_lines = g_strsplit (row[2], "\n", -1);
      g_autofree char *q_crlf = g_strjoinv ("\r\n", q_lines);
      g_autofree char *a_crlf = g_strjoinv ("\r\n", a_lines);
      g_autoptr(KdlExam) lf = kdl_exam_parse (row[1], row[2]);
      g_autoptr(KdlExam) crlf = kdl_exam_parse (q_crlf, a_crlf);
      g_autofree char *lf_json = kdl_test_exam_json (lf);
      g_autofree char *crlf_json = kdl_test_exam_json (crlf);

      g_assert_cmpstr (crlf_json, ==, lf_json);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages show the Chinese text (the test environment sets C.UTF-8). */
  kdl_test_set_locale ("");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exam/sample/zh-csv", test_sample_zh_csv);
  g_test_add_func ("/exam/sample/zh-xlsx", test_sample_zh_xlsx);
  g_test_add_func ("/exam/sample/en-xlsx", test_sample_en_xlsx);
  g_test_add_func ("/exam/sample/texts", test_sample_texts);
  g_test_add_func ("/exam/sample/finetune", test_sample_finetune);
  g_test_add_func ("/exam/crlf", test_crlf);

  return g_test_run ();
}
