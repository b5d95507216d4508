/* kdl-sim-answer.c
 *
 * The simulator answers like a model that follows instructions: a judge
 * prompt (one asking for 总分) gets a short rubric and a final 总分:NN分; any
 * other prompt gets four MCQs in the canonical form, built from sentences of
 * the passage in the prompt.  Everything is a function of the prompt text, so
 * runs against the simulator are reproducible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kdl-exam.h"
#include "kdl-exam-parser.h"
#include "kdl-sim-answer.h"

static guint32
prompt_hash (const char *text,
             guint32     salt)
{
  /* FNV-1a: stable across GLib versions, unlike g_str_hash's contract. */
  guint32 h = 2166136261u ^ salt;

  for (const guchar *p = (const guchar *)text; *p; p++)
    {
      h ^= *p;
      h *= 16777619u;
    }

  return h;
}

gboolean
kdl_sim_answer_is_judge_prompt (const char *prompt)
{
  return prompt != NULL && strstr (prompt, "总分") != NULL;
}

/* Reads "满分44分" / "满分 100 分" / "score_max: 44"; 100 otherwise. */
static int
find_score_max (const char *prompt)
{
  const char *keys[] = { "满分", "score_max:" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *p = strstr (prompt, keys[k]);

      if (p != NULL)
        {
          p += strlen (keys[k]);
          while (*p == ' ' || *p == ':')
            p++;
          if (g_ascii_isdigit (*p))
            {
              int value = atoi (p);
              if (value > 0 && value <= 1000)
                return value;
            }
        }
    }

  return 100;
}

typedef struct
{
  char *name;
  int   max;
} Part;

static void
part_clear (gpointer data)
{
  Part *part = data;

  g_free (part->name);
}

/* Rubric parts written as lines "- 名称（10分）…" or "1. 名称(10分)…". */
static GArray *
find_parts (const char *prompt)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GArray *parts = g_array_new (FALSE, TRUE, sizeof (Part));

  g_array_set_clear_func (parts, part_clear);
  regex = g_regex_new ("^\\s*(?:[-*•]|\\d+[.、．])\\s*([^\\s（(：:0-9]{2,12})\\s*[（(]\\s*(\\d{1,3})\\s*分\\s*[)）]",
                       G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (regex, prompt, 0, &match);
  while (g_match_info_matches (match))
    {
      Part part;
      g_autofree char *max = g_match_info_fetch (match, 2);

      part.name = g_match_info_fetch (match, 1);
      part.max = atoi (max);
      if (strstr (part.name, "总分") == NULL && part.max > 0)
        g_array_append_val (parts, part);
      else
        g_free (part.name);
      g_match_info_next (match, NULL);
    }

  return parts;
}

char *
kdl_sim_answer_judge (const char *prompt)
{
  g_autoptr(GArray) parts = find_parts (prompt);
  GString *out = g_string_new (NULL);
  int score_max = find_score_max (prompt);
  guint32 h = prompt_hash (prompt, 0x5eed);
  int total = 0;

  /* Scores spread over the whole range: a uniform draw per prompt. */
  total = (int)(h % (guint32)(score_max + 1));

  g_string_append (out, "评分说明：\n");

  if (parts->len > 0)
    {
      int sum_max = 0;
      int left = total;
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint i = 0; i < parts->len; i++)
        sum_max += g_array_index (parts, Part, i).max;

      /* Spread the total over the parts, each within its own maximum. */
      for (guint i = 0; i < parts->len; i++)
        {
          Part *part = &g_array_index (parts, Part, i);
          int given;

          if (i + 1 == parts->len)
            given = left;
          else
            given = sum_max > 0 ? (total * part->max + sum_max / 2) / sum_max : 0;
          given = CLAMP (given, 0, MIN (part->max, left));
          left -= given;

          g_string_append_printf (out, "- %s：得%d分（满分%d分）。\n", part->name, given, part->max);
          g_string_append_printf (line, "%s%s:%d分", i ? " " : "", part->name, given);
        }

      /* If rounding left points over, the total is what the parts say. */
      total -= left;
      g_string_append_printf (out, "%s\n", line->str);
    }
  else
    {
      g_string_append (out, "- 题目与原文的相关程度、选项设置与答案的正确性均已检查。\n");
    }

  g_string_append_printf (out, "总分:%d分", total);

  return g_string_free (out, FALSE);
}

static gboolean
is_mostly_ascii (const char *text)
{
  gsize ascii = 0, other = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          if (c < 128)
            ascii++;
          else
            other++;
        }
    }

  return ascii > other * 2;
}

/* The passage: what follows "### 阅读文本" (or "### Passage"), else the
 * longest paragraph of the prompt. */
static char *
find_passage (const char *prompt)
{
  const char *markers[] = { "### 阅读文本", "### Passage", "阅读文本：", "阅读文本:" };
  g_auto(GStrv) paragraphs = NULL;
  const char *best = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *p = strstr (prompt, markers[i]);

      if (p != NULL)
        {
          const char *end;

          p += strlen (markers[i]);
          end = strstr (p, "\n###");
          return g_strstrip (end ? g_strndup (p, end - p) : g_strdup (p));
        }
    }

  paragraphs = g_strsplit (prompt, "\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    if (best == NULL || strlen (paragraphs[i]) > strlen (best))
      best = paragraphs[i];

  return g_strstrip (g_strdup (best ? best : prompt));
}

