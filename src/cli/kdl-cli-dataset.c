/* kdl-cli-dataset.c — reading a dataset for a command, with its options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdl-cli.h"

/**
 * kdl_cli_load_dataset:
 * @command: for messages
 * @maps: (nullable): `VAR=COLUMN` strings
 * @status: (out): the exit status when %NULL is returned
 *
 * Reads @path whole (all rows indexed) with the common options, checking
 * that every mapped column exists.  Prints what went wrong.
 *
 * Returns: (transfer full) (nullable): the dataset
 */
KdlDataset *
kdl_cli_load_dataset (const char  *command,
                      const char  *path,
                      const char  *sheet,
                      const char  *encoding,
                      GStrv        maps,
                      int         *status)
{
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  g_autofree char *notice = NULL;

  *status = KDL_EXIT_USAGE;

  kdl_import_options_set_sheet (options, sheet);
  kdl_import_options_set_encoding (options, encoding);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!kdl_import_options_parse_map (options, maps[i], &error))
      {
        kdl_cli_usage_error (command, "%s", error->message);
        return NULL;
      }

  file = g_file_new_for_commandline_arg (path);
  dataset = kdl_dataset_load (file, options, NULL, &error);
  if (dataset == NULL)
    {
      kdl_cli_print_error (command, error);
      return NULL;
    }

  columns = kdl_dataset_dup_columns (dataset);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      const char *column = strchr (maps[i], '=') + 1;

      if (!g_strv_contains ((const char * const *)columns, column))
        {
          g_autofree char *joined = g_strjoinv (", ", columns);

          kdl_cli_usage_error (command, _("There is no column “%s”; the columns are: %s."), column, joined);
          return NULL;
        }
    }

  notice = kdl_dataset_dup_encoding_notice (dataset);
  if (notice != NULL)
    g_printerr ("kindling-cli %s: %s\n", command, notice);

  *status = KDL_EXIT_OK;

  return g_steal_pointer (&dataset);
}
