/* kdl-test-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-settings.h"
#include "kdl-test-gui.h"
#include "kdl-test-util.h"

/* The app's settings, every key back to its default (the memory backend
 * keeps values between tests of one program). */
GSettings *
kdl_test_settings_new_reset (void)
{
  GSettings *settings = kdl_settings_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdlCredentials) keys = kdl_credential_store_load_finish (KDL_CREDENTIAL_STORE (object), result, NULL);

  *(gboolean *)user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* Loads @store and waits for it (10 s at most). */
void
kdl_test_load_store (KdlCredentialStore *store)
{
  gboolean loaded = FALSE;

  kdl_credential_store_load_async (store, NULL, on_loaded, &loaded);
  kdl_test_wait_until (is_true, &loaded, 10000);
}

/* For kdl_test_wait_until(): nothing but the test holds @object. */
gboolean
kdl_test_only_ref (gpointer object)
{
  return G_OBJECT (object)->ref_count == 1;
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find (GtkWidget     *root,
      Match          match,
      gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

/* The first widget of @type under @root, depth first. */
GtkWidget *
kdl_test_find_widget (GtkWidget *root,
                      GType      type)
{
  return find (root, is_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
kdl_test_find_button (GtkWidget  *root,
                      const char *label)
{
  return find (root, is_button, label);
}

GtkWidget *
kdl_test_find_label (GtkWidget  *root,
                     const char *text)
{
  return find (root, is_label, text);
}

GtkWidget *
kdl_test_find_with_class (GtkWidget  *root,
                          const char *css_class)
{
  return find (root, has_class, css_class);
}
