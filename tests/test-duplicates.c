/* test-duplicates.c — duplicate flags on a project with known copies, and
 * the bulk "reject duplicates"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "kdl-duplicates.h"
#include "kdl-exam-parser.h"
#include "kdl-mcq-fingerprint.h"
#include "kdl-test-duplicates.h"
#include "kdl-test-store.h"
#include "kdl-test-util.h"

/* Row 1 (zh, urban heat islands): four originals. */
#define O1 "下列关于“城市热岛效应”的理解，正确的一项是\nA. 城市热岛效应指城市气温高于周边乡村的现象\nB. 城市热岛效应只在白天出现，夜晚就会消失\nC. 城市热岛效应与地面材料和建筑布局没有关系\nD. 城市热岛效应只存在于人口较少的小城市\n答案:A"
#define O2 "根据文本，下列不属于热岛成因的一项是\nA. 沥青路面和混凝土墙体吸收并储存大量太阳辐射\nB. 高楼林立的街区挡住了风，使热量难以散去\nC. 汽车尾气、空调外机和工业生产排放人为热\nD. 农田和水面通过蒸发把太阳能转化为水汽潜热\n答案:D"
#define O3 "下列对文本论证思路的分析，正确的一项是\nA. 文章先提出应对办法，再分析热岛的成因\nB. 文章先描述现象，再分析成因，最后提出对策\nC. 文章只描述了热岛现象，没有分析它的成因\nD. 文章通篇采用对比论证，没有使用举例论证\n答案:B"
#define O4 "根据文本，下列推断不合理的一项是\nA. 增加城市绿地和水面有助于缓解热岛效应\nB. 浅色屋顶比深色屋顶吸收的太阳辐射更少\nC. 无风的晴夜里城郊温差可能比平时更大\nD. 只要关闭空调外机就能彻底消除热岛效应\n答案:D"
/* O2 with full-width and other punctuation, blanks and an answer blank. */
#define O2_WRITTEN "根据文本， 下列不属于热岛成因的一项是（　　）\nA．沥青路面和混凝土墙体吸收并储存大量太阳辐射。\nB．高楼林立的街区挡住了风, 使热量难以散去\nC．汽车尾气,空调外机和工业生产排放人为热\nD．农田和水面通过蒸发把太阳能转化为水汽潜热\n答案：D"
/* O3 with one character changed. */
#define O3_NEAR "下列对文本论证思路的分析，正确的一项是\nA. 文章先提出应对办法，后分析热岛的成因\nB. 文章先描述现象，再分析成因，最后提出对策\nC. 文章只描述了热岛现象，没有分析它的成因\nD. 文章通篇采用对比论证，没有使用举例论证\n答案:B"
#define GA "关于城市热岛效应带来的影响，下列说法正确的一项是\nA. 热岛效应会加重城市夏季的用电负担\nB. 热岛效应会让城市的冬季变得更加寒冷\nC. 热岛效应与城市居民的健康毫无关系\nD. 热岛效应能够明显减轻城市的空气污染\n答案:A"
#define GA_SHUFFLED "关于城市热岛效应带来的影响，下列说法正确的一项是\nA. 热岛效应能够明显减轻城市的空气污染\nB. 热岛效应会加重城市夏季的用电负担\nC. 热岛效应与城市居民的健康毫无关系\nD. 热岛效应会让城市的冬季变得更加寒冷\n答案:B"
#define GB "文中提到的“人为热”，下列不属于其来源的一项是\nA. 城市道路上川流不息的汽车排出的尾气\nB. 居民楼外墙上的空调外机排出的热风\nC. 工厂在生产过程中排放的大量废热\nD. 郊外林地中的植物通过蒸腾散失的水分\n答案:D"
/* GB with two characters changed. */
#define GB_NEAR "文中提及的“人为热”，下列不属于其来源的一项是\nA. 城市道路上川流不息的汽车排出的尾气\nB. 居民楼外墙上的空调外机排出的热风\nC. 工厂在生产过程中排放的大量余热\nD. 郊外林地中的植物通过蒸腾散失的水分\n答案:D"
/* O1's stem, other options: another question on the same topic. */
#define GC "下列关于“城市热岛效应”的理解，正确的一项是\nA. 夜间城郊温差往往在日落后几个小时达到最大\nB. 热岛效应在中午时分总是表现得最为明显\nC. 乡村的夜间降温速度比城市中心更加缓慢\nD. 城市上空的云层是热岛形成的唯一原因\n答案:A"
#define GD "文章第二段主要运用了哪种说明方法\nA. 列数字，用具体温差说明热岛的强度\nB. 作比较，对比城市与乡村下垫面的差异\nC. 打比方，把城市比作一座巨大的冰箱\nD. 下定义，给出热岛效应的科学概念\n答案:B"

