/* kdl-run-list.c
 *
 * The runs of the project, newest first, with their state.  A run that
 * can go on — paused, stopped, never started, or interrupted (marked
 * running but nobody works on it: the app or the CLI was killed) — gets a
 * Resume button (the "run.resume-run" action of the Run view).  Picking a
 * run emits ::run-selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-list"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-run-list.h"
#include "kdl-store.h"

/* One run, as the list shows it. */
#define KDL_TYPE_RUN_ENTRY (kdl_run_entry_get_type ())
G_DECLARE_FINAL_TYPE (KdlRunEntry, kdl_run_entry, KDL, RUN_ENTRY, GObject)

struct _KdlRunEntry
{
  GObject           parent_instance;
  gint64            id;
  KdlStoreRunState  state;
  gboolean          working;
  char             *template_name;
  char             *judge_name;
  guint             samples;
  guint             done;
  guint             failed;
};

G_DEFINE_FINAL_TYPE (KdlRunEntry, kdl_run_entry, G_TYPE_OBJECT)

static void
kdl_run_entry_finalize (GObject *object)
{
  KdlRunEntry *self = (KdlRunEntry *)object;

  g_free (self->template_name);
  g_free (self->judge_name);

  G_OBJECT_CLASS (kdl_run_entry_parent_class)->finalize (object);
}

static void
kdl_run_entry_class_init (KdlRunEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdl_run_entry_finalize;
}

static void
kdl_run_entry_init (KdlRunEntry *self)
{
}

static gboolean
entry_is_resumable (KdlRunEntry *entry)
{
  switch (entry->state)
    {
    case KDL_STORE_RUN_PENDING:
    case KDL_STORE_RUN_PAUSED:
    case KDL_STORE_RUN_STOPPED:
      return !entry->working;
    case KDL_STORE_RUN_RUNNING:
      return !entry->working;  /* interrupted */
    case KDL_STORE_RUN_DONE:
    case KDL_STORE_RUN_FAILED:
    default:
      return FALSE;
    }
}

static const char *
entry_state_label (KdlRunEntry *entry)
{
  if (entry->working)
    return entry->state == KDL_STORE_RUN_PAUSED ? _("Paused") : _("Running");

  switch (entry->state)
    {
    case KDL_STORE_RUN_PENDING:
      return _("Not started");
    case KDL_STORE_RUN_RUNNING:
      return _("Interrupted");
    case KDL_STORE_RUN_PAUSED:
      return _("Paused");
    case KDL_STORE_RUN_STOPPED:
      return _("Stopped");
    case KDL_STORE_RUN_DONE:
      return _("Done");
    case KDL_STORE_RUN_FAILED:
    default:
      return _("Failed");
    }
}

struct _KdlRunList
{
  AdwBin      parent_instance;

  GListStore *entries;
  gint64      selected;
  gboolean    selecting;

  GtkStack   *stack;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (KdlRunList, kdl_run_list, ADW_TYPE_BIN)

enum {
  RUN_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KdlRunEntry *entry = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (entry_state_label (entry));
  g_autofree char *title = NULL;
  g_autofree char *templates = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *state_class = g_strdup_printf ("run-state-%s",
                                                  entry->working ? "running"
                                                  : entry->state == KDL_STORE_RUN_RUNNING ? "interrupted"
                                                  : kdl_store_run_state_to_string (entry->state));

  templates = g_strdup_printf ("%s%s%s", entry->template_name ? entry->template_name : "",
                               entry->template_name && entry->judge_name ? " → " : "",
                               entry->judge_name ? entry->judge_name : "");
  /* TRANSLATORS: a run's number and its templates, e.g. "Run 3 · rebuild → judge" */
  title = g_strdup_printf (_("Run %lld · %s"), (long long)entry->id, templates);
  /* TRANSLATORS: samples of a run: all, finished, failed */
  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sample · %u done · %u failed",
                                         "%u samples · %u done · %u failed", entry->samples),
                            entry->samples, entry->done, entry->failed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), counts);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_add_css_class (state, "run-state");
  gtk_widget_add_css_class (state, state_class);
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  if (entry_is_resumable (entry))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
      /* TRANSLATORS: the accessible name of a run's Resume button */
      g_autofree char *label = g_strdup_printf (_("Resume run %lld"), (long long)entry->id);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Resume"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "run.resume-run");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (entry->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  g_object_set_data (G_OBJECT (row), "kdl-run-id", GSIZE_TO_POINTER ((gsize)entry->id));

  return row;
}

