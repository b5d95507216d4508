/* kdl-cli-export.c — kindling-cli export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one JSON line on stdout when the files are in place:
 *   {"files": [PATH…], "records": N, "train": N, "val": N}
 * `files` are the paths written (one, or the train and the validation file
 * with --split), `records` all records, `train`/`val` the records in each
 * file (without --split every record counts as train, val is 0).  What was
 * left out, and an empty export, are said on stderr.  Ctrl+C stops the
 * write and leaves the target as it was.
 */

#include "config.h"

#include <math.h>
#include <signal.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-cli.h"
#include "kdl-export.h"
#include "kdl-store.h"
#include "kdl-template.h"

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
} WriteState;

static int
exit_for_error (const GError *error)
{
  if (error->domain == KDL_EXPORT_ERROR)
    return error->code == KDL_EXPORT_ERROR_WRITE ? KDL_EXIT_FAILED : KDL_EXIT_USAGE;
  if (error->domain == KDL_TEMPLATE_ERROR)
    return KDL_EXIT_USAGE;

  return kdl_cli_exit_for_error (error);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static void
print_left_out (const KdlExportCounts *counts)
{
  g_autofree char *left_out = kdl_export_counts_describe_left_out (counts);

  if (left_out != NULL)
    g_printerr (_("Samples left out: %s.\n"), left_out);
}

static void
print_summary (KdlExportPlan *plan,
               const char    *out)
{
  const KdlExportCounts *counts = kdl_export_plan_get_counts (plan);
  g_auto(GStrv) files = kdl_export_plan_get_paths (plan, out);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; files[i] != NULL; i++)
    json_builder_add_string_value (builder, files[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "records");
  json_builder_add_int_value (builder, counts->records);
  json_builder_set_member_name (builder, "train");
  json_builder_add_int_value (builder, counts->train);
  json_builder_set_member_name (builder, "val");
  json_builder_add_int_value (builder, counts->val);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_print ("%s\n", text);
}

static gboolean
on_signal (gpointer user_data)
{
  WriteState *state = user_data;

  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WriteState *state = user_data;

  kdl_export_plan_write_finish (KDL_EXPORT_PLAN (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* Writes under a main loop, so Ctrl+C cancels cleanly instead of leaving
 * a temporary file behind. */
static gboolean
write_plan (KdlExportPlan  *plan,
            const char     *out,
            GError        **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WriteState state = { loop, cancellable, NULL };
  guint sigint = g_unix_signal_add (SIGINT, on_signal, &state);
  guint sigterm = g_unix_signal_add (SIGTERM, on_signal, &state);

  kdl_export_plan_write_async (plan, out, NULL, NULL, NULL, cancellable, on_written, &state);
  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }

  return TRUE;
}

int
kdl_cli_export (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlExportOptions) options = kdl_export_options_new ();
  g_autoptr(KdlExportPlan) plan = NULL;
  g_autofree char *project = NULL;
  g_autofree char *format = NULL;
  g_autofree char *min_score = NULL;
  g_autofree char *split = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *template = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) runs = NULL;
  gboolean accepted_only = FALSE;
  gboolean structure_ok = FALSE;
  gboolean include_original = FALSE;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project, N_("The project file (default: the default project)"), "P.kindling" },
    { "run", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &runs, N_("A run to export; repeat it to merge shards"), "ID" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("spark, io, alpaca, sharegpt or xlsx"), "FORMAT" },
    { "min-score", 0, 0, G_OPTION_ARG_STRING, &min_score, N_("Only samples the judge scored at least S"), "S" },
    { "accepted-only", 0, 0, G_OPTION_ARG_NONE, &accepted_only, N_("Only samples a reviewer accepted"), NULL },
    { "structure-ok", 0, 0, G_OPTION_ARG_NONE, &structure_ok, N_("Only samples that pass the structure check"), NULL },
    { "include-original", 0, 0, G_OPTION_ARG_NONE, &include_original, N_("Also export each row’s own questions"), NULL },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split, N_("Put this share of the rows in a validation file"), "VAL_FRACTION" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("The seed of the split"), "N" },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template, N_("The template of the records’ input (default: train-input)"), "NAME|PATH" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), "FILE" },
    { NULL }
  };

  context = g_option_context_new (_("— write a run’s samples as training records"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("export", "%s", error->message);

  if (argc != 1)
    return kdl_cli_usage_error ("export", "%s", _("Unexpected arguments."));

  if (runs == NULL || runs[0] == NULL)
    return kdl_cli_usage_error ("export", "%s", _("Give the run to export with --run ID."));
  for (guint i = 0; runs[i] != NULL; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (runs[i], 10, 1, G_MAXINT64, &id, NULL))
        return kdl_cli_usage_error ("export", _("“%s” is not a run id."), runs[i]);
      kdl_export_options_add_run (options, (gint64)id);
    }

  if (format == NULL)
    return kdl_cli_usage_error ("export", "%s", _("Give the format with --format spark|io|alpaca|sharegpt|xlsx."));
  if (!kdl_export_format_from_string (format, &options->format))
    return kdl_cli_usage_error ("export", _("Unknown format “%s”: use spark, io, alpaca, sharegpt or xlsx."), format);

  if (out == NULL)
    return kdl_cli_usage_error ("export", "%s", _("Give the file to write with --out FILE."));

  if (min_score != NULL)
    {
      if (!parse_number (min_score, &options->min_score))
        return kdl_cli_usage_error ("export", _("--min-score needs a number, not “%s”."), min_score);
      options->has_min_score = TRUE;
    }

  if ((split == NULL) != (seed == NULL))
    return kdl_cli_usage_error ("export", "%s", _("--split and --seed go together: the seed makes the split repeatable."));
  if (split != NULL)
    {
      guint64 value;

      if (!parse_number (split, &options->val_fraction) ||
          options->val_fraction <= 0 || options->val_fraction >= 1)
        return kdl_cli_usage_error ("export", _("--split needs a share of the rows between 0 and 1 (for example 0.1), not “%s”."), split);
      if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT32, &value, NULL))
        return kdl_cli_usage_error ("export", _("--seed needs a whole number from 0 to 4294967295, not “%s”."), seed);
      options->seed = (guint32)value;
    }

  options->accepted_only = accepted_only;
  options->structure_ok = structure_ok;
  options->include_original = include_original;
  options->preview_limit = 0;
  kdl_export_options_set_train_template (options, template);

  if (project == NULL)
    project = kdl_store_get_default_path ();

  plan = kdl_export_plan_new (project, options, NULL, &error);
  if (plan == NULL || !write_plan (plan, out, &error))
    {
      kdl_cli_print_error ("export", error);
      return exit_for_error (error);
    }

  print_left_out (kdl_export_plan_get_counts (plan));
  if (kdl_export_plan_get_n_records (plan) == 0)
    g_printerr ("%s", _("No records to export: the file is empty. Loosen the filters or check the run ids.\n"));

  print_summary (plan, out);

  return KDL_EXIT_OK;
}
