/* kdl-score-scan.c — the readers behind kdl_score_extract()
 *
 * Normalisation, the value after a total key (numbers, sums, fractions,
 * Chinese numerals, placeholders), total keys in text and in JSON objects,
 * and the rubric parts.  kdl-score.h says what each one accepts and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-score"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-score-private.h"

/* Normalisation ---------------------------------------------------------- */

char *
_kdl_score_normalize (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        c = '0' + (c - 0xFF10);
      else
        switch (c)
          {
          case 0xFF1A: c = ':'; break;
          case 0xFF0F: c = '/'; break;
          case 0xFF0E: c = '.'; break;
          case 0xFF0B: c = '+'; break;
          case 0xFF1D: c = '='; break;
          case 0xFF05: c = '%'; break;
          case 0xFF08: c = '('; break;
          case 0xFF09: c = ')'; break;
          case 0xFF0D: case 0x2212: c = '-'; break;
          case 0xFF1F: c = '?'; break;
          case 0xFF3F: c = '_'; break;
          case 0x3000: case 0x00A0: case '\t': c = ' '; break;
          case '*': case '`': case '#': c = 0; break;   /* markdown */
          case '\r': c = 0; break;
          default: break;
          }

      if (c != 0)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Values ----------------------------------------------------------------- */

const char *
_kdl_score_skip_hspace (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

static const char *
skip_any (const char  *p,
          const char **strings)
{
  for (gboolean again = TRUE; again;)
    {
      again = FALSE;
      for (guint i = 0; strings[i] != NULL; i++)
        if (g_str_has_prefix (p, strings[i]))
          {
            p += strlen (strings[i]);
            again = TRUE;
          }
    }
  return p;
}

/* A short parenthesis on the same line: "（满分44分）". */
static const char *
skip_parenthesis (const char *p)
{
  if (*p == '(')
    {
      const char *close = p + 1;

      while (*close && *close != ')' && *close != '\n' && close - p < 48)
        close++;
      if (*close == ')')
        return close + 1;
    }
  return p;
}

static gboolean
read_decimal (const char **pp,
              double      *value)
{
  const char *p = *pp;
  char *end = NULL;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  *value = g_ascii_strtod (p, &end);
  /* "38." followed by text: strtod took the dot, which is fine. */
  *pp = end;
  return TRUE;
}

static int
chinese_digit (gunichar c)
{
  static const gunichar digits[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                     0x516D, 0x4E03, 0x516B, 0x4E5D };   /* 零一二三四五六七八九 */

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    if (digits[i] == c)
      return i;
  if (c == 0x3007)   /* 〇 */
    return 0;
  if (c == 0x4E24)   /* 两 */
    return 2;
  return -1;
}

/* "三十八" → 38, "一百" → 100, "九十五" → 95; 0–999. */
static gboolean
read_chinese_number (const char **pp,
                     double      *value)
{
  const char *p = *pp;
  int total = 0;
  int current = 0;
  gboolean any = FALSE;

  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = chinese_digit (c);

      if (d >= 0)
        current = d;
      else if (c == 0x5341)   /* 十 */
        {
          total += (current == 0 ? 1 : current) * 10;
          current = 0;
        }
      else if (c == 0x767E)   /* 百 */
        {
          total += (current == 0 ? 1 : current) * 100;
          current = 0;
        }
      else
        break;
      any = TRUE;
    }

  if (!any)
    return FALSE;

  *value = total + current;
  *pp = p;
  return TRUE;
}

static gboolean
read_placeholder (const char **pp)
{
  const char *p = *pp;
  static const char *brackets[][2] = {
    { "[", "]" }, { "【", "】" }, { "{", "}" }, { "<", ">" }, { "〔", "〕" },
  };

  if (g_ascii_strncasecmp (p, "n/a", 3) == 0)
    return FALSE;

  if (*p == 'X' || *p == 'x' || *p == 'N' || *p == 'n')
    {
      const char *q = p;

      while (*q == *p && q - p < 3)
        q++;
      if (!g_ascii_isalnum (*q))
        {
          *pp = q;
          return TRUE;
        }
      return FALSE;
    }

  if (*p == '?' || *p == '_')
    {
      while (**pp == *p)
        (*pp)++;
      return TRUE;
    }

  if (g_str_has_prefix (p, "…") || g_str_has_prefix (p, "..."))
    {
      while (g_str_has_prefix (*pp, "…") || **pp == '.')
        *pp = g_utf8_next_char (*pp);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (brackets); i++)
    if (g_str_has_prefix (p, brackets[i][0]))
      {
        const char *close = strstr (p, brackets[i][1]);
        const char *nl = strchr (p, '\n');

        if (close != NULL && (nl == NULL || close < nl) && close - p < 40)
          {
            *pp = close + strlen (brackets[i][1]);
            return TRUE;
          }
      }

  return FALSE;
}

/*
 * Reads the value of a total at @p: a number with an optional sum and
 * result ("12+10+9=31"), fraction ("38/44") and unit, a Chinese numeral, or
 * a placeholder.
 */
ValueKind
_kdl_score_read_value (const char *p,
                       double     *value)
{
  gboolean negative = FALSE;
  double number;

  if (read_placeholder (&p))
    return VALUE_PLACEHOLDER;

  if (*p == '-' && (g_ascii_isdigit (p[1]) || p[1] == ' '))
    {
      negative = TRUE;
      p = _kdl_score_skip_hspace (p + 1);
    }

  if (read_decimal (&p, &number))
    {
      const char *q = _kdl_score_skip_hspace (p);

      /* A sum: add the terms, unless the judge states the result. */
      while (*q == '+')
        {
          double term;
          const char *t = _kdl_score_skip_hspace (q + 1);

          if (!read_decimal (&t, &term))
            break;
          number += term;
          p = t;
          q = _kdl_score_skip_hspace (p);
        }

      if (*q == '=')
        {
          const char *t = _kdl_score_skip_hspace (q + 1);
          double result;

          if (read_decimal (&t, &result))
            {
              number = result;
              p = t;
              q = _kdl_score_skip_hspace (p);
            }
        }

      if (*q == '%')
        return VALUE_PERCENT;

      /* A range ("38-40分", "38~40", "38至40") is not one score. */
      {
        static const char *dashes[] = { "-", "~", "～", "至", "到", "—", "–", NULL };

        for (guint i = 0; dashes[i] != NULL; i++)
          if (g_str_has_prefix (q, dashes[i]) &&
              g_ascii_isdigit (*_kdl_score_skip_hspace (q + strlen (dashes[i]))))
            return VALUE_NOT_A_NUMBER;
      }

      *value = negative && number > 0 ? -number : number;
      return negative && number > 0 ? VALUE_NEGATIVE : VALUE_NUMBER;
    }

  if (!negative && read_chinese_number (&p, &number))
    {
      *value = number;
      return VALUE_NUMBER;
    }

  return VALUE_NOT_A_NUMBER;
}

/* Totals in the text ----------------------------------------------------- */

static const char *closing_quotes[] = { "\"", "'", "”", "’", "」", "』", NULL };
static const char *opening_quotes[] = { "\"", "'", "“", "‘", "「", "『", NULL };

static gboolean
describes_maximum (const char *text,
                   int         key_start)
{
  static const char *before[] = { "标准", "标准的", "满分", "满分的", NULL };
  const char *key = text + key_start;

  for (guint i = 0; before[i] != NULL; i++)
    {
      gsize len = strlen (before[i]);

      if ((gsize)key_start >= len && strncmp (key - len, before[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

void
_kdl_score_find_text_totals (const char *text,
                             GArray     *candidates)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("最 *终 *总 *分|总 *得 *分|最 *终 *得 *分|综 *合 *得 *分|总 *分 *数|总 *分"
                               "|\\b(?:total|final|overall) +score\\b|\\btotal\\b",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      static const char *connectors[] = { ":", "=", "为", "是", "约", " ", NULL };
      int start, end;
      const char *p;
      const char *before;
      Candidate candidate = { 0 };

      g_match_info_fetch_pos (match, 0, &start, &end);
      p = _kdl_score_skip_hspace (text + end);
      p = _kdl_score_skip_hspace (skip_parenthesis (p));
      p = skip_any (p, closing_quotes);
      before = p;
      p = skip_any (p, connectors);
      p = skip_any (p, opening_quotes);
      p = _kdl_score_skip_hspace (skip_parenthesis (p));

      candidate.pos = end;
      candidate.kind = _kdl_score_read_value (p, &candidate.value);

      /* "评分标准总分44分", "标准的总分为44分": the rubric's maximum. */
      if (describes_maximum (text, start))
        {
          g_match_info_next (match, NULL);
          continue;
        }

      /* Without a connector, a word after the key ("总分析", "总分值为")
       * means this is not a statement of the total. */
      if (candidate.kind != VALUE_NOT_A_NUMBER || p != before)
        g_array_append_val (candidates, candidate);

      g_match_info_next (match, NULL);
    }
}

/* Names that are totals or maxima, never parts. */
static gboolean
is_total_name (const char *name)
{
  static const char *exact[] = {
    "得分", "分数", "评分", "分值", "合计", "总计", "小计", "score", "scores", "points",
    "point", "mark", "marks", "max", "maximum", "max_score", "out_of", "full_marks", NULL
  };
  g_autofree char *lower = g_utf8_strdown (name, -1);

  if (strstr (name, "总分") != NULL || strstr (name, "满分") != NULL ||
      strstr (name, "总得分") != NULL || strstr (name, "最终得分") != NULL ||
      strstr (name, "综合得分") != NULL || strstr (lower, "total") != NULL)
    return TRUE;

  for (guint i = 0; exact[i] != NULL; i++)
    if (g_str_equal (lower, exact[i]))
      return TRUE;

  return FALSE;
}

/* JSON objects ----------------------------------------------------------- */

static const char *json_total_keys[] = {
  "总分", "总得分", "最终总分", "最终得分", "total", "total_score", "totalscore", "score",
  "final_score", "overall_score", NULL
};

static const char *json_parts_keys[] = { "parts", "分项", "各项得分", "分项得分", NULL };

static gboolean
json_number (JsonNode *node,
             double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;

        *value = g_ascii_strtod (s, &end);
        return end != s && *_kdl_score_skip_hspace (end) == '\0';
      }
    default:
      return FALSE;
    }
}

/* The object's member named like one of @keys (ASCII case ignored). */
static JsonNode *
json_member (JsonObject  *object,
             const char **keys)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (guint k = 0; keys[k] != NULL; k++)
    for (GList *l = members; l != NULL; l = l->next)
      if (g_ascii_strcasecmp (l->data, keys[k]) == 0)
        return json_object_get_member (object, l->data);

  return NULL;
}

/* The end of the balanced {...} starting at @p, or NULL. */
static const char *
match_brace (const char *p)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (; *p; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{')
        depth++;
      else if (*p == '}' && --depth == 0)
        return p + 1;
    }

  return NULL;
}

void
_kdl_score_add_part (GPtrArray  *parts,
                     const char *name,
                     double      points)
{
  KdlScorePart *part;

  for (guint i = 0; i < parts->len; i++)
    {
      part = g_ptr_array_index (parts, i);
      if (g_str_equal (part->name, name))
        {
          part->points = points;
          return;
        }
    }

  part = g_new (KdlScorePart, 1);
  part->name = g_strdup (name);
  part->points = points;
  g_ptr_array_add (parts, part);
}

void
_kdl_score_find_json_totals (const char *text,
                             GArray     *candidates,
                             GPtrArray  *json_parts)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p, '{'))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      const char *end = match_brace (p);
      JsonNode *root;
      JsonNode *member;
      Candidate candidate = { 0 };

      if (end == NULL ||
          !json_parser_load_from_data (parser, p, end - p, NULL) ||
          (root = json_parser_get_root (parser)) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (root))
        {
          p++;
          continue;
        }

      member = json_member (json_node_get_object (root), json_total_keys);
      if (json_number (member, &candidate.value))
        {
          JsonObject *object = json_node_get_object (root);
          g_autoptr(GList) names = json_object_get_members (object);

          candidate.pos = end - text;
          candidate.kind = candidate.value < 0 ? VALUE_NEGATIVE : VALUE_NUMBER;
          g_array_append_val (candidates, candidate);

          /* {"题目数量": 10, "答案正确性": 9, "总分": 19}: the numbers next
           * to the total are its parts. */
          for (GList *l = names; l != NULL; l = l->next)
            {
              double points;

              if (json_object_get_member (object, l->data) != member &&
                  !is_total_name (l->data) &&
                  json_number (json_object_get_member (object, l->data), &points))
                _kdl_score_add_part (json_parts, l->data, points);
            }
        }

      member = json_member (json_node_get_object (root), json_parts_keys);
      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        {
          JsonObject *object = json_node_get_object (member);
          g_autoptr(GList) names = json_object_get_members (object);

          for (GList *l = names; l != NULL; l = l->next)
            {
              double points;

              if (json_number (json_object_get_member (object, l->data), &points))
                _kdl_score_add_part (json_parts, l->data, points);
            }
        }

      p = end;
    }
}

/* Parts ------------------------------------------------------------------ */


void
_kdl_score_find_text_parts (const char *text,
                            GPtrArray  *parts)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("(\\p{L}{2,16}) *(?:\\([^()\\n]{0,24}\\))? *: *(?:得 *)?"
                               "(\\d+(?:\\.\\d+)?) *(?:(/ *\\d+(?:\\.\\d+)?) *(分|points?|pts?)?|(分|points?|pts?))",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *points = g_match_info_fetch (match, 2);

      if (!is_total_name (name))
        _kdl_score_add_part (parts, name, g_ascii_strtod (points, NULL));

      g_match_info_next (match, NULL);
    }
}
