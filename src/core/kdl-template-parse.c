/* kdl-template-parse.c — reading the template file format
 *
 * A template file is UTF-8 text: a header of "key: value" lines, a line
 * "---", then the body (the prompt).  The file's final line break is not
 * part of the body, so a body saved by an editor that adds one reads back
 * unchanged, and kdl_template_to_text() round-trips.  Every error names the
 * file, the line and what to change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-template.h"
#include "kdl-template-private.h"

static const char * const header_keys[] = {
  "name", "kind", "description", "language", "temperature", "max_tokens",
  "score_max", "score_pattern", NULL
};

typedef struct
{
  const char *source;
  guint       line;
  const char *key;
} Where;

static gboolean
header_error (GError     **error,
              int          code,
              const Where *where,
              const char  *what)
{
  g_set_error (error, KDL_TEMPLATE_ERROR, code,
               /* Translators: "FILE, line N: what is wrong" */
               _("%s, line %u: %s"), where->source, where->line, what);
  return FALSE;
}

static gboolean
parse_name (const char  *value,
            const Where *where,
            char       **out,
            GError     **error)
{
  if (!kdl_template_name_is_valid (value))
    return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, where,
                         _("the name must be 1–64 characters without “/”, “\\”, “|”, “{” or “}”"));

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
parse_int (const char  *value,
           const Where *where,
           int          min,
           int          max,
           int         *out,
           GError     **error)
{
  gint64 number;

  if (!g_ascii_string_to_signed (value, 10, min, max, &number, NULL))
    {
      g_autofree char *what = g_strdup_printf (_("“%s” must be a whole number from %d to %d, not “%s”"),
                                               where->key, min, max, value);
      return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, where, what);
    }

  *out = (int)number;
  return TRUE;
}

static gboolean
parse_temperature (const char  *value,
                   const Where *where,
                   double      *out,
                   GError     **error)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !(number > 0 && number <= 1))
    {
      g_autofree char *what = g_strdup_printf (_("“temperature” must be a number above 0 and at most 1, not “%s”"),
                                               value);
      return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, where, what);
    }

  *out = number;
  return TRUE;
}

gboolean
_kdl_template_check_pattern (const char  *pattern,
               const char  *source,
               guint        line,
               GError     **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) local_error = NULL;
  Where where = { source, line, "score_pattern" };

  regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, &local_error);
  if (regex == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("“score_pattern” is not a valid regular expression: %s"),
                                               local_error->message);
      return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, &where, what);
    }

  if (g_regex_get_capture_count (regex) != 1)
    return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, &where,
                         _("“score_pattern” must have exactly one capture group “( )” around the score"));

  return TRUE;
}

static guint
count_lines (const char *text,
             const char *end)
{
  guint line = 1;

  for (const char *p = text; p < end; p++)
    if (*p == '\n')
      line++;

  return line;
}

/* Parses @text into @self.  @fallback_name is used when the header has no
 * name (a user file is named after itself). */
