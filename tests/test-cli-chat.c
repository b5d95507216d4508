/* test-cli-chat.c — kindling-cli chat against the simulator program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "kdl-sim-answer.h"
#include "kdl-test-util.h"

#define KEYS "SPARK_APP_ID=" KDL_SIM_APP_ID, "SPARK_API_KEY=" KDL_SIM_API_KEY, \
             "SPARK_API_SECRET=" KDL_SIM_API_SECRET

typedef struct
{
  GSubprocess *sim;
  char        *base;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char * const *extra = data;

  f->sim = kdl_test_spawn_sim (extra, &f->base);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_subprocess_force_exit (f->sim);
  g_subprocess_wait (f->sim, NULL, NULL);
  g_clear_object (&f->sim);
  g_free (f->base);
}

static void
test_chat_ok (Fixture       *f,
              gconstpointer  data)
{
  const char *prompt = "### 阅读文本\n冰芯是记录气候的档案。科学家在南极钻取冰芯。冰层中的气泡保存了古代大气。通过分析同位素可以推算温度。";
  g_autofree char *url = g_strconcat (f->base, "/v3.5/chat", NULL);
  const char *args[] = { "chat", "--endpoint", url, prompt, NULL };
  const char *env[] = { KEYS, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = kdl_sim_answer_for_prompt (prompt);
  g_autofree char *expected_line = g_strconcat (expected, "\n", NULL);

  g_assert_cmpint (kdl_test_run_cli (args, env, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected_line);
  /* Usage on stderr, nothing secret anywhere. */
  g_assert_nonnull (strstr (err, "total"));
  g_assert_null (strstr (err, KDL_SIM_API_SECRET));
  g_assert_null (strstr (err, "authorization"));
}

static void
test_chat_stdin_and_model (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/chat/max-32k", NULL);
  const char *args[] = { "chat", "--model", "max-32k", "--endpoint", url, "--temperature", "0.3", "-", NULL };
  const char *env[] = { KEYS, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (kdl_test_run_cli (args, env, "请评分，满分44分，以“总分:XX分”返回。", &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "总分:"));
}

static void
test_chat_finetuned (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/v1.1/chat", NULL);
  const char *good[] = { "chat", "--model", "custom", "--endpoint", url, "--domain", KDL_SIM_SERVICE_ID,
                         "--patch-id", KDL_SIM_RESOURCE_ID, "你好", NULL };
  const char *bad[] = { "chat", "--model", "custom", "--endpoint", url, "--domain", KDL_SIM_SERVICE_ID,
                        "--patch-id", "nope", "你好", NULL };
  const char *env[] = { KEYS, NULL };

  g_assert_cmpint (kdl_test_run_cli (good, env, NULL, NULL, NULL), ==, 0);
  /* A wrong resourceId is a configuration problem: the run stops. */
  g_assert_cmpint (kdl_test_run_cli (bad, env, NULL, NULL, NULL), ==, 3);
}

static void
test_chat_stopped (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/v3.5/chat", NULL);
  const char *args[] = { "chat", "--endpoint", url, "你好", NULL };
  const char *wrong[] = { "SPARK_APP_ID=" KDL_SIM_APP_ID, "SPARK_API_KEY=" KDL_SIM_API_KEY,
                          "SPARK_API_SECRET=wrong", NULL };
  const char *none[] = { "SPARK_APP_ID=", "SPARK_API_KEY=", "SPARK_API_SECRET=", NULL };
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (kdl_test_run_cli (args, wrong, NULL, NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "APISecret"));
  g_assert_cmpint (kdl_test_run_cli (args, none, NULL, NULL, &err2), ==, 3);
  g_assert_nonnull (strstr (err2, "SPARK_API_SECRET"));
}

static void
test_chat_usage_errors (void)
{
  const char *env[] = { KEYS, NULL };
  const char *cases[][6] = {
    { "chat", NULL },
    { "chat", "a", "b", NULL },
    { "chat", "--model", "gpt-4", "hi", NULL },
    { "chat", "--endpoint", "ws://example.com/v3.5/chat", "hi", NULL },
    { "chat", "--temperature", "3", "hi", NULL },
    { "chat", "--no-such-option", "hi", NULL },
    { "frobnicate", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kdl_test_run_cli (cases[i], env, NULL, NULL, NULL), ==, 2);
}

static void
test_chat_item_failure (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/v3.5/chat", NULL);
  const char *args[] = { "chat", "--endpoint", url, "你好", NULL };
  const char *env[] = { KEYS, NULL };
  g_autofree char *err = NULL;

  /* The simulator here was started with --faults 10013:1. */
  g_assert_cmpint (kdl_test_run_cli (args, env, NULL, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "10013"));
}

static void
test_chat_licence (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/v3.5/chat", NULL);
  const char *args[] = { "chat", "--endpoint", url, "你好", NULL };
  const char *env[] = { KEYS, NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (kdl_test_run_cli (args, env, NULL, NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "licence"));
}

static void
test_chat_interrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/v3.5/chat", NULL);
  const char *argv[] = { g_getenv ("KDL_CLI"), "chat", "--endpoint", url, "你好", NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "SPARK_APP_ID", KDL_SIM_APP_ID, TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_KEY", KDL_SIM_API_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "SPARK_API_SECRET", KDL_SIM_API_SECRET, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* The simulator here answers slowly; Ctrl+C stops the call cleanly. */
  kdl_test_spin (500);
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  static const char *faults_10013[] = { "--faults=10013:1", NULL };
  static const char *faults_11200[] = { "--faults=11200:1", NULL };
  static const char *slow[] = { "--latency-ms=5000", NULL };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/chat/ok", Fixture, NULL, fixture_setup, test_chat_ok, fixture_teardown);
  g_test_add ("/cli/chat/stdin-model", Fixture, NULL, fixture_setup, test_chat_stdin_and_model, fixture_teardown);
  g_test_add ("/cli/chat/finetuned", Fixture, NULL, fixture_setup, test_chat_finetuned, fixture_teardown);
  g_test_add ("/cli/chat/stopped", Fixture, NULL, fixture_setup, test_chat_stopped, fixture_teardown);
  g_test_add_func ("/cli/chat/usage", test_chat_usage_errors);
  g_test_add ("/cli/chat/item-failure", Fixture, faults_10013, fixture_setup, test_chat_item_failure, fixture_teardown);
  g_test_add ("/cli/chat/licence", Fixture, faults_11200, fixture_setup, test_chat_licence, fixture_teardown);
  g_test_add ("/cli/chat/interrupt", Fixture, slow, fixture_setup, test_chat_interrupt, fixture_teardown);

  return g_test_run ();
}