/* Row 2 (zh, ice cores): two originals. */
#define P1 "下列对冰芯研究的理解，正确的一项是\nA. 冰芯中的气泡保存了古代大气的样本\nB. 冰芯只能记录最近一百年的气候变化\nC. 冰芯研究与全球气候变化没有任何关系\nD. 冰芯中的尘埃全部来自火山喷发\n答案:A"
#define P2 "根据文本，科学家钻取冰芯的主要目的是\nA. 开采南极冰盖下的矿产资源\nB. 重建过去数十万年的气候档案\nC. 测量冰川每年移动的距离\nD. 寻找远古生物的化石遗迹\n答案:B"
#define P1_WRITTEN "下列对冰芯研究的理解，正确的一项是（　　）\nA．冰芯中的气泡保存了古代大气的样本。\nB．冰芯只能记录最近一百年的气候变化。\nC．冰芯研究与全球气候变化没有任何关系。\nD．冰芯中的尘埃全部来自火山喷发。\n答案：A"
#define P2_NEAR "根据文本，科学家钻取冰芯的主要目的是\nA. 开采南极冰盖下的矿产资源\nB. 重建过去几十万年的气候档案\nC. 测量冰川每年移动的距离\nD. 寻找远古生物的化石遗迹\n答案:B"
#define H1 "文中提到冰芯中的同位素比例，它可以用来推断\nA. 当时的气温高低\nB. 当时的降水总量\nC. 当时的风力大小\nD. 当时的植被种类\n答案:A"
#define H2 "下列对冰芯年代测定方法的说法，正确的一项是\nA. 可以像数树木年轮一样数冰层的年层\nB. 只能依靠放射性碳测定冰芯的年代\nC. 冰芯越靠近表层，形成的年代越久远\nD. 冰芯的年代无法通过任何方法确定\n答案:A"
#define H3 "根据文本，下列推断合理的一项是\nA. 冰芯记录可以帮助预测未来的气候趋势\nB. 冰芯研究已经完全取代了其他气候研究\nC. 南极的冰层在过去从未发生过变化\nD. 冰芯中的气泡会随时间变成新的气体\n答案:A"
#define H4 "下列对冰芯研究意义的理解，不正确的一项是\nA. 冰芯为研究古代大气成分提供了直接证据\nB. 冰芯记录揭示了温室气体与气温的联系\nC. 冰芯研究对理解当今气候变化毫无帮助\nD. 冰芯中的火山灰可以标记历史上的喷发事件\n答案:C"
#define H5 "文章在介绍冰芯时主要采用的说明顺序是\nA. 时间顺序\nB. 空间顺序\nC. 逻辑顺序\nD. 方位顺序\n答案:C"
#define H6 "冰芯被称为“气候档案”，这是因为\nA. 冰芯按年层保存了历年的气候信息\nB. 冰芯被保存在专门的档案馆里\nC. 冰芯的外形很像一卷卷的档案\nD. 冰芯是由档案管理员负责钻取的\n答案:A"
/* P1's stem with "不", other options. */
#define H7 "下列对冰芯研究的理解，不正确的一项是\nA. 钻取冰芯需要在极端寒冷的环境中工作\nB. 冰芯样本在运输过程中必须保持冷冻\nC. 冰芯越深处的冰层形成的时间越晚\nD. 不同地点的冰芯可以相互印证研究结论\n答案:C"
#define H_NEW "文中说冰芯是“冻结的时间胶囊”，这一说法强调的是\nA. 冰芯完整地保存了形成时的环境信息\nB. 冰芯可以像胶囊一样被人吞服\nC. 冰芯会在常温下迅速融化\nD. 冰芯里藏着古人留下的信件\n答案:A"

/* Row 3 (en, light pollution): three originals. */
#define E1 "What is the main purpose of the citizen science project described in the passage?\nA. To measure light pollution with the help of volunteers.\nB. To sell telescopes to amateur astronomers.\nC. To replace professional observatories.\nD. To count the street lamps in one city.\n答案:A"
#define E2 "Why do the researchers need thousands of observations?\nA. Because a single measurement is always wrong.\nB. Because the sky changes from place to place and night to night.\nC. Because volunteers are paid for each report.\nD. Because the satellites stopped working.\n答案:B"
#define E3 "What does the word \"it\" in the second paragraph refer to?\nA. The night sky.\nB. The volunteer's phone.\nC. The glow of the city.\nD. The research team.\n答案:C"
#define E1_WRITTEN "WHAT is the main purpose of the citizen-science project described in the passage\nA. to measure light pollution with the help of volunteers\nB. TO SELL TELESCOPES TO AMATEUR ASTRONOMERS.\nC. To replace professional observatories!\nD. To count the street lamps in one city.\n答案:A"
#define E3_NEAR "What does the word \"it\" in the third paragraph refer to?\nA. The night sky.\nB. The volunteer's phone.\nC. The glow of the city.\nD. The research team.\n答案:C"
#define F1 "According to the passage, how do volunteers take part in the project?\nA. By counting the stars they can see on a clear night.\nB. By building their own telescopes at home.\nC. By writing articles for a science magazine.\nD. By switching off every light in their street.\n答案:A"
#define F2 "Which of the following is TRUE about light pollution?\nA. It affects the behaviour of some night animals.\nB. It only exists in very small villages.\nC. It makes the stars look brighter than before.\nD. It has been completely solved in most cities.\n答案:A"
#define F3 "What can we infer about the author's attitude towards citizen science?\nA. Doubtful.\nB. Supportive.\nC. Indifferent.\nD. Critical.\n答案:B"
#define F4 "What is the best title for the passage?\nA. Counting Stars to Measure Dark Skies\nB. How to Build a Telescope\nC. The History of Street Lamps\nD. Why Cities Never Sleep\n答案:A"
#define F5 "Where does the data from the volunteers go after it is collected?\nA. It is shared with researchers through an online map.\nB. It is kept secret by the city government.\nC. It is sold to companies that make lamps.\nD. It is thrown away after one week.\n答案:A"
#define F6 "Which of the following is NOT mentioned as a result of too much artificial light?\nA. Birds losing their way during migration.\nB. People sleeping less well at night.\nC. Energy being wasted on lighting empty streets.\nD. Crops growing faster in the fields.\n答案:D"
/* F5 with one word changed, in another row. */
#define F5_NEAR "Where does the data from the volunteers go after it is collected?\nA. It is shared with researchers through an online chart.\nB. It is kept secret by the city government.\nC. It is sold to companies that make lamps.\nD. It is thrown away after one week.\n答案:A"

