/* kdl-test-duplicates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kdl-test-duplicates.h"
#include "kdl-test-store.h"

/* Question bodies ("stem\nA. …\n答案:X", no number) numbered 1, 2, 3…
 * in the canonical form. */
char *
kdl_test_mcq_text (const char *first,
                   ...)
{
  GString *out = g_string_new (NULL);
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (const char *q = first; q != NULL; q = va_arg (args, const char *))
    {
      if (n > 0)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "%u. %s", ++n, q);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

static char *
fields_json (guint       row,
             const char *questions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *passage = g_strdup_printf ("第%u篇文章 passage %u", row, row);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "阅读文本");
  json_builder_add_string_value (builder, passage);
  json_builder_set_member_name (builder, "选项");
  json_builder_add_string_value (builder, questions != NULL ? questions : "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Rows 1…n whose 选项 holds @questions[row − 1] (MCQs with 答案 lines,
 * as in a cleaned dataset; NULL: none). */
gint64
kdl_test_dup_add_dataset (KdlStore           *store,
                          const char * const *questions,
                          guint               n_rows)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (KdlStoreRowSpec));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *content_hash = g_strdup_printf ("duplicates-%u-%u", n_rows, ++counter);
  KdlStoreDatasetSpec spec = {
    .source_path = "/data/duplicates.jsonl",
    .format = "jsonl",
    .columns_json = "[\"阅读文本\",\"选项\"]",
    .mapping_json = "{\"reading\":\"阅读文本\",\"questions\":\"选项\"}",
    .content_hash = content_hash,
  };
  gint64 dataset_id;

  dataset_id = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= n_rows; i++)
    {
      KdlStoreRowSpec row = { i };
      char *hash = g_strdup_printf ("row-%u", i);
      char *fields = fields_json (i, questions != NULL ? questions[i - 1] : NULL);

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

/* A generate template that uses {mcq} (a rebuild) or not (an expand). */
gint64
kdl_test_dup_add_template (KdlStore *store,
                           gboolean  rebuild)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (rebuild)
    id = kdl_store_add_template_version (store, "rebuild", KDL_STORE_STAGE_GENERATE,
                                         "name: rebuild\nkind: generate\n---\n{reading}\n\n{mcq}\n", &error);
  else
    id = kdl_store_add_template_version (store, "expand", KDL_STORE_STAGE_GENERATE,
                                         "name: expand\nkind: generate\n---\n{reading}\n", &error);
  g_assert_no_error (error);

  return id;
}

/* A generate-only run whose samples are done with the given outputs. */
gint64
kdl_test_dup_add_run (KdlStore            *store,
                      gint64               dataset_id,
                      gint64               template_id,
                      gint64               parent_run_id,
                      const KdlTestSample *samples,
                      guint                n_samples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  KdlStoreRunSpec spec = { 0 };
  gint64 run_id;

  spec.dataset_id = parent_run_id != 0 ? 0 : dataset_id;
  spec.parent_run_id = parent_run_id;
  spec.generate_template_id = template_id;
  spec.provider_json = "{\"model\":\"max\"}";
  spec.params_json = "{}";
  run_id = kdl_store_create_run (store, &spec, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_samples; i++)
    {
      KdlStoreItemSpec item = { samples[i].row, samples[i].variant, TRUE, FALSE, samples[i].source_item_id };
      g_array_append_val (specs, item);
    }
  kdl_store_add_items (store, run_id, (KdlStoreItemSpec *)(gpointer)specs->data, specs->len, &error);
  g_assert_no_error (error);

  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refs->len, ==, n_samples);

  /* Items come back in row, variant order; samples may be in any. */
  for (guint i = 0; i < refs->len; i++)
    {
      KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);
      gint64 *key = g_new (gint64, 1);

      *key = ((gint64)ref->variant << 32) | ref->row;
      g_hash_table_insert (index, key, ref);
    }

  for (guint i = 0; i < n_samples; i++)
    {
      gint64 key = ((gint64)samples[i].variant << 32) | samples[i].row;
      const KdlStoreItemRef *ref = g_hash_table_lookup (index, &key);
      KdlStoreItemUpdate update = { 0 };

      g_assert_nonnull (ref);
      update.item_id = ref->id;
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_FINISHED;
      update.state = KDL_STORE_ITEM_DONE;
      update.output = samples[i].output;
      /* Fire and forget: the writer batches them; a failure is a warning,
       * which the test framework makes fatal. */
      kdl_store_update_item_async (store, &update, NULL, NULL);
    }

  g_assert_true (kdl_store_flush_sync (store, &error));
  g_assert_no_error (error);

  return run_id;
}

gint64
kdl_test_dup_item_id (KdlStoreReader *reader,
                      gint64          run_id,
                      guint           row,
                      guint           variant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refs = kdl_store_reader_list_outputs (reader, run_id, &error);

  g_assert_no_error (error);

  return kdl_test_store_find_ref (refs, row, variant, KDL_STORE_STAGE_GENERATE)->id;
}
