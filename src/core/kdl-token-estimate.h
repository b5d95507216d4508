/* kdl-token-estimate.h — a rough token count for a prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint kdl_text_estimate_tokens (const char *text,
                                gssize      length);

G_END_DECLS
