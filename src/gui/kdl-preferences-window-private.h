/* kdl-preferences-window-private.h — shared by the files of KdlPreferencesWindow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdl-connection-test.h"
#include "kdl-preferences-window.h"
#include "kdl-spin-row.h"

G_BEGIN_DECLS

struct _KdlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KdlSession           *session;
  GSettings            *settings;
  char                 *previous_preset;  /* where switching the simulator off goes */
  char                 *url_error;        /* why the typed custom URL is not saved */

  /* Account */
  AdwEntryRow          *app_id_row;
  AdwEntryRow          *api_key_row;
  AdwEntryRow          *api_secret_row;
  AdwActionRow         *storage_row;
  GtkImage             *storage_icon;
  GtkButton            *forget_button;
  AdwActionRow         *env_row;
  GtkSwitch            *simulator_switch;
  KdlConnectionTest    *connection_test;

  /* Model */
  AdwComboRow          *preset_row;
  AdwActionRow         *preset_info_row;
  AdwPreferencesGroup  *custom_group;
  AdwEntryRow          *custom_url_row;
  AdwEntryRow          *custom_domain_row;
  AdwEntryRow          *custom_patch_id_row;
  GtkLabel             *custom_error_label;
  KdlSpinRow           *temperature_row;
  KdlSpinRow           *max_tokens_row;
  KdlSpinRow           *top_k_row;

  /* Limits */
  KdlSpinRow           *connect_timeout_row;
  KdlSpinRow           *first_frame_timeout_row;
  KdlSpinRow           *idle_timeout_row;
  KdlSpinRow           *concurrency_row;
  KdlSpinRow           *qps_row;

  guint                 keys_dirty : 1;
  guint                 loading_keys : 1;
  guint                 updating_url : 1;
};

void _kdl_preferences_window_class_init_model (GtkWidgetClass       *widget_class);
void _kdl_preferences_window_bind_model       (KdlPreferencesWindow *self);
void _kdl_preferences_window_bind_limits      (KdlPreferencesWindow *self);

G_END_DECLS
