/* kdl-dataset-view-files.c — how files get into the Dataset view
 *
 * The Open button and Ctrl+O (a file chooser with an encoding choice),
 * recently opened files (GtkRecentManager: a list on the empty page and
 * the Open button's menu), files dropped on the view, and opening the
 * shown file again with another encoding or sheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-dataset-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdl-dataset-view-private.h"

#define MAX_RECENT 8

/* What the user can name; any iconv name works through the CLI. */
static const struct {
  const char *id;     /* NULL: UTF-8, or GB18030 when the file is not UTF-8 and that fits */
  const char *label;
} encodings[] = {
  { NULL, N_("Automatic (UTF-8, or GB18030)") },
  { "UTF-8", N_("UTF-8") },
  { "GB18030", N_("GB18030 (Simplified Chinese, also GBK)") },
  { "BIG5", N_("Big5 (Traditional Chinese)") },
  { "WINDOWS-1252", N_("Windows-1252 (Western European)") },
};

static const char *extensions[] = { ".jsonl", ".csv", ".xlsx" };

static gboolean
is_dataset_name (const char *uri)
{
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize n = strlen (uri), m = strlen (extensions[i]);

      if (n > m && g_ascii_strcasecmp (uri + n - m, extensions[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Recent files */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **)a;
  GtkRecentInfo *ib = *(GtkRecentInfo **)b;

  return -g_date_time_compare (gtk_recent_info_get_modified (ia), gtk_recent_info_get_modified (ib));
}

static GPtrArray *
list_recent (KdlDatasetView *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify)gtk_recent_info_unref);
  const char *app = g_get_prgname ();

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (app != NULL && gtk_recent_info_has_application (info, app) &&
          is_dataset_name (gtk_recent_info_get_uri (info)) &&
          gtk_recent_info_is_local (info))
        g_ptr_array_add (found, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);

  g_ptr_array_sort (found, compare_recent);
  if (found->len > MAX_RECENT)
    g_ptr_array_set_size (found, MAX_RECENT);

  return found;
}

static char *
folder_label (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;
  const char *home = g_get_home_dir ();

  if (path == NULL)
    return g_file_get_uri (file);
  if (g_str_has_prefix (path, home) && (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

static void
refresh_recent (KdlDatasetView *self)
{
  g_autoptr(GPtrArray) recent = list_recent (self);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, row);
  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < recent->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (recent, i);
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *folder = folder_label (file);
      g_autoptr(GMenuItem) item = NULL;
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, g_file_peek_path (file));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), "kdl-uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "dataset.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
    }

  if (recent->len == 0)
    {
      /* An item without an action shows, greyed out. */
      g_menu_append (self->recent_menu, _("No recent datasets"), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_box), recent->len > 0);
}

void
_kdl_dataset_view_add_recent (KdlDatasetView *self,
                              GFile          *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (basename, NULL, 0, NULL);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);
  g_autofree char *exec = g_strconcat (g_get_prgname (), " %u", NULL);
  GtkRecentData data = { 0, };

  /* Registered under the program's name, not the translated application
   * name, so the list survives a change of language. */
  data.mime_type = mime_type != NULL ? mime_type : (char *)"application/octet-stream";
  data.app_name = (char *)g_get_prgname ();
  data.app_exec = exec;
  gtk_recent_manager_add_full (self->recent, uri, &data);
}

static void
open_uri (KdlDatasetView *self,
          const char     *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  kdl_dataset_view_open (self, file, NULL);
}

