/* kdl-run-providers.h — where a run's calls go, stored with the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdl-llm-provider.h"
#include "kdl-runner.h"
#include "kdl-types.h"

G_BEGIN_DECLS

char     *kdl_run_providers_to_json    (KdlSession          *session,
                                        const char          *judge_preset,
                                        GError             **error);
gboolean  kdl_run_providers_create     (KdlSession          *session,
                                        const char          *provider_json,
                                        guint                concurrency,
                                        KdlLlmProvider     **generate,
                                        KdlLlmProvider     **judge,
                                        GError             **error);
char     *kdl_run_providers_describe   (const char          *provider_json);
gboolean  kdl_run_providers_is_key_error (const char        *stop_code);
void      kdl_run_options_from_json    (const char          *params_json,
                                        KdlRunOptions       *options);

G_END_DECLS
