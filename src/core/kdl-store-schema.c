/* kdl-store-schema.c — opening a project: checks, migrations, pragmas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project is one SQLite file identified by PRAGMA application_id
 * (KDL_STORE_APPLICATION_ID) whose PRAGMA user_version is the schema
 * version.  Opening brings an older file up to date with the migrations
 * below, in order, in one BEGIN IMMEDIATE transaction (so two processes
 * opening one old file migrate it once); a newer file is refused.
 *
 * Adding version 2: write kdl_store_schema_migrate_to_v2 () (ALTER TABLE …)
 * and append it to `migrations`.  Never edit a migration once released.
 *
 * Conventions of schema version 1:
 * - times are INTEGER microseconds since the Unix epoch, UTC; NULL = never;
 * - states, stages and verdicts are the English words of kdl-store-types.c
 *   (CHECKed), readable with the sqlite3 shell;
 * - *_json columns hold JSON text (CHECK json_valid);
 * - `row_no` is the row id of DESIGN.md (1-based position in the source
 *   among all records, rejected ones included);
 * - a sample is one row × variant of a run; it has up to one generate and
 *   one judge item.
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-store-schema.h"

static const char schema_v1[] =
  /* A dataset as it was read: the source file is never read again once its
   * rows are copied.  fingerprint = sha256 over format, encoding, sheet,
   * columns, mapping and the caller's content hash; equal content reuses
   * the dataset (and its rows). */
  "CREATE TABLE datasets ("
  "  id            INTEGER PRIMARY KEY,"
  "  source_path   TEXT NOT NULL,"
  "  format        TEXT NOT NULL,"
  "  encoding      TEXT,"
  "  sheet         TEXT,"
  "  fingerprint   TEXT NOT NULL UNIQUE,"
  "  imported_at   INTEGER NOT NULL,"
  "  columns_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (columns_json)),"
  "  mapping_json  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (mapping_json))"
  ");"

  /* The rows runs used, copied when a run starts.  A copied row never
   * changes: copying a different row under the same (dataset, row_no) is
   * refused. */
  "CREATE TABLE dataset_rows ("
  "  dataset_id    INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,"
  "  row_no        INTEGER NOT NULL CHECK (row_no >= 1),"
  "  hash          TEXT NOT NULL,"
  "  fields_json   TEXT NOT NULL CHECK (json_valid (fields_json)),"
  "  PRIMARY KEY (dataset_id, row_no)"
  ") WITHOUT ROWID;"

  /* The exact template text (header included) each run used, once per
   * (name, kind, sha256 of the text). */
  "CREATE TABLE template_versions ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('generate', 'judge')),"
  "  sha256        TEXT NOT NULL,"
  "  text          TEXT NOT NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  UNIQUE (name, kind, sha256)"
  ");"

  /* provider_json never holds keys or signed URLs (kdl-store-runs.c strips
   * them); params_json holds concurrency, rate, variants, regenerate-on-fail,
   * budget, selection…; tokens add up every item's usage. */
  "CREATE TABLE runs ("
  "  id                    INTEGER PRIMARY KEY,"
  "  created_at            INTEGER NOT NULL,"
  "  started_at            INTEGER,"
  "  finished_at           INTEGER,"
  "  updated_at            INTEGER NOT NULL,"
  "  dataset_id            INTEGER REFERENCES datasets (id),"
  "  generate_template_id  INTEGER REFERENCES template_versions (id),"
  "  judge_template_id     INTEGER REFERENCES template_versions (id),"
  "  parent_run_id         INTEGER REFERENCES runs (id),"
  "  score_max             REAL,"
  "  provider_json         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (provider_json)),"
  "  params_json           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (params_json)),"
  "  state                 TEXT NOT NULL DEFAULT 'pending'"
  "                        CHECK (state IN ('pending', 'running', 'paused', 'stopped', 'done', 'failed')),"
  "  stop_code             TEXT,"
  "  stop_message          TEXT,"
  "  prompt_tokens         INTEGER NOT NULL DEFAULT 0,"
  "  completion_tokens     INTEGER NOT NULL DEFAULT 0,"
  "  total_tokens          INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX runs_parent ON runs (parent_run_id);"

  /* One unit of work: run × row × variant × stage.
   * source_item_id: for a judge item, the generate item it judges (this
   * run's, or another run's when re-judging; NULL when it judges a dataset
   * column); for a generate item of a chained run, the parent run's item
   * whose output it expands.
   * check_ok/check_json: the structure check ({"ok","mcq_count","problems"}).
   * score NULL + unparsed_reason: the judge's answer had no score.
   * Usage adds up over attempts. */
  "CREATE TABLE items ("
  "  id                INTEGER PRIMARY KEY,"
  "  run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
  "  row_no            INTEGER NOT NULL CHECK (row_no >= 1),"
  "  variant           INTEGER NOT NULL DEFAULT 0 CHECK (variant >= 0),"
  "  stage             TEXT NOT NULL CHECK (stage IN ('generate', 'judge')),"
  "  source_item_id    INTEGER REFERENCES items (id),"
  "  state             TEXT NOT NULL DEFAULT 'pending'"
  "                    CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped')),"
  "  attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  prompt            TEXT,"
  "  output            TEXT,"
  "  check_ok          INTEGER CHECK (check_ok IN (0, 1)),"
  "  check_json        TEXT CHECK (check_json IS NULL OR json_valid (check_json)),"
  "  score             REAL,"
  "  parts_json        TEXT CHECK (parts_json IS NULL OR json_valid (parts_json)),"
  "  unparsed_reason   TEXT,"
  "  prompt_tokens     INTEGER NOT NULL DEFAULT 0,"
  "  completion_tokens INTEGER NOT NULL DEFAULT 0,"
  "  total_tokens      INTEGER NOT NULL DEFAULT 0,"
  "  error_code        TEXT,"
  "  error_message     TEXT,"
  "  started_at        INTEGER,"
  "  finished_at       INTEGER,"
  "  UNIQUE (run_id, row_no, variant, stage)"
  ");"
  /* Resume (unfinished items), the GUI's state filter. */
  "CREATE INDEX items_run_state ON items (run_id, state);"
  /* Sample counts (done, failed, retried) without reading the texts. */
  "CREATE INDEX items_run_sample ON items (run_id, row_no, variant, state, attempts);"
  /* Scores: mean, median, histogram, score-ordered lists. */
  "CREATE INDEX items_run_stage_score ON items (run_id, stage, state, score);"
  /* Joining a generate item with its judge; foreign key checks. */
  "CREATE INDEX items_source ON items (source_item_id);"

  /* A reviewer's word on an item.  The edit lives beside items.output,
   * which is never overwritten. */
  "CREATE TABLE reviews ("
  "  item_id        INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,"
  "  verdict        TEXT CHECK (verdict IN ('accepted', 'rejected')),"
  "  verdict_at     INTEGER,"
  "  edited_output  TEXT,"
  "  edited_at      INTEGER"
  ");"

  /* Which process runs a run (kdl-store-lock.c).  host = hostname plus the
   * pid namespace, so a pid is only checked where it means something;
   * process_start guards against a reused pid. */
  "CREATE TABLE run_locks ("
  "  run_id         INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,"
  "  pid            INTEGER NOT NULL,"
  "  host           TEXT NOT NULL,"
  "  process_start  TEXT,"
  "  locked_at      INTEGER NOT NULL,"
  "  heartbeat_at   INTEGER NOT NULL"
  ");";

