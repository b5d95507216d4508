/* kdl-encoding.c
 *
 * UTF-8 is the default.  A file that is not UTF-8 is read as GB18030 only
 * when its bytes look like Chinese text in that encoding: Latin-1 or CP1252
 * text also decodes as GB18030 more often than not (é followed by a letter
 * is a valid two-byte GBK code), but into rare ideographs outside GB2312,
 * while real Chinese text is almost all GB2312 characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-encoding"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "kdl-encoding.h"

gboolean
kdl_encoding_is_utf8 (const char *name)
{
  return name == NULL ||
         g_ascii_strcasecmp (name, "UTF-8") == 0 ||
         g_ascii_strcasecmp (name, "UTF8") == 0;
}

/**
 * kdl_encoding_head_is_utf8:
 * @data: the first bytes of a file
 * @at_eof: whether @data is the whole file
 *
 * Decides from a sample: of the lines that hold non-ASCII bytes, are most
 * valid UTF-8?  A UTF-8 file with a damaged line stays UTF-8 (the line is
 * rejected on its own); a GB18030 file has almost no line that is valid
 * UTF-8 by chance.  The last line of a partial sample is not judged.
 */
gboolean
kdl_encoding_head_is_utf8 (const char *data,
                           gsize       len,
                           gboolean    at_eof)
{
  const char *p = data;
  const char *end = data + len;
  guint valid = 0;
  guint invalid = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gboolean ascii = TRUE;

      if (nl == NULL && !at_eof)
        break;

      for (const char *q = p; q < line_end; q++)
        if ((guchar)*q >= 0x80)
          {
            ascii = FALSE;
            break;
          }

      if (!ascii)
        {
          if (g_utf8_validate_len (p, line_end - p, NULL))
            valid++;
          else
            invalid++;
        }

      p = line_end + 1;
    }

  return invalid <= valid;
}

/*
 * Counts the GB18030 characters of @raw that are in GB2312 (both bytes in
 * A1–FE), against all non-ASCII characters; plausible when at least 80% are.
 */
gboolean
kdl_encoding_gb18030_plausible (const char *raw,
                                gsize       len)
{
  const guchar *p = (const guchar *)raw;
  const guchar *end = p + len;
  guint64 n_wide = 0;
  guint64 n_gb2312 = 0;

  while (p < end)
    {
      if (*p < 0x80)
        {
          p++;
          continue;
        }

      n_wide++;
      if (*p >= 0x81 && *p <= 0xFE && end - p >= 2)
        {
          if (p[1] >= 0x30 && p[1] <= 0x39)
            p += MIN (4, end - p);
          else
            {
              if (*p >= 0xA1 && p[1] >= 0xA1 && p[1] <= 0xFE)
                n_gb2312++;
              p += 2;
            }
        }
      else
        p++;
    }

  return n_wide > 0 && n_gb2312 * 5 >= n_wide * 4;
}

static char *
convert_whole (const char  *raw,
               gsize        len,
               const char  *encoding,
               gsize       *out_len,
               GError     **error)
{
  return g_convert (raw, len, "UTF-8", encoding, NULL, out_len, error);
}

/**
 * kdl_encoding_decode:
 * @encoding: any name iconv knows
 * @n_bad_lines: (out): lines that could not be decoded
 *
 * Decodes @raw to UTF-8.  When the whole text does not convert, each line
 * is converted on its own; a line that fails is kept as it was, prefixed
 * with the byte 0xFF, so the importer rejects exactly that record (0xFF is
 * never valid UTF-8) and line numbers stay as in the file.  Encodings whose
 * newline is not the byte 0x0A (UTF-16…) are converted whole or not at all.
 *
 * Returns: (transfer full): UTF-8 text, NUL-terminated, or %NULL with
 *   @error set
 */
char *
kdl_encoding_decode (const char  *raw,
                     gsize        len,
                     const char  *encoding,
                     gsize       *out_len,
                     guint       *n_bad_lines,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *newline = NULL;
  gsize newline_len = 0;
  GIConv conv;
  GString *out;
  const char *p = raw;
  const char *end = raw + len;
  char *text;

  *n_bad_lines = 0;

  text = convert_whole (raw, len, encoding, out_len, &local_error);
  if (text != NULL)
    return text;

  if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown encoding “%s”. Name one that iconv knows, such as GB18030 or UTF-8."),
                   encoding);
      return NULL;
    }

  newline = g_convert ("\n", 1, encoding, "UTF-8", NULL, &newline_len, NULL);
  if (newline == NULL || newline_len != 1 || newline[0] != '\n')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not valid %s: %s. Choose the file’s own encoding, or save it as UTF-8."),
                   encoding, local_error->message);
      return NULL;
    }

  conv = g_iconv_open ("UTF-8", encoding);
  if (conv == (GIConv)-1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown encoding “%s”. Name one that iconv knows, such as GB18030 or UTF-8."),
                   encoding);
      return NULL;
    }

  out = g_string_sized_new (len + len / 2 + 16);
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl + 1 : end;
      gsize start_len = out->len;
      gchar *in = (gchar *)p;
      gsize in_left = line_end - p;
      gboolean ok = TRUE;

      g_iconv (conv, NULL, NULL, NULL, NULL);
      while (in_left > 0)
        {
          gsize out_left;
          gchar *outp;
          gsize r;

          g_string_set_size (out, out->len + in_left * 4 + 16);
          g_string_set_size (out, out->len - (in_left * 4 + 16));
          outp = out->str + out->len;
          out_left = out->allocated_len - out->len - 1;
          r = g_iconv (conv, &in, &in_left, &outp, &out_left);
          g_string_set_size (out, outp - out->str);
          if (r == (gsize)-1 && errno != E2BIG)
            {
              ok = FALSE;
              break;
            }
        }

      if (!ok)
        {
          g_string_truncate (out, start_len);
          g_string_append_c (out, (char)0xFF);
          g_string_append_len (out, p, line_end - p);
          (*n_bad_lines)++;
        }

      p = line_end;
    }
  g_iconv_close (conv);

  *out_len = out->len;
  return g_string_free (out, FALSE);
}
