/* test-dataset-view.c — the Dataset view, in process: open, list, search,
 * sort, select, detail, mapping, import problems, workspace, big files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kdl-dataset-view-private.h"
#include "kdl-issue-item.h"
#include "kdl-row-item.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"

typedef struct
{
  KdlWorkspace   *workspace;
  GtkWindow      *window;
  KdlDatasetView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = kdl_workspace_new (NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->view = KDL_DATASET_VIEW (kdl_dataset_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  g_object_set (fixture->view, "workspace", fixture->workspace, NULL);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->workspace);
}

/* Helpers */

static gboolean
not_busy (gpointer data)
{
  KdlDatasetView *view = data;

  return !kdl_dataset_view_get_opening (view) && !kdl_dataset_view_get_searching (view);
}

static void
open_and_wait (KdlDatasetView         *view,
               const char             *path,
               const KdlImportOptions *options)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  kdl_dataset_view_open (view, file, options);
  g_assert_true (kdl_dataset_view_get_opening (view));
  kdl_test_wait_until (not_busy, view, 20000);
  /* Let the list create its rows. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
}

static void
open_sample (KdlDatasetView *view,
             const char     *name)
{
  g_autofree char *path = kdl_test_sample_path (name);

  open_and_wait (view, path, NULL);
}

static guint
n_rows (KdlDatasetView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (view->rows));
}

/* The row id listed at @index. */
static guint
row_at (KdlDatasetView *view,
        guint           index)
{
  g_autoptr(KdlRowItem) item = g_list_model_get_item (G_LIST_MODEL (view->rows), index);

  g_assert_nonnull (item);
  return kdl_row_item_get_row (item);
}

typedef struct
{
  KdlDatasetView *view;
  guint           n;
  guint           first_row;  /* 0: any */
} Expect;

static gboolean
list_is (gpointer data)
{
  Expect *expect = data;

  return not_busy (expect->view) && n_rows (expect->view) == expect->n &&
         (expect->first_row == 0 || (expect->n > 0 && row_at (expect->view, 0) == expect->first_row));
}

/* Types @text into the search entry and waits for @n rows. */
static void
search (KdlDatasetView *view,
        const char     *text,
        guint           n)
{
  Expect expect = { view, n, 0 };

  gtk_editable_set_text (GTK_EDITABLE (view->search_entry), text);
  /* The entry waits a moment after typing before it searches. */
  kdl_test_spin (300);
  kdl_test_wait_until (list_is, &expect, 10000);
}

static void
count_with_class (GtkWidget  *root,
                  const char *css_class,
                  GPtrArray  *found)
{
  if (gtk_widget_has_css_class (root, css_class))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    count_with_class (child, css_class, found);
}

/* The option letters the detail pane marks as correct, in order ("CDAC…"). */
static char *
correct_letters (KdlDatasetView *view)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GString *letters = g_string_new (NULL);

  count_with_class (GTK_WIDGET (view->detail), "correct-option", found);
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *letter = gtk_widget_get_first_child (g_ptr_array_index (found, i));

      g_assert_true (GTK_IS_LABEL (letter));
      g_string_append_c (letters, gtk_label_get_text (GTK_LABEL (letter))[0]);
    }

  return g_string_free (letters, FALSE);
}

static guint
count_class (GtkWidget  *root,
             const char *css_class)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  count_with_class (root, css_class, found);
  return found->len;
}

static void
select_index (KdlDatasetView *view,
              guint           index,
              gboolean        exclusive)
{
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (view->selection), index, exclusive));
}

static void
assert_workspace_selection (KdlWorkspace *workspace,
                            const guint  *positions,
                            guint         n)
{
  GArray *selection = kdl_workspace_get_selection (workspace);

  g_assert_cmpuint (selection->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (selection, guint, i), ==, positions[i]);
}

static char *
reading_of (KdlDataset *dataset,
            guint       position)
{
  g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, position);

  return g_strdup (kdl_record_lookup (record, "阅读文本"));
}

/* Tests */

