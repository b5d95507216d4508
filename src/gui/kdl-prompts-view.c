/* kdl-prompts-view.c — the Prompts view: templates, editor, live preview
 *
 * The template list (KdlTemplateList over a KdlTemplateLibrary), the editor
 * of the open template (KdlTemplateEditor) and its preview for the
 * workspace's current row (KdlTemplatePreview).  This file follows the
 * workspace and keeps the three in step; the actions (save, duplicate,
 * rename, delete, revert, import, export) are in kdl-prompts-view-actions.c.
 *
 * The preview row is the workspace's current-position in its dataset (the
 * first row when there is none).  For judge templates {generated} is the
 * row's original questions (or the reference example), a stand-in reply.
 * A built-in follows the dataset's language (a Chinese task never previews
 * the English prompt) unless it has unsaved changes.
 *
 * Unsaved changes are never lost without asking: opening another template
 * or closing the window asks to save or discard them first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-prompts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-prompts-view.h"
#include "kdl-prompts-view-private.h"
#include "kdl-row-vars.h"
#include "kdl-run-plan.h"
#include "kdl-window.h"

G_DEFINE_FINAL_TYPE (KdlPromptsView, kdl_prompts_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_TEMPLATE "rebuild"

void
_kdl_prompts_view_toast (KdlPromptsView *self,
                         const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static int
effective_position (KdlPromptsView *self,
                    KdlDataset     *dataset)
{
  int position = kdl_workspace_get_current_position (self->workspace);
  guint n = kdl_dataset_get_n_loaded (dataset);

  if (n == 0)
    return -1;

  return CLAMP (position, 0, (int)n - 1);
}

static KdlDataset *
get_dataset (KdlPromptsView *self)
{
  return self->workspace != NULL ? kdl_workspace_get_dataset (self->workspace) : NULL;
}

/* Without a dataset each variable shows as ⟨name⟩: the prompt's shape. */
static GHashTable *
marker_variables (void)
{
  const char * const *names = kdl_template_standard_variables ();
  GHashTable *vars = kdl_template_variables_new ();

  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_insert (vars, g_strdup (names[i]), g_strdup_printf ("⟨%s⟩", names[i]));

  return vars;
}

static gboolean
uses_variable (const char *body,
               const char *name)
{
  g_autoptr(GPtrArray) placeholders = kdl_template_scan_placeholders (body, -1, 1, NULL);

  for (guint i = 0; i < placeholders->len; i++)
    if (g_str_equal (((KdlPlaceholder *)g_ptr_array_index (placeholders, i))->name, name))
      return TRUE;

  return FALSE;
}

static char *
language_warning (KdlPromptsView *self)
{
  const char *language = self->entry != NULL ? kdl_template_entry_get_language (self->entry) : NULL;

  if (language == NULL || self->dataset_language == NULL ||
      g_str_equal (language, self->dataset_language))
    return NULL;

  if (g_str_equal (self->dataset_language, "zh"))
    return g_strdup (_("This template is written in English, but the dataset’s passages are Chinese: "
                       "pick the Chinese version for a Chinese task."));

  return g_strdup (_("This template is written in Chinese, but the dataset’s passages are English: "
                     "pick the English version for an English task."));
}

static void
update_preview (KdlPromptsView *self)
{
  g_autoptr(KdlTemplate) template = NULL;
  g_autoptr(GHashTable) markers = NULL;
  g_autofree char *body = NULL;
  g_autofree char *warning = NULL;
  const char *info = NULL;

  if (self->entry == NULL)
    {
      kdl_template_preview_clear (self->preview);
      return;
    }

  /* Only the body and kind matter here: a half-typed score pattern does
   * not stop the preview. */
  body = kdl_template_editor_dup_body (self->editor);
  template = kdl_template_new (kdl_template_entry_get_name (self->entry), kdl_template_editor_get_kind (self->editor));
  kdl_template_set_body (template, body);

  if (self->row_vars == NULL)
    {
      markers = marker_variables ();
      info = _("No dataset is open, so each variable shows as ⟨name⟩. Open a dataset in the Dataset view to see a row’s prompt.");
    }
  else if (uses_variable (body, "generated"))
    info = _("{generated} shows this row’s original questions as a stand-in for the reply being judged.");

  warning = language_warning (self);
  kdl_template_preview_set_notes (self->preview, info, warning);
  kdl_template_preview_render (self->preview, template, self->row_vars ? self->row_vars : markers);
}

