/* kdl-run-view-status.c — what the Run view says about the run it shows
 *
 * Live, from the runner's progress (coalesced by the runner); otherwise,
 * and again after commits, from the project (read in a worker): the
 * counts over samples, the failures grouped by error code, and one
 * banner when the run stopped — what happened and what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-run-providers.h"
#include "kdl-run-view-private.h"

#define RELOAD_DELAY_MS 600
#define ITEM_PAGE       500
#define MAX_FAILURE_KINDS 4

gboolean
_kdl_run_view_is_working (KdlRunView *self,
                          gint64      run_id)
{
  return self->runner != NULL && run_id > 0 && kdl_runner_get_run_id (self->runner) == run_id;
}

static gboolean
run_is_resumable (KdlRunView *self)
{
  if (self->run == NULL || _kdl_run_view_is_working (self, self->run->id))
    return FALSE;

  switch (self->run->state)
    {
    case KDL_STORE_RUN_PENDING:
    case KDL_STORE_RUN_RUNNING:
    case KDL_STORE_RUN_PAUSED:
    case KDL_STORE_RUN_STOPPED:
      return TRUE;
    case KDL_STORE_RUN_DONE:
    case KDL_STORE_RUN_FAILED:
    default:
      return FALSE;
    }
}

void
_kdl_run_view_update_actions (KdlRunView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->workspace != NULL && kdl_workspace_get_store (self->workspace) != NULL;
  gboolean working = _kdl_run_view_is_working (self, self->run_id);
  gboolean paused = working && kdl_runner_is_paused (self->runner);
  gboolean stopping = working && kdl_runner_get_progress (self->runner)->state != KDL_STORE_RUN_RUNNING &&
                      kdl_runner_get_progress (self->runner)->state != KDL_STORE_RUN_PAUSED;
  gboolean can_resume = (working && paused) ||
                        (self->runner == NULL && !self->resuming && run_is_resumable (self));

  gtk_widget_action_set_enabled (widget, "run.start", has_store && self->runner == NULL && !self->creating);
  gtk_widget_action_set_enabled (widget, "run.pause", working && !paused && !stopping);
  gtk_widget_action_set_enabled (widget, "run.resume", can_resume);
  gtk_widget_action_set_enabled (widget, "run.cancel", working && !stopping);
  gtk_widget_action_set_enabled (widget, "run.resume-run", has_store && self->runner == NULL && !self->resuming);

  /* One of Pause and Resume at a time, where the user looks. */
  gtk_widget_set_visible (self->pause_button, working && !paused);
  gtk_widget_set_visible (self->resume_button, !(working && !paused) && can_resume);
  gtk_widget_set_visible (self->cancel_button, working);
}

