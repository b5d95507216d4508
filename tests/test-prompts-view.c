/* test-prompts-view.c — the prompt editor in process: live preview after
 * the throttle, placeholder tags, the palette, save/duplicate/rename/
 * delete/revert on disk, undo/redo, the previewed row, built-ins in the
 * dataset's language, unsaved changes
 *
 * Each test has its own XDG data folder (G_TEST_OPTION_ISOLATE_DIRS), so
 * user templates land in a fresh ~/.local/share/kindling/templates.  The
 * same isolation hides the system's data folders: no GtkSourceView style
 * schemes, which the editor does without.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kdl-prompts-view.h"
#include "kdl-row-vars.h"
#include "kdl-score-bench.h"
#include "kdl-template-editor.h"
#include "kdl-template-list.h"
#include "kdl-template-preview.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"
#include "kdl-variable-palette.h"
#include "kdl-workspace.h"

typedef struct
{
  GtkWindow          *window;
  KdlPromptsView     *view;
  KdlWorkspace       *workspace;
  KdlTemplateEditor  *editor;
  KdlTemplatePreview *preview;
  GtkTextBuffer      *buffer;
} Fixture;

static gboolean
view_ready (gpointer data)
{
  Fixture *fixture = data;

  return kdl_prompts_view_get_entry (fixture->view) != NULL && !kdl_prompts_view_get_busy (fixture->view);
}

static gboolean
view_idle (gpointer data)
{
  Fixture *fixture = data;

  return !kdl_prompts_view_get_busy (fixture->view);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = kdl_workspace_new (NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 760);
  fixture->view = KDL_PROMPTS_VIEW (kdl_prompts_view_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *)&fixture->view);
  kdl_prompts_view_set_workspace (fixture->view, fixture->workspace);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);

  fixture->editor = kdl_prompts_view_get_editor (fixture->view);
  fixture->preview = kdl_prompts_view_get_preview (fixture->view);
  fixture->buffer = GTK_TEXT_BUFFER (kdl_template_editor_get_buffer (fixture->editor));

  kdl_test_wait_until (view_ready, fixture, 10000);
}

static gboolean
view_gone (gpointer data)
{
  return ((Fixture *)data)->view == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      kdl_test_wait_until (view_idle, fixture, 10000);
      gtk_window_destroy (fixture->window);
    }
  /* Nothing keeps the view alive once its work is done. */
  kdl_test_wait_until (view_gone, fixture, 10000);
  g_assert_finalize_object (fixture->workspace);
}

static void
set_text (Fixture    *fixture,
          const char *text)
{
  gtk_text_buffer_set_text (fixture->buffer, text, -1);
}

static char *
get_text (Fixture *fixture)
{
  return kdl_template_editor_dup_body (fixture->editor);
}

typedef struct
{
  Fixture *fixture;
  guint    renders;
} RenderWait;

static gboolean
rendered_since (gpointer data)
{
  RenderWait *wait = data;

  return kdl_template_preview_get_n_renders (wait->fixture->preview) > wait->renders;
}

/* Waits for the throttled update after an edit. */
static void
wait_render (Fixture *fixture,
             guint    renders)
{
  RenderWait wait = { fixture, renders };

  kdl_test_wait_until (rendered_since, &wait, 5000);
}

static KdlTemplateEntry *
find_entry (Fixture    *fixture,
            const char *name,
            const char *language)
{
  KdlTemplateEntry *entry = kdl_template_library_find (kdl_prompts_view_get_library (fixture->view), name, language);

  g_assert_nonnull (entry);
  return entry;
}

static void
open_entry (Fixture    *fixture,
            const char *name,
            const char *language)
{
  KdlTemplateEntry *entry = find_entry (fixture, name, language);

  kdl_prompts_view_open (fixture->view, entry);
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == entry);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), action, NULL));
  kdl_test_wait_until (view_idle, fixture, 10000);
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Answers the dialog the last step opened. */
static void
respond (Fixture    *fixture,
         const char *response)
{
  AdwMessageDialog *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* As a click does: the response, then the dialog closes. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  kdl_test_wait_until (view_idle, fixture, 10000);
}

