/* kdl-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "kdl-rate-limiter.h"

struct _KdlRateLimiter
{
  double rate;           /* tokens per second; 0 = unlimited */
  double burst;          /* bucket size */
  double tokens;
  gint64 updated_us;
  double penalty_rate;   /* a lower rate while the server pushes back */
  gint64 penalty_until_us;
  gint64 lowered_at_us;
};

/**
 * kdl_rate_limiter_new:
 * @rate: requests per second; 0 for no limit
 * @burst: how many requests may start at once after a quiet period
 */
KdlRateLimiter *
kdl_rate_limiter_new (double rate,
                      double burst)
{
  KdlRateLimiter *self = g_new0 (KdlRateLimiter, 1);

  self->rate = MAX (rate, 0);
  self->burst = MAX (burst, 1);
  self->tokens = self->burst;
  self->updated_us = -1;

  return self;
}

void
kdl_rate_limiter_free (KdlRateLimiter *self)
{
  g_free (self);
}

void
kdl_rate_limiter_set_rate (KdlRateLimiter *self,
                           double          rate)
{
  self->rate = MAX (rate, 0);
}

/* The rate in force at @now_us: the configured one, or the lowered one
 * while a 11202 penalty lasts (the penalty applies even with no limit). */
double
kdl_rate_limiter_get_rate (KdlRateLimiter *self,
                           gint64          now_us)
{
  if (now_us < self->penalty_until_us)
    return self->rate > 0 ? MIN (self->rate, self->penalty_rate) : self->penalty_rate;

  return self->rate;
}

static void
refill (KdlRateLimiter *self,
        gint64          now_us)
{
  double rate = kdl_rate_limiter_get_rate (self, now_us);

  if (self->updated_us >= 0 && now_us > self->updated_us && rate > 0)
    self->tokens = MIN (self->burst, self->tokens + rate * (now_us - self->updated_us) / 1e6);
  self->updated_us = now_us;
}

/**
 * kdl_rate_limiter_wait_us:
 *
 * Returns: how long until a request may start, 0 if it may start now
 */
gint64
kdl_rate_limiter_wait_us (KdlRateLimiter *self,
                          gint64          now_us)
{
  double rate = kdl_rate_limiter_get_rate (self, now_us);

  if (rate <= 0)
    return 0;

  refill (self, now_us);
  if (self->tokens >= 1)
    return 0;

  return (gint64)ceil ((1 - self->tokens) / rate * 1e6);
}

/**
 * kdl_rate_limiter_reserve:
 *
 * Takes a token if one is there.
 *
 * Returns: 0 when the request may start now (the token is taken), else how
 *   long to wait before asking again
 */
gint64
kdl_rate_limiter_reserve (KdlRateLimiter *self,
                          gint64          now_us)
{
  gint64 wait = kdl_rate_limiter_wait_us (self, now_us);

  if (wait == 0 && kdl_rate_limiter_get_rate (self, now_us) > 0)
    self->tokens -= 1;

  return wait;
}

/**
 * kdl_rate_limiter_slow_down:
 * @observed_rate: the rate at which requests were being made when the
 *   server said 11202
 *
 * For @duration_us, the rate is at most half of @observed_rate (and never
 * below one request every two seconds).  Calls that were already in
 * flight when the rate went down report 11202 too: within a fifth of
 * @duration_us of the last cut the penalty is only extended, so one burst
 * of refusals halves the rate once, not once per refusal.
 */
void
kdl_rate_limiter_slow_down (KdlRateLimiter *self,
                            double          observed_rate,
                            gint64          now_us,
                            gint64          duration_us)
{
  double lowered = MAX (observed_rate / 2, 0.5);

  refill (self, now_us);

  if (now_us < self->penalty_until_us && now_us - self->lowered_at_us < duration_us / 5)
    {
      self->penalty_until_us = now_us + duration_us;
      return;
    }

  if (now_us < self->penalty_until_us)
    lowered = MIN (lowered, self->penalty_rate);
  self->penalty_rate = lowered;
  self->penalty_until_us = now_us + duration_us;
  self->lowered_at_us = now_us;
  self->tokens = MIN (self->tokens, 1);
}

/**
 * kdl_backoff_delay_us:
 * @attempt: 1 for the first retry
 *
 * Exponential backoff with "full jitter": a uniform draw in
 * [0, min (max, base · 2^(attempt-1))], so clients that failed together do
 * not retry together.
 */
gint64
kdl_backoff_delay_us (guint   attempt,
                      gint64  base_us,
                      gint64  max_us,
                      GRand  *rand)
{
  double ceiling = base_us * pow (2, MIN (attempt, 30) - 1.0);

  ceiling = MIN (ceiling, (double)max_us);

  /* At least a tenth of the ceiling: never hammer the server instantly. */
  return (gint64)(ceiling * (0.1 + 0.9 * g_rand_double (rand)));
}