/* Nothing open: a status page with the Open button; Ctrl+O and Ctrl+F are
 * the view's and the shortcuts window lists them. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  GtkWidget *status = kdl_test_find_widget (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE);
  g_autoptr(GtkBuilder) builder = NULL;
  GListModel *controllers;
  gboolean open_bound = FALSE, find_bound = FALSE;
  gboolean listed_open = FALSE, listed_find = FALSE;
  GSList *objects;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Open a Dataset");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ".xlsx"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (kdl_test_find_button (status, "_Open a Dataset…"))),
                   ==, "dataset.open");
  g_assert_null (kdl_dataset_view_get_dataset (view));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)), ==,
                       GTK_SHORTCUT_SCOPE_MANAGED);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          open_bound |= g_str_equal (trigger, "<Control>o") && g_str_equal (action, "action(dataset.open)");
          find_bound |= g_str_equal (trigger, "<Control>f") && g_str_equal (action, "action(dataset.find)");
        }
    }
  g_object_unref (controllers);
  g_assert_true (open_bound);
  g_assert_true (find_bound);

  builder = gtk_builder_new_from_resource ("/io/github/kindling/Kindling/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        listed_open |= g_strcmp0 (accelerator, "<Control>o") == 0;
        listed_find |= g_strcmp0 (accelerator, "<Control>f") == 0;
      }
  g_slist_free (objects);
  g_assert_true (listed_open);
  g_assert_true (listed_find);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* sample-zh.csv: the list, search, sort, selection, detail and mapping. */
