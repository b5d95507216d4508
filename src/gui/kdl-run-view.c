/* kdl-run-view.c
 *
 * The Run view: the project's runs on the left; on the right either the
 * form for a new run (KdlRunSetup) or one run — its progress, the calls
 * in flight streaming in (KdlStreamGrid), its items (KdlItemList, a lazy
 * list over the project) and one item's detail.
 *
 * One runner works at a time in a view.  While it works it is the
 * workspace's "runner" and the shown run its "current-run"; the workspace
 * hears of runs created and of state changes.  Creating a run copies rows
 * into the project, so it happens in a worker (kdl_run_launch_create_async);
 * everything the view shows about a run that is not live is read in a
 * worker too (kdl-run-view-status.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-run-providers.h"
#include "kdl-run-view-private.h"
#include "kdl-session.h"

G_DEFINE_FINAL_TYPE (KdlRunView, kdl_run_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_runner (KdlRunView *self, gint64 run_id, const char *provider_json,
                          const KdlRunOptions *options);

/* The runs of the project ------------------------------------------------------- */

static void list_runs (KdlRunView *self);

static void
list_runs_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(KdlStoreReader) reader = NULL;
  GPtrArray *runs;
  GError *error = NULL;

  reader = kdl_store_open_reader (source_object, &error);
  runs = reader ? kdl_store_reader_list_runs (reader, &error) : NULL;
  if (runs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, runs, (GDestroyNotify)g_ptr_array_unref);
}

static void
on_runs_listed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KdlRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *runs = g_task_propagate_pointer (G_TASK (result), &error);

  self->listing = FALSE;
  if (runs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the runs: %s", error->message);
    }
  else
    {
      g_clear_pointer (&self->runs, g_ptr_array_unref);
      self->runs = runs;
      kdl_run_list_set_runs (self->run_list, runs, self->runner ? kdl_runner_get_run_id (self->runner) : 0);
      kdl_run_setup_set_runs (self->setup, runs);
    }

  if (self->list_again)
    {
      self->list_again = FALSE;
      list_runs (self);
    }
}

/* At most one listing at a time; changes meanwhile make one more. */
static void
list_runs (KdlRunView *self)
{
  g_autoptr(GTask) task = NULL;
  KdlStore *store = self->workspace ? kdl_workspace_get_store (self->workspace) : NULL;

  if (store == NULL)
    return;
  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }

  self->listing = TRUE;
  task = g_task_new (store, self->cancellable, on_runs_listed, g_object_ref (self));
  g_task_set_source_tag (task, list_runs);
  g_task_run_in_thread (task, list_runs_worker);
}

static void
on_runs_changed (KdlRunView *self)
{
  list_runs (self);
  if (self->run_id > 0 && !_kdl_run_view_is_working (self, self->run_id))
    _kdl_run_view_schedule_reload (self);
}

/* Showing a run ------------------------------------------------------------------- */

static void
show_setup (KdlRunView *self)
{
  self->run_id = 0;
  g_clear_pointer (&self->run, kdl_store_run_free);
  kdl_run_list_set_selected (self->run_list, 0);
  gtk_stack_set_visible_child_name (self->pane_stack, "setup");
  _kdl_run_view_update_actions (self);
}

/**
 * kdl_run_view_show_run:
 * @run_id: a run of the project; 0 shows the form for a new run
 */
void
kdl_run_view_show_run (KdlRunView *self,
                       gint64      run_id)
{
  gboolean working;

  g_return_if_fail (KDL_IS_RUN_VIEW (self));

  if (run_id <= 0)
    {
      show_setup (self);
      return;
    }

  working = _kdl_run_view_is_working (self, run_id);
  if (run_id != self->run_id)
    {
      self->run_id = run_id;
      g_clear_pointer (&self->run, kdl_store_run_free);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_label_set_text (self->stats_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->failures_label), FALSE);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, "");
      if (self->banner_run != run_id)
        _kdl_run_view_hide_banner (self);
      gtk_widget_set_visible (GTK_WIDGET (self->item_detail), FALSE);
      kdl_item_list_unselect (self->item_list);
      kdl_item_list_set_run (self->item_list, run_id);
      /* The grid follows the runner; another run's page has no live calls. */
      adw_view_stack_set_visible_child_name (self->run_stack, working ? "live" : "items");
    }

  kdl_run_list_set_selected (self->run_list, run_id);
  gtk_stack_set_visible_child_name (self->pane_stack, "run");
  if (self->workspace != NULL)
    kdl_workspace_set_current_run (self->workspace, run_id);
  _kdl_run_view_update_live (self);
  _kdl_run_view_reload_run (self);
  _kdl_run_view_update_actions (self);
}

