/* kdl-cli-score.c — kindling-cli score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-cli.h"
#include "kdl-score.h"
#include "kdl-template.h"

static void
add_number (JsonBuilder *builder,
            double       value)
{
  /* Whole scores print as integers: 38, not 38.0. */
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64)value);
  else
    json_builder_add_double_value (builder, value);
}

static char *
result_to_json (const KdlScoreResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "score");
  if (result->parsed)
    add_number (builder, result->score);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, result->score_max);
  json_builder_set_member_name (builder, "over_max");
  json_builder_add_boolean_value (builder, result->over_max);
  json_builder_set_member_name (builder, "unparsed_reason");
  if (result->parsed)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, kdl_score_unparsed_to_string (result->unparsed_reason));
  json_builder_set_member_name (builder, "parts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < result->parts->len; i++)
    {
      const KdlScorePart *part = g_ptr_array_index (result->parts, i);

      json_builder_set_member_name (builder, part->name);
      add_number (builder, part->points);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

int
kdl_cli_score (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlTemplate) judge = NULL;
  g_autoptr(KdlScoreResult) result = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name,
      N_("The judge template that asked for the score: a name or a file (default: judge)"), "NAME|PATH" },
    { NULL }
  };

  context = g_option_context_new (_("FILE|- — read the score from a judge’s reply (“-” reads standard input)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("The maximum and any score_pattern come from the judge template.\n"
      "Prints {\"score\", \"max\", \"over_max\", \"unparsed_reason\", \"parts\"} as JSON.\n"
      "Exit status: 0 a score was read, 1 no score could be read, 2 usage or input error."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdl_cli_usage_error ("score", "%s", error->message);

  if (argc != 2)
    return kdl_cli_usage_error ("score", "%s", _("Give exactly one file with the judge’s reply, or “-”."));

  reply = kdl_cli_read_input (argv[1], &length, &error);
  if (reply == NULL)
    {
      kdl_cli_print_error ("score", error);
      return KDL_EXIT_USAGE;
    }

  if (!g_utf8_validate (reply, length, NULL) || memchr (reply, '\0', length) != NULL)
    {
      g_printerr ("kindling-cli score: ");
      g_printerr (_("%s is not UTF-8 text.\n"), argv[1]);
      return KDL_EXIT_USAGE;
    }

  /* Both languages of a judge share its maximum; the reply's language picks
   * a user's NAME.LANG.tmpl when there is one. */
  judge = kdl_template_resolve (template_name ? template_name : "judge",
                                kdl_text_detect_language (reply), &error);
  if (judge == NULL)
    {
      kdl_cli_print_error ("score", error);
      return KDL_EXIT_USAGE;
    }

  if (kdl_template_get_kind (judge) != KDL_TEMPLATE_KIND_JUDGE)
    {
      g_printerr ("kindling-cli score: ");
      g_printerr (_("%s is not a judge template (its kind is “%s”); give one with “kind: judge”.\n"),
                  kdl_template_get_source (judge),
                  kdl_template_kind_to_string (kdl_template_get_kind (judge)));
      return KDL_EXIT_USAGE;
    }

  result = kdl_score_extract (reply, kdl_template_get_score_max (judge),
                              kdl_template_get_score_pattern (judge));
  json = result_to_json (result);
  g_print ("%s\n", json);

  if (!result->parsed)
    {
      g_printerr ("kindling-cli score: %s\n", kdl_score_unparsed_describe (result->unparsed_reason));
      return KDL_EXIT_FAILED;
    }

  return KDL_EXIT_OK;
}
