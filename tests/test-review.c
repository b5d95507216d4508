/* test-review.c — the review pane on the export fixture: keys change
 * verdicts in the store, edits survive a restart, filters and bulk
 * actions act on exactly the samples shown, the list stays lazy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-edit-dialog.h"
#include "kdl-mcq-view.h"
#include "kdl-review-pane.h"
#include "kdl-test-duplicates.h"
#include "kdl-test-export.h"
#include "kdl-test-scores.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

typedef struct
{
  KdlTestExportProject *project;
  KdlReviewPane        *pane;
  GtkWidget            *window;
} Fixture;

/* The list shows the generate items in row order: (1,0) (1,1) … (6,1). */
static guint
position_of (guint row,
             guint variant)
{
  return (row - 1) * KDL_TEST_EXPORT_VARIANTS + variant;
}

static void
show_run (Fixture *fixture)
{
  kdl_review_pane_set_store (fixture->pane, fixture->project->store);
  kdl_review_pane_set_run (fixture->pane, fixture->project->run, KDL_STORE_STAGE_GENERATE, 100);
  kdl_test_wait_not_busy (fixture->pane);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = kdl_test_export_project_new ();
  fixture->pane = KDL_REVIEW_PANE (kdl_review_pane_new ());
  fixture->window = kdl_test_scores_window (GTK_WIDGET (fixture->pane));
  show_run (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = kdl_test_find_toplevel (KDL_TYPE_EDIT_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  kdl_test_wait_not_busy (fixture->pane);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kdl_test_spin (50);
  g_clear_pointer (&fixture->project, kdl_test_export_project_free);
}

static gint64
gen_id (Fixture *fixture,
        guint    row,
        guint    variant)
{
  return fixture->project->gen_ids[row][variant];
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), action, NULL));
  kdl_test_wait_not_busy (fixture->pane);
}

static void
select_at (Fixture *fixture,
           guint    position)
{
  kdl_review_pane_select (fixture->pane, position);
  kdl_test_wait_not_busy (fixture->pane);
  g_assert_nonnull (kdl_review_pane_get_sample (fixture->pane));
}

/* The items whose verdict changed since @before, with their verdicts. */
static void
assert_changed (Fixture    *fixture,
                GHashTable *before,
                ...)
{
  g_autoptr(GHashTable) after = kdl_test_read_verdicts (fixture->project->path, fixture->project->run);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;
  va_list args;
  gint64 *id;

  va_start (args, before);
  while ((id = va_arg (args, gint64 *)) != NULL)
    g_hash_table_insert (expected, id, GINT_TO_POINTER (va_arg (args, int)));
  va_end (args);

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer want;

      if (!g_hash_table_lookup_extended (expected, key, NULL, &want))
        want = g_hash_table_lookup (before, key);
      if (want != value)
        g_error ("item %" G_GINT64_FORMAT ": verdict %d, expected %d", *(gint64 *)key,
                 GPOINTER_TO_INT (value), GPOINTER_TO_INT (want));
    }
}

