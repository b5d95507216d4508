/* test-prompts-view.c — the prompt editor in process: live preview after
 * the throttle, placeholder tags, the palette, undo/redo, the previewed
 * row, built-ins in the dataset's language, the score bench, layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kdl-row-vars.h"
#include "kdl-score-bench.h"
#include "kdl-test-gui.h"
#include "kdl-test-prompts.h"
#include "kdl-test-util.h"
#include "kdl-variable-palette.h"

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

  kdl_test_prompts_wait_render (fixture, renders);
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
  kdl_test_prompts_wait_render (fixture, renders);
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

  kdl_test_prompts_set_text (fixture, body);
  kdl_test_prompts_wait_render (fixture, renders);

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
  kdl_test_prompts_set_text (fixture, "请阅读 {reading}。{{字面的大括号}}");
  kdl_test_prompts_wait_render (fixture, renders);
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

  kdl_test_prompts_set_text (fixture, "前文后文");
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 2);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);

  g_assert_true (g_strv_contains (kdl_variable_palette_get_names (palette), "reading"));
  button = kdl_variable_palette_get_button (palette, "reading");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "{reading}");
  g_signal_emit_by_name (button, "clicked");

  text = kdl_test_prompts_get_text (fixture);
  g_assert_cmpstr (text, ==, "前文{reading}后文");
  gtk_text_buffer_get_iter_at_mark (fixture->buffer, &iter, gtk_text_buffer_get_insert (fixture->buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 2 + 9);

  gtk_text_buffer_undo (fixture->buffer);
  g_clear_pointer (&text, g_free);
  text = kdl_test_prompts_get_text (fixture);
  g_assert_cmpstr (text, ==, "前文后文");
}

/* Undo and redo, through the view's actions; loading cannot be undone. */
static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *original = kdl_test_prompts_get_text (fixture);
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

  kdl_test_prompts_activate (fixture, "prompts.undo");
  text = kdl_test_prompts_get_text (fixture);
  g_assert_cmpstr (text, ==, original);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
  g_assert_false (gtk_text_buffer_get_can_undo (fixture->buffer));

  kdl_test_prompts_activate (fixture, "prompts.redo");
  g_clear_pointer (&text, g_free);
  text = kdl_test_prompts_get_text (fixture);
  g_assert_true (g_str_has_suffix (text, "\n新增一行"));
  g_assert_true (kdl_template_editor_get_modified (fixture->editor));

  /* Opening another template starts a new history. */
  kdl_test_prompts_activate (fixture, "prompts.undo");
  kdl_test_prompts_open (fixture, "judge", "zh");
  g_assert_false (gtk_text_buffer_get_can_undo (fixture->buffer));
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
  kdl_test_prompts_activate (fixture, "prompts.previous-row");
  g_assert_cmpint (kdl_workspace_get_current_position (fixture->workspace), ==, 2);
  kdl_test_prompts_activate (fixture, "prompts.next-row");
  kdl_test_prompts_activate (fixture, "prompts.next-row");
  g_assert_cmpint (kdl_workspace_get_current_position (fixture->workspace), ==, 4);

  /* A column is a known placeholder now, and renders. */
  {
    guint renders = kdl_template_preview_get_n_renders (fixture->preview);
    g_autofree char *fifth = reading_of (dataset, 4);

    kdl_test_prompts_set_text (fixture, "{阅读文本}");
    kdl_test_prompts_wait_render (fixture, renders);
    g_assert_true (has_tag_at (fixture, KDL_TEMPLATE_EDITOR_TAG_KNOWN, 0, 6));
    g_assert_nonnull (strstr (kdl_template_preview_get_text (fixture->preview), g_strstrip (fifth)));
  }

  /* Remapping {reading} (as the Dataset view does) re-renders at once. */
  {
    g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
    g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, 4);
    g_autofree char *shown = NULL;
    g_autofree char *answers = g_strdup (kdl_record_lookup (record, "答案"));

    kdl_test_prompts_set_text (fixture, "{reading}");
    kdl_test_prompts_wait_render (fixture, kdl_template_preview_get_n_renders (fixture->preview));
    kdl_column_map_set (map, "reading", "答案");
    kdl_dataset_set_column_map (dataset, map);
    shown = g_strdup (kdl_template_preview_get_text (fixture->preview));
    g_assert_cmpstr (g_strstrip (shown), ==, g_strstrip (answers));
    kdl_column_map_set (map, "reading", "阅读文本");
    kdl_dataset_set_column_map (dataset, map);
  }

  /* A judge gets the row's original questions as {generated}. */
  kdl_test_prompts_activate (fixture, "prompts.revert");
  kdl_test_prompts_respond (fixture, "remove");
  kdl_test_prompts_open (fixture, "judge", "zh");
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

  kdl_test_prompts_open (fixture, "expand", "en");
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
  kdl_test_prompts_open (fixture, "expand", "en");
  kdl_test_prompts_set_text (fixture, "Write questions for: {reading}");
  kdl_template_editor_update_now (fixture->editor);
  kdl_workspace_set_current_position (fixture->workspace, 1);
  g_assert_cmpstr (kdl_template_entry_get_language (kdl_prompts_view_get_entry (fixture->view)), ==, "en");
  g_clear_pointer (&warnings, g_strfreev);
  warnings = kdl_template_preview_dup_warnings (fixture->preview);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "Chinese"));
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

  kdl_test_prompts_open (fixture, "judge", "zh");
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

  kdl_test_prompts_set_text (fixture, "Match the difficulty to {level} and keep {{braces}} literal, with a long line of text after it.");
  kdl_test_prompts_wait_render (fixture, renders);
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
  kdl_test_prompts_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, kdl_test_prompts_set_up, func, kdl_test_prompts_tear_down)
  ADD ("/prompts-view/preview-follows-typing", test_preview_follows_typing);
  ADD ("/prompts-view/placeholder-tags", test_placeholder_tags);
  ADD ("/prompts-view/palette-inserts", test_palette_inserts);
  ADD ("/prompts-view/undo-redo", test_undo_redo);
  ADD ("/prompts-view/dataset-rows", test_dataset_rows);
  ADD ("/prompts-view/chinese-task-zh-builtin", test_chinese_task_zh_builtin);
  ADD ("/prompts-view/score-bench", test_score_bench);
  ADD ("/prompts-view/narrow", test_narrow);
  ADD ("/prompts-view/error-layout", test_error_layout);
#undef ADD

  return g_test_run ();
}
