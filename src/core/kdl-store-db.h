/* kdl-store-db.h — one SQLite connection: cached statements, errors (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "kdl-store-types.h"

G_BEGIN_DECLS

/* A connection belongs to one thread at a time. */
typedef struct
{
  sqlite3    *handle;
  char       *path;
  char       *display_name;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
} KdlStoreDb;

/* A cached statement: g_autoptr(KdlStoreStmt) resets it and clears its
 * bindings when it goes out of scope, so it is ready for the next user. */
typedef sqlite3_stmt KdlStoreStmt;

KdlStoreDb   *kdl_store_db_open        (const char    *path,
                                        gboolean       create,
                                        GError       **error);
void          kdl_store_db_close       (KdlStoreDb    *self);

gboolean      kdl_store_db_fail        (KdlStoreDb    *self,
                                        int            rc,
                                        GError       **error);
gboolean      kdl_store_db_exec        (KdlStoreDb    *self,
                                        const char    *sql,
                                        GError       **error);
KdlStoreStmt *kdl_store_db_prepare     (KdlStoreDb    *self,
                                        const char    *sql,
                                        GError       **error);
int           kdl_store_db_step        (KdlStoreDb    *self,
                                        KdlStoreStmt  *stmt,
                                        GError       **error);
gboolean      kdl_store_db_step_done   (KdlStoreDb    *self,
                                        KdlStoreStmt  *stmt,
                                        GError       **error);
gboolean      kdl_store_db_query_int   (KdlStoreDb    *self,
                                        const char    *sql,
                                        gint64        *value,
                                        GError       **error);
char         *kdl_store_db_query_text  (KdlStoreDb    *self,
                                        const char    *sql,
                                        GError       **error);

void          kdl_store_stmt_reset     (KdlStoreStmt  *stmt);
void          kdl_store_bind_text      (KdlStoreStmt  *stmt,
                                        int            index,
                                        const char    *text);
void          kdl_store_bind_id        (KdlStoreStmt  *stmt,
                                        int            index,
                                        gint64         id);
void          kdl_store_bind_time      (KdlStoreStmt  *stmt,
                                        int            index,
                                        gint64         usec);
char         *kdl_store_column_dup     (KdlStoreStmt  *stmt,
                                        int            column);
gint64        kdl_store_column_id      (KdlStoreStmt  *stmt,
                                        int            column);
int           kdl_store_column_tristate (KdlStoreStmt *stmt,
                                        int            column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlStoreStmt, kdl_store_stmt_reset)

G_END_DECLS