static char *
format_clock (double seconds)
{
  guint s = (guint)(seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, (s % 3600) / 60, s % 60);

  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

/* From the runner: items, not samples. */
void
_kdl_run_view_update_live (KdlRunView *self)
{
  const KdlRunProgress *p;
  guint finished;
  g_autofree char *progress = NULL;
  g_autofree char *stats = NULL;
  g_autofree char *eta = NULL;
  g_autofree char *elapsed = NULL;
  const char *state;

  if (!_kdl_run_view_is_working (self, self->run_id))
    return;

  p = kdl_runner_get_progress (self->runner);
  finished = p->items_done + p->items_failed + p->items_skipped;

  gtk_progress_bar_set_fraction (self->progress_bar, p->items_total > 0 ? (double)finished / p->items_total : 0);
  /* TRANSLATORS: items finished of all items, in the progress bar */
  progress = g_strdup_printf (_("%u of %u items"), finished, p->items_total);
  gtk_progress_bar_set_text (self->progress_bar, progress);

  eta = p->eta_s >= 0 ? format_clock (p->eta_s) : g_strdup ("–");
  elapsed = format_clock (p->elapsed_s);
  if (kdl_runner_is_paused (self->runner))
    state = p->in_flight > 0 ? _("Pausing: the calls in flight finish") : _("Paused");
  else if (p->state == KDL_STORE_RUN_PENDING)
    state = _("Starting");
  else if (p->state == KDL_STORE_RUN_RUNNING)
    state = kdl_runner_get_stop_code (self->runner) != NULL ? _("Stopping") : _("Running");
  else if (p->state == KDL_STORE_RUN_DONE)
    state = _("Done");
  else if (p->state == KDL_STORE_RUN_PAUSED)
    state = _("Paused");
  else if (p->state == KDL_STORE_RUN_FAILED)
    state = _("Failed");
  else
    state = _("Stopped");

  /* TRANSLATORS: the live figures of a run: state, done, failed, retried,
   * calls in flight, tokens, items per minute, time taken, time left */
  stats = g_strdup_printf (_("%s · done %u · failed %u · retried %u · in flight %u · %'lld tokens · %.1f items/min · %s · ETA %s"),
                           state, p->items_done, p->items_failed, p->retried, p->in_flight,
                           (long long)p->total_tokens, p->items_per_minute, elapsed, eta);
  gtk_label_set_text (self->stats_label, stats);
  g_free (self->summary);
  self->summary = g_steal_pointer (&stats);
}

/* Reading the run ------------------------------------------------------------ */

typedef struct
{
  char  *code;
  guint  count;
  char  *message;   /* the first one */
} FailureKind;

static void
failure_kind_free (FailureKind *kind)
{
  g_free (kind->code);
  g_free (kind->message);
  g_free (kind);
}

typedef struct
{
  KdlStoreRun      *run;
  KdlStoreRunStats *stats;
  GPtrArray        *failures;   /* FailureKind, most first */
  guint             n_failed;   /* items */
} RunInfo;

static void
run_info_free (RunInfo *info)
{
  g_clear_pointer (&info->run, kdl_store_run_free);
  g_clear_pointer (&info->stats, kdl_store_run_stats_free);
  g_clear_pointer (&info->failures, g_ptr_array_unref);
  g_free (info);
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  const FailureKind *ka = *(FailureKind **)a;
  const FailureKind *kb = *(FailureKind **)b;

  return (int)kb->count - (int)ka->count;
}

/* Failed items by error code: one line per kind, not one per item. */
static GPtrArray *
group_failures (KdlStoreReader  *reader,
                gint64           run_id,
                guint           *n_failed,
                GError         **error)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func ((GDestroyNotify)failure_kind_free);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = NULL;
  KdlStoreItemQuery query;

  kdl_store_item_query_init (&query, run_id);
  query.any_stage = TRUE;
  query.states = 1 << KDL_STORE_ITEM_FAILED;
  ids = kdl_store_reader_query_items (reader, &query, error);
  if (ids == NULL)
    return NULL;

  *n_failed = ids->len;
  for (guint start = 0; start < ids->len; start += ITEM_PAGE)
    {
      g_autoptr(GPtrArray) items = kdl_store_reader_get_items (reader, &g_array_index (ids, gint64, start),
                                                               MIN (ITEM_PAGE, ids->len - start), error);

      if (items == NULL)
        return NULL;
      for (guint i = 0; i < items->len; i++)
        {
          const KdlStoreItem *item = g_ptr_array_index (items, i);
          const char *code = item->error_code ? item->error_code : "failed";
          FailureKind *kind = g_hash_table_lookup (by_code, code);

          if (kind == NULL)
            {
              kind = g_new0 (FailureKind, 1);
              kind->code = g_strdup (code);
              kind->message = g_strdup (item->error_message);
              g_ptr_array_add (kinds, kind);
              g_hash_table_insert (by_code, kind->code, kind);
            }
          kind->count++;
        }
    }

  g_ptr_array_sort (kinds, compare_kinds);

  return g_steal_pointer (&kinds);
}

static void
read_run_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  gint64 run_id = *(gint64 *)task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  RunInfo *info;
  GError *error = NULL;

  reader = kdl_store_open_reader (source_object, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  info = g_new0 (RunInfo, 1);
  info->run = kdl_store_reader_get_run (reader, run_id, &error);
  if (info->run != NULL)
    info->stats = kdl_store_reader_get_run_stats (reader, run_id, &error);
  if (info->stats != NULL)
    info->failures = group_failures (reader, run_id, &info->n_failed, &error);
  if (info->failures == NULL)
    {
      run_info_free (info);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, info, (GDestroyNotify)run_info_free);
}

