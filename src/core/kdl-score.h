/* kdl-score.h — reading the score out of a judge's reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * How kdl_score_extract() reads a reply (each case has a test in
 * tests/test-score.c):
 *
 * Normalisation.  Full-width digits, colons, slashes, dots, plus and equals
 * signs and the ideographic space count as their ASCII forms; markdown
 * emphasis (`**`, `__`, `*`, backticks) and heading marks are ignored.
 *
 * The total.  A total is a key — 总分, 总得分, 最终总分, 最终得分, 综合得分,
 * "total score", "final score", "overall score", "total" (spaces allowed
 * inside the Chinese keys) — followed by an optional parenthesis
 * ("总分（满分44分）：38分"), optional connectors (":", "=", "为", "是",
 * "约", quotes) and a value.  Words between the key and the value other
 * than these ("总分值为44分") mean the key is not a total statement.
 *   - "38", "38.5", "38分", "38 points", "38/44", "38 / 44 分" → 38 (38.5).
 *   - Subtotals: "12+10+9=31分" → 31, the number after the last "=", even
 *     when the judge's own sum is wrong; "12+10+9分" without "=" → 31.
 *   - Chinese numerals ("三十八分") are read (0–999).
 *   - A placeholder ("XX", "X", "NN", "??", "__", "[分数]", "{score}",
 *     "<总分>", "…") is not a score ("N/A" is not-a-number): the judge echoing the instruction
 *     "以“总分:XX分”的形式返回" gives no value.
 *   - A range ("38-40分", "38~40") is a total without a number: picking
 *     either end would be a guess.
 *   - Anything else ("总分：良好") is a total without a number.
 * A key right after "标准" or "满分" ("评分标准总分44分") describes the
 * rubric's maximum and is skipped.
 * Several totals: the last one with a number wins (a judge that corrects
 * itself ends with the corrected total; an echoed instruction earlier does
 * not count).  "满分44分" is not a key, so a maximum mentioned before or
 * after the total is never taken for it.
 * A fenced ```json block or a bare {...} object whose member "总分",
 * "总得分", "total", "total_score", "score" or "final_score" is a number
 * (or a numeric string) is a total at the object's position.  Its other
 * numeric members ({"题目数量": 10, "总分": 19}) and the numbers in its
 * member "parts" (or "分项", "各项得分") are the parts; names of totals or
 * maxima ("max", "满分", …) are not.
 * With no total key anywhere, a fraction "N/score_max" (the denominator
 * equal to the maximum) is taken, the last one.
 *
 * The result.  A number above @score_max sets over_max and is kept as it
 * is (never clamped).  A negative total is unparsed ("negative"); a
 * percentage ("总分：85%") is unparsed ("percentage"): points were asked
 * for, and converting would be a guess.  Nothing readable is unparsed with
 * a reason code; the score is then NAN, never 0.
 *
 * score_pattern.  When given, it replaces the total detection: its last
 * match's first group is the score (normalised as above, Chinese numerals
 * allowed); no match is "pattern-no-match".  Parts are still read.
 *
 * Parts.  "名称:8分" pairs (name 2–16 letters, CJK or Latin; an optional
 * parenthesis between name and colon: "格式规范（10分）：8分"; "8/10分" and
 * "8 points" also work) anywhere before the chosen total, a later value
 * replacing an earlier one of the same name.  Names that are totals or
 * maxima (总分, 满分, 得分, score, total, …) are not parts.  Parts keep the
 * order in which they first appear.
 */
typedef enum
{
  KDL_SCORE_UNPARSED_NONE,              /* parsed */
  KDL_SCORE_UNPARSED_EMPTY,             /* "empty": nothing but whitespace */
  KDL_SCORE_UNPARSED_NO_TOTAL,          /* "no-total": no total anywhere */
  KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY,  /* "placeholder-only": only "总分:XX分" echoes */
  KDL_SCORE_UNPARSED_NOT_A_NUMBER,      /* "not-a-number": a total with no number */
  KDL_SCORE_UNPARSED_NEGATIVE,          /* "negative": a total below zero */
  KDL_SCORE_UNPARSED_PERCENTAGE,        /* "percentage": "总分：85%" */
  KDL_SCORE_UNPARSED_PATTERN_NO_MATCH,  /* "pattern-no-match": score_pattern did not match */
  KDL_SCORE_UNPARSED_BAD_PATTERN,       /* "bad-pattern": score_pattern does not compile */
} KdlScoreUnparsed;

typedef struct
{
  char   *name;
  double  points;
} KdlScorePart;

#define KDL_TYPE_SCORE_RESULT (kdl_score_result_get_type ())

typedef struct
{
  gboolean          parsed;
  double            score;            /* NAN unless parsed */
  int               score_max;        /* as given */
  gboolean          over_max;         /* parsed and score > score_max */
  KdlScoreUnparsed  unparsed_reason;
  GPtrArray        *parts;            /* of KdlScorePart, in order; never NULL */
} KdlScoreResult;

GType             kdl_score_result_get_type        (void) G_GNUC_CONST;
KdlScoreResult   *kdl_score_extract                (const char           *reply,
                                                    int                   score_max,
                                                    const char           *score_pattern);
KdlScoreResult   *kdl_score_result_copy            (const KdlScoreResult *result);
void              kdl_score_result_free            (KdlScoreResult       *result);
gboolean          kdl_score_result_get_part        (const KdlScoreResult *result,
                                                    const char           *name,
                                                    double               *points);
double            kdl_score_result_parts_sum       (const KdlScoreResult *result);

const char       *kdl_score_unparsed_to_string     (KdlScoreUnparsed      reason);
const char       *kdl_score_unparsed_describe      (KdlScoreUnparsed      reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlScoreResult, kdl_score_result_free)

G_END_DECLS
