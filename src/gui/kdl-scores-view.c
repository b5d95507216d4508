/* kdl-scores-view.c — charts of a run, the review of its samples, export
 *
 * The view shows the workspace's current run (the dropdown sets it, so
 * the Run view and this one agree).  Its figures come from the store in a
 * worker (kdl_store_get_run_stats_async) and feed the chart widgets;
 * while the workspace's runner works on the run shown (or on one of the
 * runs compared), its items-committed and progress signals read them
 * again at most once a second, and the review list with them.
 *
 * Clicking a histogram bar lists exactly that bucket's samples in the
 * Review page (kdl_scores_bucket_range mirrors the store's bucket rule);
 * the unparsed bar lists the samples whose judge reply had no score, and
 * "Re-judge" (kdl-scores-rejudge.c) judges them again in a new run.
 * The comparison (kdl-scores-compare.c) puts the picked runs' exact
 * quartiles side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-scores"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "kdl-scores-data.h"
#include "kdl-scores-view-private.h"

/* Live updates: at most one read of the figures per interval. */
#define REFRESH_MS 1000

G_DEFINE_FINAL_TYPE (KdlScoresView, kdl_scores_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_stats (KdlScoresView *self);
static void load_runs  (KdlScoresView *self);

void
_kdl_scores_view_busy (KdlScoresView *self,
                       gboolean       busy)
{
  gboolean was = self->pending > 0;

  if (busy)
    self->pending++;
  else
    {
      g_assert (self->pending > 0);
      self->pending--;
    }

  if (was != (self->pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_kdl_scores_view_toast (KdlScoresView *self,
                        const char    *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static const KdlStoreRun *
find_run (KdlScoresView *self,
          gint64         run_id,
          guint         *position)
{
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const KdlStoreRun *run = g_ptr_array_index (self->runs, i);

      if (run->id == run_id)
        {
          if (position != NULL)
            *position = i;
          return run;
        }
    }

  return NULL;
}

/* The figures */

static void
update_state_label (KdlScoresView *self)
{
  KdlRunner *runner = self->workspace ? kdl_workspace_get_runner (self->workspace) : NULL;
  g_autofree char *text = NULL;

  if (self->stats == NULL)
    {
      gtk_label_set_text (self->run_state_label, "");
      return;
    }

  if (runner != NULL && kdl_runner_get_run_id (runner) == self->run_id)
    /* Translators: numbers of samples of a run that is working now */
    text = g_strdup_printf (_("Running: %u of %u samples done, %u failed"),
                            self->stats->done, self->stats->samples, self->stats->failed);
  else
    /* Translators: numbers of samples and of judge replies */
    text = g_strdup_printf (_("%u of %u samples done, %u failed, %u scored"),
                            self->stats->done, self->stats->samples, self->stats->failed, self->stats->scored);

  gtk_label_set_text (self->run_state_label, text);
}

static void
update_rejudge (KdlScoresView *self)
{
  guint unparsed = self->stats ? self->stats->unparsed : 0;
  gboolean can = unparsed > 0 && self->run != NULL && self->run->judge_template_id != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->rejudge_button), can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scores.rejudge", can);
  if (can)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Re-judge %u Unparsed…",
                                                              "Re-judge %u Unparsed…", unparsed),
                                                unparsed);
      gtk_button_set_label (self->rejudge_button, label);
    }
}

static void
apply_stats (KdlScoresView    *self,
             KdlStoreRunStats *stats)
{
  g_autoptr(KdlHistogramData) histogram = kdl_scores_histogram_from_stats (stats);
  g_autoptr(KdlPartsData) parts = kdl_scores_parts_from_stats (stats);
  g_autoptr(KdlTokenData) tokens = kdl_scores_tokens_from_stats (stats);

  g_clear_pointer (&self->stats, kdl_store_run_stats_free);
  self->stats = stats;

  kdl_histogram_set_data (self->histogram, histogram);
  /* A new run starts at the bucket edge nearest 80 % of its scale. */
  if (self->threshold_run != stats->run_id)
    {
      self->threshold_run = stats->run_id;
      kdl_histogram_set_threshold (self->histogram,
                                   kdl_histogram_data_snap (histogram, 0.8 * stats->score_max));
    }
  kdl_parts_chart_set_data (self->parts_chart, stats->parts->len > 0 ? parts : NULL);
  kdl_pass_rate_set_counts (self->pass_rate, stats->check_passed, stats->checked);
  kdl_token_chart_set_data (self->token_chart, kdl_token_data_get_n_entries (tokens) > 0 ? tokens : NULL);

  update_state_label (self);
  update_rejudge (self);
}

