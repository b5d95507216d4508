/* bench-exam-parser.c — how long the exam parser and the structure check
 * take over 100,000 rows
 *
 * Rows are the sample rows, repeated: the raw sample-zh rows (选项 + 答案,
 * 4–6 questions each, all the mess) and the cleaned sample-finetune
 * outputs (the combined form).  Prints one line per measurement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kdl-exam-parser.h"
#include "kdl-structure-check.h"
#include "kdl-test-readers.h"
#include "kdl-test-util.h"

#define N_ROWS 100000

typedef struct
{
  GPtrArray *csv;    /* of GStrv, header first */
  GPtrArray *jsonl;  /* of JsonObject */
} Samples;

static void
report (const char *what,
        double      seconds,
        guint64     bytes,
        guint       items)
{
  printf ("%-44s %7.3f s  %8.0f rows/s  %6.1f MB/s  (%u questions)\n",
          what, seconds, N_ROWS / seconds, bytes / seconds / 1e6, items);
}

static void
bench_columns (Samples *samples)
{
  guint64 bytes = 0;
  guint items = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_ROWS; i++)
    {
      char **row = g_ptr_array_index (samples->csv, 1 + i % (samples->csv->len - 1));
      g_autoptr(KdlExam) exam = kdl_exam_parse (row[1], row[2]);

      items += exam->mcqs->len + exam->short_answers->len;
      bytes += strlen (row[1]) + strlen (row[2]);
    }

  report ("kdl_exam_parse (sample-zh rows)", (g_get_monotonic_time () - start) / 1e6, bytes, items);
}

static void
bench_combined (Samples *samples)
{
  guint64 bytes = 0;
  guint items = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_ROWS; i++)
    {
      JsonObject *object = g_ptr_array_index (samples->jsonl, i % samples->jsonl->len);
      const char *output = json_object_get_string_member (object, "output");
      g_autoptr(KdlExam) exam = kdl_exam_parse_combined (output);

      items += exam->mcqs->len;
      bytes += strlen (output);
    }

  report ("kdl_exam_parse_combined (finetune outputs)", (g_get_monotonic_time () - start) / 1e6, bytes, items);
}

static void
bench_render (Samples *samples)
{
  g_autoptr(GPtrArray) exams = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_free);
  guint64 bytes = 0;
  gint64 start;

  for (guint i = 1; i < samples->csv->len; i++)
    {
      char **row = g_ptr_array_index (samples->csv, i);

      g_ptr_array_add (exams, kdl_exam_parse (row[1], row[2]));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *text = kdl_exam_render_canonical (g_ptr_array_index (exams, i % exams->len));

      bytes += strlen (text);
    }

  report ("kdl_exam_render_canonical", (g_get_monotonic_time () - start) / 1e6, bytes, 0);
}

static void
bench_check (Samples *samples)
{
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func ((GDestroyNotify)kdl_exam_free);
  guint64 bytes = 0;
  guint ok = 0;
  gint64 start;

  for (guint i = 0; i < samples->jsonl->len; i++)
    {
      JsonObject *object = g_ptr_array_index (samples->jsonl, i);

      g_ptr_array_add (originals, kdl_exam_parse_combined (json_object_get_string_member (object, "output")));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ROWS; i++)
    {
      JsonObject *object = g_ptr_array_index (samples->jsonl, i % samples->jsonl->len);
      const char *output = json_object_get_string_member (object, "output");
      KdlExam *original = g_ptr_array_index (originals, i % originals->len);
      g_autoptr(KdlStructureCheck) check = kdl_structure_check_run (output, original->mcqs);

      ok += check->ok;
      bytes += strlen (output);
    }

  report ("kdl_structure_check_run (with originals)", (g_get_monotonic_time () - start) / 1e6, bytes, ok);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *csv_path = kdl_test_sample_path ("sample-zh.csv");
  g_autofree char *jsonl_path = kdl_test_sample_path ("sample-finetune.jsonl");
  Samples samples;

  samples.csv = kdl_test_read_csv (csv_path);
  samples.jsonl = kdl_test_read_jsonl (jsonl_path);

  printf ("%u rows each, one thread:\n", N_ROWS);
  bench_columns (&samples);
  bench_combined (&samples);
  bench_render (&samples);
  bench_check (&samples);

  g_ptr_array_unref (samples.csv);
  g_ptr_array_unref (samples.jsonl);

  return 0;
}
