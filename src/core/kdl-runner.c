/* kdl-runner.c — the batch engine
 *
 * One main context drives every call.  The runner keeps exactly as many
 * calls in flight as the concurrency allows (less while the server pushes
 * back with 11203), starts them no faster than the rate allows (slower
 * while it pushes back with 11202), retries only what is retryable, and
 * tells nobody an item is done before the store has committed it.  Rows
 * are read and prompts rendered a batch at a time in a worker, so the main
 * context only moves text around.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-runner"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdl-error.h"
#include "kdl-exam.h"
#include "kdl-runner-private.h"
#include "kdl-score.h"
#include "kdl-structure-check.h"

#define PREPARE_BATCH        64
#define RATE_WINDOW_US       (60 * G_USEC_PER_SEC)

struct _KdlRunner
{
  GObject           parent_instance;

  KdlStore         *store;
  gint64            run_id;
  KdlLlmProvider   *generate_provider;
  KdlLlmProvider   *judge_provider;
  KdlRunOptions     options;

  GTask            *task;
  GCancellable     *cancellable;
  gulong            cancelled_id;

  RunPlan          *plan;
  KdlStoreReader   *prep_reader;     /* the preparing worker's, one batch at a time */
  guint             next_ref;        /* plan->refs still to prepare start here */
  gboolean          preparing;
  GQueue            to_prepare;      /* RunItem*: judges handed over in memory */
  GQueue            ready;           /* RunItem*: prepared */
  GQueue            delayed;         /* RunItem*: waiting for a backoff, by time */
  GHashTable       *waiting_judges;  /* generate item id → KdlStoreItemRef* */
  GHashTable       *memory_judges;   /* judge ids handed over in memory, never read */
  GHashTable       *in_flight;       /* item id → RunItem* */
  guint             pending_commits;

  KdlRateLimiter   *limiter;
  GQueue            recent_starts;   /* start times (µs) of the last second */
  guint             concurrency_cap; /* lowered after 11203 */
  guint             restore_id;
  guint             pump_id;
  gint64            pump_at_us;
  GRand            *rand;

  gboolean          loaded;
  gboolean          paused;
  gboolean          paused_stored;
  gboolean          stopping;
  gboolean          finished;
  KdlStoreRunState  stop_state;
  char             *stop_code;
  char             *stop_message;

  GArray           *slots;           /* KdlRunSlot */
  GArray           *dirty_slots;     /* guint */
  guint8           *slot_listed;     /* in dirty_slots already */
  GArray           *committed;       /* gint64 */
  KdlRunProgress    progress;
  gint64            started_us;
  GQueue            finish_times;    /* µs, for the rate and the ETA */
  guint             update_interval_ms;
  guint             update_id;
  gboolean          progress_dirty;
};

G_DEFINE_FINAL_TYPE (KdlRunner, kdl_runner, G_TYPE_OBJECT)

enum {
  PROGRESS,
  SLOTS_CHANGED,
  ITEMS_COMMITTED,
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pump (KdlRunner *self);
static void check_finished (KdlRunner *self);
static void stop_run (KdlRunner *self, KdlStoreRunState state, const char *code,
                      const char *message, gboolean cancel_in_flight);

/* Options ---------------------------------------------------------------- */

void
kdl_run_options_init (KdlRunOptions *options)
{
  memset (options, 0, sizeof *options);
  options->concurrency = 4;
  options->retries = 4;
  options->backoff_base_ms = 1000;
  options->backoff_max_ms = 30000;
  options->pushback_ms = 10000;
  options->seed = 1;
}

/**
 * kdl_run_options_to_json:
 *
 * Returns: (transfer full): the options as stored with the run
 */
char *
kdl_run_options_to_json (const KdlRunOptions *options)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "concurrency");
  json_builder_add_int_value (b, options->concurrency);
  json_builder_set_member_name (b, "qps");
  json_builder_add_double_value (b, options->qps);
  json_builder_set_member_name (b, "retries");
  json_builder_add_int_value (b, options->retries);
  json_builder_set_member_name (b, "max_total_tokens");
  json_builder_add_int_value (b, options->max_total_tokens);
  json_builder_set_member_name (b, "regenerate_on_fail");
  json_builder_add_int_value (b, options->regenerate_on_fail);
  json_builder_set_member_name (b, "judge_failed_structure");
  json_builder_add_boolean_value (b, options->judge_failed_structure);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/* Updates to watchers, coalesced ------------------------------------------ */

