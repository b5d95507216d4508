/* kdl-export-render.c — one record: the train-input rendering, the canonical
 * MCQs, and the line (or cells) a format writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdl-column-map.h"
#include "kdl-exam-parser.h"
#include "kdl-export-private.h"
#include "kdl-row-vars.h"
#include "kdl-template.h"

struct _KdlExportRenderer
{
  KdlExportPlan  *plan;
  KdlStoreReader *reader;
  GHashTable     *templates;   /* language → KdlTemplate */
  guint           vars_row;
  GHashTable     *vars;        /* the last row's variables: records come in row order */
};

KdlExportRenderer *
_kdl_export_renderer_new (KdlExportPlan  *plan,
                          KdlStoreReader *reader)
{
  KdlExportRenderer *self = g_new0 (KdlExportRenderer, 1);

  self->plan = g_object_ref (plan);
  self->reader = reader;
  self->templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  return self;
}

void
_kdl_export_renderer_free (KdlExportRenderer *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->plan);
  g_clear_pointer (&self->templates, g_hash_table_unref);
  g_clear_pointer (&self->vars, g_hash_table_unref);
  g_free (self);
}

/* Returns: (transfer none): the row's template variables */
GHashTable *
_kdl_export_renderer_get_vars (KdlExportRenderer  *self,
                               guint               row,
                               GError            **error)
{
  g_autoptr(KdlStoreRow) stored = NULL;
  GHashTable *vars;

  if (self->vars != NULL && self->vars_row == row)
    return self->vars;

  stored = kdl_store_reader_get_row (self->reader, self->plan->dataset_id, row, error);
  if (stored == NULL)
    return NULL;
  vars = kdl_row_vars_new_from_json (stored->fields_json, self->plan->mapping_json, row, error);
  if (vars == NULL)
    return NULL;

  g_clear_pointer (&self->vars, g_hash_table_unref);
  self->vars = vars;
  self->vars_row = row;

  return vars;
}

static KdlTemplate *
get_template (KdlExportRenderer  *self,
              const char         *language,
              GError            **error)
{
  const char *name = self->plan->options->train_template;
  KdlTemplate *template = g_hash_table_lookup (self->templates, language);

  if (template != NULL)
    return template;

  template = kdl_template_resolve (name != NULL ? name : KDL_EXPORT_DEFAULT_TEMPLATE, language, error);
  if (template == NULL)
    return NULL;
  g_hash_table_insert (self->templates, g_strdup (language), template);

  return template;
}

/**
 * _kdl_export_canonical:
 * @n_mcqs: (out): how many MCQs the text has
 *
 * Returns: (transfer full): @text's MCQs in canonical form ("" for none);
 *   short-answer questions and text around the questions are left out
 */
char *
_kdl_export_canonical (const char *text,
                       guint      *n_mcqs)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse_combined (text);

  *n_mcqs = exam->mcqs->len;
  return kdl_exam_render_mcqs (exam->mcqs);
}

/* Where a line that starts with the `### 阅读文本` marker begins, or NULL. */
static const char *
find_marker_line (const char *text)
{
  for (const char *p = strstr (text, KDL_READING_MARKER); p != NULL;
       p = strstr (p + 1, KDL_READING_MARKER))
    if (p == text || p[-1] == '\n')
      return p;

  return NULL;
}

/**
 * _kdl_export_split_input:
 *
 * Alpaca's instruction and input: the rendering before and after its
 * `### 阅读文本` line (kdl-export.h).
 */
void
_kdl_export_split_input (const char  *input,
                         char       **instruction,
                         char       **rest)
{
  const char *marker = find_marker_line (input);
  const char *after;

  if (marker == NULL)
    {
      *instruction = g_strdup (input);
      *rest = g_strdup ("");
      return;
    }

  *instruction = g_strchomp (g_strndup (input, marker - input));
  after = strchr (marker, '\n');
  *rest = g_strdup (after != NULL ? after + 1 : "");
}

/**
 * _kdl_export_xlsx_cells:
 *
 * The 题目 and 答案 cells: the MCQs without their answer lines, and one
 * `N. X` line per answer, which the importers read back as the same MCQs.
 */
void
_kdl_export_xlsx_cells (const char  *output,
                        char       **questions,
                        char       **answers)
{
  g_autoptr(KdlExam) exam = kdl_exam_parse_combined (output);
  g_autoptr(GPtrArray) bare = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_mcq_free);
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < exam->mcqs->len; i++)
    {
      KdlExamMcq *mcq = kdl_exam_mcq_copy (g_ptr_array_index (exam->mcqs, i));

      if (mcq->answer != NULL)
        g_string_append_printf (lines, "%s%u. %s", lines->len > 0 ? "\n" : "", i + 1, mcq->answer);
      g_clear_pointer (&mcq->answer, g_free);
      g_ptr_array_add (bare, mcq);
    }

  *questions = kdl_exam_render_mcqs (bare);
  *answers = g_string_free (lines, FALSE);
}

