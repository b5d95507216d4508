/* kdl-import-xlsx.c — Excel workbooks: libgsf for the zip, libxml2's
 * streaming xmlTextReader for the XML (no DOM of a sheet)
 *
 * The sheet is found through xl/workbook.xml and its relationships (the
 * first sheet, or the one named).  Cells: shared strings (t="s"), inline
 * strings (t="inlineStr"; character references resolved by libxml2),
 * formula strings, booleans (TRUE/FALSE), errors and numbers as Excel
 * stored them (dates stay serial numbers: styles are not read).  Rich text
 * runs are joined; phonetic runs (<rPh>) are left out.  OOXML's _xHHHH_
 * escapes are decoded.  The first non-blank row is the header; a row's id
 * is its sheet row minus the header row.  A data cell right of the last
 * header cell adds a column named by its letter.
 *
 * The loaded cells are kept as one buffer: per row, its values each ended
 * by a NUL byte, in column order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-import-xlsx"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "kdl-import-xlsx.h"

/* libgsf 1.14 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

#define FIRST_PAGE_ROWS 200
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

typedef struct
{
  char *first_error;
} ReaderErrors;

static void
on_xml_error (void        *user_data,
              const xmlError *error)
{
  ReaderErrors *errors = user_data;

  if (errors->first_error == NULL && error != NULL && error->level >= XML_ERR_ERROR)
    errors->first_error = g_strstrip (g_strdup_printf ("%s (line %d)",
                                                       error->message != NULL ? error->message : "?",
                                                       error->line));
}

static int
read_input (void *context,
            char *buffer,
            int   len)
{
  GsfInput *input = context;
  gsf_off_t remaining = gsf_input_remaining (input);
  size_t n = MIN ((gsf_off_t)len, remaining);

  if (n == 0)
    return 0;
  if (gsf_input_read (input, n, (guint8 *)buffer) == NULL)
    return -1;
  return n;
}

static int
close_input (void *context)
{
  return 0;
}

static xmlTextReaderPtr
reader_new (GsfInput     *input,
            ReaderErrors *errors)
{
  xmlTextReaderPtr reader;

  reader = xmlReaderForIO (read_input, close_input, input, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT | XML_PARSE_HUGE);
  if (reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (reader, (xmlStructuredErrorFunc)on_xml_error, errors);
  return reader;
}

static gboolean
name_is (xmlTextReaderPtr  reader,
         const char       *name)
{
  const xmlChar *local = xmlTextReaderConstLocalName (reader);

  return local != NULL && strcmp ((const char *)local, name) == 0;
}

static gboolean
is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* OOXML writes characters XML cannot hold as _xHHHH_. */
static char *
decode_xstring (GString *text)
{
  GString *out;
  const char *p;

  if (strstr (text->str, "_x") == NULL)
    return g_strndup (text->str, text->len);

  out = g_string_sized_new (text->len);
  for (p = text->str; *p != '\0'; p++)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8) |
                       (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c != 0 && g_unichar_validate (c))
            {
              g_string_append_unichar (out, c);
              p += 6;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static GsfInput *
open_member (GsfInfile  *zip,
             const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GsfInput *current = g_object_ref (GSF_INPUT (zip));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GsfInput *child;

      if (parts[i][0] == '\0')
        continue;
      if (!GSF_IS_INFILE (current))
        {
          g_object_unref (current);
          return NULL;
        }
      child = gsf_infile_child_by_name (GSF_INFILE (current), parts[i]);
      g_object_unref (current);
      if (child == NULL)
        return NULL;
      current = child;
    }

  return current;
}

/* Workbook: sheets and relationships */

typedef struct
{
  char *name;
  char *rel_id;
} Sheet;

static void
sheet_clear (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->rel_id);
}

