/* kdl-run-setup.c
 *
 * The form for a new run: which rows, which templates, which models, the
 * limits, and an estimate that follows every change (worked out in a
 * worker, a moment after the last change).  Starting is the Run view's
 * "run.start" action: it asks kdl_run_setup_dup_launch() for the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-run-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-run-plan.h"
#include "kdl-run-setup.h"
#include "kdl-session.h"
#include "kdl-spin-row.h"
#include "kdl-workspace.h"

#define ESTIMATE_DELAY_MS 150

struct _KdlRunSetup
{
  AdwBin          parent_instance;

  KdlWorkspace   *workspace;
  GSignalGroup   *workspace_signals;
  GSignalGroup   *dataset_signals;
  GSignalGroup   *session_signals;
  GCancellable   *cancellable;        /* dispose */
  GCancellable   *estimate_cancellable;
  guint           estimate_id;
  gboolean        estimating;
  KdlRunEstimate *estimate;
  GPtrArray      *generate_names;     /* name or path per generate_model item; NULL = none */
  GPtrArray      *judge_names;
  GArray         *run_ids;            /* gint64 per runs_model item */
  gboolean        busy;

  AdwComboRow    *source_row;
  AdwComboRow    *run_row;
  AdwEntryRow    *rows_row;
  KdlSpinRow     *limit_row;
  AdwComboRow    *generate_row;
  AdwComboRow    *judge_row;
  AdwActionRow   *model_row;
  AdwComboRow    *judge_preset_row;
  KdlSpinRow     *variants_row;
  KdlSpinRow     *regenerate_row;
  KdlSpinRow     *concurrency_row;
  KdlSpinRow     *qps_row;
  KdlSpinRow     *budget_row;
  AdwActionRow   *calls_row;
  AdwActionRow   *time_row;
  GtkLabel       *calls_label;
  GtkLabel       *tokens_label;
  GtkLabel       *time_label;
  GtkLabel       *estimate_label;
  GtkLabel       *message_label;
  GtkSpinner     *spinner;
  GtkStringList  *source_model;
  GtkStringList  *runs_model;
  GtkStringList  *generate_model;
  GtkStringList  *judge_model;
  GtkStringList  *judge_preset_model;
};

G_DEFINE_FINAL_TYPE (KdlRunSetup, kdl_run_setup, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_estimate (KdlRunSetup *self);

/* The judge presets offered besides "the same model". */
static const char *judge_presets[] = { "lite", "pro", "pro-128k", "max", "max-32k", "ultra" };

/* Templates ---------------------------------------------------------------- */

static void
fill_templates (KdlRunSetup *self,
                GPtrArray   *user)
{
  const char * const *builtins = kdl_template_builtin_names ();
  /* Keep what was chosen; the first time, rebuild and judge, as the CLI. */
  g_autofree char *old_gen = g_strdup ("rebuild");
  g_autofree char *old_judge = g_strdup ("judge");
  guint gen_selected = 0, judge_selected = 0;

  if (self->generate_names != NULL)
    {
      g_free (old_gen);
      g_free (old_judge);
      old_gen = g_strdup (g_ptr_array_index (self->generate_names, adw_combo_row_get_selected (self->generate_row)));
      old_judge = g_strdup (g_ptr_array_index (self->judge_names, adw_combo_row_get_selected (self->judge_row)));
    }
  g_clear_pointer (&self->generate_names, g_ptr_array_unref);
  g_clear_pointer (&self->judge_names, g_ptr_array_unref);
  self->generate_names = g_ptr_array_new_with_free_func (g_free);
  self->judge_names = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_splice (self->generate_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->generate_model)), NULL);
  gtk_string_list_splice (self->judge_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->judge_model)), NULL);
  gtk_string_list_append (self->generate_model, _("None (judge only)"));
  g_ptr_array_add (self->generate_names, NULL);
  gtk_string_list_append (self->judge_model, _("None (generate only)"));
  g_ptr_array_add (self->judge_names, NULL);

  for (guint i = 0; builtins[i] != NULL; i++)
    {
      g_autoptr(KdlTemplate) template = kdl_template_new_builtin (builtins[i], NULL, NULL);
      gboolean judge;

      /* train-input is the instruction of exported records, not a prompt. */
      if (template == NULL || g_str_equal (builtins[i], "train-input"))
        continue;
      judge = kdl_template_get_kind (template) == KDL_TEMPLATE_KIND_JUDGE;
      gtk_string_list_append (judge ? self->judge_model : self->generate_model, builtins[i]);
      g_ptr_array_add (judge ? self->judge_names : self->generate_names, g_strdup (builtins[i]));
    }

  for (guint i = 0; user != NULL && i < user->len; i++)
    {
      KdlTemplate *template = g_ptr_array_index (user, i);
      gboolean judge = kdl_template_get_kind (template) == KDL_TEMPLATE_KIND_JUDGE;
      GFile *file = kdl_template_get_file (template);
      /* TRANSLATORS: a template the user saved, by its name */
      g_autofree char *label = g_strdup_printf (_("%s (yours)"), kdl_template_get_name (template));

      if (file == NULL)
        continue;
      gtk_string_list_append (judge ? self->judge_model : self->generate_model, label);
      g_ptr_array_add (judge ? self->judge_names : self->generate_names, g_file_get_path (file));
    }

  for (guint i = 1; i < self->generate_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->generate_names, i), old_gen) == 0)
      gen_selected = i;
  for (guint i = 1; i < self->judge_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->judge_names, i), old_judge) == 0)
      judge_selected = i;

  adw_combo_row_set_selected (self->generate_row, gen_selected);
  adw_combo_row_set_selected (self->judge_row, judge_selected);
}