gboolean
_kdl_template_parse (KdlTemplate *self,
                     const char  *text,
                     gssize       length,
                     const char  *source,
                     const char  *fallback_name,
                     GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *language = NULL;
  g_autofree char *score_pattern = NULL;
  g_autofree char *body = NULL;
  KdlTemplateKind kind = KDL_TEMPLATE_KIND_GENERATE;
  double temperature = 0;
  int max_tokens = 0;
  int score_max = 0;
  guint seen_line[G_N_ELEMENTS (header_keys)] = { 0 };
  const char *invalid = NULL;
  const char *p;
  const char *end;
  guint line = 0;
  gboolean closed = FALSE;

  if (length < 0)
    length = strlen (text);
  end = text + length;

  if (!g_utf8_validate (text, length, &invalid))
    {
      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_ENCODING,
                   _("%s, line %u: the text is not valid UTF-8; save the file as UTF-8"),
                   source, count_lines (text, invalid));
      return FALSE;
    }

  p = text;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      g_autofree char *raw = g_strndup (p, line_end - p);
      char *colon;
      Where where = { source, ++line, NULL };
      guint k;

      p = nl ? nl + 1 : end;
      g_strchomp (raw);

      if (g_str_equal (raw, "---"))
        {
          closed = TRUE;
          break;
        }

      if (g_strstrip (raw)[0] == '\0')
        continue;

      /* The key ends at the first colon; a full-width one is forgiven. */
      colon = raw;
      while (*colon && *colon != ':' && !g_str_has_prefix (colon, "："))
        colon++;
      if (*colon == '\0')
        {
          g_autofree char *what = g_strdup_printf (_("“%s” is not a “key: value” line; end the header with a line “---”"),
                                                   raw);
          return header_error (error, KDL_TEMPLATE_ERROR_SYNTAX, &where, what);
        }

      {
        char *value = g_strstrip (colon + (*colon == ':' ? 1 : strlen ("：")));
        *colon = '\0';
        where.key = g_strstrip (raw);

        for (k = 0; header_keys[k] != NULL; k++)
          if (g_str_equal (header_keys[k], where.key))
            break;

        if (header_keys[k] == NULL)
          {
            g_autofree char *keys = g_strjoinv (", ", (char **)header_keys);
            g_autofree char *what = g_strdup_printf (_("unknown key “%s”; the keys are %s"), where.key, keys);
            return header_error (error, KDL_TEMPLATE_ERROR_UNKNOWN_KEY, &where, what);
          }

        if (seen_line[k] != 0)
          {
            g_autofree char *what = g_strdup_printf (_("“%s” is already set on line %u"), where.key, seen_line[k]);
            return header_error (error, KDL_TEMPLATE_ERROR_DUPLICATE_KEY, &where, what);
          }
        seen_line[k] = line;

        if (value[0] == '\0' && !g_str_equal (where.key, "description"))
          {
            g_autofree char *what = g_strdup_printf (_("“%s” has no value"), where.key);
            return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, &where, what);
          }

        if (g_str_equal (where.key, "name"))
          {
            if (!parse_name (value, &where, &name, error))
              return FALSE;
          }
        else if (g_str_equal (where.key, "kind"))
          {
            if (g_str_equal (value, "generate"))
              kind = KDL_TEMPLATE_KIND_GENERATE;
            else if (g_str_equal (value, "judge"))
              kind = KDL_TEMPLATE_KIND_JUDGE;
            else
              {
                g_autofree char *what = g_strdup_printf (_("“kind” must be “generate” or “judge”, not “%s”"), value);
                return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, &where, what);
              }
          }
        else if (g_str_equal (where.key, "description"))
          description = g_strdup (value);
        else if (g_str_equal (where.key, "language"))
          {
            const char *normal = kdl_template_normalize_language (value);

            if (normal == NULL)
              {
                g_autofree char *what = g_strdup_printf (_("“language” must be “zh” or “en”, not “%s”"), value);
                return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, &where, what);
              }
            language = g_strdup (normal);
          }
        else if (g_str_equal (where.key, "temperature"))
          {
            if (!parse_temperature (value, &where, &temperature, error))
              return FALSE;
          }
        else if (g_str_equal (where.key, "max_tokens"))
          {
            if (!parse_int (value, &where, 1, MAX_TOKENS_LIMIT, &max_tokens, error))
              return FALSE;
          }
        else if (g_str_equal (where.key, "score_max"))
          {
            if (!parse_int (value, &where, 1, SCORE_MAX_LIMIT, &score_max, error))
              return FALSE;
          }
        else if (g_str_equal (where.key, "score_pattern"))
          {
            if (!_kdl_template_check_pattern (value, source, line, error))
              return FALSE;
            score_pattern = g_strdup (value);
          }
        else
          g_assert_not_reached ();
      }
    }

  if (!closed)
    {
      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_SYNTAX,
                   _("%s: the header never ends; add a line “---” between the header and the prompt"),
                   source);
      return FALSE;
    }

  /* Keys that only make sense for judges, checked once the kind is known. */
  for (guint k = 0; header_keys[k] != NULL; k++)
    {
      Where where = { source, seen_line[k], header_keys[k] };

      if (seen_line[k] != 0 && kind != KDL_TEMPLATE_KIND_JUDGE &&
          (g_str_equal (header_keys[k], "score_max") || g_str_equal (header_keys[k], "score_pattern")))
        {
          g_autofree char *what = g_strdup_printf (_("“%s” applies only to judge templates; add “kind: judge” or remove it"),
                                                   header_keys[k]);
          return header_error (error, KDL_TEMPLATE_ERROR_BAD_VALUE, &where, what);
        }
    }

  if (kind == KDL_TEMPLATE_KIND_JUDGE && score_max == 0)
    {
      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_MISSING_KEY,
                   _("%s, line %u: a judge template needs “score_max: N” (the highest score) in its header"),
                   source, line);
      return FALSE;
    }

  if (name == NULL)
    {
      if (fallback_name == NULL)
        {
          g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_MISSING_KEY,
                       _("%s, line %u: the header has no “name: …” line"), source, line);
          return FALSE;
        }
      name = g_strdup (fallback_name);
    }

  /* The file's last line break belongs to the file, not to the body. */
  if (p < end)
    {
      gsize body_len = end - p;

      if (body_len > 0 && p[body_len - 1] == '\n')
        {
          body_len--;
          if (body_len > 0 && p[body_len - 1] == '\r')
            body_len--;
        }
      body = g_strndup (p, body_len);
    }
  else
    body = g_strdup ("");

  g_object_freeze_notify (G_OBJECT (self));
  kdl_template_set_name (self, name);
  kdl_template_set_kind (self, kind);
  kdl_template_set_description (self, description);
  kdl_template_set_language (self, language);
  kdl_template_set_temperature (self, temperature);
  kdl_template_set_max_tokens (self, max_tokens);
  kdl_template_set_score_max (self, score_max);
  kdl_template_set_score_pattern (self, score_pattern, NULL);
  kdl_template_set_body (self, body);
  _kdl_template_set_origin (self, source, NULL, line + 1);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * kdl_template_new_from_text:
 * @text: the template file's text
 * @length: its length in bytes, or -1 when nul-terminated
 * @source: (nullable): names the text in error messages (a path)
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error
 *   naming the line and what is wrong
 */