static char *
user_file_path (const char *base)
{
  g_autofree char *dir = kdl_template_get_user_dir ();

  return g_build_filename (dir, base, NULL);
}

static char *
read_path (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&text);
}

static KdlDataset *
load_sample (const char *name)
{
  g_autofree char *path = kdl_test_sample_path (name);

  return kdl_test_load (path, NULL);
}

/* The reading of a dataset position, as the preview would insert it. */
static char *
reading_of (KdlDataset *dataset,
            guint       position)
{
  g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, position);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_autoptr(GHashTable) vars = kdl_row_vars_new (map, record);

  return g_strdup (g_hash_table_lookup (vars, "reading"));
}

static gboolean
has_tag_at (Fixture    *fixture,
            const char *tag_name,
            int         from,
            int         to)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (fixture->buffer), tag_name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  for (int offset = from; offset < to; offset++)
    {
      gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, offset);
      if (!gtk_text_iter_has_tag (&iter, tag))
        return FALSE;
    }

  /* The tag stops at the placeholder's end. */
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, to);
  return !gtk_text_iter_has_tag (&iter, tag) || gtk_text_iter_starts_tag (&iter, tag);
}

static int
char_offset (const char *text,
             const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

/* Without a dataset the default is the Chinese rebuild; typing updates the
 * preview only after the throttle, then with the typed text and its size. */
static void
test_preview_follows_typing (Fixture       *fixture,
                             gconstpointer  data)
{
  KdlTemplateEntry *entry = kdl_prompts_view_get_entry (fixture->view);
  guint renders = kdl_template_preview_get_n_renders (fixture->preview);
  const char *text;
  GtkTextIter end;

  g_assert_cmpstr (kdl_template_entry_get_name (entry), ==, "rebuild");
  g_assert_cmpstr (kdl_template_entry_get_language (entry), ==, "zh");
  g_assert_nonnull (kdl_template_preview_get_text (fixture->preview));
  /* No dataset: variables show as their names. */
  g_assert_nonnull (strstr (kdl_template_preview_get_text (fixture->preview), "⟨reading⟩"));

  gtk_text_buffer_get_end_iter (fixture->buffer, &end);
  gtk_text_buffer_insert (fixture->buffer, &end, "\n补充要求：题干不超过三十字。", -1);

  g_assert_true (kdl_template_editor_get_modified (fixture->editor));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->view)) == FALSE);
  g_assert_cmpuint (kdl_template_preview_get_n_renders (fixture->preview), ==, renders);
  g_assert_null (strstr (kdl_template_preview_get_text (fixture->preview), "补充要求"));

  wait_render (fixture, renders);
  text = kdl_template_preview_get_text (fixture->preview);
  g_assert_true (g_str_has_suffix (text, "\n补充要求：题干不超过三十字。"));
  g_assert_cmpuint (kdl_template_preview_get_n_chars (fixture->preview), ==, g_utf8_strlen (text, -1));
  g_assert_cmpuint (kdl_template_preview_get_n_tokens (fixture->preview), >, 0);
  g_assert_cmpuint (kdl_template_preview_get_n_tokens (fixture->preview), <=,
                    kdl_template_preview_get_n_chars (fixture->preview));

  /* A burst of typing renders about once per throttle, not per key. */
  renders = kdl_template_preview_get_n_renders (fixture->preview);
  for (guint i = 0; i < 20; i++)
    {
      gtk_text_buffer_get_end_iter (fixture->buffer, &end);
      gtk_text_buffer_insert (fixture->buffer, &end, "字", -1);
    }
  wait_render (fixture, renders);
  g_assert_cmpuint (kdl_template_preview_get_n_renders (fixture->preview), ==, renders + 1);
  g_assert_true (g_str_has_suffix (kdl_template_preview_get_text (fixture->preview), "三十字。" "字字字字字字字字字字字字字字字字字字字字"));
}

