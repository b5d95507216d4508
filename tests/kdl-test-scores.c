/* kdl-test-scores.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "kdl-test-scores.h"
#include "kdl-test-util.h"

static char *tmp_dir;

/* GTK 4.8 sometimes warns that it snapshots a scrollbar's or a slider's
 * gizmo before allocating it, when content grows under load (seen with
 * the export preview); harmless, and not ours to fix.  Every other
 * warning stays fatal. */
static gboolean
is_gizmo_warning (const char *log_domain,
                  const char *message)
{
  return g_strcmp0 (log_domain, "Gtk") == 0 && message != NULL &&
         g_str_has_prefix (message, "Trying to snapshot GtkGizmo") &&
         g_str_has_suffix (message, "without a current allocation");
}

/* GTK logs through structured logging, which g_test_log_set_fatal_handler()
 * does not see: warnings are made non-fatal (criticals stay fatal) and this
 * writer fails the test for every warning but that one. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) && !is_gizmo_warning (domain, message))
    g_test_fail_printf ("unexpected warning: %s-WARNING: %s", domain ? domain : "?", message ? message : "");

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);

  remove_tree (dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* Folders of our own (the fixtures write projects and exports there), a
 * display, libadwaita.  Not G_TEST_OPTION_ISOLATE_DIRS: it hides the
 * system's XDG_DATA_DIRS, and without shared-mime-info GTK cannot load
 * its own SVG icons. */
void
kdl_test_scores_init (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };

  kdl_test_require_session ("a display");

  tmp_dir = g_dir_make_tmp ("kdl-scores-test-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (names[i], path, TRUE);
    }
  atexit (remove_tmp_dir);

  g_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_init ();
  adw_init ();
}

/* A window showing @child, drawn once. */
GtkWidget *
kdl_test_scores_window (GtkWidget *child)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  return window;
}

static gboolean
not_busy (gpointer object)
{
  gboolean busy = TRUE;

  g_object_get (object, "busy", &busy, NULL);
  return !busy;
}

/* Until @object's "busy" property has been FALSE for a few iterations:
 * one read often starts another. */
void
kdl_test_wait_not_busy (gpointer object)
{
  for (guint quiet = 0; quiet < 3;)
    {
      kdl_test_wait_until (not_busy, object, 20000);
      kdl_test_spin (30);
      quiet = not_busy (object) ? quiet + 1 : 0;
    }
}

GtkWindow *
kdl_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return kdl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Answers the message dialog that is (or is about to be) open.
 * Returns: its heading */
char *
kdl_test_respond (const char *response)
{
  GtkWindow *dialog;
  char *heading;

  kdl_test_wait_until (has_message_dialog, NULL, 10000);
  dialog = kdl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_test_message ("dialog: %s — %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                  adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  heading = g_strdup (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);

  return heading;
}

/* An item's own verdict, read again from the file. */
KdlStoreVerdict
kdl_test_read_verdict (const char *path,
                       gint64      item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_reader_open (path, &error);
  g_autoptr(KdlStoreItem) item = NULL;

  g_assert_no_error (error);
  item = kdl_store_reader_get_item (reader, item_id, &error);
  g_assert_no_error (error);

  return item->verdict;
}

/* Every item of @run_id → its own verdict (GINT_TO_POINTER). */
GHashTable *
kdl_test_read_verdicts (const char *path,
                        gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdlStoreReader) reader = kdl_store_reader_open (path, &error);
  g_autoptr(GArray) ids = NULL;
  GHashTable *verdicts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  KdlStoreItemQuery query;

  g_assert_no_error (error);
  kdl_store_item_query_init (&query, run_id);
  ids = kdl_store_reader_query_items (reader, &query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdlStoreItem) item = kdl_store_reader_get_item (reader, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_hash_table_insert (verdicts, g_memdup2 (&item->id, sizeof item->id), GINT_TO_POINTER (item->verdict));
    }

  return verdicts;
}

/* The same ids in the same order. */
void
kdl_test_assert_ids (GArray *ids,
                     GArray *expected)
{
  for (guint i = 0; i < MIN (ids->len, expected->len); i++)
    if (g_array_index (ids, gint64, i) != g_array_index (expected, gint64, i))
      g_error ("id %u: %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT, i,
               g_array_index (ids, gint64, i), g_array_index (expected, gint64, i));
  g_assert_cmpuint (ids->len, ==, expected->len);
}
