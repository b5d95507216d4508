/* kdl-cli-stats.c — kindling-cli stats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-cli.h"
#include "kdl-store.h"

static void
print_summary (KdlStoreReader   *reader,
               KdlStoreRunStats *stats)
{
  g_autoptr(KdlStoreRun) run = kdl_store_reader_get_run (reader, stats->run_id, NULL);

  g_print (_("Run %lld (%s → %s): %u rows, %u done, %u failed, %u retried\n"),
           (long long)stats->run_id,
           run != NULL && run->template_name != NULL ? run->template_name : "—",
           run != NULL && run->judge_name != NULL ? run->judge_name : "—",
           stats->rows, stats->done, stats->failed, stats->retried);

  if (stats->has_scores)
    g_print (_("Scores: %u scored, %u unparsed, mean %.2f, median %.2f\n"),
             stats->scored, stats->unparsed, stats->mean, stats->median);
  else
    g_print (_("Scores: none yet (%u unparsed)\n"), stats->unparsed);

  for (guint k = 0; stats->has_scores && k < stats->histogram->len; k++)
    {
      const KdlStoreBucket *bucket = &g_array_index (stats->histogram, KdlStoreBucket, k);

      g_print ("  %6g–%-6g %6u\n", bucket->from, bucket->to, bucket->count);
    }

  for (guint i = 0; i < stats->parts->len; i++)
    {
      const KdlStorePart *part = &g_array_index (stats->parts, KdlStorePart, i);

      g_print ("  %s: %.2f\n", part->name, part->mean);
    }

  g_print (_("Tokens: %lld\n"), (long long)stats->total_tokens);
}

int
kdl_cli_stats (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autofree char *project = NULL;
  gint64 run_id = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project, N_("The project file (default: the default project)"), "P.kindling" },
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run_id, N_("The run (default: the newest)"), "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— figures of a run: counts, scores, histogram, rubric parts, tokens"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("stats", "%s", error->message);

  if (argc != 1)
    return kdl_cli_usage_error ("stats", "%s", _("Unexpected arguments."));

  if (run_id < 0)
    return kdl_cli_usage_error ("stats", "%s", _("--run must be a run id."));

  if (project == NULL)
    project = kdl_store_get_default_path ();

  reader = kdl_store_reader_open (project, &error);
  if (reader == NULL)
    {
      kdl_cli_print_error ("stats", error);
      return kdl_cli_exit_for_error (error);
    }

  if (json)
    {
      g_autoptr(JsonNode) node = kdl_store_reader_build_stats_json (reader, run_id, &error);
      g_autofree char *text = NULL;

      if (node == NULL)
        {
          kdl_cli_print_error ("stats", error);
          return kdl_cli_exit_for_error (error);
        }

      text = json_to_string (node, FALSE);
      g_print ("%s\n", text);
    }
  else
    {
      g_autoptr(KdlStoreRunStats) stats = NULL;

      if (run_id == 0)
        run_id = kdl_store_reader_get_latest_run_id (reader, &error);
      if (error == NULL && run_id == 0)
        {
          g_print (_("The project has no runs yet.\n"));
          return KDL_EXIT_OK;
        }
      if (error == NULL)
        stats = kdl_store_reader_get_run_stats (reader, run_id, &error);
      if (stats == NULL)
        {
          kdl_cli_print_error ("stats", error);
          return kdl_cli_exit_for_error (error);
        }
      print_summary (reader, stats);
    }

  return KDL_EXIT_OK;
}
