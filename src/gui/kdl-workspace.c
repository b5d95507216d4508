/* kdl-workspace.c
 *
 * The project file, the open dataset, the rows picked in the Dataset view,
 * the row the Prompts view previews, the run the Run and Scores views show
 * and the runner working on it.  Views follow its properties (notify) and
 * its signals; nothing here does work of its own beyond opening the
 * project, which happens in a worker (opening may migrate the file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-workspace"

#include "config.h"

#include "kdl-session.h"
#include "kdl-workspace.h"

struct _KdlWorkspace
{
  GObject       parent_instance;

  KdlSession   *session;
  KdlStore     *store;
  KdlDataset   *dataset;
  GArray       *selection;
  int           current_position;
  gint64        current_run;
  KdlRunner    *runner;
};

G_DEFINE_FINAL_TYPE (KdlWorkspace, kdl_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  PROP_DATASET,
  PROP_CURRENT_POSITION,
  PROP_CURRENT_RUN,
  PROP_RUNNER,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  RUNS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdl_workspace_finalize (GObject *object)
{
  KdlWorkspace *self = (KdlWorkspace *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->dataset);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->selection, g_array_unref);

  G_OBJECT_CLASS (kdl_workspace_parent_class)->finalize (object);
}

static void
kdl_workspace_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdlWorkspace *self = KDL_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_CURRENT_POSITION:
      g_value_set_int (value, self->current_position);
      break;
    case PROP_CURRENT_RUN:
      g_value_set_int64 (value, self->current_run);
      break;
    case PROP_RUNNER:
      g_value_set_object (value, self->runner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_workspace_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdlWorkspace *self = KDL_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_STORE:
      kdl_workspace_set_store (self, g_value_get_object (value));
      break;
    case PROP_DATASET:
      kdl_workspace_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_POSITION:
      kdl_workspace_set_current_position (self, g_value_get_int (value));
      break;
    case PROP_CURRENT_RUN:
      kdl_workspace_set_current_run (self, g_value_get_int64 (value));
      break;
    case PROP_RUNNER:
      kdl_workspace_set_runner (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_workspace_class_init (KdlWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_workspace_finalize;
  object_class->get_property = kdl_workspace_get_property;
  object_class->set_property = kdl_workspace_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KDL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KDL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, KDL_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A position among the dataset's loaded rows, -1 for none. */
  properties[PROP_CURRENT_POSITION] =
    g_param_spec_int ("current-position", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_RUN] =
    g_param_spec_int64 ("current-run", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL, KDL_TYPE_RUNNER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlWorkspace::selection-changed:
   *
   * The rows picked in the Dataset view changed.
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KdlWorkspace::runs-changed:
   *
   * A run was created, or a run's state changed: lists of runs refresh.
   */
  signals[RUNS_CHANGED] = g_signal_new ("runs-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdl_workspace_init (KdlWorkspace *self)
{
  self->current_position = -1;
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
}

KdlWorkspace *
kdl_workspace_new (KdlSession *session)
{
  return g_object_new (KDL_TYPE_WORKSPACE, "session", session, NULL);
}

KdlSession *
kdl_workspace_get_session (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), NULL);

  return self->session;
}

/**
 * kdl_workspace_get_store:
 *
 * Returns: (transfer none) (nullable): the open project, %NULL until it is
 */
KdlStore *
kdl_workspace_get_store (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), NULL);

  return self->store;
}

void
kdl_workspace_set_store (KdlWorkspace *self,
                         KdlStore     *store)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
open_store_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  KdlStore *store = kdl_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * kdl_workspace_open_store_async:
 * @path: (nullable): the project file; %NULL for the default project
 *
 * Opens (creating or migrating) the project in a worker and makes it the
 * workspace's store.
 */
void
kdl_workspace_open_store_async (KdlWorkspace        *self,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDL_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_workspace_open_store_async);
  /* NULL: kdl_store_open() makes the default project's folder on first use. */
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_store_worker);
}

gboolean
kdl_workspace_open_store_finish (KdlWorkspace  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(KdlStore) store = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  store = g_task_propagate_pointer (G_TASK (result), error);
  if (store == NULL)
    return FALSE;

  kdl_workspace_set_store (self, store);

  return TRUE;
}

/**
 * kdl_workspace_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset open in the Dataset view
 */
KdlDataset *
kdl_workspace_get_dataset (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), NULL);

  return self->dataset;
}

void
kdl_workspace_set_dataset (KdlWorkspace *self,
                           KdlDataset   *dataset)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  if (!g_set_object (&self->dataset, dataset))
    return;

  /* Positions mean nothing in another dataset. */
  g_array_set_size (self->selection, 0);
  self->current_position = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_POSITION]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/**
 * kdl_workspace_get_selection:
 *
 * Returns: (transfer none) (element-type guint): the dataset positions
 *   picked in the Dataset view, in order (empty: none)
 */
GArray *
kdl_workspace_get_selection (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), NULL);

  return self->selection;
}

/**
 * kdl_workspace_set_selection:
 * @positions: (element-type guint) (nullable): copied
 */
void
kdl_workspace_set_selection (KdlWorkspace *self,
                             GArray       *positions)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  g_array_set_size (self->selection, 0);
  if (positions != NULL && positions->len > 0)
    g_array_append_vals (self->selection, positions->data, positions->len);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

int
kdl_workspace_get_current_position (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), -1);

  return self->current_position;
}

void
kdl_workspace_set_current_position (KdlWorkspace *self,
                                    int           position)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  if (self->current_position == position)
    return;

  self->current_position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_POSITION]);
}

gint64
kdl_workspace_get_current_run (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), 0);

  return self->current_run;
}

void
kdl_workspace_set_current_run (KdlWorkspace *self,
                               gint64        run_id)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  if (self->current_run == run_id)
    return;

  self->current_run = run_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_RUN]);
}

/**
 * kdl_workspace_get_runner:
 *
 * Returns: (transfer none) (nullable): the runner working now, if any
 */
KdlRunner *
kdl_workspace_get_runner (KdlWorkspace *self)
{
  g_return_val_if_fail (KDL_IS_WORKSPACE (self), NULL);

  return self->runner;
}

void
kdl_workspace_set_runner (KdlWorkspace *self,
                          KdlRunner    *runner)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  if (g_set_object (&self->runner, runner))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNER]);
}

void
kdl_workspace_runs_changed (KdlWorkspace *self)
{
  g_return_if_fail (KDL_IS_WORKSPACE (self));

  g_signal_emit (self, signals[RUNS_CHANGED], 0);
}
