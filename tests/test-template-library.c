/* test-template-library.c — the template list: built-ins, user copies that
 * override them, user templates; save, add, import, rename, delete,
 * revert, export on disk; and the token estimate the editor shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-template-library.h"
#include "kdl-test-util.h"
#include "kdl-token-estimate.h"

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Waits for the one async call started with store_result. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  kdl_test_wait_until (have_result, slot, 10000);
  return *slot;
}

static void
reload (KdlTemplateLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kdl_template_library_reload_async (library, NULL, store_result, &result);
  g_assert_true (kdl_template_library_reload_finish (library, wait_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
change (KdlTemplateLibrary  *library,
        void               (*start) (KdlTemplateLibrary *, KdlTemplateEntry *, GCancellable *, GAsyncReadyCallback, gpointer),
        KdlTemplateEntry    *entry,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  start (library, entry, NULL, store_result, &result);
  return kdl_template_library_change_finish (library, wait_result (&result), error);
}

static void
save (KdlTemplateLibrary *library,
      KdlTemplateEntry   *entry,
      KdlTemplate        *template)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kdl_template_library_save_async (library, entry, template, NULL, store_result, &result);
  g_assert_true (kdl_template_library_change_finish (library, wait_result (&result), &error));
  g_assert_no_error (error);
}

static KdlTemplateEntry *
add (KdlTemplateLibrary *library,
     KdlTemplate        *template,
     const char         *base)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KdlTemplateEntry *entry;

  kdl_template_library_add_async (library, template, base, NULL, store_result, &result);
  entry = kdl_template_library_add_finish (library, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);

  return entry;
}

static gboolean
rename_entry (KdlTemplateLibrary  *library,
              KdlTemplateEntry    *entry,
              const char          *name,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kdl_template_library_rename_async (library, entry, name, NULL, store_result, &result);
  return kdl_template_library_change_finish (library, wait_result (&result), error);
}

static char *
read_file (GFile *file)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&text);
}

static char *
user_path (KdlTemplateLibrary *library,
           const char         *base)
{
  return g_build_filename (kdl_template_library_get_user_dir (library), base, NULL);
}

static void
write_user_file (KdlTemplateLibrary *library,
                 const char         *base,
                 const char         *text)
{
  g_autofree char *path = user_path (library, base);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (kdl_template_library_get_user_dir (library), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static guint
count_user_entries (KdlTemplateLibrary *library)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(KdlTemplateEntry) entry = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (!kdl_template_entry_is_builtin (entry))
        n++;
    }

  return n;
}

/* Every built-in in both languages, in order, Chinese first; none overridden. */
static void
test_builtins_listed (void)
{
  g_autoptr(KdlTemplateLibrary) library = kdl_template_library_new (NULL);
  const char * const *names = kdl_template_builtin_names ();
  g_autofree char *expected_dir = kdl_template_get_user_dir ();
  guint n_builtins = g_strv_length ((char **)names);

  g_assert_cmpstr (kdl_template_library_get_user_dir (library), ==, expected_dir);
  g_assert_false (kdl_template_library_get_loaded (library));
  reload (library);
  g_assert_true (kdl_template_library_get_loaded (library));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2 * n_builtins);
  for (guint i = 0; i < 2 * n_builtins; i++)
    {
      g_autoptr(KdlTemplateEntry) entry = g_list_model_get_item (G_LIST_MODEL (library), i);
      g_autofree char *key = g_strdup_printf ("builtin:%s.%s", names[i / 2], i % 2 ? "en" : "zh");

      g_assert_true (kdl_template_entry_is_builtin (entry));
      g_assert_false (kdl_template_entry_get_overridden (entry));
      g_assert_null (kdl_template_entry_get_file (entry));
      g_assert_cmpstr (kdl_template_entry_get_name (entry), ==, names[i / 2]);
      g_assert_cmpstr (kdl_template_entry_get_language (entry), ==, i % 2 ? "en" : "zh");
      g_assert_cmpstr (kdl_template_entry_get_key (entry), ==, key);
      g_assert_true (kdl_template_library_lookup_key (library, key) == entry);
      g_assert_cmpint (kdl_template_entry_get_kind (entry), ==,
                       g_str_equal (names[i / 2], "judge") ? KDL_TEMPLATE_KIND_JUDGE : KDL_TEMPLATE_KIND_GENERATE);
    }

  g_assert_cmpuint (kdl_template_library_get_errors (library)->len, ==, 0);
  g_assert_cmpstr (kdl_template_entry_get_language (kdl_template_library_find (library, "judge", "en")), ==, "en");
  g_assert_cmpstr (kdl_template_entry_get_language (kdl_template_library_find (library, "judge", "zh_CN")), ==, "zh");
  g_assert_null (kdl_template_library_find (library, "nothing", "zh"));
}