/* JSON string with the characters as they are: only the quote, the
 * backslash and control characters are escaped. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *name,
               const char *value,
               gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  append_json_string (out, name);
  g_string_append_c (out, ':');
  append_json_string (out, value);
}

static char *
format_text (KdlExportFormat        format,
             const KdlExportRecord *record)
{
  GString *out = g_string_new (NULL);

  switch (format)
    {
    case KDL_EXPORT_FORMAT_SPARK:
      g_string_append_c (out, '{');
      append_member (out, "input", record->input, TRUE);
      append_member (out, "target", record->output, FALSE);
      g_string_append_c (out, '}');
      break;

    case KDL_EXPORT_FORMAT_IO:
      g_string_append_c (out, '{');
      append_member (out, "input", record->input, TRUE);
      append_member (out, "output", record->output, FALSE);
      g_string_append_c (out, '}');
      break;

    case KDL_EXPORT_FORMAT_ALPACA:
      {
        g_autofree char *instruction = NULL;
        g_autofree char *rest = NULL;

        _kdl_export_split_input (record->input, &instruction, &rest);
        g_string_append_c (out, '{');
        append_member (out, "instruction", instruction, TRUE);
        append_member (out, "input", rest, FALSE);
        append_member (out, "output", record->output, FALSE);
        g_string_append_c (out, '}');
      }
      break;

    case KDL_EXPORT_FORMAT_SHAREGPT:
      g_string_append (out, "{\"conversations\":[{");
      append_member (out, "from", "human", TRUE);
      append_member (out, "value", record->input, FALSE);
      g_string_append (out, "},{");
      append_member (out, "from", "gpt", TRUE);
      append_member (out, "value", record->output, FALSE);
      g_string_append (out, "}]}");
      break;

    case KDL_EXPORT_FORMAT_XLSX:
    default:
      {
        g_autofree char *questions = NULL;
        g_autofree char *answers = NULL;
        char score[G_ASCII_DTOSTR_BUF_SIZE] = "";

        _kdl_export_xlsx_cells (record->output, &questions, &answers);
        if (record->has_score)
          g_ascii_formatd (score, sizeof score, "%g", record->score);
        g_string_append_printf (out, "阅读文本: %s\n题目: %s\n答案: %s\n分数: %s",
                                record->reading, questions, answers, score);
      }
      break;
    }

  return g_string_free (out, FALSE);
}

/**
 * _kdl_export_renderer_render:
 *
 * Returns: (transfer full) (nullable): the record, or %NULL when the row,
 *   the text or the template cannot be read
 */
KdlExportRecord *
_kdl_export_renderer_render (KdlExportRenderer     *self,
                             const KdlExportEntry  *entry,
                             GError               **error)
{
  g_autoptr(KdlExportRecord) record = g_new0 (KdlExportRecord, 1);
  GHashTable *vars;
  KdlTemplate *template;
  const char *reading;

  vars = _kdl_export_renderer_get_vars (self, entry->row, error);
  if (vars == NULL)
    return NULL;

  reading = g_hash_table_lookup (vars, "reading");
  if (reading == NULL)
    reading = "";
  template = get_template (self, kdl_text_detect_language (reading), error);
  if (template == NULL)
    return NULL;

  record->row = entry->row;
  record->variant = entry->variant;
  record->run_id = entry->run_id;
  record->item_id = entry->item_id;
  record->source = entry->source;
  record->side = entry->side;
  record->has_score = entry->has_score;
  record->score = entry->score;
  record->edited = entry->edited;
  record->reading = g_strdup (reading);

  record->input = kdl_template_render (template, vars, NULL, error);
  if (record->input == NULL)
    {
      g_prefix_error (error, _("Row %u: "), entry->row);
      return NULL;
    }

  if (entry->source == KDL_EXPORT_SOURCE_ORIGINAL)
    record->output = g_strdup (g_hash_table_lookup (vars, "mcq"));
  else
    {
      g_autofree char *text = kdl_store_reader_get_output (self->reader, entry->item_id, TRUE, error);
      guint n_mcqs;

      if (text == NULL)
        return NULL;
      record->output = _kdl_export_canonical (text, &n_mcqs);
    }

  record->text = format_text (self->plan->options->format, record);

  return g_steal_pointer (&record);
}
