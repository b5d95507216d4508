/* kdl-test-export.c — the export fixture (kdl-test-export.h has the table)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-template.h"
#include "kdl-test-export.h"
#include "kdl-test-store.h"

#define MCQ(n, stem, a, b, c, d, answer) \
  n ". " stem "\nA. " a "\nB. " b "\nC. " c "\nD. " d "\n答案:" answer

typedef struct
{
  const char *reading;
  const char *questions;   /* the 选项 cell, as messy as the samples */
  const char *answers;     /* the 答案 cell */
  const char *original;    /* its MCQs in canonical form, by hand; NULL: none */
} Row;

static const Row rows[KDL_TEST_EXPORT_ROWS] = {
  {
    "城市热岛效应是指城市中心的气温明显高于周围郊区的现象。\n研究表明，增加绿地和水体能够有效缓解热岛效应。",
    "1．热岛效应指的是什么？（3分）\nA．城市比郊区热\nB．城市比郊区冷\nC．郊区比城市热\nD．两者一样\n"
    "2．缓解热岛的办法是哪一项？（3分）\nA．增加绿地　　B．增加车辆\nC．拆除水体　　D．多建高楼",
    "1．A　2．A",
    MCQ ("1", "热岛效应指的是什么？", "城市比郊区热", "城市比郊区冷", "郊区比城市热", "两者一样", "A") "\n\n"
    MCQ ("2", "缓解热岛的办法是哪一项？", "增加绿地", "增加车辆", "拆除水体", "多建高楼", "A"),
  },
  {
    "人的记忆并不像录像机那样忠实地保存过去。\n每一次回忆，大脑都会重新构建当时的情景。",
    "7. 关于记忆，下列说法正确的是(3分)\nA. 记忆像录像机\nB. 回忆会重构情景\nC. 记忆永不改变\nD. 大脑不参与回忆\n"
    "8. 文章的主要观点是什么？\nA. 记忆是重构的\nB. 记忆是精确的\nC. 记忆没有用处\nD. 记忆可以录像",
    "7.B 8.A",
    MCQ ("1", "关于记忆，下列说法正确的是", "记忆像录像机", "回忆会重构情景", "记忆永不改变", "大脑不参与回忆", "B") "\n\n"
    MCQ ("2", "文章的主要观点是什么？", "记忆是重构的", "记忆是精确的", "记忆没有用处", "记忆可以录像", "A"),
  },
  {
    "蜜蜂等传粉昆虫对农业生产至关重要。\n近年来，传粉昆虫的数量在许多地区明显下降。",
    "1.传粉昆虫对什么至关重要？\nA.工业\nB.农业\nC.交通\nD.通信\n"
    "2.传粉昆虫的数量如何变化？\nA.上升\nB.不变\nC.下降\nD.无法判断",
    "1.B\n2.C",
    MCQ ("1", "传粉昆虫对什么至关重要？", "工业", "农业", "交通", "通信", "B") "\n\n"
    MCQ ("2", "传粉昆虫的数量如何变化？", "上升", "不变", "下降", "无法判断", "C"),
  },
  {
    "铁路的出现促使各地统一了时间标准。\n在此之前，每座城市都使用自己的地方时。",
    "1. 请概括铁路对时间标准的影响。（6分）",
    "1. 促使各地统一时间标准。",
    NULL,
  },
  {
    "老艄公在渡口摆渡了四十年。\n他说，河水每天都不一样，人也是。",
    "6、老艄公摆渡了多少年？\nA、二十年\nB、三十年\nC、四十年\nD、五十年\n"
    "7、“河水每天都不一样”的含义是什么？\nA、河水会干涸\nB、万物都在变化\nC、河水很脏\nD、渡口要搬迁",
    "6.C 7.B",
    MCQ ("1", "老艄公摆渡了多少年？", "二十年", "三十年", "四十年", "五十年", "C") "\n\n"
    MCQ ("2", "“河水每天都不一样”的含义是什么？", "河水会干涸", "万物都在变化", "河水很脏", "渡口要搬迁", "B"),
  },
  {
    "Citizen scientists count stars to measure light pollution.\n"
    "Their reports show that the night sky is getting brighter every year.",
    "1. What do citizen scientists count?\nA. Birds\nB. Stars\nC. Cars\nD. Trees\n"
    "2. What do the reports show?\nA. The sky is darker\nB. Nothing changed\nC. The sky is brighter\nD. Stars disappeared",
    "1.B 2.C",
    MCQ ("1", "What do citizen scientists count?", "Birds", "Stars", "Cars", "Trees", "B") "\n\n"
    MCQ ("2", "What do the reports show?", "The sky is darker", "Nothing changed", "The sky is brighter", "Stars disappeared", "C"),
  },
};

