/* kdl-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-json-scan.h"

typedef struct
{
  const guchar *start;
  const guchar *end;
  KdlJsonScan  *scan;
} Scanner;

static gboolean
fail (Scanner       *s,
      const guchar  *at,
      KdlJsonStatus  status,
      KdlJsonReason  reason)
{
  s->scan->status = status;
  s->scan->reason = reason;
  s->scan->offset = at - s->start;
  return FALSE;
}

static inline const guchar *
skip_ws (const guchar *p,
         const guchar *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           guint        *out)
{
  guint v = 0;

  if (end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);
      if (h < 0)
        return FALSE;
      v = (v << 4) | h;
    }
  *out = v;
  return TRUE;
}

/* Eight bytes at a time while they are plain printable ASCII: most of a
 * line is string content, and most English content is exactly that. */
#define ONES   G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS  G_GUINT64_CONSTANT (0x8080808080808080)
#define HAS_ZERO(x) (((x) - ONES) & ~(x) & HIGHS)

static inline gboolean
plain_ascii8 (const guchar *p)
{
  guint64 x;

  memcpy (&x, p, 8);
  if (x & HIGHS)
    return FALSE;
  if (HAS_ZERO (x ^ (ONES * '"')) || HAS_ZERO (x ^ (ONES * '\\')))
    return FALSE;
  /* any byte < 0x20: (x - 0x20 per byte) sets the high bit */
  if ((x - ONES * 0x20) & ~x & HIGHS)
    return FALSE;
  return TRUE;
}

/* @p is just after the opening quote; returns just after the closing one. */
static const guchar *
scan_string (Scanner      *s,
             const guchar *p,
             gboolean     *has_escape)
{
  const guchar *end = s->end;

  for (;;)
    {
      guchar c;

      while (end - p >= 8 && plain_ascii8 (p))
        p += 8;

      if (p >= end)
        return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;

      c = *p;
      if (c == '"')
        return p + 1;

      if (c < 0x80)
        {
          if (c == '\\')
            {
              guint cp;

              *has_escape = TRUE;
              if (p + 1 >= end)
                return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
              switch (p[1])
                {
                case '"': case '\\': case '/': case 'b':
                case 'f': case 'n': case 'r': case 't':
                  p += 2;
                  continue;
                case 'u':
                  if (!read_hex4 (p + 2, end, &cp))
                    return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_BAD_ESCAPE), NULL;
                  if (cp == 0)
                    return fail (s, p, KDL_JSON_ERROR_NUL, KDL_JSON_REASON_NONE), NULL;
                  if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail (s, p, KDL_JSON_ERROR_SURROGATE, KDL_JSON_REASON_NONE), NULL;
                  if (cp >= 0xD800 && cp <= 0xDBFF)
                    {
                      guint lo;

                      if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                          !read_hex4 (p + 8, end, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return fail (s, p, KDL_JSON_ERROR_SURROGATE, KDL_JSON_REASON_NONE), NULL;
                      p += 12;
                    }
                  else
                    p += 6;
                  continue;
                default:
                  return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_BAD_ESCAPE), NULL;
                }
            }
          if (c == 0)
            return fail (s, p, KDL_JSON_ERROR_NUL, KDL_JSON_REASON_NONE), NULL;
          if (c < 0x20)
            return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_CONTROL_CHAR), NULL;
          p++;
          continue;
        }

      /* UTF-8, the well-formed table of Unicode §3.9 (no overlongs, no
       * surrogates, nothing past U+10FFFF). */
      if (c >= 0xC2 && c <= 0xDF)
        {
          if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return fail (s, p, KDL_JSON_ERROR_UTF8, KDL_JSON_REASON_NONE), NULL;
          p += 2;
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return fail (s, p, KDL_JSON_ERROR_UTF8, KDL_JSON_REASON_NONE), NULL;
          p += 3;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (p[3] & 0xC0) != 0x80 || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return fail (s, p, KDL_JSON_ERROR_UTF8, KDL_JSON_REASON_NONE), NULL;
          p += 4;
        }
      else
        return fail (s, p, KDL_JSON_ERROR_UTF8, KDL_JSON_REASON_NONE), NULL;
    }
}

static const guchar *
scan_number (Scanner      *s,
             const guchar *p)
{
  const guchar *end = s->end;
  const guchar *digits;

  if (p < end && *p == '-')
    p++;
  if (p >= end)
    return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_BAD_NUMBER), NULL;

  if (p < end && *p == '.')
    {
      digits = ++p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      if (p == digits)
        return fail (s, p, p < end ? KDL_JSON_ERROR_SYNTAX : KDL_JSON_ERROR_TRUNCATED,
                     KDL_JSON_REASON_BAD_NUMBER), NULL;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      digits = p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      if (p == digits)
        return fail (s, p, p < end ? KDL_JSON_ERROR_SYNTAX : KDL_JSON_ERROR_TRUNCATED,
                     KDL_JSON_REASON_BAD_NUMBER), NULL;
    }

  return p;
}