/* An unknown placeholder gets the "unknown" tag at its offsets and the
 * preview names it and its line; a known one the highlight; a lone brace
 * the "invalid" tag. */
static void
test_placeholder_tags (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *body = "第一行：{{不是变量}}\n请阅读 {reading} 并参考 {没有这个}。\nend } here";
  guint renders = kdl_template_preview_get_n_renders (fixture->preview);
  int known = char_offset (body, "{reading}");
  int unknown = char_offset (body, "{没有这个}");
  int lone = char_offset (body, "} here");
  int escaped = char_offset (body, "{{");
  const char *error;

  set_text (fixture, body);
  wait_render (fixture, renders);

  g_assert_true (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_KNOWN, known, known + 9));
  g_assert_false (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_UNKNOWN, known, known + 9));
  g_assert_true (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_UNKNOWN, unknown, unknown + 6));
  g_assert_false (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_KNOWN, unknown, unknown + 6));
  g_assert_true (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_INVALID, lone, lone + 1));
  g_assert_false (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_KNOWN, escaped, escaped + 2));
  g_assert_false (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_UNKNOWN, escaped, escaped + 2));

  g_assert_null (kdl_template_preview_get_text (fixture->preview));
  error = kdl_template_preview_get_error (fixture->preview);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "{没有这个}"));
  g_assert_nonnull (strstr (error, "line 2"));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (fixture->preview), error));

  /* Fixed: the tags move on, the preview renders again. */
  renders = kdl_template_preview_get_n_renders (fixture->preview);
  set_text (fixture, "请阅读 {reading}。{{字面的大括号}}");
  wait_render (fixture, renders);
  g_assert_null (kdl_template_preview_get_error (fixture->preview));
  g_assert_cmpstr (kdl_template_preview_get_text (fixture->preview), ==, "请阅读 ⟨reading⟩。{字面的大括号}");
  g_assert_true (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_KNOWN, 4, 13));
}

/* A palette button puts "{reading}" at the cursor, as one undoable step. */
static void
test_palette_inserts (Fixture       *fixture,
                      gconstpointer  data)
{
  KdlVariablePalette *palette = kdl_template_editor_get_palette (fixture->editor);
  GtkWidget *button;
  GtkTextIter iter;
  g_autofree char *text = NULL;

  set_text (fixture, "前文后文");
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 2);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);

  g_assert_true (g_strv_contains (kdl_variable_palette_get_names (palette), "reading"));
  button = kdl_variable_palette_get_button (palette, "reading");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "{reading}");
  g_signal_emit_by_name (button, "clicked");

  text = get_text (fixture);
  g_assert_cmpstr (text, ==, "前文{reading}后文");
  gtk_text_buffer_get_iter_at_mark (fixture->buffer, &iter, gtk_text_buffer_get_insert (fixture->buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 2 + 9);

  gtk_text_buffer_undo (fixture->buffer);
  g_clear_pointer (&text, g_free);
  text = get_text (fixture);
  g_assert_cmpstr (text, ==, "前文后文");
}

/* Undo and redo, through the view's actions; loading cannot be undone. */
static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *original = get_text (fixture);
  g_autofree char *text = NULL;
  GtkTextIter end;

  g_assert_false (gtk_text_buffer_get_can_undo (fixture->buffer));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "prompts.undo", NULL) &&
                  gtk_text_buffer_get_can_redo (fixture->buffer));

  gtk_text_buffer_get_end_iter (fixture->buffer, &end);
  gtk_text_buffer_begin_user_action (fixture->buffer);
  gtk_text_buffer_insert_interactive (fixture->buffer, &end, "\n新增一行", -1, TRUE);
  gtk_text_buffer_end_user_action (fixture->buffer);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  activate (fixture, "prompts.undo");
  text = get_text (fixture);
  g_assert_cmpstr (text, ==, original);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  g_assert_false (gtk_text_buffer_get_can_undo (fixture->buffer));

  activate (fixture, "prompts.redo");
  g_clear_pointer (&text, g_free);
  text = get_text (fixture);
  g_assert_true (g_str_has_suffix (text, "\n新增一行"));
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  /* Opening another template starts a new history. */
  activate (fixture, "prompts.undo");
  open_entry (fixture, "judge", "zh");
  g_assert_false (gtk_text_buffer_get_can_undo (fixture->buffer));
}