/* J/K move, A/R set the verdict of the sample shown in the store and
 * move on; the keys are the pane's own bindings. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct { guint keyval; const char *action; } keys[] = {
    { GDK_KEY_j, "review.next" }, { GDK_KEY_k, "review.previous" },
    { GDK_KEY_a, "review.accept" }, { GDK_KEY_r, "review.reject" }, { GDK_KEY_e, "review.edit" },
  };
  g_autoptr(GHashTable) before = kdl_test_read_verdicts (fixture->project->path, fixture->project->run);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->pane));
  gint64 first = gen_id (fixture, 1, 0), second = gen_id (fixture, 2, 1), third = gen_id (fixture, 3, 1);
  gint64 sixth = gen_id (fixture, 6, 0);
  guint found = 0;

  /* The bindings: a plain letter each, on the pane. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action) &&
                gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keys[k].keyval &&
                gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
                g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), keys[k].action))
              found |= 1u << k;
        }
    }
  g_assert_cmphex (found, ==, (1u << G_N_ELEMENTS (keys)) - 1);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdl_review_pane_get_model (fixture->pane))), ==, 12);
  select_at (fixture, 0);

  /* R on 1/0 (accepted in the fixture): rejected, and on to 1/1. */
  activate (fixture, "review.reject");
  g_assert_cmpint (kdl_test_read_verdict (fixture->project->path, first), ==, KDL_STORE_VERDICT_REJECTED);
  g_assert_cmpuint (kdl_review_pane_get_selected (fixture->pane), ==, 1);

  /* K back, J J J to 2/1, A. */
  activate (fixture, "review.previous");
  g_assert_cmpuint (kdl_review_pane_get_selected (fixture->pane), ==, 0);
  activate (fixture, "review.next");
  activate (fixture, "review.next");
  activate (fixture, "review.next");
  g_assert_cmpuint (kdl_review_pane_get_selected (fixture->pane), ==, position_of (2, 1));
  activate (fixture, "review.accept");
  g_assert_cmpint (kdl_test_read_verdict (fixture->project->path, second), ==, KDL_STORE_VERDICT_ACCEPTED);
  g_assert_cmpuint (kdl_review_pane_get_selected (fixture->pane), ==, position_of (3, 0));

  /* J, R: 3/1. */
  activate (fixture, "review.next");
  activate (fixture, "review.reject");
  g_assert_cmpint (kdl_test_read_verdict (fixture->project->path, third), ==, KDL_STORE_VERDICT_REJECTED);

  /* 6/0 was accepted on its judge item: R puts a verdict on the generate
   * item, which the export reads first. */
  select_at (fixture, position_of (6, 0));
  g_assert_cmpint (kdl_review_sample_get_verdict (kdl_review_pane_get_sample (fixture->pane)), ==,
                   KDL_STORE_VERDICT_ACCEPTED);
  activate (fixture, "review.reject");
  g_assert_cmpint (kdl_test_read_verdict (fixture->project->path, sixth), ==, KDL_STORE_VERDICT_REJECTED);

  /* Nothing else changed. */
  assert_changed (fixture, before,
                  &first, KDL_STORE_VERDICT_REJECTED, &second, KDL_STORE_VERDICT_ACCEPTED,
                  &third, KDL_STORE_VERDICT_REJECTED, &sixth, KDL_STORE_VERDICT_REJECTED, NULL);

  /* The list rows show the new verdicts too. */
  {
    g_autoptr(KdlReviewItem) item = g_list_model_get_item (G_LIST_MODEL (kdl_review_pane_get_model (fixture->pane)),
                                                          position_of (6, 0));
    g_assert_cmpint (kdl_review_item_get_summary (item)->verdict, ==, KDL_STORE_VERDICT_REJECTED);
  }
}

static gboolean
no_edit_dialog (gpointer data)
{
  return kdl_test_find_toplevel (KDL_TYPE_EDIT_DIALOG) == NULL;
}

/* E opens the edit window; the edit is checked as it is typed, stored
 * beside the original, and there after the project is closed and opened
 * again. */
