/* kdl-variable-palette.h — buttons that insert a row's variables into a template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDL_TYPE_VARIABLE_PALETTE (kdl_variable_palette_get_type ())

G_DECLARE_FINAL_TYPE (KdlVariablePalette, kdl_variable_palette, KDL, VARIABLE_PALETTE, GtkWidget)

GtkWidget          *kdl_variable_palette_new           (void);
void                kdl_variable_palette_set_variables (KdlVariablePalette *self,
                                                        GHashTable         *variables);
const char * const *kdl_variable_palette_get_names     (KdlVariablePalette *self);
GtkWidget          *kdl_variable_palette_get_button    (KdlVariablePalette *self,
                                                        const char         *name);

G_END_DECLS
