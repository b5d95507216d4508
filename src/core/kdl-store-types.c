/* kdl-store-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kdl-store-types.h"

G_DEFINE_QUARK (kdl-store-error-quark, kdl_store_error)

static const char * const stage_names[] = { "generate", "judge" };
static const char * const item_state_names[] = { "pending", "running", "done", "failed", "skipped" };
static const char * const run_state_names[] = { "pending", "running", "paused", "stopped", "done", "failed" };
static const char * const verdict_names[] = { "none", "accepted", "rejected" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             int                *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], str))
      {
        *value = i;
        return TRUE;
      }

  return FALSE;
}

const char *
kdl_store_stage_to_string (KdlStoreStage stage)
{
  g_return_val_if_fail (stage < G_N_ELEMENTS (stage_names), NULL);
  return stage_names[stage];
}

gboolean
kdl_store_stage_from_string (const char    *str,
                             KdlStoreStage *stage)
{
  int value;

  if (!lookup_name (stage_names, G_N_ELEMENTS (stage_names), str, &value))
    return FALSE;
  *stage = value;
  return TRUE;
}

const char *
kdl_store_item_state_to_string (KdlStoreItemState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (item_state_names), NULL);
  return item_state_names[state];
}

gboolean
kdl_store_item_state_from_string (const char        *str,
                                  KdlStoreItemState *state)
{
  int value;

  if (!lookup_name (item_state_names, G_N_ELEMENTS (item_state_names), str, &value))
    return FALSE;
  *state = value;
  return TRUE;
}

const char *
kdl_store_run_state_to_string (KdlStoreRunState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (run_state_names), NULL);
  return run_state_names[state];
}

gboolean
kdl_store_run_state_from_string (const char       *str,
                                 KdlStoreRunState *state)
{
  int value;

  if (!lookup_name (run_state_names, G_N_ELEMENTS (run_state_names), str, &value))
    return FALSE;
  *state = value;
  return TRUE;
}

const char *
kdl_store_verdict_to_string (KdlStoreVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdict_names), NULL);
  return verdict_names[verdict];
}

gboolean
kdl_store_verdict_from_string (const char      *str,
                               KdlStoreVerdict *verdict)
{
  int value;

  if (!lookup_name (verdict_names, G_N_ELEMENTS (verdict_names), str, &value))
    return FALSE;
  *verdict = value;
  return TRUE;
}

/**
 * kdl_store_item_query_init:
 *
 * A query for every item of @run_id, in row order.
 */
void
kdl_store_item_query_init (KdlStoreItemQuery *query,
                           gint64             run_id)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->run_id = run_id;
  query->any_stage = TRUE;
  query->check_ok = -1;
  query->order = KDL_STORE_ORDER_ROW;
}

void
kdl_store_dataset_free (KdlStoreDataset *self)
{
  if (self == NULL)
    return;
  g_free (self->source_path);
  g_free (self->format);
  g_free (self->encoding);
  g_free (self->sheet);
  g_free (self->fingerprint);
  g_free (self->columns_json);
  g_free (self->mapping_json);
  g_free (self);
}

void
kdl_store_row_free (KdlStoreRow *self)
{
  if (self == NULL)
    return;
  g_free (self->hash);
  g_free (self->fields_json);
  g_free (self);
}

void
kdl_store_template_free (KdlStoreTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->sha256);
  g_free (self->text);
  g_free (self);
}

void
kdl_store_run_free (KdlStoreRun *self)
{
  if (self == NULL)
    return;
  g_free (self->template_name);
  g_free (self->judge_name);
  g_free (self->provider_json);
  g_free (self->params_json);
  g_free (self->stop_code);
  g_free (self->stop_message);
  g_free (self);
}

void
kdl_store_item_free (KdlStoreItem *self)
{
  if (self == NULL)
    return;
  g_free (self->prompt);
  g_free (self->output);
  g_free (self->check_json);
  g_free (self->parts_json);
  g_free (self->unparsed_reason);
  g_free (self->error_code);
  g_free (self->error_message);
  g_free (self->edited_output);
  g_free (self);
}

void
kdl_store_review_free (KdlStoreReview *self)
{
  if (self == NULL)
    return;
  g_free (self->edited_output);
  g_free (self);
}

/**
 * kdl_store_format_time:
 * @usec: microseconds since the epoch
 *
 * Returns: (nullable): ISO 8601 in UTC with seconds ("2025-05-01T08:30:00Z"),
 * the form the JSON outputs use; NULL for 0.
 */
char *
kdl_store_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec == 0)
    return NULL;

  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}
