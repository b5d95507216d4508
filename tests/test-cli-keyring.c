/* test-cli-keyring.c — kindling-cli chat takes keys and settings from the app
 *
 * With the SPARK_* variables empty, `kindling-cli chat` must find the keys
 * in the keyring (default profile) and the model in the app's settings;
 * the variables still win when they are set, and a missing schema is not
 * fatal.  The simulator runs in this process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kdl-credentials.h"
#include "kdl-error.h"
#include "kdl-test-util.h"

static const SecretSchema test_schema = {
  "io.github.kindling.Kindling.Credentials", SECRET_SCHEMA_NONE,
  {
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "app-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

typedef struct
{
  KdlSparkSim *sim;
  char        *tmp;
} Fixture;

typedef struct
{
  char    *out;
  char    *err;
  int      status;
  gboolean done;
} CliRun;

static void
clear_keyring (void)
{
  g_autoptr(GError) error = NULL;

  secret_password_clear_sync (&test_schema, NULL, &error, "profile", "default", NULL);
  g_assert_no_error (error);
}

static void
store_keys (const char *app_id,
            const char *api_key,
            const char *api_secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_strdup_printf ("{\"api_key\": \"%s\", \"api_secret\": \"%s\"}", api_key, api_secret);

  clear_keyring ();
  secret_password_store_sync (&test_schema, SECRET_COLLECTION_DEFAULT, "test item", secret, NULL, &error,
                              "profile", "default", "app-id", app_id, NULL);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sim = kdl_test_sim_new ();
  fixture->tmp = g_dir_make_tmp ("kdl-cli-keyring-XXXXXX", NULL);
  g_assert_nonnull (fixture->tmp);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  clear_keyring ();
  g_clear_object (&fixture->sim);
  remove_tree (fixture->tmp);
  g_free (fixture->tmp);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CliRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (G_SUBPROCESS (object)))
    g_error ("kindling-cli died with signal %d: %s", g_subprocess_get_term_sig (G_SUBPROCESS (object)), run->err);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((CliRun *)data)->done;
}

/* Runs kindling-cli with @env (NAME=VALUE pairs, NULL-terminated) over the
 * test's environment, iterating the main context so the simulator in this
 * process answers. */
static void
run_cli (CliRun             *run,
         const char * const *env,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  g_ptr_array_add (argv, (char *)g_getenv ("KDL_CLI"));
  g_ptr_array_add (argv, (char *)"chat");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_done, run);
  kdl_test_wait_until (run_done, run, 30000);
  g_test_message ("exit %d; stderr: %s", run->status, run->err);
}

static void
run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

static guint
sim_requests (Fixture *fixture)
{
  KdlSparkSimStats stats;

  kdl_spark_sim_get_stats (fixture->sim, &stats);
  return stats.requests;
}

/* The keys come from the keyring; with none there, exit 3 and say so. */
static void
test_keys_from_keyring (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = kdl_spark_sim_get_url (fixture->sim, "max");
  g_autofree char *no_keys = kdl_spark_error_code_describe (KDL_SPARK_ERROR_NO_CREDENTIALS, NULL);
  const char *args[] = { "--endpoint", url, "Hello", NULL };
  CliRun run;

  g_assert_null (kdl_credentials_new_from_env ());

  store_keys (KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_cli (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "答案:"));
  g_assert_cmpuint (sim_requests (fixture), ==, 1);
  run_clear (&run);

  clear_keyring ();
  run_cli (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, no_keys));
  g_assert_cmpuint (sim_requests (fixture), ==, 1);
  run_clear (&run);
}

/* SPARK_* win over the keyring, field by field. */
static void
test_env_wins (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = kdl_spark_sim_get_url (fixture->sim, "max");
  g_autofree char *refused = kdl_spark_error_code_describe (KDL_SPARK_ERROR_HTTP_UNAUTHORIZED, NULL);
  const char *args[] = { "--endpoint", url, "Hello", NULL };
  const char *right_env[] = { "SPARK_API_SECRET", KDL_SIM_API_SECRET, NULL };
  const char *wrong_env[] = { "SPARK_API_SECRET", "wrong-secret", NULL };
  CliRun run;

  /* The keyring's secret is wrong; the environment's is right. */
  store_keys (KDL_SIM_APP_ID, KDL_SIM_API_KEY, "stale-secret");
  run_cli (&run, right_env, args);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* And the other way round. */
  store_keys (KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_cli (&run, wrong_env, args);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, refused));
  run_clear (&run);
}

/* With no --model and no --endpoint, the model is the app's: here a
 * fine-tuned model on the simulator, which insists on its patch_id. */
static void
test_model_from_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = kdl_spark_sim_get_url (fixture->sim, "custom");
  g_autofree char *dir = g_build_filename (fixture->tmp, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  /* The keyfile backend's group is the schema's path: the app id. */
  g_auto(GStrv) parts = g_strsplit (APPLICATION_ID, ".", -1);
  g_autofree char *group = g_strjoinv ("/", parts);
  const char *env[] = { "GSETTINGS_BACKEND", "keyfile", "XDG_CONFIG_HOME", fixture->tmp, NULL };
  const char *args[] = { "--connect-timeout", "3", "Hello", NULL };
  CliRun run;

  contents = g_strdup_printf ("[%s]\n"
                              "model-preset='custom'\n"
                              "custom-url='%s'\n"
                              "custom-domain='%s'\n"
                              "custom-patch-id='%s'\n",
                              group, url, KDL_SIM_SERVICE_ID, KDL_SIM_RESOURCE_ID);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);

  store_keys (KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (sim_requests (fixture), ==, 1);
  run_clear (&run);

  /* Without the patch_id the simulator refuses the fine-tuned model:
   * proof that the setting above was the one used. */
  g_free (contents);
  contents = g_strdup_printf ("[%s]\n"
                              "model-preset='custom'\n"
                              "custom-url='%s'\n"
                              "custom-domain='%s'\n",
                              group, url, KDL_SIM_SERVICE_ID);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);
  run_cli (&run, env, args);
  g_assert_cmpint (run.status, !=, 0);
  run_clear (&run);
}

/* The schema is not installed (a server, a copied binary): still works. */
static void
test_without_schema (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *url = kdl_spark_sim_get_url (fixture->sim, "max");
  /* The system's schemas stay: GIO's proxy module needs its own. */
  const char *env[] = { "GSETTINGS_SCHEMA_DIR", fixture->tmp, "XDG_DATA_DIRS", "/usr/share", NULL };
  const char *args[] = { "--endpoint", url, "Hello", NULL };
  CliRun run;

  store_keys (KDL_SIM_APP_ID, KDL_SIM_API_KEY, KDL_SIM_API_SECRET);
  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "GLib-GIO-ERROR"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  kdl_test_require_session ("the test session's gnome-keyring");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-keyring/keys-from-keyring", Fixture, NULL, fixture_set_up, test_keys_from_keyring, fixture_tear_down);
  g_test_add ("/cli-keyring/env-wins", Fixture, NULL, fixture_set_up, test_env_wins, fixture_tear_down);
  g_test_add ("/cli-keyring/model-from-settings", Fixture, NULL, fixture_set_up, test_model_from_settings, fixture_tear_down);
  g_test_add ("/cli-keyring/without-schema", Fixture, NULL, fixture_set_up, test_without_schema, fixture_tear_down);

  return g_test_run ();
}