static void
on_run_selected (KdlRunList *list,
                 gint64      run_id,
                 KdlRunView *self)
{
  kdl_run_view_show_run (self, run_id);
}

static void
on_item_selected (KdlItemList *list,
                  gint64       item_id,
                  KdlRunView  *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->item_detail), TRUE);
  kdl_item_detail_show_item (self->item_detail, item_id);
}

/* The runner ------------------------------------------------------------------------ */

static void
on_progress (KdlRunner  *runner,
             KdlRunView *self)
{
  _kdl_run_view_update_live (self);
}

static void
on_state_changed (KdlRunner  *runner,
                  KdlRunView *self)
{
  _kdl_run_view_update_live (self);
  _kdl_run_view_update_actions (self);
  list_runs (self);
  if (self->workspace != NULL)
    kdl_workspace_runs_changed (self->workspace);
}

static void
on_items_committed (KdlRunner  *runner,
                    GArray     *ids,
                    KdlRunView *self)
{
  gint64 shown = kdl_item_detail_get_item_id (self->item_detail);

  if (!_kdl_run_view_is_working (self, self->run_id))
    return;

  /* The model runs at most one query at a time and folds the rest. */
  kdl_item_list_refresh (self->item_list);
  _kdl_run_view_schedule_reload (self);

  for (guint i = 0; shown > 0 && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == shown)
      {
        kdl_item_detail_show_item (self->item_detail, shown);
        break;
      }
}

static void
drop_runner (KdlRunView *self)
{
  if (self->runner == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->runner, self);
  kdl_stream_grid_set_runner (self->grid, NULL);
  if (self->workspace != NULL && kdl_workspace_get_runner (self->workspace) == self->runner)
    kdl_workspace_set_runner (self->workspace, NULL);
  g_clear_object (&self->runner);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdlRunView) self = user_data;
  KdlRunner *runner = KDL_RUNNER (object);
  g_autoptr(GError) error = NULL;
  KdlStoreRunState state = kdl_runner_run_finish (runner, result, &error);
  gint64 run_id = kdl_runner_get_run_id (runner);
  g_autofree char *stop_code = g_strdup (kdl_runner_get_stop_code (runner));
  g_autofree char *stop_message = g_strdup (kdl_runner_get_stop_message (runner));

  if (self->runner != runner)
    return;

  drop_runner (self);

  if (error != NULL)
    /* It never started: the lock, or the project. */
    _kdl_run_view_show_banner (self, run_id, _("The run could not start"), error->message,
                               g_error_matches (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED) ? NULL : "store",
                               g_error_matches (error, KDL_STORE_ERROR, KDL_STORE_ERROR_RUN_LOCKED));
  else if (state == KDL_STORE_RUN_STOPPED)
    {
      /* Stopping by hand is no news; anything else is. */
      self->dismissed_run = 0;
      _kdl_run_view_show_banner (self, run_id,
                                 g_strcmp0 (stop_code, "cancelled") == 0 ? _("The run was stopped")
                                                                         : _("The run stopped"),
                                 stop_message, stop_code, TRUE);
    }
  else if (state == KDL_STORE_RUN_FAILED)
    _kdl_run_view_show_banner (self, run_id, _("The run failed"), stop_message, stop_code, FALSE);

  if (self->run_id == run_id)
    {
      kdl_item_list_refresh (self->item_list);
      _kdl_run_view_reload_run (self);
      if (state == KDL_STORE_RUN_DONE)
        adw_view_stack_set_visible_child_name (self->run_stack, "items");
    }

  list_runs (self);
  _kdl_run_view_update_actions (self);
  if (self->workspace != NULL)
    kdl_workspace_runs_changed (self->workspace);
}