static gboolean
flush_updates (gpointer user_data)
{
  KdlRunner *self = user_data;

  self->update_id = 0;

  if (self->dirty_slots->len > 0)
    {
      g_autoptr(GArray) dirty = g_steal_pointer (&self->dirty_slots);

      self->dirty_slots = g_array_new (FALSE, FALSE, sizeof (guint));
      memset (self->slot_listed, 0, self->slots->len);
      g_signal_emit (self, signals[SLOTS_CHANGED], 0, dirty);
    }

  if (self->committed->len > 0)
    {
      g_autoptr(GArray) ids = g_steal_pointer (&self->committed);

      self->committed = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_signal_emit (self, signals[ITEMS_COMMITTED], 0, ids);
    }

  if (self->progress_dirty)
    {
      self->progress_dirty = FALSE;
      g_signal_emit (self, signals[PROGRESS], 0);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_updates (KdlRunner *self)
{
  if (self->update_id == 0)
    self->update_id = g_timeout_add (self->update_interval_ms, flush_updates, self);
}

static void
update_progress (KdlRunner *self)
{
  KdlRunProgress *p = &self->progress;
  gint64 now = g_get_monotonic_time ();
  guint remaining;

  while (!g_queue_is_empty (&self->finish_times) &&
         now - (gint64)GPOINTER_TO_SIZE (g_queue_peek_head (&self->finish_times)) > RATE_WINDOW_US)
    g_queue_pop_head (&self->finish_times);

  p->elapsed_s = self->started_us > 0 ? (now - self->started_us) / 1e6 : 0;
  p->in_flight = g_hash_table_size (self->in_flight);
  p->concurrency = MIN (self->options.concurrency, self->concurrency_cap);
  p->qps = kdl_rate_limiter_get_rate (self->limiter, now);

  /* Over the last minute, or since the start if shorter. */
  if (g_queue_get_length (&self->finish_times) > 0 && p->elapsed_s > 0.5)
    p->items_per_minute = g_queue_get_length (&self->finish_times) * 60.0 /
                          MIN (p->elapsed_s, RATE_WINDOW_US / 1e6);
  else
    p->items_per_minute = 0;

  remaining = p->items_total - MIN (p->items_total, p->items_done + p->items_failed + p->items_skipped);
  p->eta_s = p->items_per_minute > 0 ? remaining * 60.0 / p->items_per_minute
                                     : (remaining == 0 ? 0 : -1);

  self->progress_dirty = TRUE;
  schedule_updates (self);
}

static void
set_state (KdlRunner        *self,
           KdlStoreRunState  state)
{
  if (self->progress.state == state)
    return;

  self->progress.state = state;
  update_progress (self);
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

/* Slots ------------------------------------------------------------------- */

static void
mark_slot_dirty (KdlRunner *self,
                 guint      index)
{
  if (!self->slot_listed[index])
    {
      self->slot_listed[index] = TRUE;
      g_array_append_val (self->dirty_slots, index);
    }
  schedule_updates (self);
}

static int
take_slot (KdlRunner *self,
           RunItem   *item)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      KdlRunSlot *slot = &g_array_index (self->slots, KdlRunSlot, i);

      if (!slot->active)
        {
          slot->active = TRUE;
          slot->item_id = item->ref.id;
          slot->row = item->ref.row;
          slot->variant = item->ref.variant;
          slot->stage = item->ref.stage;
          slot->attempt = item->ref.attempts;
          g_string_truncate (slot->text, 0);
          mark_slot_dirty (self, i);
          return i;
        }
    }

  g_assert_not_reached ();
  return -1;
}

static void
release_slot (KdlRunner *self,
              RunItem   *item)
{
  if (item->slot >= 0)
    {
      g_array_index (self->slots, KdlRunSlot, item->slot).active = FALSE;
      mark_slot_dirty (self, item->slot);
      item->slot = -1;
    }
}

/* Commits ----------------------------------------------------------------- */

typedef void (*AfterCommit) (KdlRunner *self,
                             RunItem   *item,
                             gboolean   ok);

typedef struct
{
  KdlRunner         *self;
  RunItem           *item;
  AfterCommit        after;
  gint64             item_id;
  KdlStoreItemState  state;
} Commit;

static void
count_committed (KdlRunner         *self,
                 KdlStoreItemState  state)
{
  switch (state)
    {
    case KDL_STORE_ITEM_DONE:
      self->progress.items_done++;
      break;
    case KDL_STORE_ITEM_FAILED:
      self->progress.items_failed++;
      break;
    case KDL_STORE_ITEM_SKIPPED:
      self->progress.items_skipped++;
      break;
    case KDL_STORE_ITEM_PENDING:
    case KDL_STORE_ITEM_RUNNING:
    default:
      return;
    }

  g_queue_push_tail (&self->finish_times, GSIZE_TO_POINTER ((gsize)g_get_monotonic_time ()));
}

static void
on_committed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Commit *commit = user_data;
  KdlRunner *self = commit->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = kdl_store_update_item_finish (KDL_STORE (object), result, &error);
  self->pending_commits--;

  if (!ok)
    {
      g_warning ("Could not save item %" G_GINT64_FORMAT ": %s", commit->item_id, error->message);
      stop_run (self, KDL_STORE_RUN_FAILED, "store-failed", error->message, TRUE);
    }
  else
    {
      count_committed (self, commit->state);
      if (commit->state != KDL_STORE_ITEM_RUNNING)
        g_array_append_val (self->committed, commit->item_id);
      update_progress (self);
    }

  if (commit->after != NULL)
    commit->after (self, commit->item, ok);

  pump (self);
  g_object_unref (self);
  g_free (commit);
}

/* Writes @update; @after runs once it is committed (it owns @item then). */
static void
commit (KdlRunner          *self,
        KdlStoreItemUpdate *update,
        RunItem            *item,
        AfterCommit         after)
{
  Commit *c = g_new0 (Commit, 1);

  c->self = g_object_ref (self);
  c->item = item;
  c->after = after;
  c->item_id = update->item_id;
  c->state = (update->fields & KDL_STORE_ITEM_SET_STATE) ? update->state : KDL_STORE_ITEM_RUNNING;
  self->pending_commits++;
  kdl_store_update_item_async (self->store, update, on_committed, c);
}

static void
free_after_commit (KdlRunner *self,
                   RunItem   *item,
                   gboolean   ok)
{
  _kdl_run_item_free (item);
}