static void
on_stats_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KdlScoresView) self = user_data;
  g_autoptr(GError) error = NULL;
  KdlStoreRunStats *stats = kdl_store_get_run_stats_finish (KDL_STORE (object), result, &error);

  self->stats_reading = FALSE;
  _kdl_scores_view_busy (self, FALSE);

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Could not read the run’s scores: %s"), error->message);
          _kdl_scores_view_toast (self, text);
        }
      return;
    }

  /* Another run was picked meanwhile. */
  if (stats->run_id != self->run_id)
    kdl_store_run_stats_free (stats);
  else
    apply_stats (self, stats);

  if (self->stats_dirty)
    {
      self->stats_dirty = FALSE;
      read_stats (self);
    }
}

static void
read_stats (KdlScoresView *self)
{
  if (self->store == NULL || self->run_id == 0)
    return;

  if (self->stats_reading)
    {
      self->stats_dirty = TRUE;
      return;
    }

  self->stats_reading = TRUE;
  _kdl_scores_view_busy (self, TRUE);
  kdl_store_get_run_stats_async (self->store, self->run_id, self->cancellable, on_stats_read, g_object_ref (self));
}

/* Which run */

static void
show_run (KdlScoresView *self,
          gint64         run_id)
{
  guint position = 0;
  const KdlStoreRun *run = find_run (self, run_id, &position);

  self->run = NULL;
  self->run_id = run != NULL ? run_id : 0;

  if (run == NULL)
    {
      g_clear_pointer (&self->stats, kdl_store_run_stats_free);
      kdl_histogram_set_data (self->histogram, NULL);
      kdl_parts_chart_set_data (self->parts_chart, NULL);
      kdl_pass_rate_set_counts (self->pass_rate, 0, 0);
      kdl_token_chart_set_data (self->token_chart, NULL);
      kdl_review_pane_set_run (self->review_pane, 0, KDL_STORE_STAGE_GENERATE, 0);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "scores.export", FALSE);
      update_rejudge (self);
      return;
    }

  self->run = run;

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->run_dropdown, position);
  self->syncing = FALSE;

  gtk_stack_set_visible_child_name (self->main_stack, "scores");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scores.export", run->generate_template_id != 0 ||
                                                                     run->parent_run_id != 0);
  /* A judge-only run has no generate items: its judge items are the samples. */
  kdl_review_pane_set_run (self->review_pane, run_id,
                           run->generate_template_id != 0 ? KDL_STORE_STAGE_GENERATE : KDL_STORE_STAGE_JUDGE,
                           run->score_max);

  if (self->stats != NULL && self->stats->run_id != run_id)
    g_clear_pointer (&self->stats, kdl_store_run_stats_free);
  read_stats (self);

  if (!self->compared_set)
    {
      /* By default: this run and the newest other run with a judge. */
      g_array_set_size (self->compared, 0);
      g_array_append_val (self->compared, run_id);
      for (guint i = 0; i < self->runs->len; i++)
        {
          const KdlStoreRun *other = g_ptr_array_index (self->runs, i);

          if (other->id != run_id && other->judge_template_id != 0)
            {
              g_array_append_val (self->compared, other->id);
              break;
            }
        }
    }
  _kdl_scores_view_rebuild_compare (self);
  _kdl_scores_view_read_comparison (self);
}

/* The run the view should show: the workspace's, else the newest. */
static gint64
wanted_run (KdlScoresView *self)
{
  gint64 current = self->workspace ? kdl_workspace_get_current_run (self->workspace) : 0;

  if (current != 0 && find_run (self, current, NULL) != NULL)
    return current;
  if (self->runs != NULL && self->runs->len > 0)
    return ((KdlStoreRun *)g_ptr_array_index (self->runs, 0))->id;

  return 0;
}