/* A new template of one's own: save writes exactly the editor's text. */
static void
test_save_user_template (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *body = "请为下面的文本出四道题。\n\n{reading}\n\n{{格式}}：答案:X";
  g_autofree char *path = user_file_path ("untitled.tmpl");
  g_autofree char *on_disk = NULL;
  g_autofree char *expected = NULL;
  KdlTemplateEntry *entry;

  activate (fixture, "prompts.new");
  entry = kdl_prompts_view_get_entry (fixture->view);
  g_assert_cmpstr (kdl_template_entry_get_name (entry), ==, "untitled");
  g_assert_false (kdl_template_entry_is_builtin (entry));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));

  set_text (fixture, body);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));
  activate (fixture, "prompts.save");

  /* No dataset: no language yet, so no language line. */
  on_disk = read_path (path);
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
  g_autofree char *path = user_file_path ("judge.zh.tmpl");
  g_autofree char *on_disk = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KdlTemplate) resolved = NULL;
  KdlTemplateEntry *entry;

  open_entry (fixture, "judge", "zh");
  entry = kdl_prompts_view_get_entry (fixture->view);
  g_assert_false (gtk_widget_get_sensitive (kdl_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_DROP_DOWN)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "prompts.rename", NULL) &&
                  find_dialog () != NULL);

  set_text (fixture, "改过的评分标准：{generated}");
  activate (fixture, "prompts.save");
  g_assert_true (kdl_template_entry_get_overridden (entry));
  on_disk = read_path (path);
  g_assert_true (g_str_has_prefix (on_disk, "name: judge\nkind: judge\n"));
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n改过的评分标准：{generated}\n"));
  resolved = kdl_template_resolve ("judge", "zh", NULL);
  g_assert_cmpstr (kdl_template_get_body (resolved), ==, "改过的评分标准：{generated}");
  g_assert_true (kdl_template_list_get_selected (kdl_prompts_view_get_list (fixture->view)) == entry);

  activate (fixture, "prompts.revert");
  respond (fixture, "remove");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (kdl_template_entry_get_overridden (entry));
  text = get_text (fixture);
  g_assert_cmpstr (text, ==, kdl_template_get_body (shipped));
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));

  /* Reverting unsaved changes only: nothing on disk, the text comes back. */
  set_text (fixture, "随便改改");
  activate (fixture, "prompts.revert");
  respond (fixture, "remove");
  g_clear_pointer (&text, g_free);
  text = get_text (fixture);
  g_assert_cmpstr (text, ==, kdl_template_get_body (shipped));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