static const guchar *
scan_literal (Scanner      *s,
              const guchar *p,
              const char   *word)
{
  gsize n = strlen (word);
  gsize avail = s->end - p;

  if (avail < n)
    {
      if (memcmp (p, word, avail) == 0)
        return fail (s, s->end, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
      return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_UNEXPECTED_CHAR), NULL;
    }
  if (memcmp (p, word, n) != 0)
    return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_UNEXPECTED_CHAR), NULL;

  return p + n;
}

static const guchar *scan_value (Scanner      *s,
                                 const guchar *p,
                                 guint         depth,
                                 KdlJsonSlice *slice);

/* @p at '{' or '['.  Members of the container are reported to @func only
 * when it is given (the top level); nested containers are just checked. */
static const guchar *
scan_container (Scanner           *s,
                const guchar      *p,
                guint              depth,
                KdlJsonMemberFunc  func,
                gpointer           user_data)
{
  const guchar *end = s->end;
  gboolean is_object = *p == '{';
  guchar close = is_object ? '}' : ']';
  gboolean stopped = FALSE;

  if (depth >= KDL_JSON_MAX_DEPTH)
    return fail (s, p, KDL_JSON_ERROR_TOO_DEEP, KDL_JSON_REASON_NONE), NULL;

  p = skip_ws (p + 1, end);
  if (p >= end)
    return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
  if (*p == close)
    return p + 1;

  for (;;)
    {
      KdlJsonSlice key = { NULL, 0, KDL_JSON_STRING, FALSE };
      KdlJsonSlice value;

      if (is_object)
        {
          if (p >= end)
            return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
          if (*p != '"')
            return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_EXPECTED_KEY), NULL;
          key.data = (const char *)p + 1;
          p = scan_string (s, p + 1, &key.has_escape);
          if (p == NULL)
            return NULL;
          key.len = (const char *)p - 1 - key.data;
          p = skip_ws (p, end);
          if (p >= end)
            return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
          if (*p != ':')
            return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_EXPECTED_COLON), NULL;
          p = skip_ws (p + 1, end);
        }

      p = scan_value (s, p, depth + 1, &value);
      if (p == NULL)
        return NULL;

      if (func != NULL && !stopped && !func (is_object ? &key : NULL, &value, user_data))
        stopped = TRUE;

      p = skip_ws (p, end);
      if (p >= end)
        return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;
      if (*p == close)
        return p + 1;
      if (*p != ',')
        return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_EXPECTED_COMMA), NULL;
      p = skip_ws (p + 1, end);
    }
}

static const guchar *
scan_value (Scanner      *s,
            const guchar *p,
            guint         depth,
            KdlJsonSlice *slice)
{
  const guchar *start = p;
  const guchar *next;

  slice->has_escape = FALSE;

  if (p >= s->end)
    return fail (s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE), NULL;

  switch (*p)
    {
    case '"':
      slice->type = KDL_JSON_STRING;
      next = scan_string (s, p + 1, &slice->has_escape);
      if (next != NULL)
        {
          slice->data = (const char *)p + 1;
          slice->len = next - p - 2;
        }
      return next;
    case '{':
    case '[':
      slice->type = *p == '{' ? KDL_JSON_OBJECT : KDL_JSON_ARRAY;
      next = scan_container (s, p, depth, NULL, NULL);
      break;
    case 't':
      slice->type = KDL_JSON_TRUE;
      next = scan_literal (s, p, "true");
      break;
    case 'f':
      slice->type = KDL_JSON_FALSE;
      next = scan_literal (s, p, "false");
      break;
    case 'n':
      slice->type = KDL_JSON_NULL;
      next = scan_literal (s, p, "null");
      break;
    default:
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          slice->type = KDL_JSON_NUMBER;
          next = scan_number (s, p);
          break;
        }
      if (*p == 0)
        return fail (s, p, KDL_JSON_ERROR_NUL, KDL_JSON_REASON_NONE), NULL;
      return fail (s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_UNEXPECTED_CHAR), NULL;
    }

  if (next != NULL)
    {
      slice->data = (const char *)start;
      slice->len = next - start;
    }
  return next;
}