/* Judges waiting for their generation to finish in this session. */
static void
release_waiting_judge (KdlRunner  *self,
                       RunItem    *generated_item,
                       const char *output,
                       gboolean    judge_it)
{
  KdlStoreItemRef *ref = g_hash_table_lookup (self->waiting_judges, &generated_item->ref.id);
  RunItem *judge;

  if (ref == NULL)
    return;

  judge = g_new0 (RunItem, 1);
  judge->ref = *ref;
  judge->slot = -1;
  g_hash_table_remove (self->waiting_judges, &generated_item->ref.id);

  if (judge_it)
    {
      /* The row's variables come along; the worker renders the prompt. */
      judge->vars = g_steal_pointer (&generated_item->vars);
      judge->generated = g_strdup (output);
      g_queue_push_tail (&self->to_prepare, judge);
    }
  else
    {
      KdlStoreItemUpdate update = { 0 };

      update.item_id = judge->ref.id;
      update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_FINISHED;
      update.state = KDL_STORE_ITEM_SKIPPED;
      commit (self, &update, judge, free_after_commit);
    }
}

/* The generation is saved: now its judge may run (or is skipped). */
static void
after_generate_done (KdlRunner *self,
                     RunItem   *item,
                     gboolean   ok)
{
  if (ok)
    release_waiting_judge (self, item, item->output, item->judge_it);
  _kdl_run_item_free (item);
}

/* Failing an item also skips the judge waiting for it. */
static void
fail_item (KdlRunner  *self,
           RunItem    *item,
           const char *code,
           const char *message)
{
  KdlStoreItemUpdate update = { 0 };
  gboolean skip = g_strcmp0 (code, KDL_RUN_SKIP) == 0;

  if (item->ref.stage == KDL_STORE_STAGE_GENERATE)
    release_waiting_judge (self, item, NULL, FALSE);

  update.item_id = item->ref.id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_FINISHED;
  update.state = skip ? KDL_STORE_ITEM_SKIPPED : KDL_STORE_ITEM_FAILED;
  if (!skip)
    {
      update.fields |= KDL_STORE_ITEM_SET_ERROR;
      update.error_code = code;
      update.error_message = message;
    }
  commit (self, &update, item, free_after_commit);
}

/* Back to pending, for a later resume. */
static void
requeue_item (KdlRunner  *self,
              RunItem    *item,
              const char *code,
              const char *message)
{
  KdlStoreItemUpdate update = { 0 };

  update.item_id = item->ref.id;
  update.fields = KDL_STORE_ITEM_SET_STATE;
  update.state = KDL_STORE_ITEM_PENDING;
  if (code != NULL)
    {
      update.fields |= KDL_STORE_ITEM_SET_ERROR;
      update.error_code = code;
      update.error_message = message;
    }
  commit (self, &update, item, free_after_commit);
}

/* Results ------------------------------------------------------------------ */

static void
add_usage (KdlRunner          *self,
           KdlStoreItemUpdate *update,
           KdlChatResult      *result)
{
  if (!result->has_usage)
    return;

  update->fields |= KDL_STORE_ITEM_ADD_USAGE;
  update->prompt_tokens = result->usage.prompt_tokens;
  update->completion_tokens = result->usage.completion_tokens;
  update->total_tokens = result->usage.total_tokens;

  self->progress.prompt_tokens += result->usage.prompt_tokens;
  self->progress.completion_tokens += result->usage.completion_tokens;
  self->progress.total_tokens += result->usage.total_tokens;

  /* The budget counts the whole run, earlier sessions included.  Calls
   * already in flight finish: their tokens are spent anyway. */
  if (self->options.max_total_tokens > 0 && !self->stopping &&
      self->plan->tokens_before + self->progress.total_tokens >= self->options.max_total_tokens)
    stop_run (self, KDL_STORE_RUN_STOPPED, "token-budget",
              _("The token budget of this run is used up. Resume it with a larger budget to go on."),
              FALSE);
}