static void
list_user_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_task_return_pointer (task, kdl_template_list_user (NULL), (GDestroyNotify)g_ptr_array_unref);
}

static void
on_user_listed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KdlRunSetup) self = user_data;
  g_autoptr(GPtrArray) user = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  fill_templates (self, user);
}

/* User templates may have been saved in the Prompts view meanwhile. */
static void
reload_templates (KdlRunSetup *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_user_listed, g_object_ref (self));

  g_task_run_in_thread (task, list_user_worker);
}

/* Rows ----------------------------------------------------------------------- */

static KdlRunSource
get_source (KdlRunSetup *self)
{
  return (KdlRunSource)adw_combo_row_get_selected (self->source_row);
}

static void
update_rows (KdlRunSetup *self)
{
  KdlDataset *dataset = self->workspace ? kdl_workspace_get_dataset (self->workspace) : NULL;
  GArray *selection = self->workspace ? kdl_workspace_get_selection (self->workspace) : NULL;
  KdlRunSource source = get_source (self);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->run_row), source == KDL_RUN_SOURCE_RUN);

  if (source == KDL_RUN_SOURCE_RUN)
    subtitle = g_strdup (self->run_ids->len > 0 ? _("Chain another template onto a run, or judge it again")
                                                : _("There are no runs in this project yet"));
  else if (dataset == NULL)
    subtitle = g_strdup (_("Open a dataset in the Dataset view first"));
  else if (!kdl_dataset_is_complete (dataset))
    subtitle = g_strdup (_("Reading the dataset…"));
  else if (source == KDL_RUN_SOURCE_SELECTION)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row selected", "%u rows selected",
                                             selection ? selection->len : 0),
                                selection ? selection->len : 0);
  else
    {
      g_autofree char *name = g_file_get_basename (kdl_dataset_get_file (dataset));
      guint n = kdl_dataset_get_n_loaded (dataset);

      /* TRANSLATORS: rows in a file, e.g. "8 rows in sample-zh.csv" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row in %s", "%u rows in %s", n), n, name);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->source_row), subtitle);
  schedule_estimate (self);
}

static void
update_model (KdlRunSetup *self)
{
  g_autofree char *label = NULL;

  if (self->workspace == NULL)
    return;

  label = kdl_session_dup_provider_label (kdl_workspace_get_session (self->workspace));
  adw_action_row_set_subtitle (self->model_row, label);
  schedule_estimate (self);
}

/* The launch ------------------------------------------------------------------ */

/**
 * kdl_run_setup_dup_launch:
 *
 * Returns: (transfer full) (nullable): the run the form describes, with
 *   resolved templates and no provider JSON yet; %NULL with @error when
 *   the form does not describe a run
 */
KdlRunLaunch *
kdl_run_setup_dup_launch (KdlRunSetup  *self,
                          GError      **error)
{
  g_autoptr(KdlRunLaunch) launch = kdl_run_launch_new ();
  g_autofree char *language = NULL;
  KdlRunSource source = get_source (self);
  KdlDataset *dataset;
  const char *rows_text;
  const char *gen_name;
  const char *judge_name;
  guint preset;

  g_return_val_if_fail (KDL_IS_RUN_SETUP (self), NULL);

  if (self->workspace == NULL || kdl_workspace_get_store (self->workspace) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The project is not open yet."));
      return NULL;
    }

  dataset = kdl_workspace_get_dataset (self->workspace);

  if (source == KDL_RUN_SOURCE_RUN)
    {
      guint i = adw_combo_row_get_selected (self->run_row);

      if (i >= self->run_ids->len)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Choose the run whose outputs to work on."));
          return NULL;
        }
      launch->from_run = g_array_index (self->run_ids, gint64, i);
      language = g_strdup ("zh");
    }
  else
    {
      if (dataset == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Open a dataset in the Dataset view first, or run on another run’s outputs."));
          return NULL;
        }
      launch->dataset = g_object_ref (dataset);
      language = kdl_run_plan_detect_language (dataset);
      if (source == KDL_RUN_SOURCE_SELECTION)
        {
          GArray *selection = kdl_workspace_get_selection (self->workspace);

          launch->positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), selection->len);
          g_array_append_vals (launch->positions, selection->data, selection->len);
        }
      else if (source == KDL_RUN_SOURCE_FAILED)
        launch->select = KDL_RUN_SELECT_FAILED;
      else if (source == KDL_RUN_SOURCE_UNSCORED)
        launch->select = KDL_RUN_SELECT_UNSCORED;
    }

  rows_text = gtk_editable_get_text (GTK_EDITABLE (self->rows_row));
  if (rows_text != NULL && *rows_text != '\0' &&
      !kdl_run_parse_rows (rows_text, &launch->row_first, &launch->row_last))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Row ids are written like 1-500, 20- or 7, not “%s”."), rows_text);
      return NULL;
    }
  launch->limit = (guint)kdl_spin_row_get_value (self->limit_row);
  launch->variants = MAX (1, (guint)kdl_spin_row_get_value (self->variants_row));

  gen_name = self->generate_names->len > 0
               ? g_ptr_array_index (self->generate_names, MIN (adw_combo_row_get_selected (self->generate_row),
                                                                self->generate_names->len - 1))
               : NULL;
  judge_name = self->judge_names->len > 0
                 ? g_ptr_array_index (self->judge_names, MIN (adw_combo_row_get_selected (self->judge_row),
                                                               self->judge_names->len - 1))
                 : NULL;
  if (gen_name != NULL)
    {
      launch->generate = kdl_run_plan_resolve_template (gen_name, language, KDL_TEMPLATE_KIND_GENERATE, error);
      if (launch->generate == NULL)
        return NULL;
    }
  if (judge_name != NULL)
    {
      launch->judge = kdl_run_plan_resolve_template (judge_name, language, KDL_TEMPLATE_KIND_JUDGE, error);
      if (launch->judge == NULL)
        return NULL;
    }

  preset = adw_combo_row_get_selected (self->judge_preset_row);
  if (preset > 0 && preset <= G_N_ELEMENTS (judge_presets))
    launch->judge_preset = g_strdup (judge_presets[preset - 1]);

  launch->options.concurrency = (guint)kdl_spin_row_get_value (self->concurrency_row);
  launch->options.qps = kdl_spin_row_get_value (self->qps_row);
  launch->options.regenerate_on_fail = (guint)kdl_spin_row_get_value (self->regenerate_row);
  launch->options.max_total_tokens = (gint64)kdl_spin_row_get_value (self->budget_row);

  return g_steal_pointer (&launch);
}

