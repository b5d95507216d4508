/* test-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-rate-limiter.h"
#include "kdl-test-util.h"

#define S G_USEC_PER_SEC

static void
test_unlimited (void)
{
  g_autoptr(KdlRateLimiter) limiter = kdl_rate_limiter_new (0, 1);

  for (guint i = 0; i < 1000; i++)
    g_assert_cmpint (kdl_rate_limiter_reserve (limiter, 0), ==, 0);
}

static void
test_rate (void)
{
  g_autoptr(KdlRateLimiter) limiter = kdl_rate_limiter_new (2, 1);
  gint64 now = 10 * S;
  guint started = 0;

  /* Simulate 10 s in 10 ms steps: 2/s plus the initial token. */
  for (gint64 t = now; t < now + 10 * S; t += S / 100)
    while (kdl_rate_limiter_reserve (limiter, t) == 0)
      started++;

  g_assert_cmpuint (started, >=, 20);
  g_assert_cmpuint (started, <=, 21);
}

static void
test_wait_time (void)
{
  g_autoptr(KdlRateLimiter) limiter = kdl_rate_limiter_new (4, 1);

  g_assert_cmpint (kdl_rate_limiter_reserve (limiter, S), ==, 0);
  /* The next token comes 250 ms later. */
  g_assert_cmpint (kdl_rate_limiter_reserve (limiter, S), ==, S / 4);
  g_assert_cmpint (kdl_rate_limiter_wait_us (limiter, S + S / 8), ==, S / 8);
  g_assert_cmpint (kdl_rate_limiter_reserve (limiter, S + S / 4), ==, 0);
}

static void
test_slow_down (void)
{
  g_autoptr(KdlRateLimiter) limiter = kdl_rate_limiter_new (0, 1);
  guint during = 0, after = 0;

  /* Unlimited, until the server says 11202 at 10/s: 5/s for 4 s. */
  kdl_rate_limiter_slow_down (limiter, 10, 0, 4 * S);
  g_assert_cmpfloat (kdl_rate_limiter_get_rate (limiter, S), ==, 5);
  for (gint64 t = 0; t < 4 * S; t += S / 100)
    while (kdl_rate_limiter_reserve (limiter, t) == 0)
      during++;
  g_assert_cmpuint (during, >=, 19);
  g_assert_cmpuint (during, <=, 21);

  g_assert_cmpfloat (kdl_rate_limiter_get_rate (limiter, 5 * S), ==, 0);
  for (gint64 t = 5 * S; t < 6 * S; t += S / 100)
    if (kdl_rate_limiter_reserve (limiter, t) == 0)
      after++;
  g_assert_cmpuint (after, ==, 100);
}

static void
test_backoff (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (kdl_test_seed (11));
  gint64 max_seen[6] = { 0 };

  for (guint i = 0; i < 2000; i++)
    for (guint attempt = 1; attempt <= 6; attempt++)
      {
        gint64 d = kdl_backoff_delay_us (attempt, S / 2, 8 * S, rand);
        gint64 ceiling = MIN ((S / 2) << (attempt - 1), 8 * S);

        g_assert_cmpint (d, >=, ceiling / 10);
        g_assert_cmpint (d, <=, ceiling);
        max_seen[attempt - 1] = MAX (max_seen[attempt - 1], d);
      }

  /* It grows, and the cap holds. */
  g_assert_cmpint (max_seen[0], <, max_seen[2]);
  g_assert_cmpint (max_seen[5], <=, 8 * S);
  g_assert_cmpint (max_seen[5], >, 7 * S);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rate-limiter/unlimited", test_unlimited);
  g_test_add_func ("/rate-limiter/rate", test_rate);
  g_test_add_func ("/rate-limiter/wait-time", test_wait_time);
  g_test_add_func ("/rate-limiter/slow-down", test_slow_down);
  g_test_add_func ("/rate-limiter/backoff", test_backoff);

  return g_test_run ();
}
