/* test-cli-check.c — kindling-cli check: JSON shape and exit status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-test-util.h"

#define GOOD \
  "1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:B\n\n" \
  "2. 下列对原文论证的分析，不正确的一项是\nA. 论证一\nB. 论证二\nC. 论证三\nD. 论证四\n答案:D\n\n" \
  "3. 根据原文内容，下列推断合理的一项是\nA. 推断一\nB. 推断二\nC. 推断三\nD. 推断四\n答案:A\n\n" \
  "4. 下列关于原文内容的理解，正确的一项是\nA. 理解一\nB. 理解二\nC. 理解三\nD. 理解四\n答案:C\n"

#define ORIGINAL \
  "1．根据原文，下列说法正确的一项是（3分）\nA．甲说法\nB．乙说法\nC．丙说法\nD．丁说法\n答案：B\n"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Runs `kindling-cli check ARGS…` with @input on standard input. */
static Run
run_check (const char         *input,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_ptr_array_add (argv, (char *)g_getenv ("KDL_CLI"));
  g_ptr_array_add (argv, (char *)"check");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);

  /* Without @input, standard input is /dev/null: a command that fails
   * before reading it cannot break a pipe. */
  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_NONE) |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  run.status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run.status, run.out, run.err);

  return run;
}

static char *
write_temp (const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  /* The test's own isolated folder, removed afterwards. */
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

static JsonObject *
parse_output (const char *out,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  /* One line of JSON. */
  g_assert_true (g_str_has_suffix (out, "}\n"));
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (object);
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_true (json_object_has_member (object, "ok"));
  g_assert_true (json_object_has_member (object, "mcq_count"));
  g_assert_true (json_object_has_member (object, "problems"));

  return object;
}

static void
test_good_file (void)
{
  g_autofree char *path = write_temp ("good.txt", GOOD, -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { path, NULL };
  Run run = run_check (NULL, args);
  JsonObject *object = parse_output (run.out, parser);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "mcq_count"), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "problems")), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static void
test_bad_stdin (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { "-", NULL };
  g_autofree char *input = g_strconcat (GOOD, "\n以上题目仅供参考。\n", NULL);
  Run run = run_check (input, args);
  JsonObject *object = parse_output (run.out, parser);
  JsonArray *problems = json_object_get_array_member (object, "problems");
  JsonObject *problem;

  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "mcq_count"), ==, 4);
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  problem = json_array_get_object_element (problems, 0);
  g_assert_cmpuint (json_object_get_size (problem), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "trailing-text");
  g_assert_cmpint (json_object_get_int_member (problem, "question"), ==, 4);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "message"), "以上题目仅供参考"));
  run_clear (&run);
}

static void
test_original (void)
{
  g_autofree char *original = write_temp ("original.txt", ORIGINAL, -1);
  g_autofree char *good = write_temp ("good.txt", GOOD, -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  const char *keep[] = { "--original", original, good, NULL };
  const char *from_stdin[] = { "--original", "-", good, NULL };
  Run run = run_check (NULL, keep);
  JsonObject *object;
  JsonObject *problem;

  parse_output (run.out, parser);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The original read from standard input, with another answer. */
  run = run_check ("1. 根据原文，下列说法正确的一项是\nA. 甲说法\nB. 乙说法\nC. 丙说法\nD. 丁说法\n答案:C",
                   from_stdin);
  object = parse_output (run.out, parser2);
  g_assert_cmpint (run.status, ==, 1);
  problem = json_array_get_object_element (json_object_get_array_member (object, "problems"), 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "original-answer-changed");
  run_clear (&run);
}

static void
test_usage_errors (void)
{
  g_autofree char *latin1 = write_temp ("latin1.txt", "1. caf\xe9\nA. a\n", -1);
  g_autofree char *no_mcq = write_temp ("none.txt", "没有题目。", -1);
  g_autofree char *good = write_temp ("good.txt", GOOD, -1);
  const char *none[] = { NULL };
  const char *two[] = { good, good, NULL };
  const char *both_stdin[] = { "--original", "-", "-", NULL };
  const char *missing[] = { "/nonexistent/kindling-check.txt", NULL };
  const char *not_utf8[] = { latin1, NULL };
  const char *bad_original[] = { "--original", no_mcq, good, NULL };
  const char *unknown[] = { "--frobnicate", good, NULL };
  const char * const *cases[] = { none, two, both_stdin, missing, not_utf8, bad_original, unknown };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Run run = run_check (NULL, cases[i]);

      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "kindling-cli check"));
      run_clear (&run);
    }
}

static void
test_help_lists_check (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("KDL_CLI"), "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "  check "));
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_set_locale ("");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/check/good-file", test_good_file);
  g_test_add_func ("/cli/check/bad-stdin", test_bad_stdin);
  g_test_add_func ("/cli/check/original", test_original);
  g_test_add_func ("/cli/check/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/check/help", test_help_lists_check);

  return g_test_run ();
}
