/* kdl-template-render.c — placeholders and rendering
 *
 * A placeholder is "{name}": everything between the braces on one line is
 * the name (so column names in any script work).  "{{" and "}}" are literal
 * braces; a lone "{" or "}" is an error, as in Python's str.format, so a
 * JSON example in a prompt never turns silently into a placeholder.
 * Rendering is one pass over the body: inserted values are copied, never
 * scanned again, so a passage containing "{reading}" stays as written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-template.h"

static const char * const standard_variables[] = {
  "reading", "questions", "answers", "mcq", "reference", "generated", "row", NULL
};

/**
 * kdl_template_standard_variables:
 *
 * Returns: (transfer none): the variables every dataset row offers besides
 *   its columns (DESIGN.md "Variables"), %NULL-terminated
 */
const char * const *
kdl_template_standard_variables (void)
{
  return standard_variables;
}

/**
 * kdl_template_variables_new:
 *
 * Returns: (transfer full): an empty table of variables, name → value,
 *   both owned by the table
 */
GHashTable *
kdl_template_variables_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
kdl_placeholder_free (KdlPlaceholder *placeholder)
{
  if (placeholder == NULL)
    return;

  g_free (placeholder->name);
  g_free (placeholder);
}

void
kdl_render_warning_free (KdlRenderWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->variable);
  g_free (warning->message);
  g_free (warning);
}

static gboolean
is_known (const char *name,
          GHashTable *variables)
{
  if (variables != NULL)
    return g_hash_table_contains (variables, name);

  return g_strv_contains (standard_variables, name);
}

/*
 * The scanner.  It calls @literal for plain text (with "{{" and "}}" already
 * reduced to one brace) and @placeholder for each placeholder or lone brace.
 */
typedef struct
{
  void     (*literal)     (const char *text,
                           gsize       len,
                           gpointer    data);
  gboolean (*placeholder) (KdlPlaceholder *placeholder,
                           gpointer        data);   /* FALSE stops */
  gpointer   data;
} Scanner;

static void
scan (const char    *text,
      gsize          length,
      guint          first_line,
      GHashTable    *variables,
      const Scanner *scanner)
{
  const char *end = text + length;
  const char *run = text;     /* start of the pending literal run */
  const char *p = text;
  glong chars = 0;
  guint line = first_line;

#define FLUSH(upto) G_STMT_START { \
    if (scanner->literal != NULL && (upto) > run) \
      scanner->literal (run, (upto) - run, scanner->data); \
  } G_STMT_END

  while (p < end)
    {
      if ((*p == '{' || *p == '}') && p + 1 < end && p[1] == *p)
        {
          /* A doubled brace: one literal brace. */
          FLUSH (p + 1);
          p += 2;
          run = p;
          chars += 2;
          continue;
        }

      if (*p == '{' || *p == '}')
        {
          KdlPlaceholder ph = { 0 };
          const char *close = NULL;
          gboolean go_on;

          if (*p == '{')
            for (const char *q = p + 1; q < end && *q != '\n' && *q != '{'; q++)
              if (*q == '}')
                {
                  close = q;
                  break;
                }

          ph.start = p - text;
          ph.start_char = chars;
          ph.line = line;

          if (close != NULL && close > p + 1)
            {
              ph.name = g_strndup (p + 1, close - p - 1);
              ph.end = close + 1 - text;
              ph.end_char = chars + g_utf8_strlen (p, close + 1 - p);
              ph.status = is_known (ph.name, variables) ? KDL_PLACEHOLDER_KNOWN
                                                        : KDL_PLACEHOLDER_UNKNOWN;
            }
          else
            {
              /* A lone brace, or "{}". */
              const char *stop = close != NULL ? close + 1 : p + 1;

              ph.name = g_strndup (p, stop - p);
              ph.end = stop - text;
              ph.end_char = chars + (stop - p);
              ph.status = KDL_PLACEHOLDER_INVALID;
            }

          FLUSH (p);
          chars = ph.end_char;
          p = text + ph.end;
          run = p;

          go_on = scanner->placeholder (&ph, scanner->data);
          g_free (ph.name);
          if (!go_on)
            return;
          continue;
        }

      if (*p == '\n')
        line++;
      p = g_utf8_next_char (p);
      chars++;
    }

  FLUSH (end);

#undef FLUSH
}

static gboolean
collect_placeholder (KdlPlaceholder *ph,
                     gpointer        data)
{
  GPtrArray *list = data;
  KdlPlaceholder *copy = g_new (KdlPlaceholder, 1);

  *copy = *ph;
  copy->name = g_strdup (ph->name);
  g_ptr_array_add (list, copy);

  return TRUE;
}

/**
 * kdl_template_scan_placeholders:
 * @text: a template body (or any text written in the placeholder syntax)
 * @length: its length in bytes, or -1
 * @first_line: the line number of @text's first line
 * @variables: (nullable): the variables to check names against; %NULL
 *   checks against kdl_template_standard_variables()
 *
 * Lists every placeholder and every lone brace with its offsets, for an
 * editor to tag: KNOWN, UNKNOWN (not among @variables) or INVALID.
 *
 * Returns: (transfer full) (element-type KdlPlaceholder): in text order
 */
GPtrArray *
kdl_template_scan_placeholders (const char *text,
                                gssize      length,
                                guint       first_line,
                                GHashTable *variables)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_placeholder_free);
  Scanner scanner = { NULL, collect_placeholder, list };

  g_return_val_if_fail (text != NULL, list);

  scan (text, length < 0 ? strlen (text) : (gsize)length, first_line, variables, &scanner);

  return list;
}

