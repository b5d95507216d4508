/* kdl-cli-check.c — kindling-cli check: the structure check of generated MCQs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-cli.h"
#include "kdl-exam-parser.h"
#include "kdl-structure-check.h"

int
kdl_cli_check (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlExam) original = NULL;
  g_autoptr(KdlStructureCheck) check = NULL;
  g_autofree char *original_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  const GOptionEntry entries[] = {
    { "original", 'o', 0, G_OPTION_ARG_FILENAME, &original_path,
      N_("The original MCQs a rebuild must keep first and unchanged (“-”: standard input)"), "FILE" },
    { NULL }
  };

  context = g_option_context_new (_("FILE — check that generated text is four well-formed MCQs (“-” reads standard input)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints {\"ok\", \"mcq_count\", \"problems\"} as JSON.\n"
      "Exit status: 0 the text passes, 1 it does not, 2 usage or input error."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("check", "%s", error->message);

  if (argc != 2)
    return kdl_cli_usage_error ("check", "%s", _("Give one FILE to check, or “-” for standard input."));

  if (original_path != NULL && g_str_equal (original_path, "-") && g_str_equal (argv[1], "-"))
    return kdl_cli_usage_error ("check", "%s", _("Only one of FILE and --original can be read from standard input."));

  if (original_path != NULL)
    {
      g_autofree char *original_text = kdl_cli_read_text (original_path, &error);

      if (original_text == NULL)
        {
          kdl_cli_print_error ("check", error);
          return KDL_EXIT_USAGE;
        }

      original = kdl_exam_parse_combined (original_text);
      if (original->mcqs->len == 0)
        {
          g_printerr ("kindling-cli check: ");
          g_printerr (_("%s has no multiple-choice questions; give the originals in the canonical form (“1. stem”, “A. option” … “答案:B”)."),
                      original_path);
          g_printerr ("\n");
          return KDL_EXIT_USAGE;
        }

      /* Checked against as they are; say what is odd about them. */
      for (guint i = 0; i < original->problems->len; i++)
        {
          const KdlExamProblem *problem = g_ptr_array_index (original->problems, i);

          g_printerr ("kindling-cli check: %s: %s\n", original_path, problem->message);
        }
    }

  text = kdl_cli_read_text (argv[1], &error);
  if (text == NULL)
    {
      kdl_cli_print_error ("check", error);
      return KDL_EXIT_USAGE;
    }

  check = kdl_structure_check_run (text, original ? original->mcqs : NULL);
  json = kdl_structure_check_to_json (check);
  g_print ("%s\n", json);

  return check->ok ? KDL_EXIT_OK : KDL_EXIT_FAILED;
}
