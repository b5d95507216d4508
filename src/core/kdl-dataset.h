/* kdl-dataset.h — one imported file: records with stable row ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-column-map.h"
#include "kdl-import.h"
#include "kdl-record.h"

G_BEGIN_DECLS

#define KDL_TYPE_DATASET (kdl_dataset_get_type ())

G_DECLARE_FINAL_TYPE (KdlDataset, kdl_dataset, KDL, DATASET, GObject)

typedef enum
{
  KDL_DATASET_SORT_ROW,             /* by row id */
  KDL_DATASET_SORT_READING_LENGTH,  /* by characters in `reading` */
  KDL_DATASET_SORT_COLUMN,          /* by a column's value (numbers as numbers) */
} KdlDatasetSort;

KdlDataset       *kdl_dataset_new                  (GFile                  *file,
                                                    const KdlImportOptions *options);
void              kdl_dataset_index_async          (KdlDataset             *self,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
gboolean          kdl_dataset_index_finish         (KdlDataset             *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);
gboolean          kdl_dataset_index                (KdlDataset             *self,
                                                    GCancellable           *cancellable,
                                                    GError                **error);
void              kdl_dataset_load_async           (GFile                  *file,
                                                    const KdlImportOptions *options,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
KdlDataset       *kdl_dataset_load_finish          (GAsyncResult           *result,
                                                    GError                **error);
KdlDataset       *kdl_dataset_load                 (GFile                  *file,
                                                    const KdlImportOptions *options,
                                                    GCancellable           *cancellable,
                                                    GError                **error);

GFile            *kdl_dataset_get_file             (KdlDataset             *self);
gboolean          kdl_dataset_is_complete          (KdlDataset             *self);
KdlDatasetFormat  kdl_dataset_get_format           (KdlDataset             *self);
char             *kdl_dataset_dup_encoding         (KdlDataset             *self);
char             *kdl_dataset_dup_encoding_notice  (KdlDataset             *self);
guint             kdl_dataset_get_n_records        (KdlDataset             *self);
guint             kdl_dataset_get_n_loaded         (KdlDataset             *self);
GStrv             kdl_dataset_dup_columns          (KdlDataset             *self);
GArray           *kdl_dataset_dup_rejected         (KdlDataset             *self);
GArray           *kdl_dataset_dup_skipped          (KdlDataset             *self);

guint             kdl_dataset_get_row_id           (KdlDataset             *self,
                                                    guint                   position);
gboolean          kdl_dataset_find_row             (KdlDataset             *self,
                                                    guint                   row,
                                                    guint                  *position);
KdlRecord        *kdl_dataset_get_record           (KdlDataset             *self,
                                                    guint                   position);
KdlRecord        *kdl_dataset_lookup_row           (KdlDataset             *self,
                                                    guint                   row);

KdlColumnMap     *kdl_dataset_dup_column_map       (KdlDataset             *self);
void              kdl_dataset_set_column_map       (KdlDataset             *self,
                                                    KdlColumnMap           *map);
char             *kdl_dataset_get_variable         (KdlDataset             *self,
                                                    const KdlRecord        *record,
                                                    const char             *variable);

void              kdl_dataset_search_async         (KdlDataset             *self,
                                                    const char             *query,
                                                    KdlDatasetSort          sort,
                                                    const char             *sort_column,
                                                    gboolean                descending,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
GArray           *kdl_dataset_search_finish        (KdlDataset             *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);

G_END_DECLS