static void
test_edit_survives_restart (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStore) store = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreItem) item = NULL;
  g_autofree char *path = g_strdup (fixture->project->path);
  g_autofree char *good = kdl_test_export_expected_output (2, 0);
  g_autofree char *three = NULL;
  g_autofree char *original = NULL;
  g_autofree char *text = NULL;
  GString *edit = g_string_new (good);
  gint64 id = gen_id (fixture, 2, 0);
  const KdlStructureCheck *check;
  KdlEditDialog *dialog;
  char *cut;

  /* The reviewer changes a generated option. */
  g_assert_cmpuint (g_string_replace (edit, "B. 乙项", "B. 改过的乙项", 1), ==, 1);
  text = g_string_free (edit, FALSE);
  three = g_strdup (good);
  cut = g_strrstr (three, "\n\n4. ");
  g_assert_nonnull (cut);
  *cut = '\0';

  select_at (fixture, position_of (2, 0));
  original = g_strdup (kdl_review_sample_get_original (kdl_review_pane_get_sample (fixture->pane)));
  activate (fixture, "review.edit");
  dialog = KDL_EDIT_DIALOG (kdl_test_find_toplevel (KDL_TYPE_EDIT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpint (kdl_edit_dialog_get_item_id (dialog), ==, id);

  /* Three questions: the check says what is wrong. */
  kdl_edit_dialog_set_text (dialog, three);
  check = kdl_edit_dialog_get_check (dialog);
  g_assert_false (check->ok);
  g_assert_true (kdl_structure_check_has (check, "mcq-count"));

  /* The originals dropped: the rebuild template kept them. */
  kdl_edit_dialog_set_text (dialog, "1. 新题？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:A\n\n"
                                    "2. 新题二？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:B\n\n"
                                    "3. 新题三？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:C\n\n"
                                    "4. 新题四？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:D");
  g_assert_true (kdl_structure_check_has (kdl_edit_dialog_get_check (dialog), "original-missing"));

  kdl_edit_dialog_set_text (dialog, text);
  g_assert_true (kdl_edit_dialog_get_check (dialog)->ok);
  kdl_edit_dialog_save (dialog);
  kdl_test_wait_until (no_edit_dialog, NULL, 10000);
  kdl_test_wait_not_busy (fixture->pane);

  /* The pane shows the edit at once. */
  g_assert_cmpstr (kdl_review_sample_get_text (kdl_review_pane_get_sample (fixture->pane)), ==, text);

  /* Close everything, open the file again. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kdl_test_spin (50);
  g_clear_object (&fixture->project->store);

  store = kdl_store_open (path, &error);
  g_assert_no_error (error);
  reader = kdl_store_open_reader (store, &error);
  g_assert_no_error (error);
  item = kdl_store_reader_get_item (reader, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->edited_output, ==, text);
  g_assert_cmpstr (item->output, ==, original);
  g_assert_cmpint (item->edited_at, >, 0);

  /* And a new pane on the reopened project shows it. */
  fixture->project->store = g_object_ref (store);
  fixture->pane = KDL_REVIEW_PANE (kdl_review_pane_new ());
  fixture->window = kdl_test_scores_window (GTK_WIDGET (fixture->pane));
  show_run (fixture);
  select_at (fixture, position_of (2, 0));
  g_assert_cmpstr (kdl_review_sample_get_text (kdl_review_pane_get_sample (fixture->pane)), ==, text);
  g_assert_cmpstr (kdl_review_sample_get_original (kdl_review_pane_get_sample (fixture->pane)), ==, original);
}

static GArray *
ids_of (Fixture *fixture,
        ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;
  int row;

  va_start (args, fixture);
  while ((row = va_arg (args, int)) != 0)
    {
      gint64 id = gen_id (fixture, row, va_arg (args, int));
      g_array_append_val (ids, id);
    }
  va_end (args);

  return ids;
}

static void
assert_listed (Fixture *fixture,
               GArray  *expected)
{
  kdl_test_wait_not_busy (fixture->pane);
  kdl_test_assert_ids (kdl_review_list_model_get_ids (kdl_review_pane_get_model (fixture->pane)), expected);
  g_array_unref (expected);
}

/* Each filter lists exactly the samples the fixture's table says. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  KdlReviewFilter filter = { 0 };

  filter.check_ok = -1;

  filter.has_min_score = TRUE;
  filter.min_score = 70;
  filter.has_max_score = TRUE;
  filter.max_score = 85;
  kdl_review_pane_set_filter (fixture->pane, &filter);
  assert_listed (fixture, ids_of (fixture, 2, 0, 2, 1, 5, 0, 6, 0, 0));

  filter = (KdlReviewFilter) { .check_ok = 0 };
  kdl_review_pane_set_filter (fixture->pane, &filter);
  assert_listed (fixture, ids_of (fixture, 2, 1, 4, 0, 5, 1, 0));

  filter = (KdlReviewFilter) { .check_ok = -1, .states = 1 << KDL_STORE_ITEM_FAILED };
  kdl_review_pane_set_filter (fixture->pane, &filter);
  assert_listed (fixture, ids_of (fixture, 4, 1, 0));

  /* The sample's verdict: 6/0 was accepted on its judge item. */
  filter = (KdlReviewFilter) { .check_ok = -1, .verdicts = 1 << KDL_STORE_VERDICT_ACCEPTED };
  kdl_review_pane_set_filter (fixture->pane, &filter);
  assert_listed (fixture, ids_of (fixture, 1, 0, 4, 0, 6, 0, 0));

  /* Search finds an edit (4/0's stored text does not say this). */
  filter = (KdlReviewFilter) { .check_ok = -1, .search = (char *)"第4行第0稿" };
  kdl_review_pane_set_filter (fixture->pane, &filter);
  assert_listed (fixture, ids_of (fixture, 4, 0, 0));

  kdl_review_pane_clear_filters (fixture->pane);
  g_assert_null (kdl_review_pane_get_filter (fixture->pane)->search);
  kdl_test_wait_not_busy (fixture->pane);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdl_review_pane_get_model (fixture->pane))), ==, 12);
}

