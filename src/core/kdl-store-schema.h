/* kdl-store-schema.h — the project file's schema and its migrations (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-store-db.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every project file: "Kdln". */
#define KDL_STORE_APPLICATION_ID 0x4b646c6e

/* Brings a database from version N-1 to N inside the caller's transaction;
 * migrations[i] makes version i + 1. */
typedef gboolean (*KdlStoreMigration) (KdlStoreDb  *db,
                                       GError     **error);

guint       kdl_store_schema_get_version   (void);
KdlStoreDb *kdl_store_schema_open          (const char               *path,
                                            gboolean                  create,
                                            GError                  **error);
KdlStoreDb *kdl_store_schema_open_with     (const char               *path,
                                            gboolean                  create,
                                            const KdlStoreMigration  *migrations,
                                            guint                     n_migrations,
                                            GError                  **error);
gboolean    kdl_store_schema_migrate_to_v1 (KdlStoreDb               *db,
                                            GError                  **error);

G_END_DECLS
