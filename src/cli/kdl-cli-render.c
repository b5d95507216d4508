/* kdl-cli-render.c — kindling-cli render: a template for one row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "kdl-cli.h"
#include "kdl-row-vars.h"
#include "kdl-template.h"

int
kdl_cli_render (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlDataset) dataset = NULL;
  g_autoptr(KdlColumnMap) map = NULL;
  g_autoptr(KdlRecord) record = NULL;
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GHashTable) vars = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) maps = NULL;
  gint64 row = 0;
  int status;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &name, N_("Template: a built-in or user template name, or a file"), "NAME|PATH" },
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("Dataset file (jsonl, csv, xlsx)"), "FILE" },
    { "row", 'r', 0, G_OPTION_ARG_INT64, &row, N_("Row id"), "N" },
    { "generated", 0, 0, G_OPTION_ARG_FILENAME, &generated, N_("For a judge template: a file with the text to judge"), "FILE" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet of an .xlsx file (default: the first)"), "NAME" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Read the file in this encoding (default: UTF-8, GB18030 when it is plausible)"), "ENC" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read a variable from a column; repeatable"), "VAR=COLUMN" },
    { NULL }
  };

  context = g_option_context_new (_("— print a template rendered for one row of a dataset"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("A built-in name picks the Chinese or English version by the row’s passage.\n"
      "Variables that are empty for the row are reported on standard error.\n"
      "Exit status: 0 rendered, 2 usage or input error (unknown placeholder, no such row)."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("render", "%s", error->message);
  if (argc != 1 || name == NULL || path == NULL || row <= 0 || row > G_MAXUINT)
    return kdl_cli_usage_error ("render", "%s", _("Give --template, --dataset and --row."));

  dataset = kdl_cli_load_dataset ("render", path, sheet, encoding, maps, &status);
  if (dataset == NULL)
    return status;

  record = kdl_dataset_lookup_row (dataset, (guint)row);
  if (record == NULL)
    {
      g_printerr (_("kindling-cli render: %s has no loaded row %lld (it has %u rows; see “kindling-cli inspect”).\n"),
                  path, (long long)row, kdl_dataset_get_n_records (dataset));
      return KDL_EXIT_USAGE;
    }

  map = kdl_dataset_dup_column_map (dataset);
  vars = kdl_row_vars_new (map, record);
  if (generated != NULL)
    {
      g_autofree char *judged = kdl_cli_read_text (generated, &error);

      if (judged == NULL)
        return kdl_cli_usage_error ("render", "%s", error->message);
      g_hash_table_replace (vars, g_strdup ("generated"), g_steal_pointer (&judged));
    }

  template = kdl_template_resolve (name, kdl_text_detect_language (g_hash_table_lookup (vars, "reading")), &error);
  if (template == NULL)
    return kdl_cli_usage_error ("render", "%s", error->message);

  text = kdl_template_render (template, vars, &warnings, &error);
  if (text == NULL)
    {
      kdl_cli_print_error ("render", error);
      return KDL_EXIT_USAGE;
    }

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const KdlRenderWarning *warning = g_ptr_array_index (warnings, i);
      g_printerr ("kindling-cli render: %s\n", warning->message);
    }

  fputs (text, stdout);
  if (!g_str_has_suffix (text, "\n"))
    fputc ('\n', stdout);

  return KDL_EXIT_OK;
}
