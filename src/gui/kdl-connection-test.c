/* kdl-connection-test.c
 *
 * Sends one short prompt through the provider the session would use for a
 * run, and shows the reply as it streams in, or the classified error with
 * what to do.  Everything is asynchronous; disposing the widget (closing
 * Preferences) cancels the call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-connection-test"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-connection-test.h"

/* A real model answers this in a few tokens. */
#define TEST_MAX_TOKENS 256

struct _KdlConnectionTest
{
  AdwPreferencesGroup  parent_instance;

  KdlSession          *session;
  GCancellable        *cancellable;
  GString             *reply;
  char                *error;
  char                *label;
  gboolean             simulator;  /* the running test goes to the simulator */
  guint                scroll_tick;

  AdwActionRow        *test_row;
  GtkSpinner          *spinner;
  GtkButton           *test_button;
  GtkBox              *result_box;
  GtkLabel            *result_title;
  GtkBox              *reply_card;
  GtkLabel            *reply_label;
  GtkLabel            *error_label;
  GtkLabel            *usage_label;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RUNNING,
  N_PROPS
};

enum {
  PREPARE,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdlConnectionTest, kdl_connection_test, ADW_TYPE_PREFERENCES_GROUP)

/**
 * kdl_connection_test_get_prompt:
 *
 * Returns: the prompt the test sends, in the user's language
 */
const char *
kdl_connection_test_get_prompt (void)
{
  return _("Say hello in one short sentence.");
}

static void
update_subtitle (KdlConnectionTest *self)
{
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;

  if (self->session == NULL)
    return;

  label = kdl_session_dup_provider_label (self->session);
  if (kdl_session_get_using_simulator (self->session))
    subtitle = g_strdup (_("Sends one short prompt to the offline simulator and shows the reply."));
  else
    /* Translators: %s is a model, e.g. “Spark Max”, or a custom endpoint */
    subtitle = g_strdup_printf (_("Sends one short prompt to %s and shows the reply."), label);
  adw_action_row_set_subtitle (self->test_row, subtitle);
}

/* The result appears below the button, often below the window's edge:
 * scroll the page down to it (once it has a size). */
static gboolean
scroll_into_view_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  KdlConnectionTest *self = KDL_CONNECTION_TEST (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  GtkWidget *content;
  graphene_rect_t bounds;

  self->scroll_tick = 0;

  if (scroller == NULL)
    return G_SOURCE_REMOVE;

  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : viewport;
  if (content != NULL && gtk_widget_compute_bounds (GTK_WIDGET (self->result_box), content, &bounds))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      double bottom = bounds.origin.y + bounds.size.height + 24;
      double page = gtk_adjustment_get_page_size (adjustment);

      /* Down to its end, but never past its title. */
      if (bottom > gtk_adjustment_get_value (adjustment) + page)
        gtk_adjustment_set_value (adjustment, MIN (bottom - page, bounds.origin.y - 12));
    }

  return G_SOURCE_REMOVE;
}

static void
scroll_into_view (KdlConnectionTest *self)
{
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_into_view_cb, NULL, NULL);
}

static void
set_running (KdlConnectionTest *self,
             gboolean           running)
{
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
show_error (KdlConnectionTest *self,
            const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_text (self->result_title, _("The test failed"));
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_card), self->reply != NULL && self->reply->len > 0);
}

static char *
reply_title (KdlConnectionTest *self)
{
  if (self->simulator)
    return g_strdup (_("Reply from the offline simulator"));

  /* Translators: %s is a model, e.g. “Spark Max”, or a custom endpoint */
  return g_strdup_printf (_("Reply from %s"), self->label);
}

