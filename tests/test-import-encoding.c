/* test-import-encoding.c — UTF-8, the GB18030 guess, forced encodings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-encoding.h"
#include "kdl-test-util.h"

static const char *chinese_csv =
  "阅读文本,选项,答案\n"
  "\"城市热岛效应是指城市气温高于周边乡村的现象。\n夜间温差可达三到五摄氏度。\",1．下列说法正确的是（3分）,1.C\n"
  "“标准时间”的出现，与铁路的发展密切相关。,2．A．火车 B．轮船,2.A\n";

static char *
to_encoding (const char *utf8,
             const char *encoding,
             gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *out = g_convert (utf8, -1, encoding, "UTF-8", NULL, len, &error);

  g_assert_no_error (error);
  return out;
}

static void
test_gb18030_guess (void)
{
  gsize len;
  g_autofree char *gb = to_encoding (chinese_csv, "GB18030", &len);
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlDataset) utf8 = kdl_test_load_text ("utf8.csv", chinese_csv, -1);
  g_autofree char *encoding = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *utf8_notice = kdl_dataset_dup_encoding_notice (utf8);

  g_assert_false (g_utf8_validate (gb, len, NULL));
  g_assert_true (kdl_encoding_gb18030_plausible (gb, len));

  dataset = kdl_test_load_text ("gb.csv", gb, len);
  encoding = kdl_dataset_dup_encoding (dataset);
  notice = kdl_dataset_dup_encoding_notice (dataset);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_nonnull (notice);
  g_assert_null (utf8_notice);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdlRecord) a = kdl_dataset_get_record (dataset, i);
      g_autoptr(KdlRecord) b = kdl_dataset_get_record (utf8, i);

      g_assert_cmpuint (kdl_record_get_line (a), ==, kdl_record_get_line (b));
      g_assert_cmpstr (kdl_record_get_hash (a), ==, kdl_record_get_hash (b));
    }
}

static const char *latin_csv =
  "name,text\n"
  "café,Le garçon mangea une crème brûlée à côté de la fenêtre.\n"
  "plain,nothing special here\n"
  "Müller,Größere Häuser kosten mehr; Straße und Übergänge.\n"
  "résumé,Señor Núñez élève des chèvres près de Besançon et très heureux.\n";

/* Latin-1 often decodes as GB18030 (é + letter is a GBK code), into rare
 * ideographs; it must stay UTF-8 with its non-UTF-8 rows rejected. */
static void
test_latin1_not_gb18030 (void)
{
  gsize len;
  g_autofree char *latin1 = to_encoding (latin_csv, "ISO-8859-1", &len);
  g_autofree char *cp1252 = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *notice = NULL;
  const char *smart = "name,text\n“quoted” text,it’s here\nplain,ok\n“again”,“and again”\n";

  g_assert_false (kdl_encoding_gb18030_plausible (latin1, len));

  dataset = kdl_test_load_text ("latin1.csv", latin1, len);
  encoding = kdl_dataset_dup_encoding (dataset);
  notice = kdl_dataset_dup_encoding_notice (dataset);
  rejected = kdl_dataset_dup_rejected (dataset);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_nonnull (notice);
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 1);
  g_assert_cmpuint (kdl_test_count_issues (rejected, KDL_IMPORT_INVALID_UTF8), ==, 3);
  g_assert_cmpuint (g_array_index (rejected, KdlImportIssue, 0).line, ==, 2);

  cp1252 = to_encoding (smart, "CP1252", &len);
  g_assert_false (kdl_encoding_gb18030_plausible (cp1252, len));
  g_clear_object (&dataset);
  g_clear_pointer (&encoding, g_free);
  dataset = kdl_test_load_text ("cp1252.csv", cp1252, len);
  encoding = kdl_dataset_dup_encoding (dataset);
  g_assert_cmpstr (encoding, ==, "UTF-8");
}

