/* test-import-jsonl.c — JSON Lines import: shapes, rejects, row ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-test-util.h"

#define ISSUE(a, i) (&g_array_index ((a), KdlImportIssue, (i)))

static void
test_sample (void)
{
  g_autofree char *path = kdl_test_sample_path ("sample-finetune.jsonl");
  g_autoptr(KdlDataset) dataset = kdl_test_load (path, NULL);
  g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  const guint chars[] = { 696, 773, 706, 845, 723, 837, 681, 788, 620, 587 };
  g_autofree char *encoding = kdl_dataset_dup_encoding (dataset);

  g_assert_cmpint (kdl_dataset_get_format (dataset), ==, KDL_DATASET_FORMAT_JSONL);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 10);
  g_assert_cmpuint (kdl_dataset_get_n_records (dataset), ==, 10);
  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpuint (g_strv_length (columns), ==, 2);
  g_assert_cmpstr (columns[0], ==, "input");
  g_assert_cmpstr (columns[1], ==, "output");
  g_assert_cmpstr (kdl_column_map_get (map, "reading"), ==, "input");
  g_assert_cmpstr (kdl_column_map_get (map, "questions"), ==, "output");
  g_assert_null (kdl_column_map_get (map, "answers"));

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autofree char *reading = kdl_dataset_get_variable (dataset, record, "reading");
      g_autofree char *row = kdl_dataset_get_variable (dataset, record, "row");
      g_autofree char *expected_row = g_strdup_printf ("%u", i + 1);

      g_assert_nonnull (record);
      g_assert_cmpuint (kdl_record_get_row (record), ==, i + 1);
      g_assert_cmpuint (kdl_record_get_line (record), ==, i + 1);
      g_assert_cmpstr (row, ==, expected_row);
      g_assert_cmpuint (g_utf8_strlen (reading, -1), ==, chars[i]);
      g_assert_true (g_str_has_prefix (kdl_record_lookup (record, "output"), "1. "));
      g_assert_cmpuint (strlen (kdl_record_get_hash (record)), ==, 64);
    }

  {
    g_autoptr(KdlRecord) first = kdl_dataset_lookup_row (dataset, 1);
    g_autofree char *reading = kdl_dataset_get_variable (dataset, first, "reading");

    g_assert_true (g_str_has_prefix (reading, "夏夜走出空调房"));
    g_assert_true (g_str_has_prefix (kdl_record_lookup (first, "input"), "你是一位"));
  }
}

static void
test_shapes (void)
{
  const char *text =
    "{\"instruction\": \"Ask\", \"input\": \"passage\", \"output\": \"q\"}\n"
    "{\"conversations\": [{\"from\": \"system\", \"value\": \"be kind\"}, {\"from\": \"human\", \"value\": \"hi\"}, {\"from\": \"gpt\", \"value\": \"hello\"}, {\"from\": \"human\", \"value\": \"more\"}]}\n"
    "{\"id\": 7, \"score\": -1.5e3, \"ok\": true, \"bad\": false, \"none\": null, \"tags\": [1, \"a\"], \"meta\": {\"k\": \"v\"}}\n"
    "{\"text\": \"line\\nbreak \\\"quoted\\\" \\u4e2d\\u6587 \\ud83d\\ude00 \\/ \\t\"}\n"
    "{\"messages\": [{\"role\": \"user\", \"content\": \"u\"}, {\"role\": \"assistant\", \"content\": \"a\"}]}\n";
  g_autoptr(KdlDataset) dataset = kdl_test_load_text ("shapes.jsonl", text, -1);
  g_autoptr(KdlRecord) alpaca = kdl_dataset_lookup_row (dataset, 1);
  g_autoptr(KdlRecord) sharegpt = kdl_dataset_lookup_row (dataset, 2);
  g_autoptr(KdlRecord) flat = kdl_dataset_lookup_row (dataset, 3);
  g_autoptr(KdlRecord) escapes = kdl_dataset_lookup_row (dataset, 4);
  g_autoptr(KdlRecord) messages = kdl_dataset_lookup_row (dataset, 5);
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);

  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 5);

  g_assert_cmpstr (kdl_record_lookup (alpaca, "instruction"), ==, "Ask");
  g_assert_cmpstr (kdl_record_lookup (alpaca, "input"), ==, "passage");

  /* ShareGPT: the first human turn and the gpt turn after it; the raw
   * conversation stays as a field. */
  g_assert_cmpstr (kdl_record_lookup (sharegpt, "input"), ==, "hi");
  g_assert_cmpstr (kdl_record_lookup (sharegpt, "output"), ==, "hello");
  g_assert_cmpstr (kdl_record_lookup (sharegpt, "system"), ==, "be kind");
  g_assert_true (g_str_has_prefix (kdl_record_lookup (sharegpt, "conversations"), "[{\"from\""));

  g_assert_cmpstr (kdl_record_lookup (flat, "id"), ==, "7");
  g_assert_cmpstr (kdl_record_lookup (flat, "score"), ==, "-1.5e3");
  g_assert_cmpstr (kdl_record_lookup (flat, "ok"), ==, "true");
  g_assert_cmpstr (kdl_record_lookup (flat, "bad"), ==, "false");
  g_assert_null (kdl_record_lookup (flat, "none"));
  g_assert_cmpuint (kdl_record_get_n_fields (flat), ==, 7);
  g_assert_cmpstr (kdl_record_lookup (flat, "tags"), ==, "[1, \"a\"]");
  g_assert_cmpstr (kdl_record_lookup (flat, "meta"), ==, "{\"k\": \"v\"}");

  g_assert_cmpstr (kdl_record_lookup (escapes, "text"), ==, "line\nbreak \"quoted\" 中文 😀 / \t");

  g_assert_cmpstr (kdl_record_lookup (messages, "input"), ==, "u");
  g_assert_cmpstr (kdl_record_lookup (messages, "output"), ==, "a");
}