set_dialog_entry (const char *text)
{
  AdwMessageDialog *dialog = find_dialog ();
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
  g_autofree char *copy_path = user_file_path ("judge-2.tmpl");
  g_autofree char *renamed_path = user_file_path ("我的评委.tmpl");
  g_autofree char *on_disk = NULL;
  KdlTemplateEntry *builtin;
  KdlTemplateEntry *copy;

  open_entry (fixture, "judge", "zh");
  builtin = kdl_prompts_view_get_entry (fixture->view);
  set_text (fixture, "只看格式：{generated}");

  activate (fixture, "prompts.duplicate");
  copy = kdl_prompts_view_get_entry (fixture->view);
  g_assert_true (copy != builtin);
  g_assert_cmpstr (kdl_template_entry_get_name (copy), ==, "judge-2");
  g_assert_false (kdl_template_entry_is_builtin (copy));
  g_assert_false (kdl_template_entry_get_overridden (builtin));
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  on_disk = read_path (copy_path);
  g_assert_true (g_str_has_prefix (on_disk, "name: judge-2\nkind: judge\n"));
  g_assert_nonnull (strstr (on_disk, "language: zh\n"));
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n只看格式：{generated}\n"));

  /* A user template's kind and language can change. */
  g_assert_true (gtk_widget_get_sensitive (kdl_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_DROP_DOWN)));

  /* Rename: a taken name is refused in the dialog, a free one moves the file. */
  activate (fixture, "prompts.rename");
  set_dialog_entry ("judge");
  g_assert_false (adw_message_dialog_get_response_enabled (find_dialog (), "rename"));
  set_dialog_entry ("我的评委");
  respond (fixture, "rename");
  g_assert_cmpstr (kdl_template_entry_get_name (copy), ==, "我的评委");
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_path (renamed_path);
  g_assert_true (g_str_has_prefix (on_disk, "name: 我的评委\n"));
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n只看格式：{generated}\n"));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (fixture->view), "我的评委"));

  /* Delete asks, then removes file and entry; the default opens. */
  activate (fixture, "prompts.delete");
  respond (fixture, "cancel");
  g_assert_true (g_file_test (renamed_path, G_FILE_TEST_EXISTS));
  activate (fixture, "prompts.delete");
  respond (fixture, "remove");
  g_assert_false (g_file_test (renamed_path, G_FILE_TEST_EXISTS));
  g_assert_null (kdl_template_library_find (kdl_prompts_view_get_library (fixture->view), "我的评委", NULL));
  g_assert_cmpstr (kdl_template_entry_get_name (kdl_prompts_view_get_entry (fixture->view)), ==, "rebuild");
}

/* With a dataset, the preview shows the current row's passage and follows
 * current-position; the palette offers the dataset's columns. */
static void
test_dataset_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdlDataset) dataset = load_sample ("sample-zh.csv");
  g_autofree char *first = reading_of (dataset, 0);
  g_autofree char *fourth = reading_of (dataset, 3);
  KdlVariablePalette *palette = kdl_template_editor_get_palette (fixture->editor);
  const char *text;

  kdl_workspace_set_dataset (fixture->workspace, dataset);
  text = kdl_template_preview_get_text (fixture->preview);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, first));
  g_assert_null (strstr (text, "⟨reading⟩"));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (fixture->preview), "Row 1 (1 of 8)"));
  g_assert_true (g_strv_contains (kdl_variable_palette_get_names (palette), "阅读文本"));
  g_assert_true (g_strv_contains (kdl_variable_palette_get_names (palette), "mcq"));

  kdl_workspace_set_current_position (fixture->workspace, 3);
  text = kdl_template_preview_get_text (fixture->preview);
  g_assert_nonnull (strstr (text, fourth));
  g_assert_null (strstr (text, first));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (fixture->preview), "Row 4 (4 of 8)"));

  /* The row buttons move through the dataset. */
  activate (fixture, "prompts.previous-row");
  g_assert_cmpint (kdl_workspace_get_current_position (fixture->workspace), ==, 2);
  activate (fixture, "prompts.next-row");
  activate (fixture, "prompts.next-row");
  g_assert_cmpint (kdl_workspace_get_current_position (fixture->workspace), ==, 4);

  /* A column is a known placeholder now, and renders. */
  {
    guint renders = kdl_template_preview_get_n_renders (fixture->preview);
    g_autofree char *fifth = reading_of (dataset, 4);

    set_text (fixture, "{阅读文本}");
    wait_render (fixture, renders);
    g_assert_true (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_KNOWN, 0, 6));
    g_assert_nonnull (strstr (kdl_template_preview_get_text (fixture->preview), g_strstrip (fifth)));
  }

  /* A judge gets the row's original questions as {generated}. */
  activate (fixture, "prompts.revert");
  respond (fixture, "remove");
  open_entry (fixture, "judge", "zh");
  {
    g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, 4);
    g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
    g_autoptr(GHashTable) vars = kdl_row_vars_new (map, record);
    const char *mcq = g_hash_table_lookup (vars, "mcq");

    g_assert_nonnull (mcq);
    g_assert_cmpstr (mcq, !=, "");
    g_assert_nonnull (strstr (kdl_template_preview_get_text (fixture->preview), mcq));
  }

  kdl_workspace_set_dataset (fixture->workspace, NULL);
  g_assert_nonnull (strstr (kdl_template_preview_get_text (fixture->preview), "⟨reading⟩"));
}