static char *
get_attribute (xmlTextReaderPtr  reader,
               const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

static GArray *
read_sheets (GsfInfile *zip)
{
  g_autoptr(GsfInput) input = open_member (zip, "xl/workbook.xml");
  GArray *sheets = g_array_new (FALSE, TRUE, sizeof (Sheet));
  ReaderErrors errors = { NULL };
  xmlTextReaderPtr reader;

  g_array_set_clear_func (sheets, (GDestroyNotify)sheet_clear);
  if (input == NULL || (reader = reader_new (input, &errors)) == NULL)
    return sheets;

  while (xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && name_is (reader, "sheet"))
      {
        Sheet sheet;
        xmlChar *id = xmlTextReaderGetAttributeNs (reader, (const xmlChar *)"id", (const xmlChar *)REL_NS);

        sheet.name = get_attribute (reader, "name");
        sheet.rel_id = g_strdup ((const char *)id);
        xmlFree (id);
        if (sheet.name != NULL && sheet.rel_id != NULL)
          g_array_append_val (sheets, sheet);
        else
          sheet_clear (&sheet);
      }

  xmlFreeTextReader (reader);
  g_free (errors.first_error);
  return sheets;
}

/* Relationship targets of the workbook: id → path in the zip, and the
 * shared strings part. */
static GHashTable *
read_relationships (GsfInfile  *zip,
                    char      **shared_strings)
{
  g_autoptr(GsfInput) input = open_member (zip, "xl/_rels/workbook.xml.rels");
  GHashTable *targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ReaderErrors errors = { NULL };
  xmlTextReaderPtr reader;

  if (input == NULL || (reader = reader_new (input, &errors)) == NULL)
    return targets;

  while (xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && name_is (reader, "Relationship"))
      {
        g_autofree char *id = get_attribute (reader, "Id");
        g_autofree char *target = get_attribute (reader, "Target");
        g_autofree char *type = get_attribute (reader, "Type");
        char *path;

        if (id == NULL || target == NULL)
          continue;
        path = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
        if (type != NULL && g_str_has_suffix (type, "/sharedStrings") && *shared_strings == NULL)
          *shared_strings = g_strdup (path);
        g_hash_table_insert (targets, g_steal_pointer (&id), path);
      }

  xmlFreeTextReader (reader);
  g_free (errors.first_error);
  return targets;
}

/* Rich text: the <t> elements, except those inside <rPh> phonetic runs.
 * Call on an element (<si>, <is>); reads up to its end. */
static gboolean
read_rich_text (xmlTextReaderPtr  reader,
                GString          *text)
{
  int depth = xmlTextReaderDepth (reader);
  int in_t = 0;
  int in_phonetic = 0;

  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;

  for (;;)
    {
      int type;

      if (xmlTextReaderRead (reader) != 1)
        return FALSE;
      type = xmlTextReaderNodeType (reader);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == depth)
        return TRUE;

      if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement (reader))
        {
          if (name_is (reader, "t"))
            in_t++;
          else if (name_is (reader, "rPh"))
            in_phonetic++;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (reader, "t"))
            in_t--;
          else if (name_is (reader, "rPh"))
            in_phonetic--;
        }
      else if (is_text_node (type) && in_t > 0 && in_phonetic == 0)
        g_string_append (text, (const char *)xmlTextReaderConstValue (reader));
    }
}

static GPtrArray *
read_shared_strings (GsfInfile  *zip,
                     const char *path)
{
  g_autoptr(GsfInput) input = open_member (zip, path);
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  ReaderErrors errors = { NULL };
  xmlTextReaderPtr reader;

  if (input == NULL || (reader = reader_new (input, &errors)) == NULL)
    return strings;

  while (xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && name_is (reader, "si"))
      {
        g_autoptr(GString) text = g_string_new (NULL);

        if (!read_rich_text (reader, text))
          break;
        g_ptr_array_add (strings, decode_xstring (text));
      }

  xmlFreeTextReader (reader);
  g_free (errors.first_error);
  return strings;
}

/* The sheet */

