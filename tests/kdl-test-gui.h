/* kdl-test-gui.h — shared by the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kdl-credential-store.h"

G_BEGIN_DECLS

GSettings *kdl_test_settings_new_reset (void);
void       kdl_test_load_store         (KdlCredentialStore *store);
gboolean   kdl_test_only_ref           (gpointer            object);
GtkWidget *kdl_test_find_widget        (GtkWidget          *root,
                                        GType               type);
GtkWidget *kdl_test_find_button        (GtkWidget          *root,
                                        const char         *label);
GtkWidget *kdl_test_find_label         (GtkWidget          *root,
                                        const char         *text);
GtkWidget *kdl_test_find_with_class    (GtkWidget          *root,
                                        const char         *css_class);

G_END_DECLS
