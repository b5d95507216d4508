/* kdl-variable-palette.c
 *
 * One button per variable, "{name}": the standard variables first in
 * their usual order, then the dataset's columns by name.  A click emits
 * ::insert with the name; the editor puts "{name}" at the cursor.  The
 * tooltip shows the start of the value in the previewed row.  The
 * buttons wrap like words (GtkFlowBox would line them up in columns).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-variable-palette"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdl-template.h"
#include "kdl-variable-palette.h"

#define TOOLTIP_CHARS 120

#define SPACING 4

struct _KdlVariablePalette
{
  GtkWidget  parent_instance;

  GtkWidget *label;     /* first child; the buttons follow */
  GStrv      names;
};

enum {
  INSERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdlVariablePalette, kdl_variable_palette, GTK_TYPE_WIDGET)

static void
kdl_variable_palette_dispose (GObject *object)
{
  KdlVariablePalette *self = (KdlVariablePalette *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->label = NULL;

  G_OBJECT_CLASS (kdl_variable_palette_parent_class)->dispose (object);
}

static void
kdl_variable_palette_finalize (GObject *object)
{
  KdlVariablePalette *self = (KdlVariablePalette *)object;

  g_clear_pointer (&self->names, g_strfreev);

  G_OBJECT_CLASS (kdl_variable_palette_parent_class)->finalize (object);
}

typedef struct
{
  GtkWidget *child;
  int        x;
  int        width;
} Placed;

static void
place_line (GArray *line,
            int     y,
            int     height)
{
  for (guint i = 0; i < line->len; i++)
    {
      Placed *p = &g_array_index (line, Placed, i);
      gtk_widget_size_allocate (p->child, &(GtkAllocation) { p->x, y, p->width, height }, -1);
    }
  g_array_set_size (line, 0);
}

/* Lays the children out left to right, wrapping at @width, each line as
 * high as its highest child; returns the height used.  With @allocate,
 * also allocates them. */
static int
flow (KdlVariablePalette *self,
      int                 width,
      gboolean            allocate)
{
  g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (Placed));
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      child_width = MIN (child_width, MAX (width, 1));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);

      if (x > 0 && x + child_width > width)
        {
          if (allocate)
            place_line (line, y, line_height);
          x = 0;
          y += line_height + SPACING;
          line_height = 0;
        }

      g_array_append_val (line, ((Placed) { child, x, child_width }));
      x += child_width + SPACING;
      line_height = MAX (line_height, child_height);
    }

  if (allocate)
    place_line (line, y, line_height);

  return y + line_height;
}

static void
kdl_variable_palette_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  KdlVariablePalette *self = KDL_VARIABLE_PALETTE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int widest = 0, total = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          widest = MAX (widest, child_min);
          total += child_nat + (total > 0 ? SPACING : 0);
        }

      *minimum = widest;
      *natural = total;
    }
  else
    {
      int height = flow (self, for_size < 0 ? G_MAXINT / 2 : for_size, FALSE);

      *minimum = height;
      *natural = height;
    }
}

static GtkSizeRequestMode
kdl_variable_palette_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kdl_variable_palette_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  flow (KDL_VARIABLE_PALETTE (widget), width, TRUE);
}

static void
kdl_variable_palette_class_init (KdlVariablePaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_variable_palette_dispose;
  object_class->finalize = kdl_variable_palette_finalize;

  /**
   * KdlVariablePalette::insert:
   * @name: the variable
   *
   * A variable's button was clicked.
   */
  signals[INSERT] = g_signal_new ("insert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  widget_class->measure = kdl_variable_palette_measure;
  widget_class->get_request_mode = kdl_variable_palette_get_request_mode;
  widget_class->size_allocate = kdl_variable_palette_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "variable-palette");
}

static void
kdl_variable_palette_init (KdlVariablePalette *self)
{
  /* Translators: before the buttons that insert {reading}, {mcq}… */
  self->label = gtk_label_new (_("Insert"));
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_set_valign (self->label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (self->label, 4);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variables"),
                                  -1);

  kdl_variable_palette_set_variables (self, NULL);
}