static void
on_runs_listed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KdlScoresView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *runs = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  _kdl_scores_view_busy (self, FALSE);
  self->listing = FALSE;

  /* A later change asked for a fresher list: this one may be stale. */
  if (self->list_again && runs != NULL)
    {
      self->list_again = FALSE;
      g_ptr_array_unref (runs);
      load_runs (self);
      return;
    }

  if (runs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Could not list the runs: %s"), error->message);
          _kdl_scores_view_toast (self, text);
        }
      return;
    }

  /* self->run points into the old list until show_run () below. */
  self->run = NULL;
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->runs = runs;

  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_add (labels, kdl_scores_run_label (g_ptr_array_index (runs, i)));
  g_ptr_array_add (labels, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->run_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->run_labels)),
                          (const char * const *)labels->pdata);
  self->syncing = FALSE;

  show_run (self, wanted_run (self));
}

/* Newest first, as a picker lists them. */
static void
list_runs_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(KdlStoreReader) reader = NULL;
  GPtrArray *runs;
  GError *error = NULL;

  reader = kdl_store_reader_open (task_data, &error);
  runs = reader ? kdl_store_reader_list_runs (reader, &error) : NULL;
  if (runs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < runs->len / 2; i++)
    {
      gpointer tmp = runs->pdata[i];
      runs->pdata[i] = runs->pdata[runs->len - 1 - i];
      runs->pdata[runs->len - 1 - i] = tmp;
    }

  g_task_return_pointer (task, runs, (GDestroyNotify)g_ptr_array_unref);
}

static void
load_runs (KdlScoresView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    {
      self->run = NULL;
      g_clear_pointer (&self->runs, g_ptr_array_unref);
      show_run (self, 0);
      return;
    }

  /* At most one listing at a time, so an older list never replaces a
   * newer one; changes meanwhile make one more. */
  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }

  self->listing = TRUE;
  _kdl_scores_view_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, on_runs_listed, g_object_ref (self));
  g_task_set_source_tag (task, load_runs);
  g_task_set_task_data (task, g_strdup (kdl_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, list_runs_worker);
}

static void
on_run_selected (KdlScoresView *self)
{
  guint position = gtk_drop_down_get_selected (self->run_dropdown);
  const KdlStoreRun *run;

  if (self->syncing || self->runs == NULL || position >= self->runs->len)
    return;

  run = g_ptr_array_index (self->runs, position);
  if (run->id == self->run_id)
    return;

  /* Through the workspace, so the other views follow. */
  if (self->workspace != NULL)
    kdl_workspace_set_current_run (self->workspace, run->id);
  else
    show_run (self, run->id);
}

/* The workspace */

static void
on_store_changed (KdlScoresView *self)
{
  KdlStore *store = kdl_workspace_get_store (self->workspace);

  if (!g_set_object (&self->store, store))
    return;

  kdl_review_pane_set_store (self->review_pane, store);
  self->compared_set = FALSE;
  load_runs (self);
}

static void
on_current_run_changed (KdlScoresView *self)
{
  gint64 run_id = kdl_workspace_get_current_run (self->workspace);

  if (run_id == self->run_id)
    return;

  /* A run this view has not listed yet (just created): list again. */
  if (find_run (self, run_id, NULL) == NULL)
    load_runs (self);
  else
    show_run (self, run_id);
}

static gboolean
refresh_cb (gpointer data)
{
  KdlScoresView *self = data;
  KdlRunner *runner = self->workspace ? kdl_workspace_get_runner (self->workspace) : NULL;
  gint64 running = runner ? kdl_runner_get_run_id (runner) : 0;

  self->refresh_id = 0;

  if (running == self->run_id)
    {
      read_stats (self);
      kdl_review_pane_refresh (self->review_pane);
    }
  for (guint i = 0; i < self->compared->len; i++)
    if (g_array_index (self->compared, gint64, i) == running)
      {
        _kdl_scores_view_read_comparison (self);
        break;
      }

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (KdlScoresView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_MS, refresh_cb, self);
}

static void
on_runner_state_changed (KdlScoresView *self)
{
  /* States and counts in the run list change: list again, then read. */
  load_runs (self);
  schedule_refresh (self);
}

static void
on_runner_changed (KdlScoresView *self)
{
  KdlRunner *runner = kdl_workspace_get_runner (self->workspace);

  g_signal_group_set_target (self->runner_signals, runner);
  if (runner != NULL)
    load_runs (self);
  update_state_label (self);
}

/* The charts */