static char *
check_to_json (const KdlStructureCheck *check)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  kdl_structure_check_build_json (check, b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

static char *
parts_to_json (const KdlScoreResult *score)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (guint i = 0; i < score->parts->len; i++)
    {
      const KdlScorePart *part = g_ptr_array_index (score->parts, i);

      json_builder_set_member_name (b, part->name);
      json_builder_add_double_value (b, part->points);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

static void
finish_generate (KdlRunner     *self,
                 RunItem       *item,
                 KdlChatResult *result)
{
  g_autoptr(KdlStructureCheck) check = kdl_structure_check_run (result->text, item->originals);
  g_autofree char *check_json = check_to_json (check);
  KdlStoreItemUpdate update = { 0 };

  update.item_id = item->ref.id;
  update.fields = KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_CHECK;
  update.output = result->text;
  update.check_ok = check->ok;
  update.check_json = check_json;
  add_usage (self, &update, result);

  if (!check->ok && item->regenerations < self->options.regenerate_on_fail && !self->stopping)
    {
      /* Keep this attempt's output and check, and generate again. */
      item->regenerations++;
      self->progress.regenerated++;
      commit (self, &update, NULL, NULL);
      g_queue_push_head (&self->ready, item);
      return;
    }

  update.fields |= KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_FINISHED | KDL_STORE_ITEM_SET_ERROR;
  update.state = KDL_STORE_ITEM_DONE;
  update.error_code = NULL;
  update.error_message = NULL;

  /* The judge may start only once this is committed. */
  item->output = g_strdup (result->text);
  item->judge_it = check->ok || self->options.judge_failed_structure;
  commit (self, &update, item, after_generate_done);
}

static void
finish_judge (KdlRunner     *self,
              RunItem       *item,
              KdlChatResult *result)
{
  g_autoptr(KdlScoreResult) score = kdl_score_extract (result->text, (int)self->plan->score_max,
                                                       kdl_template_get_score_pattern (self->plan->judge));
  g_autofree char *parts_json = parts_to_json (score);
  KdlStoreItemUpdate update = { 0 };

  update.item_id = item->ref.id;
  update.fields = KDL_STORE_ITEM_SET_OUTPUT | KDL_STORE_ITEM_SET_SCORE | KDL_STORE_ITEM_SET_STATE |
                  KDL_STORE_ITEM_SET_FINISHED | KDL_STORE_ITEM_SET_ERROR;
  update.output = result->text;
  update.state = KDL_STORE_ITEM_DONE;
  update.has_score = score->parsed;
  update.score = score->parsed ? score->score : 0;
  update.parts_json = parts_json;
  update.unparsed_reason = score->parsed ? NULL : kdl_score_unparsed_to_string (score->unparsed_reason);
  add_usage (self, &update, result);

  if (score->parsed)
    {
      self->progress.scored++;
      self->progress.score_sum += score->score;
    }
  else
    self->progress.unparsed++;

  commit (self, &update, item, free_after_commit);
}

/* Calls -------------------------------------------------------------------- */

static double
recent_start_rate (KdlRunner *self,
                   gint64     now)
{
  while (!g_queue_is_empty (&self->recent_starts) &&
         now - (gint64)GPOINTER_TO_SIZE (g_queue_peek_head (&self->recent_starts)) > G_USEC_PER_SEC)
    g_queue_pop_head (&self->recent_starts);

  return MAX (1, g_queue_get_length (&self->recent_starts));
}

static gboolean
restore_concurrency (gpointer user_data)
{
  KdlRunner *self = user_data;

  self->concurrency_cap++;
  update_progress (self);
  pump (self);

  if (self->concurrency_cap >= self->options.concurrency)
    {
      self->restore_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The server says the account allows less than we use: back off for a
 * while, then creep back up. */
static void
push_back (KdlRunner *self,
           int        code)
{
  gint64 now = g_get_monotonic_time ();

  if (code == KDL_SPARK_ERROR_QPS_LIMIT)
    kdl_rate_limiter_slow_down (self->limiter, recent_start_rate (self, now), now,
                                self->options.pushback_ms * (gint64)1000);

  if (code == KDL_SPARK_ERROR_CONCURRENCY_LIMIT)
    {
      guint in_flight = g_hash_table_size (self->in_flight);

      self->concurrency_cap = MAX (1, MIN (self->concurrency_cap, in_flight + 1) - 1);
      g_clear_handle_id (&self->restore_id, g_source_remove);
      self->restore_id = g_timeout_add (MAX (self->options.pushback_ms, 1), restore_concurrency, self);
    }

  update_progress (self);
}

static void
schedule_retry (KdlRunner    *self,
                RunItem      *item,
                const GError *error)
{
  g_autofree char *code = kdl_spark_error_code_to_id (error->code);
  KdlStoreItemUpdate update = { 0 };
  gint64 delay;
  GList *l;

  item->retries++;
  self->progress.retried++;
  delay = kdl_backoff_delay_us (item->retries, self->options.backoff_base_ms * (gint64)1000,
                                self->options.backoff_max_ms * (gint64)1000, self->rand);
  item->not_before_us = g_get_monotonic_time () + delay;

  /* Remember the last error; the item stays running until it ends. */
  update.item_id = item->ref.id;
  update.fields = KDL_STORE_ITEM_SET_ERROR;
  update.error_code = code;
  update.error_message = error->message;
  commit (self, &update, NULL, NULL);

  for (l = self->delayed.head; l != NULL; l = l->next)
    if (((RunItem *)l->data)->not_before_us > item->not_before_us)
      break;
  if (l != NULL)
    g_queue_insert_before (&self->delayed, l, item);
  else
    g_queue_push_tail (&self->delayed, item);
}

static void
on_call_done (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  RunItem *item = user_data;
  KdlRunner *self = g_object_get_data (G_OBJECT (item->cancellable), "kdl-runner");
  g_autoptr(KdlChatResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = kdl_llm_provider_stream_chat_finish (KDL_LLM_PROVIDER (object), res, &error);

  g_hash_table_remove (self->in_flight, &item->ref.id);
  release_slot (self, item);

  if (result != NULL)
    {
      if (item->ref.stage == KDL_STORE_STAGE_GENERATE)
        finish_generate (self, item, result);
      else
        finish_judge (self, item, result);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || item->requeue)
    {
      requeue_item (self, item, NULL, NULL);
    }
  else
    {
      g_autofree char *code = kdl_spark_error_code_to_id (error->domain == KDL_SPARK_ERROR ? error->code
                                                                                          : KDL_SPARK_ERROR_FAILED);

      switch (kdl_error_classify (error))
        {
        case KDL_ERROR_CLASS_RETRYABLE:
          if (error->domain == KDL_SPARK_ERROR && kdl_spark_error_code_lowers_rate (error->code))
            push_back (self, error->code);
          if (item->retries < self->options.retries && !self->stopping)
            schedule_retry (self, item, error);
          else if (self->stopping)
            requeue_item (self, item, code, error->message);
          else
            fail_item (self, item, code, error->message);
          break;

        case KDL_ERROR_CLASS_ITEM_FATAL:
          fail_item (self, item, code, error->message);
          break;

        case KDL_ERROR_CLASS_RUN_PAUSE:
        case KDL_ERROR_CLASS_RUN_FATAL:
        default:
          /* Not the item's fault: it waits for a resume. */
          requeue_item (self, item, code, error->message);
          stop_run (self, KDL_STORE_RUN_STOPPED, code, error->message, TRUE);
          break;
        }
    }

  update_progress (self);
  pump (self);
  g_object_unref (self);
}

static void
on_delta (const char *delta,
          gsize       len,
          gpointer    user_data)
{
  RunItem *item = user_data;
  KdlRunner *self = g_object_get_data (G_OBJECT (item->cancellable), "kdl-runner");
  KdlRunSlot *slot;

  if (item->slot < 0)
    return;

  slot = &g_array_index (self->slots, KdlRunSlot, item->slot);
  g_string_append_len (slot->text, delta, len);
  mark_slot_dirty (self, item->slot);
}

static void
start_item (KdlRunner *self,
            RunItem   *item)
{
  g_autoptr(KdlChatRequest) request = NULL;
  KdlStoreItemUpdate update = { 0 };
  KdlTemplate *template;
  KdlLlmProvider *provider;
  gint64 now = g_get_monotonic_time ();

  if (item->fail_code != NULL)
    {
      fail_item (self, item, item->fail_code, item->fail_message);
      return;
    }

  item->ref.attempts++;
  item->requeue = FALSE;
  g_clear_object (&item->cancellable);
  item->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (item->cancellable), "kdl-runner", self);
  item->slot = take_slot (self, item);
  g_hash_table_insert (self->in_flight, &item->ref.id, item);
  g_queue_push_tail (&self->recent_starts, GSIZE_TO_POINTER ((gsize)now));

  update.item_id = item->ref.id;
  update.fields = KDL_STORE_ITEM_SET_STATE | KDL_STORE_ITEM_SET_ATTEMPTS | KDL_STORE_ITEM_SET_PROMPT |
                  KDL_STORE_ITEM_SET_STARTED;
  update.state = KDL_STORE_ITEM_RUNNING;
  update.attempts = item->ref.attempts;
  update.prompt = item->prompt;
  commit (self, &update, NULL, NULL);

  if (item->ref.stage == KDL_STORE_STAGE_JUDGE)
    {
      template = self->plan->judge;
      provider = self->judge_provider;
    }
  else
    {
      template = self->plan->generate;
      provider = self->generate_provider;
    }

  request = kdl_chat_request_new_simple (NULL, item->prompt);
  if (kdl_template_get_temperature (template) > 0)
    request->temperature = kdl_template_get_temperature (template);
  if (kdl_template_get_max_tokens (template) > 0)
    request->max_tokens = kdl_template_get_max_tokens (template);

  kdl_llm_provider_stream_chat_async (provider, request, on_delta, item, item->cancellable,
                                      on_call_done, item);
  g_object_ref (self);
}

/* Preparing ---------------------------------------------------------------- */

static void
prepare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KdlRunner *self = source_object;
  GPtrArray *batch = task_data;

  for (guint i = 0; i < batch->len; i++)
    _kdl_runner_prepare (self->prep_reader, self->plan, g_ptr_array_index (batch, i));

  g_task_return_boolean (task, TRUE);
}

static void
on_prepared (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdlRunner *self = KDL_RUNNER (object);
  GPtrArray *batch = g_task_get_task_data (G_TASK (result));

  self->preparing = FALSE;
  for (guint i = 0; i < batch->len; i++)
    {
      RunItem *item = g_ptr_array_index (batch, i);

      g_clear_pointer (&item->generated, g_free);
      g_queue_push_tail (&self->ready, item);
    }

  pump (self);
}

static void
maybe_prepare (KdlRunner *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *batch;
  guint want;

  if (self->preparing || self->stopping)
    return;

  want = 2 * self->options.concurrency + 8;
  if (g_queue_get_length (&self->ready) >= want && g_queue_is_empty (&self->to_prepare))
    return;

  /* No free function: on_prepared() hands every item on. */
  batch = g_ptr_array_new ();

  while (!g_queue_is_empty (&self->to_prepare) && batch->len < PREPARE_BATCH)
    g_ptr_array_add (batch, g_queue_pop_head (&self->to_prepare));

  while (self->next_ref < self->plan->refs->len && batch->len < PREPARE_BATCH)
    {
      const KdlStoreItemRef *ref = &g_array_index (self->plan->refs, KdlStoreItemRef, self->next_ref++);
      RunItem *item;

      /* Judges of generations still to come wait for them. */
      if (ref->stage == KDL_STORE_STAGE_JUDGE && g_hash_table_contains (self->memory_judges, &ref->id))
        continue;

      item = g_new0 (RunItem, 1);
      item->ref = *ref;
      item->slot = -1;
      g_ptr_array_add (batch, item);
    }

  if (batch->len == 0)
    {
      g_ptr_array_unref (batch);
      return;
    }

  self->preparing = TRUE;
  task = g_task_new (self, NULL, on_prepared, NULL);
  g_task_set_source_tag (task, maybe_prepare);
  g_task_set_task_data (task, batch, (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, prepare_worker);
}

/* Scheduling --------------------------------------------------------------- */

static gboolean
on_pump_timer (gpointer user_data)
{
  KdlRunner *self = user_data;

  self->pump_id = 0;
  pump (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_pump (KdlRunner *self,
               gint64     at_us)
{
  gint64 now = g_get_monotonic_time ();

  if (self->pump_id != 0 && self->pump_at_us <= at_us)
    return;

  g_clear_handle_id (&self->pump_id, g_source_remove);
  self->pump_at_us = at_us;
  self->pump_id = g_timeout_add (MAX (1, (at_us - now + 999) / 1000), on_pump_timer, self);
}

static void
pump (KdlRunner *self)
{
  gint64 now = g_get_monotonic_time ();
  guint limit;

  if (!self->loaded || self->finished)
    return;

  while (!g_queue_is_empty (&self->delayed) &&
         ((RunItem *)g_queue_peek_head (&self->delayed))->not_before_us <= now)
    g_queue_push_head (&self->ready, g_queue_pop_head (&self->delayed));

  limit = MIN (self->options.concurrency, self->concurrency_cap);

  while (!self->stopping && !self->paused &&
         g_hash_table_size (self->in_flight) < limit &&
         !g_queue_is_empty (&self->ready))
    {
      gint64 wait = kdl_rate_limiter_reserve (self->limiter, now);

      if (wait > 0)
        {
          schedule_pump (self, now + wait);
          break;
        }

      start_item (self, g_queue_pop_head (&self->ready));
    }

  maybe_prepare (self);

  if (!g_queue_is_empty (&self->delayed))
    schedule_pump (self, ((RunItem *)g_queue_peek_head (&self->delayed))->not_before_us);

  update_progress (self);
  check_finished (self);
}

/* Ending -------------------------------------------------------------------- */

static void
cancel_in_flight (KdlRunner *self)
{
  GHashTableIter iter;
  RunItem *item;

  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&item))
    {
      item->requeue = TRUE;
      g_cancellable_cancel (item->cancellable);
    }
}

/* The first reason to stop wins: later calls failing the same way (each slot
 * at most once) do not change the message. */
static void
stop_run (KdlRunner        *self,
          KdlStoreRunState  state,
          const char       *code,
          const char       *message,
          gboolean          cancel)
{
  if (!self->stopping)
    {
      self->stopping = TRUE;
      self->stop_state = state;
      self->stop_code = g_strdup (code);
      self->stop_message = g_strdup (message);
      g_debug ("Stopping run %" G_GINT64_FORMAT ": %s", self->run_id, code);

      /* Items waiting for a retry are marked running in the project: put
       * them back in the queue now rather than leave it to a resume. */
      while (!g_queue_is_empty (&self->delayed))
        requeue_item (self, g_queue_pop_head (&self->delayed), NULL, NULL);
    }

  if (cancel)
    cancel_in_flight (self);

  update_progress (self);
  pump (self);
}

static void
on_final_state_stored (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  KdlRunner *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (!kdl_store_set_run_state_finish (KDL_STORE (object), result, &error))
    g_warning ("Could not save the state of run %" G_GINT64_FORMAT ": %s", self->run_id, error->message);

  /* Queued, not waited for: the main loop never blocks on the writer. */
  kdl_store_unlock_run_async (self->store, self->run_id, NULL, NULL);
  /* Deliver what is pending now, and drop the timer that would have. */
  g_clear_handle_id (&self->update_id, g_source_remove);
  flush_updates (self);

  if (task != NULL)
    g_task_return_int (task, self->progress.state);

  g_object_unref (self);
}

static void
finish_run (KdlRunner        *self,
            KdlStoreRunState  state)
{
  self->finished = TRUE;
  g_clear_handle_id (&self->pump_id, g_source_remove);
  g_clear_handle_id (&self->restore_id, g_source_remove);
  g_clear_signal_handler (&self->cancelled_id, self->cancellable);

  set_state (self, state);
  kdl_store_set_run_state_async (self->store, self->run_id, state, self->stop_code, self->stop_message,
                                 on_final_state_stored, g_object_ref (self));
}

static void
check_finished (KdlRunner *self)
{
  if (!self->loaded || self->finished)
    return;

  if (g_hash_table_size (self->in_flight) > 0 || self->pending_commits > 0 || self->preparing)
    return;

  if (self->stopping)
    {
      finish_run (self, self->stop_state);
      return;
    }

  if (self->paused)
    {
      if (!self->paused_stored)
        {
          self->paused_stored = TRUE;
          set_state (self, KDL_STORE_RUN_PAUSED);
          kdl_store_set_run_state_async (self->store, self->run_id, KDL_STORE_RUN_PAUSED,
                                         NULL, NULL, NULL, NULL);
        }
      return;
    }

  if (g_queue_is_empty (&self->ready) && g_queue_is_empty (&self->delayed) &&
      g_queue_is_empty (&self->to_prepare) && g_hash_table_size (self->waiting_judges) == 0 &&
      self->next_ref >= self->plan->refs->len)
    finish_run (self, KDL_STORE_RUN_DONE);
}

/* Starting ------------------------------------------------------------------ */

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KdlRunner *self = source_object;
  GError *error = NULL;
  RunPlan *plan = _kdl_runner_load (self->store, self->run_id, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify)_kdl_run_plan_free);
}

static gboolean
cancel_idle (gpointer user_data)
{
  kdl_runner_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  /* From g_cancellable_cancel(): defer the work to the runner's context. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel_idle, g_object_ref (user_data), g_object_unref);
}

static void
index_waiting_judges (KdlRunner *self)
{
  g_autoptr(GHashTable) generates = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *refs = self->plan->refs;

  for (guint i = 0; i < refs->len; i++)
    {
      KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);

      if (ref->stage == KDL_STORE_STAGE_GENERATE)
        g_hash_table_add (generates, &ref->id);
    }

  for (guint i = 0; i < refs->len; i++)
    {
      KdlStoreItemRef *ref = &g_array_index (refs, KdlStoreItemRef, i);

      if (ref->stage == KDL_STORE_STAGE_JUDGE && g_hash_table_contains (generates, &ref->source_item_id))
        {
          g_hash_table_insert (self->waiting_judges, &ref->source_item_id, ref);
          g_hash_table_add (self->memory_judges, &ref->id);
        }
    }
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KdlRunner *self = KDL_RUNNER (object);
  g_autoptr(GError) error = NULL;
  RunPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (plan == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      self->finished = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->plan = plan;
  self->prep_reader = g_steal_pointer (&plan->reader);

  index_waiting_judges (self);

  self->progress.items_total = plan->items_total;
  self->progress.items_done = plan->items_done;
  self->progress.items_failed = plan->items_failed;
  self->progress.items_skipped = plan->items_skipped;
  self->started_us = g_get_monotonic_time ();
  self->loaded = TRUE;

  kdl_store_set_run_state_async (self->store, self->run_id, KDL_STORE_RUN_RUNNING, NULL, NULL,
                                 NULL, NULL);
  set_state (self, KDL_STORE_RUN_RUNNING);
  pump (self);
}

/**
 * kdl_runner_run_async:
 * @cancellable: (nullable): cancelling it is kdl_runner_cancel()
 *
 * Takes the run's lock, puts items a killed process left behind back in
 * the queue, and works until every item is finished, or the run stops
 * (a run-fatal error, the daily limit, the token budget, a cancel).
 * Every stop is resumable: a new runner on the same run picks up the
 * unfinished items and redoes nothing finished.
 */
void
kdl_runner_run_async (KdlRunner           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) load = NULL;

  g_return_if_fail (KDL_IS_RUNNER (self));
  g_return_if_fail (self->task == NULL && !self->loaded);

  self->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->task, kdl_runner_run_async);

  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
    }

  load = g_task_new (self, NULL, on_loaded, NULL);
  g_task_set_source_tag (load, kdl_runner_run_async);
  g_task_run_in_thread (load, load_worker);
}

