/* kdl-scores-rejudge.c — "Re-judge" the unparsed bucket; open the export
 *
 * Re-judging creates a judge-only run over the run shown, with the run's
 * own judge template (the exact text it used) and --select unscored
 * semantics (kdl_run_plan_create with from_run): every finished output of
 * a row that has a judge reply without a score is judged again.  Unless
 * the workspace's runner is busy, the view starts the new run itself
 * with a KdlRunner on the session's provider, makes it the workspace's
 * runner and current run (the Run view follows both and shows its
 * progress), and switches the window to the Run view.  When another run
 * is working, the new run is only created and made current: the Run
 * view can resume it later.  When the runner ends, the view takes it out
 * of the workspace again if it is still there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-scores"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kdl-export-dialog.h"
#include "kdl-run-plan.h"
#include "kdl-scores-view-private.h"
#include "kdl-session.h"
#include "kdl-template.h"
#include "kdl-window.h"

typedef struct
{
  KdlScoresView    *view;
  KdlStore         *store;
  KdlSparkProvider *provider;
  gint64            from_run;
  char             *provider_json;
  char             *params_json;
  KdlRunOptions     options;
} Rejudge;

static void
rejudge_free (gpointer data)
{
  Rejudge *rejudge = data;

  g_clear_object (&rejudge->view);
  g_clear_object (&rejudge->store);
  g_clear_object (&rejudge->provider);
  g_free (rejudge->provider_json);
  g_free (rejudge->params_json);
  g_free (rejudge);
}

/* Where the calls go, without keys, as the CLI stores it. */
static char *
provider_json (KdlSparkProvider *provider)
{
  const KdlSparkEndpoint *endpoint = kdl_spark_provider_get_endpoint (provider);
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "provider");
  json_builder_add_string_value (b, "spark");
  json_builder_set_member_name (b, "judge");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "preset");
  json_builder_add_string_value (b, endpoint->preset);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, endpoint->url);
  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, endpoint->domain);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  return json_to_string (root, FALSE);
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Rejudge *rejudge = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlStoreRun) run = NULL;
  g_autoptr(KdlStoreTemplate) stored = NULL;
  g_autoptr(KdlTemplate) judge = NULL;
  KdlRunPlanSpec spec = { 0 };
  GError *error = NULL;
  gint64 run_id;

  reader = kdl_store_open_reader (rejudge->store, &error);
  run = reader ? kdl_store_reader_get_run (reader, rejudge->from_run, &error) : NULL;
  stored = run ? kdl_store_reader_get_template (reader, run->judge_template_id, &error) : NULL;
  judge = stored ? kdl_template_new_from_text (stored->text, -1, stored->name, &error) : NULL;
  if (judge == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  spec.from_run = rejudge->from_run;
  spec.judge = judge;
  spec.select = KDL_RUN_SELECT_UNSCORED;
  spec.provider_json = rejudge->provider_json;
  spec.params_json = rejudge->params_json;

  run_id = kdl_run_plan_create (rejudge->store, &spec, &error);
  if (run_id <= 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, run_id);
}

static void
on_run_finished (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KdlScoresView) self = user_data;
  KdlRunner *runner = KDL_RUNNER (object);
  g_autoptr(GError) error = NULL;
  KdlStoreRunState state = kdl_runner_run_finish (runner, result, &error);
  g_autofree char *text = NULL;

  if (self->workspace != NULL)
    {
      if (kdl_workspace_get_runner (self->workspace) == runner)
        kdl_workspace_set_runner (self->workspace, NULL);
      kdl_workspace_runs_changed (self->workspace);
    }

  if (error != NULL)
    text = g_strdup_printf (_("Re-judging stopped: %s"), error->message);
  else if (state == KDL_STORE_RUN_DONE)
    text = g_strdup (_("Re-judging finished"));
  else
    text = g_strdup (_("Re-judging stopped; resume it in the Run view"));
  _kdl_scores_view_toast (self, text);
}

static gboolean
runner_busy (KdlRunner *runner)
{
  const KdlRunProgress *progress;

  if (runner == NULL)
    return FALSE;

  progress = kdl_runner_get_progress (runner);
  return progress->state == KDL_STORE_RUN_RUNNING || progress->state == KDL_STORE_RUN_PAUSED ||
         progress->state == KDL_STORE_RUN_PENDING;
}