static void
start_runner (KdlRunView          *self,
              gint64               run_id,
              const char          *provider_json,
              const KdlRunOptions *options)
{
  KdlSession *session = kdl_workspace_get_session (self->workspace);
  KdlStore *store = kdl_workspace_get_store (self->workspace);
  g_autoptr(KdlLlmProvider) generate = NULL;
  g_autoptr(KdlLlmProvider) judge = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self->runner == NULL);

  kdl_run_view_show_run (self, run_id);

  if (!kdl_run_providers_create (session, provider_json, options->concurrency, &generate, &judge, &error))
    {
      _kdl_run_view_show_banner (self, run_id, _("The run could not start"), error->message,
                                 "invalid-url", TRUE);
      return;
    }

  self->runner = kdl_runner_new (store, run_id, generate, judge, options);
  g_signal_connect (self->runner, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect (self->runner, "state-changed", G_CALLBACK (on_state_changed), self);
  g_signal_connect (self->runner, "items-committed", G_CALLBACK (on_items_committed), self);

  self->dismissed_run = 0;
  if (self->banner_run == run_id)
    _kdl_run_view_hide_banner (self);
  kdl_stream_grid_set_runner (self->grid, self->runner);
  kdl_workspace_set_runner (self->workspace, self->runner);
  kdl_workspace_set_current_run (self->workspace, run_id);
  adw_view_stack_set_visible_child_name (self->run_stack, "live");

  kdl_runner_run_async (self->runner, NULL, on_run_done, g_object_ref (self));
  _kdl_run_view_update_live (self);
  _kdl_run_view_update_actions (self);
  list_runs (self);
}

/* Starting a new run ---------------------------------------------------------------- */

typedef struct
{
  KdlRunView    *self;
  char          *provider_json;
  KdlRunOptions  options;
} Creating;

static void
creating_free (Creating *creating)
{
  g_object_unref (creating->self);
  g_free (creating->provider_json);
  g_free (creating);
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Creating *creating = user_data;
  KdlRunView *self = creating->self;
  g_autoptr(GError) error = NULL;
  gint64 run_id = kdl_run_launch_create_finish (result, &error);

  self->creating = FALSE;
  kdl_run_setup_set_busy (self->setup, FALSE);

  if (run_id <= 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kdl_run_setup_set_message (self->setup, error->message);
      _kdl_run_view_update_actions (self);
      creating_free (creating);
      return;
    }

  if (self->workspace != NULL)
    kdl_workspace_runs_changed (self->workspace);
  if (!g_cancellable_is_cancelled (self->cancellable))
    start_runner (self, run_id, creating->provider_json, &creating->options);
  creating_free (creating);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);
  g_autoptr(KdlRunLaunch) launch = NULL;
  g_autoptr(GError) error = NULL;
  KdlSession *session;
  Creating *creating;

  if (self->workspace == NULL || self->runner != NULL || self->creating)
    return;

  /* Ctrl+Enter from a run's page means: set up a new one. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pane_stack), "setup") != 0)
    {
      show_setup (self);
      return;
    }

  session = kdl_workspace_get_session (self->workspace);
  launch = kdl_run_setup_dup_launch (self->setup, &error);
  if (launch != NULL && !kdl_run_launch_check (launch, &error))
    g_clear_pointer (&launch, kdl_run_launch_free);
  if (launch != NULL && !kdl_session_get_can_call (session))
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("There are no Spark keys yet. Add them in Preferences, or choose the offline simulator there."));
      g_clear_pointer (&launch, kdl_run_launch_free);
    }
  if (launch != NULL)
    launch->provider_json = kdl_run_providers_to_json (session, launch->judge_preset, &error);
  if (launch == NULL || launch->provider_json == NULL)
    {
      kdl_run_setup_set_message (self->setup, error->message);
      return;
    }

  creating = g_new0 (Creating, 1);
  creating->self = g_object_ref (self);
  creating->provider_json = g_strdup (launch->provider_json);
  creating->options = launch->options;

  self->creating = TRUE;
  kdl_run_setup_set_busy (self->setup, TRUE);
  _kdl_run_view_update_actions (self);

  kdl_run_launch_create_async (g_steal_pointer (&launch), kdl_workspace_get_store (self->workspace),
                               self->cancellable, on_created, creating);
}

/* Resuming ------------------------------------------------------------------------------ */

static void
resume_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(KdlStoreReader) reader = NULL;
  KdlStoreRun *run = NULL;
  GError *error = NULL;

  reader = kdl_store_open_reader (source_object, &error);
  if (reader != NULL)
    run = kdl_store_reader_get_run (reader, *(gint64 *)task_data, &error);
  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, (GDestroyNotify)kdl_store_run_free);
}

static void
on_resume_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KdlRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreRun) run = g_task_propagate_pointer (G_TASK (result), &error);
  KdlRunOptions options;

  self->resuming = FALSE;
  if (run == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _kdl_run_view_show_banner (self, self->run_id, _("The run could not be resumed"), error->message,
                                   NULL, FALSE);
      _kdl_run_view_update_actions (self);
      return;
    }

  if (self->runner != NULL)
    {
      _kdl_run_view_update_actions (self);
      return;
    }

  /* The limits it was started with; where its calls went. */
  kdl_run_options_from_json (run->params_json, &options);
  start_runner (self, run->id, run->provider_json, &options);
}