/* The estimate ----------------------------------------------------------------- */

static char *
format_duration (double seconds)
{
  guint s = (guint)(seconds + 0.5);

  if (s < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", s), s);
  if (s < 3600)
    /* TRANSLATORS: minutes and seconds, e.g. "3 min 20 s" */
    return g_strdup_printf (_("%u min %u s"), s / 60, s % 60);
  /* TRANSLATORS: hours and minutes, e.g. "2 h 05 min" */
  return g_strdup_printf (_("%u h %02u min"), s / 3600, (s % 3600) / 60);
}

static void
show_estimate (KdlRunSetup *self)
{
  const KdlRunEstimate *e = self->estimate;
  g_autofree char *calls = NULL;
  g_autofree char *calls_detail = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *time = NULL;
  g_autofree char *time_detail = NULL;

  if (e == NULL)
    {
      gtk_label_set_text (self->estimate_label, "");
      gtk_label_set_text (self->calls_label, "—");
      gtk_label_set_text (self->tokens_label, "—");
      gtk_label_set_text (self->time_label, "—");
      adw_action_row_set_subtitle (self->calls_row, NULL);
      adw_action_row_set_subtitle (self->time_row, NULL);
      return;
    }

  calls = g_strdup_printf ("%u", e->calls);
  /* TRANSLATORS: how the number of calls comes about; "about" when the
   * rows are counted in the last run */
  calls_detail = g_strdup_printf (e->rows_approximate ? _("About %u rows × samples × stages")
                                                      : _("%u rows × samples × stages"),
                                  e->rows);
  tokens = g_strdup_printf ("≈ %'" G_GINT64_FORMAT, e->prompt_tokens);
  time = format_duration (e->seconds);
  time_detail = g_strdup_printf (_("About %.1f s per call at the limits below"), e->seconds_per_call);

  {
    /* TRANSLATORS: the estimate beside Start: calls, prompt tokens, time */
    g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u call · %s prompt tokens · about %s",
                                                          "%u calls · %s prompt tokens · about %s", e->calls),
                                             e->calls, tokens, time);
    gtk_label_set_text (self->estimate_label, line);
  }
  gtk_label_set_text (self->calls_label, calls);
  gtk_label_set_text (self->tokens_label, tokens);
  gtk_label_set_text (self->time_label, time);
  adw_action_row_set_subtitle (self->calls_row, calls_detail);
  adw_action_row_set_subtitle (self->time_row, time_detail);
}

