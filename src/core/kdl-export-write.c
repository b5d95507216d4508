/* kdl-export-write.c — writing a plan: temporary files beside the target,
 * renamed over it only when every record is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failure or a cancellation removes the temporary files and leaves what
 * was at the target before untouched.  With a split the two files are
 * renamed one after the other once both are complete.
 */

#define G_LOG_DOMAIN "kdl-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "kdl-export-private.h"

#define FLUSH_SIZE        (64 * 1024)
#define PROGRESS_INTERVAL (100 * G_TIME_SPAN_MILLISECOND)

/* 阅读文本 | 题目 | 答案 | 分数, with column widths in characters. */
static const struct
{
  const char *header;
  double      width;
} xlsx_columns[] = {
  { "阅读文本", 60 },
  { "题目", 60 },
  { "答案", 12 },
  { "分数", 8 },
};

typedef struct
{
  KdlExportFormat  format;
  char            *path;
  char            *temp_path;
  int              fd;
  GString         *buffer;
  lxw_workbook    *workbook;
  lxw_worksheet   *sheet;
  lxw_format      *wrap;
  guint            n_rows;
} Sink;

typedef enum
{
  FAILED_FOLDER,   /* cannot make a file in the target's folder */
  FAILED_WRITE,
  FAILED_REPLACE,
} Failure;

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 Failure      failure,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  GFileError code = g_file_error_from_errno (saved_errno);
  const char *reason = g_strerror (saved_errno);

  switch (failure)
    {
    case FAILED_FOLDER:
      g_set_error (error, G_FILE_ERROR, code,
                   _("Cannot write in the folder “%s”: %s. Choose another folder."), display, reason);
      break;
    case FAILED_REPLACE:
      g_set_error (error, G_FILE_ERROR, code, _("Cannot replace “%s”: %s."), display, reason);
      break;
    case FAILED_WRITE:
    default:
      g_set_error (error, G_FILE_ERROR, code, _("Cannot write “%s”: %s."), display, reason);
      break;
    }

  return FALSE;
}

/* A new empty file beside @path: the same folder, so renaming it over
 * @path is atomic. */
static gboolean
sink_make_temp (Sink    *self,
                GError **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("“%s” is a folder: give the name of the file to write."), display);
      return FALSE;
    }

  self->temp_path = g_build_filename (dir, name, NULL);
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      return set_errno_error (error, saved_errno, FAILED_FOLDER, dir);
    }

  return TRUE;
}