/* A Chinese passage previews the Chinese built-in, never the English one. */
static void
test_chinese_task_zh_builtin (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KdlDataset) dataset = load_sample ("sample-zh.csv");
  g_autoptr(KdlTemplate) zh = kdl_template_new_builtin ("expand", "zh", NULL);
  g_autoptr(KdlTemplate) en = kdl_template_new_builtin ("expand", "en", NULL);
  g_auto(GStrv) en_lines = g_strsplit (kdl_template_get_body (en), "\n", 2);
  g_auto(GStrv) zh_lines = g_strsplit (kdl_template_get_body (zh), "\n", 2);
  g_autofree char *reading = reading_of (dataset, 0);
  g_auto(GStrv) warnings = NULL;
  const char *text;

  open_entry (fixture, "expand", "en");
  kdl_workspace_set_dataset (fixture->workspace, dataset);

  g_assert_cmpstr (kdl_template_entry_get_language (kdl_prompts_view_get_entry (fixture->view)), ==, "zh");
  g_assert_cmpstr (kdl_template_entry_get_name (kdl_prompts_view_get_entry (fixture->view)), ==, "expand");
  text = kdl_template_preview_get_text (fixture->preview);
  g_assert_true (g_str_has_prefix (text, zh_lines[0]));
  g_assert_null (strstr (text, en_lines[0]));
  g_assert_nonnull (strstr (text, reading));
  warnings = kdl_template_preview_dup_warnings (fixture->preview);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);

  /* Chosen on purpose with changes, the English one stays, with a warning. */
  open_entry (fixture, "expand", "en");
  set_text (fixture, "Write questions for: {reading}");
  kdl_template_editor_update_now (fixture->editor);
  kdl_workspace_set_current_position (fixture->workspace, 1);
  g_assert_cmpstr (kdl_template_entry_get_language (kdl_prompts_view_get_entry (fixture->view)), ==, "en");
  g_clear_pointer (&warnings, g_strfreev);
  warnings = kdl_template_preview_dup_warnings (fixture->preview);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "Chinese"));
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
  KdlTemplateEntry *judge = find_entry (fixture, "judge", "zh");
  g_autofree char *path = user_file_path ("rebuild.zh.tmpl");
  g_autofree char *judge_path = user_file_path ("judge.zh.tmpl");
  g_autofree char *on_disk = NULL;

  set_text (fixture, "留着的改动 {reading}");
  kdl_template_list_select (list, judge);        /* as a click in the list */
  g_assert_nonnull (find_dialog ());
  respond (fixture, "cancel");
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == rebuild);
  g_assert_true (kdl_template_list_get_selected (list) == rebuild);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  kdl_template_list_select (list, judge);
  respond (fixture, "save");
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == judge);
  on_disk = read_path (path);
  g_assert_true (g_str_has_suffix (on_disk, "\n---\n留着的改动 {reading}\n"));

  set_text (fixture, "不要的改动");
  kdl_prompts_view_open (fixture->view, rebuild);
  respond (fixture, "discard");
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == rebuild);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  g_assert_false (g_file_test (judge_path, G_FILE_TEST_EXISTS));

  /* Closing the window asks; cancel keeps it open, discard closes it. */
  set_text (fixture, "关窗前的改动");
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_close (fixture->window);
  g_assert_nonnull (fixture->window);
  respond (fixture, "cancel");
  g_assert_nonnull (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  gtk_window_close (fixture->window);
  respond (fixture, "discard");
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

  set_text (fixture, "导出的内容 {reading}");
  kdl_prompts_view_export_file (fixture->view, out_file);
  kdl_test_wait_until (view_idle, fixture, 10000);
  edited = kdl_template_editor_dup_template (fixture->editor, NULL);
  expected = kdl_template_to_text (edited);
  on_disk = read_path (out);
  g_assert_cmpstr (on_disk, ==, expected);
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  activate (fixture, "prompts.revert");
  respond (fixture, "remove");
  kdl_prompts_view_import_file (fixture->view, good_file);
  kdl_test_wait_until (view_idle, fixture, 10000);
  g_assert_cmpstr (kdl_template_entry_get_name (kdl_prompts_view_get_entry (fixture->view)), ==, "共享模板");
  g_clear_pointer (&on_disk, g_free);
  {
    g_autofree char *copy = user_file_path ("共享模板.tmpl");
    g_autofree char *body = get_text (fixture);

    on_disk = read_path (copy);
    g_assert_true (g_str_has_suffix (on_disk, "---\n共享的提示 {reading}\n"));
    g_assert_cmpstr (body, ==, "共享的提示 {reading}");
  }
}