static void
update_row (KdlPromptsView *self)
{
  KdlDataset *dataset = get_dataset (self);
  g_autoptr(KdlRecord) record = NULL;
  int position = dataset != NULL ? effective_position (self, dataset) : -1;

  g_clear_pointer (&self->row_vars, g_hash_table_unref);

  if (position >= 0)
    record = kdl_dataset_get_record (dataset, position);

  if (record != NULL)
    {
      g_autoptr(KdlColumnMap) map = kdl_dataset_dup_column_map (dataset);
      g_autofree char *label = NULL;
      const char *mcq;

      self->row_vars = kdl_row_vars_new (map, record);

      /* A judge needs a reply to judge: the row's own questions, or the
       * reference example when the row has none. */
      mcq = g_hash_table_lookup (self->row_vars, "mcq");
      if (!g_hash_table_contains (self->row_vars, "generated"))
        g_hash_table_insert (self->row_vars, g_strdup ("generated"),
                             mcq != NULL && mcq[0] != '\0'
                               ? g_strdup (mcq)
                               : g_strdup (g_hash_table_lookup (self->row_vars, "reference")));

      /* Translators: which row the preview shows: "Row 12 (3 of 8)" */
      label = g_strdup_printf (_("Row %u (%d of %u)"), kdl_record_get_row (record), position + 1,
                               kdl_dataset_get_n_loaded (dataset));
      kdl_template_preview_set_row_label (self->preview, label);
    }
  else
    kdl_template_preview_set_row_label (self->preview, dataset != NULL ? _("The dataset has no rows") : _("No dataset"));

  kdl_template_editor_set_variables (self->editor, self->row_vars);
  _kdl_prompts_view_update_actions (self);
  update_preview (self);
}

/* A built-in in the other language than the passages: its twin instead. */
static void
follow_language (KdlPromptsView *self)
{
  KdlTemplateEntry *twin;

  if (self->entry == NULL || self->dataset_language == NULL ||
      !kdl_template_entry_is_builtin (self->entry) ||
      kdl_template_editor_get_modified (self->editor) ||
      g_strcmp0 (kdl_template_entry_get_language (self->entry), self->dataset_language) == 0)
    return;

  twin = kdl_template_library_find (self->library, kdl_template_entry_get_name (self->entry), self->dataset_language);
  if (twin != NULL && kdl_template_entry_is_builtin (twin))
    _kdl_prompts_view_open_now (self, twin);
}

static void
on_dataset_changed (KdlPromptsView *self)
{
  KdlDataset *dataset = get_dataset (self);

  /* A new mapping or the rest of the rows change the variables too. */
  g_signal_group_set_target (self->dataset_signals, dataset);

  g_clear_pointer (&self->dataset_language, g_free);
  if (dataset != NULL && kdl_dataset_get_n_loaded (dataset) > 0)
    self->dataset_language = kdl_run_plan_detect_language (dataset);

  follow_language (self);
  update_row (self);
}

/* The language is known once rows are there; the full index may follow. */
static void
on_rows_available (KdlPromptsView *self,
                   guint           n_loaded)
{
  on_dataset_changed (self);
}

static void
update_title (KdlPromptsView *self)
{
  gboolean modified = kdl_template_editor_get_modified (self->editor);

  gtk_widget_set_visible (GTK_WIDGET (self->modified_label), self->entry != NULL && modified);
  kdl_template_list_set_modified (self->template_list, modified);

  if (self->entry == NULL)
    {
      gtk_label_set_text (self->title_label, _("No template open"));
      gtk_label_set_text (self->subtitle_label, "");
      return;
    }

  gtk_label_set_text (self->title_label, kdl_template_entry_get_name (self->entry));

  {
    g_autofree char *kind = kdl_template_list_describe (self->entry);
    GFile *file = kdl_template_entry_get_file (self->entry);

    gtk_label_set_text (self->subtitle_label, kind);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), file != NULL ? g_file_peek_path (file) : NULL);
  }
}

