/* kdl-test-prompts.c — a Prompts view in a window, with its own XDG data
 * folder per test, and helpers to drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-template.h"
#include "kdl-test-prompts.h"
#include "kdl-test-util.h"

/**
 * kdl_test_prompts_init:
 *
 * gtk_test_init() ignores test options, and each test needs its own data
 * folder (user templates land in ~/.local/share/kindling/templates): this
 * is gtk_test_init() with G_TEST_OPTION_ISOLATE_DIRS.  The isolation also
 * hides the system's data folders (no GtkSourceView style schemes, which
 * the editor does without).
 */
void
kdl_test_prompts_init (int    *argc,
                       char ***argv)
{
  kdl_test_require_session ("a display");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
}

typedef struct
{
  Fixture *fixture;
  guint    renders;
} RenderWait;

static gboolean
view_ready (gpointer data)
{
  Fixture *fixture = data;

  return kdl_prompts_view_get_entry (fixture->view) != NULL && !kdl_prompts_view_get_busy (fixture->view);
}

static gboolean
view_idle (gpointer data)
{
  Fixture *fixture = data;

  return !kdl_prompts_view_get_busy (fixture->view);
}

/* Waits until the view's file work is done. */
void
kdl_test_prompts_wait_idle (Fixture *fixture)
{
  kdl_test_wait_until (view_idle, fixture, 10000);
}

void
kdl_test_prompts_set_up (Fixture       *fixture,
                         gconstpointer  data)
{
  fixture->workspace = kdl_workspace_new (NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 760);
  fixture->view = KDL_PROMPTS_VIEW (kdl_prompts_view_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *)&fixture->view);
  kdl_prompts_view_set_workspace (fixture->view, fixture->workspace);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);

  fixture->editor = kdl_prompts_view_get_editor (fixture->view);
  fixture->preview = kdl_prompts_view_get_preview (fixture->view);
  fixture->buffer = GTK_TEXT_BUFFER (kdl_template_editor_get_buffer (fixture->editor));

  kdl_test_wait_until (view_ready, fixture, 10000);
}

static gboolean
view_gone (gpointer data)
{
  return ((Fixture *)data)->view == NULL;
}

void
kdl_test_prompts_tear_down (Fixture       *fixture,
                            gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      kdl_test_wait_until (view_idle, fixture, 10000);
      gtk_window_destroy (fixture->window);
    }
  /* Nothing keeps the view alive once its work is done. */
  kdl_test_wait_until (view_gone, fixture, 10000);
  g_assert_finalize_object (fixture->workspace);
}

void
kdl_test_prompts_set_text (Fixture    *fixture,
                           const char *text)
{
  gtk_text_buffer_set_text (fixture->buffer, text, -1);
}

char *
kdl_test_prompts_get_text (Fixture *fixture)
{
  return kdl_template_editor_dup_body (fixture->editor);
}

static gboolean
rendered_since (gpointer data)
{
  RenderWait *wait = data;

  return kdl_template_preview_get_n_renders (wait->fixture->preview) > wait->renders;
}

/* Waits for the throttled update after an edit. */
void
kdl_test_prompts_wait_render (Fixture *fixture,
                              guint    renders)
{
  RenderWait wait = { fixture, renders };

  kdl_test_wait_until (rendered_since, &wait, 5000);
}

KdlTemplateEntry *
kdl_test_prompts_find_entry (Fixture    *fixture,
                             const char *name,
                             const char *language)
{
  KdlTemplateEntry *entry = kdl_template_library_find (kdl_prompts_view_get_library (fixture->view), name, language);

  g_assert_nonnull (entry);
  return entry;
}

void
kdl_test_prompts_open (Fixture    *fixture,
                       const char *name,
                       const char *language)
{
  KdlTemplateEntry *entry = kdl_test_prompts_find_entry (fixture, name, language);

  kdl_prompts_view_open (fixture->view, entry);
  g_assert_true (kdl_prompts_view_get_entry (fixture->view) == entry);
  g_assert_false (kdl_template_editor_get_modified (fixture->editor));
}

void
kdl_test_prompts_activate (Fixture    *fixture,
                           const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), action, NULL));
  kdl_test_wait_until (view_idle, fixture, 10000);
}

AdwMessageDialog *
kdl_test_prompts_find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Answers the dialog the last step opened. */
void
kdl_test_prompts_respond (Fixture    *fixture,
                          const char *response)
{
  AdwMessageDialog *dialog = kdl_test_prompts_find_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* As a click does: the response, then the dialog closes. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  kdl_test_wait_until (view_idle, fixture, 10000);
}

char *
kdl_test_prompts_user_file (const char *base)
{
  g_autofree char *dir = kdl_template_get_user_dir ();

  return g_build_filename (dir, base, NULL);
}

char *
kdl_test_prompts_read (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&text);
}

