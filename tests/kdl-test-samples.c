/* kdl-test-samples.c — the shared sample rows as template variables
 *
 * Until the dataset importer and the exam parser are merged, the tests build
 * the variables of DESIGN.md themselves: sample-finetune.jsonl through
 * json-glib (reading = the text after "\n### 阅读文本\n" in input; mcq and
 * questions = output, already canonical) and sample-zh.csv through libcsv
 * (reading = 阅读文本, questions = 选项, answers = 答案; mcq stands in as
 * the raw 选项 text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <csv.h>
#include <json-glib/json-glib.h>

#include "kdl-template.h"
#include "kdl-test-samples.h"
#include "kdl-test-util.h"

#define READING_MARKER "\n### 阅读文本\n"

static void
set (GHashTable *vars,
     const char *name,
     const char *value)
{
  g_hash_table_insert (vars, g_strdup (name), g_strdup (value));
}

static char *
answers_of (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  GString *answers = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "答案:"))
      {
        n++;
        g_string_append_printf (answers, "%s%u:%s", n > 1 ? " " : "", n, lines[i] + strlen ("答案:"));
      }

  return g_string_free (answers, FALSE);
}

/* Returns: (element-type GHashTable): one variable table per line */
GPtrArray *
kdl_test_samples_finetune (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autofree char *row = g_strdup_printf ("%u", i + 1);
      g_autofree char *answers = NULL;
      GHashTable *vars;
      JsonObject *object;
      const char *input, *output, *marker;

      if (lines[i][0] == '\0')
        continue;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      input = json_object_get_string_member (object, "input");
      output = json_object_get_string_member (object, "output");
      marker = strstr (input, READING_MARKER);
      g_assert_nonnull (marker);
      answers = answers_of (output);

      vars = kdl_template_variables_new ();
      set (vars, "input", input);
      set (vars, "output", output);
      set (vars, "reading", marker + strlen (READING_MARKER));
      set (vars, "questions", output);
      set (vars, "answers", answers);
      set (vars, "mcq", output);
      set (vars, "row", row);
      g_ptr_array_add (rows, vars);
    }

  return rows;
}

typedef struct
{
  GPtrArray  *records;   /* of GStrv */
  GPtrArray  *fields;
} CsvState;

static void
on_field (void   *field,
          size_t  len,
          void   *data)
{
  CsvState *state = data;

  g_ptr_array_add (state->fields, g_strndup (field, len));
}

static void
on_record (int   c,
           void *data)
{
  CsvState *state = data;

  g_ptr_array_add (state->fields, NULL);
  g_ptr_array_add (state->records, g_ptr_array_free (state->fields, FALSE));
  state->fields = g_ptr_array_new ();
}

/* Returns: (element-type GHashTable): one variable table per record */
GPtrArray *
kdl_test_samples_zh_csv (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  struct csv_parser parser;
  CsvState state = { g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev), g_ptr_array_new () };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  gsize length;
  char **header;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  g_assert_cmpint (csv_init (&parser, CSV_STRICT), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, contents, length, on_field, on_record, &state), ==, length);
  csv_fini (&parser, on_field, on_record, &state);
  csv_free (&parser);
  g_ptr_array_free (state.fields, TRUE);

  g_assert_cmpuint (state.records->len, ==, 9);
  header = g_ptr_array_index (state.records, 0);
  g_assert_cmpstr (header[0], ==, "阅读文本");
  g_assert_cmpstr (header[1], ==, "选项");
  g_assert_cmpstr (header[2], ==, "答案");

  for (guint r = 1; r < state.records->len; r++)
    {
      char **record = g_ptr_array_index (state.records, r);
      g_autofree char *row = g_strdup_printf ("%u", r);
      GHashTable *vars = kdl_template_variables_new ();

      g_assert_cmpuint (g_strv_length (record), ==, 3);
      for (guint c = 0; c < 3; c++)
        set (vars, header[c], record[c]);
      set (vars, "reading", record[0]);
      set (vars, "questions", record[1]);
      set (vars, "answers", record[2]);
      set (vars, "mcq", record[1]);
      set (vars, "row", row);
      g_ptr_array_add (rows, vars);
    }

  g_ptr_array_unref (state.records);

  return rows;
}
