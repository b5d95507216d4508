/* test-prompts-files.c — the prompt editor's file work in process: save,
 * duplicate, rename, delete, revert, import and export on disk (in the
 * test's own XDG data folder), unsaved changes and closing the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kdl-template-list.h"
#include "kdl-test-gui.h"
#include "kdl-test-prompts.h"
#include "kdl-test-util.h"

/* A new template of one's own: save writes exactly the editor's text. */
static void
test_save_user_template (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *body = "请为下面的文本出四道题。\n\n{reading}\n\n{{格式}}：答案:X";
  g_autofree char *path = kdl_test_prompts_user_file ("untitled.tmpl");
  g_autofree char *on_disk = NULL;
  g_autofree char *expected = NULL;
  KdlTemplateEntry *entry;

  kdl_test_prompts_activate (fixture, "prompts.new");
  entry = kdl_prompts_view_get_entry (fixture->view);
  g_assert_cmpstr (kdl_template_entry_get_name (entry), ==, "untitled");
  g_assert_false (kdl_template_entry_is_builtin (entry));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));

  kdl_test_prompts_set_text (fixture, body);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));
  kdl_test_prompts_activate (fixture, "prompts.save");

  /* No dataset: no language yet, so no language line. */
  on_disk = kdl_test_prompts_read (path);
  expected = g_strdup_printf ("name: untitled\nkind: generate\n---\n%s\n", body);
  g_assert_cmpstr (on_disk, ==, expected);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (kdl_test_find_label (GTK_WIDGET (fixture->view), "Unsaved changes"))));

  /* Saving is Ctrl+S. */
  {
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_SHORTCUT_CONTROLLER (controller))
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_s &&
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK &&
                  GTK_IS_NAMED_ACTION (action))
                found = g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "prompts.save");
            }
      }
    g_object_unref (controllers);
    g_assert_true (found);
  }
}

/* A built-in: saving writes the user copy that overrides it; reverting
 * deletes it and the shipped text comes back. */
static void
test_builtin_save_revert (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdlTemplate) shipped = kdl_template_new_builtin ("judge", "zh", NULL);
  g_autofree char *path = kdl_test_prompts_user_file ("judge.zh.tmpl");
  g_autofree char *on_disk = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KdlTemplate) resolved = NULL;
  KdlTemplateEntry *entry;

  kdl_test_prompts_open (fixture, "judge", "zh");
  entry = kdl_prompts_view_get_entry (fixture->view);
  g_assert_false (gtk_widget_get_sensitive (kdl_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_DROP_DOWN)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "prompts.rename", NULL) &&
                  kdl_test_prompts_find_dialog () != NULL);

  kdl_test_prompts_set_text (fixture, "改过的评分标准：{generated}");
  kdl_test_prompts_activate (fixture, "prompts.save");
  g_assert_true (kdl_template_entry_get_overridden (entry));
  on_disk = kdl_test_prompts_read (path);
  g_assert_true (g_str_has_prefix (on_disk, "name: judge\nkind: judge\n"));
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n改过的评分标准：{generated}\n"));
  resolved = kdl_template_resolve ("judge", "zh", NULL);
  g_assert_cmpstr (kdl_template_get_body (resolved), ==, "改过的评分标准：{generated}");
  g_assert_true (kdl_template_list_get_selected (kdl_prompts_view_get_list (fixture->view)) == entry);

  kdl_test_prompts_activate (fixture, "prompts.revert");
  kdl_test_prompts_respond (fixture, "remove");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (kdl_template_entry_get_overridden (entry));
  text = kdl_test_prompts_get_text (fixture);
  g_assert_cmpstr (text, ==, kdl_template_get_body (shipped));
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));

  /* Reverting unsaved changes only: nothing on disk, the text comes back. */
  kdl_test_prompts_set_text (fixture, "随便改改");
  kdl_test_prompts_activate (fixture, "prompts.revert");
  kdl_test_prompts_respond (fixture, "remove");
  g_clear_pointer (&text, g_free);
  text = kdl_test_prompts_get_text (fixture);
  g_assert_cmpstr (text, ==, kdl_template_get_body (shipped));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
