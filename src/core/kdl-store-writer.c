/* kdl-store-writer.c — the writer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread owns the writing connection.  Callers push operations on a
 * GAsyncQueue; the thread takes what is queued (waiting a moment for more,
 * up to a limit), runs it as one BEGIN IMMEDIATE … COMMIT, and only after
 * the COMMIT tells anyone: a blocked caller is woken, a GTask is returned on
 * the main context it was created in (one idle per context and batch, in
 * queue order).  So nobody hears "done" before it is on disk.
 */

#define G_LOG_DOMAIN "kdl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdl-store-writer.h"

typedef enum
{
  OP_WORK,
  OP_FLUSH,  /* ends the batch; its waiter hears when everything before it is committed */
  OP_QUIT,
} OpKind;

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean done;
} Waiter;

typedef struct
{
  OpKind          kind;
  KdlStoreOpFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GTask          *task;     /* completes on its context; nullable */
  Waiter         *waiter;   /* a blocked caller; nullable */
  gint64          value;
  GError         *error;
} Op;

struct _KdlStoreWriter
{
  KdlStoreDb     *db;
  GThread        *thread;
  GAsyncQueue    *queue;
  gint            closed;        /* atomic */
  guint           max_ops;       /* atomic */
  guint           max_wait_us;   /* atomic */
  gsize           n_commits;     /* atomic */

  GMutex          tick_mutex;
  KdlStoreOpFunc  tick_func;
  gpointer        tick_data;
  guint           tick_interval_ms;
  gint64          last_tick;
};

static void
op_free (Op *op)
{
  if (op->data_free != NULL)
    op->data_free (op->data);
  g_clear_object (&op->task);
  g_clear_error (&op->error);
  g_free (op);
}

static gboolean
op_ends_batch (const Op *op)
{
  /* A blocked caller sends nothing more until it is answered. */
  return op->kind != OP_WORK || op->waiter != NULL;
}

/* Collects what is queued after @first, waiting up to max_wait_us for
 * more, until max_ops. */
static GPtrArray *
take_batch (KdlStoreWriter *self,
            Op             *first)
{
  GPtrArray *batch = g_ptr_array_new ();
  guint max_ops = MAX (1, g_atomic_int_get (&self->max_ops));
  gint64 deadline = g_get_monotonic_time () + g_atomic_int_get (&self->max_wait_us);

  g_ptr_array_add (batch, first);
  if (op_ends_batch (first))
    return batch;

  while (batch->len < max_ops)
    {
      Op *next = g_async_queue_try_pop (self->queue);

      if (next == NULL)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            break;
          next = g_async_queue_timeout_pop (self->queue, left);
          if (next == NULL)
            break;
        }

      g_ptr_array_add (batch, next);
      if (op_ends_batch (next))
        break;
    }

  return batch;
}

static void
fail_all (GPtrArray    *batch,
          const GError *error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      Op *op = g_ptr_array_index (batch, i);

      g_clear_error (&op->error);
      op->error = g_error_copy (error);
    }
}

/* The per-op statements run thousands of times a second: keep them prepared. */
static gboolean
exec_cached (KdlStoreDb  *db,
             const char  *sql,
             GError     **error)
{
  KdlStoreStmt *stmt = kdl_store_db_prepare (db, sql, error);

  return stmt != NULL && kdl_store_db_step_done (db, stmt, error);
}

static void
run_batch (KdlStoreWriter *self,
           GPtrArray      *batch)
{
  KdlStoreDb *db = self->db;
  g_autoptr(GError) error = NULL;
  gboolean any_work = FALSE;

  for (guint i = 0; i < batch->len && !any_work; i++)
    any_work = ((Op *)g_ptr_array_index (batch, i))->kind == OP_WORK;
  if (!any_work)
    return;

  if (!exec_cached (db, "BEGIN IMMEDIATE", &error))
    {
      fail_all (batch, error);
      return;
    }

  for (guint i = 0; i < batch->len; i++)
    {
      Op *op = g_ptr_array_index (batch, i);

      if (op->kind != OP_WORK)
        continue;

      if (!exec_cached (db, "SAVEPOINT kdl_op", &error))
        goto abort;

      if (op->func (db, op->data, &op->value, &op->error))
        {
          if (!exec_cached (db, "RELEASE kdl_op", &error))
            goto abort;
          continue;
        }

      g_assert (op->error != NULL);

      /* Disk full, I/O errors and the like roll the whole transaction
       * back: nothing of this batch is saved. */
      if (sqlite3_get_autocommit (db->handle))
        {
          error = g_error_copy (op->error);
          fail_all (batch, error);
          return;
        }

      if (!kdl_store_db_exec (db, "ROLLBACK TO kdl_op; RELEASE kdl_op", &error))
        goto abort;
    }

  if (exec_cached (db, "COMMIT", &error))
    {
      g_atomic_pointer_add (&self->n_commits, 1);
      return;
    }

abort:
  for (guint i = 0; i < batch->len; i++)
    {
      Op *op = g_ptr_array_index (batch, i);

      if (op->error == NULL)
        op->error = g_error_copy (error);
    }
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
complete_tasks (gpointer user_data)
{
  GPtrArray *ops = user_data;

  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = g_ptr_array_index (ops, i);

      if (op->error != NULL)
        g_task_return_error (op->task, g_steal_pointer (&op->error));
      else
        g_task_return_int (op->task, op->value);
    }

  return G_SOURCE_REMOVE;
}