/* The widget of @type whose tooltip or placeholder is @text. */
static GtkWidget *
find_described (GtkWidget  *root,
                GType       type,
                const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (g_strcmp0 (gtk_widget_get_tooltip_text (root), text) == 0 ||
       (GTK_IS_ENTRY (root) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (root)), text) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_described (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const KdlScoreResult *
bench_example (KdlScoreBench *bench,
               guint          i)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bench), "bench.example", "u", i));
  return kdl_score_bench_get_result (bench);
}

/* A judge gets the score bench: a reply's score, parts, or why it is
 * unparsed, with the score_max and score_pattern being edited. */
static void
test_score_bench (Fixture       *fixture,
                  gconstpointer  data)
{
  KdlScoreBench *bench = KDL_SCORE_BENCH (kdl_test_find_widget (GTK_WIDGET (fixture->view), KDL_TYPE_SCORE_BENCH));
  GtkWidget *switcher = kdl_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_STACK_SWITCHER);
  GtkSpinButton *score_max;
  GtkEditable *pattern;
  const KdlScoreResult *result;
  double part;

  g_assert_nonnull (bench);
  g_assert_false (gtk_widget_get_visible (switcher));   /* rebuild is no judge */

  open_entry (fixture, "judge", "zh");
  g_assert_true (gtk_widget_get_visible (switcher));
  g_assert_cmpuint (kdl_score_bench_get_n_examples (), ==, 5);

  result = bench_example (bench, 0);
  g_assert_true (result->parsed);
  g_assert_cmpfloat (result->score, ==, 84);
  g_assert_false (result->over_max);
  g_assert_cmpuint (result->parts->len, ==, 6);
  g_assert_true (kdl_score_result_get_part (result, "答案正确性", &part));
  g_assert_cmpfloat (part, ==, 24);
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (bench), "Score 84 of 100"));

  result = bench_example (bench, 1);
  g_assert_false (result->parsed);
  g_assert_cmpint (result->unparsed_reason, ==, KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY);
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (bench), "No score (placeholder-only)"));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (bench), kdl_score_unparsed_describe (KDL_SCORE_UNPARSED_PLACEHOLDER_ONLY)));

  result = bench_example (bench, 2);
  g_assert_cmpfloat (result->score, ==, 41);

  result = bench_example (bench, 3);
  g_assert_cmpfloat (result->score, ==, 105);
  g_assert_true (result->over_max);

  result = bench_example (bench, 4);
  g_assert_cmpfloat (result->score, ==, 84);

  /* The header as edited: a lower maximum, then a pattern. */
  score_max = GTK_SPIN_BUTTON (find_described (GTK_WIDGET (fixture->editor), GTK_TYPE_SPIN_BUTTON,
                                               "The highest score the judge can give"));
  g_assert_nonnull (score_max);
  gtk_spin_button_set_value (score_max, 80);
  kdl_template_editor_update_now (fixture->editor);
  g_assert_true (kdl_score_bench_get_result (bench)->over_max);

  pattern = GTK_EDITABLE (find_described (GTK_WIDGET (fixture->editor), GTK_TYPE_ENTRY,
                                          "Score pattern (a regular expression; empty reads “总分:XX分”)"));
  gtk_editable_set_text (pattern, "得分=(\\d+)");
  kdl_template_editor_update_now (fixture->editor);
  g_assert_cmpint (kdl_score_bench_get_result (bench)->unparsed_reason, ==, KDL_SCORE_UNPARSED_PATTERN_NO_MATCH);
  kdl_score_bench_set_reply (bench, "最终 得分=37");
  g_assert_cmpfloat (kdl_score_bench_get_result (bench)->score, ==, 37);

  gtk_editable_set_text (pattern, "(unclosed");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pattern), "error"));
  kdl_template_editor_update_now (fixture->editor);
  g_assert_cmpint (kdl_score_bench_get_result (bench)->unparsed_reason, ==, KDL_SCORE_UNPARSED_BAD_PATTERN);
}

