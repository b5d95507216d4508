/* kdl-import.c — options, results and the file reading all importers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kdl-encoding.h"
#include "kdl-import-private.h"

/* Options */

G_DEFINE_BOXED_TYPE (KdlImportOptions, kdl_import_options,
                     kdl_import_options_copy, kdl_import_options_free)

KdlImportOptions *
kdl_import_options_new (void)
{
  KdlImportOptions *options = g_new0 (KdlImportOptions, 1);

  options->mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return options;
}

KdlImportOptions *
kdl_import_options_copy (const KdlImportOptions *options)
{
  KdlImportOptions *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (options != NULL, NULL);

  copy = kdl_import_options_new ();
  copy->sheet = g_strdup (options->sheet);
  copy->encoding = g_strdup (options->encoding);
  if (options->mapping != NULL)
    {
      g_hash_table_iter_init (&iter, options->mapping);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy->mapping, g_strdup (key), g_strdup (value));
    }

  return copy;
}

void
kdl_import_options_free (KdlImportOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->sheet);
  g_free (options->encoding);
  g_clear_pointer (&options->mapping, g_hash_table_unref);
  g_free (options);
}

void
kdl_import_options_set_sheet (KdlImportOptions *options,
                              const char       *sheet)
{
  g_return_if_fail (options != NULL);

  g_free (options->sheet);
  options->sheet = g_strdup (sheet);
}

void
kdl_import_options_set_encoding (KdlImportOptions *options,
                                 const char       *encoding)
{
  g_return_if_fail (options != NULL);

  g_free (options->encoding);
  options->encoding = g_strdup (encoding);
}

/* Makes @variable read @column, whatever the recognised names say. */
void
kdl_import_options_map (KdlImportOptions *options,
                        const char       *variable,
                        const char       *column)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (variable != NULL && column != NULL);

  g_hash_table_insert (options->mapping, g_strdup (variable), g_strdup (column));
}

/* Parses a `VAR=COLUMN` assignment, as `--map` takes it. */
gboolean
kdl_import_options_parse_map (KdlImportOptions  *options,
                              const char        *assignment,
                              GError           **error)
{
  const char *eq;
  g_autofree char *variable = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  eq = strchr (assignment, '=');
  if (eq == NULL || eq == assignment || eq[1] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a mapping: write VARIABLE=COLUMN, for example reading=正文."),
                   assignment);
      return FALSE;
    }

  variable = g_strndup (assignment, eq - assignment);
  kdl_import_options_map (options, variable, eq + 1);
  return TRUE;
}

/* Formats */

const char *
kdl_dataset_format_to_string (KdlDatasetFormat format)
{
  switch (format)
    {
    case KDL_DATASET_FORMAT_JSONL:
      return "jsonl";
    case KDL_DATASET_FORMAT_CSV:
      return "csv";
    case KDL_DATASET_FORMAT_XLSX:
      return "xlsx";
    case KDL_DATASET_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}

/**
 * kdl_dataset_format_guess:
 * @basename: the file name
 * @head: the first bytes of the file
 *
 * By the extension first; a file with another extension is taken as XLSX
 * when it is a zip archive and as JSONL when it starts with `{`.
 */
KdlDatasetFormat
kdl_dataset_format_guess (const char   *basename,
                          const guchar *head,
                          gsize         head_len)
{
  const char *dot = basename != NULL ? strrchr (basename, '.') : NULL;

  if (dot != NULL)
    {
      if (g_ascii_strcasecmp (dot, ".jsonl") == 0 || g_ascii_strcasecmp (dot, ".ndjson") == 0)
        return KDL_DATASET_FORMAT_JSONL;
      if (g_ascii_strcasecmp (dot, ".csv") == 0)
        return KDL_DATASET_FORMAT_CSV;
      if (g_ascii_strcasecmp (dot, ".xlsx") == 0)
        return KDL_DATASET_FORMAT_XLSX;
    }

  if (head_len >= 4 && memcmp (head, "PK\003\004", 4) == 0)
    return KDL_DATASET_FORMAT_XLSX;

  for (gsize i = 0; i < head_len; i++)
    {
      if (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')
        continue;
      if (i + 3 <= head_len && memcmp (head + i, "\xEF\xBB\xBF", 3) == 0)
        {
          i += 2;
          continue;
        }
      if (head[i] == '{')
        return KDL_DATASET_FORMAT_JSONL;
      break;
    }

  return KDL_DATASET_FORMAT_UNKNOWN;
}

/* Results */

KdlImportResult *
kdl_import_result_new (KdlDatasetFormat format)
{
  KdlImportResult *result = g_new0 (KdlImportResult, 1);

  g_atomic_ref_count_init (&result->ref);
  result->format = format;
  result->encoding = g_strdup ("UTF-8");
  result->columns = g_ptr_array_new_with_free_func (g_free);
  result->spans = g_array_new (FALSE, FALSE, sizeof (KdlSpan));
  result->rejected = g_array_new (FALSE, FALSE, sizeof (KdlImportIssue));
  g_array_set_clear_func (result->rejected, (GDestroyNotify)kdl_import_issue_clear);
  result->skipped = g_array_new (FALSE, FALSE, sizeof (KdlImportIssue));
  g_array_set_clear_func (result->skipped, (GDestroyNotify)kdl_import_issue_clear);

  return result;
}

KdlImportResult *
kdl_import_result_ref (KdlImportResult *result)
{
  g_atomic_ref_count_inc (&result->ref);
  return result;
}

void
kdl_import_result_unref (KdlImportResult *result)
{
  if (!g_atomic_ref_count_dec (&result->ref))
    return;

  g_free (result->encoding);
  g_free (result->encoding_notice);
  g_free (result->data);
  g_ptr_array_unref (result->columns);
  g_array_unref (result->spans);
  g_array_unref (result->rejected);
  g_array_unref (result->skipped);
  g_free (result);
}

static GArray *
copy_issues (GArray *issues)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (KdlImportIssue), issues->len);

  g_array_set_clear_func (copy, (GDestroyNotify)kdl_import_issue_clear);
  for (guint i = 0; i < issues->len; i++)
    {
      KdlImportIssue issue = g_array_index (issues, KdlImportIssue, i);

      issue.message = g_strdup (issue.message);
      g_array_append_val (copy, issue);
    }

  return copy;
}