/**
 * kdl_runner_run_finish:
 *
 * Returns: how the run ended (`done`, `stopped`, `failed`); see
 *   kdl_runner_get_stop_code() for why it stopped
 */
KdlStoreRunState
kdl_runner_run_finish (KdlRunner     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), KDL_STORE_RUN_FAILED);

  return (KdlStoreRunState)g_task_propagate_int (G_TASK (result), error);
}

/**
 * kdl_runner_pause:
 *
 * Starts no new call; the calls in flight finish and are saved.
 */
void
kdl_runner_pause (KdlRunner *self)
{
  g_return_if_fail (KDL_IS_RUNNER (self));

  if (self->paused || self->finished)
    return;

  self->paused = TRUE;
  self->paused_stored = FALSE;
  update_progress (self);
  check_finished (self);
}

void
kdl_runner_resume (KdlRunner *self)
{
  g_return_if_fail (KDL_IS_RUNNER (self));

  if (!self->paused || self->finished)
    return;

  self->paused = FALSE;
  if (self->paused_stored)
    kdl_store_set_run_state_async (self->store, self->run_id, KDL_STORE_RUN_RUNNING, NULL, NULL,
                                   NULL, NULL);
  self->paused_stored = FALSE;
  set_state (self, KDL_STORE_RUN_RUNNING);
  pump (self);
}