static void
test_rejects (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GArray) skipped = NULL;

  g_string_append (text, "\xEF\xBB\xBF{\"input\": \"bom\", \"output\": \"o\"}\r\n");  /* 1 BOM + CRLF */
  g_string_append (text, "{\"input\": \"a\", \"output\": }\n");                     /* 2 invalid-json */
  g_string_append (text, "\n");                                                      /* 3 blank */
  g_string_append (text, "[1, 2]\n");                                                /* 4 not-an-object */
  g_string_append (text, "{\"input\": \"caf\xE9\", \"output\": \"o\"}\n");          /* 5 invalid-utf8 */
  g_string_append (text, "   \t\r\n");                                               /* 6 blank */
  g_string_append (text, "{\"input\": \"x\", \"input\": \"y\"}\n");                 /* 7 duplicate-key */
  g_string_append (text, "{}\n");                                                    /* 8 missing-fields */
  g_string_append (text, "{\"input\": \"a\\u0000b\"}\n");                            /* 9 nul */
  g_string_append (text, "{\"conversations\": [{\"from\": \"human\", \"value\": \"q\"}]}\n"); /* 10 missing */
  g_string_append (text, "{\"input\": \"good\", \"output\": \"o\"}\n");             /* 11 ok */
  g_string_append (text, "{\"input\": \"raw\ttab\"}\n");                            /* 12 control char */
  g_string_append (text, "{\"input\": \"\\ud800\"}\n");                              /* 13 lone surrogate */
  g_string_append (text, "{\"input\": \"a\"} x\n");                                 /* 14 trailing text */
  g_string_append (text, "{\"input\": \"last\", \"outp");                           /* 15 truncated */

  dataset = kdl_test_load_text ("rejects.jsonl", text->str, text->len);
  rejected = kdl_dataset_dup_rejected (dataset);
  skipped = kdl_dataset_dup_skipped (dataset);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 2);
  g_assert_cmpuint (kdl_dataset_get_n_records (dataset), ==, 13);
  g_assert_cmpuint (kdl_dataset_get_row_id (dataset, 0), ==, 1);
  g_assert_cmpuint (kdl_dataset_get_row_id (dataset, 1), ==, 11);

  {
    g_autoptr(KdlRecord) bom = kdl_dataset_get_record (dataset, 0);
    g_assert_cmpstr (kdl_record_lookup (bom, "input"), ==, "bom");
    g_assert_cmpstr (kdl_record_lookup (bom, "output"), ==, "o");
  }

  g_assert_cmpuint (rejected->len, ==, 11);
  kdl_test_assert_issue (rejected, 0, 2, 2, KDL_IMPORT_INVALID_JSON);
  kdl_test_assert_issue (rejected, 1, 4, 4, KDL_IMPORT_NOT_AN_OBJECT);
  kdl_test_assert_issue (rejected, 2, 5, 5, KDL_IMPORT_INVALID_UTF8);
  kdl_test_assert_issue (rejected, 3, 7, 7, KDL_IMPORT_DUPLICATE_KEY);
  kdl_test_assert_issue (rejected, 4, 8, 8, KDL_IMPORT_MISSING_FIELDS);
  kdl_test_assert_issue (rejected, 5, 9, 9, KDL_IMPORT_NUL_CHARACTER);
  kdl_test_assert_issue (rejected, 6, 10, 10, KDL_IMPORT_MISSING_FIELDS);
  kdl_test_assert_issue (rejected, 7, 12, 12, KDL_IMPORT_INVALID_JSON);
  kdl_test_assert_issue (rejected, 8, 13, 13, KDL_IMPORT_INVALID_JSON);
  kdl_test_assert_issue (rejected, 9, 14, 14, KDL_IMPORT_INVALID_JSON);
  kdl_test_assert_issue (rejected, 10, 15, 15, KDL_IMPORT_TRUNCATED_LINE);
  g_assert_nonnull (strstr (ISSUE (rejected, 0)->message, "26"));
  g_assert_nonnull (strstr (ISSUE (rejected, 3)->message, "input"));

  g_assert_cmpuint (skipped->len, ==, 2);
  kdl_test_assert_issue (skipped, 0, 0, 3, KDL_IMPORT_BLANK_LINE);
  kdl_test_assert_issue (skipped, 1, 0, 6, KDL_IMPORT_BLANK_LINE);

  g_assert_false (kdl_dataset_find_row (dataset, 2, NULL));
  g_assert_null (kdl_dataset_lookup_row (dataset, 2));
}