static void
on_modified_changed (KdlPromptsView *self)
{
  update_title (self);
  _kdl_prompts_view_update_actions (self);
}

static void
on_entry_notify (KdlPromptsView *self)
{
  update_title (self);
  _kdl_prompts_view_update_actions (self);
}

/* Opens @entry in the editor, dropping unsaved changes (callers asked). */
void
_kdl_prompts_view_open_now (KdlPromptsView   *self,
                            KdlTemplateEntry *entry)
{
  g_autoptr(KdlTemplate) template = NULL;

  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_func (self->entry, on_entry_notify, self);
  g_set_object (&self->entry, entry);

  if (entry != NULL)
    {
      g_signal_connect_object (entry, "notify", G_CALLBACK (on_entry_notify), self, G_CONNECT_SWAPPED);
      template = kdl_template_entry_dup_template (entry);
      /* Loading emits ::changed, which renders the preview. */
      kdl_template_editor_set_template (self->editor, template, kdl_template_entry_is_builtin (entry));
    }
  else
    update_preview (self);

  kdl_template_list_select (self->template_list, entry);
  update_title (self);
  _kdl_prompts_view_update_actions (self);
}

/* The default template, in the dataset's language (Chinese without one). */
void
_kdl_prompts_view_open_default (KdlPromptsView *self)
{
  const char *language = self->dataset_language != NULL ? self->dataset_language : "zh";

  _kdl_prompts_view_open_now (self, kdl_template_library_find (self->library, DEFAULT_TEMPLATE, language));
}

static void
open_selected (KdlPromptsView *self,
               gpointer        data)
{
  _kdl_prompts_view_open_now (self, data);
}

static void
keep_open (KdlPromptsView *self,
           gpointer        data)
{
  kdl_template_list_select (self->template_list, self->entry);
}

/**
 * kdl_prompts_view_open:
 * @entry: an entry of kdl_prompts_view_get_library()
 *
 * Opens @entry in the editor; with unsaved changes, asks first whether to
 * save or discard them.
 */
void
kdl_prompts_view_open (KdlPromptsView   *self,
                       KdlTemplateEntry *entry)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (KDL_IS_PROMPTS_VIEW (self));
  g_return_if_fail (entry == NULL || KDL_IS_TEMPLATE_ENTRY (entry));

  if (entry == self->entry)
    return;

  if (self->entry == NULL || !kdl_template_editor_get_modified (self->editor))
    {
      _kdl_prompts_view_open_now (self, entry);
      return;
    }

  heading = g_strdup_printf (_("Save Changes to “%s”?"), kdl_template_entry_get_name (self->entry));
  _kdl_prompts_view_settle (self, heading, open_selected, keep_open,
                            entry != NULL ? g_object_ref (entry) : NULL, g_object_unref);
}

static void
on_list_selected (KdlPromptsView *self)
{
  KdlTemplateEntry *picked = kdl_template_list_get_selected (self->template_list);

  if (picked == NULL || picked == self->entry)
    return;

  /* A reload made a new object for the open template: the same one. */
  if (self->entry != NULL &&
      g_strcmp0 (kdl_template_entry_get_key (picked), kdl_template_entry_get_key (self->entry)) == 0)
    {
      g_signal_handlers_disconnect_by_func (self->entry, on_entry_notify, self);
      g_set_object (&self->entry, picked);
      g_signal_connect_object (picked, "notify", G_CALLBACK (on_entry_notify), self, G_CONNECT_SWAPPED);
      update_title (self);
      return;
    }

  kdl_prompts_view_open (self, picked);
}

static void
on_library_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KdlPromptsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdl_template_library_reload_finish (KDL_TEMPLATE_LIBRARY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _kdl_prompts_view_toast (self, error->message);
      return;
    }

  if (self->entry == NULL)
    _kdl_prompts_view_open_default (self);
  _kdl_prompts_view_update_actions (self);
}

