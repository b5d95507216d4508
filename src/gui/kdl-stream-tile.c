/* kdl-stream-tile.c
 *
 * One runner slot.  An update appends only the text that arrived since the
 * last one (the slot's text only grows while it holds the same call) to
 * the tile's own buffer, which keeps only the tail —
 * KDL_STREAM_TILE_MAX_LINES lines and KDL_STREAM_TILE_MAX_CHARS characters
 * — so a tile costs the same however long the answer, and 32 of them stay
 * cheap.  A label shows it (measured at once, unlike a text view, whose
 * lines are laid out later in idles that a busy main loop starves), in a
 * scrolled window that keeps to the bottom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdl-stream-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "kdl-item-object.h"
#include "kdl-stream-tile.h"

struct _KdlStreamTile
{
  AdwBin         parent_instance;

  gint64         item_id;
  guint          attempt;
  gsize          received;     /* bytes of the slot's text already shown */
  glong          chars;        /* …in characters */
  gboolean       active;
  char          *title;

  GtkLabel      *title_label;
  GtkLabel      *size_label;
  GtkScrolledWindow *scroller;
  GtkLabel      *text_label;
  GString       *tail;         /* what the label shows */
};

G_DEFINE_FINAL_TYPE (KdlStreamTile, kdl_stream_tile, ADW_TYPE_BIN)

static void
kdl_stream_tile_finalize (GObject *object)
{
  KdlStreamTile *self = (KdlStreamTile *)object;

  g_free (self->title);
  g_string_free (self->tail, TRUE);

  G_OBJECT_CLASS (kdl_stream_tile_parent_class)->finalize (object);
}

static void
kdl_stream_tile_dispose (GObject *object)
{

  G_OBJECT_CLASS (kdl_stream_tile_parent_class)->dispose (object);
}

static void
kdl_stream_tile_class_init (KdlStreamTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdl_stream_tile_dispose;
  object_class->finalize = kdl_stream_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kindling/Kindling/kdl-stream-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, KdlStreamTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdlStreamTile, size_label);
  gtk_widget_class_bind_template_child (widget_class, KdlStreamTile, scroller);
  gtk_widget_class_bind_template_child (widget_class, KdlStreamTile, text_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The newest text is at the bottom: stay there as the label grows. */
static void
stick_to_bottom (GtkAdjustment *adjustment)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (gtk_adjustment_get_value (adjustment) != bottom)
    gtk_adjustment_set_value (adjustment, bottom);
}

static void
kdl_stream_tile_init (KdlStreamTile *self)
{
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tail = g_string_new (NULL);
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect (vadjustment, "changed", G_CALLBACK (stick_to_bottom), NULL);
  kdl_stream_tile_clear (self);
}

GtkWidget *
kdl_stream_tile_new (void)
{
  return g_object_new (KDL_TYPE_STREAM_TILE, NULL);
}

static void
set_title (KdlStreamTile *self,
           const char    *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
set_active (KdlStreamTile *self,
            gboolean       active)
{
  self->active = active;
  if (active)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "idle");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "idle");
}

/* An empty tile, waiting for a call. */
void
kdl_stream_tile_clear (KdlStreamTile *self)
{
  g_return_if_fail (KDL_IS_STREAM_TILE (self));

  self->item_id = 0;
  self->attempt = 0;
  self->received = 0;
  self->chars = 0;
  g_string_truncate (self->tail, 0);
  gtk_label_set_text (self->text_label, "");
  gtk_label_set_text (self->size_label, "");
  set_title (self, _("Waiting for a call"));
  set_active (self, FALSE);
}

/* Drops the head of the tail beyond the caps, at a character boundary. */
static void
trim (KdlStreamTile *self)
{
  GString *tail = self->tail;
  glong chars = g_utf8_strlen (tail->str, tail->len);
  guint lines = 1;
  gsize cut = 0;

  for (gsize i = tail->len; i > 0; i--)
    if (tail->str[i - 1] == '\n' && ++lines > KDL_STREAM_TILE_MAX_LINES)
      {
        cut = i;
        break;
      }

  if (chars > KDL_STREAM_TILE_MAX_CHARS)
    {
      const char *keep = g_utf8_offset_to_pointer (tail->str, chars - KDL_STREAM_TILE_MAX_CHARS);

      cut = MAX (cut, (gsize)(keep - tail->str));
    }

  if (cut > 0)
    g_string_erase (tail, 0, cut);
}

/**
 * kdl_stream_tile_update:
 * @slot: the runner's slot this tile shows
 *
 * Shows what changed in @slot since the last update.
 */
void
kdl_stream_tile_update (KdlStreamTile    *self,
                        const KdlRunSlot *slot)
{
  gsize len;

  g_return_if_fail (KDL_IS_STREAM_TILE (self));
  g_return_if_fail (slot != NULL);

  if (!slot->active)
    {
      if (self->active)
        {
          /* The answer stays in view, dimmed, until the next call. */
          set_active (self, FALSE);
          gtk_label_set_text (self->size_label, _("finished"));
        }
      return;
    }

  len = slot->text->len;
  if (slot->item_id != self->item_id || slot->attempt != self->attempt || len < self->received ||
      !self->active)
    {
      g_autofree char *title = NULL;

      /* Another call took the slot (or the same item started again). */
      if (slot->attempt > 1)
        /* TRANSLATORS: a call in flight: row, sample, stage and attempt,
         * e.g. "Row 12 #1 · Generate · try 2" */
        title = g_strdup_printf (_("Row %u #%u · %s · try %u"), slot->row, slot->variant + 1,
                                 kdl_item_stage_label (slot->stage), slot->attempt);
      else
        /* TRANSLATORS: a call in flight: row, sample and stage */
        title = g_strdup_printf (_("Row %u #%u · %s"), slot->row, slot->variant + 1, kdl_item_stage_label (slot->stage));

      self->item_id = slot->item_id;
      self->attempt = slot->attempt;
      self->received = 0;
      self->chars = 0;
      g_string_truncate (self->tail, 0);
      gtk_label_set_text (self->text_label, "");
      gtk_label_set_text (self->size_label, _("waiting"));
      set_title (self, title);
      set_active (self, TRUE);
    }

  if (len > self->received)
    {
      g_autofree char *size = NULL;

      g_string_append_len (self->tail, slot->text->str + self->received, len - self->received);
      self->chars += g_utf8_strlen (slot->text->str + self->received, len - self->received);
      self->received = len;
      trim (self);
      gtk_label_set_text (self->text_label, self->tail->str);

      /* TRANSLATORS: characters received so far */
      size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld character", "%ld characters", self->chars),
                              self->chars);
      gtk_label_set_text (self->size_label, size);
    }
}

/* Returns: (transfer full): the text the tile shows (the tail) */
char *
kdl_stream_tile_dup_text (KdlStreamTile *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_TILE (self), NULL);

  return g_strdup (gtk_label_get_text (self->text_label));
}

/* Bytes of the current call's answer received so far. */
gsize
kdl_stream_tile_get_received (KdlStreamTile *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_TILE (self), 0);

  return self->received;
}

gint64
kdl_stream_tile_get_item_id (KdlStreamTile *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_TILE (self), 0);

  return self->item_id;
}

gboolean
kdl_stream_tile_get_active (KdlStreamTile *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_TILE (self), FALSE);

  return self->active;
}

const char *
kdl_stream_tile_get_title (KdlStreamTile *self)
{
  g_return_val_if_fail (KDL_IS_STREAM_TILE (self), NULL);

  return self->title;
}