static void
resume_run (KdlRunView *self,
            gint64      run_id)
{
  g_autoptr(GTask) task = NULL;
  KdlStore *store = self->workspace ? kdl_workspace_get_store (self->workspace) : NULL;

  if (store == NULL || run_id <= 0 || self->resuming)
    return;

  if (self->runner != NULL)
    {
      if (_kdl_run_view_is_working (self, run_id))
        kdl_runner_resume (self->runner);
      else
        _kdl_run_view_show_banner (self, run_id, _("Another run is working"),
                                   _("Pause or stop it first: one run works at a time in a window."), NULL, FALSE);
      return;
    }

  self->resuming = TRUE;
  self->dismissed_run = 0;
  kdl_run_view_show_run (self, run_id);
  task = g_task_new (store, self->cancellable, on_resume_read, g_object_ref (self));
  g_task_set_source_tag (task, resume_run);
  g_task_set_task_data (task, g_memdup2 (&run_id, sizeof run_id), g_free);
  g_task_run_in_thread (task, resume_worker);
  _kdl_run_view_update_actions (self);
}

/* Actions ----------------------------------------------------------------------------------- */

static void
new_run_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_setup (KDL_RUN_VIEW (widget));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);

  if (_kdl_run_view_is_working (self, self->run_id))
    {
      kdl_runner_pause (self->runner);
      _kdl_run_view_update_live (self);
      _kdl_run_view_update_actions (self);
    }
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);

  if (_kdl_run_view_is_working (self, self->run_id))
    {
      kdl_runner_resume (self->runner);
      _kdl_run_view_update_live (self);
      _kdl_run_view_update_actions (self);
    }
  else
    resume_run (self, self->run_id);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);

  if (_kdl_run_view_is_working (self, self->run_id))
    {
      kdl_runner_cancel (self->runner);
      _kdl_run_view_update_live (self);
      _kdl_run_view_update_actions (self);
    }
}

static void
resume_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  resume_run (KDL_RUN_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
close_item_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->item_detail), FALSE);
  kdl_item_list_unselect (self->item_list);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);

  self->dismissed_run = self->banner_run;
  _kdl_run_view_hide_banner (self);
}

/* The workspace ------------------------------------------------------------------------------ */

static void
on_store_changed (KdlRunView *self)
{
  KdlStore *store = self->workspace ? kdl_workspace_get_store (self->workspace) : NULL;

  kdl_item_list_set_store (self->item_list, store);
  kdl_item_detail_set_store (self->item_detail, store);
  gtk_stack_set_visible_child_name (self->main_stack, store ? "work" : "no-project");
  if (store != NULL)
    list_runs (self);
  _kdl_run_view_update_actions (self);
}

static void
on_current_run_changed (KdlRunView *self)
{
  gint64 run_id = kdl_workspace_get_current_run (self->workspace);

  /* Another view picked a run: show it here too. */
  if (run_id > 0 && run_id != self->run_id)
    kdl_run_view_show_run (self, run_id);
}

static void
kdl_run_view_dispose (GObject *object)
{
  KdlRunView *self = (KdlRunView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);

  /* Closing the window stops the run; it can be resumed later. */
  if (self->runner != NULL)
    {
      kdl_runner_cancel (self->runner);
      drop_runner (self);
    }
  if (self->workspace_signals != NULL)
    g_signal_group_set_target (self->workspace_signals, NULL);

  G_OBJECT_CLASS (kdl_run_view_parent_class)->dispose (object);
}

static void
kdl_run_view_finalize (GObject *object)
{
  KdlRunView *self = (KdlRunView *)object;

  g_clear_object (&self->workspace);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_pointer (&self->run, kdl_store_run_free);
  g_clear_pointer (&self->stats, kdl_store_run_stats_free);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_free (self->summary);
  g_free (self->banner_text);

  G_OBJECT_CLASS (kdl_run_view_parent_class)->finalize (object);
}

static void
kdl_run_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdlRunView *self = KDL_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_run_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdlRunView *self = KDL_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      kdl_run_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Out of its window, a run would go on spending tokens with nothing on
 * screen to stop it: stop it (it can be resumed later). */
static void
kdl_run_view_unroot (GtkWidget *widget)
{
  KdlRunView *self = KDL_RUN_VIEW (widget);

  if (self->runner != NULL)
    kdl_runner_cancel (self->runner);

  GTK_WIDGET_CLASS (kdl_run_view_parent_class)->unroot (widget);
}

