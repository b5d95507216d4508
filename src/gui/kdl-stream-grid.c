/* kdl-stream-grid.c
 *
 * A tile per slot of the runner, in a flow box.  The runner coalesces
 * "slots-changed" (one emission per update interval, listing the slots
 * that changed), and only those tiles are touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-stream-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-stream-grid.h"

struct _KdlStreamGrid
{
  AdwBin      parent_instance;

  KdlRunner  *runner;
  gulong      slots_id;
  GPtrArray  *tiles;      /* KdlStreamTile, by slot */
  guint64     n_updates;  /* tile updates, for the benchmark */

  GtkFlowBox *flow_box;
};

G_DEFINE_FINAL_TYPE (KdlStreamGrid, kdl_stream_grid, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUNNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_slots_changed (KdlRunner     *runner,
                  GArray        *slots,
                  KdlStreamGrid *self)
{
  for (guint i = 0; i < slots->len; i++)
    {
      guint index = g_array_index (slots, guint, i);

      if (index < self->tiles->len)
        {
          kdl_stream_tile_update (g_ptr_array_index (self->tiles, index), kdl_runner_get_slot (runner, index));
          self->n_updates++;
        }
    }
}

static void
rebuild (KdlStreamGrid *self)
{
  GtkWidget *child;
  guint n = self->runner ? kdl_runner_get_n_slots (self->runner) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);
  g_ptr_array_set_size (self->tiles, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *tile = kdl_stream_tile_new ();

      gtk_flow_box_append (self->flow_box, tile);
      gtk_widget_set_focusable (gtk_widget_get_parent (tile), FALSE);
      g_ptr_array_add (self->tiles, tile);
      kdl_stream_tile_update (KDL_STREAM_TILE (tile), kdl_runner_get_slot (self->runner, i));
    }
}

static void
kdl_stream_grid_dispose (GObject *object)
{
  KdlStreamGrid *self = (KdlStreamGrid *)object;

  kdl_stream_grid_set_runner (self, NULL);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);

  G_OBJECT_CLASS (kdl_stream_grid_parent_class)->dispose (object);
}

static void
kdl_stream_grid_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdlStreamGrid *self = KDL_STREAM_GRID (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      g_value_set_object (value, self->runner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_stream_grid_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdlStreamGrid *self = KDL_STREAM_GRID (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      kdl_stream_grid_set_runner (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_stream_grid_class_init (KdlStreamGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdl_stream_grid_dispose;
  object_class->get_property = kdl_stream_grid_get_property;
  object_class->set_property = kdl_stream_grid_set_property;

  properties[PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL, KDL_TYPE_RUNNER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdl_stream_grid_init (KdlStreamGrid *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->tiles = g_ptr_array_new ();
  self->flow_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->flow_box, TRUE);
  gtk_flow_box_set_min_children_per_line (self->flow_box, 1);
  gtk_flow_box_set_max_children_per_line (self->flow_box, 8);
  gtk_flow_box_set_column_spacing (self->flow_box, 6);
  gtk_flow_box_set_row_spacing (self->flow_box, 6);
  gtk_widget_set_valign (GTK_WIDGET (self->flow_box), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->flow_box), "stream-grid");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flow_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Calls in flight"), -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->flow_box));
  adw_bin_set_child (ADW_BIN (self), scroller);
}

GtkWidget *
kdl_stream_grid_new (void)
{
  return g_object_new (KDL_TYPE_STREAM_GRID, NULL);
}

KdlRunner *
kdl_stream_grid_get_runner (KdlStreamGrid *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_GRID (self), NULL);

  return self->runner;
}

/**
 * kdl_stream_grid_set_runner:
 * @runner: (nullable): the runner whose calls to show; %NULL keeps the
 *   last tiles (the last answers stay readable) but follows nothing
 */
void
kdl_stream_grid_set_runner (KdlStreamGrid *self,
                            KdlRunner     *runner)
{
  g_return_if_fail (KDL_IS_STREAM_GRID (self));
  g_return_if_fail (runner == NULL || KDL_IS_RUNNER (runner));

  if (self->runner == runner)
    return;

  if (self->runner != NULL)
    g_clear_signal_handler (&self->slots_id, self->runner);
  g_set_object (&self->runner, runner);

  if (runner != NULL)
    {
      self->slots_id = g_signal_connect (runner, "slots-changed", G_CALLBACK (on_slots_changed), self);
      rebuild (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNER]);
}

guint
kdl_stream_grid_get_n_tiles (KdlStreamGrid *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_GRID (self), 0);

  return self->tiles->len;
}

KdlStreamTile *
kdl_stream_grid_get_tile (KdlStreamGrid *self,
                          guint          index)
{
  g_return_val_if_fail (KDL_IS_STREAM_GRID (self), NULL);
  g_return_val_if_fail (index < self->tiles->len, NULL);

  return g_ptr_array_index (self->tiles, index);
}

/* How many tile updates the grid made: the benchmark's figure. */
guint64
kdl_stream_grid_get_n_updates (KdlStreamGrid *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_GRID (self), 0);

  return self->n_updates;
}
