/* kdl-chart-card.c
 *
 * A card: the chart's title, optional extra widgets beside it, a menu to
 * export the chart as PNG or SVG (the chart's own drawing code renders
 * the file: kdl_chart_export_async), the chart, and an optional footer
 * (the histogram's threshold slider).  Files get the size the chart has
 * on screen, at least EXPORT_MIN_WIDTH × EXPORT_MIN_HEIGHT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-scores"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-chart-card.h"

#define EXPORT_MIN_WIDTH  640
#define EXPORT_MIN_HEIGHT 400

struct _KdlChartCard
{
  AdwBin                parent_instance;

  char                 *file_name;
  KdlChart             *chart;
  GtkWidget            *footer;
  GtkWidget            *extra;

  GtkWidget            *box;
  GtkWidget            *header;
  GtkWidget            *title;
  GtkWidget            *menu_button;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (KdlChartCard, kdl_chart_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CHART,
  PROP_FOOTER,
  PROP_EXTRA,
  PROP_FILE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (KdlChartCard *self,
       const char   *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdlChartCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdl_chart_card_export_finish (self, result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The chart was not saved: %s"), error->message);
      toast (self, text);
      return;
    }

  toast (self, _("Chart saved"));
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     KdlChartCard    *self)
{
  KdlChartFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kdl-format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_clear_object (&self->chooser);

  if (file != NULL)
    kdl_chart_card_export_async (self, file, format, NULL, on_exported, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdlChartCard *self = KDL_CHART_CARD (widget);
  KdlChartFormat format = g_str_equal (action_name, "card.export-svg") ? KDL_CHART_FORMAT_SVG : KDL_CHART_FORMAT_PNG;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chart == NULL)
    return;

  name = g_strdup_printf ("%s.%s", self->file_name ? self->file_name : "chart",
                          format == KDL_CHART_FORMAT_SVG ? "svg" : "png");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (format == KDL_CHART_FORMAT_SVG ? _("Export Chart as SVG")
                                                                             : _("Export Chart as PNG"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  if (format == KDL_CHART_FORMAT_SVG)
    {
      gtk_file_filter_set_name (filter, _("SVG images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "kdl-format", GINT_TO_POINTER (format));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_chart_exported (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kdl_chart_export_finish (KDL_CHART (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kdl_chart_card_export_async:
 *
 * Writes the chart to @file at its size on screen (at least 640 × 400).
 */
void
kdl_chart_card_export_async (KdlChartCard        *self,
                             GFile               *file,
                             KdlChartFormat       format,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  int width, height;

  g_return_if_fail (KDL_IS_CHART_CARD (self));
  g_return_if_fail (KDL_IS_CHART (self->chart));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdl_chart_card_export_async);

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->chart)), EXPORT_MIN_WIDTH);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->chart)), EXPORT_MIN_HEIGHT);

  kdl_chart_export_async (self->chart, file, format, width, height, cancellable, on_chart_exported,
                          g_steal_pointer (&task));
}

