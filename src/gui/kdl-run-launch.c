/* kdl-run-launch.c
 *
 * Creating a run copies its rows into the project and writes one item per
 * row × variant × stage: seconds for a big dataset, so it happens in a
 * worker and the window stays live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-launch"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-run-launch.h"

KdlRunLaunch *
kdl_run_launch_new (void)
{
  KdlRunLaunch *self = g_new0 (KdlRunLaunch, 1);

  self->variants = 1;
  kdl_run_options_init (&self->options);

  return self;
}

void
kdl_run_launch_free (KdlRunLaunch *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->dataset);
  g_clear_object (&self->generate);
  g_clear_object (&self->judge);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->judge_preset, g_free);
  g_clear_pointer (&self->provider_json, g_free);
  g_free (self);
}

/* Calls per sample: one per stage that runs. */
guint
kdl_run_launch_get_stages (const KdlRunLaunch *self)
{
  return (self->generate != NULL) + (self->judge != NULL);
}

/**
 * kdl_run_launch_check:
 *
 * What can be known before any call: a stage to run, rows to run on, and
 * templates whose placeholders the dataset fills (unknown ones are caught
 * here, as the CLI does).
 */
gboolean
kdl_run_launch_check (const KdlRunLaunch  *self,
                      GError             **error)
{
  if (kdl_run_launch_get_stages (self) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a generate template, a judge template or both."));
      return FALSE;
    }

  if (self->from_run > 0)
    return TRUE;

  if (self->dataset == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Open a dataset in the Dataset view first, or run on another run’s outputs."));
      return FALSE;
    }

  if (!kdl_dataset_is_complete (self->dataset))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The dataset is still being read. Start the run when it is loaded."));
      return FALSE;
    }

  if (kdl_dataset_get_n_loaded (self->dataset) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The dataset has no rows that loaded. Fix the file and open it again."));
      return FALSE;
    }

  if (self->positions != NULL && self->positions->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No rows are selected. Pick rows in the Dataset view, or run on all rows."));
      return FALSE;
    }

  return kdl_run_plan_check_templates (self->dataset, self->generate, self->judge, error);
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KdlRunLaunch *launch = task_data;
  KdlStore *store = source_object;
  g_autofree char *params = kdl_run_options_to_json (&launch->options);
  KdlRunPlanSpec spec = { 0 };
  GError *error = NULL;
  gint64 run_id;

  spec.dataset = launch->from_run > 0 ? NULL : launch->dataset;
  spec.from_run = launch->from_run;
  spec.generate = launch->generate;
  spec.judge = launch->judge;
  spec.select = launch->select;
  spec.row_first = launch->row_first;
  spec.row_last = launch->row_last;
  spec.limit = launch->limit;
  spec.variants = MAX (launch->variants, 1);
  spec.positions = launch->from_run > 0 ? NULL : launch->positions;
  spec.provider_json = launch->provider_json;
  spec.params_json = params;

  run_id = kdl_run_plan_create (store, &spec, &error);
  if (run_id <= 0)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The run could not be created."));
      g_task_return_error (task, error);
    }
  else
    g_task_return_int (task, run_id);
}

/**
 * kdl_run_launch_create_async:
 * @self: (transfer full): what to create; the task owns it now
 *
 * Creates the run in a worker (kdl_run_plan_create()).
 */
void
kdl_run_launch_create_async (KdlRunLaunch        *self,
                             KdlStore            *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (KDL_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_run_launch_create_async);
  g_task_set_task_data (task, self, (GDestroyNotify)kdl_run_launch_free);
  g_task_run_in_thread (task, create_worker);
}

/* Returns: the new run's id, or 0 with @error */
gint64
kdl_run_launch_create_finish (GAsyncResult  *result,
                              GError       **error)
{
  gssize id;

  g_return_val_if_fail (G_IS_TASK (result), 0);

  id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? id : 0;
}
