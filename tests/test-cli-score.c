/* test-cli-score.c — kindling-cli score: JSON and exit status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdl-template.h"
#include "kdl-test-util.h"

typedef struct
{
  int         status;
  char       *out;
  char       *err;
  JsonObject *json;   /* stdout parsed, or NULL */
  JsonParser *parser;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_object (&run->parser);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run         *run,
         const char  *stdin_text,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *stdin_path = g_build_filename (g_get_user_cache_dir (), "stdin.txt", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KDL_CLI");
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer)cli);
  g_ptr_array_add (args, (gpointer)"score");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* The isolated folders of this test are not in the environment the
   * child inherits: pass them on. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Standard input from a file, not a pipe: a command that fails before
   * reading it must not break the test with EPIPE. */
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (stdin_path, stdin_text ? stdin_text : "", -1, &error);
  g_assert_no_error (error);
  g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);

  run->json = NULL;
  if (run->out != NULL && run->out[0] == '{')
    {
      JsonNode *root;

      run->parser = json_parser_new ();
      json_parser_load_from_data (run->parser, run->out, -1, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (run->parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      run->json = json_node_get_object (root);
    }
}

static char *
write_temp (const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "cli-score", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

/* The fixed fields of DESIGN.md are all there, with the right types. */
static void
assert_shape (JsonObject *json)
{
  g_assert_nonnull (json);
  g_assert_true (json_object_has_member (json, "score"));
  g_assert_true (json_object_has_member (json, "max"));
  g_assert_true (json_object_has_member (json, "over_max"));
  g_assert_true (json_object_has_member (json, "unparsed_reason"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (json, "max")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (json, "over_max")), ==, G_TYPE_BOOLEAN);
}

static void
test_file (void)
{
  g_autofree char *path = write_temp ("reply.txt",
                                      "- 格式规范：得8分（满分10分）。\n"
                                      "格式规范:8分 答案正确性:25分\n"
                                      "总分：３３分\n", -1);
  g_auto(Run) run = { 0 };
  JsonObject *parts;

  run_cli (&run, NULL, path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_shape (run.json);
  g_assert_cmpint (json_object_get_int_member (run.json, "score"), ==, 33);
  g_assert_cmpint (json_object_get_int_member (run.json, "max"), ==, 100);
  g_assert_false (json_object_get_boolean_member (run.json, "over_max"));
  g_assert_true (json_object_get_null_member (run.json, "unparsed_reason"));
  parts = json_object_get_object_member (run.json, "parts");
  g_assert_cmpint (json_object_get_int_member (parts, "格式规范"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (parts, "答案正确性"), ==, 25);
  /* One JSON line on stdout, nothing else. */
  g_assert_true (g_str_has_suffix (run.out, "}\n"));
  g_assert_true (strchr (run.out, '\n') == run.out + strlen (run.out) - 1);
}

static void
test_stdin_unparsed (void)
{
  g_auto(Run) echo = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) empty = { 0 };

  run_cli (&echo, "我将以“总分:XX分”的形式给出结果。", "-", NULL);
  g_assert_cmpint (echo.status, ==, 1);
  assert_shape (echo.json);
  g_assert_true (json_object_get_null_member (echo.json, "score"));
  g_assert_cmpstr (json_object_get_string_member (echo.json, "unparsed_reason"), ==, "placeholder-only");
  g_assert_cmpuint (strlen (echo.err), >, 0);

  run_cli (&none, "题目不错。", "-", NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (none.json, "unparsed_reason"), ==, "no-total");

  run_cli (&empty, "", "-", NULL);
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (empty.json, "unparsed_reason"), ==, "empty");
}

static void
test_decimal_and_over_max (void)
{
  g_auto(Run) decimal = { 0 };
  g_auto(Run) over = { 0 };

  run_cli (&decimal, "总分：38.5分", "-", NULL);
  g_assert_cmpint (decimal.status, ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (decimal.json, "score"), ==, 38.5);

  /* Over the maximum: read, flagged, kept. */
  run_cli (&over, "总分：120分", "-", NULL);
  g_assert_cmpint (over.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (over.json, "score"), ==, 120);
  g_assert_true (json_object_get_boolean_member (over.json, "over_max"));
}

static void
test_template_option (void)
{
  g_autofree char *judge = write_temp ("judge44.tmpl",
                                       "name: judge44\nkind: judge\nscore_max: 44\n"
                                       "score_pattern: 评分=(\\d+)\n---\n{generated}\n", -1);
  g_autofree char *user_dir = kdl_template_get_user_dir ();
  g_autofree char *user_file = g_build_filename (user_dir, "strict.tmpl", NULL);
  g_auto(Run) by_path = { 0 };
  g_auto(Run) by_name = { 0 };
  g_auto(Run) no_match = { 0 };
  g_auto(Run) builtin = { 0 };
  g_autoptr(GError) error = NULL;

  run_cli (&by_path, "总分:40分\n评分=41", "--template", judge, "-", NULL);
  g_assert_cmpint (by_path.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (by_path.json, "score"), ==, 41);
  g_assert_cmpint (json_object_get_int_member (by_path.json, "max"), ==, 44);

  run_cli (&no_match, "总分:40分", "--template", judge, "-", NULL);
  g_assert_cmpint (no_match.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (no_match.json, "unparsed_reason"), ==, "pattern-no-match");

  /* A user template by name, from ~/.local/share/kindling/templates. */
  g_mkdir_with_parents (user_dir, 0700);
  g_file_set_contents (user_file, "name: strict\nkind: judge\nscore_max: 20\n---\n{generated}\n", -1, &error);
  g_assert_no_error (error);
  run_cli (&by_name, "总分:25分", "--template", "strict", "-", NULL);
  g_assert_cmpint (by_name.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (by_name.json, "max"), ==, 20);
  g_assert_true (json_object_get_boolean_member (by_name.json, "over_max"));

  run_cli (&builtin, "Format:9分\n总分:9分", "-t", "judge", "-", NULL);
  g_assert_cmpint (builtin.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (builtin.json, "max"), ==, 100);
}

static void
test_usage_errors (void)
{
  g_autofree char *binary = write_temp ("binary.txt", "总分:\xff\xfe", -1);
  g_autofree char *nul = write_temp ("nul.txt", "总分:3\0分", sizeof "总分:3\0分" - 1);
  g_autofree char *broken = write_temp ("broken.tmpl", "name: b\nkind: judge\n---\n", -1);
  struct {
    const char *what;
    const char *args[4];
  } cases[] = {
    { "no file", { NULL } },
    { "two files", { "a", "b", NULL } },
    { "missing file", { "/no/such/reply.txt", NULL } },
    { "not UTF-8", { binary, NULL } },
    { "a NUL byte", { nul, NULL } },
    { "unknown option", { "--frobnicate", "-", NULL } },
    { "generate template", { "--template", "expand", "-", NULL } },
    { "unknown template", { "--template", "no-such-judge", "-", NULL } },
    { "broken template", { "--template", broken, "-", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("case: %s", cases[i].what);
      run_cli (&run, "总分:3分", cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpuint (strlen (run.err), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/score/file", test_file);
  g_test_add_func ("/cli/score/stdin-unparsed", test_stdin_unparsed);
  g_test_add_func ("/cli/score/decimal-over-max", test_decimal_and_over_max);
  g_test_add_func ("/cli/score/template", test_template_option);
  g_test_add_func ("/cli/score/usage", test_usage_errors);

  return g_test_run ();
}