typedef struct
{
  KdlImportJob  *job;
  GPtrArray     *shared;
  GByteArray    *store;
  GPtrArray     *cells;        /* of the current row: char * or NULL */
  guint          row_number;   /* sheet row */
  guint          header_row;   /* 0 until found */
  char          *bad_cell;     /* a message when a cell is wrong */
  gboolean       published;
} SheetState;

/* Column index from a reference like "AB12"; -1 if there are no letters. */
static int
column_from_ref (const char *ref)
{
  int col = 0;
  const char *p = ref;

  if (ref == NULL)
    return -1;
  for (; g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > 16384)   /* XFD, Excel's last column */
        return -1;
    }
  return p == ref ? -1 : col - 1;
}

/* Reads one <c>; stores its value in state->cells. */
static gboolean
read_cell (xmlTextReaderPtr  reader,
           SheetState       *state,
           int              *next_col)
{
  g_autofree char *ref = get_attribute (reader, "r");
  g_autofree char *type = get_attribute (reader, "t");
  g_autoptr(GString) v = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  gboolean has_v = FALSE;
  int col = column_from_ref (ref);
  int depth = xmlTextReaderDepth (reader);
  char *value = NULL;

  if (col < 0)
    col = *next_col;
  *next_col = col + 1;

  if (!xmlTextReaderIsEmptyElement (reader))
    {
      int in_v = 0;

      for (;;)
        {
          int node;

          if (xmlTextReaderRead (reader) != 1)
            return FALSE;
          node = xmlTextReaderNodeType (reader);
          if (node == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == depth)
            break;
          if (node == XML_READER_TYPE_ELEMENT && name_is (reader, "is"))
            {
              if (!read_rich_text (reader, inline_text))
                return FALSE;
            }
          else if (node == XML_READER_TYPE_ELEMENT && name_is (reader, "v") &&
                   !xmlTextReaderIsEmptyElement (reader))
            {
              in_v++;
              has_v = TRUE;
            }
          else if (node == XML_READER_TYPE_END_ELEMENT && name_is (reader, "v"))
            in_v--;
          else if (is_text_node (node) && in_v > 0)
            g_string_append (v, (const char *)xmlTextReaderConstValue (reader));
        }
    }

  if (g_strcmp0 (type, "inlineStr") == 0)
    value = decode_xstring (inline_text);
  else if (!has_v)
    value = NULL;
  else if (g_strcmp0 (type, "s") == 0)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (v->str, &end, 10);

      if (end == v->str || *end != '\0' || index >= state->shared->len)
        {
          if (state->bad_cell == NULL)
            state->bad_cell = g_strdup_printf (_("Cell %s refers to shared string %s, which the workbook does not have."),
                                               ref != NULL ? ref : "?", v->str);
        }
      else
        value = g_strdup (g_ptr_array_index (state->shared, index));
    }
  else if (g_strcmp0 (type, "b") == 0)
    value = g_strdup (g_str_equal (v->str, "1") ? "TRUE" : g_str_equal (v->str, "0") ? "FALSE" : v->str);
  else if (g_strcmp0 (type, "str") == 0)
    value = decode_xstring (v);
  else
    value = g_strdup (v->str);

  if ((guint)col >= state->cells->len)
    g_ptr_array_set_size (state->cells, col + 1);
  g_free (g_ptr_array_index (state->cells, col));
  g_ptr_array_index (state->cells, col) = value;

  return TRUE;
}