static void
kdl_run_view_class_init (KdlRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->unroot = kdl_run_view_unroot;
  object_class->dispose = kdl_run_view_dispose;
  object_class->finalize = kdl_run_view_finalize;
  object_class->get_property = kdl_run_view_get_property;
  object_class->set_property = kdl_run_view_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, KDL_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_RUN_LIST);
  g_type_ensure (KDL_TYPE_RUN_SETUP);
  g_type_ensure (KDL_TYPE_STREAM_GRID);
  g_type_ensure (KDL_TYPE_ITEM_LIST);
  g_type_ensure (KDL_TYPE_ITEM_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, run_list);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, setup);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, banner_title);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, banner_message);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, banner_preferences);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, banner_resume);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, resume_button);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, stats_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, failures_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, run_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, grid);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, item_list);
  gtk_widget_class_bind_template_child (widget_class, KdlRunView, item_detail);

  gtk_widget_class_install_action (widget_class, "run.new-run", NULL, new_run_action);
  gtk_widget_class_install_action (widget_class, "run.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "run.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "run.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "run.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "run.resume-run", "x", resume_run_action);
  gtk_widget_class_install_action (widget_class, "run.close-item", NULL, close_item_action);
  gtk_widget_class_install_action (widget_class, "run.dismiss-banner", NULL, dismiss_banner_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "run.new-run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "run.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "run.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "run.pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "run.resume", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "run.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "run.close-item", NULL);
}

static void
kdl_run_view_init (KdlRunView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->workspace_signals = g_signal_group_new (KDL_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::store", G_CALLBACK (on_store_changed), self);
  g_signal_group_connect_swapped (self->workspace_signals, "runs-changed", G_CALLBACK (on_runs_changed), self);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::current-run",
                                  G_CALLBACK (on_current_run_changed), self);

  g_signal_connect (self->run_list, "run-selected", G_CALLBACK (on_run_selected), self);
  g_signal_connect (self->item_list, "item-selected", G_CALLBACK (on_item_selected), self);

  gtk_stack_set_visible_child_name (self->main_stack, "no-project");
  gtk_stack_set_visible_child_name (self->pane_stack, "setup");
  _kdl_run_view_update_actions (self);
}

GtkWidget *
kdl_run_view_new (void)
{
  return g_object_new (KDL_TYPE_RUN_VIEW, NULL);
}

KdlWorkspace *
kdl_run_view_get_workspace (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->workspace;
}

void
kdl_run_view_set_workspace (KdlRunView   *self,
                            KdlWorkspace *workspace)
{
  g_return_if_fail (KDL_IS_RUN_VIEW (self));
  g_return_if_fail (workspace == NULL || KDL_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->runner != NULL)
    {
      kdl_runner_cancel (self->runner);
      drop_runner (self);
    }

  g_set_object (&self->workspace, workspace);
  g_signal_group_set_target (self->workspace_signals, workspace);
  kdl_run_setup_set_workspace (self->setup, workspace);
  show_setup (self);
  on_store_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* The run shown, 0 while the form for a new run is. */
gint64
kdl_run_view_get_run_id (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), 0);

  return self->run_id;
}

/* Returns: (transfer none) (nullable): the runner working now */
KdlRunner *
kdl_run_view_get_runner (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->runner;
}

KdlRunSetup *
kdl_run_view_get_setup (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->setup;
}

KdlRunList *
kdl_run_view_get_run_list (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->run_list;
}

KdlStreamGrid *
kdl_run_view_get_grid (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->grid;
}

KdlItemList *
kdl_run_view_get_item_list (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->item_list;
}

KdlItemDetail *
kdl_run_view_get_item_detail (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->item_detail;
}

/**
 * kdl_run_view_set_page:
 * @page: "live" (the calls in flight) or "items"
 *
 * Which page of the shown run is in front.
 */
void
kdl_run_view_set_page (KdlRunView *self,
                       const char *page)
{
  g_return_if_fail (KDL_IS_RUN_VIEW (self));

  adw_view_stack_set_visible_child_name (self->run_stack, page);
}

/* The figures under the progress bar, as shown. */
const char *
kdl_run_view_get_summary (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->summary;
}

/* The banner's title and message, or %NULL when there is none. */
const char *
kdl_run_view_get_banner (KdlRunView *self)
{
  g_return_val_if_fail (KDL_IS_RUN_VIEW (self), NULL);

  return self->banner_text;
}
