/* kdl-cli-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "kdl-cli.h"
#include "kdl-error.h"

int
kdl_cli_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("kindling-cli %s: %s\n", command, message);
  g_printerr (_("Try “kindling-cli %s --help”.\n"), command);

  return KDL_EXIT_USAGE;
}

void
kdl_cli_print_error (const char   *command,
                     const GError *error)
{
  g_printerr ("kindling-cli %s: %s\n", command, error->message);
}

/* Maps a failed call to the exit status: account problems stop (3),
 * bad input is a usage error (2), anything else failed (1). */
int
kdl_cli_exit_for_error (const GError *error)
{
  if (error->domain == KDL_SPARK_ERROR)
    {
      switch (kdl_error_classify (error))
        {
        case KDL_ERROR_CLASS_RUN_FATAL:
        case KDL_ERROR_CLASS_RUN_PAUSE:
          if (error->code == KDL_SPARK_ERROR_INVALID_URL ||
              error->code == KDL_SPARK_ERROR_INSECURE_URL)
            return KDL_EXIT_USAGE;
          return KDL_EXIT_STOPPED;
        case KDL_ERROR_CLASS_RETRYABLE:
        case KDL_ERROR_CLASS_ITEM_FATAL:
        default:
          return KDL_EXIT_FAILED;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
      error->domain == G_OPTION_ERROR ||
      error->domain == G_FILE_ERROR)
    return KDL_EXIT_USAGE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return KDL_EXIT_STOPPED;

  return KDL_EXIT_FAILED;
}

/**
 * kdl_cli_read_text:
 * @path: a file, or "-" for standard input
 *
 * Returns: (transfer full): the whole text, or %NULL with @error set
 *   (G_IO_ERROR_INVALID_DATA when it is not UTF-8: a usage error)
 */
char *
kdl_cli_read_text (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      g_output_stream_write (out, "", 1, NULL, NULL);
      len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)) - 1;
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      path = _("standard input");
    }
  else if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  if (memchr (contents, '\0', len) != NULL || !g_utf8_validate (contents, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not UTF-8 text; convert it to UTF-8 first."), path);
      return NULL;
    }

  return g_steal_pointer (&contents);
}