GtkWidget *
kdl_variable_palette_new (void)
{
  return g_object_new (KDL_TYPE_VARIABLE_PALETTE, NULL);
}

static void
on_clicked (GtkButton          *button,
            KdlVariablePalette *self)
{
  g_signal_emit (self, signals[INSERT], 0, g_object_get_data (G_OBJECT (button), "kdl-variable"));
}

/* A name that "{name}" can carry: no brace, no line break. */
static gboolean
usable (const char *name)
{
  return name[0] != '\0' && strpbrk (name, "{}\r\n") == NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **)a, *(const char **)b);
}

static char *
describe_value (const char *value)
{
  g_autofree char *flat = NULL;

  if (value == NULL || g_strstrip (flat = g_strdup (value))[0] == '\0')
    return g_strdup (_("Empty in this row"));

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) > TOOLTIP_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (flat, TOOLTIP_CHARS);

      *cut = '\0';
      return g_strconcat (flat, "…", NULL);
    }

  return g_steal_pointer (&flat);
}

/**
 * kdl_variable_palette_set_variables:
 * @variables: (nullable) (element-type utf8 utf8): the previewed row's
 *   variables, name → value; %NULL shows the standard variables
 */
void
kdl_variable_palette_set_variables (KdlVariablePalette *self,
                                    GHashTable         *variables)
{
  const char * const *standard = kdl_template_standard_variables ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GtkWidget *child;

  g_return_if_fail (KDL_IS_VARIABLE_PALETTE (self));

  for (guint i = 0; standard[i] != NULL; i++)
    if (variables == NULL || g_hash_table_contains (variables, standard[i]))
      g_ptr_array_add (names, (gpointer)standard[i]);

  if (variables != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, variables);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_strv_contains (standard, key) && usable (key))
          g_ptr_array_add (others, key);
      g_ptr_array_sort (others, compare_names);
      for (guint i = 0; i < others->len; i++)
        g_ptr_array_add (names, g_ptr_array_index (others, i));
    }

  g_ptr_array_add (names, NULL);
  g_clear_pointer (&self->names, g_strfreev);
  self->names = g_strdupv ((char **)names->pdata);

  while ((child = gtk_widget_get_next_sibling (self->label)) != NULL)
    gtk_widget_unparent (child);

  for (guint i = 0; self->names[i] != NULL; i++)
    {
      const char *name = self->names[i];
      g_autofree char *label = g_strdup_printf ("{%s}", name);
      g_autofree char *value = variables ? describe_value (g_hash_table_lookup (variables, name)) : NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button = gtk_button_new_with_label (label);

      if (value != NULL)
        /* Translators: a variable button's tooltip: "Insert {reading} — <start of its value>" */
        tooltip = g_strdup_printf (_("Insert %s — %s"), label, value);
      else
        tooltip = g_strdup_printf (_("Insert %s at the cursor"), label);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "monospace");
      g_object_set_data_full (G_OBJECT (button), "kdl-variable", g_strdup (name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_clicked), self, 0);
      gtk_widget_insert_before (button, GTK_WIDGET (self), NULL);
    }
}

/* Returns: (transfer none): the names shown, in order */
const char * const *
kdl_variable_palette_get_names (KdlVariablePalette *self)
{
  g_return_val_if_fail (KDL_IS_VARIABLE_PALETTE (self), NULL);
  return (const char * const *)self->names;
}

/* Returns: (transfer none) (nullable): the button that inserts @name */
GtkWidget *
kdl_variable_palette_get_button (KdlVariablePalette *self,
                                 const char         *name)
{
  g_return_val_if_fail (KDL_IS_VARIABLE_PALETTE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_next_sibling (self->label); child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "kdl-variable"), name) == 0)
      return child;

  return NULL;
}