set_dialog_entry (const char *text)
{
  AdwMessageDialog *dialog = kdl_test_prompts_find_dialog ();
  GtkWidget *entry;

  g_assert_nonnull (dialog);
  entry = kdl_test_find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* Duplicate (with the editor's changes), rename, delete, all on disk. */
static void
test_duplicate_rename_delete (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *copy_path = kdl_test_prompts_user_file ("judge-2.tmpl");
  g_autofree char *renamed_path = kdl_test_prompts_user_file ("我的评委.tmpl");
  g_autofree char *on_disk = NULL;
  KdlTemplateEntry *builtin;
  KdlTemplateEntry *copy;

  kdl_test_prompts_open (fixture, "judge", "zh");
  builtin = kdl_prompts_view_get_entry (fixture->view);
  kdl_test_prompts_set_text (fixture, "只看格式：{generated}");

  kdl_test_prompts_activate (fixture, "prompts.duplicate");
  copy = kdl_prompts_view_get_entry (fixture->view);
  g_assert_true (copy != builtin);
  g_assert_cmpstr (kdl_template_entry_get_name (copy), ==, "judge-2");
  g_assert_false (kdl_template_entry_is_builtin (copy));
  g_assert_false (kdl_template_entry_get_overridden (builtin));
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  on_disk = kdl_test_prompts_read (copy_path);
  g_assert_true (g_str_has_prefix (on_disk, "name: judge-2\nkind: judge\n"));
  g_assert_nonnull (strstr (on_disk, "language: zh\n"));
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n只看格式：{generated}\n"));

  /* A user template's kind and language can change. */
  g_assert_true (gtk_widget_get_sensitive (kdl_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_DROP_DOWN)));

  /* Rename: a taken name is refused in the dialog, a free one moves the file. */
  kdl_test_prompts_activate (fixture, "prompts.rename");
  set_dialog_entry ("judge");
  g_assert_false (adw_message_dialog_get_response_enabled (kdl_test_prompts_find_dialog (), "rename"));
  set_dialog_entry ("我的评委");
  kdl_test_prompts_respond (fixture, "rename");
  g_assert_cmpstr (kdl_template_entry_get_name (copy), ==, "我的评委");
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&on_disk, g_free);
  on_disk = kdl_test_prompts_read (renamed_path);
  g_assert_true (g_str_has_prefix (on_disk, "name: 我的评委\n"));
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n只看格式：{generated}\n"));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (fixture->view), "我的评委"));

  /* Delete asks, then removes file and entry; the default opens. */
  kdl_test_prompts_activate (fixture, "prompts.delete");
  kdl_test_prompts_respond (fixture, "cancel");
  g_assert_true (g_file_test (renamed_path, G_FILE_TEST_EXISTS));
  kdl_test_prompts_activate (fixture, "prompts.delete");
  kdl_test_prompts_respond (fixture, "remove");
  g_assert_false (g_file_test (renamed_path, G_FILE_TEST_EXISTS));
  g_assert_null (kdl_template_library_find (kdl_prompts_view_get_library (fixture->view), "我的评委", NULL));
  g_assert_cmpstr (kdl_template_entry_get_name (kdl_prompts_view_get_entry (fixture->view)), ==, "rebuild");
}

static gboolean
window_gone (gpointer data)
{
  return ((Fixture *)data)->window == NULL;
}

/* Leaving unsaved changes asks: cancel keeps them, save writes them,
 * discard drops them; closing the window asks too. */
