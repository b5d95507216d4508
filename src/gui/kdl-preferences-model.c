/* kdl-preferences-model.c — the Model and Limits pages of Preferences
 *
 * Every field is bound to its GSettings key both ways.  The custom endpoint
 * URL is the exception: it is written only when kdl_spark_url_is_allowed()
 * accepts it, so a half-typed or insecure address never reaches a run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-preferences-window-private.h"

/* The combo's order: SPARK-PROTOCOL.md §2, then custom and the simulator. */
static const char * const preset_ids[] = {
  "lite", "pro", "pro-128k", "max", "max-32k", "ultra", KDL_PRESET_CUSTOM, KDL_PRESET_SIMULATOR,
};

static char *
preset_name (const char *id)
{
  const KdlSparkPreset *preset = kdl_spark_preset_lookup (id);

  if (preset != NULL)
    return g_strdup (preset->name);
  if (g_strcmp0 (id, KDL_PRESET_CUSTOM) == 0)
    return g_strdup (_("Fine-tuned model"));
  if (g_strcmp0 (id, KDL_PRESET_SIMULATOR) == 0)
    return g_strdup (_("Offline simulator"));

  return g_strdup (id);
}

static char *
preset_details (const char *id)
{
  const KdlSparkPreset *preset = kdl_spark_preset_lookup (id);

  if (preset != NULL)
    /* Translators: a model's domain, its largest max_tokens and its input limit in thousands of tokens */
    return g_strdup_printf (_("domain %s · up to %d tokens · %dK context"),
                            preset->domain, preset->max_tokens_max, preset->input_limit_k);
  if (g_strcmp0 (id, KDL_PRESET_CUSTOM) == 0)
    return g_strdup (_("Your own endpoint, domain (serviceId) and patch_id"));
  if (g_strcmp0 (id, KDL_PRESET_SIMULATOR) == 0)
    return g_strdup (_("On this computer, no account needed; the answers are made up"));

  return g_strdup ("");
}

static char *
item_preset_name (GtkStringObject *item)
{
  return preset_name (gtk_string_object_get_string (item));
}

static void
setup_preset_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
bind_preset_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  const char *id = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *name_text = preset_name (id);
  g_autofree char *details_text = preset_details (id);

  gtk_label_set_text (GTK_LABEL (name), name_text);
  gtk_label_set_text (GTK_LABEL (details), details_text);
}

static gboolean
preset_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (preset_ids); i++)
    if (g_str_equal (preset_ids[i], id))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_preset (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (preset_ids))
    return NULL;

  return g_variant_new_string (preset_ids[selected]);
}

static void
update_custom_error (KdlPreferencesWindow *self)
{
  g_autoptr(KdlProviderConfig) config = kdl_provider_config_new_from_settings (self->settings);
  g_autoptr(KdlSparkEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = self->url_error;
  gboolean url_bad = self->url_error != NULL;

  /* What is stored may have been written elsewhere (the CLI, dconf). */
  if (message == NULL && g_strcmp0 (config->preset, KDL_PRESET_CUSTOM) == 0)
    {
      endpoint = kdl_provider_config_make_endpoint (config, &error);
      if (endpoint != NULL && !kdl_spark_url_is_allowed (endpoint->url, &error))
        url_bad = TRUE;
      if (error != NULL)
        message = error->message;
    }

  gtk_label_set_text (self->custom_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error_label), message != NULL);

  if (url_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->custom_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->custom_url_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->custom_url_row), url_bad ? message : NULL);
}

static void
load_custom_url (KdlPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "custom-url");

  /* The field may hold a refused URL the user is still fixing. */
  if (self->url_error != NULL)
    return;

  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row))) != 0)
    {
      self->updating_url = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->custom_url_row), url);
      self->updating_url = FALSE;
    }
}

static void
on_custom_url_changed (KdlPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row));
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (self->updating_url)
    return;

  g_clear_pointer (&self->url_error, g_free);

  /* Empty is not saved either: replacing the text passes through "". */
  if (*url == '\0')
    self->url_error = g_strdup (_("Enter the WebSocket address of the fine-tuned model."));
  else if (kdl_spark_url_is_allowed (url, &error))
    g_settings_set_string (self->settings, "custom-url", url);
  else
    self->url_error = g_strdup (error->message);

  update_custom_error (self);
}

/* Where the chosen model is, and what it takes; custom shows its fields. */
static void
update_preset_info (KdlPreferencesWindow *self,
                    const char           *preset,
                    const char           *details)
{
  const KdlSparkPreset *p = kdl_spark_preset_lookup (preset);
  KdlSparkSim *sim = kdl_session_get_simulator (self->session);
  g_autofree char *url = NULL;

  if (p != NULL)
    url = g_strdup (p->url);
  else if (g_strcmp0 (preset, KDL_PRESET_SIMULATOR) == 0 && sim != NULL)
    url = kdl_spark_sim_get_url (sim, "max");

  gtk_widget_set_visible (GTK_WIDGET (self->preset_info_row), url != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preset_info_row), url != NULL ? url : "");
  adw_action_row_set_subtitle (self->preset_info_row, details);
}