static void
on_recent_row_activated (KdlDatasetView *self,
                         GtkListBoxRow  *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "kdl-uri");

  if (uri != NULL)
    open_uri (self, uri);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_uri (KDL_DATASET_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* The file chooser */

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     KdlDatasetView  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "encoding");
      g_autoptr(KdlImportOptions) options = kdl_import_options_new ();

      if (choice != NULL && !g_str_equal (choice, "auto"))
        kdl_import_options_set_encoding (options, choice);
      if (file != NULL)
        kdl_dataset_view_open (self, file, options);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) datasets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Open a Dataset"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (datasets, _("Datasets (.jsonl, .csv, .xlsx)"));
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *pattern = g_strconcat ("*", extensions[i], NULL);
      gtk_file_filter_add_pattern (datasets, pattern);
    }
  gtk_file_filter_add_mime_type (datasets, "text/csv");
  gtk_file_filter_add_mime_type (datasets, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), datasets);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_ptr_array_add (ids, (gpointer)(encodings[i].id != NULL ? encodings[i].id : "auto"));
      g_ptr_array_add (labels, (gpointer)_(encodings[i].label));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "encoding", _("Encoding"),
                               (const char **)ids->pdata, (const char **)labels->pdata);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "encoding", "auto");

  if (self->dataset != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (kdl_dataset_get_file (self->dataset));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Drag and drop */

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         KdlDatasetView *self)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  kdl_dataset_view_open (self, file, NULL);
  return TRUE;
}

/* Opening again with other options */

static guint
encoding_index (const char *encoding)
{
  for (guint i = 1; i < G_N_ELEMENTS (encodings); i++)
    if (encoding != NULL && g_ascii_strcasecmp (encoding, encodings[i].id) == 0)
      return i;
  return 0;
}

/**
 * _kdl_dataset_view_sync_options:
 *
 * The options popover shows what the shown dataset was opened with.
 */
void
_kdl_dataset_view_sync_options (KdlDatasetView *self)
{
  const char *sheet = self->options != NULL ? self->options->sheet : NULL;
  gboolean xlsx = self->dataset != NULL &&
                  kdl_dataset_get_format (self->dataset) == KDL_DATASET_FORMAT_XLSX;

  gtk_drop_down_set_selected (self->encoding_dropdown,
                              encoding_index (self->options != NULL ? self->options->encoding : NULL));
  gtk_editable_set_text (GTK_EDITABLE (self->sheet_entry), sheet != NULL ? sheet : "");
  /* A workbook's text is XML in UTF-8: only its sheet is a choice. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_dropdown), self->dataset == NULL || !xlsx);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sheet_entry), xlsx);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sheet_label), xlsx);
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_button), self->dataset != NULL);
}

static void
show_options_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (widget);

  if (self->dataset != NULL)
    gtk_menu_button_popup (self->options_button);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlDatasetView *self = KDL_DATASET_VIEW (widget);
  g_autoptr(KdlImportOptions) options = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *sheet = NULL;
  guint encoding = gtk_drop_down_get_selected (self->encoding_dropdown);

  if (self->dataset == NULL)
    return;

  file = g_object_ref (kdl_dataset_get_file (self->dataset));
  options = kdl_import_options_copy (self->options);
  kdl_import_options_set_encoding (options, encoding < G_N_ELEMENTS (encodings) ? encodings[encoding].id : NULL);
  sheet = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sheet_entry))));
  kdl_import_options_set_sheet (options, sheet[0] != '\0' ? sheet : NULL);

  gtk_menu_button_popdown (self->options_button);
  kdl_dataset_view_open (self, file, options);
}

static void
on_sheet_activate (KdlDatasetView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dataset.reopen", NULL);
}

void
_kdl_dataset_view_init_files (KdlDatasetView *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (self->encoding_model, _(encodings[i].label));

  /* Enter in the sheet's name opens the file again. */
  g_signal_connect_swapped (self->sheet_entry, "activate", G_CALLBACK (on_sheet_activate), self);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  self->recent = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_object (self->recent, "changed", G_CALLBACK (refresh_recent), self, G_CONNECT_SWAPPED);
  refresh_recent (self);
}

void
_kdl_dataset_view_dispose_files (KdlDatasetView *self)
{
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);
  g_clear_object (&self->recent);
}

void
_kdl_dataset_view_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);

  gtk_widget_class_install_action (widget_class, "dataset.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "dataset.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "dataset.show-options", NULL, show_options_action);
  gtk_widget_class_install_action (widget_class, "dataset.reopen", NULL, reopen_action);
}
