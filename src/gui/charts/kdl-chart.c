/* kdl-chart.c — what every chart widget shares
 *
 * A chart lays its data out once per size into a KdlChartScene and keeps
 * the render node of it; both are dropped when the size, the data or the
 * font change, the node alone when the colours change (dark mode).  Hover and focus are drawn on top of the cached node,
 * so moving the pointer never lays anything out again.  Hit testing,
 * tooltips, keyboard navigation (Left/Right, Home/End, Enter) and the
 * accessible label live here; subclasses only lay out and describe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kdl-chart.h"

typedef struct
{
  KdlChartScene        *scene;       /* for the current size */
  PangoFontDescription *scene_font;  /* the font it was laid out with */
  GskRenderNode        *node;        /* the scene drawn with ->style */
  KdlChartStyle         style;
  char                 *summary;
  int                   focus_item;
  int                   hover_item;
} KdlChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KdlChart, kdl_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOCUS_ITEM,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
drop_cache (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  g_clear_pointer (&priv->scene, kdl_chart_scene_unref);
  g_clear_pointer (&priv->scene_font, pango_font_description_free);
  g_clear_pointer (&priv->node, gsk_render_node_unref);
}

static void
update_description (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  g_autofree char *text = NULL;

  if (priv->focus_item >= 0)
    text = kdl_chart_dup_item_text (self, priv->focus_item);

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_summary (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  KdlChartClass *klass = KDL_CHART_GET_CLASS (self);
  g_autofree char *summary = NULL;

  if (klass->describe != NULL)
    summary = klass->describe (self);
  if (summary == NULL)
    summary = g_strdup ("");

  if (g_strcmp0 (summary, priv->summary) != 0)
    {
      g_free (priv->summary);
      priv->summary = g_steal_pointer (&summary);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, priv->summary,
                                      -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

/**
 * kdl_chart_invalidate:
 *
 * For subclasses: the data changed.  Drops the laid-out scene and its
 * render node, updates the accessible label and redraws.
 */
void
kdl_chart_invalidate (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  guint n_items;

  g_return_if_fail (KDL_IS_CHART (self));

  drop_cache (self);
  update_summary (self);

  n_items = kdl_chart_get_n_items (self);
  if (priv->focus_item >= (int) n_items)
    kdl_chart_set_focus_item (self, n_items > 0 ? (int) n_items - 1 : -1);
  else
    update_description (self);
  if (priv->hover_item >= (int) n_items)
    priv->hover_item = -1;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * kdl_chart_replace_data:
 * @slot: the subclass' field holding its data
 * @boxed_type: the data's (reference-counted) boxed type
 * @data: (nullable): the new data
 *
 * For subclasses' set_data(): takes a reference on @data, drops the old
 * one and invalidates the chart.
 *
 * Returns: %TRUE when the data changed (notify the property then)
 */
gboolean
kdl_chart_replace_data (KdlChart *self,
                        gpointer *slot,
                        GType     boxed_type,
                        gpointer  data)
{
  gpointer old;

  g_return_val_if_fail (KDL_IS_CHART (self), FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (G_TYPE_IS_BOXED (boxed_type), FALSE);

  if (data == *slot)
    return FALSE;

  old = *slot;
  *slot = data ? g_boxed_copy (boxed_type, data) : NULL;
  if (old != NULL)
    g_boxed_free (boxed_type, old);

  kdl_chart_invalidate (self);
  return TRUE;
}

static KdlChartScene *
build_scene (KdlChart     *self,
             PangoContext *context,
             double        width,
             double        height)
{
  KdlChartScene *scene = kdl_chart_scene_new (context, width, height);

  KDL_CHART_GET_CLASS (self)->build_scene (self, scene);

  return scene;
}

/**
 * kdl_chart_create_scene:
 *
 * Lays the chart out for a size other than the widget's (an export).
 *
 * Returns: (transfer full): a new scene
 */
KdlChartScene *
kdl_chart_create_scene (KdlChart *self,
                        double    width,
                        double    height)
{
  PangoContext *context;
  KdlChartScene *scene;

  g_return_val_if_fail (KDL_IS_CHART (self), NULL);

  context = gtk_widget_create_pango_context (GTK_WIDGET (self));
  scene = build_scene (self, context, width, height);
  g_object_unref (context);

  return scene;
}

/**
 * kdl_chart_get_scene:
 *
 * The chart laid out for its current size; what it draws and where
 * pointing finds items.
 *
 * Returns: (transfer none): the scene
 */
KdlChartScene *
kdl_chart_get_scene (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context;
  const PangoFontDescription *font;

  g_return_val_if_fail (KDL_IS_CHART (self), NULL);

  /* The CSS changes with every hover and focus; only a new font (or
   * size, or data) needs a new layout. */
  context = gtk_widget_get_pango_context (widget);
  font = pango_context_get_font_description (context);
  if (priv->scene != NULL && !pango_font_description_equal (font, priv->scene_font))
    drop_cache (self);

  if (priv->scene == NULL)
    {
      priv->scene = build_scene (self, context,
                                 gtk_widget_get_width (widget),
                                 gtk_widget_get_height (widget));
      priv->scene_font = pango_font_description_copy (font);
    }

  return priv->scene;
}

/**
 * kdl_chart_get_style:
 *
 * The colours the chart draws with now (they follow dark mode).
 */
void
kdl_chart_get_style (KdlChart      *self,
                     KdlChartStyle *style)
{
  g_return_if_fail (KDL_IS_CHART (self));
  g_return_if_fail (style != NULL);

  kdl_chart_style_init_from_widget (style, GTK_WIDGET (self));
}

guint
kdl_chart_get_n_items (KdlChart *self)
{
  KdlChartClass *klass;

  g_return_val_if_fail (KDL_IS_CHART (self), 0);

  klass = KDL_CHART_GET_CLASS (self);
  return klass->get_n_items != NULL ? klass->get_n_items (self) : 0;
}

/**
 * kdl_chart_get_item_at:
 * @x: in widget coordinates
 * @y: in widget coordinates
 *
 * Returns: the item under (@x, @y), or -1
 */
int
kdl_chart_get_item_at (KdlChart *self,
                       double    x,
                       double    y)
{
  g_return_val_if_fail (KDL_IS_CHART (self), -1);

  return kdl_chart_scene_item_at (kdl_chart_get_scene (self), x, y);
}

/**
 * kdl_chart_dup_item_text:
 *
 * Returns: (transfer full) (nullable): @item's exact values, as the
 *   tooltip shows them
 */
char *
kdl_chart_dup_item_text (KdlChart *self,
                         guint     item)
{
  KdlChartClass *klass;

  g_return_val_if_fail (KDL_IS_CHART (self), NULL);

  klass = KDL_CHART_GET_CLASS (self);
  if (item >= kdl_chart_get_n_items (self) || klass->describe_item == NULL)
    return NULL;

  return klass->describe_item (self, item);
}

/**
 * kdl_chart_get_summary:
 *
 * Returns: the accessible label: what the chart shows, in one sentence
 */
const char *
kdl_chart_get_summary (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  g_return_val_if_fail (KDL_IS_CHART (self), NULL);

  return priv->summary ? priv->summary : "";
}

int
kdl_chart_get_focus_item (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  g_return_val_if_fail (KDL_IS_CHART (self), -1);

  return priv->focus_item;
}

/**
 * kdl_chart_set_focus_item:
 * @item: the item the keyboard is on, or -1
 */
void
kdl_chart_set_focus_item (KdlChart *self,
                          int       item)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  g_return_if_fail (KDL_IS_CHART (self));

  if (item < -1 || item >= (int) kdl_chart_get_n_items (self))
    item = -1;

  if (item == priv->focus_item)
    return;

  priv->focus_item = item;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_ITEM]);
}

int
kdl_chart_get_hover_item (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  g_return_val_if_fail (KDL_IS_CHART (self), -1);

  return priv->hover_item;
}

/**
 * kdl_chart_activate_item:
 *
 * What a click on @item or Enter on it does: emits
 * #KdlChart::item-activated.
 */
void
kdl_chart_activate_item (KdlChart *self,
                         guint     item)
{
  g_return_if_fail (KDL_IS_CHART (self));
  g_return_if_fail (item < kdl_chart_get_n_items (self));

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
set_hover_item (KdlChart *self,
                int       item)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  if (item != priv->hover_item)
    {
      priv->hover_item = item;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           KdlChart                 *self)
{
  set_hover_item (self, kdl_chart_get_item_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion,
          KdlChart                 *self)
{
  set_hover_item (self, -1);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KdlChart        *self)
{
  int item = kdl_chart_get_item_at (self, x, y);

  if (item < 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  kdl_chart_set_focus_item (self, item);
  kdl_chart_activate_item (self, item);
}

static void
on_focus_enter (GtkEventControllerFocus *focus,
                KdlChart                *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  if (priv->focus_item < 0 && kdl_chart_get_n_items (self) > 0)
    kdl_chart_set_focus_item (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (GtkEventControllerFocus *focus,
                KdlChart                *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
move_focus (KdlChart *self,
            int       delta)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  int n = kdl_chart_get_n_items (self);

  if (n == 0)
    return;

  if (priv->focus_item < 0)
    kdl_chart_set_focus_item (self, delta >= 0 ? 0 : n - 1);
  else
    kdl_chart_set_focus_item (self, CLAMP (priv->focus_item + delta, 0, n - 1));
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  KdlChart *self = KDL_CHART (widget);

  if (g_str_equal (action_name, "chart.focus-next"))
    move_focus (self, 1);
  else if (g_str_equal (action_name, "chart.focus-previous"))
    move_focus (self, -1);
  else if (g_str_equal (action_name, "chart.focus-first"))
    move_focus (self, G_MININT / 2);
  else if (g_str_equal (action_name, "chart.focus-last"))
    move_focus (self, G_MAXINT / 2);
}

static void
activate_focused_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  KdlChart *self = KDL_CHART (widget);
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  if (priv->focus_item >= 0)
    kdl_chart_activate_item (self, priv->focus_item);
}

static void
activate_item_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  KdlChart *self = KDL_CHART (widget);
  guint item = g_variant_get_uint32 (param);

  if (item < kdl_chart_get_n_items (self))
    {
      kdl_chart_set_focus_item (self, item);
      kdl_chart_activate_item (self, item);
    }
}

static gboolean
kdl_chart_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard_tooltip,
                         GtkTooltip *tooltip)
{
  KdlChart *self = KDL_CHART (widget);
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  g_autofree char *text = NULL;
  const KdlChartRect *rect;
  int item;

  item = keyboard_tooltip ? priv->focus_item : kdl_chart_get_item_at (self, x, y);
  if (item < 0 || item >= (int) kdl_chart_scene_get_n_items (kdl_chart_get_scene (self)))
    return FALSE;

  text = kdl_chart_dup_item_text (self, item);
  if (text == NULL)
    return FALSE;

  rect = kdl_chart_scene_get_item_rect (kdl_chart_get_scene (self), item);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { rect->x, rect->y, rect->width, rect->height });

  return TRUE;
}

static void
kdl_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  KdlChart *self = KDL_CHART (widget);
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  KdlChartStyle style;
  KdlChartScene *scene;

  kdl_chart_style_init_from_widget (&style, widget);
  if (!kdl_chart_style_equal (&style, &priv->style))
    {
      priv->style = style;
      g_clear_pointer (&priv->node, gsk_render_node_unref);
    }

  scene = kdl_chart_get_scene (self);

  if (priv->node == NULL)
    {
      GtkSnapshot *sub = gtk_snapshot_new ();

      kdl_chart_scene_snapshot (scene, sub, &priv->style);
      priv->node = gtk_snapshot_free_to_node (sub);
    }

  if (priv->node != NULL)
    gtk_snapshot_append_node (snapshot, priv->node);

  if (priv->hover_item >= 0)
    kdl_chart_scene_snapshot_highlight (scene, snapshot, &priv->style, priv->hover_item, FALSE);
  if (priv->focus_item >= 0 && gtk_widget_has_visible_focus (widget))
    kdl_chart_scene_snapshot_highlight (scene, snapshot, &priv->style, priv->focus_item, TRUE);
}

static void
kdl_chart_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  KdlChart *self = KDL_CHART (widget);
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);

  if (priv->scene == NULL ||
      kdl_chart_scene_get_width (priv->scene) != width ||
      kdl_chart_scene_get_height (priv->scene) != height)
    drop_cache (self);
}