static void
update_for_preset (KdlPreferencesWindow *self)
{
  g_autofree char *preset = g_settings_get_string (self->settings, "model-preset");
  g_autofree char *details = preset_details (preset);
  g_autofree char *subtitle = NULL;
  g_autofree char *url = NULL;
  gboolean custom = g_strcmp0 (preset, KDL_PRESET_CUSTOM) == 0;
  GtkAdjustment *adjustment;
  int limit = kdl_preset_get_max_tokens_limit (preset);

  if (g_strcmp0 (preset, KDL_PRESET_SIMULATOR) != 0)
    {
      g_free (self->previous_preset);
      self->previous_preset = g_strdup (preset);
    }

  update_preset_info (self, preset, details);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), custom);

  /* A model that takes fewer tokens lowers the setting with the bound. */
  adjustment = kdl_spin_row_get_adjustment (self->max_tokens_row);
  gtk_adjustment_set_upper (adjustment, limit);
  if (gtk_adjustment_get_value (adjustment) > limit)
    gtk_adjustment_set_value (adjustment, limit);
  /* Translators: %d is the largest max_tokens of the chosen model */
  subtitle = g_strdup_printf (_("Tokens per answer; up to %d for this model"), limit);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->max_tokens_row), subtitle);

  /* A fine-tuned model most likely lives at the platform's address. */
  url = g_settings_get_string (self->settings, "custom-url");
  if (custom && *url == '\0' && self->url_error == NULL)
    g_settings_set_string (self->settings, "custom-url", KDL_SPARK_FINETUNED_URL);

  update_custom_error (self);
}

static void
on_settings_changed (GSettings            *settings,
                     const char           *key,
                     KdlPreferencesWindow *self)
{
  if (g_str_equal (key, "model-preset"))
    update_for_preset (self);
  else if (g_str_equal (key, "custom-url"))
    {
      load_custom_url (self);
      update_custom_error (self);
    }
  else if (g_str_has_prefix (key, "custom-"))
    update_custom_error (self);
}

static void
on_refused (KdlSpinRow           *row,
            const char           *message,
            KdlPreferencesWindow *self)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: a refused value: “Top-k: Enter a number from 1 to 6.” */
  title = g_strdup_printf (_("%s: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), message);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
bind_spin_row (KdlPreferencesWindow *self,
               KdlSpinRow           *row,
               const char           *key)
{
  g_settings_bind (self->settings, key, kdl_spin_row_get_adjustment (row), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (row, "refused", G_CALLBACK (on_refused), self, 0);
}

void
_kdl_preferences_window_bind_model (KdlPreferencesWindow *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;

  for (guint i = 0; i < G_N_ELEMENTS (preset_ids); i++)
    gtk_string_list_append (presets, preset_ids[i]);

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (item_preset_name), NULL, NULL);
  adw_combo_row_set_expression (self->preset_row, expression);
  gtk_expression_unref (expression);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_preset_item), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_preset_item), NULL);
  adw_combo_row_set_list_factory (self->preset_row, list_factory);
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (presets));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  update_for_preset (self);
  load_custom_url (self);

  g_settings_bind_with_mapping (self->settings, "model-preset", self->preset_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, preset_to_selected, selected_to_preset,
                                NULL, NULL);
  g_settings_bind (self->settings, "custom-domain", self->custom_domain_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "custom-patch-id", self->custom_patch_id_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  bind_spin_row (self, self->temperature_row, "temperature");
  bind_spin_row (self, self->max_tokens_row, "max-tokens");
  bind_spin_row (self, self->top_k_row, "top-k");
}

void
_kdl_preferences_window_bind_limits (KdlPreferencesWindow *self)
{
  bind_spin_row (self, self->connect_timeout_row, "connect-timeout");
  bind_spin_row (self, self->first_frame_timeout_row, "first-frame-timeout");
  bind_spin_row (self, self->idle_timeout_row, "idle-timeout");
  bind_spin_row (self, self->concurrency_row, "concurrency");
  bind_spin_row (self, self->qps_row, "requests-per-second");
}

void
_kdl_preferences_window_class_init_model (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, preset_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, preset_info_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, custom_group);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, custom_url_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, custom_domain_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, custom_patch_id_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, custom_error_label);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, temperature_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, max_tokens_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, top_k_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, connect_timeout_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, first_frame_timeout_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, idle_timeout_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, concurrency_row);
  gtk_widget_class_bind_template_child (widget_class, KdlPreferencesWindow, qps_row);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_url_changed);
}