static void
on_delta (const char *delta,
          gsize       len,
          gpointer    user_data)
{
  KdlConnectionTest *self = user_data;
  g_autofree char *title = NULL;

  /* Deltas may still come between a cancel and the call's end. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (self->reply->len == 0)
    {
      title = reply_title (self);
      gtk_label_set_text (self->result_title, title);
      gtk_widget_set_visible (GTK_WIDGET (self->reply_card), TRUE);
      scroll_into_view (self);
    }

  g_string_append_len (self->reply, delta, len);
  gtk_label_set_text (self->reply_label, self->reply->str);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KdlConnectionTest) self = user_data;
  g_autoptr(KdlChatResult) chat = NULL;
  g_autoptr(GError) error = NULL;

  chat = kdl_llm_provider_stream_chat_finish (KDL_LLM_PROVIDER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      if (self->spinner != NULL)
        {
          gtk_label_set_text (self->result_title, _("The test was stopped"));
          set_running (self, FALSE);
        }
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      /* The provider's messages are classified and say what to do. */
      show_error (self, error->message);
    }
  else
    {
      g_autofree char *title = reply_title (self);
      g_autofree char *usage = NULL;

      gtk_label_set_text (self->result_title, title);
      gtk_label_set_text (self->reply_label, chat->text);
      gtk_widget_set_visible (GTK_WIDGET (self->reply_card), TRUE);
      if (chat->has_usage)
        /* Translators: after a test call; %.1f is seconds, %lld tokens */
        usage = g_strdup_printf (_("Answered in %.1f s; %lld tokens in all."),
                                 chat->seconds, (long long)chat->usage.total_tokens);
      else
        usage = g_strdup_printf (_("Answered in %.1f s."), chat->seconds);
      gtk_label_set_text (self->usage_label, usage);
      gtk_widget_set_visible (GTK_WIDGET (self->usage_label), TRUE);
    }

  set_running (self, FALSE);
  scroll_into_view (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

/**
 * kdl_connection_test_start:
 *
 * Emits ::prepare (so the owner can put keys typed but not yet saved into
 * the session), then sends the test prompt.  Does nothing while a test
 * runs.
 */
void
kdl_connection_test_start (KdlConnectionTest *self)
{
  g_autoptr(KdlSparkProvider) provider = NULL;
  g_autoptr(KdlChatRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (KDL_IS_CONNECTION_TEST (self));
  g_return_if_fail (KDL_IS_SESSION (self->session));

  if (self->cancellable != NULL)
    return;

  g_signal_emit (self, signals[PREPARE], 0);

  g_clear_pointer (&self->error, g_free);
  if (self->reply != NULL)
    g_string_free (self->reply, TRUE);
  self->reply = g_string_new (NULL);
  gtk_label_set_text (self->reply_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->reply_card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->usage_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), TRUE);

  provider = kdl_session_create_provider (self->session, NULL, &error);
  if (provider == NULL)
    {
      show_error (self, error->message);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  g_free (self->label);
  self->label = kdl_llm_provider_describe (KDL_LLM_PROVIDER (provider));
  self->simulator = kdl_session_get_using_simulator (self->session);
  if (self->simulator)
    title = g_strdup (_("Waiting for the offline simulator…"));
  else
    /* Translators: %s is a model, e.g. “Spark Max”, or a custom endpoint */
    title = g_strdup_printf (_("Waiting for %s…"), self->label);
  gtk_label_set_text (self->result_title, title);

  request = kdl_session_create_request (self->session, NULL, kdl_connection_test_get_prompt ());
  request->max_tokens = MIN (request->max_tokens, TEST_MAX_TOKENS);

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  kdl_llm_provider_stream_chat_async (KDL_LLM_PROVIDER (provider), request, on_delta, self,
                                      self->cancellable, on_done, g_object_ref (self));
}

void
kdl_connection_test_cancel (KdlConnectionTest *self)
{
  g_return_if_fail (KDL_IS_CONNECTION_TEST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_test_clicked (KdlConnectionTest *self)
{
  kdl_connection_test_start (self);
}

static void
kdl_connection_test_dispose (GObject *object)
{
  KdlConnectionTest *self = (KdlConnectionTest *)object;

  kdl_connection_test_cancel (self);
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), KDL_TYPE_CONNECTION_TEST);
  self->spinner = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kdl_connection_test_parent_class)->dispose (object);
}

static void
kdl_connection_test_finalize (GObject *object)
{
  KdlConnectionTest *self = (KdlConnectionTest *)object;

  g_assert (self->cancellable == NULL);

  if (self->reply != NULL)
    g_string_free (self->reply, TRUE);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (kdl_connection_test_parent_class)->finalize (object);
}

static void
kdl_connection_test_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdlConnectionTest *self = KDL_CONNECTION_TEST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, kdl_connection_test_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_connection_test_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KdlConnectionTest *self = KDL_CONNECTION_TEST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      kdl_connection_test_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_connection_test_class_init (KdlConnectionTestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_connection_test_dispose;
  object_class->finalize = kdl_connection_test_finalize;
  object_class->get_property = kdl_connection_test_get_property;
  object_class->set_property = kdl_connection_test_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KDL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlConnectionTest::prepare:
   *
   * A test is about to start: the session must hold the keys to test.
   */
  signals[PREPARE] =
    g_signal_new ("prepare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KdlConnectionTest::finished:
   *
   * A test ended: with a reply, an error, or cancelled.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-connection-test.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, test_row);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, test_button);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, result_box);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, result_title);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, reply_card);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, reply_label);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdlConnectionTest, usage_label);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
}

static void
kdl_connection_test_init (KdlConnectionTest *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

GtkWidget *
kdl_connection_test_new (KdlSession *session)
{
  return g_object_new (KDL_TYPE_CONNECTION_TEST, "session", session, NULL);
}

KdlSession *
kdl_connection_test_get_session (KdlConnectionTest *self)
{
  g_return_val_if_fail (KDL_IS_CONNECTION_TEST (self), NULL);

  return self->session;
}

void
kdl_connection_test_set_session (KdlConnectionTest *self,
                                 KdlSession        *session)
{
  g_return_if_fail (KDL_IS_CONNECTION_TEST (self));
  g_return_if_fail (session == NULL || KDL_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, update_subtitle, self);

  if (!g_set_object (&self->session, session))
    return;

  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
kdl_connection_test_get_running (KdlConnectionTest *self)
{
  g_return_val_if_fail (KDL_IS_CONNECTION_TEST (self), FALSE);

  return self->cancellable != NULL;
}

/* Returns: (nullable): the reply so far */
const char *
kdl_connection_test_get_reply (KdlConnectionTest *self)
{
  g_return_val_if_fail (KDL_IS_CONNECTION_TEST (self), NULL);

  return self->reply != NULL ? self->reply->str : NULL;
}

/* Returns: (nullable): the last test's error message */
const char *
kdl_connection_test_get_error (KdlConnectionTest *self)
{
  g_return_val_if_fail (KDL_IS_CONNECTION_TEST (self), NULL);

  return self->error;
}