/**
 * kdl_runner_cancel:
 *
 * Stops now: calls in flight are cancelled (their sockets closed) and
 * their items wait for a resume.
 */
void
kdl_runner_cancel (KdlRunner *self)
{
  g_return_if_fail (KDL_IS_RUNNER (self));

  if (self->finished)
    return;

  self->paused = FALSE;
  stop_run (self, KDL_STORE_RUN_STOPPED, "cancelled", _("The run was stopped. Resume it to go on."), TRUE);
}

gboolean
kdl_runner_is_paused (KdlRunner *self)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), FALSE);

  return self->paused;
}

gint64
kdl_runner_get_run_id (KdlRunner *self)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), 0);

  return self->run_id;
}

const KdlRunProgress *
kdl_runner_get_progress (KdlRunner *self)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), NULL);

  return &self->progress;
}

guint
kdl_runner_get_n_slots (KdlRunner *self)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), 0);

  return self->slots->len;
}

/**
 * kdl_runner_get_slot:
 *
 * Returns: (transfer none): the call in slot @index; its text is valid
 *   until the main context runs again
 */
const KdlRunSlot *
kdl_runner_get_slot (KdlRunner *self,
                     guint      index)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), NULL);
  g_return_val_if_fail (index < self->slots->len, NULL);

  return &g_array_index (self->slots, KdlRunSlot, index);
}