static void
on_bucket_activated (KdlHistogram  *histogram,
                     double         from,
                     double         to,
                     KdlScoresView *self)
{
  KdlHistogramData *data = kdl_histogram_get_data (histogram);
  gboolean has_min, has_max;
  double min, max;
  guint index = 0;

  if (data == NULL)
    return;

  for (guint i = 0; i < kdl_histogram_data_get_n_buckets (data); i++)
    if (kdl_histogram_data_get_bucket (data, i)->from == from)
      index = i;

  if (!kdl_scores_bucket_range (data, index, &has_min, &min, &has_max, &max))
    return;

  kdl_review_pane_set_score_range (self->review_pane, has_min, min, has_max, max);
  kdl_scores_view_set_page (self, "review");
}

static void
on_unparsed_activated (KdlHistogram  *histogram,
                       KdlScoresView *self)
{
  kdl_review_pane_show_unparsed (self->review_pane);
  kdl_scores_view_set_page (self, "review");
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _kdl_scores_view_export (KDL_SCORES_VIEW (widget));
}

static void
rejudge_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _kdl_scores_view_rejudge (KDL_SCORES_VIEW (widget));
}

/* GObject */

static void
kdl_scores_view_dispose (GObject *object)
{
  KdlScoresView *self = (KdlScoresView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->workspace_signals != NULL)
    g_signal_group_set_target (self->workspace_signals, NULL);
  if (self->runner_signals != NULL)
    g_signal_group_set_target (self->runner_signals, NULL);
  /* AdwBin keeps its own pointer to the child the template made. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_SCORES_VIEW);

  G_OBJECT_CLASS (kdl_scores_view_parent_class)->dispose (object);
}

static void
kdl_scores_view_finalize (GObject *object)
{
  KdlScoresView *self = (KdlScoresView *)object;

  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->runner_signals);
  g_clear_object (&self->workspace);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->stats, kdl_store_run_stats_free);
  g_clear_pointer (&self->compared, g_array_unref);

  G_OBJECT_CLASS (kdl_scores_view_parent_class)->finalize (object);
}

static void
kdl_scores_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlScoresView *self = KDL_SCORES_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, kdl_scores_view_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_scores_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdlScoresView *self = KDL_SCORES_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      kdl_scores_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_scores_view_class_init (KdlScoresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_scores_view_dispose;
  object_class->finalize = kdl_scores_view_finalize;
  object_class->get_property = kdl_scores_view_get_property;
  object_class->set_property = kdl_scores_view_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, KDL_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Something is being read or written (tests wait for it). */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_CHART_CARD);
  g_type_ensure (KDL_TYPE_HISTOGRAM);
  g_type_ensure (KDL_TYPE_SCORE_THRESHOLD);
  g_type_ensure (KDL_TYPE_PARTS_CHART);
  g_type_ensure (KDL_TYPE_PASS_RATE);
  g_type_ensure (KDL_TYPE_TOKEN_CHART);
  g_type_ensure (KDL_TYPE_RUN_COMPARISON);
  g_type_ensure (KDL_TYPE_REVIEW_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-scores-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, run_labels);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, run_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, run_state_label);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, inner_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, histogram_card);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, histogram);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, threshold);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, rejudge_button);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, parts_card);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, parts_chart);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, pass_card);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, pass_rate);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, tokens_card);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, token_chart);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, comparison_card);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, compare_button);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, compare_box);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, comparison);
  gtk_widget_class_bind_template_child (widget_class, KdlScoresView, review_pane);

  gtk_widget_class_install_action (widget_class, "scores.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "scores.rejudge", NULL, rejudge_action);
}