/* A broken last line that still has its newline is invalid, not cut off;
 * a last line without newline that is complete loads. */
static void
test_last_line (void)
{
  g_autoptr(KdlDataset) a = kdl_test_load_text ("a.jsonl", "{\"x\": \"1\"}\n{\"x\": \"2\n", -1);
  g_autoptr(KdlDataset) b = kdl_test_load_text ("b.jsonl", "{\"x\": \"1\"}\n{\"x\": \"2\"}", -1);
  g_autoptr(GArray) ra = kdl_dataset_dup_rejected (a);
  g_autoptr(GArray) rb = kdl_dataset_dup_rejected (b);

  kdl_test_assert_issue (ra, 0, 2, 2, KDL_IMPORT_INVALID_JSON);
  g_assert_cmpuint (rb->len, ==, 0);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (b), ==, 2);
}

static void
test_long_row (void)
{
  g_autoptr(GString) text = g_string_new ("{\"input\": \"short\"}\n{\"input\": \"");
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlRecord) record = NULL;

  for (guint i = 0; i < 2 * 1024 * 1024 / 3; i++)
    g_string_append (text, "长");
  g_string_append (text, "\"}\n{\"input\": \"after\"}\n");

  dataset = kdl_test_load_text ("long.jsonl", text->str, text->len);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 3);
  record = kdl_dataset_lookup_row (dataset, 2);
  g_assert_cmpuint (g_utf8_strlen (kdl_record_lookup (record, "input"), -1), ==, 2 * 1024 * 1024 / 3);
  g_clear_pointer (&record, kdl_record_unref);
  record = kdl_dataset_lookup_row (dataset, 3);
  g_assert_cmpstr (kdl_record_lookup (record, "input"), ==, "after");
}

/* Big enough for the first page and the two parallel halves: every row id
 * and every rejected line must still be the physical line. */