static GPtrArray *
split_sentences (const char *passage,
                 gboolean    english)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);
  GString *current = g_string_new (NULL);

  for (const char *p = passage; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gboolean end = c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
                     (english && (c == '.' || c == '!' || c == '?') &&
                      (p[1] == ' ' || p[1] == '\n' || p[1] == '\0'));

      if (c == '\n' || c == 0x3000)
        c = english ? ' ' : 0;
      if (c != 0)
        g_string_append_unichar (current, c);

      if (end || *next == '\0')
        {
          g_strstrip (current->str);
          if (g_utf8_strlen (current->str, -1) >= (english ? 20 : 8))
            g_ptr_array_add (sentences, g_strdup (current->str));
          g_string_truncate (current, 0);
        }
    }

  g_string_free (current, TRUE);

  return sentences;
}

static char *
clip (const char *text,
      glong       max_chars)
{
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  return g_strconcat (g_utf8_substring (text, 0, max_chars), "…", NULL);
}

/* The questions a rebuild prompt hands over ("### 已有的选择题"): a model
 * that follows the instruction keeps them first and unchanged. */
static GPtrArray *
find_originals (const char *prompt)
{
  const char *markers[] = { "### 已有的选择题", "### Existing questions" };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *p = strstr (prompt, markers[i]);

      if (p != NULL)
        {
          const char *end;
          g_autofree char *block = NULL;
          g_autoptr(KdlExam) exam = NULL;

          p += strlen (markers[i]);
          end = strstr (p, "\n###");
          block = end ? g_strndup (p, end - p) : g_strdup (p);
          exam = kdl_exam_parse_combined (block);
          if (exam->mcqs->len > 4)
            g_ptr_array_set_size (exam->mcqs, 4);
          return g_ptr_array_ref (exam->mcqs);
        }
    }

  return NULL;
}

char *
kdl_sim_answer_generate (const char *prompt)
{
  g_autofree char *passage = find_passage (prompt);
  gboolean english = is_mostly_ascii (passage);
  g_autoptr(GPtrArray) sentences = split_sentences (passage, english);
  g_autoptr(GPtrArray) originals = find_originals (prompt);
  GString *out = g_string_new (NULL);
  guint32 h = prompt_hash (prompt, 0xa11);
  guint first = 0;
  static const char *fallback_zh[] = {
    "作者的观点建立在具体事例之上", "文中的现象有多方面的成因",
    "文章的论述由浅入深、层层推进", "结尾一段总结全文并引发思考",
  };
  static const char *fallback_en[] = {
    "The author supports the main idea with examples.",
    "The passage describes causes and effects.",
    "The argument moves from facts to conclusions.",
    "The last paragraph sums up the passage.",
  };

  while (sentences->len < 4)
    g_ptr_array_add (sentences, g_strdup (english ? fallback_en[sentences->len]
                                                  : fallback_zh[sentences->len]));

  if (originals != NULL && originals->len > 0)
    {
      g_autofree char *kept = kdl_exam_render_mcqs (originals);

      g_string_append (out, kept);
      first = originals->len;
    }

  for (guint q = first; q < 4; q++)
    {
      guint n = sentences->len;
      /* Four different key sentences: no two stems alike. */
      guint key = (h % n + q) % n;
      guint answer = (h >> (q * 2 + 16)) % 4;
      g_autofree char *topic = clip (g_ptr_array_index (sentences, key), english ? 40 : 12);

      if (q > 0)
        g_string_append (out, "\n\n");

      if (english)
        g_string_append_printf (out, "%u. According to the passage, which statement about \"%s\" is true?\n",
                                q + 1, topic);
      else
        g_string_append_printf (out, "%u. 根据文本，下列关于“%s”的理解，正确的一项是\n", q + 1, topic);

      for (guint o = 0, d = 1; o < 4; o++)
        {
          /* The key sentence is the right answer; the three sentences after
           * it are the distractors, their claims turned around. */
          guint src = o == answer ? key : (key + d++) % n;
          g_autofree char *text = clip (g_ptr_array_index (sentences, src), english ? 80 : 30);

          if (o == answer)
            g_string_append_printf (out, "%c. %s\n", 'A' + o, text);
          else if (english)
            g_string_append_printf (out, "%c. It is not true that: %s\n", 'A' + o, text);
          else
            g_string_append_printf (out, "%c. 文中并未提到：%s\n", 'A' + o, text);
        }

      g_string_append_printf (out, "答案:%c", 'A' + answer);
    }

  return g_string_free (out, FALSE);
}

char *
kdl_sim_answer_for_prompt (const char *prompt)
{
  g_return_val_if_fail (prompt != NULL, NULL);

  if (kdl_sim_answer_is_judge_prompt (prompt))
    return kdl_sim_answer_judge (prompt);

  return kdl_sim_answer_generate (prompt);
}

/* Roughly what Spark bills: a CJK character is about one token, an English
 * word about 1.3. */
gint64
kdl_sim_answer_count_tokens (const char *text)
{
  gint64 cjk = 0, words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x2E80)
        {
          cjk++;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }

  return cjk + (words * 13 + 9) / 10 + 1;
}