static void
on_estimated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KdlRunSetup) self = user_data;
  g_autoptr(GError) error = NULL;
  KdlRunEstimate *estimate = kdl_run_estimate_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->estimating = FALSE;
  g_clear_pointer (&self->estimate, g_free);
  self->estimate = estimate;
  show_estimate (self);
  if (!self->busy)
    gtk_label_set_text (self->message_label, error ? error->message : "");
}

static gboolean
estimate_now (gpointer user_data)
{
  KdlRunSetup *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlRunLaunch) launch = NULL;
  KdlStore *store;

  self->estimate_id = 0;
  self->estimating = FALSE;
  g_cancellable_cancel (self->estimate_cancellable);
  g_clear_object (&self->estimate_cancellable);

  launch = kdl_run_setup_dup_launch (self, &error);
  if (launch != NULL && !kdl_run_launch_check (launch, &error))
    g_clear_pointer (&launch, kdl_run_launch_free);

  if (launch == NULL)
    {
      g_clear_pointer (&self->estimate, g_free);
      show_estimate (self);
      if (!self->busy)
        gtk_label_set_text (self->message_label, error->message);
      return G_SOURCE_REMOVE;
    }

  store = kdl_workspace_get_store (self->workspace);
  self->estimate_cancellable = g_cancellable_new ();
  self->estimating = TRUE;
  kdl_run_estimate_async (g_steal_pointer (&launch), store,
                          kdl_session_get_using_simulator (kdl_workspace_get_session (self->workspace)),
                          self->estimate_cancellable, on_estimated, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_estimate (KdlRunSetup *self)
{
  if (self->workspace == NULL || self->generate_names == NULL)
    return;

  g_clear_handle_id (&self->estimate_id, g_source_remove);
  self->estimate_id = g_timeout_add (ESTIMATE_DELAY_MS, estimate_now, self);
}

/* Workspace --------------------------------------------------------------------- */

static void
on_dataset_changed (KdlRunSetup *self)
{
  g_signal_group_set_target (self->dataset_signals,
                             self->workspace ? kdl_workspace_get_dataset (self->workspace) : NULL);
  update_rows (self);
}

static void
kdl_run_setup_map (GtkWidget *widget)
{
  KdlRunSetup *self = KDL_RUN_SETUP (widget);

  GTK_WIDGET_CLASS (kdl_run_setup_parent_class)->map (widget);

  reload_templates (self);
  update_model (self);
}

static void
kdl_run_setup_dispose (GObject *object)
{
  KdlRunSetup *self = (KdlRunSetup *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->estimate_cancellable)
    g_cancellable_cancel (self->estimate_cancellable);
  g_clear_handle_id (&self->estimate_id, g_source_remove);
  if (self->workspace_signals)
    g_signal_group_set_target (self->workspace_signals, NULL);
  if (self->dataset_signals)
    g_signal_group_set_target (self->dataset_signals, NULL);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);

  G_OBJECT_CLASS (kdl_run_setup_parent_class)->dispose (object);
}