/* A copy of the first @n_spans records and what is known so far, for the
 * first page shown while the rest is indexed. */
KdlImportResult *
kdl_import_result_snapshot (const KdlImportResult *result,
                            guint                  n_spans)
{
  KdlImportResult *copy = kdl_import_result_new (result->format);
  gsize data_len = 0;

  g_assert (n_spans <= result->spans->len);

  for (guint i = 0; i < n_spans; i++)
    {
      const KdlSpan *span = &g_array_index (result->spans, KdlSpan, i);
      data_len = MAX (data_len, span->offset + span->length);
    }

  g_free (copy->encoding);
  copy->encoding = g_strdup (result->encoding);
  copy->encoding_notice = g_strdup (result->encoding_notice);
  copy->data = g_malloc (data_len + 1);
  memcpy (copy->data, result->data, data_len);
  copy->data[data_len] = '\0';
  copy->data_len = data_len;
  for (guint i = 0; i < result->columns->len; i++)
    g_ptr_array_add (copy->columns, g_strdup (g_ptr_array_index (result->columns, i)));
  g_array_append_vals (copy->spans, result->spans->data, n_spans);
  g_array_unref (copy->rejected);
  copy->rejected = copy_issues (result->rejected);
  g_array_unref (copy->skipped);
  copy->skipped = copy_issues (result->skipped);
  copy->n_records = result->n_records;
  copy->complete = FALSE;

  return copy;
}

void
kdl_import_result_add_column (KdlImportResult *result,
                              const char      *name)
{
  for (guint i = 0; i < result->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (result->columns, i), name))
      return;

  g_ptr_array_add (result->columns, g_strdup (name));
}

/* A, B, …, Z, AA, … as spreadsheets name columns (@index from 0). */
char *
kdl_import_column_letters (guint index)
{
  char buf[16];
  int n = sizeof buf - 1;

  buf[n] = '\0';
  index++;
  while (index > 0 && n > 0)
    {
      index--;
      buf[--n] = 'A' + index % 26;
      index /= 26;
    }
  return g_strdup (buf + n);
}

/* Adds a header column: an empty name becomes the column's letter, a
 * repeated one gets a number, so every column has a distinct name. */
void
kdl_import_result_add_header (KdlImportResult *result,
                              const char      *name)
{
  g_autofree char *base = NULL;
  char *unique;
  guint n = 1;

  base = name != NULL && name[0] != '\0' ? g_strdup (name)
                                           : kdl_import_column_letters (result->columns->len);
  unique = g_strdup (base);
  for (guint j = 0; j < result->columns->len; j++)
    if (g_str_equal (g_ptr_array_index (result->columns, j), unique))
      {
        g_free (unique);
        unique = g_strdup_printf ("%s (%u)", base, ++n);
        j = (guint)-1;   /* check the new name from the start */
      }

  g_ptr_array_add (result->columns, unique);
}

/* Issues */

void
kdl_import_issue_clear (KdlImportIssue *issue)
{
  g_clear_pointer (&issue->message, g_free);
}