typedef enum
{
  TEXT_NONE,       /* failed: no output */
  TEXT_GOOD,       /* originals + two new */
  TEXT_MESSY,      /* the same with full-width marks */
  TEXT_THREE,      /* originals + one new */
  TEXT_BROKEN,     /* a question without options */
  TEXT_REFUSAL,    /* no question at all */
  TEXT_FRESH,      /* four new, no originals */
} TextKind;

typedef struct
{
  TextKind         stored;
  gboolean         check_ok;
  double           score;     /* -1: the judge gave none */
  KdlStoreVerdict  verdict;
  gboolean         verdict_on_judge;
  TextKind         edit;      /* TEXT_NONE: no edit */
  gboolean         edit_messy;
} Sample;

static const Sample samples[KDL_TEST_EXPORT_ROWS][KDL_TEST_EXPORT_VARIANTS] = {
  { { TEXT_GOOD, TRUE, 90, KDL_STORE_VERDICT_ACCEPTED, FALSE, TEXT_NONE, FALSE },
    { TEXT_GOOD, TRUE, 60, KDL_STORE_VERDICT_NONE, FALSE, TEXT_FRESH, FALSE } },
  { { TEXT_MESSY, TRUE, 85, KDL_STORE_VERDICT_NONE, FALSE, TEXT_NONE, FALSE },
    { TEXT_THREE, FALSE, 70, KDL_STORE_VERDICT_NONE, FALSE, TEXT_NONE, FALSE } },
  { { TEXT_GOOD, TRUE, 40, KDL_STORE_VERDICT_REJECTED, FALSE, TEXT_NONE, FALSE },
    { TEXT_GOOD, TRUE, -1, KDL_STORE_VERDICT_NONE, FALSE, TEXT_NONE, FALSE } },
  { { TEXT_BROKEN, FALSE, 95, KDL_STORE_VERDICT_ACCEPTED, FALSE, TEXT_FRESH, TRUE },
    { TEXT_NONE, FALSE, -1, KDL_STORE_VERDICT_NONE, FALSE, TEXT_NONE, FALSE } },
  { { TEXT_GOOD, TRUE, 80, KDL_STORE_VERDICT_NONE, FALSE, TEXT_THREE, FALSE },
    { TEXT_REFUSAL, FALSE, 10, KDL_STORE_VERDICT_NONE, FALSE, TEXT_NONE, FALSE } },
  { { TEXT_GOOD, TRUE, 75, KDL_STORE_VERDICT_ACCEPTED, TRUE, TEXT_NONE, FALSE },
    { TEXT_GOOD, TRUE, 88, KDL_STORE_VERDICT_NONE, FALSE, TEXT_NONE, FALSE } },
};

const double kdl_test_export_rejudge_scores[KDL_TEST_EXPORT_ROWS][KDL_TEST_EXPORT_VARIANTS] = {
  { 50, 95 }, { 99, 92 }, { 97, 91 }, { 30, -1 }, { 93, 96 }, { 90, -1 },
};

const char *
kdl_test_export_reading (guint row)
{
  g_assert (row >= 1 && row <= KDL_TEST_EXPORT_ROWS);
  return rows[row - 1].reading;
}