/* A long error above the prompt takes its room; it never covers the text. */
static void
test_error_layout (Fixture       *fixture,
                   gconstpointer  data)
{
  guint renders = kdl_template_preview_get_n_renders (fixture->preview);
  GtkWidget *label;
  GtkWidget *scroller;
  graphene_rect_t label_bounds, scroller_bounds;

  set_text (fixture, "Match the difficulty to {level} and keep {{braces}} literal, with a long line of text after it.");
  wait_render (fixture, renders);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  kdl_test_spin (200);

  label = kdl_test_find_label (GTK_WIDGET (fixture->preview), kdl_template_preview_get_error (fixture->preview));
  scroller = kdl_test_find_widget (GTK_WIDGET (fixture->preview), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (label);
  g_assert_nonnull (scroller);
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (fixture->preview), &label_bounds));
  g_assert_true (gtk_widget_compute_bounds (scroller, GTK_WIDGET (fixture->preview), &scroller_bounds));
  g_test_message ("label %g+%g, scroller from %g; preview %d wide",
                  label_bounds.origin.y, label_bounds.size.height, scroller_bounds.origin.y,
                  gtk_widget_get_width (GTK_WIDGET (fixture->preview)));
  {
    int min_height;

    gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, (int)label_bounds.size.width, &min_height, NULL, NULL, NULL);
    g_assert_cmpfloat (label_bounds.size.height, >=, min_height);
  }
  g_assert_cmpfloat (label_bounds.origin.y + label_bounds.size.height, <=, scroller_bounds.origin.y);
}

/* The window can be as narrow as a phone (360 px): the view does not
 * keep it wider. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_require_session ("a display");
  /* gtk_test_init() ignores test options: each test needs its own data
   * folder, so this is gtk_test_init() with G_TEST_OPTION_ISOLATE_DIRS. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/prompts-view/preview-follows-typing", test_preview_follows_typing);
  ADD ("/prompts-view/placeholder-tags", test_placeholder_tags);
  ADD ("/prompts-view/palette-inserts", test_palette_inserts);
  ADD ("/prompts-view/undo-redo", test_undo_redo);
  ADD ("/prompts-view/save-user-template", test_save_user_template);
  ADD ("/prompts-view/builtin-save-revert", test_builtin_save_revert);
  ADD ("/prompts-view/duplicate-rename-delete", test_duplicate_rename_delete);
  ADD ("/prompts-view/dataset-rows", test_dataset_rows);
  ADD ("/prompts-view/chinese-task-zh-builtin", test_chinese_task_zh_builtin);
  ADD ("/prompts-view/unsaved-changes", test_unsaved_changes);
  ADD ("/prompts-view/import-export", test_import_export);
  ADD ("/prompts-view/score-bench", test_score_bench);
  ADD ("/prompts-view/narrow", test_narrow);
  ADD ("/prompts-view/error-layout", test_error_layout);
#undef ADD

  return g_test_run ();
}