static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  KdlDataset *dataset;
  g_autofree char *reading = NULL;
  g_autofree char *passage = NULL;
  g_autofree char *letters = NULL;
  static const guint by_length[] = { 4, 6, 8, 2, 5, 3, 1, 7 };
  Expect expect = { view, 8, 4 };

  open_sample (view, "sample-zh.csv");
  dataset = kdl_dataset_view_get_dataset (view);
  g_assert_nonnull (dataset);
  g_assert_true (kdl_dataset_is_complete (dataset));
  g_assert_true (kdl_workspace_get_dataset (fixture->workspace) == dataset);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "dataset");
  g_assert_cmpuint (n_rows (view), ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (row_at (view, i), ==, i + 1);
  g_assert_cmpstr (gtk_label_get_text (view->status_label), ==, "8 rows");
  g_assert_cmpstr (gtk_label_get_text (view->file_label), ==, "sample-zh.csv");
  g_assert_cmpstr (gtk_label_get_text (view->file_info_label), ==, "CSV · UTF-8 · 8 rows");
  g_assert_cmpuint (kdl_import_problems_get_n_rejected (view->problems), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (view->problems)))));
  g_assert_false (gtk_revealer_get_reveal_child (view->progress_revealer));

  /* Each listed row: its mapped columns on one line and its counts. */
  {
    g_autoptr(KdlRowItem) item = g_list_model_get_item (G_LIST_MODEL (view->rows), 1);

    g_assert_cmpuint (kdl_row_item_get_n_mcqs (item), ==, 5);
    g_assert_cmpuint (kdl_row_item_get_n_problems (item), ==, 0);
    g_assert_null (strchr (kdl_row_item_get_reading (item), '\n'));
    g_assert_true (g_str_has_prefix (kdl_row_item_get_reading (item), "很多人相信"));
    g_assert_true (g_str_has_prefix (kdl_row_item_get_questions (item), "7."));
  }

  /* Search, in a worker. */
  search (view, "热岛", 1);
  g_assert_cmpuint (row_at (view, 0), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (view->status_label), ==, "1 of 8 rows match");
  search (view, "no such text anywhere", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->list_stack), ==, "no-results");
  search (view, "", 8);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->list_stack), ==, "list");
  g_assert_true (kdl_row_list_model_is_all (view->rows));

  /* Sort by passage length, longest first. */
  gtk_drop_down_set_selected (view->sort_dropdown, 1);
  gtk_toggle_button_set_active (view->descending_button, TRUE);
  kdl_test_wait_until (list_is, &expect, 10000);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (row_at (view, i), ==, by_length[i]);

  /* Pick row 2 (now listed fourth): the detail pane and the workspace follow. */
  select_index (view, 3, TRUE);
  g_assert_cmpint (kdl_row_detail_get_position (view->detail), ==, 1);
  g_assert_cmpint (kdl_workspace_get_current_position (fixture->workspace), ==, 1);
  assert_workspace_selection (fixture->workspace, (guint[]) { 1 }, 1);
  reading = reading_of (dataset, 1);
  passage = kdl_row_detail_dup_passage (view->detail);
  g_assert_cmpstr (passage, ==, reading);
  g_assert_cmpuint (kdl_row_detail_get_n_mcqs (view->detail), ==, 5);
  g_assert_cmpuint (kdl_row_detail_get_n_short (view->detail), ==, 0);
  g_assert_cmpuint (kdl_row_detail_get_n_problems (view->detail), ==, 0);
  g_assert_cmpuint (count_class (GTK_WIDGET (view->detail), "mcq"), ==, 5);
  /* 7:C 8:D 9:AC 10:B 11:A, the correct options marked. */
  letters = correct_letters (view);
  g_assert_cmpstr (letters, ==, "CDACBA");
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (view->detail), "Answer: AC"));
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (view->detail), "Row 2"));

  /* Add row 1 (listed seventh): both picked, the new one is current. */
  select_index (view, 6, FALSE);
  assert_workspace_selection (fixture->workspace, (guint[]) { 0, 1 }, 2);
  g_assert_cmpint (kdl_workspace_get_current_position (fixture->workspace), ==, 0);
  g_assert_cmpuint (kdl_row_detail_get_n_short (view->detail), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (view->status_label), ==, "8 rows · 2 selected");

  /* A search hides row 2 but keeps it picked; clearing it shows it picked. */
  gtk_toggle_button_set_active (view->descending_button, FALSE);
  gtk_drop_down_set_selected (view->sort_dropdown, 0);
  search (view, "热岛", 1);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (view->selection), 0));
  assert_workspace_selection (fixture->workspace, (guint[]) { 0, 1 }, 2);
  search (view, "", 8);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (view->selection), 0));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (view->selection), 1));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (view->selection), 2));

  /* Another view makes row 6 current: it is picked here. */
  kdl_workspace_set_current_position (fixture->workspace, 5);
  g_assert_cmpint (kdl_row_detail_get_position (view->detail), ==, 5);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (view->selection), 5));
  assert_workspace_selection (fixture->workspace, (guint[]) { 5 }, 1);

  /* The mapping: without the answers column the answers are missing. */
  select_index (view, 1, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (view->mapping_button)));
  g_assert_true (kdl_column_mapping_set_column (view->column_mapping, "answers", NULL));
  g_clear_pointer (&letters, g_free);
  letters = correct_letters (view);
  g_assert_cmpstr (letters, ==, "");
  g_assert_cmpuint (kdl_row_detail_get_n_mcqs (view->detail), ==, 5);
  g_assert_cmpuint (kdl_row_detail_get_n_problems (view->detail), >=, 5);
  {
    g_autoptr(KdlRowItem) item = g_list_model_get_item (G_LIST_MODEL (view->rows), 1);
    g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);

    g_assert_null (kdl_column_map_get (map, "answers"));
    g_assert_cmpuint (kdl_row_item_get_n_problems (item), ==, kdl_row_detail_get_n_problems (view->detail));
  }
  g_assert_true (kdl_column_mapping_set_column (view->column_mapping, "answers", "答案"));
  g_clear_pointer (&letters, g_free);
  letters = correct_letters (view);
  g_assert_cmpstr (letters, ==, "CDACBA");

  /* The passage read from another column shows at once. */
  g_assert_true (kdl_column_mapping_set_column (view->column_mapping, "reading", "答案"));
  g_clear_pointer (&passage, g_free);
  passage = kdl_row_detail_dup_passage (view->detail);
  g_assert_true (g_str_has_prefix (passage, "7"));
  {
    g_autoptr(KdlRowItem) item = g_list_model_get_item (G_LIST_MODEL (view->rows), 1);

    g_assert_true (g_str_has_prefix (kdl_row_item_get_reading (item), "7"));
  }
  g_assert_false (kdl_column_mapping_set_column (view->column_mapping, "reading", "no such column"));

  /* A variable of the user's own. */
  g_assert_true (kdl_column_mapping_add_variable (view->column_mapping, "key", NULL));
  {
    g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);

    g_assert_cmpstr (kdl_column_map_get (map, "key"), ==, "阅读文本");
  }
  g_assert_false (kdl_column_mapping_add_variable (view->column_mapping, "row", NULL));
  g_assert_false (kdl_column_mapping_add_variable (view->column_mapping, "two words", NULL));
}