/* "Accept all at or above" under a "structure passed" filter: exactly
 * the passed samples scoring 80 or more, after a confirmation with the
 * count; Cancel changes nothing. */
static void
test_bulk_accept_above (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) before = kdl_test_read_verdicts (fixture->project->path, fixture->project->run);
  KdlReviewFilter filter = { .check_ok = 1 };
  gint64 a = gen_id (fixture, 1, 0), b = gen_id (fixture, 2, 0), c = gen_id (fixture, 5, 0), d = gen_id (fixture, 6, 1);
  g_autofree char *heading = NULL;
  g_autofree char *cancelled = NULL;

  kdl_review_pane_set_filter (fixture->pane, &filter);
  kdl_review_pane_set_threshold (fixture->pane, 80);
  assert_listed (fixture, ids_of (fixture, 1, 0, 1, 1, 2, 0, 3, 0, 3, 1, 5, 0, 6, 0, 6, 1, 0));

  activate (fixture, "review.accept-above");
  cancelled = kdl_test_respond ("cancel");
  kdl_test_wait_not_busy (fixture->pane);
  assert_changed (fixture, before, NULL);

  activate (fixture, "review.accept-above");
  heading = kdl_test_respond ("apply");
  kdl_test_wait_not_busy (fixture->pane);
  g_assert_cmpstr (heading, ==, "Accept 4 Samples?");
  g_assert_cmpstr (cancelled, ==, heading);

  /* 4/0 (95) failed the check: not shown, not touched. */
  assert_changed (fixture, before, &a, KDL_STORE_VERDICT_ACCEPTED, &b, KDL_STORE_VERDICT_ACCEPTED,
                  &c, KDL_STORE_VERDICT_ACCEPTED, &d, KDL_STORE_VERDICT_ACCEPTED, NULL);
}

/* "Reject structure failures" under a "not reviewed" filter: 2/1 and
 * 5/1; 4/0 failed too but is accepted, so not shown and kept. */
static void
test_bulk_reject_failures (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GHashTable) before = kdl_test_read_verdicts (fixture->project->path, fixture->project->run);
  KdlReviewFilter filter = { .check_ok = -1, .verdicts = 1 << KDL_STORE_VERDICT_NONE };
  gint64 a = gen_id (fixture, 2, 1), b = gen_id (fixture, 5, 1);
  g_autofree char *heading = NULL;

  kdl_review_pane_set_filter (fixture->pane, &filter);
  assert_listed (fixture, ids_of (fixture, 1, 1, 2, 0, 2, 1, 3, 1, 4, 1, 5, 0, 5, 1, 6, 1, 0));

  activate (fixture, "review.reject-failures");
  heading = kdl_test_respond ("apply");
  kdl_test_wait_not_busy (fixture->pane);
  g_assert_cmpstr (heading, ==, "Reject 2 Samples?");
  assert_changed (fixture, before, &a, KDL_STORE_VERDICT_REJECTED, &b, KDL_STORE_VERDICT_REJECTED, NULL);
}