const char *
kdl_runner_get_stop_code (KdlRunner *self)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), NULL);

  return self->stop_code;
}

const char *
kdl_runner_get_stop_message (KdlRunner *self)
{
  g_return_val_if_fail (KDL_IS_RUNNER (self), NULL);

  return self->stop_message;
}

/**
 * kdl_runner_set_update_interval:
 *
 * How often "progress", "slots-changed" and "items-committed" may fire;
 * everything in between is coalesced.  Default 80 ms.
 */
void
kdl_runner_set_update_interval (KdlRunner *self,
                                guint      ms)
{
  g_return_if_fail (KDL_IS_RUNNER (self));

  self->update_interval_ms = MAX (ms, 1);
}

/* GObject ------------------------------------------------------------------ */

static void
kdl_runner_dispose (GObject *object)
{
  KdlRunner *self = (KdlRunner *)object;

  g_clear_handle_id (&self->pump_id, g_source_remove);
  g_clear_handle_id (&self->restore_id, g_source_remove);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_signal_handler (&self->cancelled_id, self->cancellable);

  G_OBJECT_CLASS (kdl_runner_parent_class)->dispose (object);
}

static void
kdl_runner_finalize (GObject *object)
{
  KdlRunner *self = (KdlRunner *)object;

  g_queue_clear_full (&self->ready, (GDestroyNotify)_kdl_run_item_free);
  g_queue_clear_full (&self->delayed, (GDestroyNotify)_kdl_run_item_free);
  g_queue_clear_full (&self->to_prepare, (GDestroyNotify)_kdl_run_item_free);
  g_queue_clear (&self->recent_starts);
  g_queue_clear (&self->finish_times);
  g_clear_pointer (&self->waiting_judges, g_hash_table_unref);
  g_clear_pointer (&self->memory_judges, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->prep_reader, kdl_store_reader_free);
  g_clear_pointer (&self->plan, _kdl_run_plan_free);
  g_clear_pointer (&self->limiter, kdl_rate_limiter_free);
  g_clear_pointer (&self->rand, g_rand_free);
  for (guint i = 0; i < self->slots->len; i++)
    g_string_free (g_array_index (self->slots, KdlRunSlot, i).text, TRUE);
  g_clear_pointer (&self->slots, g_array_unref);
  g_clear_pointer (&self->dirty_slots, g_array_unref);
  g_clear_pointer (&self->slot_listed, g_free);
  g_clear_pointer (&self->committed, g_array_unref);
  g_clear_pointer (&self->stop_code, g_free);
  g_clear_pointer (&self->stop_message, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->generate_provider);
  g_clear_object (&self->judge_provider);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdl_runner_parent_class)->finalize (object);
}