static void
test_unsaved_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  KdlTemplateList *list = kdl_prompts_view_get_list (fixture->view);
  KdlTemplateEntry *rebuild = kdl_prompts_view_get_entry (fixture->view);
  KdlTemplateEntry *judge = kdl_test_prompts_find_entry (fixture, "judge", "zh");
  g_autofree char *path = kdl_test_prompts_user_file ("rebuild.zh.tmpl");
  g_autofree char *judge_path = kdl_test_prompts_user_file ("judge.zh.tmpl");
  g_autofree char *on_disk = NULL;

  kdl_test_prompts_set_text (fixture, "留着的改动 {reading}");
  kdl_template_list_select (list, judge);        /* as a click in the list */
  g_assert_nonnull (kdl_test_prompts_find_dialog ());
  kdl_test_prompts_respond (fixture, "cancel");
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == rebuild);
  g_assert_true (kdl_template_list_get_selected (list) == rebuild);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  kdl_template_list_select (list, judge);
  kdl_test_prompts_respond (fixture, "save");
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == judge);
  on_disk = kdl_test_prompts_read (path);
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n留着的改动 {reading}\n"));

  kdl_test_prompts_set_text (fixture, "不要的改动");
  kdl_prompts_view_open (fixture->view, rebuild);
  kdl_test_prompts_respond (fixture, "discard");
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == rebuild);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  g_assert_false (g_file_test (judge_path, G_FILE_TEST_EXISTS));

  /* Closing the window asks; cancel keeps it open, discard closes it. */
  kdl_test_prompts_set_text (fixture, "关窗前的改动");
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_close (fixture->window);
  g_assert_nonnull (fixture->window);
  kdl_test_prompts_respond (fixture, "cancel");
  g_assert_nonnull (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  gtk_window_close (fixture->window);
  kdl_test_prompts_respond (fixture, "discard");
  kdl_test_wait_until (window_gone, fixture, 5000);
}

/* Export writes the editor's template; import adds a copy and opens it. */
static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = kdl_test_write_file ("placeholder.tmpl", "", 0);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autofree char *good = kdl_test_write_file ("shared.tmpl", "name: 共享模板\nkind: generate\nlanguage: zh\n---\n共享的提示 {reading}\n", -1);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autofree char *on_disk = NULL;
  g_autoptr(KdlTemplate) edited = NULL;
  g_autofree char *expected = NULL;

  kdl_test_prompts_set_text (fixture, "导出的内容 {reading}");
  kdl_prompts_view_export_file (fixture->view, out_file);
  kdl_test_prompts_wait_idle (fixture);
  edited = kdl_template_editor_dup_template (fixture->editor, NULL);
  expected = kdl_template_to_text (edited);
  on_disk = kdl_test_prompts_read (out);
  g_assert_cmpstr (on_disk, ==, expected);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  kdl_test_prompts_activate (fixture, "prompts.revert");
  kdl_test_prompts_respond (fixture, "remove");
  kdl_prompts_view_import_file (fixture->view, good_file);
  kdl_test_prompts_wait_idle (fixture);
  g_assert_cmpstr (kdl_template_entry_get_name (kdl_prompts_view_get_entry (fixture->view)), ==, "共享模板");
  g_clear_pointer (&on_disk, g_free);
  {
    g_autofree char *copy = kdl_test_prompts_user_file ("共享模板.tmpl");
    g_autofree char *body = kdl_test_prompts_get_text (fixture);

    on_disk = kdl_test_prompts_read (copy);
    g_assert_true (g_str_has_suffix (on_disk, "---\n共享的提示 {reading}\n"));
    g_assert_cmpstr (body, ==, "共享的提示 {reading}");
  }
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_prompts_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, kdl_test_prompts_set_up, func, kdl_test_prompts_tear_down)
  ADD ("/prompts-files/save-user-template", test_save_user_template);
  ADD ("/prompts-files/builtin-save-revert", test_builtin_save_revert);
  ADD ("/prompts-files/duplicate-rename-delete", test_duplicate_rename_delete);
  ADD ("/prompts-files/unsaved-changes", test_unsaved_changes);
  ADD ("/prompts-files/import-export", test_import_export);
#undef ADD

  return g_test_run ();
}