/* Appends an issue; @message is taken. */
void
kdl_import_add_issue (GArray     *issues,
                      guint       row,
                      guint       line,
                      const char *code,
                      char       *message)
{
  KdlImportIssue issue = { row, line, code, message };

  g_array_append_val (issues, issue);
}

/* Blank: empty or only spaces, tabs and a CR. */
gboolean
kdl_import_is_blank (const char *text,
                     gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Jobs */

KdlImportJob *
kdl_import_job_new (GFile                  *file,
                    const KdlImportOptions *options,
                    GCancellable           *cancellable)
{
  KdlImportJob *job = g_new0 (KdlImportJob, 1);

  job->file = g_object_ref (file);
  job->display_name = g_file_get_parse_name (file);
  job->options = options;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->fd = -1;
  job->bad_text_code = KDL_IMPORT_INVALID_UTF8;

  return job;
}

void
kdl_import_job_free (KdlImportJob *job)
{
  if (job == NULL)
    return;

  if (job->fd >= 0)
    close (job->fd);
  g_clear_object (&job->file);
  g_clear_object (&job->cancellable);
  g_free (job->display_name);
  g_clear_pointer (&job->result, kdl_import_result_unref);
  g_free (job);
}

gboolean
kdl_import_job_cancelled (KdlImportJob  *job,
                          GError       **error)
{
  return g_cancellable_set_error_if_cancelled (job->cancellable, error);
}

/* Opens the file and allocates room for all of it: the buffer never moves,
 * so the first page can point into it while the rest is read. */
gboolean
kdl_import_job_open (KdlImportJob      *job,
                     KdlDatasetFormat   format,
                     GError           **error)
{
  g_autofree char *path = g_file_get_path (job->file);
  GStatBuf st;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot open “%s”: only local files can be imported."), job->display_name);
      return FALSE;
    }

  job->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (job->fd < 0 || fstat (job->fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot open “%s”: %s"), job->display_name, g_strerror (saved));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Cannot open “%s”: it is not a regular file."), job->display_name);
      return FALSE;
    }

  job->size = st.st_size;
  if (job->size >= G_MAXSIZE / 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("“%s” is too large to import."), job->display_name);
      return FALSE;
    }

  job->result = kdl_import_result_new (format);
  job->result->data = g_try_malloc (job->size + 1);
  if (job->result->data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Not enough memory to import “%s”. Split the file into smaller ones."), job->display_name);
      return FALSE;
    }
  job->result->data[0] = '\0';
  job->result->data_len = 0;

  return TRUE;
}

/* Reads on until @upto bytes (or the whole file) are in the buffer.  A
 * file that shrinks while it is read ends where it ends; one that grows is
 * read as it was when opened. */
gboolean
kdl_import_job_read (KdlImportJob  *job,
                     gsize          upto,
                     GError       **error)
{
  KdlImportResult *result = job->result;

  upto = MIN (upto, job->size);
  while (result->data_len < upto)
    {
      gssize n = pread (job->fd, result->data + result->data_len,
                        MIN (upto - result->data_len, 16 << 20), result->data_len);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot read “%s”: %s"), job->display_name, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        {
          job->size = result->data_len;
          break;
        }
      result->data_len += n;
      if (kdl_import_job_cancelled (job, error))
        return FALSE;
    }
  result->data[result->data_len] = '\0';
  job->n_read = result->data_len;

  return TRUE;
}

typedef struct
{
  int     fd;
  char   *dest;
  gsize   from;
  gsize   to;
  gsize   got;     /* bytes read from @from on */
  int     error;   /* errno, or 0 */
} ReadRange;

static gpointer
read_range (gpointer data)
{
  ReadRange *range = data;

  while (range->from + range->got < range->to)
    {
      gsize at = range->from + range->got;
      gssize n = pread (range->fd, range->dest + at, MIN (range->to - at, 16 << 20), at);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          range->error = errno;
          break;
        }
      if (n == 0)
        break;
      range->got += n;
    }

  return NULL;
}

/* Reads the rest of the file with two threads: copying 150 MB into fresh
 * pages costs as much as validating it, and both cores can share that. */
