/* kdl-rate-limiter.h — requests per second as a token bucket, and backoff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KdlRateLimiter KdlRateLimiter;

KdlRateLimiter *kdl_rate_limiter_new          (double          rate,
                                               double          burst);
void            kdl_rate_limiter_free         (KdlRateLimiter *self);
void            kdl_rate_limiter_set_rate     (KdlRateLimiter *self,
                                               double          rate);
double          kdl_rate_limiter_get_rate     (KdlRateLimiter *self,
                                               gint64          now_us);
gint64          kdl_rate_limiter_reserve      (KdlRateLimiter *self,
                                               gint64          now_us);
gint64          kdl_rate_limiter_wait_us      (KdlRateLimiter *self,
                                               gint64          now_us);
void            kdl_rate_limiter_slow_down    (KdlRateLimiter *self,
                                               double          observed_rate,
                                               gint64          now_us,
                                               gint64          duration_us);

gint64          kdl_backoff_delay_us          (guint           attempt,
                                               gint64          base_us,
                                               gint64          max_us,
                                               GRand          *rand);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdlRateLimiter, kdl_rate_limiter_free)

G_END_DECLS