static void
kdl_run_setup_finalize (GObject *object)
{
  KdlRunSetup *self = (KdlRunSetup *)object;

  g_clear_object (&self->workspace);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->dataset_signals);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->estimate_cancellable);
  g_clear_pointer (&self->estimate, g_free);
  g_clear_pointer (&self->generate_names, g_ptr_array_unref);
  g_clear_pointer (&self->judge_names, g_ptr_array_unref);
  g_clear_pointer (&self->run_ids, g_array_unref);

  G_OBJECT_CLASS (kdl_run_setup_parent_class)->finalize (object);
}

static void
kdl_run_setup_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdlRunSetup *self = KDL_RUN_SETUP (object);

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
kdl_run_setup_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdlRunSetup *self = KDL_RUN_SETUP (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      kdl_run_setup_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_run_setup_class_init (KdlRunSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_run_setup_dispose;
  object_class->finalize = kdl_run_setup_finalize;
  object_class->get_property = kdl_run_setup_get_property;
  object_class->set_property = kdl_run_setup_set_property;
  widget_class->map = kdl_run_setup_map;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, KDL_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_SPIN_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-run-setup.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, source_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, run_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, rows_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, limit_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, generate_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, judge_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, model_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, judge_preset_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, variants_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, regenerate_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, concurrency_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, qps_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, budget_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, calls_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, time_row);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, calls_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, tokens_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, time_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, message_label);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, source_model);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, runs_model);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, generate_model);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, judge_model);
  gtk_widget_class_bind_template_child (widget_class, KdlRunSetup, judge_preset_model);
}

