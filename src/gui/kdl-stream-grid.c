/* kdl-stream-grid.c
 *
 * A tile per slot of the runner, in a flow box.  The runner coalesces
 * "slots-changed" (one emission per update interval, listing the slots
 * that changed), and only those tiles are touched — and only those on
 * screen: laying text out is what costs, so a tile scrolled away (or the
 * whole grid, while another page shows) is marked and catches up when it
 * comes into view (a tile shows the difference between what it showed and
 * its slot now).
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
  GArray     *pending;    /* gboolean, by slot: changed while off screen */
  guint64     n_updates;  /* tile updates, for the benchmark */

  GtkScrolledWindow *scroller;
  GtkFlowBox *flow_box;
};

G_DEFINE_FINAL_TYPE (KdlStreamGrid, kdl_stream_grid, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUNNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
on_screen (KdlStreamGrid *self,
           GtkWidget     *tile)
{
  graphene_rect_t bounds;
  int height;

  if (!gtk_widget_get_mapped (tile))
    return FALSE;

  height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  if (!gtk_widget_compute_bounds (tile, GTK_WIDGET (self->scroller), &bounds))
    return TRUE;

  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height;
}

static void
update_tile (KdlStreamGrid *self,
             guint          index)
{
  GtkWidget *tile = g_ptr_array_index (self->tiles, index);

  if (!on_screen (self, tile))
    {
      g_array_index (self->pending, gboolean, index) = TRUE;
      return;
    }

  g_array_index (self->pending, gboolean, index) = FALSE;
  kdl_stream_tile_update (KDL_STREAM_TILE (tile), kdl_runner_get_slot (self->runner, index));
  self->n_updates++;
}

/* Tiles that changed while away, now in view. */
static void
catch_up (KdlStreamGrid *self)
{
  if (self->runner == NULL)
    return;

  for (guint i = 0; i < self->tiles->len; i++)
    if (g_array_index (self->pending, gboolean, i))
      update_tile (self, i);
}

static void
on_slots_changed (KdlRunner     *runner,
                  GArray        *slots,
                  KdlStreamGrid *self)
{
  for (guint i = 0; i < slots->len; i++)
    {
      guint index = g_array_index (slots, guint, i);

      if (index < self->tiles->len)
        update_tile (self, index);
    }
}

static gboolean
catch_up_idle (gpointer user_data)
{
  catch_up (user_data);

  return G_SOURCE_REMOVE;
}

static void
kdl_stream_grid_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kdl_stream_grid_parent_class)->map (widget);

  /* After the allocation that comes with being shown. */
  g_idle_add_full (G_PRIORITY_DEFAULT, catch_up_idle, g_object_ref (widget), g_object_unref);
}

static void
rebuild (KdlStreamGrid *self)
{
  guint n = self->runner ? kdl_runner_get_n_slots (self->runner) : 0;

  /* Tiles from the last run are emptied and kept: making 32 costs a frame. */
  while (self->tiles->len > n)
    {
      GtkWidget *tile = g_ptr_array_steal_index (self->tiles, self->tiles->len - 1);

      gtk_flow_box_remove (self->flow_box, gtk_widget_get_parent (tile));
    }
  for (guint i = 0; i < self->tiles->len; i++)
    kdl_stream_tile_clear (g_ptr_array_index (self->tiles, i));

  while (self->tiles->len < n)
    {
      GtkWidget *tile = kdl_stream_tile_new ();

      gtk_flow_box_append (self->flow_box, tile);
      gtk_widget_set_focusable (gtk_widget_get_parent (tile), FALSE);
      g_ptr_array_add (self->tiles, tile);
    }

  g_array_set_size (self->pending, n);
  for (guint i = 0; i < n; i++)
    {
      kdl_stream_tile_update (g_ptr_array_index (self->tiles, i), kdl_runner_get_slot (self->runner, i));
      g_array_index (self->pending, gboolean, i) = FALSE;
    }
}

static void
kdl_stream_grid_dispose (GObject *object)
{
  KdlStreamGrid *self = (KdlStreamGrid *)object;

  kdl_stream_grid_set_runner (self, NULL);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);

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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_stream_grid_dispose;
  widget_class->map = kdl_stream_grid_map;
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
  GtkAdjustment *vadjustment;

  self->scroller = GTK_SCROLLED_WINDOW (scroller);
  self->tiles = g_ptr_array_new ();
  self->pending = g_array_new (FALSE, TRUE, sizeof (gboolean));
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

  /* Scrolled, or resized: other tiles come into view. */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (catch_up), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (catch_up), self, G_CONNECT_SWAPPED);
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