#define DUP_O1 "下列关于冰芯的说法，正确的一项是\nA. 冰芯保存了古代大气\nB. 冰芯只有一百年\nC. 冰芯与气候无关\nD. 冰芯来自火山\n答案:A"
#define DUP_P1 "根据文本，城市热岛的成因不包括\nA. 沥青路面吸热\nB. 高楼挡风\nC. 人为排热\nD. 农田蒸发\n答案:D"
#define DUP_GA "关于热岛效应的影响，下列说法正确的一项是\nA. 加重夏季用电负担\nB. 让冬季更寒冷\nC. 与健康无关\nD. 减轻空气污染\n答案:A"
#define DUP_GB "文中的“人为热”不来自\nA. 汽车尾气\nB. 空调外机\nC. 工厂废热\nD. 植物蒸腾\n答案:D"
#define DUP_GD "文章第二段主要运用了哪种说明方法\nA. 列数字\nB. 作比较\nC. 打比方\nD. 下定义\n答案:B"
#define DUP_GE "冰芯被称为“气候档案”，这是因为\nA. 冰芯按年层保存了历年的气候信息\nB. 冰芯被保存在档案馆里\nC. 冰芯的外形像档案\nD. 冰芯由档案员钻取\n答案:A"
#define DUP_H1 "冰芯中的同位素比例可以用来推断\nA. 当时的气温\nB. 当时的降水\nC. 当时的风力\nD. 当时的植被\n答案:A"

typedef struct
{
  KdlStore *store;
  gint64    run;
  gint64    ids[3][2];   /* [row][variant] */
} DupProject;

/* Known copies: 1/1 repeats 1/0's first question, 2/0 repeats its row's
 * original; 1/0 and 2/1 repeat nothing. */
static void
dup_project_init (DupProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autofree char *row1 = kdl_test_mcq_text (DUP_O1, NULL);
  g_autofree char *row2 = kdl_test_mcq_text (DUP_P1, NULL);
  g_autofree char *s10 = kdl_test_mcq_text (DUP_GA, DUP_GB, NULL);
  g_autofree char *s11 = kdl_test_mcq_text (DUP_GA, DUP_GD, NULL);
  g_autofree char *s20 = kdl_test_mcq_text (DUP_P1, DUP_GE, NULL);
  g_autofree char *s21 = kdl_test_mcq_text (DUP_H1, NULL);
  const char * const originals[] = { row1, row2 };
  const KdlTestSample samples[] = {
    { 1, 0, 0, s10 }, { 1, 1, 0, s11 }, { 2, 0, 0, s20 }, { 2, 1, 0, s21 },
  };
  gint64 dataset_id;

  project->store = kdl_test_store_new ("review-duplicates");
  dataset_id = kdl_test_dup_add_dataset (project->store, originals, 2);
  project->run = kdl_test_dup_add_run (project->store, dataset_id, kdl_test_dup_add_template (project->store, FALSE),
                                       0, samples, G_N_ELEMENTS (samples));
  reader = kdl_store_open_reader (project->store, &error);
  g_assert_no_error (error);
  for (guint row = 1; row <= 2; row++)
    for (guint variant = 0; variant < 2; variant++)
      project->ids[row][variant] = kdl_test_dup_item_id (reader, project->run, row, variant);
}

/* Duplicates are found by themselves, flagged in the list and the
 * detail, filtered, and rejected in bulk: exactly the flagged samples
 * the filters show, never one someone accepted. */