static void
kdl_run_setup_init (KdlRunSetup *self)
{
  guint n_presets;
  const KdlSparkPreset *presets = kdl_spark_presets (&n_presets);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (self->judge_preset_model, _("The same model"));
  for (guint i = 0; i < G_N_ELEMENTS (judge_presets); i++)
    for (guint j = 0; j < n_presets; j++)
      if (g_str_equal (presets[j].id, judge_presets[i]))
        gtk_string_list_append (self->judge_preset_model, presets[j].name);

  /* Built-ins now; the user's own join once they are read. */
  fill_templates (self, NULL);

  self->workspace_signals = g_signal_group_new (KDL_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::dataset", G_CALLBACK (on_dataset_changed), self);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::store", G_CALLBACK (schedule_estimate), self);
  g_signal_group_connect_swapped (self->workspace_signals, "selection-changed", G_CALLBACK (update_rows), self);
  self->dataset_signals = g_signal_group_new (KDL_TYPE_DATASET);
  g_signal_group_connect_swapped (self->dataset_signals, "notify::complete", G_CALLBACK (update_rows), self);
  self->session_signals = g_signal_group_new (KDL_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "changed", G_CALLBACK (update_model), self);

  g_signal_connect_swapped (self->source_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->run_row, "notify::selected", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->rows_row, "changed", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->generate_row, "notify::selected", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->judge_row, "notify::selected", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->judge_preset_row, "notify::selected", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->limit_row, "notify::value", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->variants_row, "notify::value", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->concurrency_row, "notify::value", G_CALLBACK (schedule_estimate), self);
  g_signal_connect_swapped (self->qps_row, "notify::value", G_CALLBACK (schedule_estimate), self);

  show_estimate (self);
}

GtkWidget *
kdl_run_setup_new (void)
{
  return g_object_new (KDL_TYPE_RUN_SETUP, NULL);
}

KdlWorkspace *
kdl_run_setup_get_workspace (KdlRunSetup *self)
{
  g_return_val_if_fail (KDL_IS_RUN_SETUP (self), NULL);

  return self->workspace;
}

void
kdl_run_setup_set_workspace (KdlRunSetup  *self,
                             KdlWorkspace *workspace)
{
  g_return_if_fail (KDL_IS_RUN_SETUP (self));
  g_return_if_fail (workspace == NULL || KDL_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  g_signal_group_set_target (self->workspace_signals, workspace);
  g_signal_group_set_target (self->session_signals, workspace ? kdl_workspace_get_session (workspace) : NULL);

  if (workspace != NULL)
    {
      GSettings *settings = kdl_session_get_settings (kdl_workspace_get_session (workspace));

      /* The defaults come from Preferences; a change here stays with the run. */
      g_settings_bind (settings, "concurrency", kdl_spin_row_get_adjustment (self->concurrency_row), "value",
                       G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
      g_settings_bind (settings, "requests-per-second", kdl_spin_row_get_adjustment (self->qps_row), "value",
                       G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
    }

  on_dataset_changed (self);
  update_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * kdl_run_setup_set_runs:
 * @runs: (element-type KdlStoreRun): the project's runs, oldest first
 *
 * The runs a new run can work on (chain or re-judge).
 */
void
kdl_run_setup_set_runs (KdlRunSetup *self,
                        GPtrArray   *runs)
{
  gint64 selected_id = 0;
  guint selected = 0;
  guint n_old;

  g_return_if_fail (KDL_IS_RUN_SETUP (self));

  if (adw_combo_row_get_selected (self->run_row) < self->run_ids->len)
    selected_id = g_array_index (self->run_ids, gint64, adw_combo_row_get_selected (self->run_row));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->runs_model));
  g_array_set_size (self->run_ids, 0);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) labels = NULL;

    /* Newest first: the one to chain onto is usually the last. */
    for (guint i = runs ? runs->len : 0; i > 0; i--)
      {
        const KdlStoreRun *run = g_ptr_array_index (runs, i - 1);
        g_autofree char *label = NULL;

        /* TRANSLATORS: a run in a list: its number, templates and samples */
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Run %lld · %s%s%s · %u sample",
                                              "Run %lld · %s%s%s · %u samples", run->samples),
                                 (long long)run->id,
                                 run->template_name ? run->template_name : "",
                                 run->template_name && run->judge_name ? " → " : "",
                                 run->judge_name ? run->judge_name : "",
                                 run->samples);
        if (run->id == selected_id)
          selected = self->run_ids->len;
        g_strv_builder_add (builder, label);
        g_array_append_val (self->run_ids, run->id);
      }
    labels = g_strv_builder_end (builder);
    gtk_string_list_splice (self->runs_model, 0, n_old, (const char * const *)labels);
  }

  adw_combo_row_set_selected (self->run_row, selected);
  update_rows (self);
}

