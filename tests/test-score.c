/* test-score.c — reading scores out of judge replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "kdl-score.h"
#include "kdl-sim-answer.h"
#include "kdl-template.h"
#include "kdl-test-samples.h"
#include "kdl-test-util.h"

#define NONE KDL_SCORE_UNPARSED_NONE
#define UNREAD NAN

typedef struct
{
  const char       *what;
  const char       *reply;
  int               max;
  const char       *pattern;
  double            score;      /* NAN: expected unparsed */
  gboolean          over_max;
  KdlScoreUnparsed  reason;
  int               n_parts;    /* -1: not checked */
  const char       *part;       /* one part to check, or NULL */
  double            points;
} Case;

static const Case cases[] = {
  /* The plain forms. */
  { "plain", "评分完毕。\n总分:38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "full-width colon", "总分：38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "full-width digits", "总分：３８分", 44, NULL, 38, FALSE, NONE, 0 },
  { "spaces anywhere", "总 分 ：  38 分", 44, NULL, 38, FALSE, NONE, 0 },
  { "ideographic space", "总分\u3000：\u300038分", 44, NULL, 38, FALSE, NONE, 0 },
  { "no colon", "总分38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "为", "经过评估，总分为38分。", 44, NULL, 38, FALSE, NONE, 0 },
  { "为 and colon", "总分为：40", 44, NULL, 40, FALSE, NONE, 0 },
  { "是", "这组题的总分是 27 分", 44, NULL, 27, FALSE, NONE, 0 },
  { "总得分", "总得分：41分", 44, NULL, 41, FALSE, NONE, 0 },
  { "最终总分", "最终总分：36分", 44, NULL, 36, FALSE, NONE, 0 },
  { "最终得分", "最终得分: 30", 44, NULL, 30, FALSE, NONE, 0 },
  { "markdown bold", "**总分：38分**", 44, NULL, 38, FALSE, NONE, 0 },
  { "markdown split", "**总分**：**38**分", 44, NULL, 38, FALSE, NONE, 0 },
  { "markdown heading", "### 总分：`38`分", 44, NULL, 38, FALSE, NONE, 0 },
  { "fraction", "总分：38/44", 44, NULL, 38, FALSE, NONE, 0 },
  { "fraction with unit", "总分：38 / 44 分", 44, NULL, 38, FALSE, NONE, 0 },
  { "full-width fraction", "总分：３８／４４", 44, NULL, 38, FALSE, NONE, 0 },
  { "bare fraction of the maximum", "这组题质量不错，我给 38/44。", 44, NULL, 38, FALSE, NONE, 0 },
  { "bare fraction not of the maximum", "第一题 3/4 的考生能答对。", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NO_TOTAL, 0 },
  { "decimal", "总分：38.5分", 44, NULL, 38.5, FALSE, NONE, 0 },
  { "full-width decimal", "总分：３８．５分", 44, NULL, 38.5, FALSE, NONE, 0 },
  { "Chinese numeral", "总分：三十八分", 44, NULL, 38, FALSE, NONE, 0 },
  { "Chinese hundred", "总分为一百分", 100, NULL, 100, FALSE, NONE, 0 },
  { "English", "Total score: 88/100", 100, NULL, 88, FALSE, NONE, 0 },
  { "English total", "Total: 72 points", 100, NULL, 72, FALSE, NONE, 0 },
  { "约", "总分约为38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "a range is not a score", "总分：38-40分", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NOT_A_NUMBER, 0 },
  { "a range, then the total", "总分在35～40分之间。\n总分：38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "zero is a score", "题目与文本无关。\n总分:0分", 44, NULL, 0, FALSE, NONE, 0 },

  /* The adversarial cases. */
  { "instruction echo only", "好的，我会以“总分:XX分”的形式返回。", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY, 0 },
  { "instruction echo, then the total", "按要求，以“总分:XX分”的形式返回。\n……\n总分:35分", 44, NULL, 35, FALSE, NONE, 0 },
  { "total, then an echo", "总分:35分\n（以上按“总分：XX分”的格式给出）", 44, NULL, 35, FALSE, NONE, 0 },
  { "other placeholders", "总分：__分\n总分：[分数]\n总分：？？分", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY, 0 },
  { "subtotal", "总分:12+10+9=31分", 44, NULL, 31, FALSE, NONE, 0 },
  { "subtotal with spaces", "总分 = 12 + 10 + 9 = 31", 44, NULL, 31, FALSE, NONE, 0 },
  { "sum without result", "总分：12+10+9分", 44, NULL, 31, FALSE, NONE, 0 },
  { "the judge's stated result wins", "总分：12+10+9=30分", 44, NULL, 30, FALSE, NONE, 0 },
  { "满分 before the total", "本题满分44分。\n总分：38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "满分 in a parenthesis", "总分（满分44分）：38分", 44, NULL, 38, FALSE, NONE, 0 },
  { "满分 after the total", "总分：38分（满分44分）", 44, NULL, 38, FALSE, NONE, 0 },
  { "总分值 is not a total", "评分标准总分值为44分，本次得分情况如下。\n总分：40分", 44, NULL, 40, FALSE, NONE, 0 },
  { "the rubric's maximum after the total", "总分:38分\n\n说明：本评分标准总分44分，满分的总分不变。", 44, NULL, 38, FALSE, NONE, 0 },
  { "a perfect score is a score", "总分:44分", 44, NULL, 44, FALSE, NONE, 0 },
  { "N/A", "总分：N/A", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NOT_A_NUMBER, 0 },
  { "two totals: the last wins", "总分:30分\n更正：重新核对后，总分:33分", 44, NULL, 33, FALSE, NONE, 0 },
  { "above the maximum", "总分:50分", 44, NULL, 50, TRUE, NONE, 0 },
  { "nothing readable", "这组题目整体质量较好，但第三题有歧义。", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NO_TOTAL, 0 },
  { "empty", "  \n\t ", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_EMPTY, 0 },
  { "a total in words", "总分：良好", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NOT_A_NUMBER, 0 },
  { "a total line with nothing after it", "总分：\n（无法评分）", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NOT_A_NUMBER, 0 },
  { "negative", "扣分过多，总分：-5分", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NEGATIVE, 0 },
  { "percentage", "总分：85%", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_PERCENTAGE, 0 },
  { "总分析 is not a total", "总分析：题目设计合理。", 44, NULL, UNREAD, FALSE, KDL_SCORE_UNPARSED_NO_TOTAL, 0 },

  /* JSON. */
  { "fenced JSON", "评分如下：\n```json\n{\"总分\": 38, \"parts\": {\"题目数量\": 10, \"答案正确性\": 9}}\n```", 44, NULL,
    38, FALSE, NONE, 2, "答案正确性", 9 },
  { "bare JSON, English key", "{\"score\": \"41.5\", \"comment\": \"ok\"}", 44, NULL, 41.5, FALSE, NONE, 0 },
  { "JSON, then a later total", "{\"total\": 20}\n复核后总分：25分", 44, NULL, 25, FALSE, NONE, 0 },
  { "JSON with parts beside the total", "```\n{\"题目数量\": 10, \"答案正确性\": 9, \"max\": 44, \"总分\": 19}\n```", 44, NULL,
    19, FALSE, NONE, 2, "题目数量", 10 },
  { "broken JSON still has a total", "{\"总分\": 38, ", 44, NULL, 38, FALSE, NONE, 0 },

  /* Parts. */
  { "parts line", "题目数量:10分 答案正确性:9分 干扰项:8分 语言:4分\n总分:31分", 44, NULL,
    31, FALSE, NONE, 4, "干扰项", 8 },
  { "parts with parentheses and full-width", "- 题目数量（10分）：８分\n- 答案正确性(20分): 18/20\n总分：26分", 44, NULL,
    26, FALSE, NONE, 2, "答案正确性", 18 },
  { "simulator-style part lines", "- 格式规范：得8分（满分10分）。\n格式规范:8分\n总分:8分", 100, NULL,
    8, FALSE, NONE, 1, "格式规范", 8 },
  { "parts echo with X", "请按“格式规范:X分 语言表达:X分”列出。\n总分:XX分", 100, NULL,
    UNREAD, FALSE, KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY, 0 },
  { "English parts", "Format:9分 Relevance:14分\n总分:23分", 100, NULL, 23, FALSE, NONE, 2, "Relevance", 14 },
  { "parts without a total", "格式规范:8分 语言表达:7分", 100, NULL,
    UNREAD, FALSE, KDL_SCORE_UNPARSED_NO_TOTAL, 2, "语言表达", 7 },

  /* score_pattern. */
  { "pattern", "得分=7 其余略。总分:99分", 10, "得分=(\\d+)", 7, FALSE, NONE, 0 },
  { "pattern, last match", "得分=7\n得分=9", 10, "得分=(\\d+)", 9, FALSE, NONE, 0 },
  { "pattern, full-width digits in the group", "得分=９", 10, "得分=(\\S+)", 9, FALSE, NONE, 0 },
  { "pattern no match", "总分:8分", 10, "得分=(\\d+)", UNREAD, FALSE, KDL_SCORE_UNPARSED_PATTERN_NO_MATCH, 0 },
  { "pattern over max", "得分=12", 10, "得分=(\\d+)", 12, TRUE, NONE, 0 },
  { "pattern captures a placeholder", "得分=XX", 10, "得分=(\\w+)", UNREAD, FALSE, KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY, 0 },
  { "bad pattern", "得分=5", 10, "得分=\\d+", UNREAD, FALSE, KDL_SCORE_UNPARSED_BAD_PATTERN, 0 },
};

static void
test_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(KdlScoreResult) result = kdl_score_extract (c->reply, c->max, c->pattern);

      g_test_message ("case %u (%s): parsed %d score %g reason %s parts %u", i, c->what,
                      result->parsed, result->score,
                      kdl_score_unparsed_to_string (result->unparsed_reason), result->parts->len);

      g_assert_cmpint (result->score_max, ==, c->max);
      if (isnan (c->score))
        {
          g_assert_false (result->parsed);
          /* Never 0, never a guess. */
          g_assert_true (isnan (result->score));
          g_assert_cmpint (result->unparsed_reason, ==, c->reason);
          g_assert_nonnull (kdl_score_unparsed_to_string (result->unparsed_reason));
          g_assert_false (result->over_max);
        }
      else
        {
          g_assert_true (result->parsed);
          g_assert_cmpfloat (result->score, ==, c->score);
          g_assert_cmpint (result->unparsed_reason, ==, NONE);
          g_assert_null (kdl_score_unparsed_to_string (result->unparsed_reason));
          g_assert_cmpint (result->over_max, ==, c->over_max);
        }

      if (c->n_parts >= 0)
        g_assert_cmpuint (result->parts->len, ==, (guint)c->n_parts);
      if (c->part != NULL)
        {
          double points = -1;

          g_assert_true (kdl_score_result_get_part (result, c->part, &points));
          g_assert_cmpfloat (points, ==, c->points);
        }
    }
}

static void
test_reason_codes (void)
{
  for (int r = KDL_SCORE_UNPARSED_EMPTY; r <= KDL_SCORE_UNPARSED_BAD_PATTERN; r++)
    {
      const char *code = kdl_score_unparsed_to_string (r);

      g_assert_nonnull (code);
      for (const char *p = code; *p; p++)
        g_assert_true (g_ascii_islower (*p) || *p == '-');
      g_assert_nonnull (kdl_score_unparsed_describe (r));
    }

  g_assert_cmpstr (kdl_score_unparsed_to_string (KDL_SCORE_UNPARSED_NO_TOTAL), ==, "no-total");
  g_assert_cmpstr (kdl_score_unparsed_to_string (KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY), ==, "placeholder-only");
  g_assert_cmpstr (kdl_score_unparsed_to_string (KDL_SCORE_UNPARSED_NOT_A_NUMBER), ==, "not-a-number");
}

static void
test_null_and_invalid (void)
{
  g_autoptr(KdlScoreResult) null_reply = kdl_score_extract (NULL, 44, NULL);
  g_autoptr(KdlScoreResult) cut = kdl_score_extract ("总分:38分\n\xe6\x80", 44, NULL);
  g_autoptr(KdlScoreResult) copy = NULL;
  g_autoptr(KdlScoreResult) no_max = kdl_score_extract ("总分:500分 38/44", 0, NULL);

  g_assert_false (null_reply->parsed);
  g_assert_cmpint (null_reply->unparsed_reason, ==, KDL_SCORE_UNPARSED_EMPTY);

  /* A stream cut mid-character still yields its total. */
  g_assert_true (cut->parsed);
  g_assert_cmpfloat (cut->score, ==, 38);

  copy = kdl_score_result_copy (cut);
  g_assert_true (copy->parsed);
  g_assert_cmpfloat (copy->score, ==, 38);

  /* Without a maximum, nothing is over it. */
  g_assert_true (no_max->parsed);
  g_assert_cmpfloat (no_max->score, ==, 500);
  g_assert_false (no_max->over_max);
}

/* Judge replies from the simulator, for prompts rendered from the built-in
 * judges: every reply parses, with the rubric's six parts adding up to the
 * total, and the scores spread over the range. */
static void
check_simulated (GHashTable *row,
                 const char *language,
                 GHashTable *totals_seen)
{
  g_autoptr(KdlTemplate) expand = kdl_template_new_builtin ("expand", language, NULL);
  g_autoptr(KdlTemplate) judge = kdl_template_new_builtin ("judge", language, NULL);
  g_autofree char *generate_prompt = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *judge_prompt = NULL;
  g_autofree char *reply = NULL;
  g_autoptr(KdlScoreResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) rubric = g_regex_new ("^- (\\S+?)\\s*[（(](\\d+)分[)）]", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  kdl_template_add_reference (row, language);
  generate_prompt = kdl_template_render (expand, row, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kdl_sim_answer_is_judge_prompt (generate_prompt));
  generated = kdl_sim_answer_generate (generate_prompt);
  g_hash_table_insert (row, g_strdup ("generated"), g_strdup (generated));

  judge_prompt = kdl_template_render (judge, row, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdl_sim_answer_is_judge_prompt (judge_prompt));
  reply = kdl_sim_answer_judge (judge_prompt);

  result = kdl_score_extract (reply, kdl_template_get_score_max (judge),
                              kdl_template_get_score_pattern (judge));
  g_test_message ("simulated judge (%s): %g of %d\n%s", language, result->score,
                  kdl_template_get_score_max (judge), reply);
  g_assert_true (result->parsed);
  g_assert_false (result->over_max);
  g_assert_cmpfloat (result->score, >=, 0);
  g_assert_cmpfloat (result->score, <=, kdl_template_get_score_max (judge));

  /* Every rubric part comes back, within its range; they add up. */
  g_regex_match (rubric, kdl_template_get_body (judge), 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *max = g_match_info_fetch (match, 2);
      double points = -1;

      g_assert_true (kdl_score_result_get_part (result, name, &points));
      g_assert_cmpfloat (points, >=, 0);
      g_assert_cmpfloat (points, <=, atoi (max));
      n++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (result->parts->len, ==, 6);
  g_assert_cmpfloat (kdl_score_result_parts_sum (result), ==, result->score);

  g_hash_table_add (totals_seen, GINT_TO_POINTER ((int)result->score + 1));
}

static void
test_simulator_replies (void)
{
  g_autoptr(GPtrArray) finetune = kdl_test_samples_finetune ();
  g_autoptr(GPtrArray) csv = kdl_test_samples_zh_csv ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) english = kdl_template_variables_new ();

  for (guint i = 0; i < finetune->len; i++)
    check_simulated (finetune->pdata[i], "zh", seen);
  for (guint i = 0; i < csv->len; i++)
    check_simulated (csv->pdata[i], "zh", seen);

  g_hash_table_insert (english, g_strdup ("reading"), g_strdup (
    "Every autumn, volunteers across the country go out at night and count the stars they can see. "
    "Their reports show how light pollution spreads from cities into the countryside. Scientists say "
    "the data would cost millions to collect any other way. Some towns have already changed their "
    "street lamps after seeing the results."));
  g_hash_table_insert (english, g_strdup ("row"), g_strdup ("1"));
  check_simulated (english, "en", seen);

  /* 19 prompts: the totals are not all one value. */
  g_assert_cmpuint (g_hash_table_size (seen), >, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/score/table", test_table);
  g_test_add_func ("/score/reason-codes", test_reason_codes);
  g_test_add_func ("/score/null-and-invalid", test_null_and_invalid);
  g_test_add_func ("/score/simulator", test_simulator_replies);

  return g_test_run ();
}
