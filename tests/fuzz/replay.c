/* replay.c — runs a fuzz harness over every file of its corpus
 *
 * Without libFuzzer this gives each harness a main (): `meson test` feeds
 * it the corpus, so crashes found once stay fixed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int   argc,
      char *argv[])
{
  guint n_files = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        {
          fprintf (stderr, "replay: %s\n", error->message);
          return 1;
        }

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (!g_file_get_contents (path, &contents, &len, &error))
            {
              fprintf (stderr, "replay: %s\n", error->message);
              return 1;
            }

          LLVMFuzzerTestOneInput ((const uint8_t *)contents, len);
          n_files++;
        }
    }

  fprintf (stderr, "replay: %u inputs ran without a crash\n", n_files);

  return n_files > 0 ? 0 : 1;
}
