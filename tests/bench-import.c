/* bench-import.c — time to first rows, to the full index, peak memory
 *
 * Generates the 100,000-row JSONL and CSV of make_large.py (cached in the
 * temporary directory) and loads each in a child process of its own, so
 * the peak memory (VmHWM) is that of one import.  Also times a search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "kdl-dataset.h"

typedef struct
{
  GMainLoop *loop;
  gint64     start;
  gint64     first;
  guint      first_rows;
  gboolean   done;
  GError    *error;
} Bench;

static long
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  if (p == NULL)
    return -1;
  return strtol (p + strlen (field) + 1, NULL, 10);
}

static void
on_rows_available (KdlDataset *dataset,
                   guint       n_loaded,
                   Bench      *bench)
{
  if (bench->first == 0)
    {
      bench->first = g_get_monotonic_time ();
      bench->first_rows = n_loaded;
    }
}

static void
on_indexed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Bench *bench = user_data;

  kdl_dataset_index_finish (KDL_DATASET (object), result, &bench->error);
  bench->done = TRUE;
  g_main_loop_quit (bench->loop);
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GArray **out = user_data;

  *out = kdl_dataset_search_finish (KDL_DATASET (object), result, NULL);
}

static int
run_one (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KdlDataset) dataset = kdl_dataset_new (file, NULL);
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GArray) hits = NULL;
  Bench bench = { 0 };
  long rss_before = read_status_kb ("VmRSS:");
  gint64 end, search_start;
  GStatBuf st;

  g_stat (path, &st);
  bench.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (dataset, "rows-available", G_CALLBACK (on_rows_available), &bench);

  bench.start = g_get_monotonic_time ();
  kdl_dataset_index_async (dataset, NULL, on_indexed, &bench);
  g_main_loop_run (bench.loop);
  end = g_get_monotonic_time ();

  if (bench.error != NULL)
    {
      fprintf (stderr, "bench-import: %s\n", bench.error->message);
      return 1;
    }

  rejected = kdl_dataset_dup_rejected (dataset);
  printf ("%s: %.1f MB, %u rows loaded, %u rejected\n", path,
          st.st_size / 1e6, kdl_dataset_get_n_loaded (dataset), rejected->len);
  printf ("  first rows (%u) after %.3f s\n", bench.first_rows, (bench.first - bench.start) / 1e6);
  printf ("  full index after      %.3f s\n", (end - bench.start) / 1e6);
  printf ("  peak memory (VmHWM)   %.1f MB (%.1f MB before loading; file %.1f MB)\n",
          read_status_kb ("VmHWM:") / 1024.0, rss_before / 1024.0, st.st_size / 1048576.0);

  search_start = g_get_monotonic_time ();
  kdl_dataset_search_async (dataset, "城市", KDL_DATASET_SORT_READING_LENGTH, NULL, TRUE, NULL,
                            on_searched, &hits);
  while (hits == NULL)
    g_main_context_iteration (NULL, TRUE);
  printf ("  search + sort by reading length: %u hits in %.3f s\n", hits->len,
          (g_get_monotonic_time () - search_start) / 1e6);

  g_main_loop_unref (bench.loop);
  return 0;
}

static char *
ensure_file (const char *format)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "kindling-bench", NULL);
  g_autofree char *name = g_strdup_printf ("large-100000.%s", format);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_mkdir_with_parents (dir, 0700);
  script = g_build_filename (g_getenv ("KDL_SAMPLES_DIR"), "make_large.py", NULL);
  {
    g_autofree char *tmp = g_strconcat (path, ".part", NULL);
    const char *argv[] = { "/usr/bin/python3", script, "--rows", "100000", "--format", format,
                           "--out", tmp, "--quiet", NULL };

    if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error) || g_rename (tmp, path) != 0)
      {
        fprintf (stderr, "bench-import: cannot generate %s: %s\n", path,
                 error != NULL ? error->message : g_strerror (errno));
        exit (1);
      }
  }

  return path;
}

int
main (int   argc,
      char *argv[])
{
  const char *formats[] = { "jsonl", "csv" };

  if (argc == 3 && g_str_equal (argv[1], "--one"))
    return run_one (argv[2]);

  if (g_getenv ("KDL_SAMPLES_DIR") == NULL)
    {
      fprintf (stderr, "bench-import: set KDL_SAMPLES_DIR (meson does)\n");
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = ensure_file (formats[i]);
      g_autoptr(GError) error = NULL;
      const char *child[] = { argv[0], "--one", path, NULL };
      int status = 0;

      fflush (stdout);
      if (!g_spawn_sync (NULL, (char **)child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error))
        {
          fprintf (stderr, "bench-import: %s\n", error->message);
          return 1;
        }
      if (!g_spawn_check_wait_status (status, NULL))
        return 1;
    }

  return 0;
}