/**
 * kdl_run_setup_set_source:
 * @run_id: with %KDL_RUN_SOURCE_RUN, the run to work on
 */
void
kdl_run_setup_set_source (KdlRunSetup  *self,
                          KdlRunSource  source,
                          gint64        run_id)
{
  g_return_if_fail (KDL_IS_RUN_SETUP (self));

  adw_combo_row_set_selected (self->source_row, source);
  for (guint i = 0; source == KDL_RUN_SOURCE_RUN && i < self->run_ids->len; i++)
    if (g_array_index (self->run_ids, gint64, i) == run_id)
      adw_combo_row_set_selected (self->run_row, i);
}

/**
 * kdl_run_setup_set_templates:
 * @generate: (nullable): a built-in's name or a user template's path;
 *   %NULL for none
 * @judge: (nullable): the same for the judge
 *
 * Returns: whether both are offered
 */
gboolean
kdl_run_setup_set_templates (KdlRunSetup *self,
                             const char  *generate,
                             const char  *judge)
{
  gboolean found_gen = FALSE, found_judge = FALSE;

  g_return_val_if_fail (KDL_IS_RUN_SETUP (self), FALSE);

  for (guint i = 0; i < self->generate_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->generate_names, i), generate) == 0)
      {
        adw_combo_row_set_selected (self->generate_row, i);
        found_gen = TRUE;
      }
  for (guint i = 0; i < self->judge_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->judge_names, i), judge) == 0)
      {
        adw_combo_row_set_selected (self->judge_row, i);
        found_judge = TRUE;
      }

  return found_gen && found_judge;
}

/**
 * kdl_run_setup_set_judge_preset:
 * @preset: (nullable): a preset id ("lite", …) for the judge stage; %NULL
 *   judges with the generate model
 *
 * Returns: whether the preset is offered
 */
gboolean
kdl_run_setup_set_judge_preset (KdlRunSetup *self,
                                const char  *preset)
{
  g_return_val_if_fail (KDL_IS_RUN_SETUP (self), FALSE);

  if (preset == NULL)
    {
      adw_combo_row_set_selected (self->judge_preset_row, 0);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (judge_presets); i++)
    if (g_str_equal (judge_presets[i], preset))
      {
        adw_combo_row_set_selected (self->judge_preset_row, i + 1);
        return TRUE;
      }

  return FALSE;
}

void
kdl_run_setup_set_limits (KdlRunSetup *self,
                          guint        concurrency,
                          double       qps,
                          guint        variants)
{
  g_return_if_fail (KDL_IS_RUN_SETUP (self));

  kdl_spin_row_set_value (self->concurrency_row, concurrency);
  kdl_spin_row_set_value (self->qps_row, qps);
  kdl_spin_row_set_value (self->variants_row, variants);
}

/**
 * kdl_run_setup_get_estimate:
 *
 * Returns: (nullable): the figures for the form as it is, %NULL while
 *   they are worked out or when the form does not describe a run
 */
const KdlRunEstimate *
kdl_run_setup_get_estimate (KdlRunSetup *self)
{
  g_return_val_if_fail (KDL_IS_RUN_SETUP (self), NULL);

  return self->estimate_id == 0 && !self->estimating ? self->estimate : NULL;
}

/* What went wrong when starting, under the form. */
void
kdl_run_setup_set_message (KdlRunSetup *self,
                           const char  *message)
{
  g_return_if_fail (KDL_IS_RUN_SETUP (self));

  gtk_label_set_text (self->message_label, message ? message : "");
}

/* While the run is created: the spinner turns, the form waits. */
void
kdl_run_setup_set_busy (KdlRunSetup *self,
                        gboolean     busy)
{
  g_return_if_fail (KDL_IS_RUN_SETUP (self));

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_row), !busy);
  if (busy)
    gtk_label_set_text (self->message_label, "");
}