static void
free_ops (gpointer data)
{
  g_ptr_array_unref (data);
}

static void
wake (Op *op)
{
  g_mutex_lock (&op->waiter->mutex);
  op->waiter->done = TRUE;
  g_cond_signal (&op->waiter->cond);
  g_mutex_unlock (&op->waiter->mutex);
}

/* After the COMMIT: wakes blocked callers and returns tasks on their
 * contexts, one idle per context, in queue order. */
static void
complete_batch (GPtrArray *batch)
{
  g_autoptr(GPtrArray) contexts = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  for (guint i = 0; i < batch->len; i++)
    {
      Op *op = g_ptr_array_index (batch, i);

      if (op->waiter != NULL)
        {
          /* The caller owns the op and frees it once awake. */
          wake (op);
          continue;
        }

      if (op->task != NULL)
        {
          GMainContext *context = g_task_get_context (op->task);
          guint j;

          for (j = 0; j < contexts->len; j++)
            if (g_ptr_array_index (contexts, j) == context)
              break;
          if (j == contexts->len)
            {
              g_ptr_array_add (contexts, context);
              g_ptr_array_add (groups, g_ptr_array_new_with_free_func ((GDestroyNotify)op_free));
            }
          g_ptr_array_add (g_ptr_array_index (groups, j), op);
          continue;
        }

      if (op->error != NULL && op->kind == OP_WORK)
        g_warning ("A change to the project was lost: %s", op->error->message);
      op_free (op);
    }

  for (guint j = 0; j < contexts->len; j++)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_name (source, "[kdl-store] completions");
      g_source_set_callback (source, complete_tasks, g_ptr_array_index (groups, j), free_ops);
      g_source_attach (source, g_ptr_array_index (contexts, j));
      g_source_unref (source);
    }
}

static void
maybe_tick (KdlStoreWriter *self)
{
  g_autoptr(GError) error = NULL;
  KdlStoreOpFunc func;
  gpointer data;
  gint64 now = g_get_monotonic_time ();
  gint64 value = 0;

  g_mutex_lock (&self->tick_mutex);
  func = self->tick_func;
  data = self->tick_data;
  if (func == NULL || (now - self->last_tick) < (gint64)self->tick_interval_ms * 1000)
    func = NULL;
  else
    self->last_tick = now;
  g_mutex_unlock (&self->tick_mutex);

  if (func == NULL)
    return;

  if (!kdl_store_db_exec (self->db, "BEGIN IMMEDIATE", &error) ||
      !func (self->db, data, &value, &error) ||
      !kdl_store_db_exec (self->db, "COMMIT", &error))
    {
      g_debug ("Periodic write to %s failed: %s", self->db->display_name, error->message);
      if (!sqlite3_get_autocommit (self->db->handle))
        sqlite3_exec (self->db->handle, "ROLLBACK", NULL, NULL, NULL);
    }
}

static gpointer
writer_thread (gpointer user_data)
{
  KdlStoreWriter *self = user_data;
  gboolean quit = FALSE;

  while (!quit)
    {
      g_autoptr(GPtrArray) batch = NULL;
      Op *first;

      /* Wake up at least once a second for the periodic write. */
      first = g_async_queue_timeout_pop (self->queue, G_USEC_PER_SEC);
      if (first == NULL)
        {
          maybe_tick (self);
          continue;
        }

      batch = take_batch (self, first);
      quit = ((Op *)g_ptr_array_index (batch, batch->len - 1))->kind == OP_QUIT;
      run_batch (self, batch);
      complete_batch (batch);
      maybe_tick (self);
    }

  return NULL;
}

/**
 * kdl_store_writer_new:
 * @db: (transfer full): the connection the thread will own
 */
KdlStoreWriter *
kdl_store_writer_new (KdlStoreDb *db)
{
  KdlStoreWriter *self = g_new0 (KdlStoreWriter, 1);

  self->db = db;
  self->queue = g_async_queue_new ();
  self->max_ops = KDL_STORE_WRITER_DEFAULT_MAX_OPS;
  self->max_wait_us = KDL_STORE_WRITER_DEFAULT_MAX_WAIT_US;
  g_mutex_init (&self->tick_mutex);
  self->thread = g_thread_new ("kdl-store-writer", writer_thread, self);

  return self;
}

static void
waiter_wait (Waiter *waiter)
{
  g_mutex_lock (&waiter->mutex);
  while (!waiter->done)
    g_cond_wait (&waiter->cond, &waiter->mutex);
  g_mutex_unlock (&waiter->mutex);
}