/* Saving a built-in writes the user copy NAME.LANG.tmpl, which the CLI's
 * lookup then uses; reverting deletes it and brings the shipped text back. */
static void
test_builtin_save_revert (void)
{
  g_autoptr(KdlTemplateLibrary) library = kdl_template_library_new (NULL);
  g_autoptr(KdlTemplate) edited = NULL;
  g_autoptr(KdlTemplate) resolved = NULL;
  g_autoptr(KdlTemplate) shipped = kdl_template_new_builtin ("judge", "zh", NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  KdlTemplateEntry *entry;
  KdlTemplateEntry *other;

  reload (library);
  entry = kdl_template_library_find (library, "judge", "zh");
  other = kdl_template_library_find (library, "judge", "en");

  /* Nothing to revert yet. */
  g_assert_false (change (library, kdl_template_library_revert_async, entry, &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  edited = kdl_template_entry_dup_template (entry);
  kdl_template_set_body (edited, "改过的评分标准\n{generated}");
  kdl_template_set_name (edited, "other-name");   /* a built-in keeps its name */
  kdl_template_set_language (edited, "en");       /* and its language */
  save (library, entry, edited);

  path = user_path (library, "judge.zh.tmpl");
  g_assert_true (kdl_template_entry_get_overridden (entry));
  g_assert_cmpstr (g_file_peek_path (kdl_template_entry_get_file (entry)), ==, path);
  g_assert_false (kdl_template_entry_get_overridden (other));
  text = read_file (kdl_template_entry_get_file (entry));
  g_assert_nonnull (strstr (text, "name: judge\n"));
  g_assert_nonnull (strstr (text, "language: zh\n"));
  g_assert_true (g_str_has_suffix (text, "---\n改过的评分标准\n{generated}\n"));
  g_assert_cmpstr (kdl_template_get_body (kdl_template_entry_get_template (entry)), ==, "改过的评分标准\n{generated}");

  resolved = kdl_template_resolve ("judge", "zh", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_template_get_body (resolved), ==, "改过的评分标准\n{generated}");

  /* A reload shows it the same way, not as a template of its own. */
  reload (library);
  entry = kdl_template_library_find (library, "judge", "zh");
  g_assert_true (kdl_template_entry_get_overridden (entry));
  g_assert_cmpuint (count_user_entries (library), ==, 0);

  g_assert_true (change (library, kdl_template_library_revert_async, entry, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (kdl_template_entry_get_overridden (entry));
  g_assert_null (kdl_template_entry_get_file (entry));
  g_assert_cmpstr (kdl_template_get_body (kdl_template_entry_get_template (entry)), ==,
                   kdl_template_get_body (shipped));
  expected = kdl_template_to_text (shipped);
  g_clear_pointer (&text, g_free);
  text = kdl_template_to_text (kdl_template_entry_get_template (entry));
  g_assert_cmpstr (text, ==, expected);
}

/* NAME.tmpl overrides a built-in in every language; reverting the
 * language's own copy falls back to it, as kdl_template_resolve() does. */
static void
test_generic_override (void)
{
  g_autoptr(KdlTemplateLibrary) library = kdl_template_library_new (NULL);
  g_autoptr(GError) error = NULL;
  KdlTemplateEntry *zh;
  KdlTemplateEntry *en;

  write_user_file (library, "expand.tmpl", "name: expand\n---\n通用 {reading}\n");
  write_user_file (library, "expand.zh.tmpl", "name: expand\nlanguage: zh\n---\n中文 {reading}\n");
  reload (library);

  zh = kdl_template_library_find (library, "expand", "zh");
  en = kdl_template_library_find (library, "expand", "en");
  g_assert_cmpstr (kdl_template_get_body (kdl_template_entry_get_template (zh)), ==, "中文 {reading}");
  g_assert_cmpstr (kdl_template_get_body (kdl_template_entry_get_template (en)), ==, "通用 {reading}");
  g_assert_cmpuint (count_user_entries (library), ==, 0);

  g_assert_true (change (library, kdl_template_library_revert_async, zh, &error));
  g_assert_no_error (error);
  g_assert_true (kdl_template_entry_get_overridden (zh));
  g_assert_cmpstr (kdl_template_get_body (kdl_template_entry_get_template (zh)), ==, "通用 {reading}");

  /* Deleting a built-in's copy is reverting it. */
  g_assert_true (change (library, kdl_template_library_delete_async, zh, &error));
  g_assert_no_error (error);
  g_assert_false (kdl_template_entry_get_overridden (zh));
  g_assert_true (kdl_template_entry_is_builtin (zh));
}

/* New templates get free names; rename moves the file and the header's
 * name; delete removes both file and entry. */
static void
test_add_rename_delete (void)
{
  g_autoptr(KdlTemplateLibrary) library = kdl_template_library_new (NULL);
  g_autoptr(KdlTemplate) template = kdl_template_new ("mine", KDL_TEMPLATE_KIND_GENERATE);
  g_autoptr(KdlTemplateEntry) first = NULL;
  g_autoptr(KdlTemplateEntry) second = NULL;
  g_autoptr(KdlTemplateEntry) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GFile *old_file;
  g_autofree char *old_path = NULL;

  reload (library);
  kdl_template_set_body (template, "题目：{reading}\n{{不是变量}}");

  first = add (library, template, NULL);
  second = add (library, template, NULL);
  copy = add (library, template, "rebuild");   /* a built-in's name is never taken */
  g_assert_cmpstr (kdl_template_entry_get_name (first), ==, "mine");
  g_assert_cmpstr (kdl_template_entry_get_name (second), ==, "mine-2");
  g_assert_cmpstr (kdl_template_entry_get_name (copy), ==, "rebuild-2");
  g_assert_cmpuint (count_user_entries (library), ==, 3);

  path = user_path (library, "mine-2.tmpl");
  g_assert_cmpstr (g_file_peek_path (kdl_template_entry_get_file (second)), ==, path);
  text = read_file (kdl_template_entry_get_file (second));
  g_assert_cmpstr (text, ==, "name: mine-2\nkind: generate\n---\n题目：{reading}\n{{不是变量}}\n");

  /* Names that are not free. */
  g_assert_false (rename_entry (library, second, "mine", &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (rename_entry (library, second, "judge", &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (rename_entry (library, second, "a/b", &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (rename_entry (library, kdl_template_library_find (library, "judge", "zh"), "mine-3", &error));
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  old_file = kdl_template_entry_get_file (second);
  old_path = g_file_get_path (old_file);
  g_assert_true (rename_entry (library, second, "阅读题 生成", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (kdl_template_entry_get_name (second), ==, "阅读题 生成");
  g_clear_pointer (&path, g_free);
  path = user_path (library, "阅读题 生成.tmpl");
  g_assert_cmpstr (kdl_template_entry_get_key (second), ==, path);
  g_clear_pointer (&text, g_free);
  text = read_file (kdl_template_entry_get_file (second));
  g_assert_cmpstr (text, ==, "name: 阅读题 生成\nkind: generate\n---\n题目：{reading}\n{{不是变量}}\n");

  g_assert_true (change (library, kdl_template_library_delete_async, second, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_user_entries (library), ==, 2);
  g_assert_null (kdl_template_library_lookup_key (library, path));

  /* A reload finds what is on disk. */
  reload (library);
  g_assert_cmpuint (count_user_entries (library), ==, 2);
  g_assert_nonnull (kdl_template_library_find (library, "mine", NULL));
  g_assert_nonnull (kdl_template_library_find (library, "rebuild-2", NULL));
}

/* Import reads any file (errors name its line), export writes one. */
static void
test_import_export (void)
{
  g_autoptr(KdlTemplateLibrary) library = kdl_template_library_new (NULL);
  g_autofree char *good = kdl_test_write_file ("good.tmpl", "name: judge\nkind: judge\nscore_max: 44\n---\n打分 {generated}\n", -1);
  g_autofree char *bad = kdl_test_write_file ("bad.tmpl", "name: x\nkind: maybe\n---\nbody\n", -1);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KdlTemplateEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *text = NULL;

  reload (library);

  kdl_template_library_import_async (library, bad_file, NULL, store_result, &result);
  entry = kdl_template_library_add_finish (library, wait_result (&result), &error);
  g_assert_null (entry);
  g_assert_error (error, KDL_TEMPLATE_ERROR, KDL_TEMPLATE_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (count_user_entries (library), ==, 0);

  /* Named "judge" inside: imported beside the built-in, never over it. */
  kdl_template_library_import_async (library, good_file, NULL, store_result, &result);
  entry = kdl_template_library_add_finish (library, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdl_template_entry_get_name (entry), ==, "judge-2");
  g_assert_cmpint (kdl_template_entry_get_kind (entry), ==, KDL_TEMPLATE_KIND_JUDGE);
  g_assert_false (kdl_template_entry_get_overridden (kdl_template_library_find (library, "judge", "zh")));
  g_clear_object (&result);

  {
    g_autofree char *dir = g_path_get_dirname (good);

    /* A folder that does not exist yet is made. */
    out_path = g_build_filename (dir, "exported", "judge-2.tmpl", NULL);
  }
  out = g_file_new_for_path (out_path);
  kdl_template_library_export_async (library, kdl_template_entry_get_template (entry), out, NULL, store_result, &result);
  g_assert_true (kdl_template_library_change_finish (library, wait_result (&result), &error));
  g_assert_no_error (error);
  text = read_file (out);
  g_assert_cmpstr (text, ==, "name: judge-2\nkind: judge\nscore_max: 44\n---\n打分 {generated}\n");
}

/* A broken user file is reported, never skipped in silence. */
static void
test_broken_user_file (void)
{
  g_autoptr(KdlTemplateLibrary) library = kdl_template_library_new (NULL);
  GError *error;

  write_user_file (library, "broken.tmpl", "name: broken\nno colon here\n---\nx\n");
  write_user_file (library, "fine.tmpl", "kind: generate\n---\n{reading}\n");
  reload (library);

  g_assert_cmpuint (kdl_template_library_get_errors (library)->len, ==, 1);
  error = g_ptr_array_index (kdl_template_library_get_errors (library), 0);
  g_assert_nonnull (strstr (error->message, "broken.tmpl"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (kdl_template_library_find (library, "fine", NULL));
  g_assert_cmpuint (count_user_entries (library), ==, 1);
}

/* The documented heuristic: CJK 1 each, words 1.3, other marks 1 per run. */
static void
test_token_estimate (void)
{
  g_assert_cmpuint (kdl_text_estimate_tokens (NULL, -1), ==, 0);
  g_assert_cmpuint (kdl_text_estimate_tokens ("", -1), ==, 0);
  g_assert_cmpuint (kdl_text_estimate_tokens ("  \n\t", -1), ==, 0);
  g_assert_cmpuint (kdl_text_estimate_tokens ("阅读文本", -1), ==, 4);
  g_assert_cmpuint (kdl_text_estimate_tokens ("你好，世界。", -1), ==, 6);
  g_assert_cmpuint (kdl_text_estimate_tokens ("hello", -1), ==, 2);           /* 1.3 ↑ */
  g_assert_cmpuint (kdl_text_estimate_tokens ("hello world", -1), ==, 3);     /* 2.6 ↑ */
  g_assert_cmpuint (kdl_text_estimate_tokens ("don't stop-gap 2024", -1), ==, 4);  /* 3 words */
  g_assert_cmpuint (kdl_text_estimate_tokens ("### 阅读文本", -1), ==, 5);
  g_assert_cmpuint (kdl_text_estimate_tokens ("a, b.", -1), ==, 5);          /* 2.6 + 2 */
  g_assert_cmpuint (kdl_text_estimate_tokens ("答案:B", -1), ==, 5);          /* 2 + 1 + 1.3 */
  /* Ten words: 13. */
  g_assert_cmpuint (kdl_text_estimate_tokens ("one two three four five six seven eight nine ten", -1), ==, 13);
  /* A length stops early. */
  g_assert_cmpuint (kdl_text_estimate_tokens ("阅读文本", strlen ("阅读")), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/template-library/builtins", test_builtins_listed);
  g_test_add_func ("/template-library/builtin-save-revert", test_builtin_save_revert);
  g_test_add_func ("/template-library/generic-override", test_generic_override);
  g_test_add_func ("/template-library/add-rename-delete", test_add_rename_delete);
  g_test_add_func ("/template-library/import-export", test_import_export);
  g_test_add_func ("/template-library/broken-user-file", test_broken_user_file);
  g_test_add_func ("/template-library/token-estimate", test_token_estimate);

  return g_test_run ();
}