/* Judges get the score bench beside the preview. */
static void
update_bench (KdlPromptsView *self)
{
  gboolean judge = self->entry != NULL && kdl_template_editor_get_kind (self->editor) == KDL_TEMPLATE_KIND_JUDGE;

  gtk_widget_set_visible (self->bench_switcher, judge);
  if (!judge)
    gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  else
    kdl_score_bench_set_judge (self->bench,
                               kdl_template_editor_get_score_max (self->editor),
                               kdl_template_editor_get_score_pattern (self->editor));
}

static void
on_editor_changed (KdlPromptsView *self)
{
  update_bench (self);
  update_preview (self);
}

/* Closing the window with unsaved changes asks first. */
static gboolean
close_later (gpointer data)
{
  gtk_window_close (data);
  return G_SOURCE_REMOVE;
}

static void
close_window (KdlPromptsView *self,
              gpointer        data)
{
  self->close_confirmed = TRUE;
  /* After the dialog has gone: it is transient for this window. */
  if (self->window != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self->window), g_object_unref);
}

static gboolean
on_close_request (KdlPromptsView *self)
{
  g_autofree char *heading = NULL;

  if (self->close_confirmed || self->entry == NULL || !kdl_template_editor_get_modified (self->editor))
    return FALSE;

  if (KDL_IS_WINDOW (self->window))
    kdl_window_show_view (KDL_WINDOW (self->window), "prompts");

  heading = g_strdup_printf (_("Save Changes to “%s”?"), kdl_template_entry_get_name (self->entry));
  _kdl_prompts_view_settle (self, heading, close_window, NULL, NULL, NULL);

  return TRUE;
}

static void
kdl_prompts_view_root (GtkWidget *widget)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (kdl_prompts_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_signal_connect_object (root, "close-request", G_CALLBACK (on_close_request), self, G_CONNECT_SWAPPED);
    }
}

static void
kdl_prompts_view_unroot (GtkWidget *widget)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (widget);

  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->window, on_close_request, self);
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (kdl_prompts_view_parent_class)->unroot (widget);
}

static void
kdl_prompts_view_dispose (GObject *object)
{
  KdlPromptsView *self = (KdlPromptsView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->workspace_signals != NULL)
    g_signal_group_set_target (self->workspace_signals, NULL);
  if (self->dataset_signals != NULL)
    g_signal_group_set_target (self->dataset_signals, NULL);

  /* The toast overlay is both AdwBin's child and a template child: the
   * bin lets go of it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_PROMPTS_VIEW);

  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->dataset_signals);
  g_clear_object (&self->workspace);
  g_clear_object (&self->entry);
  g_clear_object (&self->library);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kdl_prompts_view_parent_class)->dispose (object);
}

static void
kdl_prompts_view_finalize (GObject *object)
{
  KdlPromptsView *self = (KdlPromptsView *)object;

  g_clear_pointer (&self->row_vars, g_hash_table_unref);
  g_clear_pointer (&self->dataset_language, g_free);

  G_OBJECT_CLASS (kdl_prompts_view_parent_class)->finalize (object);
}

static void
kdl_prompts_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_prompts_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdlPromptsView *self = KDL_PROMPTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      kdl_prompts_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_prompts_view_class_init (KdlPromptsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_prompts_view_dispose;
  object_class->finalize = kdl_prompts_view_finalize;
  object_class->get_property = kdl_prompts_view_get_property;
  object_class->set_property = kdl_prompts_view_set_property;
  widget_class->root = kdl_prompts_view_root;
  widget_class->unroot = kdl_prompts_view_unroot;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, KDL_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KdlPromptsView:busy:
   *
   * A file operation (save, rename…) is running; the actions wait.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_TEMPLATE_LIST);
  g_type_ensure (KDL_TYPE_TEMPLATE_EDITOR);
  g_type_ensure (KDL_TYPE_TEMPLATE_PREVIEW);
  g_type_ensure (KDL_TYPE_SCORE_BENCH);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-prompts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, template_list);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, modified_label);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, editor);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, preview);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, bench_switcher);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, KdlPromptsView, bench);

  _kdl_prompts_view_class_init_actions (widget_class);
}

static void
kdl_prompts_view_init (KdlPromptsView *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->library = kdl_template_library_new (NULL);
  kdl_template_list_set_library (self->template_list, self->library);

  self->workspace_signals = g_signal_group_new (KDL_TYPE_WORKSPACE);
  g_signal_group_connect_object (self->workspace_signals, "notify::dataset",
                                 G_CALLBACK (on_dataset_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workspace_signals, "notify::current-position",
                                 G_CALLBACK (update_row), self, G_CONNECT_SWAPPED);

  self->dataset_signals = g_signal_group_new (KDL_TYPE_DATASET);
  g_signal_group_connect_object (self->dataset_signals, "mapping-changed",
                                 G_CALLBACK (update_row), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->dataset_signals, "rows-available",
                                 G_CALLBACK (on_rows_available), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->template_list, "notify::selected", G_CALLBACK (on_list_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "changed", G_CALLBACK (on_editor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::modified", G_CALLBACK (on_modified_changed), self, G_CONNECT_SWAPPED);

  buffer = GTK_TEXT_BUFFER (kdl_template_editor_get_buffer (self->editor));
  g_signal_connect_object (buffer, "notify::can-undo", G_CALLBACK (_kdl_prompts_view_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::can-redo", G_CALLBACK (_kdl_prompts_view_update_actions), self, G_CONNECT_SWAPPED);

  update_title (self);
  update_row (self);

  kdl_template_library_reload_async (self->library, self->cancellable, on_library_loaded, g_object_ref (self));
}

GtkWidget *
kdl_prompts_view_new (void)
{
  return g_object_new (KDL_TYPE_PROMPTS_VIEW, NULL);
}

/* Returns: (transfer none) (nullable) */
KdlWorkspace *
kdl_prompts_view_get_workspace (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), NULL);
  return self->workspace;
}