static gboolean
push_and_wait (KdlStoreWriter  *self,
               Op              *op,
               gint64          *value,
               GError         **error)
{
  Waiter waiter = { 0 };
  gboolean ok;

  g_mutex_init (&waiter.mutex);
  g_cond_init (&waiter.cond);
  op->waiter = &waiter;

  g_async_queue_push (self->queue, op);
  waiter_wait (&waiter);

  g_mutex_clear (&waiter.mutex);
  g_cond_clear (&waiter.cond);

  ok = op->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&op->error));
  else if (value != NULL)
    *value = op->value;
  op_free (op);

  return ok;
}

/* Everything already queued is written before the thread stops. */
void
kdl_store_writer_free (KdlStoreWriter *self)
{
  Op *quit;

  if (self == NULL)
    return;

  g_atomic_int_set (&self->closed, TRUE);
  quit = g_new0 (Op, 1);
  quit->kind = OP_QUIT;
  g_async_queue_push (self->queue, quit);
  g_thread_join (self->thread);

  g_async_queue_unref (self->queue);
  kdl_store_db_close (self->db);
  g_mutex_clear (&self->tick_mutex);
  g_free (self);
}

static void
set_closed_error (KdlStoreWriter  *self,
                  GError         **error)
{
  g_set_error (error, KDL_STORE_ERROR, KDL_STORE_ERROR_CLOSED,
               _("The project “%s” is being closed; the change was not saved."),
               self->db->display_name);
}

/**
 * kdl_store_writer_submit:
 * @data_free: frees @data, on the writer thread or @task's context
 * @task: (transfer full) (nullable): returned (an int, or an error) on its
 *   context after the COMMIT; without one a failure is logged
 *
 * Queues @func and returns at once.
 */
void
kdl_store_writer_submit (KdlStoreWriter *self,
                         KdlStoreOpFunc  func,
                         gpointer        data,
                         GDestroyNotify  data_free,
                         GTask          *task)
{
  Op *op;

  if (g_atomic_int_get (&self->closed))
    {
      GError *error = NULL;

      set_closed_error (self, &error);
      if (task != NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
        }
      else
        {
          g_warning ("%s", error->message);
          g_error_free (error);
        }
      if (data_free != NULL)
        data_free (data);
      return;
    }

  op = g_new0 (Op, 1);
  op->kind = OP_WORK;
  op->func = func;
  op->data = data;
  op->data_free = data_free;
  op->task = task;
  g_async_queue_push (self->queue, op);
}

/**
 * kdl_store_writer_run:
 *
 * Queues @func and blocks the calling thread until it is committed (or
 * failed).  @data belongs to the caller and may live on its stack.  Never
 * call it on the writer thread.
 */
gboolean
kdl_store_writer_run (KdlStoreWriter  *self,
                      KdlStoreOpFunc   func,
                      gpointer         data,
                      gint64          *value,
                      GError         **error)
{
  Op *op;

  g_return_val_if_fail (g_thread_self () != self->thread, FALSE);

  if (g_atomic_int_get (&self->closed))
    {
      set_closed_error (self, error);
      return FALSE;
    }

  op = g_new0 (Op, 1);
  op->kind = OP_WORK;
  op->func = func;
  op->data = data;

  return push_and_wait (self, op, value, error);
}

/**
 * kdl_store_writer_flush:
 *
 * Blocks until everything queued before the call is committed.  Their
 * task callbacks may still be waiting for their main contexts to run.
 */
gboolean
kdl_store_writer_flush (KdlStoreWriter  *self,
                        GError         **error)
{
  Op *op;

  g_return_val_if_fail (g_thread_self () != self->thread, FALSE);

  if (g_atomic_int_get (&self->closed))
    return TRUE;

  op = g_new0 (Op, 1);
  op->kind = OP_FLUSH;

  return push_and_wait (self, op, NULL, error);
}

void
kdl_store_writer_set_batch_limits (KdlStoreWriter *self,
                                   guint           max_ops,
                                   guint           max_wait_us)
{
  g_atomic_int_set (&self->max_ops, MAX (1, max_ops));
  g_atomic_int_set (&self->max_wait_us, max_wait_us);
}

/**
 * kdl_store_writer_set_tick:
 * @func: (nullable): run in its own transaction every @interval_ms
 *
 * A periodic write on the writer thread (the run locks' heartbeat).
 */
void
kdl_store_writer_set_tick (KdlStoreWriter *self,
                           KdlStoreOpFunc  func,
                           gpointer        data,
                           guint           interval_ms)
{
  g_mutex_lock (&self->tick_mutex);
  self->tick_func = func;
  self->tick_data = data;
  self->tick_interval_ms = interval_ms;
  self->last_tick = g_get_monotonic_time ();
  g_mutex_unlock (&self->tick_mutex);
}

guint64
kdl_store_writer_get_n_commits (KdlStoreWriter *self)
{
  return (guint64)g_atomic_pointer_get (&self->n_commits);
}
