/* kdl-import-csv.c — CSV (RFC 4180) through libcsv
 *
 * The first record is the header.  libcsv runs in strict mode and trims
 * nothing but the CR of a CRLF line end, so a field is what is between
 * its delimiters: quoted line breaks (LF or CRLF) are kept as the cell had
 * them, doubled quotes become one.  Lines are fed one at a time to know the physical line where
 * each record starts.  Blank lines between records are skipped and
 * reported; a record with the wrong number of fields is rejected, never
 * padded or cut.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-import-csv"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "kdl-import-csv.h"

#define HEAD_SIZE        (1 << 20)
#define FIRST_PAGE_ROWS  200

typedef struct
{
  guint      n_fields;
  gboolean   done;
  GPtrArray *fields;    /* collected only when not NULL */
} Collect;

/* Only LF ends a record, so a record always ends at a line end; the CR
 * of CRLF is the one "space" libcsv trims from the edges of unquoted
 * fields (and allows after a closing quote).  Spaces and tabs are data. */
static int
is_space (unsigned char c)
{
  return c == '\r';
}

static int
is_terminator (unsigned char c)
{
  return c == '\n';
}

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Collect *collect = user_data;

  collect->n_fields++;
  if (collect->fields != NULL)
    g_ptr_array_add (collect->fields, g_strndup (data != NULL ? data : "", len));
}

static void
on_record (int   c,
           void *user_data)
{
  Collect *collect = user_data;

  collect->done = TRUE;
}