static KdlJsonStatus
scan_top (const char        *data,
          gsize              len,
          guchar             open,
          KdlJsonMemberFunc  func,
          gpointer           user_data,
          KdlJsonScan       *scan)
{
  KdlJsonScan local;
  Scanner s;
  const guchar *p;

  if (scan == NULL)
    scan = &local;
  scan->status = KDL_JSON_OK;
  scan->reason = KDL_JSON_REASON_NONE;
  scan->offset = 0;

  s.start = (const guchar *)data;
  s.end = s.start + len;
  s.scan = scan;

  p = skip_ws (s.start, s.end);
  if (p >= s.end)
    {
      fail (&s, p, KDL_JSON_ERROR_TRUNCATED, KDL_JSON_REASON_NONE);
      return scan->status;
    }

  if (*p == open)
    p = scan_container (&s, p, 0, func, user_data);
  else
    {
      KdlJsonSlice other;

      /* Tell "not JSON" from "JSON, but not what we want". */
      p = scan_value (&s, p, 0, &other);
      if (p != NULL)
        {
          p = skip_ws (p, s.end);
          if (p < s.end)
            fail (&s, p, KDL_JSON_ERROR_SYNTAX, KDL_JSON_REASON_TRAILING_TEXT);
          else
            fail (&s, s.start, KDL_JSON_ERROR_NOT_OBJECT, KDL_JSON_REASON_NONE);
        }
      return scan->status;
    }

  if (p != NULL)
    {
      p = skip_ws (p, s.end);
      if (p < s.end)
        fail (&s, p, *p == 0 ? KDL_JSON_ERROR_NUL : KDL_JSON_ERROR_SYNTAX,
              KDL_JSON_REASON_TRAILING_TEXT);
    }

  return scan->status;
}

/**
 * kdl_json_scan_object:
 * @data: the text (need not be NUL-terminated)
 * @len: its length in bytes
 * @member_func: (nullable): called for each member of the top-level object,
 *   in order; returning %FALSE stops the calls (the scan still validates)
 * @scan: (out) (optional): where a problem is
 *
 * Returns: %KDL_JSON_OK when @data is exactly one valid JSON object
 */
KdlJsonStatus
kdl_json_scan_object (const char        *data,
                      gsize              len,
                      KdlJsonMemberFunc  member_func,
                      gpointer           user_data,
                      KdlJsonScan       *scan)
{
  return scan_top (data, len, '{', member_func, user_data, scan);
}

/* The same for an array; @element_func gets a %NULL key. */
KdlJsonStatus
kdl_json_scan_array (const char        *data,
                     gsize              len,
                     KdlJsonMemberFunc  element_func,
                     gpointer           user_data,
                     KdlJsonScan       *scan)
{
  return scan_top (data, len, '[', element_func, user_data, scan);
}

static void
append_utf8 (GString *out,
             gunichar cp)
{
  char buf[6];
  int n = g_unichar_to_utf8 (cp, buf);

  g_string_append_len (out, buf, n);
}

/**
 * kdl_json_decode_string:
 * @slice: a %KDL_JSON_STRING slice the scanner accepted
 *
 * Returns: (transfer full): the string's text, escapes resolved
 */
char *
kdl_json_decode_string (const KdlJsonSlice *slice)
{
  const char *p = slice->data;
  const char *end = p + slice->len;
  GString *out;

  g_return_val_if_fail (slice->type == KDL_JSON_STRING, NULL);

  if (!slice->has_escape)
    return g_strndup (slice->data, slice->len);

  out = g_string_sized_new (slice->len);
  while (p < end)
    {
      const char *bs = memchr (p, '\\', end - p);
      guint cp, lo;

      if (bs == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, bs - p);
      p = bs + 1;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'u':
          /* The scanner checked the digits and the pairing. */
          read_hex4 ((const guchar *)p + 1, (const guchar *)end, &cp);
          p += 5;
          if (cp >= 0xD800 && cp <= 0xDBFF)
            {
              read_hex4 ((const guchar *)p + 2, (const guchar *)end, &lo);
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              p += 6;
            }
          append_utf8 (out, cp);
          break;
        default:  /* '"', '\\', '/' */
          g_string_append_c (out, *p);
          p++;
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Whether a string slice holds exactly @str (escapes resolved). */
gboolean
kdl_json_slice_equal (const KdlJsonSlice *slice,
                      const char         *str)
{
  g_autofree char *decoded = NULL;

  if (slice->type != KDL_JSON_STRING)
    return FALSE;
  if (!slice->has_escape)
    return slice->len == strlen (str) && memcmp (slice->data, str, slice->len) == 0;

  decoded = kdl_json_decode_string (slice);
  return g_str_equal (decoded, str);
}