static void
test_duplicates (void)
{
  DupProject project;
  KdlReviewPane *pane = KDL_REVIEW_PANE (kdl_review_pane_new ());
  GtkWidget *window = kdl_test_scores_window (GTK_WIDGET (pane));
  KdlReviewListModel *model = kdl_review_pane_get_model (pane);
  KdlReviewFilter filter = { .check_ok = -1, .duplicates = TRUE };
  g_autofree char *heading = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  KdlDuplicates *duplicates;

  dup_project_init (&project);
  kdl_review_pane_set_store (pane, project.store);
  kdl_review_pane_set_run (pane, project.run, KDL_STORE_STAGE_GENERATE, 0);
  kdl_test_wait_not_busy (pane);

  duplicates = kdl_review_pane_get_duplicates (pane);
  g_assert_nonnull (duplicates);
  g_assert_cmpuint (kdl_duplicates_get_n_items (duplicates), ==, 2);
  g_assert_cmphex (kdl_duplicates_get_codes (duplicates, project.ids[1][1]), ==, KDL_DUPLICATE_REPEATS_GENERATED);
  g_assert_cmphex (kdl_duplicates_get_codes (duplicates, project.ids[2][0]), ==, KDL_DUPLICATE_REPEATS_ORIGINAL);

  /* The rows carry the flags. */
  for (guint position = 0; position < 4; position++)
    {
      g_autoptr(KdlReviewItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

      kdl_test_wait_not_busy (pane);
      g_assert_cmphex (kdl_review_item_get_duplicates (item) != 0, ==, position == 1 || position == 2);
    }

  /* The filter lists the two. */
  kdl_review_pane_set_filter (pane, &filter);
  kdl_test_wait_not_busy (pane);
  g_array_append_val (expected, project.ids[1][1]);
  g_array_append_val (expected, project.ids[2][0]);
  kdl_test_assert_ids (kdl_review_list_model_get_ids (model), expected);

  /* 2/0 accepted by hand: "reject duplicates" keeps it. */
  kdl_review_pane_select (pane, 1);
  kdl_test_wait_not_busy (pane);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.accept", NULL));
  kdl_test_wait_not_busy (pane);
  g_assert_cmpint (kdl_test_read_verdict (kdl_store_get_path (project.store), project.ids[2][0]), ==,
                   KDL_STORE_VERDICT_ACCEPTED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.reject-duplicates", NULL));
  heading = kdl_test_respond ("apply");
  kdl_test_wait_not_busy (pane);
  g_assert_cmpstr (heading, ==, "Reject 1 Sample?");
  g_assert_cmpint (kdl_test_read_verdict (kdl_store_get_path (project.store), project.ids[1][1]), ==,
                   KDL_STORE_VERDICT_REJECTED);
  g_assert_cmpint (kdl_test_read_verdict (kdl_store_get_path (project.store), project.ids[2][0]), ==,
                   KDL_STORE_VERDICT_ACCEPTED);
  g_assert_cmpint (kdl_test_read_verdict (kdl_store_get_path (project.store), project.ids[1][0]), ==,
                   KDL_STORE_VERDICT_NONE);
  g_assert_cmpint (kdl_test_read_verdict (kdl_store_get_path (project.store), project.ids[2][1]), ==,
                   KDL_STORE_VERDICT_NONE);

  gtk_window_destroy (GTK_WINDOW (window));
  kdl_test_spin (50);
  g_clear_object (&project.store);
}

/* 3,000 samples: the list holds ids, and objects only for rows shown. */
static void
test_lazy (void)
{
  g_autoptr(KdlStore) store = kdl_test_store_new ("lazy");
  gint64 run = kdl_test_store_add_run (store, 3000, 1, TRUE, 100);
  KdlReviewPane *pane = KDL_REVIEW_PANE (kdl_review_pane_new ());
  GtkWidget *window = kdl_test_scores_window (GTK_WIDGET (pane));
  KdlReviewListModel *model = kdl_review_pane_get_model (pane);
  g_autoptr(KdlReviewItem) item = NULL;

  kdl_review_pane_set_store (pane, store);
  kdl_review_pane_set_run (pane, run, KDL_STORE_STAGE_GENERATE, 100);
  kdl_test_wait_not_busy (pane);
  gtk_test_widget_wait_for_draw (window);
  kdl_test_wait_not_busy (pane);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3000);
  g_test_message ("items made: %u", kdl_review_list_model_get_n_cached (model));
  g_assert_cmpuint (kdl_review_list_model_get_n_cached (model), <, 300);

  kdl_review_pane_select (pane, 2500);
  kdl_test_wait_not_busy (pane);
  gtk_test_widget_wait_for_draw (window);
  kdl_test_wait_not_busy (pane);
  g_assert_cmpuint (kdl_review_list_model_get_n_cached (model), <, 600);

  item = g_list_model_get_item (G_LIST_MODEL (model), 2500);
  g_assert_true (kdl_review_item_get_loaded (item));
  g_assert_cmpuint (kdl_review_item_get_summary (item)->row, ==, 2501);

  gtk_window_destroy (GTK_WINDOW (window));
  kdl_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_scores_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/review/keyboard", test_keyboard);
  ADD ("/review/edit-survives-restart", test_edit_survives_restart);
  ADD ("/review/filters", test_filters);
  ADD ("/review/bulk-accept-above", test_bulk_accept_above);
  ADD ("/review/bulk-reject-failures", test_bulk_reject_failures);
#undef ADD
  g_test_add_func ("/review/duplicates", test_duplicates);
  g_test_add_func ("/review/lazy", test_lazy);

  return g_test_run ();
}