/* sample-en.xlsx: Cyrillic option markers, a sheet that does not exist. */
static void
test_xlsx (Fixture       *fixture,
           gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  KdlDataset *dataset;
  g_autofree char *letters = NULL;

  open_sample (view, "sample-en.xlsx");
  dataset = kdl_dataset_view_get_dataset (view);
  g_assert_cmpuint (n_rows (view), ==, 4);
  g_assert_cmpstr (gtk_label_get_text (view->file_info_label), ==, "XLSX · 4 rows");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (view->sheet_entry)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (view->encoding_dropdown)));

  select_index (view, 0, TRUE);
  g_assert_cmpuint (kdl_row_detail_get_n_mcqs (view->detail), ==, 4);
  letters = correct_letters (view);
  g_assert_cmpstr (letters, ==, "BCDA");
  g_assert_nonnull (kdl_test_find_label (GTK_WIDGET (view->detail), "Sheet row 2"));

  /* Another sheet: the error says which exist; the view keeps the file. */
  gtk_editable_set_text (GTK_EDITABLE (view->sheet_entry), "Missing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dataset.reopen", NULL));
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_true (gtk_revealer_get_reveal_child (view->error_revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (view->error_label), "no sheet called “Missing”"));
  g_assert_true (kdl_dataset_view_get_dataset (view) == dataset);
  g_assert_cmpuint (n_rows (view), ==, 4);

  /* The first sheet by name works. */
  gtk_editable_set_text (GTK_EDITABLE (view->sheet_entry), "Sheet1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dataset.reopen", NULL));
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_false (gtk_revealer_get_reveal_child (view->error_revealer));
  g_assert_true (kdl_dataset_view_get_dataset (view) != dataset);
  g_assert_cmpuint (n_rows (view), ==, 4);
  g_assert_cmpstr (gtk_label_get_text (view->file_info_label), ==, "XLSX · sheet “Sheet1” · 4 rows");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view->sheet_entry)), ==, "Sheet1");

  /* Opened again (Enter in the sheet's name), the file keeps its mapping. */
  g_assert_true (kdl_column_mapping_set_column (view->column_mapping, "reading", "答案"));
  dataset = kdl_dataset_view_get_dataset (view);
  g_signal_emit_by_name (view->sheet_entry, "activate");
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_true (kdl_dataset_view_get_dataset (view) != dataset);
  {
    g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (kdl_dataset_view_get_dataset (view));

    g_assert_cmpstr (kdl_column_map_get (map, "reading"), ==, "答案");
  }
}

/* A file with a bad line and a blank one: the problems panel lists both;
 * a GB18030 file: the encoding notice; reopening in GB18030 keeps it. */
