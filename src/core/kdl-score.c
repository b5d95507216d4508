/* kdl-score.c — reading the score out of a judge's reply
 *
 * The rules, and why, are in kdl-score.h.  The reply is normalised once;
 * a regular expression finds the total keys, and a small hand-written
 * reader takes the value after each key, so placeholders, sums, fractions
 * and Chinese numerals are told apart exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-score"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-score.h"
#include "kdl-score-private.h"

G_DEFINE_BOXED_TYPE (KdlScoreResult, kdl_score_result, kdl_score_result_copy, kdl_score_result_free)

void
_kdl_score_part_free (gpointer data)
{
  KdlScorePart *part = data;

  g_free (part->name);
  g_free (part);
}

static KdlScoreResult *
result_new (int score_max)
{
  KdlScoreResult *result = g_new0 (KdlScoreResult, 1);

  result->score = NAN;
  result->score_max = score_max;
  result->parts = g_ptr_array_new_with_free_func (_kdl_score_part_free);

  return result;
}

KdlScoreResult *
kdl_score_result_copy (const KdlScoreResult *result)
{
  KdlScoreResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = result_new (result->score_max);
  copy->parsed = result->parsed;
  copy->score = result->score;
  copy->over_max = result->over_max;
  copy->unparsed_reason = result->unparsed_reason;
  for (guint i = 0; i < result->parts->len; i++)
    {
      const KdlScorePart *part = g_ptr_array_index (result->parts, i);
      KdlScorePart *dup = g_new (KdlScorePart, 1);

      dup->name = g_strdup (part->name);
      dup->points = part->points;
      g_ptr_array_add (copy->parts, dup);
    }

  return copy;
}

void
kdl_score_result_free (KdlScoreResult *result)
{
  if (result == NULL)
    return;

  g_ptr_array_unref (result->parts);
  g_free (result);
}

/**
 * kdl_score_result_get_part:
 * @points: (out) (optional): the part's points
 *
 * Returns: whether the reply gave a part called @name
 */
gboolean
kdl_score_result_get_part (const KdlScoreResult *result,
                           const char           *name,
                           double               *points)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < result->parts->len; i++)
    {
      const KdlScorePart *part = g_ptr_array_index (result->parts, i);

      if (g_str_equal (part->name, name))
        {
          if (points != NULL)
            *points = part->points;
          return TRUE;
        }
    }

  return FALSE;
}

double
kdl_score_result_parts_sum (const KdlScoreResult *result)
{
  double sum = 0;

  g_return_val_if_fail (result != NULL, 0);

  for (guint i = 0; i < result->parts->len; i++)
    sum += ((const KdlScorePart *)g_ptr_array_index (result->parts, i))->points;

  return sum;
}

/**
 * kdl_score_unparsed_to_string:
 *
 * Returns: the stable English code ("no-total", …); %NULL for NONE
 */
const char *
kdl_score_unparsed_to_string (KdlScoreUnparsed reason)
{
  switch (reason)
    {
    case KDL_SCORE_UNPARSED_NONE:             return NULL;
    case KDL_SCORE_UNPARSED_EMPTY:            return "empty";
    case KDL_SCORE_UNPARSED_NO_TOTAL:         return "no-total";
    case KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY: return "placeholder-only";
    case KDL_SCORE_UNPARSED_NOT_A_NUMBER:     return "not-a-number";
    case KDL_SCORE_UNPARSED_NEGATIVE:         return "negative";
    case KDL_SCORE_UNPARSED_PERCENTAGE:       return "percentage";
    case KDL_SCORE_UNPARSED_PATTERN_NO_MATCH: return "pattern-no-match";
    case KDL_SCORE_UNPARSED_BAD_PATTERN:      return "bad-pattern";
    default:                                  return "unknown";
    }
}

/**
 * kdl_score_unparsed_describe:
 *
 * Returns: a translated sentence saying why no score was read
 */
const char *
kdl_score_unparsed_describe (KdlScoreUnparsed reason)
{
  switch (reason)
    {
    case KDL_SCORE_UNPARSED_NONE:
      return _("The score was read.");
    case KDL_SCORE_UNPARSED_EMPTY:
      return _("The reply is empty.");
    case KDL_SCORE_UNPARSED_NO_TOTAL:
      return _("The reply has no total such as “总分:38分”.");
    case KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY:
      return _("The reply only repeats the instruction “总分:XX分” without a number.");
    case KDL_SCORE_UNPARSED_NOT_A_NUMBER:
      return _("The reply names a total but gives no number for it.");
    case KDL_SCORE_UNPARSED_NEGATIVE:
      return _("The total is below zero.");
    case KDL_SCORE_UNPARSED_PERCENTAGE:
      return _("The total is a percentage, not points.");
    case KDL_SCORE_UNPARSED_PATTERN_NO_MATCH:
      return _("The template’s score_pattern does not match the reply.");
    case KDL_SCORE_UNPARSED_BAD_PATTERN:
      return _("The template’s score_pattern is not a valid regular expression with one group.");
    default:
      return _("The score could not be read.");
    }
}

/* Choosing --------------------------------------------------------------- */

static gboolean
is_valued (ValueKind kind)
{
  return kind == VALUE_NUMBER || kind == VALUE_NEGATIVE || kind == VALUE_PERCENT;
}