gboolean
kdl_chart_card_export_finish (KdlChartCard  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (KDL_IS_CHART_CARD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kdl_chart_card_dispose (GObject *object)
{
  KdlChartCard *self = (KdlChartCard *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->chart = NULL;
  self->footer = NULL;
  self->extra = NULL;

  G_OBJECT_CLASS (kdl_chart_card_parent_class)->dispose (object);
}

static void
kdl_chart_card_finalize (GObject *object)
{
  KdlChartCard *self = (KdlChartCard *)object;

  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (kdl_chart_card_parent_class)->finalize (object);
}

static void
kdl_chart_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdlChartCard *self = KDL_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, kdl_chart_card_get_title (self));
      break;
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_FOOTER:
      g_value_set_object (value, self->footer);
      break;
    case PROP_EXTRA:
      g_value_set_object (value, self->extra);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_chart_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KdlChartCard *self = KDL_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      kdl_chart_card_set_title (self, g_value_get_string (value));
      break;
    case PROP_CHART:
      kdl_chart_card_set_chart (self, g_value_get_object (value));
      break;
    case PROP_FOOTER:
      kdl_chart_card_set_footer (self, g_value_get_object (value));
      break;
    case PROP_EXTRA:
      kdl_chart_card_set_extra (self, g_value_get_object (value));
      break;
    case PROP_FILE_NAME:
      kdl_chart_card_set_file_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdl_chart_card_class_init (KdlChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_chart_card_dispose;
  object_class->finalize = kdl_chart_card_finalize;
  object_class->get_property = kdl_chart_card_get_property;
  object_class->set_property = kdl_chart_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, KDL_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOOTER] =
    g_param_spec_object ("footer", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTRA] =
    g_param_spec_object ("extra", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The suggested file name, without extension. */
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "card.export-png", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "card.export-svg", NULL, export_action);
}

static void
kdl_chart_card_init (KdlChartCard *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("Export as _PNG…"), "card.export-png");
  g_menu_append (menu, _("Export as _SVG…"), "card.export-svg");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->title = gtk_label_new (NULL);
  self->menu_button = gtk_menu_button_new ();

  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_add_css_class (self->title, "heading");

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->menu_button, _("Export this chart"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export this chart"), -1);
  gtk_widget_add_css_class (self->menu_button, "flat");

  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);

  gtk_box_append (GTK_BOX (self->header), self->title);
  gtk_box_append (GTK_BOX (self->header), self->menu_button);
  gtk_box_append (GTK_BOX (self->box), self->header);
  adw_bin_set_child (ADW_BIN (self), self->box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

GtkWidget *
kdl_chart_card_new (void)
{
  return g_object_new (KDL_TYPE_CHART_CARD, NULL);
}

const char *
kdl_chart_card_get_title (KdlChartCard *self)
{
  g_return_val_if_fail (KDL_IS_CHART_CARD (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->title));
}

void
kdl_chart_card_set_title (KdlChartCard *self,
                          const char   *title)
{
  g_return_if_fail (KDL_IS_CHART_CARD (self));

  if (g_strcmp0 (title, kdl_chart_card_get_title (self)) == 0)
    return;

  gtk_label_set_text (GTK_LABEL (self->title), title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

KdlChart *
kdl_chart_card_get_chart (KdlChartCard *self)
{
  g_return_val_if_fail (KDL_IS_CHART_CARD (self), NULL);

  return self->chart;
}

void
kdl_chart_card_set_chart (KdlChartCard *self,
                          KdlChart     *chart)
{
  g_return_if_fail (KDL_IS_CHART_CARD (self));
  g_return_if_fail (chart == NULL || KDL_IS_CHART (chart));

  if (self->chart == chart)
    return;

  if (self->chart != NULL)
    gtk_box_remove (GTK_BOX (self->box), GTK_WIDGET (self->chart));
  self->chart = chart;
  if (chart != NULL)
    {
      gtk_widget_set_vexpand (GTK_WIDGET (chart), TRUE);
      gtk_widget_set_hexpand (GTK_WIDGET (chart), TRUE);
      gtk_box_insert_child_after (GTK_BOX (self->box), GTK_WIDGET (chart), self->header);
    }
  gtk_widget_set_sensitive (self->menu_button, chart != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

GtkWidget *
kdl_chart_card_get_footer (KdlChartCard *self)
{
  g_return_val_if_fail (KDL_IS_CHART_CARD (self), NULL);

  return self->footer;
}

void
kdl_chart_card_set_footer (KdlChartCard *self,
                           GtkWidget    *footer)
{
  g_return_if_fail (KDL_IS_CHART_CARD (self));

  if (self->footer == footer)
    return;

  if (self->footer != NULL)
    gtk_box_remove (GTK_BOX (self->box), self->footer);
  self->footer = footer;
  if (footer != NULL)
    gtk_box_append (GTK_BOX (self->box), footer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOOTER]);
}

GtkWidget *
kdl_chart_card_get_extra (KdlChartCard *self)
{
  g_return_val_if_fail (KDL_IS_CHART_CARD (self), NULL);

  return self->extra;
}

/* Beside the title, before the menu (a button, a switch…). */
void
kdl_chart_card_set_extra (KdlChartCard *self,
                          GtkWidget    *extra)
{
  g_return_if_fail (KDL_IS_CHART_CARD (self));

  if (self->extra == extra)
    return;

  if (self->extra != NULL)
    gtk_box_remove (GTK_BOX (self->header), self->extra);
  self->extra = extra;
  if (extra != NULL)
    gtk_box_insert_child_after (GTK_BOX (self->header), extra, self->title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

const char *
kdl_chart_card_get_file_name (KdlChartCard *self)
{
  g_return_val_if_fail (KDL_IS_CHART_CARD (self), NULL);

  return self->file_name;
}

void
kdl_chart_card_set_file_name (KdlChartCard *self,
                              const char   *file_name)
{
  g_return_if_fail (KDL_IS_CHART_CARD (self));

  if (g_strcmp0 (self->file_name, file_name) == 0)
    return;

  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_NAME]);
}