static void
parser_init (struct csv_parser *parser)
{
  csv_init (parser, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_space_func (parser, is_space);
  csv_set_term_func (parser, is_terminator);
}

typedef struct
{
  KdlImportJob      *job;
  struct csv_parser  parser;
  gsize              pos;         /* next byte to read */
  guint              line;        /* lines consumed so far */
  gboolean           published;
} Indexer;

/* Reads on when the text ends inside the buffer before the file does. */
static gboolean
ensure_line (Indexer  *ix,
             GError  **error)
{
  KdlImportJob *job = ix->job;
  KdlImportResult *result = job->result;

  if (job->n_read >= job->size)
    return TRUE;
  if (memchr (result->data + ix->pos, '\n', job->n_read - ix->pos) != NULL)
    return TRUE;

  if (!ix->published)
    {
      kdl_import_job_publish (job, result->spans->len);
      ix->published = TRUE;
    }
  return kdl_import_job_read_all (job, error);
}

typedef enum
{
  RECORD_OK,
  RECORD_STRAY_QUOTE,
  RECORD_UNTERMINATED,
} RecordStatus;

/* Feeds lines from ix->pos until one record is complete. */
static gboolean
read_record (Indexer       *ix,
             Collect       *collect,
             RecordStatus  *status,
             GError       **error)
{
  KdlImportResult *result = ix->job->result;

  collect->n_fields = 0;
  collect->done = FALSE;
  *status = RECORD_OK;

  while (!collect->done)
    {
      const char *line;
      const char *nl;
      gsize len;

      if (!ensure_line (ix, error))
        return FALSE;

      if (ix->pos >= result->data_len)
        {
          if (csv_fini (&ix->parser, on_field, on_record, collect) != 0)
            {
              *status = RECORD_UNTERMINATED;
              csv_free (&ix->parser);
              parser_init (&ix->parser);
            }
          return TRUE;
        }

      line = result->data + ix->pos;
      nl = memchr (line, '\n', result->data_len - ix->pos);
      len = nl != NULL ? (gsize)(nl - line) + 1 : result->data_len - ix->pos;
      ix->line++;

      if (csv_parse (&ix->parser, line, len, on_field, on_record, collect) != len)
        {
          /* The rest of this line belongs to the broken record. */
          *status = RECORD_STRAY_QUOTE;
          ix->pos += len;
          csv_free (&ix->parser);
          parser_init (&ix->parser);
          return TRUE;
        }
      ix->pos += len;

      if (nl == NULL && !collect->done)
        {
          /* The last line without a newline: flush it. */
          if (csv_fini (&ix->parser, on_field, on_record, collect) != 0)
            {
              *status = RECORD_UNTERMINATED;
              csv_free (&ix->parser);
              parser_init (&ix->parser);
            }
          return TRUE;
        }
    }

  return TRUE;
}

static void
skip_blank_lines (Indexer *ix)
{
  KdlImportResult *result = ix->job->result;

  while (ix->pos < ix->job->n_read)
    {
      const char *line = result->data + ix->pos;
      const char *nl = memchr (line, '\n', ix->job->n_read - ix->pos);
      gsize len = nl != NULL ? (gsize)(nl - line) : ix->job->n_read - ix->pos;

      if (nl == NULL && ix->job->n_read < ix->job->size)
        return;
      if (!kdl_import_is_blank (line, len))
        return;

      ix->line++;
      kdl_import_add_issue (result->skipped, 0, ix->line, KDL_IMPORT_BLANK_LINE, NULL);
      ix->pos += len + (nl != NULL);
    }
}

gboolean
kdl_import_csv (KdlImportJob  *job,
                GError       **error)
{
  KdlImportResult *result;
  Indexer ix = { 0 };
  Collect collect = { 0 };
  gboolean have_header = FALSE;
  guint record_number = 0;
  gboolean ok = TRUE;

  if (!kdl_import_job_prepare_text (job, HEAD_SIZE, error))
    return FALSE;
  result = job->result;

  ix.job = job;
  ix.pos = job->text_start;
  parser_init (&ix.parser);

  for (;;)
    {
      RecordStatus status;
      gsize start;
      guint start_line;
      const char *text;
      gsize len;

      if (!ensure_line (&ix, error))
        {
          ok = FALSE;
          break;
        }
      skip_blank_lines (&ix);
      if (!ensure_line (&ix, error))
        {
          ok = FALSE;
          break;
        }
      skip_blank_lines (&ix);
      if (ix.pos >= result->data_len && job->n_read >= job->size)
        break;

      start = ix.pos;
      start_line = ix.line + 1;

      if (!have_header)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

          collect.fields = names;
          if (!read_record (&ix, &collect, &status, error))
            {
              ok = FALSE;
              break;
            }
          collect.fields = NULL;
          text = result->data + start;
          len = ix.pos - start;
          if (status != RECORD_OK || !g_utf8_validate_len (text, len, NULL))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s, line %u: the header line cannot be read (%s). The first line must name the columns."),
                           job->display_name, start_line,
                           status == RECORD_OK ? _("not valid text in this encoding")
                                               : _("broken quotes"));
              ok = FALSE;
              break;
            }
          for (guint i = 0; i < names->len; i++)
            kdl_import_result_add_header (result, g_ptr_array_index (names, i));
          have_header = TRUE;
          continue;
        }

      if (!read_record (&ix, &collect, &status, error))
        {
          ok = FALSE;
          break;
        }
      record_number++;
      result->n_records++;
      text = result->data + start;
      len = ix.pos - start;

      /* The record's own text, without its line end. */
      while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;

      if (status == RECORD_UNTERMINATED)
        kdl_import_add_issue (result->rejected, record_number, start_line, KDL_IMPORT_UNTERMINATED_QUOTE,
                              g_strdup_printf (_("A quoted field opened here is never closed: lines %u to %u were read as one record. Close the quote."),
                                               start_line, ix.line));
      else if (status == RECORD_STRAY_QUOTE)
        kdl_import_add_issue (result->rejected, record_number, start_line, KDL_IMPORT_STRAY_QUOTE,
                              g_strdup_printf (_("A double quote inside a field that does not start with one, or text after a closing quote (line %u). Quote the whole field and double the quotes in it."),
                                               ix.line));
      else if (memchr (text, '\0', len) != NULL)
        kdl_import_add_issue (result->rejected, record_number, start_line, KDL_IMPORT_NUL_CHARACTER,
                              g_strdup (_("The record contains a NUL character; Kindling cannot keep text with NUL characters.")));
      else if (!g_utf8_validate_len (text, len, NULL))
        kdl_import_add_issue (result->rejected, record_number, start_line, job->bad_text_code,
                              kdl_import_bad_text_message (job));
      else if (collect.n_fields != result->columns->len)
        kdl_import_add_issue (result->rejected, record_number, start_line, KDL_IMPORT_WRONG_FIELD_COUNT,
                              g_strdup_printf (ngettext ("The record has %u field, but the header has %u columns.",
                                                         "The record has %u fields, but the header has %u columns.",
                                                         collect.n_fields),
                                               collect.n_fields, result->columns->len));
      else
        {
          KdlSpan span = { start, len, record_number, start_line, 0 };

          g_array_append_val (result->spans, span);
          if (!ix.published && result->spans->len == FIRST_PAGE_ROWS && job->n_read < job->size)
            {
              kdl_import_job_publish (job, result->spans->len);
              ix.published = TRUE;
            }
        }

      if ((record_number & 1023) == 0 && kdl_import_job_cancelled (job, error))
        {
          ok = FALSE;
          break;
        }
    }

  csv_free (&ix.parser);
  if (ok)
    result->complete = TRUE;
  return ok;
}

/* Returns: (transfer full) (nullable): the record's fields */
KdlRecord *
kdl_import_csv_parse_record (const KdlImportResult *result,
                             const KdlSpan         *span)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  Collect collect = { 0, FALSE, fields };
  struct csv_parser parser;
  KdlRecord *record;
  gsize n;

  parser_init (&parser);
  n = csv_parse (&parser, result->data + span->offset, span->length, on_field, on_record, &collect);
  if (n != span->length || csv_fini (&parser, on_field, on_record, &collect) != 0 ||
      fields->len != result->columns->len)
    {
      csv_free (&parser);
      return NULL;
    }
  csv_free (&parser);

  record = kdl_record_new (span->row, span->line);
  for (guint i = 0; i < fields->len; i++)
    kdl_record_take_field (record, g_ptr_array_index (result->columns, i),
                           g_steal_pointer (&fields->pdata[i]));

  return record;
}