const char *
kdl_test_export_original (guint row)
{
  g_assert (row >= 1 && row <= KDL_TEST_EXPORT_ROWS);
  return rows[row - 1].original;
}

/* A new MCQ, numbered @n, made for row/variant, the k-th of its kind. */
static void
append_new (GString *out,
            guint    n,
            guint    row,
            guint    variant,
            guint    k)
{
  char answer = 'A' + (row + variant + k) % 4;

  if (out->len > 0)
    g_string_append (out, "\n\n");
  if (row == 6)
    g_string_append_printf (out, "%u. New question %u of draft %u?\nA. One\nB. Two\nC. Three\nD. Four\n答案:%c",
                            n, k, variant, answer);
  else
    g_string_append_printf (out, "%u. 第%u行第%u稿新题%u：下列理解正确的一项是？\nA. 甲项\nB. 乙项\nC. 丙项\nD. 丁项\n答案:%c",
                            n, row, variant, k, answer);
}

/* The text of @kind in canonical form (what an export must give). */
static char *
canonical_text (TextKind kind,
                guint    row,
                guint    variant)
{
  GString *out = g_string_new (NULL);
  const char *original = rows[row - 1].original;
  guint n = 0;

  switch (kind)
    {
    case TEXT_GOOD:
    case TEXT_MESSY:
    case TEXT_THREE:
      if (original != NULL)
        {
          g_string_append (out, original);
          n = 2;
        }
      while (n < (kind == TEXT_THREE ? 3u : 4u))
        {
          n++;
          append_new (out, n, row, variant, n);
        }
      break;

    case TEXT_FRESH:
      for (n = 1; n <= 4; n++)
        append_new (out, n, row, variant, n + 4);
      break;

    case TEXT_BROKEN:
      g_string_append_printf (out, "1. 第%u行的题目没有选项\n答案:A", row);
      break;

    case TEXT_REFUSAL:
      g_string_append (out, "抱歉，我无法完成这个任务。");
      break;

    case TEXT_NONE:
    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);
}

/* Full-width dots and colons, as a model writes them now and then. */
static char *
messy (const char *text)
{
  GString *out = g_string_new (text);

  g_string_replace (out, ". ", "．", 0);
  g_string_replace (out, "答案:", "答案：", 0);
  return g_string_free (out, FALSE);
}

static char *
stored_text (TextKind kind,
             guint    row,
             guint    variant)
{
  g_autofree char *text = canonical_text (kind == TEXT_MESSY ? TEXT_GOOD : kind, row, variant);

  return kind == TEXT_MESSY ? messy (text) : g_steal_pointer (&text);
}

/**
 * kdl_test_export_expected_output:
 *
 * Returns: (nullable): the canonical MCQs sample row/variant exports: its
 *   edit when it has one, else its output; %NULL when it has no output
 */
char *
kdl_test_export_expected_output (guint row,
                                 guint variant)
{
  const Sample *sample = &samples[row - 1][variant];

  if (sample->stored == TEXT_NONE)
    return NULL;

  return canonical_text (sample->edit != TEXT_NONE ? sample->edit : sample->stored, row, variant);
}

/* The same, or for KDL_TEST_EXPORT_ORIGINAL the row's own MCQs. */
char *
kdl_test_export_expected (guint row,
                          int   variant)
{
  if (variant == KDL_TEST_EXPORT_ORIGINAL)
    return g_strdup (kdl_test_export_original (row));
  return kdl_test_export_expected_output (row, variant);
}

/* The train-input built-in in the passage's language, with the passage
 * put in place by hand (not by the renderer under test). */
char *
kdl_test_export_train_input (guint row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlTemplate) template = kdl_template_new_builtin ("train-input", row == 6 ? "en" : "zh", &error);
  GString *out;

  g_assert_no_error (error);
  out = g_string_new (kdl_template_get_body (template));
  g_assert_cmpuint (g_string_replace (out, "{reading}", kdl_test_export_reading (row), 0), ==, 1);

  return g_string_free (out, FALSE);
}