static void
test_problems (Fixture       *fixture,
               gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  static const char jsonl[] =
    "{\"input\": \"first passage\", \"output\": \"1. Q?\\nA. a\\nB. b\\nC. c\\nD. d\\n答案:B\"}\n"
    "{\"input\": \"broken\", \n"
    "\n"
    "{\"input\": \"second passage\", \"output\": \"1. Q?\\nA. a\\nB. b\\nC. c\\nD. d\\n答案:C\"}\n";
  g_autofree char *path = kdl_test_write_file ("bad-line.jsonl", jsonl, -1);
  GListModel *issues;
  g_autoptr(KdlIssueItem) first = NULL;
  g_autoptr(KdlIssueItem) second = NULL;
  static const char csv[] = "阅读文本,选项,答案\n城市热岛效应是一种常见的现象。,\"1．下列说法正确的一项是？\nA．甲\nB．乙\nC．丙\nD．丁\",1．C\n";
  g_autofree char *gb = NULL;
  g_autofree char *gb_path = NULL;
  gsize gb_len = 0;
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autofree char *letters = NULL;

  open_and_wait (view, path, NULL);
  g_assert_cmpuint (n_rows (view), ==, 2);
  g_assert_cmpuint (row_at (view, 0), ==, 1);
  g_assert_cmpuint (row_at (view, 1), ==, 4);
  g_assert_cmpuint (kdl_import_problems_get_n_rejected (view->problems), ==, 1);
  g_assert_cmpuint (kdl_import_problems_get_n_skipped (view->problems), ==, 1);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (view->problems)))));
  g_assert_cmpstr (kdl_import_problems_get_summary (view->problems), ==,
                   "1 row could not be read and was left out; the other rows loaded. 1 blank line was skipped.");
  g_assert_null (kdl_import_problems_get_notice (view->problems));

  issues = kdl_import_problems_get_issues (view->problems);
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 2);
  first = g_list_model_get_item (issues, 0);
  g_assert_cmpuint (kdl_issue_item_get_row (first), ==, 2);
  g_assert_cmpuint (kdl_issue_item_get_line (first), ==, 2);
  g_assert_cmpstr (kdl_issue_item_get_code (first), ==, "invalid-json");
  g_assert_cmpstr (kdl_issue_item_get_message (first), !=, "");
  second = g_list_model_get_item (issues, 1);
  g_assert_cmpuint (kdl_issue_item_get_row (second), ==, 0);
  g_assert_cmpuint (kdl_issue_item_get_line (second), ==, 3);
  g_assert_cmpstr (kdl_issue_item_get_code (second), ==, "blank-line");

  /* The details open on demand and list each problem. */
  g_assert_false (kdl_import_problems_get_expanded (view->problems));
  kdl_import_problems_set_expanded (view->problems, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_nonnull (kdl_test_find_button (GTK_WIDGET (view->problems), "Hide Details"));

  /* The cleaned format: answers parsed from `output`. */
  select_index (view, 1, TRUE);
  letters = correct_letters (view);
  g_assert_cmpstr (letters, ==, "C");

  /* GB18030 guessed, with a notice and a way to name the encoding. */
  gb = g_convert (csv, -1, "GB18030", "UTF-8", NULL, &gb_len, NULL);
  g_assert_nonnull (gb);
  gb_path = kdl_test_write_file ("gb18030.csv", gb, gb_len);
  open_and_wait (view, gb_path, NULL);
  g_assert_cmpuint (n_rows (view), ==, 1);
  g_assert_nonnull (kdl_import_problems_get_notice (view->problems));
  g_assert_nonnull (strstr (kdl_import_problems_get_notice (view->problems), "GB18030"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (view->problems)))));
  g_assert_nonnull (kdl_test_find_button (GTK_WIDGET (view->problems), "Choose Encoding…"));
  search (view, "热岛", 1);

  /* Named in the options: no guess, so no notice. */
  g_assert_cmpuint (gtk_drop_down_get_selected (view->encoding_dropdown), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (view->encoding_dropdown)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (view->sheet_entry)));
  gtk_drop_down_set_selected (view->encoding_dropdown, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dataset.reopen", NULL));
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_cmpuint (n_rows (view), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (view->file_info_label), ==, "CSV · GB18030 · 1 row");
  g_assert_cmpuint (gtk_drop_down_get_selected (view->encoding_dropdown), ==, 2);
  /* A search does not outlive its file. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view->search_entry)), ==, "");

  /* Options given to open also show in the popover. */
  kdl_import_options_set_encoding (options, "utf-8");
  open_and_wait (view, path, options);
  g_assert_cmpuint (gtk_drop_down_get_selected (view->encoding_dropdown), ==, 1);
}

static gboolean
lists_recent (gpointer data)
{
  KdlDatasetView *view = data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view->recent_list)); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "sample-zh.csv") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
menu_has_target (GMenuModel *menu,
                 const char *uri)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), uri))
        return TRUE;
    }
  return FALSE;
}

/* The workspace's dataset set elsewhere is shown; dropping a file opens
 * it; opened files are recent files. */