/* Row 4 (en, barcodes): two originals. */
#define K1 "What was the barcode first designed for?\nA. Speeding up the checkout in grocery stores.\nB. Tracking letters in the post.\nC. Counting cars on highways.\nD. Labelling books in libraries.\n答案:A"
#define K2 "Why did some shop owners oppose the barcode at first?\nA. It was too expensive to install the scanners.\nB. Customers refused to buy labelled goods.\nC. The lines were too thin to print.\nD. The government banned it.\n答案:A"
#define L1 "Who came up with the idea of the barcode according to the passage?\nA. Two students at a university in Philadelphia.\nB. A group of supermarket managers.\nC. An engineer working for a railway company.\nD. A famous American painter.\n答案:A"
#define L2 "What pattern inspired the first barcode design?\nA. Lines drawn in the sand on a beach.\nB. The stripes of a zebra.\nC. Rows of crops on a farm.\nD. The keys of a piano.\n答案:A"
#define L3 "When was the first product scanned with a barcode?\nA. In 1974, at a supermarket in Ohio.\nB. In 1950, in a bank in New York.\nC. In 1990, at an airport in London.\nD. In 2001, in a bookshop in Paris.\n答案:A"
#define L4 "Which word best describes the spread of the barcode after 1980?\nA. Slow.\nB. Rapid.\nC. Uncertain.\nD. Limited.\n答案:B"
#define L4_WRITTEN "Which word best describes the spread of the barcode after 1980\nA. Rapid\nB. Limited\nC. Slow\nD. Uncertain\n答案:A"
#define L5 "What does the last paragraph mainly talk about?\nA. New codes that can hold more information.\nB. The price of scanners today.\nC. The life of the inventor.\nD. Problems with paper labels.\n答案:A"
#define L6 "How is the passage mainly organised?\nA. In time order.\nB. By comparing two inventions.\nC. By listing problems and solutions.\nD. By giving several opinions.\n答案:A"

#define Q(...) kdl_test_mcq_text (__VA_ARGS__, NULL)

typedef struct
{
  KdlStore       *store;
  KdlStoreReader *reader;
  GPtrArray      *texts;
  gint64          dataset_id;
  gint64          expand_id;
  gint64          rebuild_id;
  gint64          run_a;        /* expand, rows 1–4 × 2 variants */
} Fixture;

static const char *
keep (Fixture *fixture,
      char    *text)
{
  g_ptr_array_add (fixture->texts, text);
  return text;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row1 = Q (O1, O2, O3, O4);
  g_autofree char *row2 = Q (P1, P2);
  g_autofree char *row3 = Q (E1, E2, E3);
  g_autofree char *row4 = Q (K1, K2);
  const char * const originals[] = { row1, row2, row3, row4 };
  KdlTestSample samples[8];

  fixture->store = kdl_test_store_new ("duplicates");
  fixture->texts = g_ptr_array_new_with_free_func (g_free);
  fixture->dataset_id = kdl_test_dup_add_dataset (fixture->store, originals, G_N_ELEMENTS (originals));
  fixture->expand_id = kdl_test_dup_add_template (fixture->store, FALSE);
  fixture->rebuild_id = kdl_test_dup_add_template (fixture->store, TRUE);

  /* Listed out of order on purpose: the order that counts is the store's. */
  samples[0] = (KdlTestSample) { 4, 1, 0, keep (fixture, Q (L4, L5, L4_WRITTEN, L6)) };
  samples[1] = (KdlTestSample) { 1, 0, 0, keep (fixture, Q (O2_WRITTEN, GA, O3_NEAR, GB)) };
  samples[2] = (KdlTestSample) { 1, 1, 0, keep (fixture, Q (GA_SHUFFLED, GB_NEAR, GC, GD)) };
  samples[3] = (KdlTestSample) { 2, 0, 0, keep (fixture, Q (GB, H1, H2, H3)) };
  samples[4] = (KdlTestSample) { 2, 1, 0, keep (fixture, Q (H4, H5, H6, H7)) };
  samples[5] = (KdlTestSample) { 3, 0, 0, keep (fixture, Q (F1, E1_WRITTEN, E3_NEAR, F2)) };
  samples[6] = (KdlTestSample) { 3, 1, 0, keep (fixture, Q (F3, F5, F4, F6)) };
  samples[7] = (KdlTestSample) { 4, 0, 0, keep (fixture, Q (F5_NEAR, L1, L2, L3)) };
  fixture->run_a = kdl_test_dup_add_run (fixture->store, fixture->dataset_id, fixture->expand_id, 0,
                                         samples, G_N_ELEMENTS (samples));

  fixture->reader = kdl_store_open_reader (fixture->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->reader, kdl_store_reader_free);
  g_clear_pointer (&fixture->texts, g_ptr_array_unref);

  /* A worker thread may drop its task (and the task's store) just after
   * the callback ran. */
  {
    KdlStore *store = fixture->store;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (store), (gpointer *)&store);
    g_object_unref (fixture->store);
    while (store != NULL && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_null (store);
  }
}