static char *
fields_json (const Row *row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "阅读文本");
  json_builder_add_string_value (builder, row->reading);
  json_builder_set_member_name (builder, "选项");
  json_builder_add_string_value (builder, row->questions);
  json_builder_set_member_name (builder, "答案");
  json_builder_add_string_value (builder, row->answers);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* The six rows as a dataset; @salt makes another dataset of them. */
gint64
kdl_test_export_add_dataset (KdlStore   *store,
                             const char *salt)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = g_strdup_printf ("export-fixture-%s", salt);
  KdlStoreDatasetSpec spec = {
    .source_path = "/data/export-fixture.csv",
    .format = "csv",
    .encoding = "UTF-8",
    .columns_json = "[\"阅读文本\",\"选项\",\"答案\"]",
    .mapping_json = "{\"reading\":\"阅读文本\",\"questions\":\"选项\",\"answers\":\"答案\"}",
    .content_hash = hash,
  };
  KdlStoreRowSpec specs[KDL_TEST_EXPORT_ROWS];
  char *fields[KDL_TEST_EXPORT_ROWS];
  char *hashes[KDL_TEST_EXPORT_ROWS];
  gint64 dataset_id;

  dataset_id = kdl_store_ensure_dataset (store, &spec, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < KDL_TEST_EXPORT_ROWS; i++)
    {
      fields[i] = fields_json (&rows[i]);
      hashes[i] = g_compute_checksum_for_string (G_CHECKSUM_SHA256, fields[i], -1);
      specs[i] = (KdlStoreRowSpec) { i + 1, hashes[i], fields[i] };
    }

  kdl_store_add_rows (store, dataset_id, specs, G_N_ELEMENTS (specs), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < KDL_TEST_EXPORT_ROWS; i++)
    {
      g_free (fields[i]);
      g_free (hashes[i]);
    }

  return dataset_id;
}

static gint64
add_templates (KdlStore *store,
               gint64   *judge_id)
{
  g_autoptr(GError) error = NULL;
  gint64 generate_id;

  generate_id = kdl_store_add_template_version (store, "rebuild", KDL_STORE_STAGE_GENERATE,
                                                "name: rebuild\nkind: generate\n---\n生成提示：补全{mcq}\n{reading}\n",
                                                &error);
  g_assert_no_error (error);
  *judge_id = kdl_store_add_template_version (store, "judge", KDL_STORE_STAGE_JUDGE,
                                              "name: judge\nkind: judge\nscore_max: 100\n---\n{generated}\n",
                                              &error);
  g_assert_no_error (error);

  return generate_id;
}

static void
finish_item (KdlStore   *store,
             gint64      item_id,
             const char *prompt,
             const char *output,
             int         check_ok,
             double      score)
{
  g_autoptr(GError) error = NULL;
  KdlStoreItemUpdate update = { 0 };

  update.item_id = item_id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_PROMPT;
  update.state = output != NULL ? KDL_STORE_ITEM_DONE : KDL_STORE_ITEM_FAILED;
  update.prompt = prompt;
  if (output != NULL)
    {
      update.fields |= KDL_STORE_ITEM_SET_OUTPUT;
      update.output = output;
    }
  if (check_ok >= 0)
    {
      update.fields |= KDL_STORE_ITEM_SET_CHECK;
      update.check_ok = check_ok;
    }
  if (score >= 0)
    {
      update.fields |= KDL_STORE_ITEM_SET_SCORE;
      update.has_score = TRUE;
      update.score = score;
    }
  g_assert_true (kdl_store_update_item (store, &update, &error));
  g_assert_no_error (error);
}

static void
set_verdict (KdlStore        *store,
             gint64           item_id,
             KdlStoreVerdict  verdict)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdl_store_set_verdict (store, &item_id, 1, verdict, &error));
  g_assert_no_error (error);
}