static void
test_workspace_drop_recent (Fixture       *fixture,
                            gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  g_autofree char *csv = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *jsonl = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(KdlDataset) other = kdl_test_load (jsonl, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autofree char *uri = g_file_get_uri (file);
  GListModel *controllers;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  GtkWidget *recent_row;
  GtkRecentManager *recent = gtk_recent_manager_get_default ();

  /* Set elsewhere: shown here. */
  kdl_workspace_set_dataset (fixture->workspace, other);
  g_assert_true (kdl_dataset_view_get_dataset (view) == other);
  g_assert_cmpuint (n_rows (view), ==, 10);
  kdl_workspace_set_current_position (fixture->workspace, 2);
  g_assert_cmpint (kdl_row_detail_get_position (view->detail), ==, 2);
  g_assert_cmpuint (kdl_row_detail_get_n_mcqs (view->detail), ==, 3);
  kdl_workspace_set_dataset (fixture->workspace, NULL);
  g_assert_null (kdl_dataset_view_get_dataset (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "empty");

  /* Dropped. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_cmpuint (n_rows (view), ==, 8);
  g_assert_true (kdl_workspace_get_dataset (fixture->workspace) == kdl_dataset_view_get_dataset (view));

  /* Recent: listed on the empty page and in the Open menu. */
  kdl_workspace_set_dataset (fixture->workspace, NULL);
  kdl_test_wait_until (lists_recent, view, 10000);
  g_assert_true (gtk_recent_manager_has_item (recent, uri));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->recent_box)));
  recent_row = kdl_test_find_widget (GTK_WIDGET (view->recent_list), ADW_TYPE_ACTION_ROW);
  while (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row)), "sample-zh.csv") != 0)
    recent_row = gtk_widget_get_next_sibling (recent_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (recent_row)), !=, "");
  g_assert_true (menu_has_target (G_MENU_MODEL (view->recent_menu), uri));

  g_signal_emit_by_name (view->recent_list, "row-activated", recent_row);
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_cmpuint (n_rows (view), ==, 8);

  kdl_workspace_set_dataset (fixture->workspace, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dataset.open-recent", "s", uri));
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_cmpuint (n_rows (view), ==, 8);

  gtk_recent_manager_remove_item (recent, uri, NULL);
}

