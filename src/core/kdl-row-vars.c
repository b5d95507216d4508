/* kdl-row-vars.c
 *
 * DESIGN.md "Rows, variables and data flow": every column by its name, the
 * mapped `reading`, `questions` and `answers`, the parsed original MCQs as
 * `mcq` (canonical form), `reference` and `row`.  The dataset browser, the
 * template preview, `kindling-cli render` and the runner all build them
 * here, so a prompt looks the same wherever it is rendered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-row-vars"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdl-exam.h"
#include "kdl-exam-parser.h"
#include "kdl-row-vars.h"
#include "kdl-template.h"

static const char *standard[] = { "reading", "questions", "answers", "mcq" };

static void
insert (GHashTable *vars,
        const char *name,
        const char *value)
{
  g_hash_table_insert (vars, g_strdup (name), g_strdup (value != NULL ? value : ""));
}

static void
insert_take (GHashTable *vars,
             const char *name,
             char       *value)
{
  g_hash_table_insert (vars, g_strdup (name), value != NULL ? value : g_strdup (""));
}

/* The question part of a cleaned `output`: its lines without the answer
 * lines, as written. */
static char *
strip_answer_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];

      while (*p == ' ' || *p == '\t')
        p++;
      if (g_str_has_prefix (p, "答案") || g_str_has_prefix (p, "Answer") ||
          g_str_has_prefix (p, "answer"))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }

  /* Answer lines leave double blank lines behind. */
  while (strstr (out->str, "\n\n\n") != NULL)
    {
      char *p = strstr (out->str, "\n\n\n");
      g_string_erase (out, p - out->str, 1);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

static char *
render_answers (GPtrArray *mcqs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mcqs->len; i++)
    {
      const KdlExamMcq *mcq = g_ptr_array_index (mcqs, i);

      if (mcq->answer == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%u. %s", mcq->number, mcq->answer);
    }

  return g_string_free (out, FALSE);
}

static KdlExam *
parse_exam (KdlColumnMap *map,
            const char   *questions,
            const char   *answers)
{
  if (kdl_column_map_get (map, "answers") != NULL)
    return kdl_exam_parse (questions, answers);

  /* No answers column: a cleaned `output` with 答案 lines inline. */
  return kdl_exam_parse_combined (questions);
}

/**
 * kdl_row_vars_parse_exam:
 *
 * The row's original questions: its `questions` (and `answers`) columns,
 * read by the exam parser.
 *
 * Returns: (transfer full): the exam (empty when the row has none)
 */
KdlExam *
kdl_row_vars_parse_exam (KdlColumnMap    *map,
                         const KdlRecord *record)
{
  g_autofree char *questions = kdl_column_map_resolve (map, record, "questions");
  g_autofree char *answers = kdl_column_map_resolve (map, record, "answers");

  return parse_exam (map, questions, answers);
}

/* Adds `mcq`, and for a cleaned `output` the question part and answers. */
static void
add_parsed (GHashTable   *vars,
            KdlColumnMap *map)
{
  const char *questions = g_hash_table_lookup (vars, "questions");
  gboolean answers_mapped = kdl_column_map_get (map, "answers") != NULL;
  g_autoptr(KdlExam) exam = NULL;

  if (questions == NULL || *questions == '\0')
    return;

  exam = parse_exam (map, questions, g_hash_table_lookup (vars, "answers"));

  if (exam->mcqs->len > 0)
    insert_take (vars, "mcq", kdl_exam_render_mcqs (exam->mcqs));

  if (!answers_mapped)
    {
      g_hash_table_insert (vars, g_strdup ("answers"), render_answers (exam->mcqs));
      g_hash_table_insert (vars, g_strdup ("questions"), strip_answer_lines (questions));
    }
}

/**
 * kdl_row_vars_new:
 * @map: which column each variable reads
 * @record: the row
 *
 * Returns: (transfer full) (element-type utf8 utf8): variable → value
 */
GHashTable *
kdl_row_vars_new (KdlColumnMap    *map,
                  const KdlRecord *record)
{
  GHashTable *vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *variables;
  const char *reading;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  for (guint i = 0; i < kdl_record_get_n_fields (record); i++)
    insert (vars, kdl_record_get_name (record, i), kdl_record_get_value (record, i));

  variables = kdl_column_map_get_variables (map);
  for (guint i = 0; i < variables->len; i++)
    {
      const char *variable = g_ptr_array_index (variables, i);

      g_hash_table_insert (vars, g_strdup (variable), kdl_column_map_resolve (map, record, variable));
      if (g_hash_table_lookup (vars, variable) == NULL)
        insert (vars, variable, "");
    }

  g_hash_table_insert (vars, g_strdup ("row"), g_strdup_printf ("%u", kdl_record_get_row (record)));

  add_parsed (vars, map);

  /* The standard variables exist for every row: an empty one is reported
   * by the renderer as empty for this row, not as unknown. */
  for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
    if (!g_hash_table_contains (vars, standard[i]))
      insert (vars, standard[i], "");

  reading = g_hash_table_lookup (vars, "reading");
  if (!g_hash_table_contains (vars, "reference"))
    kdl_template_add_reference (vars, kdl_text_detect_language (reading != NULL ? reading : ""));

  return vars;
}

/**
 * kdl_row_vars_fields_to_json:
 *
 * Returns: (transfer full): the record's fields as a JSON object, in order
 *   (how the project stores a copied row)
 */
char *
kdl_row_vars_fields_to_json (const KdlRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < kdl_record_get_n_fields (record); i++)
    {
      const char *value = kdl_record_get_value (record, i);

      json_builder_set_member_name (builder, kdl_record_get_name (record, i));
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * kdl_row_vars_mapping_to_json:
 *
 * Returns: (transfer full): `{variable: column}` for every mapped variable
 */
char *
kdl_row_vars_mapping_to_json (KdlColumnMap *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *variables = kdl_column_map_get_variables (map);

  json_builder_begin_object (builder);
  for (guint i = 0; i < variables->len; i++)
    {
      const char *variable = g_ptr_array_index (variables, i);
      const char *column = kdl_column_map_get (map, variable);

      if (column == NULL)
        continue;
      json_builder_set_member_name (builder, variable);
      json_builder_add_string_value (builder, column);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * kdl_row_vars_new_from_json:
 * @fields_json: a stored row's fields (kdl_row_vars_fields_to_json())
 * @mapping_json: (nullable): the dataset's stored mapping
 * @row: the row id
 *
 * The same variables as kdl_row_vars_new(), from what the project stores,
 * so a run never needs the source file again.
 */
GHashTable *
kdl_row_vars_new_from_json (const char  *fields_json,
                            const char  *mapping_json,
                            guint        row,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(KdlRecord) record = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(KdlColumnMap) map = NULL;
  JsonObject *fields;
  JsonNode *root;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, fields_json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Row %u in the project is damaged: its fields are not a JSON object."), row);
      return NULL;
    }

  fields = json_node_get_object (root);
  record = kdl_record_new (row, 0);
  members = json_object_get_members (fields);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (fields, l->data);
      char *value = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      kdl_record_take_field (record, l->data, value);
      g_ptr_array_add (columns, g_strdup (l->data));
    }

  if (mapping_json != NULL && *mapping_json)
    {
      g_autoptr(JsonParser) mparser = json_parser_new_immutable ();
      JsonNode *mroot;

      if (json_parser_load_from_data (mparser, mapping_json, -1, NULL) &&
          (mroot = json_parser_get_root (mparser)) != NULL && JSON_NODE_HOLDS_OBJECT (mroot))
        {
          JsonObject *object = json_node_get_object (mroot);
          g_autoptr(GList) names = json_object_get_members (object);

          for (const GList *l = names; l != NULL; l = l->next)
            {
              const char *column = json_object_get_string_member_with_default (object, l->data, NULL);

              if (column != NULL)
                g_hash_table_insert (mapping, g_strdup (l->data), g_strdup (column));
            }
        }
    }

  map = kdl_column_map_new (columns, mapping);

  return kdl_row_vars_new (map, record);
}
