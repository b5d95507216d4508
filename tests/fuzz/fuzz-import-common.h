/* fuzz-import-common.h — what the importer harnesses share
 *
 * The importers read files, so the input is written to a file in a
 * temporary folder first; then every record is read, hashed and searched,
 * and the result is checked for consistency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "kdl-dataset.h"

static char *kdl_fuzz_dir;

static void
kdl_fuzz_cleanup (void)
{
  g_autoptr(GDir) dir = g_dir_open (kdl_fuzz_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (kdl_fuzz_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (kdl_fuzz_dir);
}

static inline int
kdl_fuzz_import (const uint8_t *data,
                 size_t         size,
                 const char    *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_auto(GStrv) columns = NULL;
  guint n_loaded;
  guint previous_row = 0;

  if (kdl_fuzz_dir == NULL)
    {
      kdl_fuzz_dir = g_dir_make_tmp ("kindling-fuzz-XXXXXX", NULL);
      if (kdl_fuzz_dir == NULL)
        abort ();
      atexit (kdl_fuzz_cleanup);
    }

  path = g_build_filename (kdl_fuzz_dir, name, NULL);
  if (!g_file_set_contents (path, (const char *)data, size, NULL))
    abort ();

  file = g_file_new_for_path (path);
  dataset = kdl_dataset_load (file, NULL, NULL, NULL);
  if (dataset == NULL)
    return 0;

  n_loaded = kdl_dataset_get_n_loaded (dataset);
  rejected = kdl_dataset_dup_rejected (dataset);
  columns = kdl_dataset_dup_columns (dataset);
  map = kdl_dataset_dup_column_map (dataset);
  if (kdl_dataset_get_n_records (dataset) != n_loaded + rejected->len)
    abort ();

  for (guint pos = 0; pos < n_loaded; pos++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, pos);
      g_autofree char *reading = NULL;

      /* Every loaded row reads back, in ascending row order, as UTF-8. */
      if (record == NULL || kdl_record_get_row (record) <= previous_row)
        abort ();
      previous_row = kdl_record_get_row (record);
      for (guint i = 0; i < kdl_record_get_n_fields (record); i++)
        {
          const char *value = kdl_record_get_value (record, i);

          if (!g_utf8_validate (kdl_record_get_name (record, i), -1, NULL) ||
              (value != NULL && !g_utf8_validate (value, -1, NULL)))
            abort ();
        }
      kdl_record_get_hash (record);
      reading = kdl_column_map_resolve (map, record, "reading");
    }

  return 0;
}
