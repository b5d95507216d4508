/* test-store.c — the project file: opening, migrations, every write and read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "kdl-store-schema.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_open_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_store_path ("create");
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  gint64 run_id;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = kdl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (kdl_store_get_path (store), ==, path);

  g_assert_cmpint (kdl_test_store_query_int (path, "PRAGMA user_version"), ==, kdl_store_schema_get_version ());
  g_assert_cmpint (kdl_test_store_query_int (path, "PRAGMA application_id"), ==, KDL_STORE_APPLICATION_ID);

  run_id = kdl_test_store_add_run (store, 3, 1, TRUE, 100);
  g_clear_object (&store);

  /* Reopening finds what was written. */
  store = kdl_store_open (path, &error);
  g_assert_no_error (error);
  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdl_store_reader_get_latest_run_id (reader, &error), ==, run_id);
  g_assert_no_error (error);
}

static void
test_open_pragmas (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("pragmas");
  g_autoptr(KdlStoreReader) reader = NULL;
  const char *path = kdl_store_get_path (store);
  KdlStoreRunSpec spec = { .dataset_id = 4242 };
  KdlStoreDb *db;
  gint64 value = -1;

  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);

  /* Each connection has foreign keys on, WAL and a busy timeout. */
  db = kdl_store_schema_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (kdl_store_db_query_int (db, "PRAGMA foreign_keys", &value, &error));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (kdl_store_db_query_int (db, "PRAGMA synchronous", &value, &error));
  g_assert_cmpint (value, ==, 1); /* NORMAL */
  g_assert_true (kdl_store_db_query_int (db, "PRAGMA busy_timeout", &value, &error));
  g_assert_cmpint (value, >=, 1000);
  kdl_store_db_close (db);

  /* The writer's connection too: a run on a dataset that is not there is
   * refused. */
  g_assert_cmpint (kdl_store_create_run (store, &spec, &error), ==, 0);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);

  /* Readers do not write. */
  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
}

static void
test_open_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kindling", "default.kindling", NULL);
  g_autofree char *path = kdl_store_get_default_path ();
  g_autoptr(KdlStore) store = NULL;

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = kdl_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
assert_file_unchanged (const char *path,
                       const char *contents,
                       gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpmem (now, now_length, contents, length);
}

static void
test_open_not_a_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text_path = kdl_test_store_path ("notes");
  g_autofree char *db_path = kdl_test_store_path ("other-app");
  g_autofree char *before = NULL;
  const char *text = "阅读文本,选项,答案\nnot a database at all, just a CSV file with some text in it\n";
  KdlStore *store;
  gsize length;

  /* A text file. */
  g_assert_true (g_file_set_contents (text_path, text, -1, NULL));
  store = kdl_store_open (text_path, &error);
  g_assert_null (store);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_A_PROJECT);
  g_assert_nonnull (strstr (error->message, text_path));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_file_unchanged (text_path, text, strlen (text));

  g_assert_null (kdl_store_reader_open (text_path, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);

  /* Another program's SQLite database: refused, and left as it was. */
  exec_raw (db_path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');");
  g_assert_true (g_file_get_contents (db_path, &before, &length, NULL));
  store = kdl_store_open (db_path, &error);
  g_assert_null (store);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_A_PROJECT);
  g_assert_nonnull (strstr (error->message, db_path));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_file_unchanged (db_path, before, length);
  g_assert_cmpint (kdl_test_store_query_int (db_path, "PRAGMA application_id"), ==, 0);
}

