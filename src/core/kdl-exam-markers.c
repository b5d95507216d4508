/* kdl-exam-markers.c — reading the markers of exam text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-exam"

#include "config.h"

#include <string.h>

#include "kdl-exam-markers.h"

static inline gunichar
peek (const char *p,
      const char *end)
{
  return p < end ? g_utf8_get_char (p) : 0;
}

static inline const char *
next (const char *p)
{
  return g_utf8_next_char (p);
}

static gboolean
is_digit (gunichar c,
          guint   *value)
{
  if (c >= '0' && c <= '9')
    {
      *value = c - '0';
      return TRUE;
    }
  if (c >= 0xFF10 && c <= 0xFF19)  /* ０–９ */
    {
      *value = c - 0xFF10;
      return TRUE;
    }

  return FALSE;
}

/* . ． 、 */
static gboolean
is_separator (gunichar c)
{
  return c == '.' || c == 0xFF0E || c == 0x3001;
}

static gboolean
is_open_bracket (gunichar c)
{
  return c == '(' || c == 0xFF08;
}

static gboolean
is_close_bracket (gunichar c)
{
  return c == ')' || c == 0xFF09;
}

/* Blanks inside a line: what separates options written side by side. */
gboolean
kdl_exam_marker_is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0x00A0 || c == '\v' || c == '\f';
}

/* The byte length of the blank at @p, or 0: byte tests, since the parser
 * looks for blanks in every line of every row. */
static inline gsize
blank_length (const char *p,
              const char *end)
{
  const guchar *u = (const guchar *)p;

  switch (u[0])
    {
    case ' ': case '\t': case '\r': case '\v': case '\f':
      return 1;
    case 0xC2:  /* U+00A0 */
      return end - p >= 2 && u[1] == 0xA0 ? 2 : 0;
    case 0xE3:  /* U+3000 */
      return end - p >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    default:
      return 0;
    }
}

const char *
kdl_exam_marker_skip_blanks (const char *p,
                             const char *end)
{
  gsize len;

  while (p < end && (len = blank_length (p, end)) > 0)
    p += len;

  return p;
}