static void
kdl_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 360;
    }
  else
    {
      *minimum = 120;
      *natural = 220;
    }
}

static void
kdl_chart_system_setting_changed (GtkWidget        *widget,
                                  GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (kdl_chart_parent_class)->system_setting_changed (widget, setting);

  drop_cache (KDL_CHART (widget));
  gtk_widget_queue_draw (widget);
}

static void
kdl_chart_constructed (GObject *object)
{
  G_OBJECT_CLASS (kdl_chart_parent_class)->constructed (object);

  update_summary (KDL_CHART (object));
}

static void
kdl_chart_dispose (GObject *object)
{
  drop_cache (KDL_CHART (object));

  G_OBJECT_CLASS (kdl_chart_parent_class)->dispose (object);
}

static void
kdl_chart_finalize (GObject *object)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (KDL_CHART (object));

  g_clear_pointer (&priv->summary, g_free);

  G_OBJECT_CLASS (kdl_chart_parent_class)->finalize (object);
}

static void
kdl_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KdlChart *self = KDL_CHART (object);

  switch (prop_id)
    {
    case PROP_FOCUS_ITEM:
      g_value_set_int (value, kdl_chart_get_focus_item (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, kdl_chart_get_summary (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KdlChart *self = KDL_CHART (object);

  switch (prop_id)
    {
    case PROP_FOCUS_ITEM:
      kdl_chart_set_focus_item (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_bindings (GtkWidgetClass *widget_class,
              const guint    *keys,
              guint           n_keys,
              const char     *action)
{
  for (guint i = 0; i < n_keys; i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i], 0, action, NULL);
}

static void
kdl_chart_class_init (KdlChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint previous[] = { GDK_KEY_Left, GDK_KEY_KP_Left, GDK_KEY_Up, GDK_KEY_KP_Up };
  static const guint next[] = { GDK_KEY_Right, GDK_KEY_KP_Right, GDK_KEY_Down, GDK_KEY_KP_Down };
  static const guint first[] = { GDK_KEY_Home, GDK_KEY_KP_Home };
  static const guint last[] = { GDK_KEY_End, GDK_KEY_KP_End };
  static const guint activate[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                    GDK_KEY_space, GDK_KEY_KP_Space };

  object_class->constructed = kdl_chart_constructed;
  object_class->dispose = kdl_chart_dispose;
  object_class->finalize = kdl_chart_finalize;
  object_class->get_property = kdl_chart_get_property;
  object_class->set_property = kdl_chart_set_property;

  widget_class->snapshot = kdl_chart_snapshot;
  widget_class->size_allocate = kdl_chart_size_allocate;
  widget_class->measure = kdl_chart_measure;
  widget_class->query_tooltip = kdl_chart_query_tooltip;
  widget_class->system_setting_changed = kdl_chart_system_setting_changed;

  /**
   * KdlChart:focus-item:
   *
   * The item the keyboard is on (Left/Right move it, Enter activates
   * it), or -1.
   */
  properties[PROP_FOCUS_ITEM] =
    g_param_spec_int ("focus-item", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KdlChart:summary:
   *
   * What the chart shows, in one sentence: its accessible label.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdlChart::item-activated:
   * @item: the item clicked, or the focused item when Enter was pressed
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (KdlChartClass, item_activated),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "chart.focus-next", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "chart.focus-previous", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "chart.focus-first", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "chart.focus-last", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "chart.activate-focused", NULL, activate_focused_action);
  gtk_widget_class_install_action (widget_class, "chart.activate-item", "u", activate_item_action);

  add_bindings (widget_class, previous, G_N_ELEMENTS (previous), "chart.focus-previous");
  add_bindings (widget_class, next, G_N_ELEMENTS (next), "chart.focus-next");
  add_bindings (widget_class, first, G_N_ELEMENTS (first), "chart.focus-first");
  add_bindings (widget_class, last, G_N_ELEMENTS (last), "chart.focus-last");
  add_bindings (widget_class, activate, G_N_ELEMENTS (activate), "chart.activate-focused");

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kdl_chart_init (KdlChart *self)
{
  KdlChartPrivate *priv = kdl_chart_get_instance_private (self);
  GtkEventController *controller;

  priv->focus_item = -1;
  priv->hover_item = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
