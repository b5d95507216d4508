/* kdl-cli-inspect.c — kindling-cli inspect: what a dataset file holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-cli.h"
#include "kdl-dataset.h"

#define MAX_LISTED 50

static void
add_issues (JsonBuilder *builder,
            GArray      *issues,
            gboolean     with_row)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < issues->len; i++)
    {
      const KdlImportIssue *issue = &g_array_index (issues, KdlImportIssue, i);

      json_builder_begin_object (builder);
      if (with_row)
        {
          json_builder_set_member_name (builder, "row");
          json_builder_add_int_value (builder, issue->row);
        }
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, issue->line);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, issue->code);
      if (with_row)
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, issue->message != NULL ? issue->message : "");
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json (const char   *path,
            KdlDataset   *dataset,
            KdlColumnMap *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  g_autoptr(GArray) skipped = kdl_dataset_dup_skipped (dataset);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autofree char *encoding = kdl_dataset_dup_encoding (dataset);
  g_autofree char *text = NULL;
  GPtrArray *variables = kdl_column_map_get_variables (map);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, kdl_dataset_format_to_string (kdl_dataset_get_format (dataset)));
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, encoding);
  json_builder_set_member_name (builder, "loaded");
  json_builder_add_int_value (builder, kdl_dataset_get_n_loaded (dataset));

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; columns[i] != NULL; i++)
    json_builder_add_string_value (builder, columns[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "mapping");
  json_builder_begin_object (builder);
  for (guint i = 0; i < variables->len; i++)
    {
      const char *variable = g_ptr_array_index (variables, i);

      json_builder_set_member_name (builder, variable);
      json_builder_add_string_value (builder, kdl_column_map_get (map, variable));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "rejected");
  add_issues (builder, rejected, TRUE);
  json_builder_set_member_name (builder, "skipped");
  add_issues (builder, skipped, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_summary (const char   *path,
               KdlDataset   *dataset,
               KdlColumnMap *map)
{
  g_autoptr(GArray) rejected = kdl_dataset_dup_rejected (dataset);
  g_autoptr(GArray) skipped = kdl_dataset_dup_skipped (dataset);
  g_auto(GStrv) columns = kdl_dataset_dup_columns (dataset);
  g_autofree char *encoding = kdl_dataset_dup_encoding (dataset);
  g_autofree char *joined = g_strjoinv (", ", columns);
  GPtrArray *variables = kdl_column_map_get_variables (map);
  guint n_loaded = kdl_dataset_get_n_loaded (dataset);

  g_print (_("File: %s\n"), path);
  g_print (_("Format: %s, encoding %s\n"),
           kdl_dataset_format_to_string (kdl_dataset_get_format (dataset)), encoding);
  g_print (ngettext ("Loaded: %u row", "Loaded: %u rows", n_loaded), n_loaded);
  g_print (_(" (rejected %u, skipped %u)\n"), rejected->len, skipped->len);
  g_print (_("Columns: %s\n"), joined);

  g_print ("%s", _("Variables:"));
  if (variables->len == 0)
    g_print (" %s", _("(none recognised; map them with --map VARIABLE=COLUMN)"));
  for (guint i = 0; i < variables->len; i++)
    {
      const char *variable = g_ptr_array_index (variables, i);
      g_print ("%s %s ← %s", i > 0 ? "," : "", variable, kdl_column_map_get (map, variable));
    }
  g_print ("\n");

  if (rejected->len > 0)
    {
      g_print ("%s\n", _("Rejected:"));
      for (guint i = 0; i < MIN (rejected->len, MAX_LISTED); i++)
        {
          const KdlImportIssue *issue = &g_array_index (rejected, KdlImportIssue, i);
          g_print (_("  row %u (line %u): %s — %s\n"), issue->row, issue->line, issue->code, issue->message);
        }
      if (rejected->len > MAX_LISTED)
        g_print (_("  … and %u more (see --json)\n"), rejected->len - MAX_LISTED);
    }

  if (skipped->len > 0)
    {
      g_print ("%s\n", _("Skipped:"));
      for (guint i = 0; i < MIN (skipped->len, MAX_LISTED); i++)
        {
          const KdlImportIssue *issue = &g_array_index (skipped, KdlImportIssue, i);
          g_print (_("  line %u: %s\n"), issue->line, issue->code);
        }
      if (skipped->len > MAX_LISTED)
        g_print (_("  … and %u more (see --json)\n"), skipped->len - MAX_LISTED);
    }
}

int
kdl_cli_inspect (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *encoding = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet of an .xlsx file (default: the first)"), "NAME" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Read the file in this encoding (default: UTF-8, GB18030 when it is plausible)"), "ENC" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read a variable from a column; repeatable"), "VAR=COLUMN" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE — show the rows, columns and problems of a dataset file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Reads .jsonl, .csv and .xlsx files. Every rejected row is listed with its row id, line and reason.\n"
      "Exit status: 0 read (even with rejected rows), 2 the file cannot be read or the options are wrong."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("inspect", "%s", error->message);

  if (argc != 2)
    return kdl_cli_usage_error ("inspect", "%s", _("Give exactly one file."));

  dataset = kdl_cli_load_dataset ("inspect", argv[1], sheet, encoding, maps, &status);
  if (dataset == NULL)
    return status;

  map = kdl_dataset_dup_column_map (dataset);

  if (json)
    print_json (argv[1], dataset, map);
  else
    print_summary (argv[1], dataset, map);

  return KDL_EXIT_OK;
}
