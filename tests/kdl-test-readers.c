/* kdl-test-readers.c — minimal readers for the sample files, test-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <csv.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "kdl-test-readers.h"

/* libgsf 1.14 declares no autoptr cleanups. */
#ifndef KDL_TEST_GSF_AUTOPTR
#define KDL_TEST_GSF_AUTOPTR
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)
#endif

typedef struct
{
  GPtrArray *rows;
  GPtrArray *fields;
} CsvState;

static void
on_csv_field (void   *data,
              size_t  len,
              void   *user_data)
{
  CsvState *state = user_data;

  g_ptr_array_add (state->fields, g_strndup (data, len));
}

static void
on_csv_record (int   c,
               void *user_data)
{
  CsvState *state = user_data;

  g_ptr_array_add (state->fields, NULL);
  g_ptr_array_add (state->rows, g_ptr_array_free (state->fields, FALSE));
  state->fields = g_ptr_array_new ();
}

/**
 * kdl_test_read_csv:
 *
 * Returns: (transfer full) (element-type GStrv): every record, the header
 *   first
 */
GPtrArray *
kdl_test_read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct csv_parser parser;
  CsvState state;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  state.rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  state.fields = g_ptr_array_new ();

  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, contents, len, on_csv_field, on_csv_record, &state), ==, len);
  g_assert_cmpint (csv_fini (&parser, on_csv_field, on_csv_record, &state), ==, 0);
  csv_free (&parser);
  g_ptr_array_free (state.fields, TRUE);

  return state.rows;
}

static char *
read_zip_member (GsfInfile  *zip,
                 const char *dir,
                 const char *name)
{
  g_autoptr(GsfInput) input = NULL;
  gsf_off_t size;
  char *data;

  if (dir != NULL)
    input = gsf_infile_child_by_vname (zip, "xl", dir, name, NULL);
  else
    input = gsf_infile_child_by_vname (zip, "xl", name, NULL);
  if (input == NULL)
    return NULL;

  size = gsf_input_size (input);
  data = g_malloc (size + 1);
  g_assert_nonnull (gsf_input_read (input, size, (guint8 *)data));
  data[size] = '\0';

  return data;
}

static char *
node_text (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  /* Every <t> under the node: plain strings and rich-text runs alike. */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_str_equal ((const char *)child->name, "t"))
        {
          xmlChar *content = xmlNodeGetContent (child);
          g_string_append (text, (const char *)content);
          xmlFree (content);
        }
      else if (g_str_equal ((const char *)child->name, "r") || g_str_equal ((const char *)child->name, "is"))
        {
          g_autofree char *inner = node_text (child);
          g_string_append (text, inner);
        }
    }

  return g_string_free (text, FALSE);
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *)child->name, name))
      return child;

  return NULL;
}

/**
 * kdl_test_read_xlsx:
 *
 * Reads xl/worksheets/sheet1.xml: shared and inline strings, numbers as
 * written.  Good enough for the samples; the real importer streams.
 *
 * Returns: (transfer full) (element-type GStrv): every row, the header
 *   first, each as wide as the widest row
 */
GPtrArray *
kdl_test_read_xlsx (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GsfInput) file = gsf_input_stdio_new (path, &error);
  g_autoptr(GsfInfile) zip = NULL;
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shared_xml = NULL;
  g_autofree char *sheet_xml = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  xmlDoc *doc;
  xmlNode *data;
  guint width = 0;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (file, &error);
  g_assert_no_error (error);

  shared_xml = read_zip_member (zip, NULL, "sharedStrings.xml");
  if (shared_xml != NULL)
    {
      doc = xmlReadMemory (shared_xml, strlen (shared_xml), "sharedStrings.xml", "UTF-8", XML_PARSE_NONET);
      g_assert_nonnull (doc);
      for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
        if (si->type == XML_ELEMENT_NODE && g_str_equal ((const char *)si->name, "si"))
          g_ptr_array_add (shared, node_text (si));
      xmlFreeDoc (doc);
    }

  sheet_xml = read_zip_member (zip, "worksheets", "sheet1.xml");
  g_assert_nonnull (sheet_xml);
  doc = xmlReadMemory (sheet_xml, strlen (sheet_xml), "sheet1.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE);
  g_assert_nonnull (doc);
  data = first_child (xmlDocGetRootElement (doc), "sheetData");
  g_assert_nonnull (data);

  for (xmlNode *row = data->children; row != NULL; row = row->next)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      if (row->type != XML_ELEMENT_NODE)
        continue;

      for (xmlNode *c = row->children; c != NULL; c = c->next)
        {
          xmlChar *ref, *type;
          guint column = 0;
          char *value = NULL;

          if (c->type != XML_ELEMENT_NODE || !g_str_equal ((const char *)c->name, "c"))
            continue;

          ref = xmlGetProp (c, (const xmlChar *)"r");
          for (const xmlChar *p = ref; p && g_ascii_isupper (*p); p++)
            column = column * 26 + (*p - 'A' + 1);
          xmlFree (ref);
          g_assert_cmpuint (column, >, 0);

          type = xmlGetProp (c, (const xmlChar *)"t");
          if (type != NULL && g_str_equal ((const char *)type, "inlineStr"))
            value = node_text (first_child (c, "is"));
          else if (first_child (c, "v") != NULL)
            {
              xmlChar *v = xmlNodeGetContent (first_child (c, "v"));

              if (type != NULL && g_str_equal ((const char *)type, "s"))
                {
                  guint64 index = g_ascii_strtoull ((const char *)v, NULL, 10);

                  g_assert_cmpuint (index, <, shared->len);
                  value = g_strdup (g_ptr_array_index (shared, index));
                }
              else
                value = g_strdup ((const char *)v);
              xmlFree (v);
            }
          xmlFree (type);

          while (cells->len < column - 1)
            g_ptr_array_add (cells, g_strdup (""));
          g_ptr_array_add (cells, value ? value : g_strdup (""));
        }

      width = MAX (width, cells->len);
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (cells, NULL));
    }

  xmlFreeDoc (doc);

  /* Pad short rows so every row has the header's columns. */
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      guint n = g_strv_length (row);

      if (n < width)
        {
          row = g_renew (char *, row, width + 1);
          for (; n < width; n++)
            row[n] = g_strdup ("");
          row[width] = NULL;
          rows->pdata[i] = row;
        }
    }

  return rows;
}

/**
 * kdl_test_read_jsonl:
 *
 * Returns: (transfer full) (element-type JsonObject): one object per line
 */
GPtrArray *
kdl_test_read_jsonl (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }

  return objects;
}