static void
fill_main_run (KdlTestExportProject *self,
               KdlStoreReader       *reader)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refs = kdl_store_reader_list_unfinished_items (reader, self->run, &error);

  g_assert_no_error (error);
  for (guint row = 1; row <= KDL_TEST_EXPORT_ROWS; row++)
    for (guint variant = 0; variant < KDL_TEST_EXPORT_VARIANTS; variant++)
      {
        const Sample *sample = &samples[row - 1][variant];
        KdlStoreItemRef *gen = kdl_test_store_find_ref (refs, row, variant, KDL_STORE_STAGE_GENERATE);
        KdlStoreItemRef *judge = kdl_test_store_find_ref (refs, row, variant, KDL_STORE_STAGE_JUDGE);
        g_autofree char *prompt = g_strdup_printf ("生成提示：第%u行第%u稿", row, variant);
        g_autofree char *output = NULL;

        self->gen_ids[row][variant] = gen->id;
        if (sample->stored == TEXT_NONE)
          {
            finish_item (self->store, gen->id, prompt, NULL, -1, -1);
            continue;
          }

        output = stored_text (sample->stored, row, variant);
        finish_item (self->store, gen->id, prompt, output, sample->check_ok, -1);
        finish_item (self->store, judge->id, "评分提示", "总分:XX分", -1, sample->score);

        if (sample->verdict != KDL_STORE_VERDICT_NONE)
          set_verdict (self->store, sample->verdict_on_judge ? judge->id : gen->id, sample->verdict);

        if (sample->edit != TEXT_NONE)
          {
            g_autofree char *edit = canonical_text (sample->edit, row, variant);
            g_autofree char *written = sample->edit_messy ? messy (edit) : g_strdup (edit);

            g_assert_true (kdl_store_set_edit (self->store, gen->id, written, &error));
            g_assert_no_error (error);
          }
      }
}

static void
add_rejudge_run (KdlTestExportProject *self,
                 KdlStoreReader       *reader)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(GArray) refs = NULL;
  KdlStoreRunSpec spec = { 0 };

  add_templates (self->store, &spec.judge_template_id);
  spec.parent_run_id = self->run;
  spec.score_max = 100;
  self->rejudge = kdl_store_create_run (self->store, &spec, &error);
  g_assert_no_error (error);

  for (guint row = 1; row <= KDL_TEST_EXPORT_ROWS; row++)
    for (guint variant = 0; variant < KDL_TEST_EXPORT_VARIANTS; variant++)
      if (samples[row - 1][variant].stored != TEXT_NONE)
        {
          KdlStoreItemSpec item = { row, variant, FALSE, TRUE, self->gen_ids[row][variant] };
          g_array_append_val (items, item);
        }
  g_assert_true (kdl_store_add_items (self->store, self->rejudge, (KdlStoreItemSpec *)(gpointer)items->data,
                                      items->len, &error));
  g_assert_no_error (error);

  refs = kdl_store_reader_list_unfinished_items (reader, self->rejudge, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < refs->len; i++)
    {
      const KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);

      finish_item (self->store, ref->id, "评分提示", "总分:XX分", -1,
                   kdl_test_export_rejudge_scores[ref->row - 1][ref->variant]);
      if (ref->row == 2 && ref->variant == 0)
        set_verdict (self->store, ref->id, KDL_STORE_VERDICT_ACCEPTED);
    }
}

KdlTestExportProject *
kdl_test_export_project_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(KdlStoreReader) reader = NULL;
  KdlTestExportProject *self = g_new0 (KdlTestExportProject, 1);
  KdlStoreRunSpec spec = { 0 };

  self->store = kdl_test_store_new ("export");
  self->path = g_strdup (kdl_store_get_path (self->store));
  self->dataset_id = kdl_test_export_add_dataset (self->store, "main");

  spec.dataset_id = self->dataset_id;
  spec.generate_template_id = add_templates (self->store, &spec.judge_template_id);
  spec.score_max = 100;
  self->run = kdl_store_create_run (self->store, &spec, &error);
  g_assert_no_error (error);

  for (guint row = 1; row <= KDL_TEST_EXPORT_ROWS; row++)
    for (guint variant = 0; variant < KDL_TEST_EXPORT_VARIANTS; variant++)
      {
        KdlStoreItemSpec item = { row, variant, TRUE, TRUE, 0 };
        g_array_append_val (items, item);
      }
  g_assert_true (kdl_store_add_items (self->store, self->run, (KdlStoreItemSpec *)(gpointer)items->data,
                                      items->len, &error));
  g_assert_no_error (error);

  reader = kdl_store_open_reader (self->store, &error);
  g_assert_no_error (error);
  fill_main_run (self, reader);
  add_rejudge_run (self, reader);

  return self;
}

