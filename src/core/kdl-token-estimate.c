/* kdl-token-estimate.c — a rough token count for a prompt
 *
 * Spark's tokenizer is not published, so the count is a documented
 * heuristic, meant for "about how big is this prompt", never for billing:
 *
 *   - a CJK character (Han, kana, Hangul) or a CJK/full-width punctuation
 *     mark counts 1;
 *   - a word (a run of letters or digits, with inner ' or -) counts 1.3;
 *   - any other visible character (ASCII punctuation, symbols) counts 1,
 *     except that a run of one repeated mark ("###", "---") counts 1;
 *   - white space counts nothing.
 *
 * The sum is rounded up.  It is an estimate shown while editing; the
 * usage Spark reports for each call is the real count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-token-estimate.h"

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3000 && c <= 0x303F) ||     /* CJK punctuation */
         (c >= 0x3040 && c <= 0x30FF) ||     /* kana */
         (c >= 0x3400 && c <= 0x4DBF) ||     /* extension A */
         (c >= 0x4E00 && c <= 0x9FFF) ||     /* unified ideographs */
         (c >= 0xAC00 && c <= 0xD7AF) ||     /* Hangul syllables */
         (c >= 0xF900 && c <= 0xFAFF) ||     /* compatibility ideographs */
         (c >= 0xFF00 && c <= 0xFFEF) ||     /* full-width forms */
         (c >= 0x20000 && c <= 0x3134F);     /* extensions B–G */
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) && !is_cjk (c);
}

/**
 * kdl_text_estimate_tokens:
 * @text: (nullable): a prompt
 * @length: its length in bytes, or -1
 *
 * Returns: about how many tokens @text is (see the file's comment)
 */
guint
kdl_text_estimate_tokens (const char *text,
                          gssize      length)
{
  guint64 cjk = 0, words = 0, marks = 0;
  const char *end;
  gunichar last_mark = 0;
  gboolean in_word = FALSE;

  if (text == NULL)
    return 0;

  end = text + (length < 0 ? strlen (text) : (gsize)length);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        {
          cjk++;
          in_word = FALSE;
          last_mark = 0;
        }
      else if (is_word_char (c) ||
               (in_word && (c == '\'' || c == 0x2019 || c == '-') &&
                g_utf8_next_char (p) < end && is_word_char (g_utf8_get_char (g_utf8_next_char (p)))))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
          last_mark = 0;
        }
      else if (g_unichar_isspace (c))
        {
          in_word = FALSE;
          last_mark = 0;
        }
      else
        {
          if (c != last_mark)
            marks++;
          in_word = FALSE;
          last_mark = c;
        }
    }

  /* 1.3 per word, in tenths to stay in integers; rounded up. */
  return (guint)((cjk * 10 + words * 13 + marks * 10 + 9) / 10);
}
