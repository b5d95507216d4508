/* test-cli-run.c — kindling-cli run: flags, JSON, exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "kdl-test-store.h"
#include "kdl-test-util.h"

#define KEYS "SPARK_APP_ID=" KDL_SIM_APP_ID, "SPARK_API_KEY=" KDL_SIM_API_KEY, \
             "SPARK_API_SECRET=" KDL_SIM_API_SECRET

typedef struct
{
  GSubprocess *sim;
  char        *url;
  char        *project;
  char        *csv;
  char        *jsonl;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char * const *extra = data;
  g_autofree char *base = NULL;

  f->sim = kdl_test_spawn_sim (extra, &base);
  f->url = g_strconcat (base, "/v3.5/chat", NULL);
  f->project = kdl_test_store_path ("cli.kindling");
  f->csv = kdl_test_sample_path ("sample-zh.csv");
  f->jsonl = kdl_test_sample_path ("sample-finetune.jsonl");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_subprocess_force_exit (f->sim);
  g_subprocess_wait (f->sim, NULL, NULL);
  g_clear_object (&f->sim);
  g_free (f->url);
  g_free (f->project);
  g_free (f->csv);
  g_free (f->jsonl);
}

/* The last line of standard output, as a JSON object. */
static JsonObject *
last_json (const char *out,
           JsonParser *parser)
{
  g_auto(GStrv) lines = g_strsplit (g_strstrip ((char *)out), "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 0);
  g_assert_true (json_parser_load_from_data (parser, lines[n - 1], -1, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_run_ok (Fixture       *f,
             gconstpointer  data)
{
  const char *args[] = { "run", "--dataset", f->csv, "--project", f->project, "--endpoint", f->url,
                         "--concurrency", "4", NULL };
  const char *env[] = { KEYS, NULL };
  const char *fields[] = { "run", "rows", "done", "failed", "retried", "scored", "unparsed",
                           "mean_score", "tokens", "seconds" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *result;

  g_assert_cmpint (kdl_test_run_cli (args, env, NULL, &out, &err), ==, 0);
  result = last_json (out, parser);
  g_assert_cmpuint (json_object_get_size (result), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (result, fields[i]));
  g_assert_cmpint (json_object_get_int_member (result, "run"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "rows"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (result, "done"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (result, "failed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "scored"), ==, 8);
  g_assert_cmpfloat (json_object_get_double_member (result, "mean_score"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (result, "tokens"), >, 0);
  /* Progress went to stderr as plain lines (not a terminal). */
  g_assert_nonnull (strstr (err, "16/16"));
  g_assert_null (strstr (err, "\r"));
  g_assert_null (strstr (out, KDL_SIM_API_SECRET));
  g_assert_null (strstr (err, KDL_SIM_API_SECRET));
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM runs WHERE provider_json LIKE '%secret%'"), ==, 0);
}

static void
test_run_options (Fixture       *f,
                  gconstpointer  data)
{
  const char *env[] = { KEYS, NULL };
  const char *shard[] = { "run", "--dataset", f->jsonl, "--project", f->project, "--endpoint", f->url,
                          "--only", "generate", "--rows", "3-6", "--variants", "2", NULL };
  const char *limited[] = { "run", "--dataset", f->jsonl, "--project", f->project, "--endpoint", f->url,
                            "--template", "zero-shot", "--limit", "3", NULL };
  const char *judge_column[] = { "run", "--dataset", f->jsonl, "--project", f->project, "--endpoint", f->url,
                                 "--only", "judge", "--map", "generated=output", NULL };
  const char *rejudge[] = { "run", "--from-run", "2", "--only", "judge", "--project", f->project,
                            "--endpoint", f->url, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *out4 = NULL;
  JsonObject *result;

  /* A shard: rows 3–6, two samples each, no judge. */
  g_assert_cmpint (kdl_test_run_cli (shard, env, NULL, &out1, NULL), ==, 0);
  result = last_json (out1, parser);
  g_assert_cmpint (json_object_get_int_member (result, "rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (result, "done"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (result, "scored"), ==, 0);
  g_assert_true (json_object_get_null_member (result, "mean_score"));
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT min(row_no) * 100 + max(row_no) FROM items WHERE run_id = 1"), ==, 306);

  g_assert_cmpint (kdl_test_run_cli (limited, env, NULL, &out2, NULL), ==, 0);
  result = last_json (out2, parser);
  g_assert_cmpint (json_object_get_int_member (result, "rows"), ==, 3);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM template_versions WHERE name = 'zero-shot'"), ==, 1);

  /* Judge a column of the dataset: the cleaned output, as a first check
   * of a dataset someone else made. */
  g_assert_cmpint (kdl_test_run_cli (judge_column, env, NULL, &out3, NULL), ==, 0);
  result = last_json (out3, parser);
  g_assert_cmpint (json_object_get_int_member (result, "scored"), ==, 10);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE run_id = 3 AND stage = 'generate'"), ==, 0);

  /* Re-judge run 2's generations. */
  g_assert_cmpint (kdl_test_run_cli (rejudge, env, NULL, &out4, NULL), ==, 0);
  result = last_json (out4, parser);
  g_assert_cmpint (json_object_get_int_member (result, "scored"), ==, 3);
}

static void
test_run_usage (Fixture       *f,
                gconstpointer  data)
{
  const char *env[] = { KEYS, NULL };
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-file.jsonl", NULL);
  g_autofree char *bad_template = kdl_test_write_file ("bad.tmpl", "name: bad\nkind: generate\n---\n{nope}\n", -1);
  const char *cases[][12] = {
    { "run", NULL },
    { "run", "--dataset", f->csv, "--from-run", "1", NULL },
    { "run", "--dataset", missing, NULL },
    { "run", "--dataset", f->csv, "--only", "both", NULL },
    { "run", "--dataset", f->csv, "--select", "some", NULL },
    { "run", "--dataset", f->csv, "--rows", "9-3", NULL },
    { "run", "--dataset", f->csv, "--concurrency", "0", NULL },
    { "run", "--dataset", f->csv, "--endpoint", "ws://example.com/v3.5/chat", NULL },
    { "run", "--dataset", f->csv, "--template", "judge", "--endpoint", f->url, NULL },
    { "run", "--dataset", f->csv, "--template", bad_template, "--endpoint", f->url, NULL },
    { "run", "--resume", "99", "--endpoint", f->url, NULL },
    { "run", "--dataset", f->csv, "--select", "failed", "--endpoint", f->url, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;

      for (guint j = 0; cases[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer)cases[i][j]);
      g_ptr_array_add (argv, (gpointer)"--project");
      g_ptr_array_add (argv, f->project);
      g_ptr_array_add (argv, NULL);
      g_test_message ("case %u", i);
      g_assert_cmpint (kdl_test_run_cli ((const char * const *)argv->pdata, env, NULL, NULL, &err), ==, 2);
      g_assert_true (err != NULL && *err != '\0');
    }
}

static void
test_run_stopped_and_resumed (Fixture       *f,
                              gconstpointer  data)
{
  const char *env[] = { KEYS, NULL };
  const char *wrong[] = { "SPARK_APP_ID=" KDL_SIM_APP_ID, "SPARK_API_KEY=" KDL_SIM_API_KEY,
                          "SPARK_API_SECRET=wrong", NULL };
  const char *none[] = { "SPARK_APP_ID=", "SPARK_API_KEY=", "SPARK_API_SECRET=", NULL };
  const char *first[] = { "run", "--dataset", f->csv, "--project", f->project, "--endpoint", f->url, NULL };
  const char *budget[] = { "run", "--dataset", f->csv, "--project", f->project, "--endpoint", f->url,
                           "--max-total-tokens", "3000", "--concurrency", "1", NULL };
  const char *resume1[] = { "run", "--resume", "1", "--project", f->project, NULL };
  const char *resume2[] = { "run", "--resume", "2", "--project", f->project, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out = NULL;

  /* Wrong keys: stopped, resumable, and it says what to do. */
  g_assert_cmpint (kdl_test_run_cli (first, wrong, NULL, NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "APISecret"));
  g_assert_nonnull (strstr (err, "--resume 1"));
  g_assert_cmpint (kdl_test_run_cli (first, none, NULL, NULL, NULL), ==, 3);

  /* The budget stops the second run after some calls. */
  g_assert_cmpint (kdl_test_run_cli (budget, env, NULL, NULL, &err2), ==, 3);
  g_assert_nonnull (strstr (err2, "--resume 2"));

  /* Resuming uses the stored endpoint: no --endpoint needed. */
  g_assert_cmpint (kdl_test_run_cli (resume1, env, NULL, &out, NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (last_json (out, parser), "done"), ==, 8);
  g_assert_cmpint (kdl_test_run_cli (resume2, env, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE state = 'done'"), ==, 32);
}

static void
test_run_item_failures (Fixture       *f,
                        gconstpointer  data)
{
  const char *env[] = { KEYS, NULL };
  const char *args[] = { "run", "--dataset", f->jsonl, "--project", f->project, "--endpoint", f->url,
                         "--only", "generate", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;

  /* The simulator here refuses every prompt with 10013: each item fails
   * with its reason, the run ends, exit 1. */
  g_assert_cmpint (kdl_test_run_cli (args, env, NULL, &out, NULL), ==, 1);
  g_assert_cmpint (json_object_get_int_member (last_json (out, parser), "failed"), ==, 10);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE error_code = 'spark-10013'"), ==, 10);
}

static void
test_run_interrupt (Fixture       *f,
                    gconstpointer  data)
{
  const char *env[] = { KEYS, NULL };
  const char *resume[] = { "run", "--resume", "1", "--project", f->project, NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (launcher, "SPARK_APP_ID", KDL_SIM_APP_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_KEY", KDL_SIM_API_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_SECRET", KDL_SIM_API_SECRET, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KDL_CLI"), "run", "--dataset", f->csv,
                                      "--project", f->project, "--endpoint", f->url, "--concurrency", "2", NULL);
  g_assert_no_error (error);

  /* Ctrl+C mid-run: a clean stop, a JSON line, exit 3. */
  kdl_test_spin (700);
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 3);
  g_assert_nonnull (strstr (err, "--resume 1"));
  g_assert_cmpint (json_object_get_int_member (last_json (out, parser), "done"), <, 8);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE state = 'running'"), ==, 0);

  g_assert_cmpint (kdl_test_run_cli (resume, env, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (kdl_test_store_query_int (f->project, "SELECT count(*) FROM items WHERE state = 'done'"), ==, 16);
}

static void
test_stats_after_run (Fixture       *f,
                      gconstpointer  data)
{
  const char *env[] = { KEYS, NULL };
  const char *run[] = { "run", "--dataset", f->csv, "--project", f->project, "--endpoint", f->url, NULL };
  const char *stats[] = { "stats", "--project", f->project, "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autofree char *run_out = NULL;
  g_autofree char *stats_out = NULL;
  JsonObject *r, *s;

  g_assert_cmpint (kdl_test_run_cli (run, env, NULL, &run_out, NULL), ==, 0);
  g_assert_cmpint (kdl_test_run_cli (stats, env, NULL, &stats_out, NULL), ==, 0);
  r = last_json (run_out, parser);
  g_assert_true (json_parser_load_from_data (parser2, stats_out, -1, NULL));
  s = json_node_get_object (json_parser_get_root (parser2));

  /* The same figures both ways. */
  g_assert_cmpint (json_object_get_int_member (s, "run"), ==, json_object_get_int_member (r, "run"));
  g_assert_cmpint (json_object_get_int_member (s, "done"), ==, json_object_get_int_member (r, "done"));
  g_assert_cmpint (json_object_get_int_member (s, "scored"), ==, json_object_get_int_member (r, "scored"));
  g_assert_cmpfloat (json_object_get_double_member (s, "mean"), ==, json_object_get_double_member (r, "mean_score"));
  g_assert_cmpint (json_object_get_int_member (s, "tokens"), ==, json_object_get_int_member (r, "tokens"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "histogram")), >, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (s, "parts")), ==, 6);
}

static void
test_default_project (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *data_home = g_strconcat ("XDG_DATA_HOME=", g_get_user_data_dir (), NULL);
  const char *env[] = { KEYS, data_home, NULL };
  const char *args[] = { "run", "--dataset", f->csv, "--endpoint", f->url, "--limit", "1", NULL };
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kindling", "default.kindling", NULL);

  /* A fresh account has no data folder for Kindling yet: it is made. */
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kdl_test_run_cli (args, env, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (kdl_test_store_query_int (expected, "SELECT count(*) FROM items WHERE state = 'done'"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  static const char *fast[] = { "--latency-ms=5", "--frame-ms=1", NULL };
  static const char *slow[] = { "--latency-ms=150", "--frame-ms=20", NULL };
  static const char *moderated[] = { "--latency-ms=5", "--faults=10013:1", NULL };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/run/ok", Fixture, fast, fixture_setup, test_run_ok, fixture_teardown);
  g_test_add ("/cli/run/options", Fixture, fast, fixture_setup, test_run_options, fixture_teardown);
  g_test_add ("/cli/run/usage", Fixture, fast, fixture_setup, test_run_usage, fixture_teardown);
  g_test_add ("/cli/run/stopped-resumed", Fixture, fast, fixture_setup, test_run_stopped_and_resumed, fixture_teardown);
  g_test_add ("/cli/run/item-failures", Fixture, moderated, fixture_setup, test_run_item_failures, fixture_teardown);
  g_test_add ("/cli/run/interrupt", Fixture, slow, fixture_setup, test_run_interrupt, fixture_teardown);
  g_test_add ("/cli/run/stats", Fixture, fast, fixture_setup, test_stats_after_run, fixture_teardown);
  g_test_add ("/cli/run/default-project", Fixture, fast, fixture_setup, test_default_project, fixture_teardown);

  return g_test_run ();
}