/**
 * kdl_template_list_placeholders:
 * @variables: (nullable): as for kdl_template_scan_placeholders()
 *
 * Returns: (transfer full) (element-type KdlPlaceholder): the placeholders of
 *   the body, lines counted as in the file
 */
GPtrArray *
kdl_template_list_placeholders (KdlTemplate *self,
                                GHashTable  *variables)
{
  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);

  return kdl_template_scan_placeholders (kdl_template_get_body (self), -1,
                                         kdl_template_get_body_line (self), variables);
}

static char *
variable_names (GHashTable *variables)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (variables != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, variables);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (names, key);
      g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
    }
  else
    for (guint i = 0; standard_variables[i] != NULL; i++)
      g_ptr_array_add (names, (gpointer)standard_variables[i]);

  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **)names->pdata);
}

static void
set_placeholder_error (GError               **error,
                       const char            *source,
                       const KdlPlaceholder  *ph,
                       GHashTable            *variables)
{
  if (ph->status == KDL_PLACEHOLDER_INVALID)
    {
      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BRACE,
                   _("%s, line %u: “%s” is not a placeholder; write “{name}” for a variable, "
                     "“{{” and “}}” for literal braces"),
                   source, ph->line, ph->name);
    }
  else
    {
      g_autofree char *names = variable_names (variables);

      g_set_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER,
                   _("%s, line %u: unknown placeholder “{%s}”; the variables are: %s "
                     "(write “{{” and “}}” for literal braces)"),
                   source, ph->line, ph->name, names);
    }
}

typedef struct
{
  GError  **error;
  const char *source;
  GHashTable *variables;
} CheckState;

static gboolean
check_placeholder (KdlPlaceholder *ph,
                   gpointer        data)
{
  CheckState *state = data;

  if (ph->status == KDL_PLACEHOLDER_KNOWN)
    return TRUE;

  set_placeholder_error (state->error, state->source, ph, state->variables);
  return FALSE;
}

/**
 * kdl_template_check:
 * @variables: (nullable): the variables a row will have; %NULL checks
 *   against kdl_template_standard_variables()
 *
 * Returns: %FALSE with @error naming the first lone brace or unknown
 *   placeholder and its line
 */
gboolean
kdl_template_check (KdlTemplate  *self,
                    GHashTable   *variables,
                    GError      **error)
{
  GError *local_error = NULL;
  CheckState state = { &local_error, NULL, variables };
  Scanner scanner = { NULL, check_placeholder, &state };
  const char *body;

  g_return_val_if_fail (KDL_IS_TEMPLATE (self), FALSE);

  state.source = kdl_template_get_source (self);
  body = kdl_template_get_body (self);
  scan (body, strlen (body), kdl_template_get_body_line (self), variables, &scanner);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GString    *out;
  GHashTable *variables;
  GPtrArray  *warnings;
  GHashTable *warned;
  const char *source;
  GError    **error;
} RenderState;

static void
render_literal (const char *text,
                gsize       len,
                gpointer    data)
{
  RenderState *state = data;

  g_string_append_len (state->out, text, len);
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;

  for (const char *p = value; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
render_placeholder (KdlPlaceholder *ph,
                    gpointer        data)
{
  RenderState *state = data;
  const char *value;

  if (ph->status != KDL_PLACEHOLDER_KNOWN)
    {
      set_placeholder_error (state->error, state->source, ph, state->variables);
      return FALSE;
    }

  value = g_hash_table_lookup (state->variables, ph->name);

  if (is_blank (value) && !g_hash_table_contains (state->warned, ph->name))
    {
      KdlRenderWarning *warning = g_new0 (KdlRenderWarning, 1);
      const char *row = g_hash_table_lookup (state->variables, "row");

      warning->variable = g_strdup (ph->name);
      warning->line = ph->line;
      if (row != NULL && row[0] != '\0')
        warning->message = g_strdup_printf (_("Row %s: the variable “%s” (line %u of %s) is empty"),
                                            row, ph->name, ph->line, state->source);
      else
        warning->message = g_strdup_printf (_("The variable “%s” (line %u of %s) is empty"),
                                            ph->name, ph->line, state->source);
      g_ptr_array_add (state->warnings, warning);
      g_hash_table_add (state->warned, g_strdup (ph->name));
    }

  if (value != NULL)
    g_string_append (state->out, value);

  return TRUE;
}

/**
 * kdl_template_render:
 * @variables: (element-type utf8 utf8): name → value for one row; a name
 *   mapped to %NULL counts as an empty variable
 * @warnings: (out) (optional) (transfer full) (element-type KdlRenderWarning):
 *   one warning per variable that exists but is empty (or only
 *   whitespace) for this row
 *
 * Values are inserted as they are, never expanded again.
 *
 * Returns: (transfer full) (nullable): the prompt, or %NULL with @error
 *   naming an unknown placeholder or a lone brace and its line
 */
char *
kdl_template_render (KdlTemplate  *self,
                     GHashTable   *variables,
                     GPtrArray   **warnings,
                     GError      **error)
{
  g_autoptr(GHashTable) empty = NULL;
  g_autoptr(GHashTable) warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_render_warning_free);
  g_autoptr(GString) out = NULL;
  GError *local_error = NULL;
  RenderState state;
  Scanner scanner = { render_literal, render_placeholder, &state };
  const char *body;

  g_return_val_if_fail (KDL_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;

  if (variables == NULL)
    variables = empty = kdl_template_variables_new ();

  body = kdl_template_get_body (self);
  out = g_string_sized_new (strlen (body) * 2);
  state = (RenderState) { out, variables, list, warned, kdl_template_get_source (self), &local_error };

  scan (body, strlen (body), kdl_template_get_body_line (self), variables, &scanner);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (warnings != NULL)
    *warnings = g_steal_pointer (&list);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