static gint64
row_run_id (GtkListBoxRow *row)
{
  return row ? (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kdl-run-id")) : 0;
}

static void
on_row_selected (GtkListBox    *box,
                 GtkListBoxRow *row,
                 KdlRunList    *self)
{
  gint64 id = row_run_id (row);

  if (self->selecting || id == 0 || id == self->selected)
    return;

  self->selected = id;
  g_signal_emit (self, signals[RUN_SELECTED], 0, id);
}

static void
select_row (KdlRunList *self)
{
  GtkListBoxRow *row;

  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->list_box);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (row_run_id (row) == self->selected)
      gtk_list_box_select_row (self->list_box, row);
  self->selecting = FALSE;
}

static void
kdl_run_list_dispose (GObject *object)
{
  KdlRunList *self = (KdlRunList *)object;

  g_clear_object (&self->entries);

  G_OBJECT_CLASS (kdl_run_list_parent_class)->dispose (object);
}

static void
kdl_run_list_class_init (KdlRunListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_run_list_dispose;

  /**
   * KdlRunList::run-selected:
   * @run_id: the run the user picked
   */
  signals[RUN_SELECTED] = g_signal_new ("run-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-run-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlRunList, stack);
  gtk_widget_class_bind_template_child (widget_class, KdlRunList, list_box);
}

static void
kdl_run_list_init (KdlRunList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (KDL_TYPE_RUN_ENTRY);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->entries), create_row, self, NULL);
  g_signal_connect (self->list_box, "row-selected", G_CALLBACK (on_row_selected), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
kdl_run_list_new (void)
{
  return g_object_new (KDL_TYPE_RUN_LIST, NULL);
}

/**
 * kdl_run_list_set_runs:
 * @runs: (element-type KdlStoreRun): the project's runs, oldest first
 * @working_run: the run a runner works on in this window, or 0
 */
void
kdl_run_list_set_runs (KdlRunList *self,
                       GPtrArray  *runs,
                       gint64      working_run)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (KDL_IS_RUN_LIST (self));

  for (guint i = runs ? runs->len : 0; i > 0; i--)
    {
      const KdlStoreRun *run = g_ptr_array_index (runs, i - 1);
      KdlRunEntry *entry = g_object_new (KDL_TYPE_RUN_ENTRY, NULL);

      entry->id = run->id;
      entry->state = run->state;
      entry->working = run->id == working_run;
      entry->template_name = g_strdup (run->template_name);
      entry->judge_name = g_strdup (run->judge_name);
      entry->samples = run->samples;
      entry->done = run->done;
      entry->failed = run->failed;
      g_ptr_array_add (entries, entry);
    }

  self->selecting = TRUE;
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  self->selecting = FALSE;
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
  select_row (self);
}

/* Marks @run_id as the one shown (0: none), without ::run-selected. */
void
kdl_run_list_set_selected (KdlRunList *self,
                           gint64      run_id)
{
  g_return_if_fail (KDL_IS_RUN_LIST (self));

  self->selected = run_id;
  select_row (self);
}

guint
kdl_run_list_get_n_runs (KdlRunList *self)
{
  g_return_val_if_fail (KDL_IS_RUN_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

gboolean
kdl_run_list_is_resumable (KdlRunList *self,
                           gint64      run_id)
{
  g_return_val_if_fail (KDL_IS_RUN_LIST (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(KdlRunEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (entry->id == run_id)
        return entry_is_resumable (entry);
    }

  return FALSE;
}
