/* kdl-sim-answer.h — the simulator's deterministic answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  kdl_sim_answer_is_judge_prompt (const char *prompt);
char     *kdl_sim_answer_for_prompt      (const char *prompt);
char     *kdl_sim_answer_judge           (const char *prompt);
char     *kdl_sim_answer_generate        (const char *prompt);
gint64    kdl_sim_answer_count_tokens    (const char *text);

G_END_DECLS