static gboolean
row_is_blank (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *value = g_ptr_array_index (cells, i);

      if (value != NULL && value[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
set_header (SheetState *state)
{
  state->header_row = state->row_number;
  for (guint i = 0; i < state->cells->len; i++)
    kdl_import_result_add_header (state->job->result, g_ptr_array_index (state->cells, i));
}

static void
publish (SheetState *state)
{
  KdlImportResult *result = state->job->result;

  /* The snapshot copies what it needs from the store. */
  result->data = (char *)state->store->data;
  result->data_len = state->store->len;
  kdl_import_job_publish (state->job, result->spans->len);
  result->data = NULL;
  result->data_len = 0;
  state->published = TRUE;
}

static void
end_row (SheetState *state)
{
  KdlImportResult *result = state->job->result;
  guint row;

  if (state->header_row == 0)
    {
      if (!row_is_blank (state->cells))
        set_header (state);
      else if (state->cells->len > 0)
        kdl_import_add_issue (result->skipped, 0, state->row_number, KDL_IMPORT_BLANK_ROW, NULL);
      g_clear_pointer (&state->bad_cell, g_free);
      return;
    }

  row = state->row_number - state->header_row;

  if (state->bad_cell != NULL)
    {
      result->n_records++;
      kdl_import_add_issue (result->rejected, row, state->row_number, KDL_IMPORT_INVALID_CELL,
                            g_steal_pointer (&state->bad_cell));
      return;
    }

  if (row_is_blank (state->cells))
    {
      kdl_import_add_issue (result->skipped, 0, state->row_number, KDL_IMPORT_BLANK_ROW, NULL);
      return;
    }

  while (result->columns->len < state->cells->len)
    g_ptr_array_add (result->columns, kdl_import_column_letters (result->columns->len));

  {
    KdlSpan span = { state->store->len, 0, row, state->row_number, 0 };

    for (guint i = 0; i < result->columns->len; i++)
      {
        const char *value = i < state->cells->len ? g_ptr_array_index (state->cells, i) : NULL;

        if (value != NULL)
          g_byte_array_append (state->store, (const guint8 *)value, strlen (value));
        g_byte_array_append (state->store, (const guint8 *)"", 1);
      }
    span.length = state->store->len - span.offset;
    g_array_append_val (result->spans, span);
    result->n_records++;
  }

  if (!state->published && result->spans->len == FIRST_PAGE_ROWS)
    publish (state);
}

static gboolean
read_sheet (SheetState  *state,
            GsfInput    *input,
            GError     **error)
{
  KdlImportResult *result = state->job->result;
  ReaderErrors errors = { NULL };
  xmlTextReaderPtr reader = reader_new (input, &errors);
  gboolean ok = TRUE;
  int status;

  if (reader == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a valid .xlsx workbook: its sheet cannot be read."),
                   state->job->display_name);
      return FALSE;
    }

  while ((status = xmlTextReaderRead (reader)) == 1)
    {
      int next_col = 0;
      int depth;
      g_autofree char *r = NULL;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || !name_is (reader, "row"))
        continue;

      r = get_attribute (reader, "r");
      if (r != NULL && g_ascii_strtoull (r, NULL, 10) > state->row_number)
        state->row_number = MIN (g_ascii_strtoull (r, NULL, 10), G_MAXUINT32);
      else
        state->row_number++;

      g_ptr_array_set_size (state->cells, 0);
      depth = xmlTextReaderDepth (reader);
      if (!xmlTextReaderIsEmptyElement (reader))
        {
          for (;;)
            {
              int node;

              if ((status = xmlTextReaderRead (reader)) != 1)
                break;
              node = xmlTextReaderNodeType (reader);
              if (node == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == depth)
                break;
              if (node == XML_READER_TYPE_ELEMENT && name_is (reader, "c") &&
                  !read_cell (reader, state, &next_col))
                {
                  status = -1;
                  break;
                }
            }
          if (status != 1)
            break;
        }
      end_row (state);

      if ((state->row_number & 1023) == 0 && kdl_import_job_cancelled (state->job, error))
        {
          ok = FALSE;
          break;
        }
    }

  if (ok && status < 0)
    {
      /* Rows read so far stay loaded; the rest of the sheet is lost. */
      guint row = state->header_row > 0 ? state->row_number + 1 - state->header_row : 0;

      if (state->header_row == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s”: the sheet’s XML is broken before its first row: %s"),
                       state->job->display_name, errors.first_error != NULL ? errors.first_error : "?");
          ok = FALSE;
        }
      else
        {
          result->n_records++;
          kdl_import_add_issue (result->rejected, row, state->row_number + 1, KDL_IMPORT_INVALID_XML,
                                g_strdup_printf (_("The sheet’s XML is broken from here on, so no further rows could be read: %s"),
                                                 errors.first_error != NULL ? errors.first_error : "?"));
        }
    }

  xmlFreeTextReader (reader);
  g_free (errors.first_error);
  return ok;
}

