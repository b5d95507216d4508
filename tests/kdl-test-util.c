/* kdl-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "kdl-test-util.h"

/**
 * kdl_test_seed:
 *
 * Randomised tests take their seed from `KDL_TEST_SEED` when it is set (to
 * reproduce a failure), else @fallback; the seed is printed either way.
 */
guint32
kdl_test_seed (guint32 fallback)
{
  const char *env = g_getenv ("KDL_TEST_SEED");
  guint32 seed = env != NULL ? (guint32)g_ascii_strtoull (env, NULL, 10) : fallback;

  g_test_message ("seed %u (set KDL_TEST_SEED to reproduce)", seed);

  return seed;
}

/* A simulator on a free loopback port, fast enough for unit tests. */
KdlSparkSim *
kdl_test_sim_new (void)
{
  g_autoptr(GError) error = NULL;
  KdlSparkSim *sim = kdl_spark_sim_new ();

  kdl_spark_sim_set_latency (sim, 5, 2);
  kdl_spark_sim_listen (sim, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdl_spark_sim_get_port (sim), >, 0);

  return sim;
}

typedef struct
{
  gboolean timed_out;
} WaitState;

static gboolean
on_wait_timeout (gpointer user_data)
{
  WaitState *state = user_data;

  state->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @predicate holds; fails the test after
 * @timeout_ms, so a broken implementation never hangs the suite. */
void
kdl_test_wait_until (gboolean (*predicate) (gpointer),
                     gpointer   data,
                     guint      timeout_ms)
{
  WaitState state = { FALSE };
  guint id = g_timeout_add (timeout_ms, on_wait_timeout, &state);

  while (!predicate (data) && !state.timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (state.timed_out)
    g_error ("timed out after %u ms", timeout_ms);

  g_source_remove (id);
}

void
kdl_test_spin (guint ms)
{
  WaitState state = { FALSE };

  g_timeout_add (ms, on_wait_timeout, &state);
  while (!state.timed_out)
    g_main_context_iteration (NULL, TRUE);
}

char *
kdl_test_sample_path (const char *name)
{
  const char *dir = g_getenv ("KDL_SAMPLES_DIR");

  g_assert_nonnull (dir);

  return g_build_filename (dir, name, NULL);
}

/* Sets LC_ALL; a test that needs a locale must fail without it, or it
 * silently tests the C locale. */
gboolean
kdl_test_set_locale (const char *locale)
{
  return setlocale (LC_ALL, locale) != NULL;
}

/**
 * kdl_test_require_session:
 * @what: what the test needs, for the skip message
 *
 * Call first in main().  Tests that need a display, a session bus or an
 * unlocked keyring run in the session `build-aux/dev test` makes (it sets
 * KDL_TEST_SESSION).  Outside it they are skipped as a whole; inside it
 * they run, and fail loudly if something is missing.
 */
void
kdl_test_require_session (const char *what)
{
  if (g_getenv ("KDL_TEST_SESSION") != NULL)
    return;

  if (g_getenv ("DISPLAY") != NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return;

  /* The TAP plan of a skipped test program. */
  printf ("1..0 # SKIP needs %s: run it with build-aux/dev test\n", what);
  exit (0);
}