gboolean
kdl_store_schema_migrate_to_v1 (KdlStoreDb  *db,
                                GError     **error)
{
  return kdl_store_db_exec (db, schema_v1, error);
}

static const KdlStoreMigration migrations[] = {
  kdl_store_schema_migrate_to_v1,
};

guint
kdl_store_schema_get_version (void)
{
  return G_N_ELEMENTS (migrations);
}

KdlStoreDb *
kdl_store_schema_open (const char  *path,
                       gboolean     create,
                       GError     **error)
{
  return kdl_store_schema_open_with (path, create, migrations, G_N_ELEMENTS (migrations), error);
}

typedef enum
{
  FILE_FRESH,
  FILE_PROJECT,
  FILE_FOREIGN,
} FileKind;

static gboolean
inspect_file (KdlStoreDb  *db,
              FileKind    *kind,
              gint64      *version,
              GError     **error)
{
  gint64 app_id;
  gint64 n_objects;

  /* The first read of a file that is not SQLite fails with SQLITE_NOTADB. */
  if (!kdl_store_db_query_int (db, "PRAGMA application_id", &app_id, error) ||
      !kdl_store_db_query_int (db, "PRAGMA user_version", version, error) ||
      !kdl_store_db_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (app_id == KDL_STORE_APPLICATION_ID)
    *kind = FILE_PROJECT;
  else if (app_id == 0 && *version == 0 && n_objects == 0)
    *kind = FILE_FRESH;
  else
    *kind = FILE_FOREIGN;

  return TRUE;
}

static gboolean
check_kind (KdlStoreDb  *db,
            FileKind     kind,
            gint64       version,
            guint        n_migrations,
            GError     **error)
{
  if (kind == FILE_FOREIGN)
    {
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Kindling project: it is another program’s database. Choose a .kindling file."),
                   db->display_name);
      return FALSE;
    }

  if (version > n_migrations)
    {
      g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_TOO_NEW,
                   _("The project “%s” was written by a newer version of Kindling (project format %d; this version reads up to %u). Update Kindling to open it."),
                   db->display_name, (int)version, n_migrations);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (KdlStoreDb               *db,
         const KdlStoreMigration  *list,
         guint                     n_migrations,
         GError                  **error)
{
  FileKind kind;
  gint64 version;

  if (!kdl_store_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Again inside the transaction: another process may have migrated the
   * file since we looked. */
  if (!inspect_file (db, &kind, &version, error) ||
      !check_kind (db, kind, version, n_migrations, error))
    goto failed;

  for (guint v = version; v < n_migrations; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      g_debug ("Migrating %s to project format %u", db->display_name, v + 1);
      if (!list[v] (db, error) || !kdl_store_db_exec (db, set_version, error))
        goto failed;
    }

  if (kind == FILE_FRESH)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", KDL_STORE_APPLICATION_ID);

      if (!kdl_store_db_exec (db, set_id, error))
        goto failed;
    }

  if (!kdl_store_db_exec (db, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * kdl_store_schema_open_with:
 * @create: create the file when it does not exist
 * @migrations: the migrations that make the current version (tests pass a
 *   longer list to test a future one)
 *
 * Opens a connection to a project file, checks it is one, upgrades it and
 * sets the per-connection pragmas: WAL, foreign keys, busy timeout,
 * synchronous=NORMAL (safe in WAL: a power cut can lose the last commits,
 * never corrupt the file).
 */
KdlStoreDb *
kdl_store_schema_open_with (const char               *path,
                            gboolean                  create,
                            const KdlStoreMigration  *list,
                            guint                     n_migrations,
                            GError                  **error)
{
  KdlStoreDb *db;
  g_autofree char *mode = NULL;
  FileKind kind;
  gint64 version;

  db = kdl_store_db_open (path, create, error);
  if (db == NULL)
    return NULL;

  if (!inspect_file (db, &kind, &version, error) ||
      !check_kind (db, kind, version, n_migrations, error))
    goto failed;

  mode = kdl_store_db_query_text (db, "PRAGMA journal_mode = WAL", error);
  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO,
                     _("The project “%s” cannot use a write-ahead log (journal mode “%s”). Keep projects on a local disk that can be written."),
                     db->display_name, mode != NULL ? mode : "?");
      goto failed;
    }

  if (!kdl_store_db_exec (db,
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA synchronous = NORMAL;"
                          "PRAGMA temp_store = MEMORY;",
                          error))
    goto failed;

  if ((kind == FILE_FRESH || version < n_migrations) &&
      !migrate (db, list, n_migrations, error))
    goto failed;

  return db;

failed:
  kdl_store_db_close (db);
  return NULL;
}