static void
show_failures (KdlRunView *self,
               RunInfo    *info)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (info->n_failed == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->failures_label), FALSE);
      return;
    }

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u item failed:", "%u items failed:", info->n_failed),
                          info->n_failed);
  for (guint i = 0; i < info->failures->len && i < MAX_FAILURE_KINDS; i++)
    {
      const FailureKind *kind = g_ptr_array_index (info->failures, i);

      /* TRANSLATORS: a kind of failure: how many, its code, one message */
      g_string_append_printf (text, _("\n• %u × %s — %s"), kind->count, kind->code,
                              kind->message ? kind->message : "");
    }
  if (info->failures->len > MAX_FAILURE_KINDS)
    g_string_append_printf (text, _("\n• and %u other kinds: see the Failed items"),
                            info->failures->len - MAX_FAILURE_KINDS);

  gtk_label_set_text (self->failures_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_label), TRUE);
}

static void
show_header (KdlRunView *self)
{
  const KdlStoreRun *run = self->run;
  g_autofree char *title = NULL;
  g_autofree char *models = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) created = NULL;

  /* TRANSLATORS: a run's title: number, generate and judge template */
  title = g_strdup_printf (_("Run %lld · %s%s%s"), (long long)run->id,
                           run->template_name ? run->template_name : "",
                           run->template_name && run->judge_name ? " → " : "",
                           run->judge_name ? run->judge_name : "");
  models = kdl_run_providers_describe (run->provider_json);
  created = g_date_time_new_from_unix_local (run->created_at / G_USEC_PER_SEC);
  when = created ? g_date_time_format (created, "%Y-%m-%d %H:%M") : g_strdup ("");
  if (run->parent_run_id > 0)
    /* TRANSLATORS: models, creation time, and the run it works on */
    subtitle = g_strdup_printf (_("%s · %s · on the outputs of run %lld"), models, when,
                                (long long)run->parent_run_id);
  else
    subtitle = g_strdup_printf ("%s · %s", models, when);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
}

/* From the project: samples. */
static void
show_static (KdlRunView *self)
{
  const KdlStoreRunStats *s = self->stats;
  g_autofree char *progress = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *scores = NULL;
  guint finished = s->done + s->failed;

  gtk_progress_bar_set_fraction (self->progress_bar, s->samples > 0 ? (double)MIN (finished, s->samples) / s->samples : 0);
  /* TRANSLATORS: samples finished of all, in the progress bar */
  progress = g_strdup_printf (_("%u of %u samples"), finished, s->samples);
  gtk_progress_bar_set_text (self->progress_bar, progress);

  if (s->has_scores && s->score_max > 0)
    /* TRANSLATORS: scored samples and their mean, e.g. "8 scored, mean 7.5 of 10" */
    scores = g_strdup_printf (_("%u scored, mean %.1f of %g"), s->scored, s->mean, s->score_max);
  else if (s->has_scores)
    scores = g_strdup_printf (_("%u scored, mean %.1f"), s->scored, s->mean);
  else
    scores = g_strdup (_("no scores"));

  /* TRANSLATORS: a run's summary: samples, done, failed, retried, scores,
   * answers without a score, tokens */
  summary = g_strdup_printf (_("%u samples: %u done, %u failed, %u retried · %s · %u unparsed · %'lld tokens"),
                             s->samples, s->done, s->failed, s->retried, scores, s->unparsed,
                             (long long)s->total_tokens);
  gtk_label_set_text (self->stats_label, summary);
  g_free (self->summary);
  self->summary = g_steal_pointer (&summary);
}

