/* kdl-test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "kdl-test-store.h"

/* A fresh path in the test's own data folder (G_TEST_OPTION_ISOLATE_DIRS
 * removes it afterwards). */
char *
kdl_test_store_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.kindling", name, ++counter);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "projects", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return g_build_filename (dir, file, NULL);
}

KdlStore *
kdl_test_store_new (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdl_test_store_path (name);
  KdlStore *store = kdl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

/* Rows 1…n with a passage and its questions, like sample-zh.csv. */
gint64
kdl_test_store_add_dataset (KdlStore *store,
                            guint     n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (KdlStoreRowSpec));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *content_hash = g_strdup_printf ("fixture-%u", n_rows);
  KdlStoreDatasetSpec spec = {
    .source_path = "/data/sample-zh.csv",
    .format = "csv",
    .encoding = "UTF-8",
    .columns_json = "[\"阅读文本\",\"选项\",\"答案\"]",
    .mapping_json = "{\"reading\":\"阅读文本\"}",
    .content_hash = content_hash,
  };
  gint64 dataset_id;

  dataset_id = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset_id, >, 0);

  for (guint i = 1; i <= n_rows; i++)
    {
      KdlStoreRowSpec row = { i };
      char *hash = g_strdup_printf ("hash-%u", i);
      char *fields = g_strdup_printf ("{\"阅读文本\":\"第%u篇文章\",\"选项\":\"1. 题目\",\"答案\":\"1.B\"}", i);

      g_ptr_array_add (strings, hash);
      g_ptr_array_add (strings, fields);
      row.hash = hash;
      row.fields_json = fields;
      g_array_append_val (rows, row);
    }

  kdl_store_add_rows (store, dataset_id, (KdlStoreRowSpec *)(gpointer)rows->data, rows->len, &error);
  g_assert_no_error (error);

  return dataset_id;
}

/* A run over n_rows × n_variants samples with pending items. */
gint64
kdl_test_store_add_run (KdlStore *store,
                        guint     n_rows,
                        guint     n_variants,
                        gboolean  judge,
                        double    score_max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  KdlStoreRunSpec spec = { 0 };
  gint64 run_id;

  spec.dataset_id = kdl_test_store_add_dataset (store, n_rows);
  spec.generate_template_id = kdl_store_add_template_version (store, "rebuild", KDL_STORE_STAGE_GENERATE,
                                                              "name: rebuild\nkind: generate\n---\n{reading}\n",
                                                              &error);
  g_assert_no_error (error);
  if (judge)
    {
      spec.judge_template_id = kdl_store_add_template_version (store, "judge", KDL_STORE_STAGE_JUDGE,
                                                               "name: judge\nkind: judge\nscore_max: 100\n---\n{generated}\n",
                                                               &error);
      g_assert_no_error (error);
    }
  spec.score_max = score_max;
  spec.provider_json = "{\"model\":\"max\"}";
  spec.params_json = "{\"concurrency\":4}";

  run_id = kdl_store_create_run (store, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  for (guint row = 1; row <= n_rows; row++)
    for (guint variant = 0; variant < n_variants; variant++)
      {
        KdlStoreItemSpec item = { row, variant, TRUE, judge, 0 };
        g_array_append_val (items, item);
      }

  kdl_store_add_items (store, run_id, (KdlStoreItemSpec *)(gpointer)items->data, items->len, &error);
  g_assert_no_error (error);

  return run_id;
}

KdlStoreItemRef *
kdl_test_store_find_ref (GArray        *refs,
                         guint          row,
                         guint          variant,
                         KdlStoreStage  stage)
{
  for (guint i = 0; i < refs->len; i++)
    {
      KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);

      if (ref->row == row && ref->variant == variant && ref->stage == stage)
        return ref;
    }

  g_assert_not_reached ();
}

gint64
kdl_test_store_query_int (const char *path,
                          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* PRAGMA integrity_check on a connection of its own. */
gboolean
kdl_test_store_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!ok)
    g_test_message ("integrity_check: %s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ok;
}