static gint64
item_id (Fixture *fixture,
         gint64   run_id,
         guint    row,
         guint    variant)
{
  return kdl_test_dup_item_id (fixture->reader, run_id, row, variant);
}

static double
similarity (const char *a,
            const char *b)
{
  g_autoptr(KdlExam) x = kdl_exam_parse_combined (a);
  g_autoptr(KdlExam) y = kdl_exam_parse_combined (b);
  g_autoptr(KdlMcqFingerprint) px = NULL;
  g_autoptr(KdlMcqFingerprint) py = NULL;

  g_assert_cmpuint (x->mcqs->len, ==, 1);
  g_assert_cmpuint (y->mcqs->len, ==, 1);
  px = kdl_mcq_fingerprint_new (g_ptr_array_index (x->mcqs, 0));
  py = kdl_mcq_fingerprint_new (g_ptr_array_index (y->mcqs, 0));

  return kdl_mcq_fingerprint_similarity (px, py);
}

/* One expected match.  other_row 0: the row's originals. */
typedef struct
{
  guint             row;
  guint             variant;
  KdlDuplicateCode  code;
  guint             question;
  guint             other_row;
  guint             other_variant;
  guint             other_question;
  const char       *text;        /* near-*: the two questions, for the */
  const char       *other_text;  /* similarity the flag must give */
} Expect;

#define ZH_NEAR(t, o) "1. " t, "1. " o

static void
assert_flags (Fixture        *fixture,
              KdlDuplicates  *duplicates,
              gint64          run_id,
              const Expect   *expect,
              guint           n_expect)
{
  g_autoptr(GHashTable) items = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_matches = 0;

  for (guint i = 0; i < kdl_duplicates_get_n_items (duplicates); i++)
    {
      const KdlDuplicateItem *item = kdl_duplicates_get_item (duplicates, i);

      for (guint m = 0; m < item->n_matches; m++)
        {
          const KdlDuplicateMatch *match = &item->matches[m];
          g_autofree char *text = kdl_duplicate_match_describe (match, item->item_id);

          g_test_message ("row %u variant %u: %s %s (%.3f)", item->row, item->variant,
                          kdl_duplicate_code_to_string (match->code), text, match->similarity);
          n_matches++;
        }
    }

  for (guint e = 0; e < n_expect; e++)
    {
      gint64 id = item_id (fixture, run_id, expect[e].row, expect[e].variant);
      const KdlDuplicateItem *item = kdl_duplicates_lookup (duplicates, id);
      const KdlDuplicateMatch *match = NULL;

      g_assert_nonnull (item);
      g_assert_cmpint (item->item_id, ==, id);
      g_assert_cmpuint (item->row, ==, expect[e].row);
      g_assert_cmpuint (item->variant, ==, expect[e].variant);
      g_assert_cmpuint (item->codes & expect[e].code, ==, expect[e].code);
      g_hash_table_add (items, (gpointer)&item->item_id);

      for (guint m = 0; m < item->n_matches && match == NULL; m++)
        if (item->matches[m].code == expect[e].code && item->matches[m].question == expect[e].question)
          match = &item->matches[m];
      if (match == NULL)
        g_error ("row %u variant %u question %u: no %s match", expect[e].row, expect[e].variant,
                 expect[e].question, kdl_duplicate_code_to_string (expect[e].code));

      if (expect[e].other_row == 0)
        {
          g_assert_cmpint (match->other_item_id, ==, 0);
          g_assert_cmpuint (match->other_row, ==, expect[e].row);
        }
      else
        {
          g_assert_cmpint (match->other_item_id, ==,
                           item_id (fixture, run_id, expect[e].other_row, expect[e].other_variant));
          g_assert_cmpuint (match->other_row, ==, expect[e].other_row);
          g_assert_cmpuint (match->other_variant, ==, expect[e].other_variant);
        }
      g_assert_cmpuint (match->other_question, ==, expect[e].other_question);

      if (expect[e].text == NULL)
        g_assert_cmpfloat (match->similarity, ==, 1);
      else
        {
          double s = similarity (expect[e].text, expect[e].other_text);

          g_assert_cmpfloat_with_epsilon (match->similarity, s, 1e-12);
          g_assert_cmpfloat (s, >=, kdl_duplicates_get_threshold (duplicates));
          g_assert_cmpfloat (s, <, 1);
        }
    }

  /* Nothing else is flagged. */
  g_assert_cmpuint (n_matches, ==, n_expect);
  g_assert_cmpuint (kdl_duplicates_get_n_items (duplicates), ==, g_hash_table_size (items));
}

static const Expect run_a_flags[] = {
  { 1, 0, KDL_DUPLICATE_REPEATS_ORIGINAL, 1, 0, 0, 2, NULL, NULL },
  { 1, 0, KDL_DUPLICATE_NEAR_ORIGINAL, 3, 0, 0, 3, ZH_NEAR (O3_NEAR, O3) },
  { 1, 1, KDL_DUPLICATE_REPEATS_GENERATED, 1, 1, 0, 2, NULL, NULL },
  { 1, 1, KDL_DUPLICATE_NEAR_GENERATED, 2, 1, 0, 4, ZH_NEAR (GB_NEAR, GB) },
  { 2, 0, KDL_DUPLICATE_REPEATS_GENERATED, 1, 1, 0, 4, NULL, NULL },
  { 3, 0, KDL_DUPLICATE_REPEATS_ORIGINAL, 2, 0, 0, 1, NULL, NULL },
  { 3, 0, KDL_DUPLICATE_NEAR_ORIGINAL, 3, 0, 0, 3, ZH_NEAR (E3_NEAR, E3) },
  { 4, 0, KDL_DUPLICATE_NEAR_GENERATED, 1, 3, 1, 2, ZH_NEAR (F5_NEAR, F5) },
  { 4, 1, KDL_DUPLICATE_REPEATS_GENERATED, 3, 4, 1, 1, NULL, NULL },
};