static void
kdl_runner_class_init (KdlRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_runner_dispose;
  object_class->finalize = kdl_runner_finalize;

  /**
   * KdlRunner::progress:
   *
   * The counts changed; read kdl_runner_get_progress().  Coalesced.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KdlRunner::slots-changed:
   * @slots: (element-type guint): the slots whose call or text changed
   */
  signals[SLOTS_CHANGED] = g_signal_new ("slots-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  /**
   * KdlRunner::items-committed:
   * @ids: (element-type gint64): items now saved in a final state
   */
  signals[ITEMS_COMMITTED] = g_signal_new ("items-committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdl_runner_init (KdlRunner *self)
{
  self->in_flight = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->waiting_judges = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->memory_judges = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->slots = g_array_new (FALSE, TRUE, sizeof (KdlRunSlot));
  self->dirty_slots = g_array_new (FALSE, FALSE, sizeof (guint));
  self->committed = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->update_interval_ms = 80;
  self->progress.eta_s = -1;
  self->progress.state = KDL_STORE_RUN_PENDING;
}

/**
 * kdl_runner_new:
 * @generate_provider: (nullable): where generate calls go (not needed for
 *   a judge-only run)
 * @judge_provider: (nullable): where judge calls go; %NULL uses
 *   @generate_provider
 * @options: (nullable): %NULL for the defaults
 */
KdlRunner *
kdl_runner_new (KdlStore            *store,
                gint64               run_id,
                KdlLlmProvider      *generate_provider,
                KdlLlmProvider      *judge_provider,
                const KdlRunOptions *options)
{
  KdlRunner *self;

  g_return_val_if_fail (KDL_IS_STORE (store), NULL);
  g_return_val_if_fail (generate_provider != NULL || judge_provider != NULL, NULL);

  self = g_object_new (KDL_TYPE_RUNNER, NULL);
  self->store = g_object_ref (store);
  self->run_id = run_id;
  self->generate_provider = generate_provider ? g_object_ref (generate_provider) : g_object_ref (judge_provider);
  self->judge_provider = judge_provider ? g_object_ref (judge_provider) : g_object_ref (generate_provider);

  if (options != NULL)
    self->options = *options;
  else
    kdl_run_options_init (&self->options);
  self->options.concurrency = MAX (self->options.concurrency, 1);

  self->concurrency_cap = self->options.concurrency;
  self->limiter = kdl_rate_limiter_new (self->options.qps, MAX (1, self->options.qps));
  self->rand = g_rand_new_with_seed (self->options.seed);

  g_array_set_size (self->slots, self->options.concurrency);
  self->slot_listed = g_new0 (guint8, self->options.concurrency);
  for (guint i = 0; i < self->slots->len; i++)
    g_array_index (self->slots, KdlRunSlot, i).text = g_string_new (NULL);

  return self;
}