static void
test_open_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "no", "such", "folder", NULL);
  g_autofree char *path = g_build_filename (dir, "p.kindling", NULL);

  /* kdl_store_open never creates folders for a path it is given. */
  g_assert_null (kdl_store_open (path, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A reader needs an existing project. */
  g_assert_null (kdl_store_reader_open (path, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_open_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_store_path ("too-new");
  KdlStore *store;

  store = kdl_store_open (path, &error);
  g_assert_no_error (error);
  g_object_unref (store);

  exec_raw (path, "PRAGMA user_version = 99");

  store = kdl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "99"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_null (kdl_store_reader_open (path, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_TOO_NEW);

  /* Refusing it changed nothing. */
  g_assert_cmpint (kdl_test_store_query_int (path, "PRAGMA user_version"), ==, 99);
}

/* A future version 2: a column and a table, and data moved into them. */
static gboolean
migrate_to_fake_v2 (KdlStoreDb  *db,
                    GError     **error)
{
  return kdl_store_db_exec (db,
                            "ALTER TABLE runs ADD COLUMN title TEXT;"
                            "UPDATE runs SET title = 'run ' || id;"
                            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
                            error);
}

static void
test_open_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_store_path ("migrate");
  const KdlStoreMigration v1_only[] = { kdl_store_schema_migrate_to_v1 };
  const KdlStoreMigration v1_v2[] = { kdl_store_schema_migrate_to_v1, migrate_to_fake_v2 };
  KdlStore *store;
  KdlStoreDb *db;
  gint64 run_id;

  /* A version 1 file with a run in it. */
  db = kdl_store_schema_open_with (path, TRUE, v1_only, 1, &error);
  g_assert_no_error (error);
  kdl_store_db_close (db);
  g_assert_cmpint (kdl_test_store_query_int (path, "PRAGMA user_version"), ==, 1);

  store = kdl_store_open (path, &error);
  g_assert_no_error (error);
  run_id = kdl_test_store_add_run (store, 4, 1, TRUE, 100);
  g_object_unref (store);

  /* Opening with a longer list migrates, once, keeping the data. */
  db = kdl_store_schema_open_with (path, FALSE, v1_v2, 2, &error);
  g_assert_no_error (error);
  kdl_store_db_close (db);
  db = kdl_store_schema_open_with (path, FALSE, v1_v2, 2, &error);
  g_assert_no_error (error);
  kdl_store_db_close (db);

  g_assert_cmpint (kdl_test_store_query_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (kdl_test_store_query_int (path, "PRAGMA application_id"), ==, KDL_STORE_APPLICATION_ID);
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM runs WHERE title IS NOT NULL"), ==, 1);
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT count (*) FROM items"), ==, 8);
  g_assert_cmpint (kdl_test_store_query_int (path, "SELECT max (id) FROM runs"), ==, run_id);
  g_assert_true (kdl_test_store_integrity_ok (path));

  /* This version (1) refuses the migrated file. */
  g_assert_null (kdl_store_open (path, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  /* A failing migration leaves the file at its old version. */
  {
    g_autofree char *path2 = kdl_test_store_path ("migrate-fail");
    const KdlStoreMigration broken[] = { kdl_store_schema_migrate_to_v1, migrate_to_fake_v2, migrate_to_fake_v2 };

    db = kdl_store_schema_open_with (path2, TRUE, v1_only, 1, &error);
    g_assert_no_error (error);
    kdl_store_db_close (db);
    g_assert_null (kdl_store_schema_open_with (path2, FALSE, broken, 3, &error));
    g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_cmpint (kdl_test_store_query_int (path2, "PRAGMA user_version"), ==, 1);
    g_assert_cmpint (kdl_test_store_query_int (path2, "SELECT count (*) FROM pragma_table_info ('runs') WHERE name = 'title'"), ==, 0);
  }
}

static void
test_datasets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("datasets");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreDataset) dataset = NULL;
  g_autoptr(KdlStoreRow) row = NULL;
  KdlStoreDatasetSpec spec = {
    .source_path = "/home/me/题库.xlsx",
    .format = "xlsx",
    .sheet = "Sheet1",
    .columns_json = "[\"阅读文本\",\"选项\",\"答案\"]",
    .content_hash = "abc",
  };
  KdlStoreRowSpec rows[] = {
    { 1, "h1", "{\"阅读文本\":\"一\"}" },
    { 2, "h2", "{\"阅读文本\":\"二\"}" },
    { 4, "h4", "{\"阅读文本\":\"四\"}" },
  };
  KdlStoreRowSpec changed[] = { { 2, "h2-changed", "{\"阅读文本\":\"改\"}" } };
  KdlStoreRowSpec bad[] = { { 7, "h7", "{not json" } };
  gint64 id, same, other;

  id = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_no_error (error);
  same = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, same);

  spec.content_hash = "abd";
  other = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, !=, id);
  spec.content_hash = "abc";
  spec.mapping_json = "{\"reading\":\"阅读文本\"}";
  other = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_cmpint (other, !=, id);

  g_assert_true (kdl_store_add_rows (store, id, rows, G_N_ELEMENTS (rows), &error));
  g_assert_no_error (error);
  /* Copying the same rows again (a second run on the file) is fine. */
  g_assert_true (kdl_store_add_rows (store, id, rows, 2, &error));
  g_assert_no_error (error);

  /* A row a run used never changes. */
  g_assert_false (kdl_store_add_rows (store, id, changed, 1, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Row 2"));
  g_clear_error (&error);

  g_assert_false (kdl_store_add_rows (store, id, bad, 1, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Row 7: "));
  g_clear_error (&error);

  g_assert_false (kdl_store_add_rows (store, 999, rows, 1, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  dataset = kdl_store_reader_get_dataset (reader, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dataset->source_path, ==, "/home/me/题库.xlsx");
  g_assert_cmpstr (dataset->format, ==, "xlsx");
  g_assert_null (dataset->encoding);
  g_assert_cmpstr (dataset->sheet, ==, "Sheet1");
  g_assert_cmpstr (dataset->columns_json, ==, "[\"阅读文本\",\"选项\",\"答案\"]");
  g_assert_cmpstr (dataset->mapping_json, ==, "{}");
  g_assert_cmpuint (dataset->n_rows, ==, 3);
  g_assert_cmpint (dataset->imported_at, >, 0);

  row = kdl_store_reader_get_row (reader, id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->hash, ==, "h2");
  g_assert_cmpstr (row->fields_json, ==, "{\"阅读文本\":\"二\"}");

  g_assert_null (kdl_store_reader_get_row (reader, id, 3, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
}

static void
test_templates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("templates");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreTemplate) template = NULL;
  const char *text = "name: judge\nkind: judge\nscore_max: 100\n---\n请为下面的题目打分：\n{generated}\n";
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  gint64 a, b, c, d;

  a = kdl_store_add_template_version (store, "judge", KDL_STORE_STAGE_JUDGE, text, &error);
  g_assert_no_error (error);
  b = kdl_store_add_template_version (store, "judge", KDL_STORE_STAGE_JUDGE, text, &error);
  g_assert_no_error (error);
  c = kdl_store_add_template_version (store, "judge", KDL_STORE_STAGE_JUDGE, "changed", &error);
  g_assert_no_error (error);
  d = kdl_store_add_template_version (store, "rubric-2", KDL_STORE_STAGE_JUDGE, text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (a, !=, c);
  g_assert_cmpint (a, !=, d);

  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  template = kdl_store_reader_get_template (reader, a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (template->name, ==, "judge");
  g_assert_cmpint (template->kind, ==, KDL_STORE_STAGE_JUDGE);
  g_assert_cmpstr (template->text, ==, text);
  g_assert_cmpstr (template->sha256, ==, sha256);
}

static void
test_runs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("runs");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(KdlStoreRun) child = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  KdlStoreRunSpec spec = { 0 };
  gint64 first, second;

  first = kdl_test_store_add_run (store, 5, 2, TRUE, 100);

  spec.parent_run_id = first;
  spec.judge_template_id = kdl_store_add_template_version (store, "judge-2", KDL_STORE_STAGE_JUDGE, "x", &error);
  spec.provider_json =
    "{\"model\":\"max\",\"app_id\":\"a1\",\"api_key\":\"KEY\",\"APISecret\":\"SECRET\","
    "\"judge\":{\"url\":\"wss://spark-api.xf-yun.com/v3.5/chat?authorization=SIG&date=d&host=h\","
    "\"apiKey\":\"K2\",\"domain\":\"generalv3.5\",\"max_tokens\":2048}}";
  spec.params_json = "{\"concurrency\":16,\"qps\":2.5,\"variants\":1,\"select\":\"all\"}";
  second = kdl_store_create_run (store, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);

  run = kdl_store_reader_get_run (reader, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_PENDING);
  g_assert_cmpstr (run->template_name, ==, "rebuild");
  g_assert_cmpstr (run->judge_name, ==, "judge");
  g_assert_cmpfloat (run->score_max, ==, 100);
  g_assert_cmpuint (run->rows, ==, 5);
  g_assert_cmpuint (run->samples, ==, 10);
  g_assert_cmpuint (run->done, ==, 0);
  g_assert_cmpint (run->created_at, >, 0);
  g_assert_cmpint (run->started_at, ==, 0);
  g_assert_cmpstr (run->params_json, ==, "{\"concurrency\":4}");

  child = kdl_store_reader_get_run (reader, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (child->parent_run_id, ==, first);
  g_assert_null (child->template_name);
  g_assert_cmpstr (child->judge_name, ==, "judge-2");
  g_assert_cmpint (child->dataset_id, ==, 0);
  /* No keys, no signature: only what is safe to keep. */
  g_assert_cmpstr (child->provider_json, ==,
                   "{\"model\":\"max\",\"app_id\":\"a1\",\"judge\":{\"url\":\"wss://spark-api.xf-yun.com/v3.5/chat\","
                   "\"domain\":\"generalv3.5\",\"max_tokens\":2048}}");
  g_assert_cmpint (kdl_test_store_query_int (kdl_store_get_path (store),
                                             "SELECT count (*) FROM runs WHERE provider_json LIKE '%KEY%'"
                                             " OR provider_json LIKE '%SECRET%' OR provider_json LIKE '%SIG%'"), ==, 0);

  runs = kdl_store_reader_list_runs (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (((KdlStoreRun *)runs->pdata[0])->id, ==, first);
  g_assert_cmpint (kdl_store_reader_get_latest_run_id (reader, &error), ==, second);

  /* State changes, with the times of the first start and the last stop. */
  g_assert_true (kdl_store_set_run_state (store, first, KDL_STORE_RUN_RUNNING, NULL, NULL, &error));
  g_clear_pointer (&run, kdl_store_run_free);
  run = kdl_store_reader_get_run (reader, first, &error);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_RUNNING);
  g_assert_cmpint (run->started_at, >, 0);
  g_assert_cmpint (run->finished_at, ==, 0);

  g_assert_true (kdl_store_set_run_state (store, first, KDL_STORE_RUN_STOPPED, "daily-limit",
                                          "今日额度已用完", &error));
  g_clear_pointer (&run, kdl_store_run_free);
  run = kdl_store_reader_get_run (reader, first, &error);
  g_assert_cmpint (run->state, ==, KDL_STORE_RUN_STOPPED);
  g_assert_cmpstr (run->stop_code, ==, "daily-limit");
  g_assert_cmpstr (run->stop_message, ==, "今日额度已用完");
  g_assert_cmpint (run->finished_at, >=, run->started_at);

  g_assert_false (kdl_store_set_run_state (store, 777, KDL_STORE_RUN_DONE, NULL, NULL, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "777"));
  g_clear_error (&error);

  g_assert_null (kdl_store_reader_get_run (reader, 777, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
}

static void
test_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("items");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GArray) outputs = NULL;
  g_autoptr(KdlStoreItem) item = NULL;
  g_autoptr(KdlStoreItem) judge = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  g_autofree char *output = NULL;
  KdlStoreItemSpec again[] = { { 1, 0, TRUE, TRUE, 0 } };
  KdlStoreItemUpdate update = { 0 };
  KdlStoreItemRef *gen, *jud;
  gint64 run_id;

  run_id = kdl_test_store_add_run (store, 3, 1, TRUE, 100);
  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);

  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refs->len, ==, 6);
  gen = &g_array_index (refs, KdlStoreItemRef, 0);
  jud = &g_array_index (refs, KdlStoreItemRef, 1);
  g_assert_cmpuint (gen->row, ==, 1);
  g_assert_cmpint (gen->stage, ==, KDL_STORE_STAGE_GENERATE);
  g_assert_cmpint (jud->stage, ==, KDL_STORE_STAGE_JUDGE);
  g_assert_cmpint (jud->source_item_id, ==, gen->id);
  g_assert_cmpint (gen->state, ==, KDL_STORE_ITEM_PENDING);
  g_assert_cmpint (gen->check_ok, ==, -1);

  /* Adding items again changes nothing. */
  g_assert_true (kdl_store_add_items (store, run_id, again, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdl_test_store_query_int (kdl_store_get_path (store), "SELECT count (*) FROM items"), ==, 6);

  /* Every field of an item, round trip. */
  update.item_id = gen->id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_ATTEMPTS | KDL_STORE_ITEM_SET_PROMPT |
                  KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_CHECK | KDL_STORE_ITEM_ADD_USAGE |
                  KDL_STORE_ITEM_SET_ERROR | KDL_STORE_ITEM_SET_STARTED | KDL_STORE_ITEM_SET_FINISHED;
  update.state = KDL_STORE_ITEM_DONE;
  update.attempts = 2;
  update.prompt = "请根据文章出四道题";
  update.output = "1. 题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:B";
  update.check_ok = TRUE;
  update.check_json = "{\"ok\":true,\"mcq_count\":1,\"problems\":[]}";
  update.prompt_tokens = 100;
  update.completion_tokens = 50;
  update.total_tokens = 150;
  update.error_code = "stall-timeout";
  update.error_message = "第一次尝试超时";
  update.started_at = 1000;
  update.finished_at = 0; /* now */
  g_assert_true (kdl_store_update_item (store, &update, &error));
  g_assert_no_error (error);

  /* Usage adds up: a second attempt's tokens. */
  memset (&update, 0, sizeof update);
  update.item_id = gen->id;
  update.fields = KDL_STORE_ITEM_ADD_USAGE | KDL_STORE_ITEM_SET_ERROR;
  update.prompt_tokens = 1;
  update.completion_tokens = 2;
  update.total_tokens = 3;
  g_assert_true (kdl_store_update_item (store, &update, &error));

  item = kdl_store_reader_get_item (reader, gen->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->run_id, ==, run_id);
  g_assert_cmpint (item->state, ==, KDL_STORE_ITEM_DONE);
  g_assert_cmpuint (item->attempts, ==, 2);
  g_assert_cmpstr (item->prompt, ==, "请根据文章出四道题");
  g_assert_cmpstr (item->output, ==, "1. 题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:B");
  g_assert_cmpint (item->check_ok, ==, 1);
  g_assert_cmpstr (item->check_json, ==, "{\"ok\":true,\"mcq_count\":1,\"problems\":[]}");
  g_assert_false (item->has_score);
  g_assert_cmpint (item->prompt_tokens, ==, 101);
  g_assert_cmpint (item->completion_tokens, ==, 52);
  g_assert_cmpint (item->total_tokens, ==, 153);
  g_assert_null (item->error_code);   /* cleared by the second update */
  g_assert_null (item->error_message);
  g_assert_cmpint (item->started_at, ==, 1000);
  g_assert_cmpint (item->finished_at, >, 1000);
  g_assert_cmpint (item->partner_id, ==, jud->id);
  g_assert_cmpint (item->verdict, ==, KDL_STORE_VERDICT_NONE);

  memset (&update, 0, sizeof update);
  update.item_id = jud->id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_SCORE | KDL_STORE_ITEM_SET_OUTPUT;
  update.state = KDL_STORE_ITEM_DONE;
  update.has_score = TRUE;
  update.score = 87.5;
  update.parts_json = "{\"内容\":40,\"格式\":47.5}";
  update.output = "总分:87.5分";
  g_assert_true (kdl_store_update_item (store, &update, &error));

  judge = kdl_store_reader_get_item (reader, jud->id, &error);
  g_assert_true (judge->has_score);
  g_assert_cmpfloat (judge->score, ==, 87.5);
  g_assert_cmpstr (judge->parts_json, ==, "{\"内容\":40,\"格式\":47.5}");
  g_assert_null (judge->unparsed_reason);
  g_assert_cmpint (judge->source_item_id, ==, gen->id);
  g_assert_cmpint (judge->partner_id, ==, gen->id);

  run = kdl_store_reader_get_run (reader, run_id, &error);
  g_assert_cmpint (run->total_tokens, ==, 153);
  g_assert_cmpint (run->prompt_tokens, ==, 101);
  g_assert_cmpuint (run->done, ==, 1);

  /* What a judge-only or chained run reads. */
  outputs = kdl_store_reader_list_outputs (reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outputs->len, ==, 1);
  g_assert_cmpint (g_array_index (outputs, KdlStoreItemRef, 0).id, ==, gen->id);
  g_assert_cmpint (g_array_index (outputs, KdlStoreItemRef, 0).check_ok, ==, 1);
  output = kdl_store_reader_get_output (reader, gen->id, TRUE, &error);
  g_assert_cmpstr (output, ==, item->output);
  g_assert_null (kdl_store_reader_get_output (reader, kdl_test_store_find_ref (refs, 2, 0, KDL_STORE_STAGE_GENERATE)->id, TRUE, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A bad update fails alone and names the item. */
  memset (&update, 0, sizeof update);
  update.item_id = 99999;
  update.fields = KDL_STORE_ITEM_SET_STATE;
  g_assert_false (kdl_store_update_item (store, &update, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "99999"));
  g_clear_error (&error);
  update.item_id = gen->id;
  update.fields = KDL_STORE_ITEM_SET_SCORE;
  update.parts_json = "{broken";
  g_assert_false (kdl_store_update_item (store, &update, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_INVALID);
  g_clear_error (&error);
}

/* Re-judging another run's outputs, and a chained run expanding them. */
static void
test_items_from_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("from-run");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GArray) outputs = NULL;
  g_autoptr(GArray) rejudge_refs = NULL;
  g_autoptr(GArray) chained_refs = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(GArray) chained_specs = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(KdlStoreItem) judge = NULL;
  KdlStoreRunSpec spec = { 0 };
  KdlStoreItemUpdate update = { 0 };
  KdlStoreItemRef *gen;
  gint64 first, rejudge, chained;

  first = kdl_test_store_add_run (store, 3, 1, FALSE, 0);
  reader = kdl_store_open_reader (store, &error);
  refs = kdl_store_reader_list_unfinished_items (reader, first, &error);
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT;
  update.state = KDL_STORE_ITEM_DONE;
  update.output = "1. 题干\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:A";
  for (guint i = 0; i < 2; i++)   /* row 3 is not generated */
    {
      update.item_id = g_array_index (refs, KdlStoreItemRef, i).id;
      g_assert_true (kdl_store_update_item (store, &update, &error));
    }

  outputs = kdl_store_reader_list_outputs (reader, first, &error);
  g_assert_cmpuint (outputs->len, ==, 2);

  spec.parent_run_id = first;
  rejudge = kdl_store_create_run (store, &spec, &error);
  chained = kdl_store_create_run (store, &spec, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outputs->len; i++)
    {
      KdlStoreItemRef *ref = &g_array_index (outputs, KdlStoreItemRef, i);
      KdlStoreItemSpec judge_only = { ref->row, ref->variant, FALSE, TRUE, ref->id };
      KdlStoreItemSpec expand = { ref->row, ref->variant, TRUE, TRUE, ref->id };

      g_array_append_val (specs, judge_only);
      g_array_append_val (chained_specs, expand);
    }
  g_assert_true (kdl_store_add_items (store, rejudge, (KdlStoreItemSpec *)(gpointer)specs->data, specs->len, &error));
  g_assert_true (kdl_store_add_items (store, chained, (KdlStoreItemSpec *)(gpointer)chained_specs->data,
                                      chained_specs->len, &error));
  g_assert_no_error (error);

  /* Re-judging: judge items of the new run judge the old generations. */
  rejudge_refs = kdl_store_reader_list_unfinished_items (reader, rejudge, &error);
  g_assert_cmpuint (rejudge_refs->len, ==, 2);
  g_assert_cmpint (g_array_index (rejudge_refs, KdlStoreItemRef, 0).stage, ==, KDL_STORE_STAGE_JUDGE);
  g_assert_cmpint (g_array_index (rejudge_refs, KdlStoreItemRef, 0).source_item_id, ==,
                   g_array_index (outputs, KdlStoreItemRef, 0).id);
  judge = kdl_store_reader_get_item (reader, g_array_index (rejudge_refs, KdlStoreItemRef, 1).id, &error);
  g_assert_cmpint (judge->partner_id, ==, g_array_index (outputs, KdlStoreItemRef, 1).id);
  g_assert_cmpuint (judge->row, ==, 2);

  /* Chained: the new generate item reads the old output, its judge judges it. */
  chained_refs = kdl_store_reader_list_unfinished_items (reader, chained, &error);
  g_assert_cmpuint (chained_refs->len, ==, 4);
  gen = kdl_test_store_find_ref (chained_refs, 1, 0, KDL_STORE_STAGE_GENERATE);
  g_assert_cmpint (gen->source_item_id, ==, g_array_index (outputs, KdlStoreItemRef, 0).id);
  g_assert_cmpint (kdl_test_store_find_ref (chained_refs, 1, 0, KDL_STORE_STAGE_JUDGE)->source_item_id, ==, gen->id);

  /* An item of a run that does not exist is refused. */
  g_assert_false (kdl_store_add_items (store, 999, (KdlStoreItemSpec *)(gpointer)specs->data, 1, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
}

static void
test_resume (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = kdl_test_store_new ("resume");
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GArray) left = NULL;
  KdlStoreItemUpdate update = { 0 };
  gint64 run_id;

  run_id = kdl_test_store_add_run (store, 4, 1, FALSE, 0);
  reader = kdl_store_open_reader (store, &error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_cmpuint (refs->len, ==, 4);

  /* Row 1 done, rows 2 and 3 were running when the process died. */
  update.fields = KDL_STORE_ITEM_SET_STATE;
  update.item_id = g_array_index (refs, KdlStoreItemRef, 0).id;
  update.state = KDL_STORE_ITEM_DONE;
  g_assert_true (kdl_store_update_item (store, &update, &error));
  update.state = KDL_STORE_ITEM_RUNNING;
  update.item_id = g_array_index (refs, KdlStoreItemRef, 1).id;
  g_assert_true (kdl_store_update_item (store, &update, &error));
  update.item_id = g_array_index (refs, KdlStoreItemRef, 2).id;
  g_assert_true (kdl_store_update_item (store, &update, &error));

  /* Requeueing needs the run's lock. */
  g_assert_cmpint (kdl_store_requeue_interrupted (store, run_id, &error), ==, -1);
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED);
  g_clear_error (&error);

  g_assert_true (kdl_store_lock_run (store, run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdl_store_requeue_interrupted (store, run_id, &error), ==, 2);
  g_assert_no_error (error);

  left = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_cmpuint (left->len, ==, 3);
  for (guint i = 0; i < left->len; i++)
    {
      g_assert_cmpint (g_array_index (left, KdlStoreItemRef, i).state, ==, KDL_STORE_ITEM_PENDING);
      g_assert_cmpuint (g_array_index (left, KdlStoreItemRef, i).row, !=, 1);
    }

  g_assert_true (kdl_store_unlock_run (store, run_id, &error));
  g_assert_cmpint (kdl_test_store_query_int (kdl_store_get_path (store), "SELECT count (*) FROM run_locks"), ==, 0);
}

static void
test_enums (void)
{
  KdlStoreItemState state;
  KdlStoreRunState run_state;
  KdlStoreVerdict verdict;
  KdlStoreStage stage;
  g_autofree char *formatted = kdl_store_format_time (G_GINT64_CONSTANT (1714552200) * G_USEC_PER_SEC);

  for (guint i = 0; i <= KDL_STORE_ITEM_SKIPPED; i++)
    {
      g_assert_true (kdl_store_item_state_from_string (kdl_store_item_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  for (guint i = 0; i <= KDL_STORE_RUN_FAILED; i++)
    {
      g_assert_true (kdl_store_run_state_from_string (kdl_store_run_state_to_string (i), &run_state));
      g_assert_cmpint (run_state, ==, i);
    }
  g_assert_true (kdl_store_verdict_from_string ("rejected", &verdict));
  g_assert_cmpint (verdict, ==, KDL_STORE_VERDICT_REJECTED);
  g_assert_true (kdl_store_stage_from_string ("judge", &stage));
  g_assert_cmpint (stage, ==, KDL_STORE_STAGE_JUDGE);
  g_assert_false (kdl_store_stage_from_string ("Judge", &stage));
  g_assert_false (kdl_store_item_state_from_string (NULL, &state));

  g_assert_cmpstr (formatted, ==, "2024-05-01T08:30:00Z");
  g_assert_null (kdl_store_format_time (0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/create", test_open_create);
  g_test_add_func ("/store/open/pragmas", test_open_pragmas);
  g_test_add_func ("/store/open/default-path", test_open_default_path);
  g_test_add_func ("/store/open/not-a-project", test_open_not_a_project);
  g_test_add_func ("/store/open/missing", test_open_missing);
  g_test_add_func ("/store/open/too-new", test_open_too_new);
  g_test_add_func ("/store/open/migrate", test_open_migrate);
  g_test_add_func ("/store/datasets", test_datasets);
  g_test_add_func ("/store/templates", test_templates);
  g_test_add_func ("/store/runs", test_runs);
  g_test_add_func ("/store/items", test_items);
  g_test_add_func ("/store/items-from-run", test_items_from_run);
  g_test_add_func ("/store/resume", test_resume);
  g_test_add_func ("/store/enums", test_enums);

  return g_test_run ();
}
