/* kdl-spin-row.h — a preferences row with a number that refuses bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdl-types.h"

G_BEGIN_DECLS

#define KDL_TYPE_SPIN_ROW (kdl_spin_row_get_type ())

G_DECLARE_FINAL_TYPE (KdlSpinRow, kdl_spin_row, KDL, SPIN_ROW, AdwActionRow)

GtkWidget     *kdl_spin_row_new            (void);
GtkSpinButton *kdl_spin_row_get_spin_button (KdlSpinRow *self);
GtkAdjustment *kdl_spin_row_get_adjustment (KdlSpinRow *self);
void           kdl_spin_row_set_adjustment (KdlSpinRow    *self,
                                            GtkAdjustment *adjustment);
guint          kdl_spin_row_get_digits     (KdlSpinRow *self);
void           kdl_spin_row_set_digits     (KdlSpinRow *self,
                                            guint       digits);
double         kdl_spin_row_get_value      (KdlSpinRow *self);
void           kdl_spin_row_set_value      (KdlSpinRow *self,
                                            double      value);
const char    *kdl_spin_row_get_error      (KdlSpinRow *self);

G_END_DECLS
