/* kdl-window.c
 *
 * The views are separate widgets (kdl-*-view.c), each in one page of the
 * AdwViewStack; this file only holds them together, remembers the size and
 * the last view, labels the simulator when it is in use, and shows the
 * first-run bar while there are no keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-application.h"
#include "kdl-dataset-view.h"
#include "kdl-prompts-view.h"
#include "kdl-run-view.h"
#include "kdl-scores-view.h"
#include "kdl-window.h"
#include "kdl-workspace.h"

struct _KdlWindow
{
  AdwApplicationWindow  parent_instance;

  KdlSession           *session;
  KdlWorkspace         *workspace;
  GCancellable         *cancellable;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *simulator_tag;
  GtkRevealer          *first_run_revealer;
  AdwViewStack         *stack;
};

G_DEFINE_FINAL_TYPE (KdlWindow, kdl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_first_run (KdlWindow *self)
{
  KdlCredentialStore *store = kdl_session_get_credential_store (self->session);

  /* Not before the keyring answered: saved keys would flash the bar. */
  gtk_revealer_set_reveal_child (self->first_run_revealer,
                                 kdl_credential_store_get_loaded (store) &&
                                 !kdl_session_get_can_call (self->session));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kdl_window_show_view (KDL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A run belongs to its window: closing the window stops it (resumable),
 * or it would go on spending tokens with nothing on screen to stop it. */
static void
stop_runner (KdlWindow *self)
{
  KdlRunner *runner = self->workspace ? kdl_workspace_get_runner (self->workspace) : NULL;

  if (runner != NULL)
    kdl_runner_cancel (runner);
}

static gboolean
kdl_window_close_request (GtkWindow *window)
{
  KdlWindow *self = KDL_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      /* The schema's range: a window that was never sized reports 0. */
      if (width >= 200 && height >= 200)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  stop_runner (self);

  return GTK_WINDOW_CLASS (kdl_window_parent_class)->close_request (window);
}

static void
on_store_opened (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KdlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdl_workspace_open_store_finish (KDL_WORKSPACE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the project: %s"), error->message);
      kdl_window_add_toast (self, adw_toast_new (text));
    }
}

/* Every view that has a "workspace" property gets the window's. */
static void
share_workspace (KdlWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (self->stack));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "workspace") != NULL)
        g_object_set (child, "workspace", self->workspace, NULL);
    }
}

static void
kdl_window_constructed (GObject *object)
{
  KdlWindow *self = (KdlWindow *)object;
  KdlCredentialStore *store;

  G_OBJECT_CLASS (kdl_window_parent_class)->constructed (object);

  g_assert (KDL_IS_SESSION (self->session));

  self->settings = g_object_ref (kdl_session_get_settings (self->session));
  store = kdl_session_get_credential_store (self->session);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "last-view", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  g_object_bind_property (self->session, "using-simulator", self->simulator_tag, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "provider-label", self->switcher_title, "subtitle",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->session, "notify::can-call", G_CALLBACK (update_first_run), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::loaded", G_CALLBACK (update_first_run), self,
                           G_CONNECT_SWAPPED);
  update_first_run (self);

  self->workspace = kdl_workspace_new (self->session);
  self->cancellable = g_cancellable_new ();
  share_workspace (self);
  kdl_workspace_open_store_async (self->workspace, NULL, self->cancellable, on_store_opened,
                                  g_object_ref (self));
}

static void
kdl_window_dispose (GObject *object)
{
  KdlWindow *self = (KdlWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_runner (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (kdl_window_parent_class)->dispose (object);
}

static void
kdl_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KdlWindow *self = KDL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KdlWindow *self = KDL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_window_class_init (KdlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kdl_window_constructed;
  object_class->dispose = kdl_window_dispose;
  object_class->get_property = kdl_window_get_property;
  object_class->set_property = kdl_window_set_property;
  window_class->close_request = kdl_window_close_request;

  /* Construct-only: "application" is set only after constructed(). */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KDL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KDL_TYPE_DATASET_VIEW);
  g_type_ensure (KDL_TYPE_PROMPTS_VIEW);
  g_type_ensure (KDL_TYPE_RUN_VIEW);
  g_type_ensure (KDL_TYPE_SCORES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KdlWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KdlWindow, simulator_tag);
  gtk_widget_class_bind_template_child (widget_class, KdlWindow, first_run_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdlWindow, stack);

  /* Alt+1…4 are set on the application (kdl-application.c). */
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
}

static void
kdl_window_init (KdlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

KdlWindow *
kdl_window_new (KdlApplication *application)
{
  g_return_val_if_fail (KDL_IS_APPLICATION (application), NULL);

  return g_object_new (KDL_TYPE_WINDOW,
                       "application", application,
                       "session", kdl_application_get_session (application),
                       NULL);
}

/**
 * kdl_window_get_workspace:
 *
 * Returns: (transfer none): what the window's views share
 */
KdlWorkspace *
kdl_window_get_workspace (KdlWindow *self)
{
  g_return_val_if_fail (KDL_IS_WINDOW (self), NULL);

  return self->workspace;
}

KdlSession *
kdl_window_get_session (KdlWindow *self)
{
  g_return_val_if_fail (KDL_IS_WINDOW (self), NULL);

  return self->session;
}

void
kdl_window_add_toast (KdlWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (KDL_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * kdl_window_show_view:
 * @name: "dataset", "prompts", "run" or "scores"
 */
void
kdl_window_show_view (KdlWindow  *self,
                      const char *name)
{
  g_return_if_fail (KDL_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No view called “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
kdl_window_get_visible_view (KdlWindow *self)
{
  g_return_val_if_fail (KDL_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}