static KdlDuplicates *
find (Fixture                   *fixture,
      gint64                     run_id,
      const KdlDuplicateOptions *options)
{
  g_autoptr(GError) error = NULL;
  KdlDuplicates *duplicates = kdl_duplicates_find (fixture->reader, run_id, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (KDL_IS_DUPLICATES (duplicates));

  return duplicates;
}

/* Exact copies (written differently, options shuffled), near copies, one
 * copy across rows, one within a sample; same-topic questions untouched. */
static void
test_expand_run (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdlDuplicates) duplicates = find (fixture, fixture->run_a, NULL);
  g_autoptr(GArray) ids = NULL;

  assert_flags (fixture, duplicates, fixture->run_a, run_a_flags, G_N_ELEMENTS (run_a_flags));

  g_assert_cmpint (kdl_duplicates_get_run_id (duplicates), ==, fixture->run_a);
  g_assert_cmpfloat (kdl_duplicates_get_threshold (duplicates), ==, KDL_MCQ_FINGERPRINT_THRESHOLD);
  g_assert_cmpuint (kdl_duplicates_get_n_samples (duplicates), ==, 8);
  g_assert_cmpuint (kdl_duplicates_get_n_questions (duplicates), ==, 32);
  g_assert_cmpuint (kdl_duplicates_get_n_items (duplicates), ==, 6);
  g_assert_null (kdl_duplicates_get_item (duplicates, 6));

  g_assert_cmpuint (kdl_duplicates_count (duplicates, KDL_DUPLICATE_REPEATS_ORIGINAL), ==, 2);
  g_assert_cmpuint (kdl_duplicates_count (duplicates, KDL_DUPLICATE_NEAR_ORIGINAL), ==, 2);
  g_assert_cmpuint (kdl_duplicates_count (duplicates, KDL_DUPLICATE_REPEATS_GENERATED), ==, 3);
  g_assert_cmpuint (kdl_duplicates_count (duplicates, KDL_DUPLICATE_NEAR_GENERATED), ==, 2);
  g_assert_cmpuint (kdl_duplicates_count (duplicates, KDL_DUPLICATE_ALL), ==, 6);

  /* Row, variant order; the unflagged samples are not there. */
  ids = kdl_duplicates_list_item_ids (duplicates, KDL_DUPLICATE_ALL);
  g_assert_cmpuint (ids->len, ==, 6);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, item_id (fixture, fixture->run_a, 1, 0));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, item_id (fixture, fixture->run_a, 1, 1));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, item_id (fixture, fixture->run_a, 2, 0));
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, item_id (fixture, fixture->run_a, 3, 0));
  g_assert_cmpint (g_array_index (ids, gint64, 4), ==, item_id (fixture, fixture->run_a, 4, 0));
  g_assert_cmpint (g_array_index (ids, gint64, 5), ==, item_id (fixture, fixture->run_a, 4, 1));
  g_clear_pointer (&ids, g_array_unref);

  ids = kdl_duplicates_list_item_ids (duplicates, KDL_DUPLICATE_NEAR_ORIGINAL | KDL_DUPLICATE_NEAR_GENERATED);
  g_assert_cmpuint (ids->len, ==, 4);

  g_assert_cmpuint (kdl_duplicates_get_codes (duplicates, item_id (fixture, fixture->run_a, 2, 1)), ==, 0);
  g_assert_null (kdl_duplicates_lookup (duplicates, item_id (fixture, fixture->run_a, 3, 1)));
  g_assert_cmpuint (kdl_duplicates_get_codes (duplicates, item_id (fixture, fixture->run_a, 1, 0)), ==,
                    KDL_DUPLICATE_REPEATS_ORIGINAL | KDL_DUPLICATE_NEAR_ORIGINAL);
}

/* A rebuild keeps its originals first: not duplicates, not even of each
 * other across variants.  The same outputs in an expand run are. */