/* Returns: where [p, end) ends once blanks and line breaks are cut off */
const char *
kdl_exam_marker_trim_end (const char *p,
                          const char *end)
{
  while (end > p)
    {
      const char *prev = g_utf8_find_prev_char (p, end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char (prev);
      if (!kdl_exam_marker_is_blank (c) && c != '\n')
        break;
      end = prev;
    }

  return end;
}

/**
 * kdl_exam_marker_letter:
 *
 * Option letters as OCR and input methods write them: A–E, full-width
 * Ａ–Ｅ, and the Cyrillic and Greek capitals that look the same.
 *
 * Returns: 'A'…'E', or 0
 */
char
kdl_exam_marker_letter (gunichar c)
{
  if (c >= 'A' && c <= 'E')
    return (char)c;
  if (c >= 0xFF21 && c <= 0xFF25)
    return (char)('A' + (c - 0xFF21));

  switch (c)
    {
    case 0x0410: case 0x0391:  /* Cyrillic А, Greek Α */
      return 'A';
    case 0x0412: case 0x0392:  /* Cyrillic В, Greek Β */
      return 'B';
    case 0x0421:               /* Cyrillic С */
      return 'C';
    case 0x0415: case 0x0395:  /* Cyrillic Е, Greek Ε */
      return 'E';
    default:
      return 0;
    }
}

/**
 * kdl_exam_marker_read_number:
 * @p: where the number should start (blanks already skipped)
 *
 * A question number: one to three digits (ASCII or full-width), then `.`,
 * `．` or `、` (so "2015." is no question), and no ASCII digit right after
 * an ASCII dot (so "3.5 million" is none either).
 */
gboolean
kdl_exam_marker_read_number (const char  *p,
                             const char  *end,
                             guint       *number,
                             const char **after)
{
  guint value = 0, digit, n_digits = 0;
  gunichar separator, c;

  while (p < end && is_digit (g_utf8_get_char (p), &digit))
    {
      if (++n_digits > 3)
        return FALSE;
      value = value * 10 + digit;
      p = next (p);
    }

  if (n_digits == 0 || value == 0 || !is_separator (peek (p, end)))
    return FALSE;
  separator = g_utf8_get_char (p);
  p = next (p);

  /* "3.5" is a decimal; "3．1884年" is question 3. */
  c = peek (p, end);
  if (separator == '.' && c >= '0' && c <= '9')
    return FALSE;

  *number = value;
  *after = p;

  return TRUE;
}

/**
 * kdl_exam_marker_read_option:
 * @p: where the marker should start
 *
 * An option marker: a letter of kdl_exam_marker_letter() followed by `.`,
 * `．` or `、`.  "E.g." and "A.M." are words, not markers.
 */
gboolean
kdl_exam_marker_read_option (const char  *p,
                             const char  *end,
                             char        *letter,
                             const char **after)
{
  char found = kdl_exam_marker_letter (peek (p, end));
  gunichar separator;

  if (found == 0)
    return FALSE;
  p = next (p);

  separator = peek (p, end);
  if (!is_separator (separator))
    return FALSE;
  p = next (p);

  if (separator == '.' && p + 1 < end && g_ascii_isalpha (p[0]) && p[1] == '.')
    return FALSE;

  *letter = found;
  *after = p;

  return TRUE;
}

/**
 * kdl_exam_marker_find_option:
 * @blank_start: (out): where the blanks before the marker start
 * @marker: (out): the marker
 *
 * Finds the next option written on the same line as other text: a marker
 * after two or more blanks, or after one ideographic space (U+3000).
 */
gboolean
kdl_exam_marker_find_option (const char  *p,
                             const char  *end,
                             const char **blank_start,
                             const char **marker)
{
  while (p < end)
    {
      const char *run = p;
      guint n_blanks = 0;
      gboolean wide = FALSE;
      char letter;
      const char *after;
      gsize len;

      while (p < end && (len = blank_length (p, end)) > 0)
        {
          n_blanks++;
          wide |= len == 3;
          p += len;
        }

      /* Not a blank: step one byte (a continuation byte is never the
       * start of a blank). */
      if (n_blanks == 0)
        {
          p++;
          continue;
        }

      if ((n_blanks >= 2 || wide) && kdl_exam_marker_read_option (p, end, &letter, &after))
        {
          *blank_start = run;
          *marker = p;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
skip_literal (const char **p,
              const char  *end,
              const char  *literal,
              gboolean     ascii_fold)
{
  gsize len = strlen (literal);

  if ((gsize)(end - *p) < len)
    return FALSE;
  if (ascii_fold ? g_ascii_strncasecmp (*p, literal, len) != 0 : memcmp (*p, literal, len) != 0)
    return FALSE;

  *p += len;
  return TRUE;
}

/**
 * kdl_exam_marker_read_label:
 * @p: the first character of a line that is not blank
 *
 * An answer label: `答案:`, `答案：`, `正确答案:`, `参考答案：`, `【答案】`,
 * `Answer:`, `Answers:`; blanks around the colon are allowed.
 */
gboolean
kdl_exam_marker_read_label (const char  *p,
                            const char  *end,
                            const char **after)
{
  static const char *labels[] = { "正确答案", "参考答案", "答案" };
  gboolean bracket = FALSE, closed = FALSE, found = FALSE;
  gunichar c;

  c = peek (p, end);
  if (c == 0x3010 || c == '[')  /* 【 */
    {
      bracket = TRUE;
      p = next (p);
    }

  for (guint i = 0; i < G_N_ELEMENTS (labels) && !found; i++)
    found = skip_literal (&p, end, labels[i], FALSE);
  if (!found && skip_literal (&p, end, "answer", TRUE))
    {
      found = TRUE;
      if (p < end && (*p == 's' || *p == 'S'))
        p++;
    }
  if (!found)
    return FALSE;

  if (bracket)
    {
      c = peek (p, end);
      if (c == 0x3011 || c == ']')  /* 】 */
        {
          closed = TRUE;
          p = next (p);
        }
    }

  p = kdl_exam_marker_skip_blanks (p, end);
  c = peek (p, end);
  if (c == ':' || c == 0xFF1A)
    p = kdl_exam_marker_skip_blanks (next (p), end);
  else if (!closed)
    return FALSE;

  *after = p;

  return TRUE;
}

static gboolean
is_letters_end (gunichar c)
{
  guint digit;

  return c == 0 || c == '\n' || kdl_exam_marker_is_blank (c) || is_digit (c, &digit) ||
         (c < 128 && strchr (".,;)", (int)c) != NULL) ||
         c == 0x3002 || c == 0xFF0E || c == 0xFF0C || c == 0xFF1B || c == 0x3001 || c == 0xFF09;
}

/**
 * kdl_exam_marker_read_letters:
 * @letters: (out): the letters, sorted, each once, nul-terminated
 *
 * An MCQ answer: letters A–E (and look-alikes), together ("AC") or
 * separated by `、` or commas ("A、C"), ending where a word would end.
 */
gboolean
kdl_exam_marker_read_letters (const char  *p,
                              const char  *end,
                              char         letters[6],
                              const char **after)
{
  gboolean seen[5] = { FALSE };
  guint n = 0;
  char letter;

  letter = kdl_exam_marker_letter (peek (p, end));
  if (letter == 0)
    return FALSE;

  while (letter != 0)
    {
      gunichar c;

      if (++n > 5)
        return FALSE;
      seen[letter - 'A'] = TRUE;
      p = next (p);

      c = peek (p, end);
      letter = kdl_exam_marker_letter (c);
      if (letter == 0 && (c == 0x3001 || c == ',' || c == 0xFF0C))
        {
          letter = kdl_exam_marker_letter (peek (next (p), end));
          if (letter != 0)
            p = next (p);
        }
    }

  if (!is_letters_end (peek (p, end)))
    return FALSE;

  n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    if (seen[i])
      letters[n++] = (char)('A' + i);
  letters[n] = '\0';
  *after = p;

  return TRUE;
}

/* A score mark "(3分)", "（ 3 分）", "(3 points)", or an answer blank
 * "（　　）", "( )", "(____)": the text between the brackets. */
static gboolean
is_mark (const char *p,
         const char *end)
{
  guint digit, n_digits = 0;

  p = kdl_exam_marker_skip_blanks (p, end);
  end = kdl_exam_marker_trim_end (p, end);

  if (p == end)
    return TRUE;

  if (*p == '_' || peek (p, end) == 0xFF3F)
    {
      while (p < end && (*p == '_' || peek (p, end) == 0xFF3F || kdl_exam_marker_is_blank (peek (p, end))))
        p = next (p);
      return p == end;
    }

  while (p < end && is_digit (g_utf8_get_char (p), &digit))
    {
      n_digits++;
      p = next (p);
    }
  if (n_digits == 0)
    return FALSE;
  p = kdl_exam_marker_skip_blanks (p, end);

  return skip_literal (&p, end, "分", FALSE) ? p == end :
         (skip_literal (&p, end, "points", TRUE) || skip_literal (&p, end, "point", TRUE) ||
          skip_literal (&p, end, "marks", TRUE) || skip_literal (&p, end, "mark", TRUE)) && p == end;
}

/**
 * kdl_exam_marker_strip_marks:
 * @start: (inout)
 * @end: (inout)
 *
 * Narrows [start, end) to the text without blanks, score marks and answer
 * blanks at either end; marks inside the text stay.
 */
void
kdl_exam_marker_strip_marks (const char **start,
                             const char **end)
{
  const char *s = *start, *e = *end;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      s = kdl_exam_marker_skip_blanks (s, e);
      e = kdl_exam_marker_trim_end (s, e);
      if (s == e)
        break;

      if (is_close_bracket (g_utf8_get_char (g_utf8_find_prev_char (s, e))))
        {
          const char *close = g_utf8_find_prev_char (s, e);

          for (const char *q = close; q != NULL && q >= s; q = g_utf8_find_prev_char (s, q))
            {
              gunichar c = g_utf8_get_char (q);

              if (q < close && is_close_bracket (c))
                break;
              if (is_open_bracket (c))
                {
                  if (is_mark (next (q), close))
                    {
                      e = q;
                      changed = TRUE;
                    }
                  break;
                }
              if (q == s)
                break;
            }
        }

      if (!changed && s < e && is_open_bracket (g_utf8_get_char (s)))
        {
          for (const char *q = next (s); q < e; q = next (q))
            {
              gunichar c = g_utf8_get_char (q);

              if (is_open_bracket (c))
                break;
              if (is_close_bracket (c))
                {
                  if (is_mark (next (s), q))
                    {
                      s = next (q);
                      changed = TRUE;
                    }
                  break;
                }
            }
        }
    }

  *start = s;
  *end = e;
}

static gboolean
is_note (const char *p,
         const char *end)
{
  static const char *words[] = { "即可", "酌情", "意思对", "言之成理", "给分" };
  g_autofree char *copy = NULL;
  guint digit;

  for (const char *q = p; q < end; q = next (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (c == '\n')
        return FALSE;
      if (is_digit (c, &digit))
        {
          const char *r = kdl_exam_marker_skip_blanks (next (q), end);

          if (skip_literal (&r, end, "分", FALSE))
            return TRUE;
        }
    }

  copy = g_strndup (p, end - p);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (copy, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/**
 * kdl_exam_marker_find_note:
 *
 * A marking note at the end of a short-answer answer, such as
 * "（每点2分，意思对即可）": a bracketed group, on the last line, that
 * speaks of points or of how to mark.
 *
 * Returns: (nullable): where the note's bracket opens, if the note has
 *   text before it
 */
const char *
kdl_exam_marker_find_note (const char *start,
                           const char *end)
{
  const char *close;
  int depth = 0;

  end = kdl_exam_marker_trim_end (start, end);
  if (end == start)
    return NULL;

  close = g_utf8_find_prev_char (start, end);
  if (!is_close_bracket (g_utf8_get_char (close)))
    return NULL;

  for (const char *q = close; q != NULL; q = q > start ? g_utf8_find_prev_char (start, q) : NULL)
    {
      gunichar c = g_utf8_get_char (q);

      if (c == '\n')
        return NULL;
      if (is_close_bracket (c))
        depth++;
      else if (is_open_bracket (c) && --depth == 0)
        {
          if (kdl_exam_marker_trim_end (start, q) == start)
            return NULL;
          return is_note (next (q), close) ? q : NULL;
        }
    }

  return NULL;
}
