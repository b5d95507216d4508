/* kdl-cli-parse.c — kindling-cli parse: the structured questions of each row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-cli.h"
#include "kdl-row-vars.h"

int
kdl_cli_parse (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *sheet = NULL;
  g_autofree char *encoding = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean json = FALSE;
  int status;
  guint n;
  const GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet of an .xlsx file (default: the first)"), "NAME" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Read the file in this encoding (default: UTF-8, GB18030 when it is plausible)"), "ENC" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read a variable from a column; repeatable"), "VAR=COLUMN" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON Lines (required)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE — read the questions, options and answers of every row"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints one JSON object per loaded row: its MCQs, short-answer questions and problems.\n"
      "Exit status: 0 read, 2 the file cannot be read or the options are wrong."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("parse", "%s", error->message);
  if (argc != 2)
    return kdl_cli_usage_error ("parse", "%s", _("Give exactly one file."));
  if (!json)
    return kdl_cli_usage_error ("parse", "%s", _("parse only prints JSON: add --json."));

  dataset = kdl_cli_load_dataset ("parse", argv[1], sheet, encoding, maps, &status);
  if (dataset == NULL)
    return status;

  map = kdl_dataset_dup_column_map (dataset);
  n = kdl_dataset_get_n_loaded (dataset);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdlRecord) record = kdl_dataset_get_record (dataset, i);
      g_autoptr(KdlExam) exam = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;

      if (record == NULL)
        continue;

      exam = kdl_row_vars_parse_exam (map, record);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, kdl_record_get_row (record));
      kdl_exam_build_json (exam, builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      fputs (line, stdout);
      fputc ('\n', stdout);
    }

  return KDL_EXIT_OK;
}