static void
test_rebuild_run (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KdlDuplicates) rebuild = NULL;
  g_autoptr(KdlDuplicates) expand = NULL;
  const KdlTestSample samples[] = {
    { 2, 0, 0, keep (fixture, Q (P1_WRITTEN, P2, H1, H2)) },
    /* An original changed a little is still kept; a further copy is not. */
    { 2, 1, 0, keep (fixture, Q (P1, P2_NEAR, H3, P1)) },
    /* Originals swapped: the structure check's business. */
    { 4, 0, 0, keep (fixture, Q (K2, K1, L1, L2)) },
    { 4, 1, 0, keep (fixture, Q (K1, K2, L1, L3)) },
  };
  static const Expect flags[] = {
    { 2, 1, KDL_DUPLICATE_REPEATS_ORIGINAL, 4, 0, 0, 1, NULL, NULL },
    { 4, 1, KDL_DUPLICATE_REPEATS_GENERATED, 3, 4, 0, 3, NULL, NULL },
  };
  gint64 run_b, run_c;

  run_b = kdl_test_dup_add_run (fixture->store, fixture->dataset_id, fixture->rebuild_id, 0,
                                samples, G_N_ELEMENTS (samples));
  rebuild = find (fixture, run_b, NULL);
  assert_flags (fixture, rebuild, run_b, flags, G_N_ELEMENTS (flags));
  g_assert_cmpuint (kdl_duplicates_get_n_questions (rebuild), ==, 16);

  run_c = kdl_test_dup_add_run (fixture->store, fixture->dataset_id, fixture->expand_id, 0,
                                samples, G_N_ELEMENTS (samples));
  expand = find (fixture, run_c, NULL);
  g_assert_cmpuint (kdl_duplicates_get_n_items (expand), ==, 4);
  g_assert_cmpuint (kdl_duplicates_count (expand, KDL_DUPLICATE_REPEATS_ORIGINAL), ==, 4);
  g_assert_cmpuint (kdl_duplicates_count (expand, KDL_DUPLICATE_NEAR_ORIGINAL), ==, 1);
  g_assert_cmpuint (kdl_duplicates_count (expand, KDL_DUPLICATE_REPEATS_GENERATED), ==, 2);
  g_assert_cmpuint (kdl_duplicates_count (expand, KDL_DUPLICATE_NEAR_GENERATED), ==, 1);
  g_assert_cmpuint (kdl_duplicates_lookup (expand, item_id (fixture, run_c, 2, 0))->n_matches, ==, 2);
  g_assert_cmpuint (kdl_duplicates_lookup (expand, item_id (fixture, run_c, 2, 1))->n_matches, ==, 6);
  g_assert_cmpuint (kdl_duplicates_lookup (expand, item_id (fixture, run_c, 4, 0))->n_matches, ==, 2);
  g_assert_cmpuint (kdl_duplicates_lookup (expand, item_id (fixture, run_c, 4, 1))->n_matches, ==, 5);
}

/* A chained run's input counts as originals; the row's come first. */
static void
test_chained_run (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KdlDuplicates) duplicates = NULL;
  gint64 source = item_id (fixture, fixture->run_a, 1, 0);
  const KdlTestSample samples[] = {
    { 1, 0, source, keep (fixture, Q (GA, O2, GC, GD)) },
  };
  const KdlDuplicateItem *item;
  gint64 run_d;

  run_d = kdl_test_dup_add_run (fixture->store, 0, fixture->expand_id, fixture->run_a,
                                samples, G_N_ELEMENTS (samples));
  duplicates = find (fixture, run_d, NULL);

  g_assert_cmpuint (kdl_duplicates_get_n_items (duplicates), ==, 1);
  item = kdl_duplicates_get_item (duplicates, 0);
  g_assert_cmpint (item->item_id, ==, item_id (fixture, run_d, 1, 0));
  g_assert_cmpuint (item->codes, ==, KDL_DUPLICATE_REPEATS_ORIGINAL);
  g_assert_cmpuint (item->n_matches, ==, 2);

  /* GA is question 2 of the output it builds on. */
  g_assert_cmpuint (item->matches[0].question, ==, 1);
  g_assert_cmpint (item->matches[0].other_item_id, ==, source);
  g_assert_cmpuint (item->matches[0].other_question, ==, 2);
  /* O2 is the row's original 2 and the input's question 1. */
  g_assert_cmpuint (item->matches[1].question, ==, 2);
  g_assert_cmpint (item->matches[1].other_item_id, ==, 0);
  g_assert_cmpuint (item->matches[1].other_question, ==, 2);
}

/* The reviewer's edit is what counts (it is what gets exported). */
static void
test_edits (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDuplicates) edited = NULL;
  g_autoptr(KdlDuplicates) original = NULL;
  g_autofree char *fixed = Q (H_NEW, H1, H2, H3);
  gint64 id = item_id (fixture, fixture->run_a, 2, 0);
  KdlDuplicateOptions options = { 0 };

  kdl_store_set_edit (fixture->store, id, fixed, &error);
  g_assert_no_error (error);

  edited = find (fixture, fixture->run_a, NULL);
  g_assert_null (kdl_duplicates_lookup (edited, id));
  g_assert_cmpuint (kdl_duplicates_get_n_items (edited), ==, 5);

  options.ignore_edits = TRUE;
  original = find (fixture, fixture->run_a, &options);
  assert_flags (fixture, original, fixture->run_a, run_a_flags, G_N_ELEMENTS (run_a_flags));
}

/* Near flags come and go with the threshold; exact ones stay. */
static void
test_threshold (Fixture       *fixture,
                gconstpointer  data)
{
  static const double thresholds[] = { 0.5, 0.8, 0.9, 0.95, 1 };

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      g_autoptr(KdlDuplicates) duplicates = NULL;
      KdlDuplicateOptions options = { thresholds[t], FALSE };
      guint n_expected = 0;

      duplicates = find (fixture, fixture->run_a, &options);
      g_assert_cmpfloat (kdl_duplicates_get_threshold (duplicates), ==, thresholds[t]);

      for (guint e = 0; e < G_N_ELEMENTS (run_a_flags); e++)
        {
          const Expect *expect = &run_a_flags[e];
          gboolean flagged = expect->text == NULL || similarity (expect->text, expect->other_text) >= thresholds[t];
          const KdlDuplicateItem *item = kdl_duplicates_lookup (duplicates, item_id (fixture, fixture->run_a,
                                                                                     expect->row, expect->variant));
          gboolean found = FALSE;

          for (guint m = 0; item != NULL && m < item->n_matches; m++)
            found |= item->matches[m].code == expect->code && item->matches[m].question == expect->question;
          g_assert_cmpint (found, ==, flagged);
          n_expected += flagged;
        }

      /* At 0.5, nothing else comes up: the other questions are far apart. */
      {
        guint n_matches = 0;

        for (guint i = 0; i < kdl_duplicates_get_n_items (duplicates); i++)
          n_matches += kdl_duplicates_get_item (duplicates, i)->n_matches;
        g_assert_cmpuint (n_matches, ==, n_expected);
      }
    }
}

