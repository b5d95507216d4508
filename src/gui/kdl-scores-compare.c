/* kdl-scores-compare.c — the Scores view's comparison of runs
 *
 * The picked runs' figures are read in one worker, each run's exact
 * quartiles, mean and extremes (kdl-store-stats), and drawn side by side
 * as box plots on the largest of their judges' scales.  Only runs with a
 * judge can be picked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-scores"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-scores-data.h"
#include "kdl-scores-view-private.h"

typedef struct
{
  char      *path;
  GArray    *run_ids;   /* gint64 */
  GPtrArray *labels;    /* char* */
  double     score_max;
} Compare;

static void
compare_free (gpointer data)
{
  Compare *compare = data;

  g_free (compare->path);
  g_array_unref (compare->run_ids);
  g_ptr_array_unref (compare->labels);
  g_free (compare);
}

static void
compare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Compare *compare = task_data;
  g_autoptr(KdlStoreReader) reader = NULL;
  g_autoptr(KdlComparisonData) data = kdl_comparison_data_new (compare->score_max);
  GError *error = NULL;

  reader = kdl_store_reader_open (compare->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < compare->run_ids->len; i++)
    {
      g_autoptr(KdlStoreRunStats) stats = NULL;
      KdlRunSummary summary;

      stats = kdl_store_reader_get_run_stats (reader, g_array_index (compare->run_ids, gint64, i), &error);
      if (stats == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      kdl_scores_summary_from_stats (stats, g_ptr_array_index (compare->labels, i), &summary);
      kdl_comparison_data_add (data, &summary);
    }

  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify)kdl_comparison_data_unref);
}

static void
on_compared (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdlScoresView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlComparisonData) data = g_task_propagate_pointer (G_TASK (result), &error);

  _kdl_scores_view_busy (self, FALSE);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Could not compare the runs: %s"), error->message);
          _kdl_scores_view_toast (self, text);
        }
      return;
    }

  kdl_run_comparison_set_data (self->comparison, data);
}

static const KdlStoreRun *
lookup_run (KdlScoresView *self,
            gint64         run_id)
{
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    if (((KdlStoreRun *)g_ptr_array_index (self->runs, i))->id == run_id)
      return g_ptr_array_index (self->runs, i);

  return NULL;
}

void
_kdl_scores_view_read_comparison (KdlScoresView *self)
{
  g_autoptr(GTask) task = NULL;
  Compare *compare;

  if (self->store == NULL || self->compared->len == 0)
    {
      kdl_run_comparison_set_data (self->comparison, NULL);
      return;
    }

  compare = g_new0 (Compare, 1);
  compare->path = g_strdup (kdl_store_get_path (self->store));
  compare->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  compare->labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->compared->len; i++)
    {
      const KdlStoreRun *run = lookup_run (self, g_array_index (self->compared, gint64, i));

      if (run == NULL)
        continue;
      g_array_append_val (compare->run_ids, run->id);
      g_ptr_array_add (compare->labels, kdl_scores_run_label (run));
      compare->score_max = MAX (compare->score_max, run->score_max);
    }

  _kdl_scores_view_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, on_compared, g_object_ref (self));
  g_task_set_source_tag (task, _kdl_scores_view_read_comparison);
  g_task_set_task_data (task, compare, compare_free);
  g_task_run_in_thread (task, compare_worker);
}

static void
on_compare_toggled (GtkCheckButton *button,
                    KdlScoresView  *self)
{
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* In the list's order, newest first. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        gint64 run_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "kdl-run-id"));
        g_array_append_val (picked, run_id);
      }

  g_array_set_size (self->compared, 0);
  g_array_append_vals (self->compared, picked->data, picked->len);
  self->compared_set = TRUE;
  _kdl_scores_view_read_comparison (self);
}

/* One check button per run with a judge. */
void
_kdl_scores_view_rebuild_compare (KdlScoresView *self)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_box))) != NULL)
    gtk_box_remove (self->compare_box, child);

  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const KdlStoreRun *run = g_ptr_array_index (self->runs, i);
      g_autofree char *label = NULL;
      GtkWidget *button;
      gboolean active = FALSE;

      if (run->judge_template_id == 0)
        continue;

      for (guint j = 0; j < self->compared->len; j++)
        active |= g_array_index (self->compared, gint64, j) == run->id;

      label = kdl_scores_run_label (run);
      button = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
      g_object_set_data (G_OBJECT (button), "kdl-run-id", GSIZE_TO_POINTER ((gsize)run->id));
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_compare_toggled), self, 0);
      gtk_box_append (self->compare_box, button);
      n++;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), n > 1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button),
                               n > 1 ? _("Pick the runs to compare") : _("Only one run has scores so far"));
}