static void
kdl_scores_view_init (KdlScoresView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->compared = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->workspace_signals = g_signal_group_new (KDL_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::store", G_CALLBACK (on_store_changed), self);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::current-run",
                                  G_CALLBACK (on_current_run_changed), self);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::runner", G_CALLBACK (on_runner_changed), self);
  g_signal_group_connect_swapped (self->workspace_signals, "runs-changed", G_CALLBACK (load_runs), self);

  self->runner_signals = g_signal_group_new (KDL_TYPE_RUNNER);
  g_signal_group_connect_swapped (self->runner_signals, "items-committed", G_CALLBACK (schedule_refresh), self);
  g_signal_group_connect_swapped (self->runner_signals, "progress", G_CALLBACK (schedule_refresh), self);
  g_signal_group_connect_swapped (self->runner_signals, "state-changed", G_CALLBACK (on_runner_state_changed), self);

  g_signal_connect_object (self->run_dropdown, "notify::selected", G_CALLBACK (on_run_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->histogram, "bucket-activated", G_CALLBACK (on_bucket_activated), self, 0);
  g_signal_connect_object (self->histogram, "unparsed-activated", G_CALLBACK (on_unparsed_activated), self, 0);
  g_object_bind_property (self->histogram, "threshold", self->review_pane, "threshold", G_BINDING_SYNC_CREATE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scores.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scores.rejudge", FALSE);
}

GtkWidget *
kdl_scores_view_new (void)
{
  return g_object_new (KDL_TYPE_SCORES_VIEW, NULL);
}

KdlWorkspace *
kdl_scores_view_get_workspace (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), NULL);

  return self->workspace;
}

void
kdl_scores_view_set_workspace (KdlScoresView *self,
                               KdlWorkspace  *workspace)
{
  g_return_if_fail (KDL_IS_SCORES_VIEW (self));
  g_return_if_fail (workspace == NULL || KDL_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  g_signal_group_set_target (self->workspace_signals, workspace);
  g_signal_group_set_target (self->runner_signals, workspace ? kdl_workspace_get_runner (workspace) : NULL);

  g_clear_object (&self->store);
  if (workspace != NULL)
    on_store_changed (self);
  else
    {
      kdl_review_pane_set_store (self->review_pane, NULL);
      load_runs (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* The run shown, 0 for none. */
gint64
kdl_scores_view_get_run (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), 0);

  return self->run_id;
}

KdlHistogram *
kdl_scores_view_get_histogram (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), NULL);

  return self->histogram;
}

KdlReviewPane *
kdl_scores_view_get_review_pane (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), NULL);

  return self->review_pane;
}

/**
 * kdl_scores_view_get_card:
 * @name: "histogram", "parts", "pass-rate", "tokens" or "comparison"
 *
 * Returns: (transfer none) (nullable): that chart's card
 */
KdlChartCard *
kdl_scores_view_get_card (KdlScoresView *self,
                          const char    *name)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), NULL);

  if (g_strcmp0 (name, "histogram") == 0)
    return self->histogram_card;
  if (g_strcmp0 (name, "parts") == 0)
    return self->parts_card;
  if (g_strcmp0 (name, "pass-rate") == 0)
    return self->pass_card;
  if (g_strcmp0 (name, "tokens") == 0)
    return self->tokens_card;
  if (g_strcmp0 (name, "comparison") == 0)
    return self->comparison_card;

  return NULL;
}

/* "charts" or "review". */
const char *
kdl_scores_view_get_page (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->inner_stack);
}

void
kdl_scores_view_set_page (KdlScoresView *self,
                          const char    *name)
{
  g_return_if_fail (KDL_IS_SCORES_VIEW (self));

  gtk_stack_set_visible_child_name (self->inner_stack, name);
}

/**
 * kdl_scores_view_get_compared:
 *
 * Returns: (transfer none) (element-type gint64): the runs compared
 */
GArray *
kdl_scores_view_get_compared (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), NULL);

  return self->compared;
}

/**
 * kdl_scores_view_set_compared:
 * @run_ids: (element-type gint64): the runs to put side by side, in order
 */
void
kdl_scores_view_set_compared (KdlScoresView *self,
                              GArray        *run_ids)
{
  g_return_if_fail (KDL_IS_SCORES_VIEW (self));

  g_array_set_size (self->compared, 0);
  g_array_append_vals (self->compared, run_ids->data, run_ids->len);
  self->compared_set = TRUE;
  _kdl_scores_view_rebuild_compare (self);
  _kdl_scores_view_read_comparison (self);
}

/* Reads the runs and the figures again. */
void
kdl_scores_view_refresh (KdlScoresView *self)
{
  g_return_if_fail (KDL_IS_SCORES_VIEW (self));

  load_runs (self);
  kdl_review_pane_refresh (self->review_pane);
}

gboolean
kdl_scores_view_is_busy (KdlScoresView *self)
{
  g_return_val_if_fail (KDL_IS_SCORES_VIEW (self), FALSE);

  return self->pending > 0 || self->refresh_id != 0 || kdl_review_pane_is_busy (self->review_pane);
}