/**
 * kdl_prompts_view_set_workspace:
 * @workspace: (nullable): the window's workspace; its dataset and
 *   current-position choose the previewed row
 */
void
kdl_prompts_view_set_workspace (KdlPromptsView *self,
                                KdlWorkspace   *workspace)
{
  g_return_if_fail (KDL_IS_PROMPTS_VIEW (self));
  g_return_if_fail (workspace == NULL || KDL_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  g_signal_group_set_target (self->workspace_signals, workspace);
  on_dataset_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* Returns: (transfer none): the templates the list shows */
KdlTemplateLibrary *
kdl_prompts_view_get_library (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), NULL);
  return self->library;
}

/* Returns: (transfer none) (nullable): the template open in the editor */
KdlTemplateEntry *
kdl_prompts_view_get_entry (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), NULL);
  return self->entry;
}

gboolean
kdl_prompts_view_get_busy (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), FALSE);
  return self->busy > 0;
}

/* A file operation starts (+1) or ends (-1). */
void
_kdl_prompts_view_add_busy (KdlPromptsView *self,
                            int             delta)
{
  gboolean was_busy = self->busy > 0;

  g_assert (delta > 0 || self->busy > 0);
  self->busy += delta;

  if (was_busy != (self->busy > 0))
    {
      _kdl_prompts_view_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* Moves the previewed row by @delta within the dataset. */
void
_kdl_prompts_view_move_row (KdlPromptsView *self,
                            int             delta)
{
  KdlDataset *dataset = get_dataset (self);
  int position;

  if (dataset == NULL || (position = effective_position (self, dataset)) < 0)
    return;

  position = CLAMP (position + delta, 0, (int)kdl_dataset_get_n_loaded (dataset) - 1);
  kdl_workspace_set_current_position (self->workspace, position);
}

KdlTemplateList *
kdl_prompts_view_get_list (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), NULL);
  return self->template_list;
}

KdlTemplateEditor *
kdl_prompts_view_get_editor (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), NULL);
  return self->editor;
}

KdlTemplatePreview *
kdl_prompts_view_get_preview (KdlPromptsView *self)
{
  g_return_val_if_fail (KDL_IS_PROMPTS_VIEW (self), NULL);
  return self->preview;
}