static void
test_parallel_index (void)
{
  GRand *rand = g_rand_new_with_seed (kdl_test_seed (4));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) blank = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GArray) skipped = NULL;
  g_auto(GStrv) columns = NULL;
  guint n_lines = 40000;
  guint n_good = 0;

  for (guint line = 1; line <= n_lines; line++)
    {
      guint kind = g_rand_int_range (rand, 0, 100);

      if (kind == 0)
        {
          g_string_append (text, "{\"input\": broken}\n");
          g_array_append_val (bad, line);
        }
      else if (kind == 1)
        {
          g_string_append (text, "\n");
          g_array_append_val (blank, line);
        }
      else
        {
          g_string_append_printf (text, "{\"input\": \"row %u 第%u行 ", line, line);
          for (guint k = g_rand_int_range (rand, 0, 60); k > 0; k--)
            g_string_append (text, "填充文字");
          g_string_append_printf (text, "\", \"output\": \"%u\"", line);
          if (line == n_lines - 5)
            g_string_append (text, ", \"late\": \"x\"");
          g_string_append (text, "}\n");
          n_good++;
        }
    }
  g_assert_cmpuint (text->len, >, 5 << 20);

  dataset = kdl_test_load_text ("parallel.jsonl", text->str, text->len);
  rejected = kdl_dataset_dup_rejected (dataset);
  skipped = kdl_dataset_dup_skipped (dataset);
  columns = kdl_dataset_dup_columns (dataset);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, n_good);
  g_assert_cmpuint (kdl_dataset_get_n_records (dataset), ==, n_good + bad->len);
  g_assert_cmpuint (rejected->len, ==, bad->len);
  for (guint i = 0; i < bad->len; i++)
    kdl_test_assert_issue (rejected, i, g_array_index (bad, guint, i), g_array_index (bad, guint, i),
                  KDL_IMPORT_INVALID_JSON);
  g_assert_cmpuint (skipped->len, ==, blank->len);
  for (guint i = 0; i < blank->len; i++)
    kdl_test_assert_issue (skipped, i, 0, g_array_index (blank, guint, i), KDL_IMPORT_BLANK_LINE);

  for (guint pos = 0; pos < n_good; pos += 997)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, pos);
      g_autofree char *expected = g_strdup_printf ("%u", kdl_record_get_row (record));

      g_assert_cmpstr (kdl_record_lookup (record, "output"), ==, expected);
    }

  g_assert_cmpuint (g_strv_length (columns), ==, 3);
  g_assert_cmpstr (columns[2], ==, "late");
  g_rand_free (rand);
}

static void
test_hash (void)
{
  g_autoptr(KdlDataset) jsonl = kdl_test_load_text ("h.jsonl", "{\"a\": \"1\", \"b\": \"二\"}\n{\"a\": \"1\", \"b\": null}\n", -1);
  g_autoptr(KdlDataset) csv = kdl_test_load_text ("h.csv", "a,b\n1,二\n1,\n", -1);
  g_autoptr(KdlRecord) j1 = kdl_dataset_get_record (jsonl, 0);
  g_autoptr(KdlRecord) j2 = kdl_dataset_get_record (jsonl, 1);
  g_autoptr(KdlRecord) c1 = kdl_dataset_get_record (csv, 0);
  g_autoptr(KdlRecord) c2 = kdl_dataset_get_record (csv, 1);

  /* The hash is of the content, whatever the format; null differs from "". */
  g_assert_cmpstr (kdl_record_get_hash (j1), ==, kdl_record_get_hash (c1));
  g_assert_cmpstr (kdl_record_get_hash (j2), !=, kdl_record_get_hash (c2));
  g_assert_cmpstr (kdl_record_get_hash (j1), !=, kdl_record_get_hash (j2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/jsonl/sample", test_sample);
  g_test_add_func ("/import/jsonl/shapes", test_shapes);
  g_test_add_func ("/import/jsonl/rejects", test_rejects);
  g_test_add_func ("/import/jsonl/last-line", test_last_line);
  g_test_add_func ("/import/jsonl/long-row", test_long_row);
  g_test_add_func ("/import/jsonl/parallel-index", test_parallel_index);
  g_test_add_func ("/import/jsonl/hash", test_hash);

  return g_test_run ();
}