static void
init_libraries (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      gsf_init ();
      xmlInitParser ();
      g_once_init_leave (&once, 1);
    }
}

gboolean
kdl_import_xlsx (KdlImportJob  *job,
                 GError       **error)
{
  KdlImportResult *result = job->result;
  const char *wanted = job->options != NULL ? job->options->sheet : NULL;
  g_autoptr(GsfInput) source = NULL;
  g_autoptr(GsfInfile) zip = NULL;
  g_autoptr(GsfInput) sheet_input = NULL;
  g_autoptr(GArray) sheets = NULL;
  g_autoptr(GHashTable) targets = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GError) zip_error = NULL;
  g_autofree char *zip_bytes = NULL;
  g_autofree char *shared_path = NULL;
  const Sheet *sheet = NULL;
  const char *sheet_path;
  SheetState state = { 0 };
  gboolean ok;

  init_libraries ();

  if (!kdl_import_job_read (job, G_MAXSIZE, error))
    return FALSE;

  /* The zip stays in its own buffer; result->data becomes the cells. */
  zip_bytes = g_steal_pointer (&result->data);
  source = gsf_input_memory_new ((const guint8 *)zip_bytes, result->data_len, FALSE);
  result->data_len = 0;
  zip = gsf_infile_zip_new (source, &zip_error);
  if (zip == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a valid .xlsx workbook (%s). Open it in a spreadsheet program and save it again."),
                   job->display_name, zip_error != NULL ? zip_error->message : "?");
      return FALSE;
    }

  sheets = read_sheets (zip);
  targets = read_relationships (zip, &shared_path);

  for (guint i = 0; i < sheets->len && sheet == NULL; i++)
    {
      const Sheet *s = &g_array_index (sheets, Sheet, i);

      if (wanted == NULL || g_str_equal (s->name, wanted))
        sheet = s;
    }

  if (sheet == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      if (wanted == NULL || sheets->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a valid .xlsx workbook: it lists no sheets."), job->display_name);
          return FALSE;
        }
      for (guint i = 0; i < sheets->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", g_array_index (sheets, Sheet, i).name);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” has no sheet called “%s”. Its sheets are: %s."),
                   job->display_name, wanted, names->str);
      return FALSE;
    }

  sheet_path = g_hash_table_lookup (targets, sheet->rel_id);
  if (sheet_path == NULL || (sheet_input = open_member (zip, sheet_path)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a valid .xlsx workbook: the sheet “%s” is missing from it."),
                   job->display_name, sheet->name);
      return FALSE;
    }

  shared = read_shared_strings (zip, shared_path != NULL ? shared_path : "xl/sharedStrings.xml");

  state.job = job;
  state.shared = shared;
  state.store = g_byte_array_new ();
  state.cells = g_ptr_array_new_with_free_func (g_free);

  ok = read_sheet (&state, sheet_input, error);

  result->data_len = state.store->len;
  result->data = (char *)g_byte_array_free (state.store, FALSE);
  g_ptr_array_unref (state.cells);
  g_free (state.bad_cell);

  if (ok)
    result->complete = TRUE;
  return ok;
}

/* Returns: (transfer full) (nullable): the record's fields */
KdlRecord *
kdl_import_xlsx_parse_record (const KdlImportResult *result,
                              const KdlSpan         *span)
{
  KdlRecord *record = kdl_record_new (span->row, span->line);
  const char *p = result->data + span->offset;
  const char *end = p + span->length;

  for (guint i = 0; p < end && i < result->columns->len; i++)
    {
      gsize len = strlen (p);

      kdl_record_take_field (record, g_ptr_array_index (result->columns, i), g_strndup (p, len));
      p += len + 1;
    }

  return record;
}