static void
on_run_created (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Rejudge *rejudge = user_data;
  KdlScoresView *self = rejudge->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlRunner) runner = NULL;
  GtkRoot *root;
  gint64 run_id;

  _kdl_scores_view_busy (self, FALSE);
  run_id = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not create the re-judging run: %s"), error->message);

      _kdl_scores_view_toast (self, text);
      rejudge_free (rejudge);
      return;
    }

  if (self->workspace == NULL)
    {
      rejudge_free (rejudge);
      return;
    }

  kdl_workspace_runs_changed (self->workspace);

  if (runner_busy (kdl_workspace_get_runner (self->workspace)))
    {
      g_autofree char *text = g_strdup_printf (_("Run %lld was created; start it in the Run view when the "
                                                 "run working now is done"), (long long)run_id);

      _kdl_scores_view_toast (self, text);
      kdl_workspace_set_current_run (self->workspace, run_id);
      rejudge_free (rejudge);
      return;
    }

  /* The window closed while the run was being created: it stays in the
   * project, ready to start from the Run view. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    {
      rejudge_free (rejudge);
      return;
    }

  runner = kdl_runner_new (rejudge->store, run_id, KDL_LLM_PROVIDER (rejudge->provider),
                           KDL_LLM_PROVIDER (rejudge->provider), &rejudge->options);
  kdl_workspace_set_runner (self->workspace, runner);
  kdl_workspace_set_current_run (self->workspace, run_id);
  kdl_runner_run_async (runner, NULL, on_run_finished, g_object_ref (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (KDL_IS_WINDOW (root))
    kdl_window_show_view (KDL_WINDOW (root), "run");

  rejudge_free (rejudge);
}

static void
on_rejudge_response (AdwMessageDialog *dialog,
                     const char       *response,
                     KdlScoresView    *self)
{
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlProviderConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  KdlSession *session;
  Rejudge *rejudge;

  if (!g_str_equal (response, "rejudge") || self->workspace == NULL || self->store == NULL)
    return;

  session = kdl_workspace_get_session (self->workspace);
  provider = kdl_session_create_provider (session, NULL, &error);
  if (provider == NULL || !kdl_spark_provider_has_credentials (provider))
    {
      g_autofree char *text = NULL;

      if (error != NULL)
        text = g_strdup_printf (_("Cannot re-judge: %s"), error->message);
      else
        text = g_strdup (_("Cannot re-judge: add your Spark keys in Preferences first"));
      _kdl_scores_view_toast (self, text);
      return;
    }

  config = kdl_session_dup_config (session);

  rejudge = g_new0 (Rejudge, 1);
  rejudge->view = g_object_ref (self);
  rejudge->store = g_object_ref (self->store);
  rejudge->provider = g_steal_pointer (&provider);
  rejudge->from_run = self->run_id;
  kdl_run_options_init (&rejudge->options);
  rejudge->options.concurrency = MAX (config->concurrency, 1);
  rejudge->options.qps = config->requests_per_second;
  rejudge->provider_json = provider_json (rejudge->provider);
  rejudge->params_json = kdl_run_options_to_json (&rejudge->options);

  _kdl_scores_view_busy (self, TRUE);
  task = g_task_new (NULL, NULL, on_run_created, rejudge);
  g_task_set_source_tag (task, on_rejudge_response);
  g_task_set_task_data (task, rejudge, NULL);
  g_task_run_in_thread (task, create_worker);
}

void
_kdl_scores_view_rejudge (KdlScoresView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint unparsed;

  if (self->stats == NULL || self->stats->unparsed == 0 || self->run == NULL)
    return;

  unparsed = self->stats->unparsed;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Re-judge %u Unparsed Reply?",
                                          "Re-judge %u Unparsed Replies?", unparsed), unparsed);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
    _("A new judge-only run judges the outputs of the rows whose judge replies had no readable score again, "
      "with this run’s judge template and the model set in Preferences. It starts at once.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rejudge", _("_Re-judge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rejudge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rejudge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rejudge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_exported (KdlExportDialog *dialog,
             GStrv            files,
             guint            records,
             KdlScoresView   *self)
{
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) basenames = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (basenames, g_path_get_basename (files[i]));
  g_ptr_array_add (basenames, NULL);
  names = g_strjoinv (_(", "), (char **)basenames->pdata);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record written to %s", "%u records written to %s",
                                       records), records, names);
  _kdl_scores_view_toast (self, text);
}

void
_kdl_scores_view_export (KdlScoresView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KdlExportDialog *dialog;

  if (self->store == NULL || self->run == NULL)
    return;

  dialog = kdl_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->run_id,
                                  self->run->score_max, kdl_histogram_get_threshold (self->histogram));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