void
kdl_test_export_project_free (KdlTestExportProject *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self);
}

/* Four MCQs that say which shard wrote them. */
char *
kdl_test_export_shard_output (guint       row,
                              const char *label)
{
  GString *out = g_string_new (NULL);

  for (guint n = 1; n <= 4; n++)
    g_string_append_printf (out, "%s%u. 【%s】第%u行第%u题？\nA. 一\nB. 二\nC. 三\nD. 四\n答案:B",
                            n > 1 ? "\n\n" : "", n, label, row, n);

  return g_string_free (out, FALSE);
}

/* A generate + judge run over rows first…last (one variant), every
 * sample done with kdl_test_export_shard_output () and score 80, or all
 * failed. */
gint64
kdl_test_export_add_run (KdlStore   *store,
                         gint64      dataset_id,
                         guint       first_row,
                         guint       last_row,
                         const char *label,
                         gboolean    fail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (KdlStoreItemSpec));
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(GArray) refs = NULL;
  KdlStoreRunSpec spec = { 0 };
  gint64 run_id;

  spec.dataset_id = dataset_id;
  spec.generate_template_id = add_templates (store, &spec.judge_template_id);
  spec.score_max = 100;
  run_id = kdl_store_create_run (store, &spec, &error);
  g_assert_no_error (error);

  for (guint row = first_row; row <= last_row; row++)
    {
      KdlStoreItemSpec item = { row, 0, TRUE, TRUE, 0 };
      g_array_append_val (items, item);
    }
  g_assert_true (kdl_store_add_items (store, run_id, (KdlStoreItemSpec *)(gpointer)items->data, items->len, &error));
  g_assert_no_error (error);

  reader = kdl_store_open_reader (store, &error);
  refs = kdl_store_reader_list_unfinished_items (reader, run_id, &error);
  g_assert_no_error (error);
  for (guint row = first_row; row <= last_row; row++)
    {
      KdlStoreItemRef *gen = kdl_test_store_find_ref (refs, row, 0, KDL_STORE_STAGE_GENERATE);
      KdlStoreItemRef *judge = kdl_test_store_find_ref (refs, row, 0, KDL_STORE_STAGE_JUDGE);
      g_autofree char *output = fail ? NULL : kdl_test_export_shard_output (row, label);

      finish_item (store, gen->id, "生成提示", output, fail ? -1 : 1, -1);
      if (!fail)
        finish_item (store, judge->id, "评分提示", "总分:80分", -1, 80);
    }

  return run_id;
}

/* A path in the test's own exports folder. */
char *
kdl_test_export_out_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "exports", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* An empty folder of its own, so a test can count what is in it. */
char *
kdl_test_export_fresh_dir (const char *name)
{
  char *dir = kdl_test_export_out_path (name);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpuint (kdl_test_count_files (dir), ==, 0);
  return dir;
}

char *
kdl_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The lines of a JSON Lines file; each record must end with "\n". */
GPtrArray *
kdl_test_read_lines (const char *path)
{
  g_autofree char *contents = kdl_test_read_file (path);
  g_auto(GStrv) lines = NULL;
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);
  guint n;

  if (*contents == '\0')
    return array;

  g_assert_true (g_str_has_suffix (contents, "\n"));
  lines = g_strsplit (contents, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i + 1 < n; i++)
    g_ptr_array_add (array, g_strdup (lines[i]));

  return array;
}

guint
kdl_test_count_files (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}