static void
test_forced (void)
{
  gsize len;
  g_autofree char *latin1 = to_encoding (latin_csv, "ISO-8859-1", &len);
  g_autofree char *path = kdl_test_write_file ("forced.csv", latin1, len);
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlRecord) record = NULL;
  g_autofree char *encoding = NULL;

  kdl_import_options_set_encoding (options, "iso-8859-1");
  dataset = kdl_test_load (path, options);
  encoding = kdl_dataset_dup_encoding (dataset);
  g_assert_cmpstr (encoding, ==, "ISO-8859-1");
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 4);
  record = kdl_dataset_get_record (dataset, 0);
  g_assert_cmpstr (kdl_record_lookup (record, "name"), ==, "café");
}

/* A forced encoding rejects just the lines that do not decode. */
static void
test_forced_bad_line (void)
{
  gsize len;
  g_autofree char *gb = to_encoding ("{\"t\": \"中文一\"}\n{\"t\": \"中文二\"}\n", "GB18030", &len);
  g_autoptr(GString) text = g_string_new_len (gb, len);
  g_autofree char *path = NULL;
  g_autoptr(KdlImportOptions) options = kdl_import_options_new ();
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(KdlRecord) record = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  /* 0x81 0x20 is not GB18030; the file also ends with a cut character. */
  g_string_append (text, "{\"t\": \"\x81 \"}\n{\"t\": \"ok\"}\n{\"t\": \"\xD6");
  path = kdl_test_write_file ("gbbad.jsonl", text->str, text->len);
  kdl_import_options_set_encoding (options, "GB18030");
  dataset = kdl_test_load (path, options);
  rejected = kdl_dataset_dup_rejected (dataset);

  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 3);
  g_assert_cmpuint (rejected->len, ==, 2);
  g_assert_cmpuint (g_array_index (rejected, KdlImportIssue, 0).row, ==, 3);
  g_assert_cmpstr (g_array_index (rejected, KdlImportIssue, 0).code, ==, KDL_IMPORT_INVALID_ENCODING);
  g_assert_cmpuint (g_array_index (rejected, KdlImportIssue, 1).row, ==, 5);
  record = kdl_dataset_lookup_row (dataset, 2);
  g_assert_cmpstr (kdl_record_lookup (record, "t"), ==, "中文二");

  kdl_import_options_set_encoding (options, "NO-SUCH-ENCODING");
  file = g_file_new_for_path (path);
  g_clear_object (&dataset);
  dataset = kdl_dataset_load (file, options, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* A UTF-8 file with one damaged line stays UTF-8. */
static void
test_utf8_with_bad_line (void)
{
  g_autoptr(GString) text = g_string_new ("{\"t\": \"中文\"}\n");
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autofree char *encoding = NULL;

  g_string_append (text, "{\"t\": \"\xD6\xD0\xCE\xC4\"}\n{\"t\": \"更多\"}\n{\"t\": \"文字\"}\n");
  dataset = kdl_test_load_text ("mixed.jsonl", text->str, text->len);
  encoding = kdl_dataset_dup_encoding (dataset);
  rejected = kdl_dataset_dup_rejected (dataset);

  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_cmpuint (kdl_dataset_get_n_loaded (dataset), ==, 3);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpuint (g_array_index (rejected, KdlImportIssue, 0).line, ==, 2);
  g_assert_cmpstr (g_array_index (rejected, KdlImportIssue, 0).code, ==, KDL_IMPORT_INVALID_UTF8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/encoding/gb18030-guess", test_gb18030_guess);
  g_test_add_func ("/import/encoding/latin1-not-gb18030", test_latin1_not_gb18030);
  g_test_add_func ("/import/encoding/forced", test_forced);
  g_test_add_func ("/import/encoding/forced-bad-line", test_forced_bad_line);
  g_test_add_func ("/import/encoding/utf8-with-bad-line", test_utf8_with_bad_line);

  return g_test_run ();
}
