/* kindling-cli.c — the command line: the same core, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "kdl-cli.h"

static const KdlCliCommand commands[] = {
  { "chat", N_("Send one prompt and stream the answer"), kdl_cli_chat },
  { "score", N_("Read the score from a judge’s reply"), kdl_cli_score },
  { "inspect", N_("Show the rows, columns and problems of a dataset file"), kdl_cli_inspect },
  { "stats", N_("Show a run’s figures: counts, scores, tokens"), kdl_cli_stats },
  { "check", N_("Check that generated text is four well-formed MCQs"), kdl_cli_check },
  { "parse", N_("Print the questions, options and answers of every row as JSON"), kdl_cli_parse },
  { "render", N_("Print a template rendered for one row"), kdl_cli_render },
  { "run", N_("Run templates over a dataset with Spark, judge and score"), kdl_cli_run },
  { "export", N_("Write a run’s samples as training records"), kdl_cli_export },
};

static int
print_usage (gboolean to_stderr)
{
  GString *text = g_string_new (NULL);

  g_string_append (text, _("Usage: kindling-cli COMMAND [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (text, _("\nRun “kindling-cli COMMAND --help” for a command’s options.\n"));

  if (to_stderr)
    g_printerr ("%s", text->str);
  else
    g_print ("%s", text->str);
  g_string_free (text, TRUE);

  return to_stderr ? KDL_EXIT_USAGE : KDL_EXIT_OK;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return print_usage (TRUE);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    return print_usage (FALSE);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("kindling-cli %s\n", PACKAGE_VERSION);
      return KDL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_("kindling-cli: unknown command “%s”\n"), argv[1]);
  print_usage (TRUE);

  return KDL_EXIT_USAGE;
}