static KdlScoreUnparsed
reason_for (ValueKind kind)
{
  switch (kind)
    {
    case VALUE_NEGATIVE:    return KDL_SCORE_UNPARSED_NEGATIVE;
    case VALUE_PERCENT:     return KDL_SCORE_UNPARSED_PERCENTAGE;
    case VALUE_PLACEHOLDER: return KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY;
    case VALUE_NOT_A_NUMBER:
    case VALUE_NUMBER:
    default:                return KDL_SCORE_UNPARSED_NOT_A_NUMBER;
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  return ca->pos < cb->pos ? -1 : ca->pos > cb->pos;
}

/* With no total key: "38/44" where 44 is the maximum. */
static gboolean
find_fraction (const char *text,
               int         score_max,
               double     *value)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  gboolean found = FALSE;

  if (score_max <= 0)
    return FALSE;

  regex = g_regex_new ("(?<![\\d.])(\\d+(?:\\.\\d+)?) */ *(\\d+)(?![\\d.])", 0, 0, NULL);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *num = g_match_info_fetch (match, 1);
      g_autofree char *den = g_match_info_fetch (match, 2);

      if (g_ascii_strtoll (den, NULL, 10) == score_max)
        {
          *value = g_ascii_strtod (num, NULL);
          found = TRUE;
        }
      g_match_info_next (match, NULL);
    }

  return found;
}

static void
decide (KdlScoreResult *result,
        GArray         *candidates,
        const char     *text)
{
  const Candidate *last_valued = NULL;
  const Candidate *last_failed = NULL;
  double value = NAN;

  g_array_sort (candidates, compare_candidates);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (is_valued (c->kind))
        last_valued = c;
      else if (c->kind == VALUE_NOT_A_NUMBER || last_failed == NULL)
        last_failed = c;
    }

  if (last_valued != NULL && last_valued->kind == VALUE_NUMBER)
    {
      result->parsed = TRUE;
      result->score = last_valued->value;
    }
  else if (last_valued != NULL)
    result->unparsed_reason = reason_for (last_valued->kind);
  else if (last_failed != NULL)
    result->unparsed_reason = reason_for (last_failed->kind);
  else if (find_fraction (text, result->score_max, &value))
    {
      result->parsed = TRUE;
      result->score = value;
    }
  else
    result->unparsed_reason = KDL_SCORE_UNPARSED_NO_TOTAL;
}

static void
apply_pattern (KdlScoreResult *result,
               const char     *reply,
               const char     *pattern)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *group = NULL;

  regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  if (regex == NULL || g_regex_get_capture_count (regex) != 1)
    {
      result->unparsed_reason = KDL_SCORE_UNPARSED_BAD_PATTERN;
      return;
    }

  g_regex_match (regex, reply, 0, &match);
  while (g_match_info_matches (match))
    {
      g_free (group);
      group = g_match_info_fetch (match, 1);
      g_match_info_next (match, NULL);
    }

  if (group == NULL)
    result->unparsed_reason = KDL_SCORE_UNPARSED_PATTERN_NO_MATCH;
  else
    {
      g_autofree char *normal = _kdl_score_normalize (group);
      double value = NAN;
      ValueKind kind = _kdl_score_read_value (_kdl_score_skip_hspace (normal), &value);

      if (kind == VALUE_NUMBER)
        {
          result->parsed = TRUE;
          result->score = value;
        }
      else
        result->unparsed_reason = reason_for (kind);
    }
}

/**
 * kdl_score_extract:
 * @reply: (nullable): the judge's reply
 * @score_max: the judge template's score_max (0 when unknown: no over_max,
 *   no bare-fraction fallback)
 * @score_pattern: (nullable): the template's score_pattern
 *
 * Reads the total and its parts as kdl-score.h describes.
 *
 * Returns: (transfer full): the result, never %NULL
 */
KdlScoreResult *
kdl_score_extract (const char *reply,
                   int         score_max,
                   const char *score_pattern)
{
  KdlScoreResult *result = result_new (score_max);
  g_autofree char *valid = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) json_parts = NULL;

  if (reply == NULL)
    {
      result->unparsed_reason = KDL_SCORE_UNPARSED_EMPTY;
      return result;
    }

  /* A stream cut mid-character must not hide the rest of the reply. */
  if (!g_utf8_validate (reply, -1, NULL))
    reply = valid = g_utf8_make_valid (reply, -1);

  text = _kdl_score_normalize (reply);

  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    if (stripped[0] == '\0')
      {
        result->unparsed_reason = KDL_SCORE_UNPARSED_EMPTY;
        return result;
      }
  }

  candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  json_parts = g_ptr_array_new_with_free_func (_kdl_score_part_free);

  if (score_pattern != NULL && score_pattern[0] != '\0')
    apply_pattern (result, reply, score_pattern);
  else
    {
      _kdl_score_find_text_totals (text, candidates);
      _kdl_score_find_json_totals (text, candidates, json_parts);
      decide (result, candidates, text);
    }

  _kdl_score_find_text_parts (text, result->parts);
  for (guint i = 0; i < json_parts->len; i++)
    {
      const KdlScorePart *part = g_ptr_array_index (json_parts, i);
      _kdl_score_add_part (result->parts, part->name, part->points);
    }

  if (result->parsed && score_max > 0 && result->score > score_max)
    result->over_max = TRUE;

  return result;
}