/* A file that cannot be read: an inline error that says what is wrong. */
static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  g_autofree char *path = kdl_test_write_file ("notes.txt", "just some notes\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  kdl_dataset_view_open (view, file, NULL);
  kdl_test_wait_until (not_busy, view, 20000);
  g_assert_true (gtk_revealer_get_reveal_child (view->error_revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (view->error_label), "use a .jsonl, .csv or .xlsx file"));
  g_assert_null (kdl_dataset_view_get_dataset (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dataset.dismiss-error", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (view->error_revealer));
}

/* A 100,000-row file: the first rows are listed before the index is
 * complete; cancelling brings back the file shown before. */
typedef struct
{
  KdlDatasetView *view;
  GFile          *file;
  KdlDataset     *shown;
  gboolean        complete_when_shown;
  guint           rows_when_shown;
  gboolean        cancel;
} FirstRows;

static void
on_view_dataset (KdlDatasetView *view,
                 GParamSpec     *pspec,
                 FirstRows      *first)
{
  KdlDataset *dataset = kdl_dataset_view_get_dataset (view);

  if (dataset == NULL || first->shown != NULL ||
      !g_file_equal (kdl_dataset_get_file (dataset), first->file))
    return;

  first->shown = dataset;
  first->complete_when_shown = kdl_dataset_is_complete (dataset);
  first->rows_when_shown = n_rows (view);
  if (first->cancel)
    kdl_dataset_view_cancel_open (view);
}

static gboolean
shown (gpointer data)
{
  return ((FirstRows *)data)->shown != NULL;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  KdlDatasetView *view = fixture->view;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  FirstRows first = { view };
  KdlDataset *small;
  gpointer cancelled;
  gulong handler;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("/usr/bin/python3 is missing: make_large.py cannot write the big file");
      return;
    }

  dir = g_dir_make_tmp ("kindling-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = kdl_test_make_large (dir, "jsonl", 100000);
  file = g_file_new_for_path (path);
  first.file = file;

  open_sample (view, "sample-zh.csv");
  small = kdl_dataset_view_get_dataset (view);
  handler = g_signal_connect (view, "notify::dataset", G_CALLBACK (on_view_dataset), &first);

  /* Cancelled as soon as its first rows show: back to the small file.
   * The index of 100,000 rows takes ~0.1 s; when the machine is idle it can
   * be complete before the main loop shows the first page (the dataset
   * then skips that page).  The ordering is only checked when it was
   * observable; the time to first rows is measured by bench-dataset-view. */
  first.cancel = TRUE;
  kdl_dataset_view_open (view, file, NULL);
  kdl_test_wait_until (shown, &first, 20000);
  if (first.complete_when_shown)
    {
      g_test_message ("the index finished before the first page was shown: ordering not observable");
      kdl_test_wait_until (not_busy, view, 60000);
    }
  else
    {
      cancelled = first.shown;
      g_object_add_weak_pointer (G_OBJECT (first.shown), &cancelled);
      g_assert_cmpuint (first.rows_when_shown, >, 0);
      g_assert_false (kdl_dataset_view_get_opening (view));
      g_assert_true (kdl_dataset_view_get_dataset (view) == small);
      g_assert_true (kdl_workspace_get_dataset (fixture->workspace) == small);
      g_assert_cmpuint (n_rows (view), ==, 8);
      g_assert_false (gtk_revealer_get_reveal_child (view->progress_revealer));
      /* The worker lets go of the cancelled file. */
      kdl_test_wait_until (is_null, &cancelled, 20000);
    }

  /* Read to the end: the first rows showed while the rest was indexed. */
  first.shown = NULL;
  first.cancel = FALSE;
  kdl_dataset_view_open (view, file, NULL);
  g_assert_true (gtk_revealer_get_reveal_child (view->progress_revealer));
  kdl_test_wait_until (not_busy, view, 60000);
  g_assert_nonnull (first.shown);
  g_assert_cmpuint (first.rows_when_shown, >, 0);
  if (!first.complete_when_shown)
    g_assert_cmpuint (first.rows_when_shown, <, 100000);
  g_assert_cmpuint (n_rows (view), ==, 100000);
  g_assert_false (gtk_revealer_get_reveal_child (view->progress_revealer));
  g_test_message ("first rows listed: %u of 100000", first.rows_when_shown);

  /* Only rows on screen are made into items. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  select_index (view, 99999, TRUE);
  g_assert_cmpuint (kdl_row_detail_get_position (view->detail), ==, 99999);
  search (view, "the text no generated row has", 0);

  g_signal_handler_disconnect (view, handler);
  kdl_workspace_set_dataset (fixture->workspace, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

/* The view in Chinese. */
static void
test_chinese (Fixture       *fixture,
              gconstpointer  data)
{
  const char *localedir = g_getenv ("KDL_LOCALEDIR");
  GtkWindow *window;
  KdlDatasetView *view;
  GtkWidget *status;

  g_assert_nonnull (localedir);
  if (!kdl_test_set_locale ("zh_CN.UTF-8"))
    g_error ("the zh_CN.UTF-8 locale is not available: generate it (build-aux/dev does)");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A view built after the switch. */
  window = GTK_WINDOW (g_object_ref_sink (gtk_window_new ()));
  view = KDL_DATASET_VIEW (kdl_dataset_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  status = kdl_test_find_widget (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "打开数据集");
  open_sample (view, "sample-zh.csv");
  g_assert_cmpstr (gtk_label_get_text (view->status_label), ==, "8 行");
  gtk_window_destroy (window);
  g_assert_finalize_object (window);

  kdl_test_set_locale ("C.UTF-8");
  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_require_session ("a display");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dataset-view/empty", test_empty);
  ADD ("/dataset-view/csv", test_csv);
  ADD ("/dataset-view/xlsx", test_xlsx);
  ADD ("/dataset-view/problems", test_problems);
  ADD ("/dataset-view/workspace-drop-recent", test_workspace_drop_recent);
  ADD ("/dataset-view/error", test_error);
  ADD ("/dataset-view/large", test_large);
  ADD ("/dataset-view/chinese", test_chinese);
#undef ADD

  return g_test_run ();
}
