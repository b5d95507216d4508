/* kdl-spin-row.c
 *
 * libadwaita 1.2 has no AdwSpinRow: an AdwActionRow with a GtkSpinButton.
 * What the user types is checked as it is typed: a value outside the range,
 * or text that is no number, marks the field (the `error` style and a
 * tooltip saying the range), and pressing Enter or leaving the field refuses
 * it — the old value stays, and ::refused says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-spin-row.h"

struct _KdlSpinRow
{
  AdwActionRow   parent_instance;

  GtkSpinButton *spin;
  char          *error;
};

enum {
  PROP_0,
  PROP_ADJUSTMENT,
  PROP_DIGITS,
  PROP_VALUE,
  PROP_ERROR,
  N_PROPS
};

enum {
  REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdlSpinRow, kdl_spin_row, ADW_TYPE_ACTION_ROW)

static char *
format_number (KdlSpinRow *self,
               double      value)
{
  return g_strdup_printf ("%.*f", (int)gtk_spin_button_get_digits (self->spin), value);
}

/* Returns: (transfer full) (nullable): why @text is refused, or %NULL */
static char *
check_text (KdlSpinRow *self,
            const char *text,
            double     *value)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->spin);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *low = format_number (self, lower);
  g_autofree char *high = format_number (self, upper);
  char *end = NULL;
  double v;

  v = g_strtod (trimmed, &end);
  if (*trimmed == '\0' || end == NULL || *end != '\0' || v < lower || v > upper)
    /* Translators: the range of a number field, e.g. "from 1 to 6" */
    return g_strdup_printf (_("Enter a number from %s to %s."), low, high);

  if (value != NULL)
    *value = v;

  return NULL;
}

static void
set_error (KdlSpinRow *self,
           const char *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->spin), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), error);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_text_changed (GtkEditable *editable,
                 KdlSpinRow  *self)
{
  g_autofree char *error = check_text (self, gtk_editable_get_text (editable), NULL);

  set_error (self, error);
}

static int
on_input (GtkSpinButton *spin,
          double        *new_value,
          KdlSpinRow    *self)
{
  g_autofree char *error = check_text (self, gtk_editable_get_text (GTK_EDITABLE (spin)), new_value);

  if (error != NULL)
    {
      g_signal_emit (self, signals[REFUSED], 0, error);
      return GTK_INPUT_ERROR;
    }

  return TRUE;
}

static void
on_value_changed (KdlSpinRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
kdl_spin_row_finalize (GObject *object)
{
  KdlSpinRow *self = (KdlSpinRow *)object;

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (kdl_spin_row_parent_class)->finalize (object);
}

static void
kdl_spin_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdlSpinRow *self = KDL_SPIN_ROW (object);

  switch (prop_id)
    {
    case PROP_ADJUSTMENT:
      g_value_set_object (value, kdl_spin_row_get_adjustment (self));
      break;
    case PROP_DIGITS:
      g_value_set_uint (value, kdl_spin_row_get_digits (self));
      break;
    case PROP_VALUE:
      g_value_set_double (value, kdl_spin_row_get_value (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_spin_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdlSpinRow *self = KDL_SPIN_ROW (object);

  switch (prop_id)
    {
    case PROP_ADJUSTMENT:
      kdl_spin_row_set_adjustment (self, g_value_get_object (value));
      break;
    case PROP_DIGITS:
      kdl_spin_row_set_digits (self, g_value_get_uint (value));
      break;
    case PROP_VALUE:
      kdl_spin_row_set_value (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_spin_row_class_init (KdlSpinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdl_spin_row_finalize;
  object_class->get_property = kdl_spin_row_get_property;
  object_class->set_property = kdl_spin_row_set_property;

  properties[PROP_ADJUSTMENT] =
    g_param_spec_object ("adjustment", NULL, NULL, GTK_TYPE_ADJUSTMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIGITS] =
    g_param_spec_uint ("digits", NULL, NULL, 0, 20, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlSpinRow::refused:
   * @message: why, with the valid range
   *
   * What the user typed was refused; the value did not change.
   */
  signals[REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kdl_spin_row_init (KdlSpinRow *self)
{
  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (NULL, 1, 0));
  gtk_spin_button_set_update_policy (self->spin, GTK_UPDATE_IF_VALID);
  gtk_spin_button_set_numeric (self->spin, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  g_signal_connect (self->spin, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect (self->spin, "input", G_CALLBACK (on_input), self);
  g_signal_connect_swapped (self->spin, "value-changed", G_CALLBACK (on_value_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  /* Also names the spin button after the row, for screen readers. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
}

GtkWidget *
kdl_spin_row_new (void)
{
  return g_object_new (KDL_TYPE_SPIN_ROW, NULL);
}

GtkSpinButton *
kdl_spin_row_get_spin_button (KdlSpinRow *self)
{
  g_return_val_if_fail (KDL_IS_SPIN_ROW (self), NULL);

  return self->spin;
}

GtkAdjustment *
kdl_spin_row_get_adjustment (KdlSpinRow *self)
{
  g_return_val_if_fail (KDL_IS_SPIN_ROW (self), NULL);

  return gtk_spin_button_get_adjustment (self->spin);
}

void
kdl_spin_row_set_adjustment (KdlSpinRow    *self,
                             GtkAdjustment *adjustment)
{
  g_return_if_fail (KDL_IS_SPIN_ROW (self));
  g_return_if_fail (adjustment == NULL || GTK_IS_ADJUSTMENT (adjustment));

  if (adjustment == gtk_spin_button_get_adjustment (self->spin))
    return;

  gtk_spin_button_set_adjustment (self->spin, adjustment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADJUSTMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

guint
kdl_spin_row_get_digits (KdlSpinRow *self)
{
  g_return_val_if_fail (KDL_IS_SPIN_ROW (self), 0);

  return gtk_spin_button_get_digits (self->spin);
}

void
kdl_spin_row_set_digits (KdlSpinRow *self,
                         guint       digits)
{
  g_return_if_fail (KDL_IS_SPIN_ROW (self));

  if (digits == gtk_spin_button_get_digits (self->spin))
    return;

  gtk_spin_button_set_digits (self->spin, digits);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIGITS]);
}

double
kdl_spin_row_get_value (KdlSpinRow *self)
{
  g_return_val_if_fail (KDL_IS_SPIN_ROW (self), 0);

  return gtk_adjustment_get_value (gtk_spin_button_get_adjustment (self->spin));
}

void
kdl_spin_row_set_value (KdlSpinRow *self,
                        double      value)
{
  g_return_if_fail (KDL_IS_SPIN_ROW (self));

  gtk_spin_button_set_value (self->spin, value);
}

/* Returns: (nullable): why the text in the field is not valid */
const char *
kdl_spin_row_get_error (KdlSpinRow *self)
{
  g_return_val_if_fail (KDL_IS_SPIN_ROW (self), NULL);

  return self->error;
}