KdlTemplate *
kdl_template_new_from_text (const char  *text,
                            gssize       length,
                            const char  *source,
                            GError     **error)
{
  g_autoptr(KdlTemplate) self = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KDL_TYPE_TEMPLATE, NULL);
  if (!_kdl_template_parse (self, text, length, source ? source : _("template"), NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* "judge.tmpl" → "judge"; "judge.zh.tmpl" → "judge". */
char *
_kdl_template_name_from_basename (const char *basename)
{
  char *name = g_strdup (basename);
  char *dot;

  if (g_str_has_suffix (name, ".tmpl"))
    name[strlen (name) - strlen (".tmpl")] = '\0';

  dot = strrchr (name, '.');
  if (dot != NULL && kdl_template_normalize_language (dot + 1) != NULL)
    *dot = '\0';

  return name;
}

/**
 * kdl_template_new_from_file:
 * @file: a template file
 *
 * A file without a "name:" line is named after itself ("mine.tmpl" → "mine").
 *
 * Returns: (transfer full) (nullable): the template
 */
KdlTemplate *
kdl_template_new_from_file (GFile   *file,
                            GError **error)
{
  g_autoptr(KdlTemplate) self = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *fallback = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND,
                   _("Could not read the template “%s”: %s"), display, local_error->message);
      return NULL;
    }

  basename = g_file_get_basename (file);
  fallback = _kdl_template_name_from_basename (basename);

  self = g_object_new (KDL_TYPE_TEMPLATE, NULL);
  if (!_kdl_template_parse (self, contents, length, display, fallback, error))
    return NULL;

  _kdl_template_set_origin (self, display, file, kdl_template_get_body_line (self));

  return g_steal_pointer (&self);
}

KdlTemplate *
kdl_template_new_from_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  return kdl_template_new_from_file (file, error);
}