static GHashTable *
snapshot_outputs (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refs = kdl_store_reader_list_outputs (fixture->reader, fixture->run_a, &error);
  GHashTable *outputs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < refs->len; i++)
    {
      g_autoptr(KdlStoreItem) item = NULL;
      gint64 id = g_array_index (refs, KdlStoreItemRef, i).id;

      item = kdl_store_reader_get_item (fixture->reader, id, &error);
      g_assert_no_error (error);
      g_hash_table_insert (outputs, g_memdup2 (&id, sizeof id),
                           g_strdup_printf ("%s\n--\n%s", item->output, item->edited_output ? item->edited_output : "(none)"));
    }

  return outputs;
}

static KdlStoreVerdict
verdict_of (Fixture *fixture,
            guint    row,
            guint    variant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreItem) item = kdl_store_reader_get_item (fixture->reader,
                                                           item_id (fixture, fixture->run_a, row, variant),
                                                           &error);

  g_assert_no_error (error);

  return item->verdict;
}

static void
assert_verdicts (Fixture               *fixture,
                 const KdlStoreVerdict  expected[4][2])
{
  for (guint row = 1; row <= 4; row++)
    for (guint variant = 0; variant < 2; variant++)
      {
        KdlStoreVerdict verdict = verdict_of (fixture, row, variant);

        if (verdict != expected[row - 1][variant])
          g_error ("row %u variant %u: verdict %s, expected %s", row, variant,
                   kdl_store_verdict_to_string (verdict), kdl_store_verdict_to_string (expected[row - 1][variant]));
      }
}

#define NONE KDL_STORE_VERDICT_NONE
#define ACC KDL_STORE_VERDICT_ACCEPTED
#define REJ KDL_STORE_VERDICT_REJECTED

/* Verdicts on the flagged samples only; outputs and edits untouched; an
 * accepted sample stays accepted unless asked. */
