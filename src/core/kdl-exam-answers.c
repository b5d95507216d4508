/* kdl-exam-answers.c — answers keyed by question number
 *
 * Reads an answers column ("1.B 2.D 3.AC", "1．C　2．B", one per line, or
 * mixed, with free-text answers that may follow on the same line or span
 * several lines) into a list of (number, answer); matching them to the
 * questions is the parser's job, always by number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-exam"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-exam-markers.h"
#include "kdl-exam-private.h"

void
_kdl_exam_answer_free (KdlExamAnswer *answer)
{
  g_free (answer->text);
  g_free (answer);
}

/* A short quote for a message: the first 30 characters on one line. */
char *
_kdl_exam_excerpt (const char *p,
                   const char *end)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  p = kdl_exam_marker_skip_blanks (p, end);
  end = kdl_exam_marker_trim_end (p, end);

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == 30)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, c == '\n' || c == '\r' ? ' ' : c);
    }

  return g_string_free (out, FALSE);
}

static const char *
line_end (const char *p,
          const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl ? nl : end;
}

static gboolean
is_answer_punct (gunichar c)
{
  return c == '.' || c == ',' || c == ';' || c == 0x3002 || c == 0xFF0E ||
         c == 0xFF0C || c == 0xFF1B || c == 0x3001;
}

static void
add_answer (GPtrArray  *answers,
            guint       number,
            gboolean    letters,
            const char *start,
            const char *end)
{
  KdlExamAnswer *answer = g_new0 (KdlExamAnswer, 1);

  answer->number = number;
  answer->letters = letters;
  answer->text = g_strndup (start, kdl_exam_marker_trim_end (start, end) - start);
  g_ptr_array_add (answers, answer);

  /* Line breaks inside the answer are kept, as "\n" whatever the file
   * used (a CRLF cell reads like an LF one). */
  if (strchr (answer->text, '\r') != NULL)
    {
      char *to = answer->text;

      for (const char *from = answer->text; *from; from++)
        if (!(from[0] == '\r' && from[1] == '\n'))
          *to++ = *from;
      *to = '\0';
    }
}

/* Where the free-text answer that starts at @p ends, and where scanning
 * goes on.  It runs to the end of its line and over the following lines
 * until one starts with a question number; on its own line it also ends
 * before a number (after blanks) of a question that still waits for its
 * answer, e.g. "5.①… 6.B". */
static const char *
free_text_end (const char             *p,
               const char             *end,
               guint                   number,
               const KdlExamNumberSet *known,
               const KdlExamNumberSet *answered,
               const char            **resume)
{
  for (;;)
    {
      const char *le = line_end (p, end);
      const char *q = p;
      const char *next_line;

      while (q < le)
        {
          gunichar c = g_utf8_get_char (q);
          const char *blank = q;
          const char *after;
          guint other;

          if (!kdl_exam_marker_is_blank (c))
            {
              q = g_utf8_next_char (q);
              continue;
            }

          q = kdl_exam_marker_skip_blanks (q, le);
          if (kdl_exam_marker_read_number (q, le, &other, &after) &&
              other != number &&
              _kdl_exam_number_set_has (known, other) &&
              !_kdl_exam_number_set_has (answered, other))
            {
              *resume = q;
              return blank;
            }
        }

      if (le == end)
        {
          *resume = end;
          return end;
        }

      /* The next line that is not blank: does it start an answer? */
      next_line = le + 1;
      for (;;)
        {
          const char *nle = line_end (next_line, end);
          const char *first = kdl_exam_marker_skip_blanks (next_line, nle);
          guint other;
          const char *after;

          if (first == nle)
            {
              if (nle == end)
                {
                  *resume = end;
                  return le;
                }
              next_line = nle + 1;
              continue;
            }

          if (kdl_exam_marker_read_number (first, nle, &other, &after))
            {
              *resume = le;
              return le;
            }
          break;
        }

      p = le + 1;
    }
}

static void
flush_stray (GString *stray,
             KdlExam *exam)
{
  g_autofree char *excerpt = NULL;

  if (stray->len == 0)
    return;

  excerpt = _kdl_exam_excerpt (stray->str, stray->str + stray->len);
  kdl_exam_add_problem (exam, KDL_EXAM_PROBLEM_STRAY_ANSWER_TEXT, 0,
                        _("Text in the answers is not an answer to a numbered question: “%s”"),
                        excerpt);
  g_string_truncate (stray, 0);
}

/**
 * _kdl_exam_scan_answers:
 * @known: the question numbers the questions have
 * @answers: (element-type KdlExamAnswer): where the answers go, in order
 * @exam: gets a stray-answer-text problem for text that is no answer
 */
void
_kdl_exam_scan_answers (const char             *p,
                        const char             *end,
                        const KdlExamNumberSet *known,
                        GPtrArray              *answers,
                        KdlExam                *exam)
{
  g_autoptr(GString) stray = g_string_new (NULL);
  KdlExamNumberSet answered = { { 0 } };
  gboolean boundary = TRUE;
  const char *label_end;
  const char *first;

  /* "答案：" or "参考答案" before everything is a heading, not stray text. */
  first = p;
  while (first < end && (*first == '\n' || kdl_exam_marker_is_blank (g_utf8_get_char (first))))
    first = g_utf8_next_char (first);
  if (kdl_exam_marker_read_label (first, end, &label_end))
    p = label_end;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *after;
      const char *text;
      char letters[6];
      guint number;

      if (c == '\n' || kdl_exam_marker_is_blank (c))
        {
          p = g_utf8_next_char (p);
          boundary = TRUE;
          continue;
        }

      if (boundary && kdl_exam_marker_read_number (p, end, &number, &after))
        {
          const char *le = line_end (after, end);

          flush_stray (stray, exam);
          text = kdl_exam_marker_skip_blanks (after, le);

          if (kdl_exam_marker_read_letters (text, le, letters, &after))
            {
              KdlExamAnswer *answer = g_new0 (KdlExamAnswer, 1);

              answer->number = number;
              answer->letters = TRUE;
              answer->text = g_strdup (letters);
              g_ptr_array_add (answers, answer);
              _kdl_exam_number_set_add (&answered, number);

              p = after;
              while (p < le && is_answer_punct (g_utf8_get_char (p)))
                p = g_utf8_next_char (p);
              /* "1.B2.C": the next number may follow the letters. */
              boundary = TRUE;
              continue;
            }

          {
            const char *resume;
            const char *text_end = free_text_end (text, end, number, known, &answered, &resume);

            add_answer (answers, number, FALSE, text, text_end);
            _kdl_exam_number_set_add (&answered, number);
            p = resume;
            boundary = TRUE;
            continue;
          }
        }

      /* Not an answer: a stray word, up to the next blank. */
      if (stray->len > 0)
        g_string_append_c (stray, ' ');
      while (p < end)
        {
          c = g_utf8_get_char (p);
          if (c == '\n' || kdl_exam_marker_is_blank (c))
            break;
          g_string_append_unichar (stray, c);
          p = g_utf8_next_char (p);
          if (c == ':' || c == 0xFF1A)
            break;
        }
      boundary = TRUE;
    }

  flush_stray (stray, exam);
}