static void
banner_for_run (KdlRunView *self)
{
  const KdlStoreRun *run = self->run;

  if (_kdl_run_view_is_working (self, run->id))
    return;

  switch (run->state)
    {
    case KDL_STORE_RUN_STOPPED:
      _kdl_run_view_show_banner (self, run->id, _("The run stopped"),
                                 run->stop_message ? run->stop_message
                                                   : _("Finished items are saved. Resume it to do the rest."),
                                 run->stop_code, TRUE);
      break;
    case KDL_STORE_RUN_FAILED:
      _kdl_run_view_show_banner (self, run->id, _("The run failed"),
                                 run->stop_message ? run->stop_message : _("The project could not be written."),
                                 run->stop_code, FALSE);
      break;
    case KDL_STORE_RUN_RUNNING:
      _kdl_run_view_show_banner (self, run->id, _("The run was interrupted"),
                                 _("Kindling closed while it ran. Finished items are saved; resume it to do the rest."),
                                 NULL, TRUE);
      break;
    case KDL_STORE_RUN_PENDING:
    case KDL_STORE_RUN_PAUSED:
    case KDL_STORE_RUN_DONE:
    default:
      if (self->banner_run == run->id)
        _kdl_run_view_hide_banner (self);
      break;
    }
}

static void
on_run_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdlRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  RunInfo *info = g_task_propagate_pointer (G_TASK (result), &error);

  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read run %" G_GINT64_FORMAT ": %s", self->run_id, error->message);
          gtk_label_set_text (self->stats_label, error->message);
        }
      return;
    }

  if (info->run->id != self->run_id)
    {
      run_info_free (info);
      return;
    }

  g_clear_pointer (&self->run, kdl_store_run_free);
  g_clear_pointer (&self->stats, kdl_store_run_stats_free);
  self->run = g_steal_pointer (&info->run);
  self->stats = g_steal_pointer (&info->stats);

  show_header (self);
  show_failures (self, info);
  if (_kdl_run_view_is_working (self, self->run_id))
    _kdl_run_view_update_live (self);
  else
    show_static (self);
  banner_for_run (self);
  _kdl_run_view_update_actions (self);
  run_info_free (info);
}

/* Reads the shown run (state, counts, failures) again. */
void
_kdl_run_view_reload_run (KdlRunView *self)
{
  g_autoptr(GTask) task = NULL;
  KdlStore *store = self->workspace ? kdl_workspace_get_store (self->workspace) : NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (store == NULL || self->run_id <= 0)
    return;

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  self->run_cancellable = g_cancellable_new ();

  task = g_task_new (store, self->run_cancellable, on_run_read, g_object_ref (self));
  g_task_set_source_tag (task, _kdl_run_view_reload_run);
  g_task_set_task_data (task, g_memdup2 (&self->run_id, sizeof self->run_id), g_free);
  g_task_run_in_thread (task, read_run_worker);
}

static gboolean
reload_timeout (gpointer user_data)
{
  KdlRunView *self = user_data;

  self->reload_id = 0;
  _kdl_run_view_reload_run (self);

  return G_SOURCE_REMOVE;
}

/* After commits: once, a moment later, however many came. */
void
_kdl_run_view_schedule_reload (KdlRunView *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
}

/* The banner --------------------------------------------------------------------- */

/**
 * _kdl_run_view_show_banner:
 * @code: (nullable): the stop code; keys and licences get "Open Preferences"
 * @resumable: whether "Resume" helps
 */
void
_kdl_run_view_show_banner (KdlRunView *self,
                           gint64      run_id,
                           const char *title,
                           const char *message,
                           const char *code,
                           gboolean    resumable)
{
  gboolean cancelled = g_strcmp0 (code, "cancelled") == 0;

  if (self->dismissed_run == run_id && run_id > 0)
    return;

  self->banner_run = run_id;
  g_free (self->banner_text);
  self->banner_text = g_strdup_printf ("%s\n%s", title, message ? message : "");

  gtk_label_set_text (self->banner_title, title);
  gtk_label_set_text (self->banner_message, message ? message : "");
  gtk_widget_set_visible (self->banner_preferences, kdl_run_providers_is_key_error (code));
  gtk_widget_set_visible (self->banner_resume, resumable);
  gtk_image_set_from_icon_name (self->banner_icon, cancelled ? "media-playback-pause-symbolic"
                                                             : "dialog-warning-symbolic");
  if (cancelled)
    gtk_widget_remove_css_class (gtk_revealer_get_child (self->banner_revealer), "error");
  else
    gtk_widget_add_css_class (gtk_revealer_get_child (self->banner_revealer), "error");
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

void
_kdl_run_view_hide_banner (KdlRunView *self)
{
  self->banner_run = 0;
  g_clear_pointer (&self->banner_text, g_free);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}