static void
test_reject (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDuplicates) duplicates = find (fixture, fixture->run_a, NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  gint64 accepted = item_id (fixture, fixture->run_a, 1, 1);
  gint64 edited = item_id (fixture, fixture->run_a, 3, 0);
  GHashTableIter iter;
  gpointer key, value;
  guint n_rejected = 99;
  const KdlStoreVerdict after_exact[4][2] = { { REJ, ACC }, { REJ, NONE }, { REJ, NONE }, { NONE, REJ } };
  const KdlStoreVerdict after_all[4][2] = { { REJ, REJ }, { REJ, NONE }, { REJ, NONE }, { REJ, REJ } };

  kdl_store_set_verdict (fixture->store, &accepted, 1, KDL_STORE_VERDICT_ACCEPTED, &error);
  g_assert_no_error (error);
  /* An edit that keeps the duplicate: the result was computed before it. */
  kdl_store_set_edit (fixture->store, edited, "1. 改过的题目\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案:A", &error);
  g_assert_no_error (error);
  before = snapshot_outputs (fixture);

  g_assert_true (kdl_duplicates_reject (fixture->store, duplicates, 0, KDL_DUPLICATE_REJECT_NONE, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 0);

  g_assert_true (kdl_duplicates_reject (fixture->store, duplicates,
                                        KDL_DUPLICATE_REPEATS_ORIGINAL | KDL_DUPLICATE_REPEATS_GENERATED,
                                        KDL_DUPLICATE_REJECT_NONE, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 4);
  assert_verdicts (fixture, after_exact);

  /* Again: nothing new. */
  g_assert_true (kdl_duplicates_reject (fixture->store, duplicates,
                                        KDL_DUPLICATE_REPEATS_ORIGINAL | KDL_DUPLICATE_REPEATS_GENERATED,
                                        KDL_DUPLICATE_REJECT_NONE, &n_rejected, &error));
  g_assert_cmpuint (n_rejected, ==, 0);

  g_assert_true (kdl_duplicates_reject (fixture->store, duplicates, KDL_DUPLICATE_ALL,
                                        KDL_DUPLICATE_REJECT_OVERRIDE_ACCEPTED, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 2);
  assert_verdicts (fixture, after_all);

  after = snapshot_outputs (fixture);
  g_assert_cmpuint (g_hash_table_size (after), ==, 8);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KdlDuplicates) duplicates = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint n_rejected = 0;

  kdl_duplicates_find_async (fixture->store, fixture->run_a, NULL, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  duplicates = kdl_duplicates_find_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  assert_flags (fixture, duplicates, fixture->run_a, run_a_flags, G_N_ELEMENTS (run_a_flags));
  g_clear_object (&result);

  kdl_duplicates_reject_async (fixture->store, duplicates, KDL_DUPLICATE_NEAR_GENERATED, KDL_DUPLICATE_REJECT_NONE,
                               NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kdl_duplicates_reject_finish (fixture->store, result, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 2);
  /* Committed before the callback. */
  g_assert_cmpint (verdict_of (fixture, 1, 1), ==, KDL_STORE_VERDICT_REJECTED);
  g_assert_cmpint (verdict_of (fixture, 4, 0), ==, KDL_STORE_VERDICT_REJECTED);
  g_assert_cmpint (verdict_of (fixture, 1, 0), ==, KDL_STORE_VERDICT_NONE);
  g_clear_object (&result);

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  kdl_duplicates_find_async (fixture->store, fixture->run_a, NULL, cancellable, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (kdl_duplicates_find_finish (fixture->store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KdlDuplicateOptions options = { 0.3, FALSE };

  g_assert_null (kdl_duplicates_find (fixture->reader, fixture->run_a, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.threshold = 1.5;
  g_assert_null (kdl_duplicates_find (fixture->reader, fixture->run_a, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (kdl_duplicates_find (fixture->reader, 999, NULL, NULL, &error));
  g_assert_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_NOT_FOUND);
}

/* A run with nothing finished yet, and samples without questions. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KdlDuplicates) duplicates = NULL;
  const KdlTestSample samples[] = {
    { 1, 0, 0, "这不是选择题。" },
    { 2, 0, 0, "" },
  };
  gint64 run_id;

  run_id = kdl_test_dup_add_run (fixture->store, fixture->dataset_id, fixture->expand_id, 0, samples, 2);
  duplicates = find (fixture, run_id, NULL);
  g_assert_cmpuint (kdl_duplicates_get_n_samples (duplicates), ==, 2);
  g_assert_cmpuint (kdl_duplicates_get_n_questions (duplicates), ==, 0);
  g_assert_cmpuint (kdl_duplicates_get_n_items (duplicates), ==, 0);
}

static void
test_codes_and_text (Fixture       *fixture,
                     gconstpointer  data)
{
  static const KdlDuplicateCode all[] = {
    KDL_DUPLICATE_REPEATS_ORIGINAL, KDL_DUPLICATE_NEAR_ORIGINAL,
    KDL_DUPLICATE_REPEATS_GENERATED, KDL_DUPLICATE_NEAR_GENERATED,
  };
  static const char * const names[] = { "repeats-original", "near-original", "repeats-generated", "near-generated" };
  g_autoptr(KdlDuplicates) duplicates = find (fixture, fixture->run_a, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const KdlDuplicateItem *item;
  JsonObject *object, *first;
  JsonArray *items;
  KdlDuplicateCode code;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpstr (kdl_duplicate_code_to_string (all[i]), ==, names[i]);
      g_assert_true (kdl_duplicate_code_from_string (names[i], &code));
      g_assert_cmpint (code, ==, all[i]);
      g_assert_nonnull (kdl_duplicate_code_get_label (all[i]));
    }
  g_assert_null (kdl_duplicate_code_to_string (KDL_DUPLICATE_ALL));
  g_assert_false (kdl_duplicate_code_from_string ("duplicate", &code));

  /* Sentences name what the reviewer needs to look at. */
  item = kdl_duplicates_lookup (duplicates, item_id (fixture, fixture->run_a, 1, 0));
  {
    g_autofree char *a = kdl_duplicate_match_describe (&item->matches[0], item->item_id);
    g_autofree char *b = kdl_duplicate_match_describe (&item->matches[1], item->item_id);
    g_autofree char *expected = g_strdup_printf ("Question 3 is %u%% similar to original question 3 of the row.",
                                                 (guint)floor (item->matches[1].similarity * 100 + 1e-9));

    g_assert_cmpstr (a, ==, "Question 1 repeats original question 2 of the row.");
    g_assert_cmpstr (b, ==, expected);
  }
  item = kdl_duplicates_lookup (duplicates, item_id (fixture, fixture->run_a, 2, 0));
  {
    g_autofree char *a = kdl_duplicate_match_describe (&item->matches[0], item->item_id);
    g_assert_cmpstr (a, ==, "Question 1 repeats question 4 of row 1, variant 1.");
  }
  item = kdl_duplicates_lookup (duplicates, item_id (fixture, fixture->run_a, 4, 1));
  {
    g_autofree char *a = kdl_duplicate_match_describe (&item->matches[0], item->item_id);
    g_assert_cmpstr (a, ==, "Question 3 repeats question 1 of this sample.");
  }

  kdl_duplicates_build_json (duplicates, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "run"), ==, fixture->run_a);
  g_assert_cmpint (json_object_get_int_member (object, "samples"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (object, "flagged"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "counts"), "repeats-generated"), ==, 3);
  items = json_object_get_array_member (object, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 6);
  first = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (items, 0), "matches"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "repeats-original");
  g_assert_true (json_object_get_null_member (first, "other_item"));
  g_assert_cmpint (json_object_get_int_member (first, "other_question"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (first, "similarity"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/duplicates/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("expand-run", test_expand_run);
  ADD ("rebuild-run", test_rebuild_run);
  ADD ("chained-run", test_chained_run);
  ADD ("edits", test_edits);
  ADD ("threshold", test_threshold);
  ADD ("reject", test_reject);
  ADD ("async", test_async);
  ADD ("errors", test_errors);
  ADD ("empty", test_empty);
  ADD ("codes-and-text", test_codes_and_text);
#undef ADD

  return g_test_run ();
}