gboolean
kdl_import_job_read_all (KdlImportJob  *job,
                         GError       **error)
{
  KdlImportResult *result = job->result;
  ReadRange ranges[2];
  GThread *thread;
  gsize mid;

  if (job->size - result->data_len < (8 << 20))
    return kdl_import_job_read (job, G_MAXSIZE, error);

  mid = result->data_len + (job->size - result->data_len) / 2;
  ranges[0] = (ReadRange) { job->fd, result->data, result->data_len, mid, 0, 0 };
  ranges[1] = (ReadRange) { job->fd, result->data, mid, job->size, 0, 0 };
  thread = g_thread_new ("kdl-read", read_range, &ranges[1]);
  read_range (&ranges[0]);
  g_thread_join (thread);

  for (guint i = 0; i < 2; i++)
    if (ranges[i].error != 0)
      {
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (ranges[i].error),
                     _("Cannot read “%s”: %s"), job->display_name, g_strerror (ranges[i].error));
        return FALSE;
      }

  /* A file that shrank while it was read ends where the bytes end. */
  result->data_len += ranges[0].got;
  if (result->data_len == mid)
    result->data_len += ranges[1].got;
  job->size = result->data_len;
  result->data[result->data_len] = '\0';
  job->n_read = result->data_len;

  return !kdl_import_job_cancelled (job, error);
}

/**
 * kdl_import_job_prepare_text:
 * @head_size: how much to read to decide the encoding
 *
 * Reads the head of a text file and settles its encoding.  For UTF-8 (the
 * usual case) only the head is read, so the importer can show the first
 * rows before reading the rest with kdl_import_job_read ().  Any other
 * encoding is decoded whole here.
 */
gboolean
kdl_import_job_prepare_text (KdlImportJob  *job,
                             gsize          head_size,
                             GError       **error)
{
  KdlImportResult *result = job->result;
  const char *forced = job->options != NULL ? job->options->encoding : NULL;
  const char *encoding = NULL;
  gboolean guessed = FALSE;
  g_autofree char *decoded = NULL;
  gsize decoded_len = 0;
  guint n_bad = 0;

  if (!kdl_import_job_read (job, head_size, error))
    return FALSE;

  if (forced != NULL && !kdl_encoding_is_utf8 (forced))
    encoding = forced;
  else if (forced == NULL &&
           !kdl_encoding_head_is_utf8 (result->data, result->data_len,
                                       result->data_len == job->size))
    {
      if (!kdl_import_job_read (job, G_MAXSIZE, error))
        return FALSE;
      if (kdl_encoding_gb18030_plausible (result->data, result->data_len))
        {
          encoding = "GB18030";
          guessed = TRUE;
        }
      else
        result->encoding_notice =
          g_strdup (_("The file is not valid UTF-8 and does not look like GB18030 either; the lines that are not UTF-8 were rejected. Name the encoding if you know it."));
    }

  if (encoding != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!kdl_import_job_read (job, G_MAXSIZE, error))
        return FALSE;
      decoded = kdl_encoding_decode (result->data, result->data_len, encoding,
                                     &decoded_len, &n_bad, &local_error);
      if (decoded == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                      job->display_name);
          return FALSE;
        }

      /* A guess that fails on more than 1% of the lines was wrong. */
      if (guessed && n_bad > 0)
        {
          guint n_lines = 1;

          for (gsize i = 0; i < decoded_len; i++)
            n_lines += decoded[i] == '\n';
          if ((guint64)n_bad * 100 > n_lines)
            {
              g_clear_pointer (&decoded, g_free);
              result->encoding_notice =
                g_strdup (_("The file is not valid UTF-8 and does not look like GB18030 either; the lines that are not UTF-8 were rejected. Name the encoding if you know it."));
            }
        }
    }

  if (decoded != NULL)
    {
      g_free (result->data);
      result->data = g_steal_pointer (&decoded);
      result->data_len = decoded_len;
      job->n_read = decoded_len;
      job->size = decoded_len;
      g_free (result->encoding);
      result->encoding = g_ascii_strup (encoding, -1);
      job->bad_text_code = KDL_IMPORT_INVALID_ENCODING;
      if (guessed)
        result->encoding_notice =
          g_strdup (_("The file is not valid UTF-8; it was read as GB18030 (Chinese). If the text looks wrong, name the right encoding."));
    }

  if (result->data_len >= 3 && memcmp (result->data, "\xEF\xBB\xBF", 3) == 0)
    job->text_start = 3;

  return TRUE;
}

/* The message for a record rejected as job->bad_text_code. */
char *
kdl_import_bad_text_message (KdlImportJob *job)
{
  if (g_str_equal (job->bad_text_code, KDL_IMPORT_INVALID_ENCODING))
    return g_strdup_printf (_("The text cannot be decoded as %s."), job->result->encoding);

  return g_strdup (_("The text is not valid UTF-8. If the file uses another encoding, name it."));
}

/* Hands the first @n_spans records to whoever shows them. */
void
kdl_import_job_publish (KdlImportJob *job,
                        guint         n_spans)
{
  if (job->publish != NULL)
    job->publish (job, n_spans, job->publish_data);
}