static gboolean
sink_fail_lxw (Sink       *self,
               lxw_error   rc,
               GError    **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  if (rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    g_set_error_literal (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_TOO_LONG,
                         _("A text is longer than the 32,767 characters an xlsx cell holds; export as JSON Lines instead."));
  else if (rc == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
    g_set_error_literal (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_TOO_LONG,
                         _("More records than an xlsx sheet holds; export as JSON Lines or use a split."));
  else
    g_set_error (error, KDL_EXPORT_ERROR, KDL_EXPORT_ERROR_WRITE,
                 _("Cannot write the workbook “%s”: %s."), display, lxw_strerror (rc));

  return FALSE;
}

static gboolean
sink_open (Sink            *self,
           KdlExportFormat  format,
           const char      *path,
           GError         **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_format *header;

  self->format = format;
  self->path = g_strdup (path);
  self->fd = -1;

  if (!sink_make_temp (self, error))
    return FALSE;

  if (format != KDL_EXPORT_FORMAT_XLSX)
    {
      self->buffer = g_string_sized_new (FLUSH_SIZE * 2);
      return TRUE;
    }

  /* libxlsxwriter writes the file itself, on close; the empty temporary
   * file only keeps the name ours. */
  close (self->fd);
  self->fd = -1;

  self->workbook = workbook_new_opt (self->temp_path, &options);
  if (self->workbook == NULL)
    return sink_fail_lxw (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
  self->sheet = workbook_add_worksheet (self->workbook, NULL);
  if (self->sheet == NULL)
    return sink_fail_lxw (self, LXW_ERROR_CREATING_TMPFILE, error);

  self->wrap = workbook_add_format (self->workbook);
  format_set_text_wrap (self->wrap);
  format_set_align (self->wrap, LXW_ALIGN_VERTICAL_TOP);
  header = workbook_add_format (self->workbook);
  format_set_bold (header);

  for (guint col = 0; col < G_N_ELEMENTS (xlsx_columns); col++)
    {
      lxw_error rc;

      worksheet_set_column (self->sheet, col, col, xlsx_columns[col].width, self->wrap);
      rc = worksheet_write_string (self->sheet, 0, col, xlsx_columns[col].header, header);
      if (rc != LXW_NO_ERROR)
        return sink_fail_lxw (self, rc, error);
    }
  worksheet_freeze_panes (self->sheet, 1, 0);

  return TRUE;
}

static gboolean
sink_flush (Sink    *self,
            GError **error)
{
  gsize done = 0;

  while (done < self->buffer->len)
    {
      gssize n = write (self->fd, self->buffer->str + done, self->buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, FAILED_WRITE, self->path);
      done += n;
    }

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

static gboolean
sink_add (Sink                   *self,
          const KdlExportRecord  *record,
          GError                **error)
{
  g_autofree char *questions = NULL;
  g_autofree char *answers = NULL;
  const char *cells[3];
  guint row;
  lxw_error rc;

  if (self->format != KDL_EXPORT_FORMAT_XLSX)
    {
      g_string_append (self->buffer, record->text);
      g_string_append_c (self->buffer, '\n');
      return self->buffer->len < FLUSH_SIZE || sink_flush (self, error);
    }

  _kdl_export_xlsx_cells (record->output, &questions, &answers);
  cells[0] = record->reading;
  cells[1] = questions;
  cells[2] = answers;
  row = ++self->n_rows;

  for (guint col = 0; col < G_N_ELEMENTS (cells); col++)
    {
      rc = worksheet_write_string (self->sheet, row, col, cells[col], self->wrap);
      if (rc != LXW_NO_ERROR)
        {
          sink_fail_lxw (self, rc, error);
          g_prefix_error (error, _("Row %u: "), record->row);
          return FALSE;
        }
    }

  rc = record->has_score ? worksheet_write_number (self->sheet, row, 3, record->score, self->wrap)
                         : worksheet_write_blank (self->sheet, row, 3, self->wrap);
  if (rc != LXW_NO_ERROR)
    return sink_fail_lxw (self, rc, error);

  return TRUE;
}

/* Everything on disk (not yet renamed). */
static gboolean
sink_finish (Sink    *self,
             GError **error)
{
  if (self->format == KDL_EXPORT_FORMAT_XLSX)
    {
      lxw_error rc = workbook_close (g_steal_pointer (&self->workbook));

      if (rc != LXW_NO_ERROR)
        return sink_fail_lxw (self, rc, error);
      self->fd = g_open (self->temp_path, O_RDONLY | O_CLOEXEC, 0);
      if (self->fd < 0)
        return set_errno_error (error, errno, FAILED_WRITE, self->path);
    }
  else if (!sink_flush (self, error))
    return FALSE;

  if (g_fsync (self->fd) != 0)
    return set_errno_error (error, errno, FAILED_WRITE, self->path);
  if (!g_close (self->fd, NULL))
    {
      self->fd = -1;
      return set_errno_error (error, errno, FAILED_WRITE, self->path);
    }
  self->fd = -1;

  return TRUE;
}

static gboolean
sink_commit (Sink    *self,
             GError **error)
{
  if (g_rename (self->temp_path, self->path) != 0)
    return set_errno_error (error, errno, FAILED_REPLACE, self->path);

  g_clear_pointer (&self->temp_path, g_free);
  return TRUE;
}

/* Undoes whatever is not committed; safe on a sink never opened. */
static void
sink_clear (Sink *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  if (self->workbook != NULL)
    lxw_workbook_free (g_steal_pointer (&self->workbook));
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);

  g_clear_pointer (&self->temp_path, g_free);
  g_clear_pointer (&self->path, g_free);
  if (self->buffer != NULL)
    g_string_free (g_steal_pointer (&self->buffer), TRUE);
}

/* Progress, at most every PROGRESS_INTERVAL and once at the end. */
typedef struct
{
  void     (*report) (guint done, guint total, gpointer data);
  gpointer   data;
  gint64     last;
} Progress;

static void
progress_report (Progress *progress,
                 guint     done,
                 guint     total)
{
  gint64 now;

  if (progress->report == NULL)
    return;

  now = g_get_monotonic_time ();
  if (done < total && now - progress->last < PROGRESS_INTERVAL)
    return;

  progress->last = now;
  progress->report (done, total, progress->data);
}

static gboolean
write_plan (KdlExportPlan  *self,
            const char     *path,
            Progress       *progress,
            GCancellable   *cancellable,
            GError        **error)
{
  g_auto(GStrv) paths = kdl_export_plan_get_paths (self, path);
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlExportRenderer) renderer = NULL;
  guint n_sinks = g_strv_length (paths);
  Sink sinks[2] = { { .fd = -1 }, { .fd = -1 } };
  guint total = self->entries->len;
  gboolean ok = FALSE;

  g_assert (n_sinks <= G_N_ELEMENTS (sinks));

  reader = kdl_store_reader_open (self->project_path, error);
  if (reader == NULL)
    return FALSE;
  renderer = _kdl_export_renderer_new (self, reader);

  for (guint i = 0; i < n_sinks; i++)
    if (!sink_open (&sinks[i], self->options->format, paths[i], error))
      goto out;

  progress_report (progress, 0, total);

  for (guint i = 0; i < total; i++)
    {
      const KdlExportEntry *entry = &g_array_index (self->entries, KdlExportEntry, i);
      g_autoptr(KdlExportRecord) record = NULL;
      Sink *sink = &sinks[n_sinks > 1 && entry->side == KDL_EXPORT_SIDE_VAL ? 1 : 0];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      record = _kdl_export_renderer_render (renderer, entry, error);
      if (record == NULL || !sink_add (sink, record, error))
        goto out;

      progress_report (progress, i + 1, total);
    }

  for (guint i = 0; i < n_sinks; i++)
    if (!sink_finish (&sinks[i], error))
      goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  for (guint i = 0; i < n_sinks; i++)
    if (!sink_commit (&sinks[i], error))
      goto out;

  ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (sinks); i++)
    sink_clear (&sinks[i]);

  return ok;
}

/**
 * kdl_export_plan_write:
 * @path: the file to write; with a split, the name the two files are made
 *   from (kdl_export_plan_get_paths ())
 * @progress: (nullable): called on this thread as records are written
 *
 * Renders and writes every record of the plan.  Blocks: the CLI, tests
 * and workers call it; the GUI uses kdl_export_plan_write_async ().
 *
 * Returns: %TRUE when the files are in place; otherwise the targets are
 *   as they were and no temporary file is left
 */
gboolean
kdl_export_plan_write (KdlExportPlan          *self,
                       const char             *path,
                       KdlExportProgressFunc   progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  Progress state = { progress, progress_data, 0 };

  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_plan (self, path, &state, cancellable, error);
}

typedef struct
{
  char                  *path;
  KdlExportProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_notify;
  GMainContext          *context;
  gboolean               finished;   /* no more progress calls */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  GTask *task;   /* keeps the WriteData alive */
  guint  done;
  guint  total;
} ProgressCall;

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressCall *call = user_data;
  WriteData *data = g_task_get_task_data (call->task);

  if (!data->finished)
    data->progress (call->done, call->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  g_object_unref (call->task);
  g_free (call);
}

/* On the worker: hands the figures to the caller's main context. */
static void
progress_post (guint    done,
               guint    total,
               gpointer user_data)
{
  GTask *task = user_data;
  WriteData *data = g_task_get_task_data (task);
  ProgressCall *call = g_new0 (ProgressCall, 1);

  GSource *source;

  call->task = g_object_ref (task);
  call->done = done;
  call->total = total;

  /* Always a source, never g_main_context_invoke (): that would call the
   * function right here when the context is free at this moment.  The
   * task's result comes the same way, so it comes after these. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_dispatch, call, progress_call_free);
  g_source_set_static_name (source, "[kindling] export progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  Progress progress = { data->progress != NULL ? progress_post : NULL, task, 0 };
  GError *error = NULL;

  if (write_plan (source_object, data->path, &progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* On the caller's context, after every progress call was delivered. */
static void
write_done (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  WriteData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  data->finished = TRUE;
  if (data->progress_notify != NULL)
    data->progress_notify (g_steal_pointer (&data->progress_data));

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/**
 * kdl_export_plan_write_async:
 * @progress: (nullable) (scope notified): called on the thread-default
 *   main context of the caller, coalesced, always before @callback
 * @progress_notify: (nullable): frees @progress_data on that context once
 *   no more progress comes
 *
 * kdl_export_plan_write () in a worker thread.  Cancelling @cancellable
 * stops it with %G_IO_ERROR_CANCELLED and nothing written.
 */
void
kdl_export_plan_write_async (KdlExportPlan         *self,
                             const char            *path,
                             KdlExportProgressFunc  progress,
                             gpointer               progress_data,
                             GDestroyNotify         progress_notify,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  WriteData *data;

  g_return_if_fail (KDL_IS_EXPORT_PLAN (self));
  g_return_if_fail (path != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, kdl_export_plan_write_async);

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;
  data->context = g_main_context_ref_thread_default ();

  inner = g_task_new (self, cancellable, write_done, outer);
  g_task_set_task_data (inner, data, (GDestroyNotify)write_data_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, write_worker);
}

gboolean
kdl_export_plan_write_finish (KdlExportPlan  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (KDL_IS_EXPORT_PLAN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdl_export_plan_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
